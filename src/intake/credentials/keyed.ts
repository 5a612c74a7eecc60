/**
 * Secrets named by their key in text that no parser took apart: `"access_token": "…"` in JSON,
 * `client_secret=…` in forms, logs and URLs, `Authorization: 'Bearer …'` in a dumped JS object,
 * `X-Api-Key: …` in a log line, `apiKey = "…"`. Three passes over the text, in this order; within a pass,
 * pairs do not overlap, as with a global regular expression.
 */
import { isCredentialHeader, isCredentialKey } from './names.js';

const JSON_PAIR = /"([A-Za-z_][\w.-]{0,63})"[ \t]{0,8}:[ \t]{0,8}"([^"\\\n]{1,4096})"/g;
const FORM_PAIR = /(?:^|[&?\s;,])([A-Za-z_][\w.-]{0,63})=([^&\s"',;]{1,4096})/g;
/** `FORM_PAIR` tried at one position, where `nextFormPair` found it can start. */
const FORM_PAIR_AT = new RegExp(FORM_PAIR.source, 'y');
const LOOSE_PAIR =
  /\b([A-Za-z_][\w-]{0,63})['"]?[ \t]{0,4}[:=][ \t]{0,4}['"`]?(?:(?:Bearer|Basic|Token|token|Bot|SSWS)[ \t]{1,4})?([A-Za-z0-9._~+/=-]{8,4096})/g;

const PASSWORD_NAME = /pass|pwd|secret/i;
const NOT_A_VALUE =
  /^(?:true|false|null|undefined|none|bearer|basic|string|digest|negotiate|ntlm|dpop|aws4-hmac-sha256|scram-sha-256)$/i;
const PLAIN_WORD = /^[a-z]{8,24}$/;
const ERROR_CODE = /^[A-Z]{1,8}\d{3,8}$/;
/**
 * `token = process.'env.ACME_TOKEN` with a stray quote: the start of a reference in code (`process.`), not a
 * value. No credential ends in a dot after a plain word.
 */
const CUT_REFERENCE = /^[A-Za-z_]\w*\.$/;

type Finder = (text: string, from: number) => RegExpExecArray | null;

const byPattern =
  (re: RegExp): Finder =>
  (text, from) => {
    re.lastIndex = from;
    return re.exec(text);
  };

/** Each pass with a character it cannot match without: a text lacking it skips that whole pass. */
const PASSES: { find: Finder; mayMatch: (text: string) => boolean; loose: boolean }[] = [
  { find: byPattern(JSON_PAIR), mayMatch: (text) => text.includes('"'), loose: false },
  { find: nextFormPair, mayMatch: (text) => text.includes('='), loose: false },
  { find: byPattern(LOOSE_PAIR), mayMatch: (text) => text.includes(':') || text.includes('='), loose: true },
];

/**
 * Calls `visit` with each key and value that look like a credential, in the order the passes find them.
 * What is already known is for the caller to skip: `visit` may register values the later pairs repeat.
 */
export function eachKeyedSecret(text: string, visit: (name: string, value: string) => void): void {
  for (const pass of PASSES) {
    if (!pass.mayMatch(text)) continue;
    let from = 0;
    for (let m = pass.find(text, from); m !== null; m = pass.find(text, from)) {
      from = m.index + m[0].length;
      const name = m[1];
      const value = m[2];
      // The name first: most pairs in a body or log are harmless (`"url": …`), and it is short and repeats.
      if (!name || !value || value.length < 8 || !namesCredential(name, pass.loose)) continue;
      if (NOT_A_VALUE.test(value)) continue;
      // `Authorization: AWS4-HMA\` + newline: a value cut by a line continuation is a fragment; the parser
      // that joins the lines reads the whole value.
      if (pass.loose && cutByContinuation(text, from)) continue;
      // `TOKEN=$(kubectl get …)`: the start of a command, not a value.
      if (value.startsWith('$(') || value.startsWith('${') || value.startsWith('`')) continue;
      // In free text, `oauth token: unexpected status` and `Tokens.Jwt: IDX10503` are prose and error codes,
      // not secrets; a password is kept whatever it looks like.
      if (
        pass.loose &&
        !PASSWORD_NAME.test(name) &&
        (PLAIN_WORD.test(value) || ERROR_CODE.test(value) || CUT_REFERENCE.test(value))
      ) {
        continue;
      }
      visit(name, value);
    }
  }
}

/**
 * The first `FORM_PAIR` match at or after `from`, found from the `=` signs rather than by trying the
 * pattern at every blank of the text: most texts hold few `=`. A pair's name is the whole run of name
 * characters before its `=` (the `=` cannot be in it), so each `=` has one possible start: the separator
 * before that run, or the start of the text. Those starts grow with the `=`, so the first that matches is
 * the match the global pattern would find.
 */
function nextFormPair(text: string, from: number): RegExpExecArray | null {
  for (let eq = text.indexOf('=', from); eq !== -1; eq = text.indexOf('=', eq + 1)) {
    let start = eq;
    while (start > 0 && eq - start <= MAX_NAME && isNameChar(text.charCodeAt(start - 1))) start--;
    if (start === eq || eq - start > MAX_NAME || !isNameStart(text.charCodeAt(start))) continue;
    const at = start === 0 ? 0 : start - 1;
    if (at < from || (start > 0 && !isSeparator(text.charCodeAt(at)))) continue;
    FORM_PAIR_AT.lastIndex = at;
    const m = FORM_PAIR_AT.exec(text);
    if (m !== null) return m;
  }
  return null;
}

const MAX_NAME = 64;

function cutByContinuation(text: string, end: number): boolean {
  if (text.charCodeAt(end) !== 92) return false;
  const next = text.charCodeAt(end + 1);
  return next === 10 || (next === 13 && text.charCodeAt(end + 2) === 10);
}

/** `[A-Za-z_]` */
function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** `[\w.-]` */
function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

/** `[&?\s;,]`, with `\s` as JavaScript defines it. */
function isSeparator(c: number): boolean {
  switch (c) {
    case 0x26: // &
    case 0x3f: // ?
    case 0x3b: // ;
    case 0x2c: // ,
    case 0x09:
    case 0x0a:
    case 0x0b:
    case 0x0c:
    case 0x0d:
    case 0x20:
    case 0xa0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
    case 0xfeff:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200a;
  }
}

const KEY_NAME = 1;
const HEADER_NAME = 2;
const MAX_NAME_VERDICTS = 4096;
/**
 * What `isCredentialKey` and `isCredentialHeader` say of each name seen in the current paste: a body or log
 * repeats the same few names.
 */
const nameVerdicts = new Map<string, number>();

/** Forgets the names judged so far: the builder calls it for each paste. */
export function forgetNames(): void {
  nameVerdicts.clear();
}

/** A JSON or form key that names a credential; in a loose `name: value` pair, a header name too. */
function namesCredential(name: string, orHeader: boolean): boolean {
  let verdict = nameVerdicts.get(name);
  if (verdict === undefined) {
    verdict = (isCredentialKey(name) ? KEY_NAME : 0) | (isCredentialHeader(name) ? HEADER_NAME : 0);
    if (nameVerdicts.size >= MAX_NAME_VERDICTS) nameVerdicts.clear();
    nameVerdicts.set(name, verdict);
  }
  return (verdict & KEY_NAME) !== 0 || (orHeader && (verdict & HEADER_NAME) !== 0);
}
