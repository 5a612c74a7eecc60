/**
 * Pieces of HTTP/1.x message syntax shared by the parsers of pasted exchanges (curl traces, raw HTTP, HAR):
 * start lines, `Name: value` lines with obsolete line folding, bodies and the URL a request went to.
 * Everything works line by line with anchored regexes on single lines, so a megabyte paste stays linear.
 */
import type { RawBody, RawHeader, RawResponse } from '../raw.js';

const HEADER_NAME = /^:?[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const STATUS_LINE = /^(HTTP\/\d(?:\.\d)?) +(\d{3})(?: +(?! )(.*))?$/;
const REQUEST_LINE = /^([A-Z][A-Z_-]{0,19}) +(\S+) +(HTTP\/\d(?:\.\d)?)$/;
const HEX_SIZE = /^([0-9a-fA-F]{1,8})(?: *;.*)?$/;

/** Splits on LF and drops the CR of CRLF: pastes from Windows terminals keep them even after normalizing. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
  }
  return lines;
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/**
 * `Name: value`, `name:value`, and HTTP/2 pseudo headers (`:authority: host`). Surrounding whitespace of the
 * value is not part of it (RFC 9110 §5.5 OWS), so trailing spaces added by copy and paste are dropped; the
 * rest of the value stays exactly as written.
 */
export function parseHeaderLine(line: string): RawHeader | undefined {
  const colon = line.indexOf(':', line.startsWith(':') ? 1 : 0);
  if (colon <= 0) return undefined;
  const name = line.slice(0, colon);
  if (!HEADER_NAME.test(name)) return undefined;
  return { name, value: line.slice(colon + 1).trim() };
}

export type HeaderLineResult = 'header' | 'folded' | 'unreadable';

/**
 * Adds one line of a header block. A line that starts with whitespace continues the previous value
 * (obsolete line folding, still sent by old servers and mail-style proxies) unless it reads as a header of
 * its own, which is how indented dumps (mitmdump, logs) print every header.
 */
export function addHeaderLine(headers: RawHeader[], line: string): HeaderLineResult {
  const startsIndented = line.startsWith(' ') || line.startsWith('\t');
  const trimmed = line.trim();
  const parsed = parseHeaderLine(trimmed);
  const previous = headers[headers.length - 1];
  if (startsIndented && previous !== undefined && (parsed === undefined || parsed.name.startsWith(':'))) {
    previous.value = previous.value === '' ? trimmed : `${previous.value} ${trimmed}`;
    return 'folded';
  }
  if (parsed === undefined) return 'unreadable';
  headers.push(parsed);
  return 'header';
}

export interface StatusLine {
  httpVersion: string;
  status: number;
  statusText?: string;
}

/** `HTTP/1.1 401 Unauthorized`, `HTTP/2 401` (curl prints a trailing space), `HTTP/1.0 200 OK`. */
export function parseStatusLine(line: string): StatusLine | undefined {
  const match = STATUS_LINE.exec(line.trim());
  if (match === null) return undefined;
  const statusText = match[3]?.trim();
  return {
    httpVersion: match[1]!,
    status: Number(match[2]),
    ...(statusText ? { statusText } : {}),
  };
}

export interface RequestLine {
  method: string;
  /** Origin form `/path?q`, absolute form `https://host/path` (proxies), authority form `host:443` (CONNECT). */
  target: string;
  httpVersion: string;
}

export function parseRequestLine(line: string): RequestLine | undefined {
  const match = REQUEST_LINE.exec(line.trim());
  if (match === null) return undefined;
  return { method: match[1]!, target: match[2]!, httpVersion: match[3]! };
}

export function headerValue(headers: readonly RawHeader[], name: string): string | undefined {
  const wanted = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === wanted)?.value;
}

export function isChunked(headers: readonly RawHeader[]): boolean {
  return headerValue(headers, 'transfer-encoding')?.toLowerCase().includes('chunked') ?? false;
}

/**
 * Removes chunked transfer-coding framing (`1a` / data / `0`) when the body is visibly framed: every size
 * line must match the data that follows it. Chunk data always ends with CRLF, so in a paste each chunk ends
 * at a line end; pastes turn CRLF into LF, so a chunk's byte count may include one extra byte per newline.
 * Returns undefined when the text is not framed that way (already decoded, as curl prints it).
 */
export function stripChunkFraming(body: string): string | undefined {
  const lines = body.split('\n');
  const chunks: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const sizeMatch = HEX_SIZE.exec(lines[i]!.trim());
    if (sizeMatch === null) return undefined;
    const size = Number.parseInt(sizeMatch[1]!, 16);
    i++;
    if (size === 0) return chunks.length > 0 ? chunks.join('') : undefined;
    const data: string[] = [];
    let bytes = 0;
    for (;;) {
      // Ran out of text inside a chunk: a truncated paste if earlier chunks already proved the framing.
      if (i >= lines.length) return chunks.length > 0 ? [...chunks, data.join('\n')].join('') : undefined;
      const line = lines[i]!;
      data.push(line);
      bytes += Buffer.byteLength(line);
      i++;
      const joins = data.length - 1;
      if (bytes + joins > size) return undefined;
      if (size <= bytes + 2 * joins) break;
    }
    chunks.push(data.join('\n'));
  }
  return chunks.length > 0 ? chunks.join('') : undefined;
}

/** Joins body lines, dropping the blank lines a paste ends with, and decodes chunked framing when present. */
export function finishBody(lines: readonly string[], headers: readonly RawHeader[]): string | undefined {
  let end = lines.length;
  while (end > 0 && isBlank(lines[end - 1]!)) end--;
  let start = 0;
  while (start < end && isBlank(lines[start]!)) start++;
  if (start === end) return undefined;
  const text = lines.slice(start, end).join('\n');
  return (isChunked(headers) ? stripChunkFraming(text) : undefined) ?? text;
}

/** True when a Content-Length promises more bytes than the paste holds (each LF may have been a CRLF). */
export function bodyCutShort(headers: readonly RawHeader[], body: string | undefined): boolean {
  const declared = Number(headerValue(headers, 'content-length'));
  if (!Number.isInteger(declared) || declared <= 0 || body === undefined) return false;
  let newlines = 0;
  for (let i = body.indexOf('\n'); i !== -1; i = body.indexOf('\n', i + 1)) newlines++;
  return Buffer.byteLength(body) + newlines < declared;
}

/** Body kind from its Content-Type, falling back to what the text looks like. */
export function rawBody(text: string, contentType: string | undefined): RawBody {
  const type = contentType?.toLowerCase() ?? '';
  if (type.includes('json')) return { kind: 'json', text };
  if (type.includes('x-www-form-urlencoded')) return { kind: 'form', text };
  if (type.includes('multipart/')) return { kind: 'multipart', text };
  const first = text.trimStart()[0];
  if (type === '' && (first === '{' || first === '[')) return { kind: 'json', text };
  return { kind: 'raw', text };
}

export interface SplitResponse {
  response: RawResponse;
  /** Index of the first line after this response. */
  next: number;
  /** False when the lines ran out before the blank line that ends the headers. */
  headersComplete: boolean;
  /** Indexes of header lines that could not be read. */
  unreadable: number[];
}

/**
 * Reads a response whose status line is at `start`: headers up to the blank line, then the body up to the
 * first line for which `endsBody` is true (the next message) or the end.
 */
export function splitResponse(
  lines: readonly string[],
  start: number,
  endsBody: (line: string) => boolean,
): SplitResponse | undefined {
  const status = parseStatusLine(lines[start] ?? '');
  if (status === undefined) return undefined;
  const headers: RawHeader[] = [];
  const unreadable: number[] = [];
  let i = start + 1;
  for (; i < lines.length && !isBlank(lines[i]!); i++) {
    if (addHeaderLine(headers, lines[i]!) === 'unreadable') unreadable.push(i);
  }
  const headersComplete = i < lines.length;
  const bodyStart = i;
  while (i < lines.length && !endsBody(lines[i]!)) i++;
  const body = finishBody(lines.slice(bodyStart, i), headers);
  return {
    response: { ...status, headers, ...(body === undefined ? {} : { body }) },
    next: i,
    headersComplete,
    unreadable,
  };
}

export interface UrlParts {
  /** Known scheme, or undefined when nothing in the paste says. */
  scheme?: string;
  /** Host header / `:authority` value, port included when written. */
  authority?: string;
  /** Port of the connection, used when the authority has none. */
  port?: number;
  /** Request target: origin form, absolute form or `*`. */
  target?: string;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443 };

/** The absolute URL a request went to, or undefined when neither host nor absolute target is known. */
export function requestUrl(parts: UrlParts): string | undefined {
  const target = parts.target;
  if (target !== undefined && /^https?:\/\//i.test(target)) return target;
  if (parts.authority === undefined || parts.authority === '') return undefined;
  const scheme = parts.scheme ?? 'https';
  let authority = parts.authority;
  const hasPort = /:\d+$/.test(authority) && !authority.endsWith(']');
  if (!hasPort && parts.port !== undefined && parts.port !== DEFAULT_PORTS[scheme]) {
    authority = `${authority}:${parts.port}`;
  }
  const path = target === undefined || target === '*' ? '/' : target.startsWith('/') ? target : `/${target}`;
  return `${scheme}://${authority}${path}`;
}

/**
 * Scheme for a host when the paste does not say: plain HTTP for local development hosts and port 80,
 * HTTPS otherwise (every public API).
 */
export function guessScheme(authority: string, port?: number): 'http' | 'https' {
  const portMatch = /:(\d+)$/.exec(authority);
  const effectivePort = portMatch === null ? port : Number(portMatch[1]);
  if (effectivePort === 443) return 'https';
  if (effectivePort === 80) return 'http';
  const host = (portMatch === null ? authority : authority.slice(0, portMatch.index)).toLowerCase();
  const local =
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.startsWith('127.') ||
    host === '[::1]' ||
    host === '0.0.0.0';
  return local ? 'http' : 'https';
}
