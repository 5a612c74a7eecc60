/**
 * Client errors in free text: stack traces, CLI output, logs with prose around them. Each line goes through
 * the per-client recognisers in `client-log-lines.ts`; this module adds what spans lines: Node object dumps
 * after an AxiosError or fetch `Response`, JSON bodies printed in the log, loose `WWW-Authenticate` lines,
 * and tools that spread one failure over several lines (npm, git).
 */
import { note } from '../notes.js';
import type { Fragment, RawBodyText, RawClientError, RawExchange, RawHeader, Segment } from '../raw.js';
import { type Client, GENERIC, type LineHit, MATCHERS } from './client-log-lines.js';
import { findObjectSpans } from './embedded-json.js';
import { extractErrorBody } from './error-body.js';
import { type DumpEntry, readDump } from './inspect-dump.js';

/** Longer lines are matched on their start only: the clue is always near the beginning. */
const PROBE_LENGTH = 4000;
const MAX_ERRORS = 100;
const MAX_MESSAGE = 500;
/** Lines of the same tool this close together are one failure (`npm ERR! code E401` … `npm ERR! 401 …`). */
const MERGE_WINDOW = 6;
const MERGEABLE = new Set<Client>(['npm', 'git', 'docker', 'undici']);
const CHALLENGE_LINE = /^(?:[<>] ?)?["']?www-authenticate["']?\s?[:=] ?(.+)$/i;
const STACK_FRAME = /^\s+at /;
const DUMP_FIELD = /^\s+['"]?[\w-]+['"]?: /;

interface Found extends RawClientError {
  lastLine: number;
  weak: boolean;
}

interface BodySpan {
  start: number;
  end: number;
  text: string;
  status?: number;
  firstLine: number;
}

export function parseClientLog(segment: Segment): Fragment {
  return new LogScanner(segment).run();
}

class LogScanner {
  readonly #segment: Segment;
  readonly #text: string;
  readonly #lines: string[];
  readonly #starts: number[] = [];
  readonly #errors: Found[] = [];
  readonly #bodies: RawBodyText[] = [];
  readonly #bodyTexts = new Set<string>();
  readonly #challenges: { value: string; line?: number }[] = [];
  readonly #exchanges: RawExchange[] = [];
  readonly #seen = new Set<string>();
  #dropped = 0;

  constructor(segment: Segment) {
    this.#segment = segment;
    this.#text = segment.text;
    this.#lines = segment.text.split('\n');
    let offset = 0;
    for (const line of this.#lines) {
      this.#starts.push(offset);
      offset += line.length + 1;
    }
  }

  run(): Fragment {
    const spans = this.#bodySpans();
    const bodyLines = new Set<number>();
    for (const span of spans) {
      const endLine = this.#lineAt(span.end - 1);
      const ownLine = (this.#lines[span.firstLine] ?? '').trimStart().startsWith('{');
      for (let l = ownLine ? span.firstLine : span.firstLine + 1; l <= endLine; l++) bodyLines.add(l);
    }
    const dumped: { start: number; end: number }[] = [];
    for (let i = 0; i < this.#lines.length; i++) {
      if (bodyLines.has(i)) continue;
      const raw = this.#lines[i] ?? '';
      const line = (raw.length > PROBE_LENGTH ? raw.slice(0, PROBE_LENGTH) : raw).trim();
      if (line === '') continue;
      const challenge = CHALLENGE_LINE.exec(line);
      if (challenge?.[1] !== undefined) {
        this.#challenges.push({ value: unquote(challenge[1]), line: this.#lineNumber(i) });
        continue;
      }
      const hit = this.#match(line, i);
      if (hit === undefined) continue;
      let last = hit.through ?? i;
      if (hit.dump) {
        const dump = this.#dump(hit, i);
        if (dump !== undefined) {
          dumped.push(dump);
          last = Math.max(last, this.#lineAt(dump.end - 1));
        }
      }
      if (hit.body !== undefined) this.#addBody(hit.body, hit.status, i);
      if (hit.challenge !== undefined)
        this.#challenges.push({ value: hit.challenge, line: this.#lineNumber(i) });
      this.#record(hit, i, last);
      i = last;
    }
    for (const span of spans) {
      if (dumped.some((d) => span.start >= d.start && span.start < d.end)) continue;
      this.#addBody(span.text, span.status ?? this.#statusNear(span.firstLine), span.firstLine);
    }
    return this.#fragment();
  }

  #match(line: string, index: number): LineHit | undefined {
    for (const matcher of MATCHERS) {
      const hit = matcher(line, this.#lines, index);
      if (hit !== undefined) return hit;
    }
    return GENERIC(line, this.#lines, index);
  }

  /** Top-level `{…}` regions of the log that read as error bodies. */
  #bodySpans(): BodySpan[] {
    const out: BodySpan[] = [];
    for (const span of findObjectSpans(this.#text).spans) {
      const text = this.#text.slice(span.start, span.end);
      const fields = extractErrorBody(text);
      if (fields === undefined) continue;
      out.push({ ...span, text, status: fields.status, firstLine: this.#lineAt(span.start) });
    }
    return out;
  }

  /**
   * The object Node prints after an error: on the error's own line (`Response { … }`), or opened at the
   * end of its last stack frame (`    at process.processTicksAndRejections (…) {`).
   */
  #dump(hit: LineHit, index: number): { start: number; end: number } | undefined {
    let open = -1;
    let implicit = false;
    const own = this.#lines[index] ?? '';
    if (own.includes('{')) {
      open = (this.#starts[index] ?? 0) + own.indexOf('{');
    } else {
      let j = index + 1;
      while (j < this.#lines.length && STACK_FRAME.test(this.#lines[j] ?? '')) j++;
      const frame = this.#lines[j - 1] ?? '';
      if (j > index + 1 && frame.trimEnd().endsWith('{')) {
        open = (this.#starts[j - 1] ?? 0) + frame.lastIndexOf('{');
      } else if (j === index + 1 && DUMP_FIELD.test(this.#lines[j] ?? '')) {
        // The stack and the opening brace were trimmed from the paste; the fields are still there.
        open = this.#starts[j] ?? -1;
        implicit = true;
      }
    }
    if (open < 0 || (!implicit && this.#text[open] !== '{')) return undefined;
    const dump = readDump(this.#text, open, implicit);
    this.#applyDump(hit, dump.entries, open, dump.end, index);
    return { start: open, end: dump.end };
  }

  #applyDump(hit: LineHit, entries: DumpEntry[], start: number, end: number, index: number): void {
    const find = (key: string, ...paths: string[][]): DumpEntry | undefined => {
      for (const path of paths) {
        const found = entries.find((e) => e.key === key && samePath(e.path, path));
        if (found !== undefined) return found;
      }
      return entries.find((e) => e.key === key && e.value !== undefined);
    };
    const status = find('status', [], ['response'])?.value;
    if (typeof status === 'number' && hit.status === undefined) hit.status = status;
    const code = find('code', [])?.value;
    if (typeof code === 'string' && hit.code === undefined) hit.code = code;
    const url = find('url', ['config'], [])?.value;
    if (typeof url === 'string' && url !== '' && hit.url === undefined) hit.url = url;
    const method = find('method', ['config'], [])?.value;
    if (typeof method === 'string' && hit.method === undefined) hit.method = method.toUpperCase();
    const statusText = find('statusText', ['response'], [])?.value;
    if (hit.client === 'fetch' && typeof statusText === 'string' && statusText !== '')
      hit.message = statusText;
    if (hit.client === 'undici') {
      const cause = /^[ \t]*(?:\[cause\]|cause): (.+?)(?: \{)?$/m.exec(
        this.#text.slice(start, Math.min(end, start + 20_000)),
      );
      if (cause?.[1] !== undefined) hit.message = `fetch failed: ${cause[1]}`;
    }

    const requestHeaders = headersAt(entries, ['config', 'headers']);
    const responseHeaders = headersAt(
      entries,
      hit.client === 'fetch' ? ['headers'] : ['response', 'headers'],
    );
    for (const h of responseHeaders) {
      if (h.name.toLowerCase() === 'www-authenticate') {
        this.#challenges.push({ value: h.value, line: this.#lineNumber(index) });
      }
    }
    const data = find('data', ['response']);
    const body =
      data?.start !== undefined && data.end !== undefined
        ? this.#text.slice(data.start, data.end)
        : typeof data?.value === 'string' && data.value !== 'undefined'
          ? data.value
          : undefined;
    if (body !== undefined && body !== '')
      this.#addBody(body, hit.status, this.#lineAt(data?.start ?? start));

    if (requestHeaders.length === 0 && responseHeaders.length === 0) return;
    const exchange: RawExchange = { source: 'error_log', line: this.#lineNumber(index) };
    exchange.request = { headers: requestHeaders };
    if (hit.method !== undefined) exchange.request.method = hit.method;
    if (hit.url !== undefined) exchange.request.url = hit.url;
    if (hit.status !== undefined) {
      exchange.response = { status: hit.status, headers: responseHeaders };
      if (typeof statusText === 'string' && statusText !== '') exchange.response.statusText = statusText;
      if (body !== undefined && body !== '') exchange.response.body = body;
    }
    this.#exchanges.push(exchange);
  }

  #addBody(text: string, status: number | undefined, index: number): void {
    const trimmed = text.trim();
    if (this.#bodyTexts.has(trimmed) || extractErrorBody(trimmed) === undefined) return;
    this.#bodyTexts.add(trimmed);
    const body: RawBodyText = { text: trimmed, line: this.#lineNumber(index) };
    if (status !== undefined) body.status = status;
    this.#bodies.push(body);
  }

  #record(hit: LineHit, index: number, last: number): void {
    const previous = this.#errors.at(-1);
    if (previous !== undefined && canMerge(previous, hit, index)) {
      merge(previous, hit);
      previous.lastLine = last;
      return;
    }
    const message = hit.message.length > MAX_MESSAGE ? `${hit.message.slice(0, MAX_MESSAGE)}…` : hit.message;
    const url = hit.url ?? urlIn(this.#lines[index] ?? '');
    const key = [hit.client, hit.status, message, url].join('\u0000');
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    if (this.#errors.length >= MAX_ERRORS) {
      this.#dropped++;
      return;
    }
    const found: Found = {
      client: hit.client,
      message,
      line: this.#lineNumber(index),
      lastLine: last,
      weak: !!hit.weak,
    };
    if (hit.status !== undefined) found.status = hit.status;
    if (url !== undefined) found.url = url;
    if (hit.method !== undefined) found.method = hit.method;
    if (hit.code !== undefined) found.code = hit.code;
    this.#errors.push(found);
  }

  /** Status of the client error reported on this line or just above it, for a body printed under it. */
  #statusNear(index: number): number | undefined {
    const first = this.#lineNumber(index - 3);
    const own = this.#lineNumber(index);
    for (let e = this.#errors.length - 1; e >= 0; e--) {
      const error = this.#errors[e];
      if (error?.line === undefined || error.line > own) continue;
      if (error.line < first) break;
      if (error.status !== undefined) return error.status;
    }
    return undefined;
  }

  #fragment(): Fragment {
    const fragment: Fragment = {};
    if (this.#errors.length > 0 || this.#bodies.length > 0 || this.#exchanges.length > 0) {
      fragment.kinds = ['error_log'];
    }
    if (this.#challenges.length > 0) fragment.kinds = [...(fragment.kinds ?? []), 'www_authenticate'];
    if (this.#errors.length > 0) {
      fragment.clientErrors = this.#errors.map(({ lastLine: _, weak: __, ...error }) => error);
    }
    if (this.#bodies.length > 0) fragment.bodies = this.#bodies;
    if (this.#challenges.length > 0) fragment.challenges = this.#challenges;
    if (this.#exchanges.length > 0) fragment.exchanges = this.#exchanges;
    if (this.#dropped > 0) {
      fragment.notes = [
        note(
          'client_log.too_many_errors',
          `The log holds more than ${MAX_ERRORS} client errors; ${this.#dropped} more were not read.`,
        ),
      ];
    }
    return fragment;
  }

  #lineNumber(index: number): number {
    return this.#segment.startLine + Math.max(0, index);
  }

  /** Index of the line holding `offset`, by binary search over line starts. */
  #lineAt(offset: number): number {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.#starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

function canMerge(previous: Found, hit: LineHit, index: number): boolean {
  if (previous.client !== hit.client || !MERGEABLE.has(hit.client)) return false;
  const previousIndex = previous.lastLine;
  if (index - previousIndex > MERGE_WINDOW) return false;
  if (previous.status !== undefined && hit.status !== undefined && previous.status !== hit.status)
    return false;
  return previous.url === undefined || hit.url === undefined || previous.url === hit.url;
}

function merge(previous: Found, hit: LineHit): void {
  if (previous.weak && !hit.weak) {
    previous.message = hit.message;
    previous.weak = false;
  } else if (!hit.weak && !previous.message.includes(hit.message)) {
    previous.message = `${previous.message}; ${hit.message}`.slice(0, MAX_MESSAGE);
  }
  previous.status ??= hit.status;
  previous.url ??= hit.url;
  previous.method ??= hit.method;
  previous.code ??= hit.code;
}

function samePath(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

function headersAt(entries: DumpEntry[], path: string[]): RawHeader[] {
  const out: RawHeader[] = [];
  for (const e of entries) {
    if (e.value === undefined || !samePath(e.path, path)) continue;
    out.push({ name: e.key, value: String(e.value) });
  }
  return out;
}

/** The first http(s) URL in a line, without the punctuation prose puts after it. */
function urlIn(line: string): string | undefined {
  const m = /\bhttps?:\/\/[^\s"'`<>]+/.exec(line);
  return m?.[0].replace(/(?<![.,;:)\]}])[.,;:)\]}]+$/, '');
}

function unquote(value: string): string {
  const v = value.trim().replace(/,$/, '');
  const first = v[0];
  return (first === '"' || first === "'") && v.endsWith(first) && v.length >= 2 ? v.slice(1, -1) : v;
}
