/**
 * The fields of an error body that say why a request failed. Every API spells them differently (OAuth
 * `error`/`error_description`, RFC 7807 `title`/`detail`, Google and OpenAI nest them under `error`,
 * GraphQL and Twitter put them in `errors[]`, AWS in XML or `__type`), so this reads all of those into one
 * shape; the rules then never care which style the provider used.
 */
import type { ErrorBody } from '../evidence.js';
import { parseJsonContainer } from '../json.js';
import type { Fragment, Segment } from '../raw.js';
import { ObjectSpanScanner, parseLoose } from './embedded-json.js';

export type ExtractedErrorBody = Omit<ErrorBody, 'text' | 'line'>;

/**
 * What each body read during the current paste said. A log's body is read when the log is scanned, again
 * when it is kept, and again when the evidence is built; reading it (often with the tolerant parser) is
 * most of the cost of a log.
 */
const remembered = new Map<string, ExtractedErrorBody | undefined>();
const MAX_REMEMBERED = 256;

/** Forgets the bodies read so far: `intake` calls it around each paste. */
export function forgetErrorBodies(): void {
  remembered.clear();
}

/** The error fields of a body. The result may be shared between callers: copy it, never change it. */
export function extractErrorBody(text: string): ExtractedErrorBody | undefined {
  const known = remembered.get(text);
  if (known !== undefined || remembered.has(text)) return known;
  const fields = readErrorBody(text);
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(text, fields);
  return fields;
}

function readErrorBody(text: string): ExtractedErrorBody | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const whole = parseStrict(trimmed);
    if (whole !== undefined) return fromValue(whole);
  }
  const embedded = fromEmbeddedObject(text, trimmed);
  if (embedded !== undefined) return embedded;
  return trimmed.startsWith('<') || trimmed.includes('</') ? fromMarkup(trimmed) : undefined;
}

/** A segment the detector found to be a body: reported only when it reads as an error body. */
export function parseErrorBody(segment: Segment): Fragment {
  const fields = extractErrorBody(segment.text);
  if (fields === undefined) return {};
  return {
    kinds: ['json_body'],
    bodies: [
      {
        text: segment.text,
        line: segment.startLine,
        ...(fields.status === undefined ? {} : { status: fields.status }),
      },
    ],
  };
}

function parseStrict(text: string): unknown {
  // Most `{…}` in logs and code are JS objects, not JSON: the pre-check spares them a thrown SyntaxError.
  return parseJsonContainer(text);
}

/** `notJson`: a text already known not to parse as JSON (the whole trimmed body), not to parse twice. */
function fromEmbeddedObject(text: string, notJson: string): ExtractedErrorBody | undefined {
  // One span at a time: the error object usually comes first, and the rest of a long body is not scanned.
  const spans = new ObjectSpanScanner(text);
  for (let span = spans.next(); span !== undefined; span = spans.next()) {
    const slice = text.slice(span.start, span.end);
    const value = (slice === notJson ? undefined : parseStrict(slice)) ?? parseLoose(slice)?.value;
    const fields = value === undefined ? undefined : fromValue(value);
    if (fields !== undefined) return fields;
  }
  const unclosed = spans.unclosed;
  if (unclosed === undefined) return undefined;
  const partial = parseLoose(text, unclosed);
  return partial === undefined ? undefined : fromValue(partial.value);
}

type Fields = { -readonly [K in keyof ExtractedErrorBody]: ExtractedErrorBody[K] };

/** Case-insensitive view of an object's own keys: AWS says `Message`, others `message`. */
type Keys = Map<string, unknown>;

function keysOf(value: unknown): Keys | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys: Keys = new Map();
  for (const [k, v] of Object.entries(value)) {
    const lower = k.toLowerCase();
    if (!keys.has(lower)) keys.set(lower, v);
  }
  return keys;
}

function fromValue(value: unknown): ExtractedErrorBody | undefined {
  const root = Array.isArray(value) ? value.find((v) => keysOf(v) !== undefined) : value;
  const top = keysOf(root);
  if (top === undefined) return undefined;
  const nested = keysOf(top.get('error'));
  const errors = top.get('errors');
  const first = keysOf(Array.isArray(errors) ? errors[0] : undefined);
  const extensions = keysOf(first?.get('extensions'));
  const out: Fields = { json: true };

  const error = text(top.get('error'));
  if (error !== undefined) out.error = error;
  const errorDescription = text(top.get('error_description')) ?? text(top.get('errordescription'));
  if (errorDescription !== undefined) out.errorDescription = errorDescription;

  const message =
    problemMessage(top) ??
    firstText(top, ['message', 'msg', 'error_message', 'errormessage']) ??
    firstText(nested, ['message', 'reason', 'error_description']) ??
    firstText(top, ['reason']) ??
    firstText(first, ['message', 'detail', 'title']) ??
    text(errors);
  if (message !== undefined) out.message = message;
  // `description` names a field in many request payloads; only Telegram-style error bodies mean the error.
  const describes = top.has('ok') || top.has('error_code');
  const description = describes ? text(top.get('description')) : undefined;
  if (out.message === undefined && description !== undefined) out.message = description;

  const codes = [
    top.get('code'),
    top.get('errorcode'),
    top.get('error_code'),
    nested?.get('code'),
    first?.get('code'),
    extensions?.get('code'),
  ];
  const named =
    codes.find((c): c is string => typeof c === 'string' && c !== '') ??
    awsType(top.get('__type')) ??
    screaming(top.get('status')) ??
    screaming(nested?.get('status')) ??
    errorDescription?.match(/\bAADSTS\d+/)?.[0];
  const numeric = codes.find((c): c is number => typeof c === 'number');

  const status =
    httpStatus(top.get('status')) ??
    httpStatus(top.get('statuscode')) ??
    httpStatus(top.get('status_code')) ??
    httpStatus(nested?.get('status')) ??
    httpStatus(numeric);
  if (status !== undefined) out.status = status;
  const code = named ?? numeric;
  if (code !== undefined) out.code = code;

  const type = firstText(nested, ['type']) ?? firstText(top, ['type']);
  if (type !== undefined && type !== 'about:blank') out.type = type;
  const ok = top.get('ok');
  if (typeof ok === 'boolean') out.ok = ok;

  const says =
    out.error !== undefined ||
    out.errorDescription !== undefined ||
    out.message !== undefined ||
    out.code !== undefined ||
    (out.status !== undefined && out.status >= 400) ||
    out.ok === false;
  return says ? out : undefined;
}

/** RFC 7807: `title` is the kind of problem, `detail` this occurrence; a user wants both. */
function problemMessage(top: Keys): string | undefined {
  const title = text(top.get('title'));
  const detail = text(top.get('detail'));
  if (title !== undefined && detail !== undefined && title !== detail) return `${title}: ${detail}`;
  return detail ?? (top.has('type') || top.has('status') ? title : undefined);
}

function firstText(keys: Keys | undefined, names: string[]): string | undefined {
  if (keys === undefined) return undefined;
  for (const name of names) {
    const found = text(keys.get(name));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A non-empty string, or a list of strings (NestJS validation sends `message: ["a", "b"]`). */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) {
    return value.join('; ');
  }
  return undefined;
}

function httpStatus(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

/** Google's `"status": "UNAUTHENTICATED"`, Maps' `"REQUEST_DENIED"`: an error code, not an HTTP status. */
function screaming(value: unknown): string | undefined {
  return typeof value === 'string' && /^[A-Z][A-Z0-9_]{2,}$/.test(value) ? value : undefined;
}

/** `com.amazon.coral.service#UnrecognizedClientException` → `UnrecognizedClientException`. */
function awsType(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return value.slice(value.lastIndexOf('#') + 1) || undefined;
}

/**
 * XML error documents: AWS and Azure (`<Code>`, `<Message>`), SOAP faults (Salesforce), and the HTML page
 * a proxy or web server sends (`<title>401 Authorization Required</title>`).
 */
function fromMarkup(markup: string): ExtractedErrorBody | undefined {
  const lower = markup.toLowerCase();
  const out: Fields = { json: false };
  const code = element(markup, lower, 'code') ?? element(markup, lower, 'faultcode');
  if (code !== undefined) out.code = code;
  const message = element(markup, lower, 'message') ?? element(markup, lower, 'faultstring');
  if (message !== undefined) out.message = message;
  const type = element(markup, lower, 'type');
  if (type !== undefined) out.type = type;
  const detail = element(markup, lower, 'authenticationerrordetail');
  if (detail !== undefined) out.errorDescription = detail;
  const title = element(markup, lower, 'title')?.match(/^(\d{3})\s+(\S.*|[^\S\n\r\u2028\u2029])$/);
  if (title?.[1] !== undefined && title[2] !== undefined) {
    out.status = Number(title[1]);
    out.message ??= title[2];
  }
  return out.code !== undefined || out.message !== undefined ? out : undefined;
}

/** The text of the first `<name>` or `<ns:name>` element, entities decoded. */
function element(markup: string, lower: string, name: string): string | undefined {
  let at = lower.indexOf(`${name}>`);
  while (at !== -1) {
    // Only a short look back, so text full of `code>` without `<` stays linear.
    const before = lower.slice(Math.max(0, at - 32), at);
    const lt = before.lastIndexOf('<');
    const prefix = lt === -1 ? '/' : before.slice(lt + 1);
    if (/^(?:[a-z0-9_-]+:)?$/.test(prefix)) {
      const start = at + name.length + 1;
      const end = markup.indexOf('<', start);
      const value = decodeEntities(markup.slice(start, end === -1 ? undefined : end)).trim();
      return value === '' ? undefined : value;
    }
    at = lower.indexOf(`${name}>`, at + 1);
  }
  return undefined;
}

function decodeEntities(value: string): string {
  return value.replace(/&(quot|amp|lt|gt|apos|#\d{1,6});/g, (_, e: string) => {
    if (e.startsWith('#')) return String.fromCodePoint(Math.min(Number(e.slice(1)), 0x10ffff));
    return { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" }[e] ?? '';
  });
}
