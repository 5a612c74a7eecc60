/**
 * Reads code that builds an HTTP request, as pasted into a support chat: which URL it calls, with which
 * method, headers and credentials (literal, from a variable, from the environment, or a Postman `{{var}}`),
 * and which keys it hands to SDKs. Simple anchored patterns over a tolerant token stream, not a parser per
 * language: code that does not compile still yields what it plainly says.
 */
import { note } from '../../notes.js';
import type { Fragment, Segment } from '../../raw.js';
import {
  applySeg,
  assignment,
  isHeaderOp,
  isVerb,
  type Recognizer,
  type Start,
  send,
  verb,
} from './builders.js';
import { Collector, isAuthHeaderName } from './collector.js';
import { recognizeDotnet } from './dotnet.js';
import { recognizeJs } from './js.js';
import { recognizeJvm } from './jvm.js';
import { guessLang } from './lang.js';
import { recognizeGo, recognizePhp, recognizeRuby, recognizeSwift } from './php-ruby-go.js';
import { type Chain, Program } from './program.js';
import { recognizePython } from './python.js';
import { credentialAssignments, sdkCall } from './sdk.js';

export { looksLikeCode } from './detect.js';

const RECOGNIZERS: Recognizer[] = [
  recognizeJs,
  recognizePython,
  recognizeJvm,
  recognizeDotnet,
  recognizePhp,
  recognizeRuby,
  recognizeGo,
  recognizeSwift,
];
/** Words that may stand before a call on the same line (anything else there makes it prose or a declaration). */
const LEADS = new Set([
  'await',
  'return',
  'yield',
  'throw',
  'new',
  'typeof',
  'echo',
  'print',
  'puts',
  'go',
  'defer',
  'using',
  'else',
  'do',
  'then',
  'in',
  'of',
  'not',
  'and',
  'or',
  'async',
  'try',
  'assert',
  'lambda',
  'case',
  'when',
  'with',
  'default',
  'val',
  'var',
  'let',
  'const',
]);
const VIA_HEADERS = /(?:\.|->|::)(?:Header|Headers|headers|header|DefaultRequestHeaders)$|\.defaults\b/;
const CLIENTISH = /client|session|http|api|conn|axios|instance|rest|agent|faraday|service|sdk|\$client/i;

export function parseCode(segment: Segment): Fragment {
  const p = new Program(segment.text, guessLang(segment.text), segment.startLine);
  const c = new Collector(p);
  walk(c);
  credentialAssignments(c);
  const exchanges = c.exchanges();
  const notes = [...c.notes];
  const open = p.unterminated[0];
  if (open !== undefined) {
    notes.push(
      note(
        'code.unterminated_string',
        `A string on line ${open} is not closed; it was read to the end of its line.`,
        open,
      ),
    );
  }
  for (const line of c.v.plainTemplateLines) {
    notes.push(
      note(
        'code.template_in_plain_string',
        '`${…}` is inside a quoted string, not a backtick template, so JavaScript sends it as those exact characters.',
        line,
      ),
    );
  }
  if (exchanges.length === 0 && c.loose.length === 0) {
    notes.push(
      note(
        'code.no_request',
        'This looks like code, but no HTTP request or credential was found in it.',
        segment.startLine,
      ),
    );
  }
  return { kinds: ['code'], exchanges, looseCredentials: c.loose, notes };
}

function walk(c: Collector): void {
  const p = c.p;
  for (let i = 0; i < p.toks.length; i++) {
    const t = p.toks[i]!;
    if (t.k === 'op') {
      if (t.v === '=' || t.v === ':=') {
        const a = p.assignAt(i);
        if (a) assignment(c, a);
      }
      continue;
    }
    if (t.k !== 'id' || p.isMember(i) || p.is(i - 1, 'new')) continue;
    const prev = p.tok(i - 1);
    // A call right after a word on the same line is prose (`I tried fetch(…)`) or a stack frame (`at fetch (…)`).
    if (prev && prev.line === t.line && prev.k !== 'op' && prev.k !== 'nl' && !LEADS.has(prev.v)) continue;
    const ch = p.chain(i);
    if (ch) handle(c, ch);
  }
}

function handle(c: Collector, ch: Chain): void {
  if (send(c, ch.segs[0]!)) return;
  let start: Start | undefined;
  for (const recognize of RECOGNIZERS) {
    start = recognize(c, ch);
    if (start) break;
  }
  start ??= generic(c, ch);
  if (!start) {
    sdkCall(c, ch);
    return;
  }
  let t = start.target;
  if (!t) return;
  for (let k = start.next; k < ch.segs.length; k++) t = applySeg(c, t, ch.segs[k]!);
  const name = c.p.assignedTo(ch.start);
  if (name) c.name(t, name);
  const block = blockName(c, ch.end);
  if (block) c.named.set(block, t);
}

/** Calls on a receiver: a known request, client or header object, or an unknown one that is plainly HTTP. */
function generic(c: Collector, ch: Chain): Start | undefined {
  const s = ch.segs[0]!;
  if (!s.recv) return undefined;
  const viaHeaders = VIA_HEADERS.test(s.recv);
  const known = c.receiver(s.recv, s.open, false);
  if (known) {
    if (viaHeaders && isVerb(s.name)) return undefined;
    return { target: known, next: 0 };
  }
  const [a0, a1] = s.args;
  if (isHeaderOp(s.name, s.args.length)) {
    const headerish = viaHeaders || /headers?$/i.test(s.recv);
    const keyed = a0 && a1 && c.p.tok(a0.s)?.k === 'str' && isAuthHeaderName(c.value(a0.s, a0.e).text);
    if (headerish || keyed) return { target: c.receiver(s.recv, s.open, true)!, next: 0 };
    return undefined;
  }
  if (isVerb(s.name) && a0 && CLIENTISH.test(s.recv) && c.urlish(a0.s, a0.e)) {
    return { target: verb(c, undefined, s), next: 1 };
  }
  return undefined;
}

/** `with httpx.Client(…) as client:` (Python) and `Net::HTTP.start(…) do |http|` (Ruby). */
function blockName(c: Collector, end: number): string | undefined {
  const p = c.p;
  if (p.is(end, 'as') && p.tok(end + 1)?.k === 'id') return p.tok(end + 1)!.v;
  if (p.is(end, 'do') && p.is(end + 1, '|') && p.tok(end + 2)?.k === 'id') return p.tok(end + 2)!.v;
  return undefined;
}
