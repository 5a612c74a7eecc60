/**
 * Finds what a paste holds, line by line: shell commands (curl, HTTPie, PowerShell), `curl -v` traces, raw
 * HTTP messages, JSON documents (HAR or error bodies), and the free text around them. Each region becomes a
 * Segment for one parser; free text is later read by the code, `.env` and log parsers.
 */

import { parseJsonContainer } from './json.js';
import type { Kind } from './kinds.js';
import { type Note, note } from './notes.js';
import { isBareHarEntries } from './parsers/har.js';
import type { Segment } from './raw.js';
import type { Dialect } from './shell/types.js';

export interface DetectedSegment extends Segment {
  /** For command segments: which shell's rules to read it with. */
  dialect?: Dialect;
  /** For JSON segments: the parsed document. */
  json?: unknown;
}

export interface Detection {
  segments: DetectedSegment[];
  notes: Note[];
}

const METHOD = '(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE|CONNECT)';
const REQUEST_LINE = new RegExp(`^${METHOD} \\S{1,8192} HTTP/\\d(?:\\.\\d)?$`);
/**
 * IntelliJ / VS Code REST Client (`.http` files) and the Postman console write the request line without a
 * version: `GET https://host/path`, `GET {{host}}/path`. Only an absolute or templated target counts, so prose
 * like "GET /users returns 401" stays prose.
 */
const BARE_REQUEST_LINE = new RegExp(`^${METHOD} (?:https?://|\\{\\{)\\S{1,8192}$`);
/** A REST Client file variable (`@host = https://…`), which comes before the requests that use it. */
const REST_VARIABLE = /^@[A-Za-z_][\w.-]{0,63}\s*=/;
const REST_SEPARATOR = /^###(?:\s|$)/;
/**
 * A versionless request line is a request only with a header right under it (or inside a REST Client file):
 * `POST https://host/graphql` over a pasted error body is the user naming the call, and the body the answer.
 */
const HEADER_LINE = /^\s*[A-Za-z][A-Za-z0-9-]{0,63}:\s/;
/** How far past `@name = value` lines a request line is looked for. */
const REST_VARIABLE_LOOKAHEAD = 40;
const STATUS_LINE = /^HTTP\/\d(?:\.\d)? \d{3}(?:\s|$)/;
const PSEUDO_HEADER = /^:(?:authority|method|path|scheme|status):/i;
const DEVTOOLS_GENERAL = /^Request URL:?\s*$|^Request URL: \S/;
const TRACE_LINE = /^(?:[*<>] |[<>]$|[{}] \[\d{1,12} bytes data\]|== Info:|=> Send |<= Recv )/;
const TRACE_ANCHOR = new RegExp(`^(?:> ${METHOD} \\S|< HTTP/\\d|=> Send header|<= Recv header)`);
// Words that may stand before `curl` on a shell line: env assignments, sudo, time, pipes from echo/cat.
const SHELL_LEAD =
  /^(?:[A-Za-z_][A-Za-z0-9_]{0,64}=\S{0,4096}\s+|(?:sudo|env|time|command|exec|nohup|builtin)\s+)*/;
const CURL_WORD = /^(?:\S{0,512}[/\\])?curl(?:\.exe)?(?=\s|$)/;
const CURL_ANYWHERE = /(?:^|[\s;&|(])(curl(?:\.exe)?)\s+[-'"$hHw<]/;
const SHELL_STARTER =
  /^(?:export|set|echo|printf|cat|sudo|env|time|for|if|while|do|then|[A-Za-z_][A-Za-z0-9_]{0,64}=)\b/;
const HTTPIE =
  /^(?:https?|xhs?)[ \t]+(?:(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)[ \t]|--?[a-zA-Z]|:\d|https?:\/\/|localhost\b|[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}(?:[:/\s]|$))/;
const CHAIN_END = /(?:&&|\|\||\||\\)[ \t]*$/;
const POWERSHELL =
  /^(?:\$[\w:]{1,64}\s*=\s*)?(?:Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\b|^\$session\s*=\s*New-Object\s+Microsoft\.PowerShell/i;
const INLINE_CURL = /`((?:curl|http|https)\s[^`]{3,20000})`/;

export function detect(text: string): Detection {
  const lines = text.split('\n');
  const segments: DetectedSegment[] = [];
  const notes: Note[] = [];
  let textStart = -1;
  // Once a JSON scan runs off the end of the paste, later `{` lines cannot close either: stop trying, so
  // a paste of a thousand unbalanced `{` lines stays linear.
  let jsonExhausted = false;
  const json = {
    exhausted: () => jsonExhausted,
    exhaust: () => {
      jsonExhausted = true;
    },
  };

  const flushText = (end: number) => {
    if (textStart >= 0) {
      pushText(segments, lines, textStart, end);
      textStart = -1;
    }
  };

  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const t = line.trim();
    const start = t === '' ? undefined : (classify(t, line) ?? restFileStart(lines, i, t));
    if (start === undefined) {
      if (textStart < 0) textStart = i;
      i++;
      continue;
    }
    flushText(i);
    let end: number;
    switch (start.kind) {
      case 'command': {
        const extent = commandExtent(lines, i, start.dialect);
        end = extent.end;
        notes.push(...extent.notes);
        segments.push({
          kind: start.commandKind,
          dialect: start.dialect,
          text: extent.text,
          startLine: i + 1,
          endLine: end + 1,
        });
        break;
      }
      case 'inline_curl': {
        end = i;
        segments.push({ kind: 'curl', dialect: 'bash', text: start.code, startLine: i + 1, endLine: i + 1 });
        pushText(segments, lines, i, i + 1);
        break;
      }
      case 'trace': {
        end = traceExtent(lines, i);
        if (!hasTraceAnchor(lines, i, end)) {
          if (textStart < 0) textStart = i;
          i = end + 1;
          continue;
        }
        segments.push(slice(lines, 'curl_trace', i, end));
        break;
      }
      case 'http': {
        end = httpExtent(lines, i, json);
        segments.push(slice(lines, start.httpKind, i, end));
        break;
      }
      case 'json': {
        const found = jsonExhausted ? { end: -1, value: undefined, exhausted: true } : jsonExtent(lines, i);
        if (found.exhausted) jsonExhausted = true;
        if (found.end < 0) {
          if (textStart < 0) textStart = i;
          i++;
          continue;
        }
        end = found.end;
        const seg = slice(lines, isHar(found.value) ? 'har' : 'json_body', i, end);
        seg.json = found.value;
        segments.push(seg);
        break;
      }
    }
    i = end + 1;
  }
  flushText(lines.length);
  return { segments, notes };
}

type Start =
  | { kind: 'command'; commandKind: Kind; dialect: Dialect }
  | { kind: 'inline_curl'; code: string }
  | { kind: 'trace' }
  | { kind: 'http'; httpKind: Kind }
  | { kind: 'json' };

function classify(t: string, line: string): Start | undefined {
  if (TRACE_LINE.test(line)) return { kind: 'trace' };
  if (STATUS_LINE.test(t)) return { kind: 'http', httpKind: 'http_response' };
  if (REQUEST_LINE.test(t) || PSEUDO_HEADER.test(t) || DEVTOOLS_GENERAL.test(t)) {
    return { kind: 'http', httpKind: 'http_request' };
  }
  if (t[0] === '{' || t[0] === '[') return { kind: 'json' };
  if (POWERSHELL.test(t)) return { kind: 'command', commandKind: 'powershell', dialect: 'powershell' };
  const lead = SHELL_LEAD.exec(t)?.[0] ?? '';
  const rest = t.slice(lead.length);
  if (CURL_WORD.test(rest) || (SHELL_STARTER.test(t) && CURL_ANYWHERE.test(t))) {
    return { kind: 'command', commandKind: 'curl', dialect: curlDialect(t) };
  }
  if (SHELL_STARTER.test(t) && CHAIN_END.test(t))
    return { kind: 'command', commandKind: 'curl', dialect: 'bash' };
  if (HTTPIE.test(rest)) return { kind: 'command', commandKind: 'httpie', dialect: 'bash' };
  const inline = INLINE_CURL.exec(t);
  if (inline?.[1]) return { kind: 'inline_curl', code: inline[1] };
  return undefined;
}

/**
 * Starts only a look-ahead can confirm. `@name = value` lines open a REST Client file when a request line
 * follows them (after more variables, `###` separators, comments or blanks); a versionless request line
 * opens a request when a header line comes right under it.
 */
function restFileStart(lines: string[], index: number, t: string): Start | undefined {
  const opens = REST_VARIABLE.test(t)
    ? requestLineAhead(lines, index)
    : BARE_REQUEST_LINE.test(t) && HEADER_LINE.test(lines[index + 1] ?? '');
  return opens ? { kind: 'http', httpKind: 'http_request' } : undefined;
}

/** Whether a request line comes after `index`, past REST Client variables, `###` separators and comments. */
function requestLineAhead(lines: string[], index: number): boolean {
  const last = Math.min(lines.length, index + REST_VARIABLE_LOOKAHEAD);
  for (let k = index + 1; k < last; k++) {
    const next = (lines[k] ?? '').trim();
    if (next === '' || REST_VARIABLE.test(next) || next.startsWith('#') || next.startsWith('//')) continue;
    return BARE_REQUEST_LINE.test(next) || REQUEST_LINE.test(next);
  }
  return false;
}

function curlDialect(firstLine: string): Dialect {
  if (/^\S*curl\.exe\b/i.test(firstLine) || /`\s*$/.test(firstLine) || /\$env:/i.test(firstLine))
    return 'powershell';
  if (/\^"|\s\^\s*$/.test(firstLine)) return 'cmd';
  return 'bash';
}

function slice(lines: string[], kind: Kind, start: number, end: number): DetectedSegment {
  return { kind, text: lines.slice(start, end + 1).join('\n'), startLine: start + 1, endLine: end + 1 };
}

function pushText(segments: DetectedSegment[], lines: string[], start: number, endExclusive: number): void {
  const body = lines.slice(start, endExclusive);
  if (body.every((l) => l.trim() === '')) return;
  segments.push({ kind: 'text', text: body.join('\n'), startLine: start + 1, endLine: endExclusive });
}

interface CommandExtent {
  end: number;
  text: string;
  notes: Note[];
}

/**
 * Where a pasted command ends: quotes still open, a trailing continuation (`\`, `^`, backtick), a trailing
 * `&&`/`|`, a here-document, or PowerShell braces keep it going. Lines that start with an option right after
 * a finished command are the classic lost-backslash paste: join them, and say so.
 */
function commandExtent(lines: string[], start: number, dialect: Dialect): CommandExtent {
  const notes: Note[] = [];
  const out: string[] = [];
  const state: ScanState = { quote: '', depth: 0, heredoc: undefined };
  let i = start;
  let joinedFrom = -1;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (state.heredoc !== undefined) {
      out.push(line);
      if (line.replace(/^\t+/, '') === state.heredoc) state.heredoc = undefined;
      continue;
    }
    out.push(line);
    const continues = scanLine(line, dialect, state);
    if (state.heredoc !== undefined || state.quote !== '' || state.depth > 0 || continues) continue;
    const next = lines[i + 1];
    if (next !== undefined && /^\s*--?[A-Za-z]/.test(next) && !/^\s*-{2,}\s*$/.test(next)) {
      if (joinedFrom < 0) joinedFrom = i + 2;
      out[out.length - 1] = `${line} ${continuationFor(dialect)}`;
      continue;
    }
    break;
  }
  if (joinedFrom > 0) {
    notes.push(
      note(
        'shell.missing_continuation',
        `Line ${joinedFrom - 1} ends without a ${continuationFor(dialect)} but the next lines start with options. A shell runs those lines as separate commands, so curl never sees them (often the Authorization header). I read them as one command; add the ${continuationFor(dialect)} at the end of each line, or put the command on one line.`,
        joinedFrom - 1,
      ),
    );
  }
  const end = Math.min(i, lines.length - 1);
  return { end, text: out.join('\n'), notes };
}

function continuationFor(dialect: Dialect): string {
  return dialect === 'cmd' ? '^' : dialect === 'powershell' ? '`' : '\\';
}

interface ScanState {
  quote: '' | "'" | '"';
  depth: number;
  heredoc: string | undefined;
}

/** Advances quote/brace state over one line; returns true when the line ends with a continuation. */
function scanLine(line: string, dialect: Dialect, state: ScanState): boolean {
  const esc = dialect === 'bash' ? '\\' : dialect === 'cmd' ? '^' : '`';
  // Where the next `"` and escape character are, searched again only once passed: every search moves
  // forward, so a long line costs one pass however many escapes it holds.
  let quoteAt = -2;
  let escAt = dialect === 'cmd' ? -1 : -2;
  for (let k = 0; k < line.length; k++) {
    // Inside quotes only the closing quote (and in double quotes an escape) matters: jump to it.
    if (state.quote === "'") {
      const close = line.indexOf("'", k);
      if (close < 0) break;
      state.quote = '';
      k = close;
      continue;
    }
    if (state.quote === '"') {
      if (quoteAt !== -1 && quoteAt < k) quoteAt = line.indexOf('"', k);
      if (escAt !== -1 && escAt < k) escAt = line.indexOf(esc, k);
      const close = quoteAt;
      const escaped = escAt;
      if (escaped >= 0 && (close < 0 || escaped < close)) {
        k = escaped + 1;
        continue;
      }
      if (close < 0) break;
      state.quote = '';
      k = close;
      continue;
    }
    const c = line[k];
    if (c === esc) {
      if (k === line.length - 1) return true;
      k++;
      continue;
    }
    if (c === '"') state.quote = '"';
    else if (c === "'" && dialect !== 'cmd') state.quote = "'";
    else if (dialect === 'powershell' && (c === '{' || c === '(')) state.depth++;
    else if (dialect === 'powershell' && (c === '}' || c === ')')) state.depth = Math.max(0, state.depth - 1);
    else if (dialect === 'bash' && c === '#' && (k === 0 || line[k - 1] === ' ' || line[k - 1] === '\t'))
      break;
    else if (dialect === 'bash' && c === '<' && line[k + 1] === '<' && line[k + 2] !== '<') {
      const m = /^<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(line.slice(k));
      if (m?.[2]) {
        state.heredoc = m[2];
        k += m[0].length - 1;
      }
    }
  }
  if (state.quote === "'" && dialect === 'cmd') state.quote = '';
  // cmd quotes never span lines.
  if (dialect === 'cmd') state.quote = '';
  return /(?:&&|\|\||\|)\s*$/.test(line) && state.quote === '';
}

/** A run of trace lines, plus the unprefixed response body that `curl -v` prints after `<` headers. */
function traceExtent(lines: string[], start: number): number {
  let end = start;
  let afterHeaders = false;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (TRACE_LINE.test(line) || /^\d{4}: /.test(line) || /^[<>]\s*$/.test(line)) {
      end = i;
      afterHeaders = /^<\s*$/.test(line);
      continue;
    }
    if (!afterHeaders) break;
    // The unprefixed response body: a JSON document to its end, otherwise text up to a blank line.
    const t = line.trim();
    if (t === '') continue;
    if (t[0] === '{' || t[0] === '[') {
      const json = jsonExtent(lines, i);
      if (json.end >= 0) {
        end = json.end;
        i = json.end;
        afterHeaders = false;
        continue;
      }
    }
    if (classify(t, line) !== undefined) break;
    let k = i;
    while (k < lines.length && (lines[k] ?? '').trim() !== '' && !TRACE_LINE.test(lines[k] ?? '')) k++;
    end = k - 1;
    i = k - 1;
    afterHeaders = false;
  }
  return end;
}

function hasTraceAnchor(lines: string[], start: number, end: number): boolean {
  for (let i = start; i <= end; i++) if (TRACE_ANCHOR.test(lines[i] ?? '')) return true;
  return false;
}

/**
 * An HTTP message: start line or pseudo headers, headers up to a blank line, then a body up to the next
 * thing that starts a message or command, or two blank lines. A request followed by its response stays
 * in one segment so the parser can pair them.
 */
function httpExtent(lines: string[], start: number, json: JsonScanState): number {
  let end = start;
  let blankRun = 0;
  // After the blank line that ends a message's headers; a JSON body is looked for once per message.
  let inBody = false;
  let bodyRead = false;
  // A GET (HEAD, OPTIONS, DELETE) without Content-Length has no body: what follows its headers is the user's.
  let bodyless = BODYLESS_REQUEST.test((lines[start] ?? '').trim());
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const t = line.trim();
    if (t === '') {
      blankRun++;
      if (blankRun >= 2) break;
      if (!inBody && bodyless && !messageFollows(lines, i + 1)) return end;
      inBody = true;
      continue;
    }
    const next = classify(t, line);
    if (next && next.kind !== 'http' && next.kind !== 'json') break;
    if (!inBody && BODY_HEADER.test(t)) bodyless = false;
    if (next?.kind === 'http') {
      inBody = false;
      bodyRead = false;
      bodyless = BODYLESS_REQUEST.test(t);
    } else if (next?.kind === 'json' && inBody && !bodyRead && !json.exhausted()) {
      bodyRead = true;
      const bodyEnd = jsonBodyEnd(lines, i, json);
      if (bodyEnd !== undefined) {
        // Prose typed under a JSON body ("I tried regenerating the key…") is the user's, not the server's.
        if (proseFollows(lines, bodyEnd + 1)) return bodyEnd;
        i = bodyEnd;
      }
    }
    blankRun = 0;
    end = i;
  }
  return end;
}

const BODYLESS_REQUEST = /^(?:GET|HEAD|OPTIONS|DELETE|TRACE)\s+\S/;
const BODY_HEADER = /^(?:content-length|transfer-encoding)\s*:/i;

/** The next non-blank line starts another HTTP message (a response, or the next request). */
function messageFollows(lines: string[], from: number): boolean {
  for (let i = from; i < lines.length && i < from + 3; i++) {
    const t = (lines[i] ?? '').trim();
    if (t === '') continue;
    return classify(t, lines[i] ?? '')?.kind === 'http';
  }
  return false;
}

interface JsonScanState {
  exhausted(): boolean;
  exhaust(): void;
}

/** The last line of a complete JSON value starting at `start`, when nothing follows it on that line. */
function jsonBodyEnd(lines: string[], start: number, json: JsonScanState): number | undefined {
  const found = jsonExtent(lines, start);
  if (found.exhausted) json.exhaust();
  if (found.end < 0) return undefined;
  const last = (lines[found.end] ?? '').trimEnd();
  return last.endsWith('}') || last.endsWith(']') ? found.end : undefined;
}

/** Whether the next non-blank line (if any) is text that starts nothing detect knows. */
function proseFollows(lines: string[], from: number): boolean {
  for (let k = from; k < lines.length; k++) {
    const line = lines[k] ?? '';
    const t = line.trim();
    if (t === '') continue;
    // A REST Client `###` separator before the next request is structure, not prose.
    if (REST_SEPARATOR.test(t) && requestLineAhead(lines, k)) return false;
    return classify(t, line) === undefined && !/^[{[<]/.test(t);
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function jsonExtent(lines: string[], start: number): { end: number; value: unknown; exhausted: boolean } {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] ?? '';
    // Character codes, not one-character strings: a HAR file is tens of kilobytes on one line.
    for (let k = i === start ? line.indexOf(line.trimStart()[0] ?? '') : 0; k < line.length; k++) {
      const c = line.charCodeAt(k);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) inString = false;
        continue;
      }
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) {
          const body = [...lines.slice(start, i), line.slice(0, k + 1)].join('\n');
          const value = parseJsonContainer(body);
          return value === undefined
            ? { end: -1, value: undefined, exhausted: false }
            : { end: i, value, exhausted: false };
        }
      }
    }
  }
  return { end: -1, value: undefined, exhausted: true };
}

function isHar(value: unknown): boolean {
  if (isBareHarEntries(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const log = (value as { log?: unknown }).log;
  return typeof log === 'object' && log !== null && Array.isArray((log as { entries?: unknown }).entries);
}
