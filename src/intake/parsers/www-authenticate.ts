/**
 * `WWW-Authenticate` values (RFC 9110 §11.6.1, grammar in §11.2), read by a single forward scanner.
 *
 * The grammar is ambiguous on purpose: commas separate both challenges and the auth-params inside one, so a
 * list element is a new challenge exactly when it does not look like `name = value`. Real servers bend the
 * grammar (Elasticsearch sends `Basic realm="security" charset="UTF-8"` with no comma), so the scanner is
 * lenient and reports each bend as a note instead of dropping the challenge.
 */
import type { Challenge } from '../evidence.js';
import { type Note, note } from '../notes.js';

export interface ChallengeList {
  challenges: Challenge[];
  notes: Note[];
}

const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;

interface Draft {
  scheme: string;
  token68?: string;
  params: Map<string, string>;
}

export function parseChallenges(value: string): ChallengeList {
  return new ChallengeScanner(value).run();
}

class ChallengeScanner {
  readonly #text: string;
  #pos = 0;
  readonly #drafts: Draft[] = [];
  readonly #notes: Note[] = [];
  readonly #noted = new Set<string>();

  constructor(text: string) {
    this.#text = text;
  }

  run(): ChallengeList {
    if (this.#text.trim() === '') {
      this.#note(
        'www_authenticate.empty',
        'The WWW-Authenticate value is empty: the server offered no scheme.',
      );
    }
    // Whether the element just read ended with a comma: without one, what follows is a missing-comma bend.
    let separated = true;
    while (this.#skipSpace() < this.#text.length) {
      if (this.#peek() === ',') {
        this.#pos++;
        separated = true;
        continue;
      }
      if (!separated) {
        this.#note(
          'www_authenticate.missing_comma',
          'The WWW-Authenticate value runs two items together without a comma; they were read as if separated.',
        );
      }
      this.#element();
      separated = false;
    }
    return {
      challenges: this.#drafts.map((d) => ({
        scheme: d.scheme,
        ...(d.token68 === undefined ? {} : { token68: d.token68 }),
        params: Object.fromEntries(d.params),
      })),
      notes: this.#notes,
    };
  }

  /** One list element: a new challenge (`Scheme [token68 | param]`) or one more param of the current one. */
  #element(): void {
    const start = this.#pos;
    const name = this.#token();
    if (name === '') {
      this.#note(
        'www_authenticate.unexpected_char',
        `Unexpected character ${JSON.stringify(this.#peek())} in the WWW-Authenticate value was skipped.`,
      );
      this.#skipToComma();
      return;
    }
    const afterName = this.#pos;
    if (this.#skipSpace() < this.#text.length && this.#peek() === '=') {
      const current = this.#drafts.at(-1);
      if (current === undefined) {
        this.#note(
          'www_authenticate.param_without_scheme',
          `The WWW-Authenticate value starts with the parameter "${name}" instead of an auth scheme.`,
        );
        this.#pos = start;
        this.#skipToComma();
        return;
      }
      this.#pos++;
      this.#param(current, name);
      return;
    }
    this.#pos = afterName;
    const draft: Draft = { scheme: name, params: new Map() };
    this.#drafts.push(draft);
    if (this.#skipSpace() === afterName || this.#pos >= this.#text.length || this.#peek() === ',') return;
    this.#afterScheme(draft);
  }

  /** After `Scheme SP`: either a token68 (`Negotiate abc==`) or the first auth-param. */
  #afterScheme(draft: Draft): void {
    const start = this.#pos;
    while (this.#pos < this.#text.length && TOKEN68_CHAR.test(this.#peek())) this.#pos++;
    const hasBody = this.#pos > start;
    while (this.#peek() === '=') this.#pos++;
    const end = this.#pos;
    this.#skipSpace();
    if (hasBody && (this.#pos >= this.#text.length || this.#peek() === ',')) {
      draft.token68 = this.#text.slice(start, end);
      return;
    }
    this.#pos = start;
    const name = this.#token();
    if (name === '') {
      this.#note(
        'www_authenticate.unexpected_char',
        `Unexpected character ${JSON.stringify(this.#peek())} after the scheme "${draft.scheme}" was skipped.`,
      );
      this.#skipToComma();
      return;
    }
    this.#skipSpace();
    if (this.#peek() !== '=') {
      // `Scheme word` with no `=`: most likely a second scheme sent without its comma.
      this.#pos = start;
      return;
    }
    this.#pos++;
    this.#param(draft, name);
  }

  /** The value after `name =`; then any further `name=value` pairs that were written without commas. */
  #param(draft: Draft, rawName: string): void {
    this.#skipSpace();
    const value = this.#peek() === '"' ? this.#quoted() : this.#bare();
    const name = rawName.toLowerCase();
    if (draft.params.has(name)) {
      this.#note(
        'www_authenticate.duplicate_param',
        `The ${draft.scheme} challenge repeats the parameter "${name}"; the first value was kept.`,
      );
    } else {
      draft.params.set(name, value);
    }
  }

  #quoted(): string {
    this.#pos++;
    let out = '';
    let chunk = this.#pos;
    while (this.#pos < this.#text.length) {
      const c = this.#text[this.#pos];
      if (c === '"') {
        out += this.#text.slice(chunk, this.#pos);
        this.#pos++;
        return out;
      }
      if (c === '\\' && this.#pos + 1 < this.#text.length) {
        out += this.#text.slice(chunk, this.#pos);
        out += this.#text[this.#pos + 1];
        this.#pos += 2;
        chunk = this.#pos;
        continue;
      }
      this.#pos++;
    }
    this.#note(
      'www_authenticate.unterminated_quote',
      'A quoted value in the WWW-Authenticate header has no closing quote; the rest of the value was taken.',
    );
    return out + this.#text.slice(chunk).replace(/\\$/, '');
  }

  /** Unquoted values: a token in the grammar, but servers send URLs and scopes here, so read to a separator. */
  #bare(): string {
    const start = this.#pos;
    while (this.#pos < this.#text.length) {
      const c = this.#peek();
      if (c === ',' || c === ' ' || c === '\t') break;
      this.#pos++;
    }
    return this.#text.slice(start, this.#pos);
  }

  #token(): string {
    const start = this.#pos;
    while (this.#pos < this.#text.length && TCHAR.test(this.#peek())) this.#pos++;
    return this.#text.slice(start, this.#pos);
  }

  /** Skips to the next comma outside quotes, so one bad item does not swallow the challenges after it. */
  #skipToComma(): void {
    while (this.#pos < this.#text.length && this.#peek() !== ',') {
      if (this.#peek() === '"') {
        this.#quoted();
      } else {
        this.#pos++;
      }
    }
  }

  #skipSpace(): number {
    while (this.#pos < this.#text.length) {
      const c = this.#peek();
      if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\n') break;
      this.#pos++;
    }
    return this.#pos;
  }

  #peek(): string {
    return this.#text[this.#pos] ?? '';
  }

  /** One note per code: a header with fifty bad items needs one explanation, not fifty. */
  #note(code: string, message: string): void {
    if (this.#noted.has(code)) return;
    this.#noted.add(code);
    this.#notes.push(note(code, message));
  }
}
