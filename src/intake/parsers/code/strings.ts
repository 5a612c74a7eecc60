/**
 * A tolerant string-literal scanner shared by every language: '…', "…", `…` templates, Python triple quotes
 * and f/r/b prefixes, C# @"…" and $"…", Java/Kotlin text blocks, Go raw strings, and the interpolations
 * `${x}`, `{x}`, `#{x}`, `$x`, `\(x)`. It never fails: an unterminated literal ends at the end of its line.
 */
import type { Lang } from './lang.js';

export type StrPart = { kind: 'lit'; text: string } | { kind: 'expr'; expr: string; raw: string };

export interface StrLit {
  parts: StrPart[];
  /** `f`, `rb`, `$`, `@`, `$@`, … as written (lowercased). */
  prefix: string;
  quote: string;
  terminated: boolean;
}

type Interp = 'none' | 'dollar_brace' | 'brace' | 'hash_brace' | 'dollar' | 'swift';

/** Interpolations longer than this are read as text: real ones are short, and the cap keeps scanning linear. */
const MAX_INTERP = 200;

/**
 * Delimiters whose closing was once searched to the end of the text without success. Any later literal of
 * the same kind is then read as single-line, so many unterminated quotes never cost more than one pass.
 */
export type ScanMemo = Set<string>;

export function scanString(
  src: string,
  start: number,
  rawPrefix: string,
  lang: Lang,
  memo: ScanMemo,
): { lit: StrLit; end: number } {
  const prefix = rawPrefix.toLowerCase();
  const q = src[start] ?? '"';
  const triple = q !== '`' && src.startsWith(q + q + q, start);
  const open = triple ? q + q + q : q;
  const verbatim = prefix.includes('@');
  const raw = verbatim || (lang === 'python' && prefix.includes('r')) || (q === '`' && lang === 'go');
  const interp = interpolation(q, prefix, lang);
  const multiline = triple || verbatim || q === '`';
  const memoKey = `${open}|${verbatim}`;
  const bodyStart = start + open.length;

  if (multiline && !memo.has(memoKey)) {
    const read = readBody(src, bodyStart, open, raw, verbatim, interp, lang === 'php', false);
    if (read.terminated) return { lit: makeLit(read.parts, prefix, open, true), end: read.end };
    memo.add(memoKey);
  }
  const read = readBody(src, bodyStart, open, raw, verbatim, interp, lang === 'php', true);
  return { lit: makeLit(read.parts, prefix, open, read.terminated), end: read.end };
}

function makeLit(parts: StrPart[], prefix: string, quote: string, terminated: boolean): StrLit {
  return { parts, prefix, quote, terminated };
}

function interpolation(q: string, prefix: string, lang: Lang): Interp {
  if (q === '`') return lang === 'go' ? 'none' : 'dollar_brace';
  if (prefix.includes('f') || prefix.includes('$')) return 'brace';
  if (q !== '"') return 'none';
  switch (lang) {
    case 'ruby':
    case 'unknown':
      return 'hash_brace';
    case 'php':
    case 'kotlin':
      return 'dollar';
    case 'swift':
      return 'swift';
    default:
      return 'none';
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', v: '\v' };

function readBody(
  src: string,
  from: number,
  close: string,
  raw: boolean,
  verbatim: boolean,
  interp: Interp,
  keepDollar: boolean,
  singleLine: boolean,
): { parts: StrPart[]; end: number; terminated: boolean } {
  const parts: StrPart[] = [];
  let buf = '';
  let i = from;
  // Plain characters are copied a run at a time, from `run` up to `i`, not appended one by one.
  let run = from;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n' && singleLine) break;
    if (src.startsWith(close, i)) {
      if (verbatim && src[i + 1] === close) {
        buf += src.slice(run, i) + close;
        i += 2;
        run = i;
        continue;
      }
      return done(parts, buf + src.slice(run, i), i + close.length, true);
    }
    if (c === '\\' && !raw) {
      buf += src.slice(run, i);
      const n = src[i + 1];
      if (n === undefined || (n === '\n' && singleLine)) {
        i++;
        run = i;
        continue;
      }
      if (interp === 'swift' && n === '(') {
        const end = findClose(src, i + 2, '(', ')');
        if (end > 0) {
          if (buf) parts.push({ kind: 'lit', text: buf });
          buf = '';
          parts.push({ kind: 'expr', expr: src.slice(i + 2, end).trim(), raw: src.slice(i, end + 1) });
          i = end + 1;
          run = i;
          continue;
        }
      }
      buf += ESCAPES[n] ?? n;
      i += 2;
      run = i;
      continue;
    }
    const expr = readInterpolation(src, i, interp, keepDollar);
    if (expr) {
      buf += src.slice(run, i);
      if (expr.part) {
        if (buf) parts.push({ kind: 'lit', text: buf });
        buf = '';
        parts.push(expr.part);
      } else buf += expr.text;
      i = expr.end;
      run = i;
      continue;
    }
    i++;
  }
  return done(parts, buf + src.slice(run, i), i, false);
}

function done(
  parts: StrPart[],
  buf: string,
  end: number,
  terminated: boolean,
): { parts: StrPart[]; end: number; terminated: boolean } {
  if (buf) parts.push({ kind: 'lit', text: buf });
  return { parts, end, terminated };
}

/** An interpolation starting at `i`, or an escaped brace (`{{` in f-strings) returned as text. */
function readInterpolation(
  src: string,
  i: number,
  interp: Interp,
  keepDollar: boolean,
): { part?: StrPart; text?: string; end: number } | undefined {
  const c = src[i];
  const n = src[i + 1];
  let open = -1;
  switch (interp) {
    case 'dollar_brace':
      if (c === '$' && n === '{') open = i + 1;
      break;
    case 'brace':
      if (c === '{' && n === '{') return { text: '{', end: i + 2 };
      if (c === '}' && n === '}') return { text: '}', end: i + 2 };
      if (c === '{') open = i;
      break;
    case 'hash_brace':
      if (c === '#' && n === '{') open = i + 1;
      break;
    case 'dollar':
      if (c === '$' && n === '{') open = i + 1;
      else if (c === '{' && n === '$') open = i;
      else if (c === '$' && n !== undefined && /[A-Za-z_]/.test(n)) {
        let j = i + 2;
        while (j < src.length && /\w/.test(src[j]!)) j++;
        if (src.startsWith('->', j) && /[A-Za-z_]/.test(src[j + 2] ?? '')) {
          j += 3;
          while (j < src.length && /\w/.test(src[j]!)) j++;
        }
        const text = src.slice(i, j);
        // PHP variables keep their `$` (`$token` is the variable's name); Kotlin's `$token` names `token`.
        return { part: { kind: 'expr', expr: keepDollar ? text : text.slice(1), raw: text }, end: j };
      }
      break;
    default:
      return undefined;
  }
  if (open < 0) return undefined;
  const end = findClose(src, open + 1, '{', '}');
  if (end < 0) return undefined;
  let expr = src.slice(open + 1, end).trim();
  // Python `f"{token!r}"` / `{x:>10}`: the conversion and format spec are not part of the expression.
  if (interp === 'brace') expr = expr.replace(/![rsa]$/, '').replace(/^([\w.[\]'"]+):.*$/, '$1');
  return { part: { kind: 'expr', expr, raw: src.slice(i, end + 1) }, end: end + 1 };
}

/** Index of the bracket closing the one opened just before `from`, within MAX_INTERP characters on one line. */
function findClose(src: string, from: number, open: string, close: string): number {
  let depth = 1;
  const limit = Math.min(src.length, from + MAX_INTERP);
  for (let i = from; i < limit; i++) {
    const c = src[i]!;
    if (c === '\n') return -1;
    if (c === '"' || c === "'") {
      const q = src.indexOf(c, i + 1);
      if (q < 0 || q >= limit) return -1;
      i = q;
    } else if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
  }
  return -1;
}

/** The literal text with each interpolation kept as written (`Bearer ${token}`). */
export function rawText(lit: StrLit): string {
  let out = '';
  for (const p of lit.parts) out += p.kind === 'lit' ? p.text : p.raw;
  return out;
}
