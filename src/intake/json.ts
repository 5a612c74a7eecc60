/**
 * Strict JSON parsing of text that may well not be JSON: a JavaScript object, a Python dict, a PowerShell
 * hashtable, a body followed by more log. A failed `JSON.parse` throws, and building the SyntaxError and
 * its stack costs more than parsing a small body, so texts whose first or last token already rules JSON
 * out are turned down before the parser sees them. Every check here is one that valid JSON always passes.
 */

/** The parsed object or array, or `undefined` when `text` is not a JSON object or array. */
export function parseJsonContainer(text: string): unknown {
  if (!mayBeJsonContainer(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * False when `text` cannot be a JSON object or array: it must start with `{` or `[` and end with the
 * matching bracket (JSON whitespace aside), an array's first item must start like a value, and an
 * object's first key must be a string followed by `:`.
 */
export function mayBeJsonContainer(text: string): boolean {
  let i = skipSpace(text, 0);
  const first = text.charCodeAt(i);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) return false;
  let end = text.length - 1;
  while (end > i && isJsonSpace(text.charCodeAt(end))) end--;
  if (text.charCodeAt(end) !== (first === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET) || end === i) {
    return false;
  }
  i = skipSpace(text, i + 1);
  if (first === OPEN_BRACKET) return VALUE_START.includes(text[i] ?? '');
  const c = text.charCodeAt(i);
  if (c === CLOSE_BRACE) return true;
  if (c !== QUOTE) return false;
  for (i++; i < end; i++) {
    const k = text.charCodeAt(i);
    if (k === BACKSLASH) i++;
    else if (k === QUOTE) break;
    // JSON strings hold no raw control characters (a newline ends a single-quoted-looking key).
    else if (k < 0x20) return false;
  }
  return text.charCodeAt(skipSpace(text, i + 1)) === COLON;
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
/** What a JSON value, or the end of an empty array, can start with. */
const VALUE_START = '{["-0123456789tfn]';

/** Space, tab, line feed and carriage return: the only whitespace JSON allows. */
function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
  return i;
}
