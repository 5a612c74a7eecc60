/**
 * HTTP requests and responses as people copy them: raw messages (Burp, mitmproxy, Charles, Firefox "Copy
 * Request Headers", devtools "view source"), Chrome's Headers pane (General block, `:authority` pseudo
 * headers, sections that paste as `name` / `value` line pairs) and the Postman console. One line-driven
 * state machine; each request plus the response after it becomes one exchange.
 */
import { isCredentialKey, isCredentialParam } from '../credentials/names.js';
import { type Note, note } from '../notes.js';
import type {
  Fragment,
  RawBodyText,
  RawExchange,
  RawHeader,
  RawLooseCredential,
  RawRequest,
  RawResponse,
  Segment,
} from '../raw.js';
import {
  addHeaderLine,
  bodyCutShort,
  finishBody,
  guessScheme,
  headerValue,
  parseHeaderLine,
  parseRequestLine,
  parseStatusLine,
  type RequestLine,
  rawBody,
  requestUrl,
  splitLines,
} from './header-lines.js';

type Label =
  | 'general'
  | 'request'
  | 'response'
  | 'request_body'
  | 'response_body'
  | 'skip'
  | 'provisional'
  | 'ignore';
type Mode = 'none' | 'general' | 'request' | 'response' | 'request_body' | 'response_body' | 'skip';

const LABELS = new Map<string, Label>([
  ['general', 'general'],
  ['request', 'request'],
  ['request headers', 'request'],
  ['request header', 'request'],
  ['response', 'response'],
  ['response headers', 'response'],
  ['response header', 'response'],
  ['payload', 'request_body'],
  ['request payload', 'request_body'],
  ['form data', 'request_body'],
  ['request body', 'request_body'],
  ['response body', 'response_body'],
  ['query string parameters', 'skip'],
  ['request cookies', 'skip'],
  ['response cookies', 'skip'],
  ['cookies', 'skip'],
  ['timing', 'skip'],
  ['network', 'skip'],
  ['view source', 'ignore'],
  ['view parsed', 'ignore'],
  ['raw', 'ignore'],
  ['learn more', 'ignore'],
]);
const LABEL_SUFFIXES = ['view source', 'view parsed', 'raw'];
const GENERAL_NAMES = new Set([
  'request url',
  'request method',
  'status code',
  'remote address',
  'referrer policy',
]);
const NAME_ONLY = /^:?[!#$%&'*+\-.^_`|~0-9A-Za-z]+:?$/;
/** Postman console and REST Client `.http` files: no HTTP version, an absolute or `{{host}}` target. */
const POSTMAN_REQUEST = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) +((?:https?:\/\/|\{\{)\S+)$/;
/** REST Client: `###` (optionally followed by a title) ends one request and starts the next. */
const REST_SEPARATOR = /^###(?:\s|$)/;
/** REST Client file variables, `@token = value`; `{{token}}` in a request stays a template. */
const REST_VARIABLE = /^@([A-Za-z_][\w.-]{0,63})\s*=\s*(?!\s)(.*)$/;
/** REST Client comments and request settings (`# @name login`, `// @no-redirect`) between requests. */
const TEMPLATE_VARIABLE = /\{\{\s{0,4}([A-Za-z_][\w.-]{0,63})\s{0,4}\}\}/g;
const REST_COMMENT = /^(?:#|\/\/)/;
const BARE_STATUS = /^(\d{3})(?: +([A-Za-z][A-Za-z -]*))?$/;
const GENERAL_STATUS = /^(\d{3})(?: +(?! )(.*))?$/;
const METRIC = /^\d+(?:\.\d+)? ?(?:ms|s|B|KB|kB|MB)$/;
/** Headers only a server sends: a header list with one of these and no start line is a response's. */
const RESPONSE_ONLY = new Set([
  'www-authenticate',
  'proxy-authenticate',
  'set-cookie',
  'server',
  'location',
  'etag',
  'last-modified',
  'age',
  'vary',
  'retry-after',
  'strict-transport-security',
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-headers',
  'access-control-allow-methods',
  'access-control-expose-headers',
]);
/** Headers only a client sends. */
const REQUEST_ONLY = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'user-agent',
  'accept',
  'origin',
  'referer',
  'x-api-key',
]);
const MAX_LINE_NOTES = 5;

interface RequestDraft {
  startLine?: RequestLine;
  /** Chrome's `Request URL` / `Request Method`. */
  url?: string;
  method?: string;
  pseudo: Partial<Record<'authority' | 'method' | 'path' | 'scheme', string>>;
  headers: RawHeader[];
  body: string[];
}

interface ResponseDraft {
  startLineSeen: boolean;
  status?: number;
  statusText?: string;
  httpVersion?: string;
  headers: RawHeader[];
  body: string[];
}

interface Draft {
  line: number;
  request?: RequestDraft;
  response?: ResponseDraft;
}

export function parseHttpMessages(segment: Segment): Fragment {
  return new MessageReader(segment).run();
}

class MessageReader {
  readonly #segment: Segment;
  readonly #lines: string[];
  readonly #drafts: Draft[] = [];
  readonly #notes: Note[] = [];
  #current: Draft | undefined;
  #mode: Mode = 'none';
  /** Headers after an unlabelled General block: Chrome lists response headers, then request headers. */
  #inferSections = false;
  #lastHeaderName = '';
  #unreadableCount = 0;
  readonly #loose: RawLooseCredential[] = [];
  readonly #plainVariables = new Map<string, string>();

  constructor(segment: Segment) {
    this.#segment = segment;
    this.#lines = splitLines(segment.text);
  }

  run(): Fragment {
    const lines = this.#lines;
    let i = 0;
    while (i < lines.length) {
      const trimmed = lines[i]!.trim();
      if (trimmed === '') {
        this.#blank(i);
        i++;
        continue;
      }
      if (this.#restFileLine(trimmed, i)) {
        i++;
        continue;
      }
      if (
        (this.#mode === 'request_body' || this.#mode === 'response_body') &&
        !this.#startsMessage(trimmed)
      ) {
        this.#bodyLines(i).push(lines[i]!);
        i++;
        continue;
      }
      if (this.#structureLine(trimmed, i)) {
        i++;
        continue;
      }
      if (this.#mode === 'skip' || METRIC.test(trimmed) || this.#bareStatus(trimmed)) {
        i++;
        continue;
      }
      if (/^[{[<]/.test(trimmed)) {
        this.#mode = this.#mode === 'request' ? 'request_body' : 'response_body';
        continue;
      }
      const end = this.#blockEnd(i);
      this.#block(i, end);
      i = end;
    }
    return this.#finish();
  }

  #lineNo(index: number): number {
    return this.#segment.startLine + index;
  }

  /**
   * REST Client structure: a `###` separator ends the message in progress (a body too); between requests,
   * `@name = value` variables and comments are read or skipped. A variable with a credential's name
   * (`@token = …`) is a credential of the paste even though the requests only say `{{token}}`.
   */
  #restFileLine(trimmed: string, index: number): boolean {
    if (REST_SEPARATOR.test(trimmed)) {
      this.#current = undefined;
      this.#mode = 'none';
      return true;
    }
    if (this.#mode !== 'none') return false;
    const variable = REST_VARIABLE.exec(trimmed);
    if (variable !== null) {
      const name = variable[1]!;
      const value = variable[2]!.trim();
      if (value !== '' && (isCredentialParam(name) || isCredentialKey(name))) {
        this.#loose.push({ value, name, context: 'env', line: this.#lineNo(index) });
      } else if (!value.includes('{{')) {
        this.#plainVariables.set(name, value);
      }
      return true;
    }
    return REST_COMMENT.test(trimmed) && !trimmed.startsWith('#{');
  }

  /** Section labels, request lines and status lines: the lines that end a body or a header block. */
  #startsMessage(trimmed: string): boolean {
    if (REST_SEPARATOR.test(trimmed)) return true;
    const label = sectionLabel(trimmed);
    if (label !== undefined && label !== 'ignore') return true;
    return (
      parseRequestLine(trimmed) !== undefined ||
      postmanRequestLine(trimmed) !== undefined ||
      parseStatusLine(trimmed) !== undefined
    );
  }

  #structureLine(trimmed: string, index: number): boolean {
    const label = sectionLabel(trimmed);
    if (label !== undefined) {
      this.#label(label, index);
      return true;
    }
    const requestLine = parseRequestLine(trimmed) ?? postmanRequestLine(trimmed);
    if (requestLine !== undefined) {
      this.#requestLine(requestLine, index);
      return true;
    }
    const status = parseStatusLine(trimmed);
    if (status === undefined) return false;
    const current = this.#current;
    const response = current?.response;
    // Chrome's General block gives the status before the raw status line; `100 Continue` gives way to the final one.
    const fresh =
      response === undefined ||
      (!response.startLineSeen && response.headers.length === 0) ||
      (response.status !== undefined && response.status < 200);
    const draft = current !== undefined && fresh ? current : this.#newDraft(index);
    // Chrome's `401 Unauthorized (from disk cache)` says more than the status line it comes with.
    const cacheNote = draft.response?.statusText?.includes('(from ') ? draft.response.statusText : undefined;
    const statusText = cacheNote ?? status.statusText;
    draft.response = {
      startLineSeen: true,
      status: status.status,
      httpVersion: status.httpVersion,
      headers: [],
      body: [],
    };
    if (statusText !== undefined) draft.response.statusText = statusText;
    this.#mode = 'response';
    this.#inferSections = false;
    return true;
  }

  #requestLine(requestLine: RequestLine, index: number): void {
    const current = this.#current;
    const request = current?.request;
    const fresh =
      current !== undefined &&
      (request === undefined
        ? current.response === undefined || this.#mode === 'request'
        : request.startLine === undefined && request.headers.length === 0);
    const draft = fresh ? current! : this.#newDraft(index);
    const target = draft.request ?? emptyRequest();
    target.startLine = requestLine;
    draft.request = target;
    this.#mode = 'request';
    this.#inferSections = false;
  }

  /** Postman prints the status alone (`401`, `401 Unauthorized`) under the request line. */
  #bareStatus(trimmed: string): boolean {
    const match = BARE_STATUS.exec(trimmed);
    const current = this.#current;
    if (match === null || current?.request?.startLine === undefined || current.response !== undefined)
      return false;
    if (current.request.headers.length > 0) return false;
    current.response = { startLineSeen: false, status: Number(match[1]), headers: [], body: [] };
    if (match[2] !== undefined) current.response.statusText = match[2].trim();
    return true;
  }

  #label(label: Label, index: number): void {
    const current = this.#current;
    switch (label) {
      case 'general':
        if (current !== undefined) this.#current = undefined;
        this.#mode = 'general';
        break;
      case 'request':
        if (current?.request !== undefined && current.request.headers.length > 0) this.#current = undefined;
        this.#mode = 'request';
        break;
      case 'response':
        if (
          current?.response !== undefined &&
          (current.response.headers.length > 0 || current.response.startLineSeen)
        ) {
          this.#current = undefined;
        }
        this.#mode = 'response';
        break;
      case 'request_body':
      case 'response_body':
        this.#mode = label;
        break;
      case 'skip':
        this.#mode = 'skip';
        break;
      case 'provisional':
        this.#notes.push(
          note(
            'http_message.provisional_headers',
            'Chrome showed "Provisional headers": these are not the headers actually sent (the request was blocked, cached or is still pending).',
            this.#lineNo(index),
          ),
        );
        break;
      case 'ignore':
        break;
    }
    this.#inferSections = false;
  }

  #blank(index: number): void {
    switch (this.#mode) {
      case 'request': {
        const request = this.#current?.request;
        this.#mode = request?.startLine !== undefined && expectsBody(request) ? 'request_body' : 'none';
        break;
      }
      case 'response':
        this.#mode = this.#current?.response?.startLineSeen ? 'response_body' : 'none';
        break;
      case 'request_body':
      case 'response_body':
        this.#bodyLines(index).push('');
        break;
      default:
        this.#mode = 'none';
    }
  }

  #blockEnd(start: number): number {
    let end = start;
    while (end < this.#lines.length) {
      const trimmed = this.#lines[end]!.trim();
      if (trimmed === '' || this.#startsMessage(trimmed)) break;
      end++;
    }
    return end;
  }

  /**
   * A run of header-like lines. Chrome's parsed view pastes each header as a `name` line and a `value` line;
   * that form is taken only when every other line, from the first, can be nothing but a header name.
   */
  #block(start: number, end: number): void {
    const lines = this.#lines;
    const count = end - start;
    let names = count >= 2;
    let colons = true;
    let values = true;
    for (let k = start; names && k < end; k += 2) {
      const name = lines[k]!.trim();
      names = isNameOnly(name);
      colons &&= name.endsWith(':');
      const value = lines[k + 1]?.trim();
      values &&= value === undefined || isValueLine(value);
    }
    if (this.#mode === 'none') this.#mode = blockSide(lines.slice(start, end));
    if (names && (colons || values)) {
      for (let k = start; k + 1 < end; k += 2) {
        this.#field(stripColon(lines[k]!.trim()), lines[k + 1]!.trim(), k);
      }
      if (count % 2 === 1) {
        this.#truncated(end - 1, `"${lines[end - 1]!.trim()}" has no value: the paste may be cut.`);
      }
      return;
    }
    for (let k = start; k < end; k++) {
      const line = lines[k]!;
      const trimmed = line.trim();
      const next = lines[k + 1]?.trim();
      const parsed = parseHeaderLine(trimmed);
      // A lone name, or `name:` with nothing after it, whose value sits on the next line.
      const pairsWithNext =
        k + 1 < end &&
        next !== undefined &&
        !/^\s/.test(line) &&
        isValueLine(next) &&
        ((parsed === undefined && isNameOnly(trimmed)) || parsed?.value === '');
      if (pairsWithNext) {
        this.#field(stripColon(trimmed), next!, k);
        k++;
        continue;
      }
      if (
        parsed !== undefined &&
        (GENERAL_NAMES.has(parsed.name.toLowerCase()) || parsed.name.startsWith(':'))
      ) {
        this.#field(parsed.name, parsed.value, k);
        continue;
      }
      const general = generalField(trimmed);
      if (general !== undefined) {
        this.#field(general.name, general.value, k);
        continue;
      }
      const headers = this.#headerTarget(parsed?.name, k);
      if (addHeaderLine(headers, line) === 'unreadable') this.#unreadable(k, end);
    }
  }

  #field(name: string, value: string, index: number): void {
    const lower = name.toLowerCase();
    if (GENERAL_NAMES.has(lower)) {
      this.#general(lower, value, index);
      return;
    }
    if (lower.startsWith(':')) {
      this.#pseudo(lower.slice(1), value, index);
      return;
    }
    this.#headerTarget(name, index).push({ name, value });
  }

  #general(name: string, value: string, index: number): void {
    if (name === 'request url') {
      const current = this.#current;
      if (current !== undefined && (current.request !== undefined || current.response !== undefined)) {
        this.#current = undefined;
      }
      this.#request(index).url = value;
      this.#mode = 'general';
    } else if (name === 'request method') {
      this.#request(index).method = value;
    } else if (name === 'status code') {
      const match = GENERAL_STATUS.exec(value);
      if (match === null) return;
      const response = this.#response(index);
      response.status = Number(match[1]);
      if (match[2] !== undefined && match[2].trim() !== '') response.statusText = match[2].trim();
    }
  }

  #pseudo(name: string, value: string, index: number): void {
    if (name === 'status') {
      const status = Number(value.slice(0, 3));
      if (Number.isInteger(status) && value.length >= 3) this.#response(index).status = status;
      this.#mode = 'response';
      return;
    }
    if (name !== 'authority' && name !== 'method' && name !== 'path' && name !== 'scheme') return;
    if (this.#current?.request?.pseudo[name] !== undefined) this.#current = undefined;
    this.#request(index).pseudo[name] = value;
    this.#mode = 'request';
    this.#inferSections = false;
  }

  /** Where a header line goes, inferring the section when the paste has no labels. */
  #headerTarget(name: string | undefined, index: number): RawHeader[] {
    const lower = name?.toLowerCase() ?? '';
    if (this.#mode === 'general') {
      this.#mode = 'response';
      this.#inferSections = true;
      this.#lastHeaderName = '';
    }
    // Chrome sorts each section by name, so a name sorting before the previous one starts the next section.
    if (this.#inferSections && this.#mode === 'response' && lower !== '' && lower < this.#lastHeaderName) {
      this.#mode = 'request';
      this.#inferSections = false;
    }
    if (lower !== '') this.#lastHeaderName = lower;
    return this.#mode === 'request' ? this.#request(index).headers : this.#response(index).headers;
  }

  #bodyLines(index: number): string[] {
    return this.#mode === 'request_body' ? this.#request(index).body : this.#response(index).body;
  }

  #newDraft(index: number): Draft {
    const draft: Draft = { line: this.#lineNo(index) };
    this.#drafts.push(draft);
    this.#current = draft;
    return draft;
  }

  #draft(index: number): Draft {
    return this.#current ?? this.#newDraft(index);
  }

  #request(index: number): RequestDraft {
    const draft = this.#draft(index);
    draft.request ??= emptyRequest();
    return draft.request;
  }

  #response(index: number): ResponseDraft {
    const draft = this.#draft(index);
    draft.response ??= { startLineSeen: false, headers: [], body: [] };
    return draft.response;
  }

  #unreadable(index: number, blockEnd: number): void {
    const text = this.#lines[index]!.trim();
    if (index === this.#lines.length - 1 && blockEnd === this.#lines.length) {
      this.#truncated(
        index,
        `The last line "${text.slice(0, 40)}" is not a complete header: the paste may be cut.`,
      );
      return;
    }
    this.#unreadableCount++;
    if (this.#unreadableCount > MAX_LINE_NOTES) return;
    this.#notes.push(
      note(
        'http_message.unreadable_line',
        `Line not read as a header: "${text.slice(0, 40)}".`,
        this.#lineNo(index),
      ),
    );
  }

  #truncated(index: number, message: string): void {
    this.#notes.push(note('http_message.truncated', message, this.#lineNo(index)));
  }

  #finish(): Fragment {
    const exchanges: RawExchange[] = [];
    const bodies: RawBodyText[] = [];
    const challenges: { value: string; line?: number }[] = [];
    for (const draft of this.#drafts) {
      const request =
        draft.request === undefined ? undefined : this.#finishRequest(draft.request, draft.line);
      const response =
        draft.response === undefined ? undefined : this.#finishResponse(draft.response, draft.line);
      if (response === undefined && draft.response !== undefined) {
        this.#statusUnknown(draft.response, draft.line, bodies, challenges);
      }
      if (request === undefined && response === undefined) continue;
      const exchange: RawExchange = {
        source: request === undefined ? 'http_response' : 'http_request',
        line: draft.line,
      };
      if (request !== undefined) exchange.request = request;
      if (response !== undefined) exchange.response = response;
      linkRedirect(exchanges[exchanges.length - 1], exchange);
      exchanges.push(exchange);
    }
    if (
      exchanges.length === 0 &&
      bodies.length === 0 &&
      challenges.length === 0 &&
      this.#loose.length === 0
    ) {
      this.#notes.push(
        note(
          'http_message.no_message',
          'No HTTP request or response could be read here.',
          this.#segment.startLine,
        ),
      );
    }
    const kinds = [...new Set(exchanges.map((exchange) => exchange.source))];
    const fragment: Fragment = { kinds, exchanges, notes: this.#notes };
    if (bodies.length > 0) fragment.bodies = bodies;
    if (challenges.length > 0) fragment.challenges = challenges;
    if (this.#loose.length > 0) fragment.looseCredentials = this.#loose;
    return fragment;
  }

  #finishRequest(draft: RequestDraft, line: number): RawRequest | undefined {
    const method = draft.startLine?.method ?? draft.method ?? draft.pseudo.method;
    const url = this.#url(draft, line);
    const body = finishBody(draft.body, draft.headers);
    if (method === undefined && url === undefined && draft.headers.length === 0 && body === undefined)
      return undefined;
    // Optional fields set one by one: a conditional spread is a runtime call.
    const request: RawRequest = { headers: draft.headers };
    if (method !== undefined) request.method = method;
    if (url !== undefined) request.url = url;
    if (body !== undefined) {
      request.body = rawBody(body, headerValue(draft.headers, 'content-type'));
      this.#checkLength(draft.headers, body, line, 'request');
    }
    return request;
  }

  #url(draft: RequestDraft, line: number): string | undefined {
    const target = draft.startLine?.target ?? draft.pseudo.path;
    if (target !== undefined && /^https?:\/\//i.test(target)) return target;
    if (target?.startsWith('{{')) return this.#expandTarget(target);
    if (draft.url !== undefined) return draft.url;
    const authority = draft.pseudo.authority ?? headerValue(draft.headers, 'host');
    if (authority === undefined || authority === '') return undefined;
    let scheme = draft.pseudo.scheme;
    if (scheme === undefined) {
      scheme = guessScheme(authority);
      this.#notes.push(
        note(
          'http_message.scheme_assumed',
          `The paste does not say whether ${authority} was reached over http or https; assumed ${scheme}.`,
          line,
        ),
      );
    }
    return requestUrl({ scheme, authority, ...(target === undefined ? {} : { target }) });
  }

  /**
   * `{{host}}/v1/me` with `@host = https://api.example.test` is the URL REST Client sends; only variables
   * that hold no credential are filled in, so a `{{token}}` stays a template wherever it is.
   */
  #expandTarget(target: string): string {
    return target.replace(
      TEMPLATE_VARIABLE,
      (whole, name: string) => this.#plainVariables.get(name) ?? whole,
    );
  }

  #finishResponse(draft: ResponseDraft, line: number): RawResponse | undefined {
    if (draft.status === undefined) return undefined;
    const response: RawResponse = { status: draft.status, headers: draft.headers };
    if (draft.httpVersion !== undefined) response.httpVersion = draft.httpVersion;
    if (draft.statusText !== undefined) response.statusText = draft.statusText;
    const body = finishBody(draft.body, draft.headers);
    if (body !== undefined) {
      response.body = body;
      this.#checkLength(draft.headers, body, line, 'response');
    }
    return response;
  }

  /** Response headers or a body with no status anywhere: keep what a rule can still use. */
  #statusUnknown(
    draft: ResponseDraft,
    line: number,
    bodies: RawBodyText[],
    challenges: { value: string; line?: number }[],
  ): void {
    for (const header of draft.headers) {
      if (header.name.toLowerCase() === 'www-authenticate') challenges.push({ value: header.value, line });
    }
    const body = finishBody(draft.body, draft.headers);
    if (body !== undefined) bodies.push({ text: body, line });
    if (draft.headers.length > 0) {
      this.#notes.push(
        note(
          'http_message.status_unknown',
          'Response headers were pasted without the status line or status code.',
          line,
        ),
      );
    }
  }

  #checkLength(headers: RawHeader[], body: string, line: number, side: 'request' | 'response'): void {
    if (!bodyCutShort(headers, body)) return;
    this.#notes.push(
      note(
        'http_message.body_truncated',
        `The ${side} body is shorter than its Content-Length: the paste is cut.`,
        line,
      ),
    );
  }
}

/**
 * Numbers hops when a pasted 3xx is followed by the message it redirected to (`curl -iL` output, proxy
 * history): the next exchange continues the chain when its URL is the Location, or when it has no URL.
 */
function linkRedirect(previous: RawExchange | undefined, exchange: RawExchange): void {
  const status = previous?.response?.status ?? 0;
  if (previous === undefined || status < 300 || status > 399) return;
  const location = headerValue(previous.response!.headers, 'location');
  const url = exchange.request?.url;
  const base = previous.request?.url;
  if (url !== undefined) {
    if (location === undefined) return;
    const target =
      base !== undefined && URL.canParse(location, base) ? new URL(location, base).href : location;
    if (target !== (URL.canParse(url) ? new URL(url).href : url)) return;
  }
  previous.hop ??= 0;
  exchange.hop = previous.hop + 1;
}

function emptyRequest(): RequestDraft {
  return { pseudo: {}, headers: [], body: [] };
}

function expectsBody(request: RequestDraft): boolean {
  const method = request.startLine?.method ?? '';
  const length = Number(headerValue(request.headers, 'content-length') ?? 0);
  return (
    method === 'POST' ||
    method === 'PUT' ||
    method === 'PATCH' ||
    length > 0 ||
    headerValue(request.headers, 'transfer-encoding') !== undefined
  );
}

function postmanRequestLine(trimmed: string): RequestLine | undefined {
  const match = POSTMAN_REQUEST.exec(trimmed);
  return match === null ? undefined : { method: match[1]!, target: match[2]!, httpVersion: '' };
}

/**
 * A line that can only be a value in Chrome's name / value pairs: not a header line, or one whose "name" is
 * really a URL scheme or an address (`https://…`, `203.0.113.10:443`).
 */
function isValueLine(trimmed: string): boolean {
  const parsed = parseHeaderLine(trimmed);
  return parsed === undefined || /^(?:https?|\d)/i.test(parsed.name);
}

/** Which message a header list without a start line belongs to, from the names only one side sends. */
function blockSide(lines: readonly string[]): 'request' | 'response' {
  let response = false;
  for (const line of lines) {
    const name = parseHeaderLine(line.trim())?.name.toLowerCase() ?? stripColon(line.trim()).toLowerCase();
    if (REQUEST_ONLY.has(name) || name.startsWith(':')) return 'request';
    response ||= RESPONSE_ONLY.has(name);
  }
  return response ? 'response' : 'request';
}

function isNameOnly(trimmed: string): boolean {
  return NAME_ONLY.test(trimmed) || GENERAL_NAMES.has(stripColon(trimmed).toLowerCase());
}

function stripColon(name: string): string {
  return name.endsWith(':') && name.length > 1 ? name.slice(0, -1).trimEnd() : name;
}

/** `Request URL: https://…`: General names contain a space, so they are not header lines. */
function generalField(trimmed: string): { name: string; value: string } | undefined {
  const colon = trimmed.indexOf(':');
  if (colon <= 0) return undefined;
  const name = trimmed.slice(0, colon).trim();
  return GENERAL_NAMES.has(name.toLowerCase()) ? { name, value: trimmed.slice(colon + 1).trim() } : undefined;
}

/** `Response Headers`, `▼ Request Headers (12)`, `Request Headers  view source`, `Response:`. */
function sectionLabel(trimmed: string): Label | undefined {
  if (trimmed.length > 80) return undefined;
  let text = trimmed.toLowerCase();
  if (text.includes('provisional headers are shown')) return 'provisional';
  let start = 0;
  while (start < text.length && !/[a-z]/.test(text[start]!)) start++;
  text = text.slice(start);
  if (text.endsWith(')')) {
    const open = text.lastIndexOf('(');
    if (open > 0) text = text.slice(0, open);
  }
  text = trimDecoration(text);
  for (const suffix of LABEL_SUFFIXES) {
    if (text !== suffix && text.endsWith(suffix)) text = trimDecoration(text.slice(0, -suffix.length));
  }
  return LABELS.get(text);
}

function trimDecoration(text: string): string {
  let end = text.length;
  while (end > 0 && ' \t:=-'.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}
