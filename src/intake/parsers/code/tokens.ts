/**
 * A language-neutral token stream: identifiers, string literals, numbers, operators and newlines, with
 * comments dropped. Enough structure to find calls, arguments and assignments without a grammar per language.
 */
import type { Lang } from './lang.js';
import { type ScanMemo, type StrLit, scanString } from './strings.js';

export type TokKind = 'id' | 'str' | 'num' | 'op' | 'nl';

export interface Tok {
  k: TokKind;
  /** Identifier or operator text; for strings, the source text of the literal. */
  v: string;
  /** Offsets into the scanned text. */
  s: number;
  e: number;
  line: number;
  str?: StrLit;
}

export interface TokenizeResult {
  toks: Tok[];
  /** Lines where a string literal was not closed. */
  unterminated: number[];
}

const OPS3 = ['===', '!==', '...', '<=>', '**='];
const OPS2 = [
  '=>',
  '->',
  '::',
  ':=',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '?.',
  '+=',
  '-=',
  '**',
  '<<',
  '..',
];
const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR]|u8|[LR])$/;

/**
 * Multi-character operators by the code of their first character, longest first: most operators are one
 * character, and only those starting like a longer one need a look further.
 */
const OPS_BY_FIRST: (string[] | undefined)[] = new Array(128).fill(undefined);
for (const op of [...OPS3, ...OPS2]) {
  const code = op.charCodeAt(0);
  OPS_BY_FIRST[code] ??= [];
  OPS_BY_FIRST[code].push(op);
}

// Character classes by code, not by a regular expression per character.
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigitCode = (c: number) => c >= 48 && c <= 57;

/** `[A-Za-z_$@]` or any non-ASCII character. */
function isIdentStart(c: number): boolean {
  return isAsciiLetter(c) || c === 95 || c === 36 || c === 64 || c > 127;
}
/** `[\w$]` or any non-ASCII character. */
function isIdentChar(c: number): boolean {
  return isAsciiLetter(c) || isDigitCode(c) || c === 95 || c === 36 || c > 127;
}
/** `[\w.]`: the characters of a number literal. */
function isNumberChar(c: number): boolean {
  return isAsciiLetter(c) || isDigitCode(c) || c === 95 || c === 46;
}

export function tokenize(src: string, lang: Lang, startLine: number): TokenizeResult {
  const toks: Tok[] = [];
  const unterminated: number[] = [];
  const memo: ScanMemo = new Set();
  let line = startLine;
  let noBlockClose = false;
  let i = 0;

  // The next line break at or after the last position counted: the tokenizer only moves forward, so
  // one search per line break, never a search past `to` repeated for every string on a long line.
  let nextBreak = -2;
  const countLines = (from: number, to: number) => {
    if (nextBreak !== -1 && nextBreak < from) nextBreak = src.indexOf('\n', from);
    while (nextBreak !== -1 && nextBreak < to) {
      line++;
      nextBreak = src.indexOf('\n', nextBreak + 1);
    }
  };
  const pushString = (start: number, prefix: string) => {
    const { lit, end } = scanString(src, start, prefix, lang, memo);
    const from = start - prefix.length;
    toks.push({ k: 'str', v: src.slice(from, end), s: from, e: end, line, str: lit });
    if (!lit.terminated) unterminated.push(line);
    countLines(start, end);
    i = end;
  };

  while (i < src.length) {
    const c = src[i]!;
    const n = src[i + 1] ?? '';
    if (c === '\n') {
      if (toks.at(-1)?.k !== 'nl') toks.push({ k: 'nl', v: '\n', s: i, e: i + 1, line });
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
      continue;
    }
    if ((c === '/' && n === '/' && lang !== 'python') || (c === '#' && src[i - 1] !== '.' && n !== '{')) {
      const eol = src.indexOf('\n', i);
      i = eol < 0 ? src.length : eol;
      continue;
    }
    if (c === '/' && n === '*') {
      const close = noBlockClose ? -1 : src.indexOf('*/', i + 2);
      if (close < 0) {
        noBlockClose = true;
        const eol = src.indexOf('\n', i);
        i = eol < 0 ? src.length : eol;
      } else {
        countLines(i, close);
        i = close + 2;
      }
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      pushString(i, '');
      continue;
    }
    // C# `$"…"`, `@"…"`, `$@"…"`, `@$"…"`.
    if (
      (c === '$' || c === '@') &&
      (n === '"' || ((n === '@' || n === '$') && src[i + 2] === '"' && n !== c))
    ) {
      const q = n === '"' ? i + 1 : i + 2;
      pushString(q, src.slice(i, q));
      continue;
    }
    const code = src.charCodeAt(i);
    if (isIdentStart(code)) {
      let j = i + 1;
      while (j < src.length && isIdentChar(src.charCodeAt(j))) j++;
      const word = src.slice(i, j);
      const q = src[j];
      if ((q === '"' || q === "'") && STRING_PREFIX.test(word)) {
        i = j;
        pushString(j, word);
        continue;
      }
      toks.push({ k: 'id', v: word, s: i, e: j, line });
      i = j;
      continue;
    }
    if (isDigitCode(code)) {
      let j = i + 1;
      while (j < src.length && isNumberChar(src.charCodeAt(j))) j++;
      toks.push({ k: 'num', v: src.slice(i, j), s: i, e: j, line });
      i = j;
      continue;
    }
    let op = c;
    const longer = code < 128 ? OPS_BY_FIRST[code] : undefined;
    if (longer !== undefined) {
      for (let k = 0; k < longer.length; k++) {
        if (src.startsWith(longer[k]!, i)) {
          op = longer[k]!;
          break;
        }
      }
    }
    toks.push({ k: 'op', v: op, s: i, e: i + op.length, line });
    i += op.length;
  }
  return { toks, unterminated };
}
