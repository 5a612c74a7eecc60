/**
 * A cheap necessary condition for a regular expression: the longest run of literal characters every match must
 * contain. Catalogues of hundreds of patterns (provider error signatures, library messages) are checked with
 * one `includes` each on the lowercased text, and only the few whose literal is there run as regexes.
 */

/** `(?:text)` whose text has no operators (escaped punctuation allowed). */
const PLAIN_GROUP = /^\(\?:((?:[^\\()[\]{}|.*+?^$]|\\[^A-Za-z0-9])+)\)/;

const LITERALS = new WeakMap<RegExp, string[] | null>();
const MIN_LITERAL = 3;

/**
 * Literals (lowercased) of which every match of `re` contains at least one: one per top-level alternative.
 * Undefined when some alternative has no useful literal (the pattern must then always be run).
 */
export function literalsOf(re: RegExp): string[] | undefined {
  let known = LITERALS.get(re);
  if (known === undefined) {
    const found: string[] = [];
    for (const alternative of splitTopLevel(re.source)) {
      const literal = extract(alternative);
      if (literal === undefined) {
        found.length = 0;
        break;
      }
      found.push(literal);
    }
    known = found.length > 0 ? [...new Set(found)] : null;
    LITERALS.set(re, known);
  }
  return known ?? undefined;
}

/** False only when `re` cannot match the text whose lowercase form is `lowerText`. */
export function mayMatch(re: RegExp, lowerText: string): boolean {
  const literals = literalsOf(re);
  return literals === undefined || literals.some((l) => lowerText.includes(l));
}

/**
 * Many patterns against one text: one scan of the text for all their literals at once (a single alternation
 * of plain strings, which V8 runs in one pass), then only the patterns whose literal was seen are candidates.
 */
export class LiteralIndex<T> {
  readonly #always: number[] = [];
  readonly #byLiteral = new Map<string, number[]>();
  readonly #items: readonly T[];
  readonly #scanner: RegExp | undefined;

  constructor(items: readonly T[], patternOf: (item: T) => RegExp) {
    this.#items = items;
    items.forEach((item, i) => {
      const literals = literalsOf(patternOf(item));
      if (!literals) this.#always.push(i);
      else
        for (const literal of literals) {
          const list = this.#byLiteral.get(literal);
          if (list) list.push(i);
          else this.#byLiteral.set(literal, [i]);
        }
    });
    // A literal found also means every literal inside it is there (the scan reports one per position).
    const all = [...this.#byLiteral.keys()].sort((a, b) => b.length - a.length);
    for (const outer of all) {
      for (const inner of all) {
        if (inner.length < outer.length && outer.includes(inner))
          this.#byLiteral.get(outer)!.push(...this.#byLiteral.get(inner)!);
      }
    }
    this.#scanner = all.length ? new RegExp(all.map(escapeLiteral).join('|'), 'g') : undefined;
  }

  /** Recent answers: detection and rules ask about the same few texts of one paste. */
  readonly #recent = new Map<string, T[]>();

  /** The items whose pattern may match `text`, in their original order. */
  candidates(text: string): T[] {
    const known = this.#recent.get(text);
    if (known) return known;
    const found = this.#scan(text);
    if (this.#recent.size >= RECENT) this.#recent.clear();
    this.#recent.set(text, found);
    return found;
  }

  #scan(text: string): T[] {
    const hit = new Set<number>(this.#always);
    const scanner = this.#scanner;
    if (scanner) {
      const lower = lowered(text);
      scanner.lastIndex = 0;
      for (let m = scanner.exec(lower); m !== null; m = scanner.exec(lower)) {
        for (const i of this.#byLiteral.get(m[0]) ?? []) hit.add(i);
        scanner.lastIndex = m.index + 1;
      }
    }
    return [...hit].sort((a, b) => a - b).map((i) => this.#items[i]!);
  }
}

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The top-level alternatives of a pattern (`a|b(c|d)` → `a`, `b(c|d)`). */
function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(source.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(source.slice(start));
  return parts;
}

function extract(source: string): string | undefined {
  let best = '';
  let run = '';
  const flush = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (inClass) {
      if (c === '\\') i++;
      else if (c === ']') inClass = false;
      continue;
    }
    if (depth > 0) {
      if (c === '\\') i++;
      else if (c === '[') inClass = true;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
      continue;
    }
    if (c === '(') {
      // `(?:not_authed)`: a group of plain text, not repeated or optional, is part of the run.
      const plain = PLAIN_GROUP.exec(source.slice(i));
      if (plain && !/^[*+?{]/.test(source.slice(i + plain[0].length))) {
        run += plain[1]!.replace(/\\(.)/g, '$1');
        i += plain[0].length - 1;
        continue;
      }
      flush();
      depth++;
      continue;
    }
    if (c === '[') {
      flush();
      inClass = true;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || c === '{') {
      // The quantifier applies to the last character (or to the group or class, which already ended the run).
      run = run.slice(0, -1);
      flush();
      if (c === '{') {
        const close = source.indexOf('}', i);
        i = close === -1 ? source.length : close;
      }
      continue;
    }
    if (c === '.' || c === '^' || c === '$' || c === '|') {
      flush();
      continue;
    }
    if (c === '\\') {
      const next = source[i + 1];
      i++;
      // `\.` `\/` `\-` are literal punctuation; `\b` `\s` `\d` `\w` `\u…` and back-references are not.
      if (next !== undefined && !/[A-Za-z0-9]/.test(next)) run += next;
      else flush();
      continue;
    }
    run += c;
  }
  flush();
  return best.length >= MIN_LITERAL ? best.toLowerCase() : undefined;
}

/**
 * Texts remembered per index and lowercased: enough for the texts of one paste, small enough that a long-running
 * bot holds at most a few megabytes (texts are capped at 64 KB where they are scanned).
 */
const RECENT = 32;

const LOWERED = new Map<string, string>();

/** `text.toLowerCase()`, remembered for the few texts one diagnosis scans many times. */
export function lowered(text: string): string {
  let lower = LOWERED.get(text);
  if (lower === undefined) {
    if (LOWERED.size >= RECENT) LOWERED.clear();
    lower = text.toLowerCase();
    LOWERED.set(text, lower);
  }
  return lower;
}
