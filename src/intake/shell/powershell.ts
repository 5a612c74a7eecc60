/**
 * PowerShell tokenizer, good enough for `curl.exe …` lines and `Invoke-WebRequest -Headers @{ … }`: words
 * are split in argument mode, and `@{ … }`, `@( … )`, `( … )` and `{ … }` are kept whole (their source text)
 * for the layer that reads hashtables.
 */
import { note } from '../notes.js';
import { CommandList, LineIndex, WordBuilder } from './builders.js';
import type { Redirect, TokenizeResult, Word, WordPart } from './types.js';

const META = new Set([' ', '\t', '\r', '\n', ';', '|', '&', '>', '<', ')', '}']);
const WORD_SPECIAL = new Set(["'", '"', '`', '$']);
const DQUOTE_SPECIAL = new Set(['"', '`', '$']);
const HERE_STRING_SPECIAL = new Set(['`', '$']);
/** Backtick escapes with a meaning of their own; any other escaped character stands for itself. */
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};
/** Scopes whose variables are named after the colon: `$env:TOKEN` reads TOKEN. */
const SCOPES = new Set(['env', 'global', 'script', 'local', 'private', 'using']);

export function tokenizePowerShell(text: string, startLine = 1): TokenizeResult {
  return new PowerShellTokenizer(text, startLine).run();
}

type Bracket = 'paren' | 'brace' | 'dquote';

class PowerShellTokenizer {
  private pos = 0;
  private readonly list = new CommandList('powershell');
  private readonly lines: LineIndex;

  constructor(
    private readonly text: string,
    startLine: number,
  ) {
    this.lines = new LineIndex(text, startLine);
  }

  run(): TokenizeResult {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos] as string;
      const next = t[this.pos + 1];
      if (c === ' ' || c === '\t' || c === '\r' || c === ')' || c === '}') {
        this.pos++;
      } else if (c === '`' && this.continuationAfter(this.pos + 1) !== -1) {
        this.pos = this.continuationAfter(this.pos + 1);
      } else if (c === '\n') {
        this.pos++;
        this.list.end('newline');
      } else if (c === '#') {
        const eol = t.indexOf('\n', this.pos);
        this.pos = eol === -1 ? t.length : eol;
      } else if (c === '<' && next === '#') {
        const close = t.indexOf('#>', this.pos + 2);
        this.pos = close === -1 ? t.length : close + 2;
      } else if (c === ';') {
        this.pos++;
        this.list.end(';');
      } else if (c === '|') {
        this.pos += next === '|' ? 2 : 1;
        this.list.end(next === '|' ? '||' : '|');
      } else if (c === '&') {
        this.ampersand(next);
      } else if (c === '>' || c === '<' || (c === '*' && next === '>') || (isDigit(c) && next === '>')) {
        this.redirect();
      } else {
        this.commandWord();
      }
    }
    this.list.end(undefined);
    return { commands: this.list.commands, notes: this.list.notes };
  }

  /** Index after a backtick line continuation starting at `from` (just past the backtick), or -1. */
  private continuationAfter(from: number): number {
    const t = this.text;
    if (t[from] === '\n') return from + 1;
    if (t[from] === '\r' && t[from + 1] === '\n') return from + 2;
    return -1;
  }

  private ampersand(next: string | undefined): void {
    if (next === '&') {
      this.pos += 2;
      this.list.end('&&');
      return;
    }
    this.pos++;
    // At the start of a command `&` is the call operator (`& curl.exe …`, `& "C:\…\curl.exe"`), not argv.
    const current = this.list.peek();
    if (current !== undefined && current.argv.length > 0) this.list.end('&');
  }

  private redirect(): void {
    const t = this.text;
    const start = this.pos;
    let end = start;
    if (t[end] === '*' || isDigit(t[end])) end++;
    end++;
    if (t[end] === '>') end++;
    if (t[end] === '&' && isDigit(t[end + 1])) end += 2;
    const op = t.slice(start, end);
    this.pos = end;
    const line = this.lines.at(start);
    const redirect: Redirect = { op };
    if (!op.includes('&')) {
      while (t[this.pos] === ' ' || t[this.pos] === '\t') this.pos++;
      const c = t[this.pos];
      const target = c === undefined || META.has(c) ? undefined : this.readWord();
      if (target === undefined) {
        this.list.notes.push(
          note(
            'shell.redirect_missing_target',
            `The redirection \`${op}\` on line ${line} has no target.`,
            line,
          ),
        );
      } else {
        redirect.target = target;
      }
    }
    this.list.redirect(redirect, line, this.lines.at(Math.max(start, this.pos - 1)));
  }

  private commandWord(): void {
    const word = this.readWord();
    if (word !== undefined) this.list.word(word, this.lines.at(Math.max(0, this.pos - 1)));
  }

  private readWord(): Word | undefined {
    const t = this.text;
    const b = new WordBuilder(this.lines.at(this.pos));
    const c = t[this.pos];
    const next = t[this.pos + 1];
    if (c === '@' && (next === "'" || next === '"') && this.continuationAfter(this.pos + 2) !== -1) {
      this.hereString(b, next);
      return b.build();
    }
    if ((c === '@' && (next === '{' || next === '(')) || c === '(' || c === '{') {
      this.bracketed(b);
      return b.build();
    }
    while (this.pos < t.length) {
      const ch = t[this.pos] as string;
      if (META.has(ch)) break;
      if (ch === "'") {
        this.singleQuoted(b);
      } else if (ch === '"') {
        this.doubleQuoted(b);
      } else if (ch === '`') {
        if (this.continuationAfter(this.pos + 1) !== -1) break;
        this.escape(b, 'none');
      } else if (ch === '$') {
        this.dollar(b, 'none');
      } else {
        const end = this.plainRun(this.pos + 1, META, WORD_SPECIAL);
        b.literal(t.slice(this.pos, end), 'none');
        this.pos = end;
      }
    }
    return b.started ? b.build() : undefined;
  }

  private plainRun(from: number, stop: Set<string> | undefined, special: Set<string>): number {
    const t = this.text;
    let i = from;
    while (i < t.length && !special.has(t[i] as string) && !stop?.has(t[i] as string)) i++;
    return i;
  }

  private escape(b: WordBuilder, quote: WordPart['quote']): void {
    const t = this.text;
    const escaped = t[this.pos + 1];
    if (escaped === undefined) {
      b.literal('`', quote);
      this.pos++;
      return;
    }
    if (quote === 'none' && (escaped === ' ' || escaped === '\t')) this.checkStrayContinuation(this.pos);
    b.literal(ESCAPES[escaped] ?? escaped, quote);
    this.pos += 2;
  }

  private checkStrayContinuation(backtick: number): void {
    const t = this.text;
    let i = backtick + 1;
    while (t[i] === ' ' || t[i] === '\t' || t[i] === '\r') i++;
    if (t[i] !== '\n') return;
    const line = this.lines.at(backtick);
    this.list.notes.push(
      note(
        'shell.stray_continuation',
        `Line ${line} ends with a backtick followed by spaces: the backtick escapes the space instead of the ` +
          'line break, so the next line runs as a separate command.',
        line,
      ),
    );
  }

  private singleQuoted(b: WordBuilder): void {
    const t = this.text;
    const open = this.pos;
    b.literal('', 'single');
    let i = open + 1;
    while (i < t.length) {
      const close = t.indexOf("'", i);
      if (close === -1) break;
      b.literal(t.slice(i, close), 'single');
      if (t[close + 1] !== "'") {
        this.pos = close + 1;
        return;
      }
      b.literal("'", 'single');
      i = close + 2;
    }
    b.literal(t.slice(i), 'single');
    this.pos = t.length;
    this.unterminated('single quote', open);
  }

  private doubleQuoted(b: WordBuilder): void {
    const t = this.text;
    const open = this.pos;
    this.pos++;
    b.literal('', 'double');
    while (this.pos < t.length) {
      const c = t[this.pos] as string;
      if (c === '"') {
        if (t[this.pos + 1] !== '"') {
          this.pos++;
          return;
        }
        b.literal('"', 'double');
        this.pos += 2;
      } else if (c === '`') {
        this.escape(b, 'double');
      } else if (c === '$') {
        this.dollar(b, 'double');
      } else {
        const end = this.plainRun(this.pos + 1, undefined, DQUOTE_SPECIAL);
        b.literal(t.slice(this.pos, end), 'double');
        this.pos = end;
      }
    }
    this.unterminated('double quote', open);
  }

  /** `@'⏎…⏎'@` is literal; `@"⏎…⏎"@` expands variables. Both end at a line starting with the closer. */
  private hereString(b: WordBuilder, quote: "'" | '"'): void {
    const t = this.text;
    const open = this.pos;
    const bodyStart = this.continuationAfter(this.pos + 2);
    const closer = t.indexOf(`\n${quote}@`, bodyStart - 1);
    const bodyEnd = closer === -1 ? t.length : closer;
    const body = t.slice(bodyStart, bodyEnd).replace(/\r$/, '');
    this.pos = closer === -1 ? t.length : closer + 3;
    if (closer === -1) this.unterminated(`here-string @${quote}`, open);
    if (quote === "'") {
      b.literal(body, 'single');
      return;
    }
    b.literal('', 'double');
    const inner = new PowerShellTokenizer(body, this.lines.at(bodyStart));
    inner.hereStringBody(b);
  }

  /** Reads this whole text as the inside of a double-quoted here-string, where `"` is an ordinary character. */
  private hereStringBody(b: WordBuilder): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos] as string;
      if (c === '`') {
        this.escape(b, 'double');
      } else if (c === '$') {
        this.dollar(b, 'double');
      } else {
        const end = this.plainRun(this.pos + 1, undefined, HERE_STRING_SPECIAL);
        b.literal(t.slice(this.pos, end), 'double');
        this.pos = end;
      }
    }
  }

  private dollar(b: WordBuilder, quote: 'none' | 'double'): void {
    const t = this.text;
    const start = this.pos;
    const next = t[start + 1];
    if (next === '(') {
      const closing = this.findClosing(start + 2, 'paren');
      b.part({ text: t.slice(start, closing), quote, kind: 'command_substitution' });
      this.pos = closing;
      return;
    }
    if (next === '{') {
      const close = t.indexOf('}', start + 2);
      const end = close === -1 ? t.length : close + 1;
      if (close === -1) this.unterminated('${', start);
      const inner = t.slice(start + 2, close === -1 ? t.length : close);
      b.part({ text: t.slice(start, end), quote, kind: 'variable', name: variableName(inner) });
      this.pos = end;
      return;
    }
    if (next !== undefined && isNameChar(next)) {
      let end = skipName(t, start + 1);
      if (t[end] === ':' && t[end + 1] !== undefined && isNameChar(t[end + 1] as string)) {
        end = skipName(t, end + 1);
      }
      const raw = t.slice(start + 1, end);
      b.part({ text: t.slice(start, end), quote, kind: 'variable', name: variableName(raw) });
      this.pos = end;
      return;
    }
    if (next === '?' || next === '$' || next === '^') {
      b.part({ text: `$${next}`, quote, kind: 'variable', name: next });
      this.pos = start + 2;
      return;
    }
    b.literal('$', quote);
    this.pos++;
  }

  /** `@{ … }`, `@( … )`, `( … )`, `{ … }` become one word holding their source text. */
  private bracketed(b: WordBuilder): void {
    const t = this.text;
    const start = this.pos;
    const opener = t[start] === '@' ? start + 1 : start;
    const end = this.findClosing(opener + 1, t[opener] === '{' ? 'brace' : 'paren');
    const source = t.slice(start, end);
    // A parenthesised expression is evaluated by PowerShell: its value is unknown, like `$( … )`.
    if (t[start] === '(') b.part({ text: source, quote: 'none', kind: 'command_substitution' });
    else b.literal(source, 'none');
    this.pos = end;
  }

  /** Index just past the bracket closing the one opened before `from`; notes and returns the end if none. */
  private findClosing(from: number, opener: 'paren' | 'brace'): number {
    const t = this.text;
    const stack: Bracket[] = [opener];
    let i = from;
    while (i < t.length) {
      const top = stack[stack.length - 1];
      const c = t[i] as string;
      if (c === '`') {
        i += 2;
        continue;
      }
      if (top === 'dquote') {
        if (c === '"' && t[i + 1] === '"') i += 2;
        else if (c === '"') {
          stack.pop();
          i++;
        } else if (c === '$' && t[i + 1] === '(') {
          stack.push('paren');
          i += 2;
        } else i++;
        continue;
      }
      if (c === "'") {
        i = skipSingleQuoted(t, i);
      } else if (c === '"') {
        stack.push('dquote');
        i++;
      } else if (c === '(' || c === '{') {
        stack.push(c === '(' ? 'paren' : 'brace');
        i++;
      } else if ((c === ')' && top === 'paren') || (c === '}' && top === 'brace')) {
        stack.pop();
        i++;
        if (stack.length === 0) return i;
      } else if (c === '#' && isTokenStart(t, i)) {
        const eol = t.indexOf('\n', i);
        i = eol === -1 ? t.length : eol;
      } else {
        i++;
      }
    }
    this.unterminated(opener === 'brace' ? `${t[from - 2] === '@' ? '@' : ''}{` : '(', from - 1);
    return t.length;
  }

  private unterminated(what: string, open: number): void {
    const line = this.lines.at(open);
    const quote = what.includes('quote') || what.startsWith('here-string');
    this.list.notes.push(
      note(
        quote ? 'shell.unterminated_quote' : 'shell.unterminated_substitution',
        `The ${what} opened on line ${line} is never closed: everything after it was read as part of one ` +
          'word. The paste may be cut off.',
        line,
      ),
    );
  }
}

/** `env:TOKEN` → `TOKEN`; other names are kept as written. */
function variableName(raw: string): string {
  const colon = raw.indexOf(':');
  if (colon > 0 && SCOPES.has(raw.slice(0, colon).toLowerCase())) return raw.slice(colon + 1);
  return raw;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isNameChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_';
}

function skipName(text: string, from: number): number {
  let i = from;
  while (i < text.length && isNameChar(text[i] as string)) i++;
  return i;
}

function skipSingleQuoted(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const close = text.indexOf("'", j);
    if (close === -1) return text.length;
    if (text[close + 1] !== "'") return close + 1;
    j = close + 2;
  }
  return text.length;
}

function isTokenStart(text: string, i: number): boolean {
  const prev = text[i - 1];
  return prev === undefined || prev === ' ' || prev === '\t' || prev === '\n' || prev === '{' || prev === ';';
}
