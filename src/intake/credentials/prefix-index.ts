/**
 * Tables of patterns indexed by literal prefix, so a value (or a position in a paste) is tested only
 * against the patterns that could match there: a value starting `gh` never runs Stripe's or Slack's regex.
 * Classification and placeholder checks run for every credential found, and ninety-odd regex calls per
 * value were most of the cost of reading a small paste.
 *
 * The prefix is read off each regular expression's own source (`ghp_` for `/^(?:ghp_[A-Za-z0-9]{36})$/`)
 * rather than declared beside it, so the two cannot drift apart. The reading is conservative: anything it
 * does not fully understand ends the prefix, so a prefix may be shorter than it could be (even ''), never
 * text a match could lack.
 */

const META = new Set(['[', ']', '(', ')', '{', '}', '?', '*', '+', '.', '|', '$', '^']);
const QUANTIFIER = new Set(['?', '*', '+', '{']);
/** Groups that match no text (lookarounds): skipped; a prefix still follows them. */
const ZERO_WIDTH = ['(?=', '(?!', '(?<=', '(?<!'];

/** The literal text every match of `re` starts with (`(?<![\\w-])(?:ghp_…)` → `ghp_`). */
export function matchPrefix(re: RegExp): string {
  // Classes nest under the `v` flag, which the reader below does not follow.
  if (re.flags.includes('v')) return '';
  const start = re.source.startsWith('^') ? 1 : 0;
  return readPrefix(re.source, start, re.source.length, re.flags.includes('i'));
}

/**
 * The literal text every string `re` matches in starts with: the match prefix of a pattern anchored at the
 * start of the input, '' for any other pattern (it may match further in).
 */
export function valuePrefix(re: RegExp): string {
  return re.source.startsWith('^') && !re.flags.includes('m') ? matchPrefix(re) : '';
}

/** The literal prefix of the concatenation `source[from, to)`. */
function readPrefix(source: string, from: number, to: number, ignoreCase: boolean): string {
  if (hasAlternation(source, from, to)) return '';
  let prefix = '';
  let i = from;
  while (i < to) {
    const c = source[i] ?? '';
    if (c === '(') {
      const close = closingParen(source, i);
      if (close < 0 || close >= to) return prefix;
      if (ZERO_WIDTH.some((open) => source.startsWith(open, i))) {
        i = close + 1;
        continue;
      }
      // A quantified group may be absent or repeated; a named or other special group is not read.
      if (QUANTIFIER.has(source[close + 1] ?? '')) return prefix;
      // A plain group: its own prefix extends this one (and ends the reading, which is enough here).
      const inner = source.startsWith('(?:', i) ? i + 3 : source[i + 1] === '?' ? -1 : i + 1;
      return inner < 0 ? prefix : prefix + readPrefix(source, inner, close, ignoreCase);
    }
    let literal: string;
    let next: number;
    if (c === '\\') {
      const escaped = source[i + 1] ?? '';
      // `\d`, `\w`, `\b`, `\1`, `\u…`: classes, assertions and codes, not the character itself.
      if (escaped === '' || /[A-Za-z0-9]/.test(escaped)) return prefix;
      literal = escaped;
      next = i + 2;
    } else {
      if (META.has(c)) return prefix;
      literal = c;
      next = i + 1;
    }
    if (QUANTIFIER.has(source[next] ?? '')) return prefix;
    // Under the `i` flag a letter matches either case, so only caseless characters are literal.
    if (ignoreCase && literal.toLowerCase() !== literal.toUpperCase()) return prefix;
    prefix += literal;
    i = next;
  }
  return prefix;
}

/** Whether `source[from, to)` has a `|` outside any group: then no single prefix covers it. */
function hasAlternation(source: string, from: number, to: number): boolean {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i);
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** The index of the `)` closing the group opened at `open`, or -1. */
function closingParen(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The index of the `]` closing the character class opened at `open` (the end of the source if none). */
function classEnd(source: string, open: number): number {
  // In JavaScript the first unescaped `]` closes a class, even right after `[` (`[]`, `[^]`).
  for (let i = open + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === ']') return i;
  }
  return source.length;
}

interface Keyed<T> {
  item: T;
  prefix: string;
}

/**
 * Items keyed by a literal prefix. `find` visits, in the items' original order, only those whose prefix
 * the value starts with, plus those without a prefix: the same first hit as a scan of the whole list.
 */
export class PrefixIndex<T> {
  readonly #byFirstChar = new Map<string, Keyed<T>[]>();
  readonly #unprefixed: Keyed<T>[];

  constructor(items: readonly T[], prefixOf: (item: T) => string) {
    const keyed = items.map((item) => ({ item, prefix: prefixOf(item) }));
    this.#unprefixed = keyed.filter((k) => k.prefix === '');
    for (const { prefix } of keyed) {
      const first = prefix.charAt(0);
      if (first === '' || this.#byFirstChar.has(first)) continue;
      this.#byFirstChar.set(
        first,
        keyed.filter((k) => k.prefix === '' || k.prefix.startsWith(first)),
      );
    }
  }

  /** The first item whose prefix `value` starts with and that `accept` takes. */
  find(value: string, accept: (item: T) => boolean = () => true): T | undefined {
    for (const { item, prefix } of this.#byFirstChar.get(value.charAt(0)) ?? this.#unprefixed) {
      if (value.startsWith(prefix) && accept(item)) return item;
    }
    return undefined;
  }
}
