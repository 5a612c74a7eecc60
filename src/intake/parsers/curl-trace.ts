/**
 * What curl prints about a transfer: `curl -v` (`*` info, `>` sent, `<` received), `--trace-ascii` and
 * `--trace` dumps, and `curl -i` output (responses only). All three are first turned into one stream of
 * events, then one builder turns events into exchanges, one per request curl sent, so each hop of a `-L`
 * redirect chain shows which headers it carried.
 */
import { type Note, note } from '../notes.js';
import type { Fragment, RawExchange, RawHeader, RawRequest, RawResponse, Segment } from '../raw.js';
import {
  addHeaderLine,
  finishBody,
  guessScheme,
  headerValue,
  isBlank,
  parseRequestLine,
  parseStatusLine,
  type RequestLine,
  rawBody,
  requestUrl,
  type StatusLine,
  splitLines,
  splitResponse,
} from './header-lines.js';

type EventType = 'info' | 'send_header' | 'recv_header' | 'send_data' | 'recv_data' | 'other';

interface TraceEvent {
  type: EventType;
  text: string;
  line: number;
}

const TRACE_TIME = /^\d{2}:\d{2}:\d{2}\.\d{6} /;
const DATA_MARKER = /^[{}] \[\d+ bytes data\]$/;
const PROGRESS =
  /^ *\d{1,3} +[\d.]+[kMGTP]? +\d{1,3} +[\d.]+[kMGTP]? +\d{1,3} +[\d.]+[kMGTP]? +[\d.]+[kMGTP]? +[\d.]+[kMGTP]? +[-\d:]{7,9} +[-\d:]{7,9} +[-\d:]{7,9} +[\d.]+[kMGTP]?/;
const TRACE_BLOCK = /^(=>|<=) (Send|Recv) (header|data|SSL data), (\d+) bytes/;
const OFFSET_LINE = /^([0-9a-f]{4,8}):(?: (.*))?$/;
const HEX_ROW = /^[0-9a-f]{4,8}: (?:[0-9a-f]{2} ){16}/;
const CONNECTED = /^Connected to (\S+) \(([^)]*)\) port (\d+)/;
const RESOLVED = /^Host (\S+):(\d+) was resolved/;
const REUSING = /^Re-using existing connection.* with host (\S+)/;
const ISSUE = /^Issue another request to this URL: '([^']*)'/;
const OPENED = /^\[HTTP\/2\] \[\d+\] OPENED stream for (\S+)/;
const TLS_INFO =
  /^(?:SSL connection using|ALPN|TLSv1|TLS handshake|\(\d+\) \((?:IN|OUT)\), TLS|Server certificate|SSL certificate verify|successfully set certificate verify locations|CAfile:|CApath:)/;
/** curl -v writes the body to stdout without a final newline, so its next stderr line lands on the same line. */
const GLUED_INFO = ['* Connection #', '* Closing connection', '* shutting down connection', '* Excess found'];

export function parseCurlTrace(segment: Segment): Fragment {
  const lines = splitLines(segment.text).map((line) => line.replace(TRACE_TIME, ''));
  const notes: Note[] = [];
  const lineNo = (index: number): number => segment.startLine + index;

  const traceDump = lines.some((line) => line.startsWith('== Info:') || TRACE_BLOCK.test(line));
  const verbose =
    !traceDump &&
    lines.some((line) => /^[*<>](?: |$)/.test(line) || PROGRESS.test(line) || DATA_MARKER.test(line));
  let exchanges: RawExchange[];
  if (traceDump || verbose) {
    const events = traceDump ? traceDumpEvents(lines, lineNo) : verboseEvents(lines, lineNo);
    exchanges = new ExchangeBuilder(notes).run(events);
  } else {
    exchanges = includeOutput(lines, lineNo, notes);
  }
  if (exchanges.length === 0) {
    notes.push(
      note(
        'curl_trace.no_exchange',
        'No request or response could be read from this curl output.',
        segment.startLine,
      ),
    );
  }
  return { kinds: ['curl_trace'], exchanges, notes };
}

function verboseEvents(lines: readonly string[], lineNo: (index: number) => number): TraceEvent[] {
  const events: TraceEvent[] = [];
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i]!;
    const progress = PROGRESS.exec(text);
    if (progress !== null) {
      // The progress meter redraws with CR, so after normalizing a verbose line may follow it on one line.
      text = text.slice(progress[0].length).trimStart();
      if (text === '' || !/^[*<>{}]/.test(text)) continue;
    }
    const trimmedStart = text.trimStart();
    if (trimmedStart.startsWith('% Total') || trimmedStart.startsWith('Dload')) continue;
    if (DATA_MARKER.test(text)) continue;
    const line = lineNo(i);
    const prefix = text[0];
    if ((prefix === '*' || prefix === '>' || prefix === '<') && (text.length === 1 || text[1] === ' ')) {
      const rest = text.slice(2);
      const type = prefix === '*' ? 'info' : prefix === '>' ? 'send_header' : 'recv_header';
      events.push({ type, text: prefix === '*' ? rest.trim() : rest, line });
      continue;
    }
    const glued = gluedInfoIndex(text);
    if (glued > 0) {
      events.push({ type: 'other', text: text.slice(0, glued), line });
      events.push({ type: 'info', text: text.slice(glued + 2).trim(), line });
      continue;
    }
    events.push({ type: 'other', text, line });
  }
  return events;
}

function gluedInfoIndex(text: string): number {
  for (const marker of GLUED_INFO) {
    const index = text.indexOf(marker);
    if (index > 0) return index;
  }
  return -1;
}

interface DumpBlock {
  direction: 'send' | 'recv';
  what: 'header' | 'data' | 'ssl';
  size: number;
  line: number;
  rows: { offset: number; text: string; line: number }[];
}

/** `--trace-ascii` and `--trace`: blocks of offset rows, decoded back into the bytes curl sent or received. */
function traceDumpEvents(lines: readonly string[], lineNo: (index: number) => number): TraceEvent[] {
  const hex = lines.some((line) => HEX_ROW.test(line));
  const events: TraceEvent[] = [];
  let block: DumpBlock | undefined;
  const flush = (): void => {
    if (block !== undefined) events.push(...blockEvents(block, hex));
    block = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const header = TRACE_BLOCK.exec(text);
    if (header !== null) {
      flush();
      block = {
        direction: header[1] === '=>' ? 'send' : 'recv',
        what: header[3] === 'header' ? 'header' : header[3] === 'data' ? 'data' : 'ssl',
        size: Number(header[4]),
        line: lineNo(i),
        rows: [],
      };
      if (block.what === 'ssl') events.push({ type: 'info', text: 'TLS handshake', line: lineNo(i) });
      continue;
    }
    const row = block === undefined ? null : OFFSET_LINE.exec(text);
    if (block !== undefined && row !== null) {
      block.rows.push({ offset: Number.parseInt(row[1]!, 16), text: row[2] ?? '', line: lineNo(i) });
      continue;
    }
    flush();
    if (text.startsWith('== Info:'))
      events.push({ type: 'info', text: text.slice(8).trim(), line: lineNo(i) });
  }
  flush();
  return events;
}

function blockEvents(block: DumpBlock, hex: boolean): TraceEvent[] {
  if (block.what === 'ssl' || block.rows.length === 0) return [];
  const decoded = hex ? decodeHexRows(block) : decodeAsciiRows(block);
  const firstLine = block.rows[0]!.line;
  if (block.what === 'data') {
    return [{ type: block.direction === 'send' ? 'send_data' : 'recv_data', text: decoded, line: firstLine }];
  }
  const texts = decoded.split('\n');
  if (decoded.endsWith('\n')) texts.pop();
  const type = block.direction === 'send' ? 'send_header' : 'recv_header';
  return texts.map((text, index) => ({ type, text, line: block.rows[index]?.line ?? firstLine }));
}

function decodeHexRows(block: DumpBlock): string {
  const bytes: number[] = [];
  for (const row of block.rows) {
    for (let k = 0; k < 16; k++) {
      const pair = row.text.slice(k * 3, k * 3 + 2);
      if (!/^[0-9a-f]{2}$/.test(pair)) break;
      bytes.push(Number.parseInt(pair, 16));
    }
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
}

/**
 * `--trace-ascii` breaks rows at CRLF (skipping those two bytes) and wraps long lines at 64 bytes, so the
 * gap between one row's end and the next row's offset says whether a line ended there or simply wrapped.
 */
function decodeAsciiRows(block: DumpBlock): string {
  let text = '';
  block.rows.forEach((row, index) => {
    const next = block.rows[index + 1]?.offset ?? block.size;
    const gap = next - (row.offset + row.text.length);
    text += gap >= 2 ? `${row.text}\n` : row.text;
  });
  return text;
}

interface Connection {
  host?: string;
  port?: number;
  tls: boolean;
}

interface HopDraft {
  line: number;
  requestLine?: RequestLine;
  requestHeaders: RawHeader[];
  /** Raw text: trace data blocks are concatenated as sent, `-v` body lines each end with a newline. */
  requestBody: string;
  status?: StatusLine;
  responseHeaders: RawHeader[];
  responseBody: string;
  connection: Connection;
  /** URL curl announced for this request (`OPENED stream for`, `Issue another request to this URL`). */
  announcedUrl?: string;
  /** curl said it was following a redirect (or retrying with auth) to reach this request. */
  followed: boolean;
}

type Phase = 'idle' | 'request_headers' | 'request_sent' | 'response_headers' | 'interim' | 'body' | 'echo';

class ExchangeBuilder {
  readonly #notes: Note[];
  readonly #hops: HopDraft[] = [];
  readonly #connections = new Map<string, Connection>();
  #connection: Connection = { tls: false };
  #current: HopDraft | undefined;
  #phase: Phase = 'idle';
  #bodyLines = 0;
  #issuedUrl: string | undefined;
  #streamUrl: string | undefined;
  #followed = false;

  constructor(notes: Note[]) {
    this.#notes = notes;
  }

  run(events: readonly TraceEvent[]): RawExchange[] {
    for (const event of events) {
      switch (event.type) {
        case 'info':
          this.#info(event.text);
          break;
        case 'send_header':
          this.#sendHeader(event);
          break;
        case 'recv_header':
          this.#recvHeader(event);
          break;
        case 'send_data':
          this.#hop(event.line).requestBody += event.text;
          break;
        case 'recv_data':
          if (this.#current?.status !== undefined) this.#current.responseBody += event.text;
          break;
        case 'other':
          this.#other(event.text);
          break;
      }
    }
    this.#noteUnfinished(events[events.length - 1]?.line);
    return finishHops(this.#hops);
  }

  #info(text: string): void {
    const connected = CONNECTED.exec(text);
    if (connected !== null) {
      const port = Number(connected[3]);
      this.#connection = { host: connected[1]!, port, tls: port === 443 };
      this.#connections.set(connected[1]!.toLowerCase(), this.#connection);
      return;
    }
    const resolved = RESOLVED.exec(text);
    if (resolved !== null) {
      const port = Number(resolved[2]);
      this.#connection = { host: resolved[1]!, port, tls: port === 443 };
      return;
    }
    const reusing = REUSING.exec(text);
    if (reusing !== null) {
      const known = this.#connections.get(reusing[1]!.toLowerCase());
      if (known !== undefined) this.#connection = known;
      return;
    }
    const issued = ISSUE.exec(text);
    if (issued !== null) {
      this.#issuedUrl = issued[1]!;
      this.#followed = true;
      return;
    }
    const opened = OPENED.exec(text);
    if (opened !== null) {
      this.#streamUrl = opened[1]!;
      return;
    }
    if (TLS_INFO.test(text)) this.#connection.tls = true;
  }

  #sendHeader(event: TraceEvent): void {
    if (this.#phase === 'request_headers') {
      if (isBlank(event.text)) {
        this.#phase = 'request_sent';
      } else if (addHeaderLine(this.#current!.requestHeaders, event.text) === 'unreadable') {
        this.#unreadable(event);
      }
      return;
    }
    if (isBlank(event.text)) return;
    const requestLine = parseRequestLine(event.text);
    const hop = this.#newHop(event.line, requestLine);
    this.#phase = 'request_headers';
    if (requestLine?.method === 'CONNECT') {
      // Past the proxy, the requests go through the tunnel to this host and port.
      const port = Number(/:(\d+)$/.exec(requestLine.target)?.[1] ?? 443);
      this.#connection = { host: requestLine.target.replace(/:\d+$/, ''), port, tls: port === 443 };
    }
    if (requestLine !== undefined) {
      hop.requestLine = requestLine;
      return;
    }
    this.#notes.push(
      note(
        'curl_trace.truncated',
        'The trace starts in the middle of a request: its first line is missing.',
        event.line,
      ),
    );
    if (addHeaderLine(hop.requestHeaders, event.text) === 'unreadable') this.#unreadable(event);
  }

  #recvHeader(event: TraceEvent): void {
    const status = parseStatusLine(event.text);
    if (status !== undefined) {
      const current = this.#current;
      const replaceable =
        current !== undefined &&
        (current.status === undefined || (this.#phase === 'interim' && current.status.status < 200));
      const hop = replaceable ? current : this.#newHop(event.line);
      hop.status = status;
      hop.responseHeaders = [];
      this.#phase = 'response_headers';
      return;
    }
    if (this.#phase !== 'response_headers') return;
    if (isBlank(event.text)) {
      const interim = this.#current!.status!.status < 200;
      this.#phase = interim ? 'interim' : 'body';
      this.#bodyLines = 0;
      return;
    }
    if (addHeaderLine(this.#current!.responseHeaders, event.text) === 'unreadable') this.#unreadable(event);
  }

  #other(text: string): void {
    if (this.#phase === 'echo') {
      if (isBlank(text)) this.#phase = 'body';
      return;
    }
    if (this.#phase !== 'body') return;
    const current = this.#current!;
    // `curl -v -i` also writes the status line and headers to stdout before the body.
    if (this.#bodyLines === 0 && parseStatusLine(text)?.status === current.status?.status) {
      this.#phase = 'echo';
      return;
    }
    this.#bodyLines++;
    current.responseBody += `${text}\n`;
  }

  #newHop(line: number, requestLine?: RequestLine): HopDraft {
    // Shared, not copied: curl may print more about the connection (TLS, ALPN) after the request started.
    const hop: HopDraft = {
      line,
      requestHeaders: [],
      requestBody: '',
      responseHeaders: [],
      responseBody: '',
      connection: this.#connection,
      followed: false,
    };
    // A proxy CONNECT comes between curl announcing a URL and requesting it: leave the announcement for later.
    if (requestLine?.method !== 'CONNECT') {
      const announced = this.#streamUrl ?? this.#issuedUrl;
      if (announced !== undefined) hop.announcedUrl = announced;
      hop.followed = this.#followed;
      this.#streamUrl = undefined;
      this.#issuedUrl = undefined;
      this.#followed = false;
    }
    this.#hops.push(hop);
    this.#current = hop;
    this.#bodyLines = 0;
    return hop;
  }

  #hop(line: number): HopDraft {
    return this.#current ?? this.#newHop(line);
  }

  #unreadable(event: TraceEvent): void {
    this.#notes.push(
      note(
        'curl_trace.unreadable_line',
        `A header line in the trace could not be read: "${event.text.slice(0, 40)}".`,
        event.line,
      ),
    );
  }

  #noteUnfinished(lastLine: number | undefined): void {
    const current = this.#current;
    if (current === undefined) return;
    if (this.#phase === 'request_headers') {
      this.#notes.push(
        note(
          'curl_trace.truncated',
          'The trace ends inside the request headers: the rest of the request is missing.',
          lastLine,
        ),
      );
    } else if (this.#phase === 'response_headers') {
      this.#notes.push(
        note(
          'curl_trace.truncated',
          'The trace ends inside the response headers: the rest of the response is missing.',
          lastLine,
        ),
      );
    } else if (current.status === undefined && current.requestLine !== undefined) {
      this.#notes.push(
        note(
          'curl_trace.no_response',
          'The trace ends before any response to the last request: curl failed, or the paste was cut.',
          lastLine,
        ),
      );
    }
  }
}

function finishHops(hops: readonly HopDraft[]): RawExchange[] {
  const exchanges: RawExchange[] = [];
  let previous: { exchange: RawExchange; hop: number } | undefined;
  for (const draft of hops) {
    const request = draftRequest(draft);
    const response = draftResponse(draft);
    const exchange: RawExchange = { source: 'curl_trace', line: draft.line };
    if (request !== undefined) exchange.request = request;
    if (response !== undefined) exchange.response = response;
    exchanges.push(exchange);
    // A CONNECT opens a proxy tunnel; it is not a step of the redirect chain that runs through it.
    if (request?.method === 'CONNECT') continue;
    const continues =
      previous !== undefined && (draft.followed || redirectsTo(previous.exchange, request?.url));
    const hop = continues ? previous!.hop + 1 : 0;
    exchange.hop = hop;
    previous = { exchange, hop };
  }
  return exchanges;
}

function redirectsTo(previous: RawExchange, url: string | undefined): boolean {
  const status = previous.response?.status ?? 0;
  const location =
    previous.response === undefined ? undefined : headerValue(previous.response.headers, 'location');
  const from = previous.request?.url;
  if (status < 300 || status > 399 || location === undefined || url === undefined) return false;
  if (from === undefined || !URL.canParse(location, from)) return location === url;
  return new URL(location, from).href === (URL.canParse(url) ? new URL(url).href : url);
}

function draftRequest(draft: HopDraft): RawRequest | undefined {
  const line = draft.requestLine;
  if (line === undefined && draft.requestHeaders.length === 0 && draft.requestBody === '') return undefined;
  const url = hopUrl(draft);
  // Optional fields set one by one: a conditional spread is a runtime call.
  const request: RawRequest = { headers: draft.requestHeaders };
  if (line !== undefined) request.method = line.method;
  if (url !== undefined) request.url = url;
  const body = finishBody(draft.requestBody.split('\n'), draft.requestHeaders);
  if (body !== undefined) request.body = rawBody(body, headerValue(draft.requestHeaders, 'content-type'));
  return request;
}

function hopUrl(draft: HopDraft): string | undefined {
  const target = draft.requestLine?.target;
  if (draft.requestLine?.method === 'CONNECT') return target;
  const { host: connectedHost, port, tls } = draft.connection;
  const host = headerValue(draft.requestHeaders, 'host') ?? connectedHost;
  const known = tls ? 'https' : port === undefined ? undefined : 'http';
  const built = requestUrl({
    scheme: known ?? (host === undefined ? undefined : guessScheme(host)),
    ...(host === undefined ? {} : { authority: host }),
    ...(draft.connection.port === undefined ? {} : { port: draft.connection.port }),
    ...(target === undefined ? {} : { target }),
  });
  if (draft.announcedUrl === undefined) return built;
  // The announced URL is what curl meant to fetch; prefer it unless the request line says otherwise.
  if (target === undefined || built === undefined || samePath(draft.announcedUrl, target))
    return draft.announcedUrl;
  return built;
}

function samePath(url: string, target: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return /^https?:\/\//i.test(target)
    ? parsed.href === target
    : `${parsed.pathname}${parsed.search}` === target;
}

function draftResponse(draft: HopDraft): RawResponse | undefined {
  if (draft.status === undefined) return undefined;
  const body = finishBody(draft.responseBody.split('\n'), draft.responseHeaders);
  return { ...draft.status, headers: draft.responseHeaders, ...(body === undefined ? {} : { body }) };
}

/** `curl -i` / `-iL`: status line, headers, blank line, body; one per response, interim `100 Continue` dropped. */
function includeOutput(
  lines: readonly string[],
  lineNo: (index: number) => number,
  notes: Note[],
): RawExchange[] {
  const exchanges: RawExchange[] = [];
  let i = 0;
  while (i < lines.length && parseStatusLine(lines[i]!) === undefined) i++;
  let hop = 0;
  while (i < lines.length) {
    const split = splitResponse(lines, i, (line) => parseStatusLine(line) !== undefined);
    if (split === undefined) break;
    for (const index of split.unreadable) {
      notes.push(
        note('curl_trace.unreadable_line', 'A response header line could not be read.', lineNo(index)),
      );
    }
    if (!split.headersComplete) {
      notes.push(
        note(
          'curl_trace.truncated',
          'The output ends inside the response headers: the rest is missing.',
          lineNo(lines.length - 1),
        ),
      );
    }
    const { response } = split;
    const tunnel = response.status === 200 && /connection established/i.test(response.statusText ?? '');
    if (response.status >= 200 && !tunnel) {
      const previous = exchanges[exchanges.length - 1]?.response?.status ?? 0;
      hop = exchanges.length > 0 && previous >= 300 && previous < 400 ? hop + 1 : 0;
      exchanges.push({ source: 'curl_trace', line: lineNo(i), hop, response });
    }
    i = split.next;
  }
  return exchanges;
}
