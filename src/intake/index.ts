/**
 * Intake: anything a user pastes in, one validated, redacted Evidence value out.
 * normalize (undo chat markup) → detect (what is where) → one parser per kind → build (credentials,
 * secrets, scrubbing).
 */
import { buildEvidence } from './build.js';
import type { TextFormat } from './credentials/text-formats.js';
import { type DetectedSegment, detect } from './detect.js';
import type { Evidence } from './evidence.js';
import { normalize } from './normalize.js';
import { type Note, note } from './notes.js';
import { parseClientLog } from './parsers/client-log.js';
import { looksLikeCode, parseCode } from './parsers/code/index.js';
import { parseCurl } from './parsers/curl/index.js';
import { parseCurlTrace } from './parsers/curl-trace.js';
import { looksLikeEnv, parseEnvLines } from './parsers/env-lines.js';
import { forgetErrorBodies, parseErrorBody } from './parsers/error-body.js';
import { parseHar } from './parsers/har.js';
import { parseHttpMessages } from './parsers/http-message.js';
import { parseHttpie } from './parsers/httpie.js';
import { parsePowerShellWeb } from './parsers/powershell-web.js';
import type { Fragment } from './raw.js';

export type { Evidence } from './evidence.js';

export const DEFAULT_MAX_INPUT_BYTES = 1024 * 1024;

export interface IntakeOptions {
  /** Bytes read at most; the rest is ignored with a note (default 1 MB). */
  maxBytes?: number;
  /** The input's full size when the caller already cut it at the cap (a file or stream read in part). */
  totalBytes?: number;
  /** Provider packs' prefixed credential formats, hidden in free text like the format table's own. */
  textFormats?: readonly TextFormat[];
}

export function intake(input: string | Uint8Array, options: IntakeOptions = {}): Evidence {
  // Parsers and the builder read the same bodies: they share what was read, for this paste only.
  forgetErrorBodies();
  try {
    return readPaste(input, options);
  } finally {
    forgetErrorBodies();
  }
}

function readPaste(input: string | Uint8Array, options: IntakeOptions): Evidence {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const notes: Note[] = [];
  const decoded = decode(input, notes);
  const bytes = Math.max(options.totalBytes ?? 0, Buffer.byteLength(decoded, 'utf8'));
  let text = decoded;
  const truncated = bytes > maxBytes;
  if (truncated) {
    text = Buffer.byteLength(decoded, 'utf8') > maxBytes ? cutToBytes(decoded, maxBytes) : decoded;
    notes.push(
      note(
        'input.too_large',
        `Your paste is ${formatBytes(bytes)}; I read the first ${formatBytes(maxBytes)}. For a big log or HAR file, paste only the failing request and its response.`,
      ),
    );
  }
  if (text.trim() === '') {
    notes.push(
      note(
        'input.empty',
        'There is nothing to read yet. Paste the failing curl command (or `curl -v` output, the raw HTTP response, or the error log).',
      ),
    );
  }

  const normalized = normalize(text);
  notes.push(...normalized.notes);
  const detection = detect(normalized.text);
  notes.push(...detection.notes);
  // A loop, not flatMap: V8's flatMap takes a slow generic path that cost more than small parsers.
  const fragments: Fragment[] = [];
  for (const segment of detection.segments) fragments.push(...parseSegment(segment));
  pairCommandsWithOutput(fragments);

  const prose = detection.segments
    .filter((s) => s.kind === 'text')
    .map((s) => ({ line: s.startLine, text: s.text.trim() }))
    .filter((p) => p.text !== '');
  // The Evidence type is inferred from EvidenceSchema and the test suites check every Evidence they build
  // against it; re-validating our own output on every paste would cost more than the parsing itself.
  return buildEvidence({
    text: normalized.text,
    prose,
    fragments,
    notes,
    bytes,
    truncated,
    ...(options.textFormats ? { textFormats: options.textFormats } : {}),
  });
}

const COMMAND_KINDS = new Set(['curl', 'httpie', 'powershell']);

/**
 * A command followed by the response it printed (`curl -i URL` and then `HTTP/1.1 401 …`) is one exchange:
 * the rules need to know that this request got that answer.
 */
function pairCommandsWithOutput(fragments: Fragment[]): void {
  for (let i = 0; i + 1 < fragments.length; i++) {
    const sent = fragments[i]!.exchanges;
    const next = fragments[i + 1]!.exchanges;
    if (sent?.length !== 1 || !next?.length) continue;
    const request = sent[0]!;
    const answer = next[0]!;
    if (!COMMAND_KINDS.has(request.source) || !request.request || request.response) continue;
    if (
      (answer.source !== 'http_response' && answer.source !== 'curl_trace') ||
      answer.request ||
      !answer.response
    )
      continue;
    request.response = answer.response;
    next.shift();
  }
}

function parseSegment(segment: DetectedSegment): Fragment[] {
  const run = (parser: () => Fragment): Fragment => {
    // The last line of defence: a parser bug must cost one region of the paste, never the whole reply.
    try {
      return parser();
    } catch {
      return {
        notes: [
          note(
            'intake.parser_failed',
            `I could not read lines ${segment.startLine}–${segment.endLine} (${segment.kind}); the rest of the paste was read.`,
            segment.startLine,
          ),
        ],
      };
    }
  };
  switch (segment.kind) {
    case 'curl':
      return [run(() => parseCurl(segment))];
    case 'httpie':
      return [run(() => parseHttpie(segment))];
    case 'powershell':
      return [run(() => parsePowerShellWeb(segment))];
    case 'curl_trace':
      return [run(() => parseCurlTrace(segment))];
    case 'http_request':
    case 'http_response':
      return [run(() => parseHttpMessages(segment))];
    case 'har':
      return [run(() => parseHar(segment, segment.json))];
    case 'json_body':
      return [run(() => parseErrorBody(segment))];
    default: {
      const out = [run(() => parseClientLog(segment))];
      if (paragraphs(segment.text).some(looksLikeCode)) out.push(run(() => parseCode(segment)));
      if (looksLikeEnv(segment.text)) out.push(run(() => parseEnvLines(segment)));
      return out;
    }
  }
}

/** Code and the log it produced are often pasted together, a blank line apart: judge each part alone. */
function paragraphs(text: string): string[] {
  return text.split(/\n[ \t]*\n/);
}

function decode(input: string | Uint8Array, notes: Note[]): string {
  if (typeof input === 'string') return input;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(input);
  if (text.includes('\uFFFD')) {
    notes.push(note('input.not_utf8', 'Parts of the input are not valid UTF-8 text; they were replaced.'));
  }
  return text;
}

function cutToBytes(text: string, maxBytes: number): string {
  const cut = Buffer.from(text, 'utf8').subarray(0, maxBytes).toString('utf8');
  return cut.endsWith('\uFFFD') ? cut.slice(0, -1) : cut;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
