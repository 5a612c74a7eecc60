/** Decoding of bash `$'…'` strings, which browsers' "Copy as cURL" uses for bodies with newlines. */

const SIMPLE: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

export interface AnsiC {
  value: string;
  /** Index just past the closing quote, or the text length. */
  end: number;
  closed: boolean;
}

/**
 * `start` is the index just after `$'`. Like bash, a NUL (`\0`, `\x00`) ends the value: bash keeps strings
 * as C strings, so everything after it inside these quotes is silently dropped.
 */
export function decodeAnsiC(text: string, start: number): AnsiC {
  let value = '';
  let truncated = false;
  let i = start;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === "'") return { value, end: i + 1, closed: true };
    if (c !== '\\') {
      const next = nextSpecial(text, i);
      if (!truncated) value += text.slice(i, next);
      i = next;
      continue;
    }
    const esc = escapeAt(text, i);
    if (esc.text === '\0') truncated = true;
    if (!truncated) value += esc.text;
    i = esc.end;
  }
  return { value, end: text.length, closed: false };
}

function nextSpecial(text: string, i: number): number {
  let j = i;
  while (j < text.length && text[j] !== "'" && text[j] !== '\\') j++;
  return j;
}

/** `i` is at a backslash. */
function escapeAt(text: string, i: number): { text: string; end: number } {
  const c = text[i + 1];
  if (c === undefined) return { text: '\\', end: i + 1 };
  const simple = SIMPLE[c];
  if (simple !== undefined) return { text: simple, end: i + 2 };
  if (c >= '0' && c <= '7') {
    const digits = takeDigits(text, i + 1, 3, 8);
    return { text: String.fromCharCode(Number.parseInt(digits, 8) & 0xff), end: i + 1 + digits.length };
  }
  if (c === 'x' || c === 'u' || c === 'U') {
    const digits = takeDigits(text, i + 2, c === 'x' ? 2 : c === 'u' ? 4 : 8, 16);
    const code = Number.parseInt(digits, 16);
    if (digits === '' || code > 0x10ffff) return { text: `\\${c}`, end: i + 2 };
    return { text: String.fromCodePoint(code), end: i + 2 + digits.length };
  }
  if (c === 'c') {
    const ctl = text[i + 2];
    if (ctl === undefined || ctl === "'") return { text: '\\c', end: i + 2 };
    return { text: String.fromCharCode(ctl.toUpperCase().charCodeAt(0) & 0x1f), end: i + 3 };
  }
  return { text: `\\${c}`, end: i + 2 };
}

function takeDigits(text: string, from: number, max: number, radix: 8 | 16): string {
  let j = from;
  while (j < text.length && j - from < max && isDigit(text[j] as string, radix)) j++;
  return text.slice(from, j);
}

function isDigit(c: string, radix: 8 | 16): boolean {
  if (radix === 8) return c >= '0' && c <= '7';
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
