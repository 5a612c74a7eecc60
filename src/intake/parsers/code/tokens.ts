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

function isIdentStart(c: string): boolean {
  return /[A-Za-z_$@]/.test(c) || c.charCodeAt(0) > 127;
}
function isIdentChar(c: string): boolean {
  return /[\w$]/.test(c) || c.charCodeAt(0) > 127;
}

export function tokenize(src: string, lang: Lang, startLine: number): TokenizeResult {
  const toks: Tok[] = [];
  const unterminated: number[] = [];
  const memo: ScanMemo = new Set();
  let line = startLine;
  let noBlockClose = false;
  let i = 0;

  const countLines = (from: number, to: number) => {
    for (let j = from; j < to; j++) if (src.charCodeAt(j) === 10) line++;
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
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < src.length && isIdentChar(src[j]!)) j++;
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
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[\w.]/.test(src[j]!)) j++;
      toks.push({ k: 'num', v: src.slice(i, j), s: i, e: j, line });
      i = j;
      continue;
    }
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    const op = OPS3.includes(three) ? three : OPS2.includes(two) ? two : c;
    toks.push({ k: 'op', v: op, s: i, e: i + op.length, line });
    i += op.length;
  }
  return { toks, unterminated };
}
