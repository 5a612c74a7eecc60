/**
 * Finding and reading object literals inside free text: a JSON body after `response:` in a log line, a
 * Python `{'error': 'x'}` repr, a Node `util.inspect` dump `{ message: 'Unauthorized', statusCode: 401 }`,
 * or a body a client truncated. Both functions are single forward passes.
 */

export interface Span {
  start: number;
  /** Exclusive. */
  end: number;
}

export interface ObjectSpans {
  /** The outermost closed `{…}` regions, in order, not overlapping. */
  spans: Span[];
  /** The outermost `{` that never closed (a truncated body), when there is one. */
  unclosed?: number;
}

/**
 * Brace matching that knows about quoted strings, so `"a}b"` does not close anything. A quote that reaches
 * the end of its line is not a string (JSON strings cannot hold raw newlines; prose apostrophes are common),
 * so one stray `'` cannot hide every brace after it.
 */
export function findObjectSpans(text: string): ObjectSpans {
  const scanner = new ObjectSpanScanner(text);
  const spans: Span[] = [];
  for (let span = scanner.next(); span !== undefined; span = scanner.next()) spans.push(span);
  const unclosed = scanner.unclosed;
  return unclosed === undefined ? { spans } : { spans, unclosed };
}

/**
 * The spans `findObjectSpans` finds, one at a time and in the same order, for a reader that may stop at
 * the first one it can use (an error body at the top of a long response) without scanning the rest.
 */
export class ObjectSpanScanner {
  readonly #text: string;
  #i = 0;
  /** The quote character being skipped through, as a code; 0 outside quotes. */
  #quote = 0;
  readonly #open: number[] = [];
  /** Spans closed inside a `{` still open: they count only if that one never closes. */
  readonly #held: Span[] = [];
  #released = 0;

  constructor(text: string) {
    this.#text = text;
  }

  /** The next outermost closed span, or `undefined` at the end. */
  next(): Span | undefined {
    const text = this.#text;
    const open = this.#open;
    const held = this.#held;
    // Character codes, not one-character strings: this runs over every log and body.
    while (this.#i < text.length) {
      const i = this.#i++;
      const c = text.charCodeAt(i);
      if (this.#quote !== 0) {
        if (c === BACKSLASH) this.#i++;
        else if (c === this.#quote || c === NEWLINE) this.#quote = 0;
        continue;
      }
      if (c === OPEN_BRACE) {
        open.push(i);
      } else if (c === CLOSE_BRACE) {
        const start = open.pop();
        if (start === undefined) continue;
        // Spans closed earlier inside this one are contained in it: only the outermost are reported.
        while (held.length > 0 && held[held.length - 1]!.start > start) held.pop();
        const span = { start, end: i + 1 };
        if (open.length === 0) return span;
        held.push(span);
      } else if ((c === DOUBLE_QUOTE || c === SINGLE_QUOTE) && open.length > 0) {
        this.#quote = c;
      }
    }
    return this.#released < held.length ? held[this.#released++] : undefined;
  }

  /** The outermost `{` that never closed, once `next` has returned `undefined`. */
  get unclosed(): number | undefined {
    return this.#open[0];
  }
}

const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

export interface LooseParse {
  value: unknown;
  /** The text ended inside an object, array or string. */
  truncated: boolean;
}

const MAX_DEPTH = 64;

/**
 * Reads JSON and the literal syntaxes people paste instead: single-quoted strings, bare keys, trailing
 * commas, Python `True`/`False`/`None`, JavaScript `undefined`. Text ending mid-value closes what is open
 * (clients truncate bodies in their messages). Anything else that is not a literal gives `undefined`.
 */
export function parseLoose(text: string, start = 0): LooseParse | undefined {
  const reader = new LooseReader(text, start);
  const value = reader.value(0);
  if (value === FAIL) return undefined;
  return { value, truncated: reader.truncated };
}

const FAIL = Symbol('fail');
type Read = unknown | typeof FAIL;

const IDENT_START = /[A-Za-z_$]/;
const IDENT_PART = /[\w$-]/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const LITERALS: Record<string, unknown> = {
  true: true,
  false: false,
  null: null,
  True: true,
  False: false,
  None: null,
  undefined: null,
};
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

class LooseReader {
  readonly #text: string;
  #pos: number;
  truncated = false;

  constructor(text: string, start: number) {
    this.#text = text;
    this.#pos = start;
  }

  value(depth: number): Read {
    if (depth > MAX_DEPTH) return FAIL;
    this.#space();
    const c = this.#text[this.#pos];
    if (c === undefined) {
      this.truncated = true;
      return null;
    }
    if (c === '{') return this.#object(depth);
    if (c === '[') return this.#array(depth);
    if (c === '"' || c === "'") return this.#string(c);
    const word = this.#word();
    if (word === '') return FAIL;
    if (Object.hasOwn(LITERALS, word)) return LITERALS[word];
    if (NUMBER.test(word)) return Number(word);
    return IDENT_START.test(word[0] ?? '') ? word : FAIL;
  }

  #object(depth: number): Read {
    this.#pos++;
    const entries: [string, unknown][] = [];
    for (;;) {
      this.#space();
      const c = this.#text[this.#pos];
      if (c === undefined) {
        this.truncated = true;
        break;
      }
      if (c === '}') {
        this.#pos++;
        break;
      }
      if (c === ',') {
        this.#pos++;
        continue;
      }
      const key = c === '"' || c === "'" ? this.#string(c) : this.#word();
      if (key === '' || typeof key !== 'string') return FAIL;
      this.#space();
      if (this.#text[this.#pos] === undefined) {
        this.truncated = true;
        break;
      }
      if (this.#text[this.#pos] !== ':') return FAIL;
      this.#pos++;
      const value = this.value(depth + 1);
      if (value === FAIL) return FAIL;
      entries.push([key, value]);
    }
    return Object.fromEntries(entries);
  }

  #array(depth: number): Read {
    this.#pos++;
    const out: unknown[] = [];
    for (;;) {
      this.#space();
      const c = this.#text[this.#pos];
      if (c === undefined) {
        this.truncated = true;
        return out;
      }
      if (c === ']') {
        this.#pos++;
        return out;
      }
      if (c === ',') {
        this.#pos++;
        continue;
      }
      const value = this.value(depth + 1);
      if (value === FAIL) return FAIL;
      out.push(value);
    }
  }

  #string(quote: string): string {
    this.#pos++;
    let out = '';
    let chunk = this.#pos;
    while (this.#pos < this.#text.length) {
      const c = this.#text[this.#pos];
      if (c === quote) {
        out += this.#text.slice(chunk, this.#pos);
        this.#pos++;
        return out;
      }
      if (c === '\\') {
        out += this.#text.slice(chunk, this.#pos);
        out += this.#escape();
        chunk = this.#pos;
        continue;
      }
      this.#pos++;
    }
    this.truncated = true;
    return out + this.#text.slice(chunk);
  }

  /** At a backslash: returns the character it stands for and moves past the escape. */
  #escape(): string {
    const e = this.#text[this.#pos + 1] ?? '';
    this.#pos += 2;
    if (e === 'u') {
      const hex = this.#text.slice(this.#pos, this.#pos + 4);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        this.#pos += 4;
        return String.fromCharCode(Number.parseInt(hex, 16));
      }
    }
    return ESCAPES[e] ?? e;
  }

  /** A bare key, literal, number or identifier. */
  #word(): string {
    const start = this.#pos;
    while (this.#pos < this.#text.length) {
      const c = this.#text[this.#pos] ?? '';
      if (!IDENT_PART.test(c) && c !== '.' && c !== '+') break;
      this.#pos++;
    }
    return this.#text.slice(start, this.#pos);
  }

  #space(): void {
    while (this.#pos < this.#text.length) {
      const c = this.#text[this.#pos];
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') break;
      this.#pos++;
    }
  }
}
