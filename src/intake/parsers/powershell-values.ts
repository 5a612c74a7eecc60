/**
 * PowerShell expression text the tokenizer hands over whole: hashtable literals (`@{ "k" = "v"; k2 = 'x' }`)
 * and method-call arguments (`("name", "value", "/", "host")`). Values come back as shell `Word`s, so a
 * `$env:TOKEN` inside a header value keeps the name that says where the token came from.
 */
import type { Word, WordPart } from '../shell/types.js';

export interface TableEntry {
  name: string;
  value: Word;
}

/** Backtick escapes in double-quoted strings; any other escaped character stands for itself. */
const ESCAPES: Record<string, string> = {
  n: '\n',
  r: '\r',
  t: '\t',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

export function parseHashtable(source: string, line: number): TableEntry[] {
  return new ExpressionScanner(source, line).hashtable();
}

/** Comma-separated arguments of a method call, without the surrounding parentheses. */
export function parseArguments(source: string, line: number): Word[] {
  return new ExpressionScanner(source, line).arguments();
}

class ExpressionScanner {
  readonly #text: string;
  readonly #line: number;
  #pos = 0;

  constructor(text: string, line: number) {
    this.#text = text;
    this.#line = line;
  }

  hashtable(): TableEntry[] {
    const entries: TableEntry[] = [];
    const open = this.#text.indexOf('@{');
    if (open === -1) return entries;
    this.#pos = open + 2;
    while (this.#pos < this.#text.length) {
      this.#skip(' \t\r\n;');
      const c = this.#peek();
      if (c === '' || c === '}') break;
      if (c === '#') {
        this.#toLineEnd();
        continue;
      }
      const start = this.#pos;
      const key = c === '"' || c === "'" ? this.#quoted().value : this.#bare('=');
      this.#skip(' \t');
      if (this.#peek() !== '=') {
        // Not `key = value`: skip the rest of this entry so one odd line does not end the table.
        if (this.#pos === start) this.#pos++;
        this.#toEntryEnd();
        continue;
      }
      this.#pos++;
      this.#skip(' \t');
      entries.push({ name: key, value: this.expression() });
      this.#toEntryEnd();
    }
    return entries;
  }

  arguments(): Word[] {
    const out: Word[] = [];
    while (this.#pos < this.#text.length) {
      this.#skip(' \t\r\n');
      if (this.#peek() === '') break;
      const before = this.#pos;
      out.push(this.expression());
      this.#skip(' \t\r\n');
      if (this.#peek() === ',') this.#pos++;
      else if (this.#pos === before) this.#pos++;
    }
    return out;
  }

  /** A value: quoted strings, variables and bare words, joined by `+`. */
  expression(): Word {
    const parts: WordPart[] = [];
    for (;;) {
      this.#skip(' \t');
      const c = this.#peek();
      if (c === '"' || c === "'") parts.push(...this.#quoted().parts);
      else if (c === '$') parts.push(this.#variable(false));
      else if (c === '(' || c === '@') parts.push(this.#group());
      else {
        const bare = this.#bare('');
        if (bare === '') break;
        parts.push({ text: bare, quote: 'none', kind: 'literal' });
      }
      this.#skip(' \t');
      if (this.#peek() !== '+') break;
      this.#pos++;
    }
    return { value: parts.map((p) => p.text).join(''), parts, line: this.#line };
  }

  #quoted(): { value: string; parts: WordPart[] } {
    const quote = this.#peek();
    this.#pos++;
    const parts: WordPart[] = [];
    let literal = '';
    const flush = () => {
      if (literal !== '')
        parts.push({ text: literal, quote: quote === '"' ? 'double' : 'single', kind: 'literal' });
      literal = '';
    };
    while (this.#pos < this.#text.length) {
      const c = this.#peek();
      if (c === quote) {
        if (this.#text[this.#pos + 1] === quote) {
          literal += quote;
          this.#pos += 2;
          continue;
        }
        this.#pos++;
        break;
      }
      if (quote === '"' && c === '`' && this.#pos + 1 < this.#text.length) {
        const e = this.#text[this.#pos + 1] ?? '';
        literal += ESCAPES[e] ?? e;
        this.#pos += 2;
        continue;
      }
      if (quote === '"' && c === '$' && /[\w{(:]/.test(this.#text[this.#pos + 1] ?? '')) {
        flush();
        parts.push(this.#variable(true));
        continue;
      }
      literal += c;
      this.#pos++;
    }
    flush();
    return { value: parts.map((p) => p.text).join(''), parts };
  }

  /** `$name`, `$env:NAME`, `${any name}`, `$(subexpression)`. */
  #variable(inQuotes: boolean): WordPart {
    const quote = inQuotes ? 'double' : 'none';
    const start = this.#pos;
    const next = this.#text[this.#pos + 1];
    if (next === '(') {
      this.#pos++;
      this.#group();
      return { text: this.#text.slice(start, this.#pos), quote, kind: 'command_substitution' };
    }
    if (next === '{') {
      const close = this.#text.indexOf('}', this.#pos);
      this.#pos = close === -1 ? this.#text.length : close + 1;
      const text = this.#text.slice(start, this.#pos);
      return { text, quote, kind: 'variable', name: variableName(text) };
    }
    this.#pos++;
    while (/[\w:]/.test(this.#peek())) this.#pos++;
    // `$headers.Count`, `"$name:"`: the trailing colon belongs to the text, not the name.
    while (this.#text[this.#pos - 1] === ':') this.#pos--;
    const text = this.#text.slice(start, this.#pos);
    return { text, quote, kind: 'variable', name: variableName(text) };
  }

  /** `( … )`, `@( … )`, `@{ … }`: kept as source text, brackets balanced, quotes respected. */
  #group(): WordPart {
    const start = this.#pos;
    if (this.#peek() === '@') this.#pos++;
    let depth = 0;
    while (this.#pos < this.#text.length) {
      const c = this.#peek();
      if (c === '"' || c === "'") {
        this.#quoted();
        continue;
      }
      this.#pos++;
      if (c === '(' || c === '{') depth++;
      else if ((c === ')' || c === '}') && --depth <= 0) break;
    }
    const text = this.#text.slice(start, this.#pos);
    return { text, quote: 'none', kind: text.startsWith('@{') ? 'literal' : 'command_substitution' };
  }

  #bare(stopAlso: string): string {
    const start = this.#pos;
    while (this.#pos < this.#text.length) {
      const c = this.#peek();
      if (' \t\r\n;,)}+'.includes(c) || (stopAlso !== '' && stopAlso.includes(c))) break;
      this.#pos++;
    }
    return this.#text.slice(start, this.#pos);
  }

  #toEntryEnd(): void {
    while (this.#pos < this.#text.length) {
      const c = this.#peek();
      if (c === ';' || c === '\n' || c === '}') return;
      if (c === '"' || c === "'") this.#quoted();
      else this.#pos++;
    }
  }

  #toLineEnd(): void {
    const eol = this.#text.indexOf('\n', this.#pos);
    this.#pos = eol === -1 ? this.#text.length : eol;
  }

  #skip(chars: string): void {
    while (this.#pos < this.#text.length && chars.includes(this.#peek())) this.#pos++;
  }

  #peek(): string {
    return this.#text[this.#pos] ?? '';
  }
}

/** The name the tokenizer would give: `$env:TOKEN` → `TOKEN`, `${token}` → `token`, `$Headers` → `Headers`. */
function variableName(text: string): string {
  const bare = text.startsWith('${') ? text.slice(2, -1) : text.slice(1);
  return bare.slice(bare.indexOf(':') + 1);
}
