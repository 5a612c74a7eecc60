/**
 * bash/zsh tokenizer: splits a pasted command line into commands and words the way bash does, keeping how
 * each piece was quoted so later layers can tell `'Bearer $TOKEN'` (sent literally) from `"Bearer $TOKEN"`.
 */
import { note } from '../notes.js';
import { decodeAnsiC } from './ansi-c.js';
import { AsciiSet } from './ascii-set.js';
import { findClosing } from './bash-nesting.js';
import { CommandList, LineIndex, WordBuilder } from './builders.js';
import type { Redirect, ShellCommand, TokenizeResult, Word, WordPart } from './types.js';

/** Characters that end an unquoted word. */
const META_CHARS = ' \t\n;&|<>()';
const META = new AsciiSet(META_CHARS);
/** Characters a word scanner must look at; anything else is plain text. */
const WORD_SPECIAL_CHARS = '\'"\\$`~';
/** Where a run of plain text ends: inside a split word, and inside `${X:-word}` where blanks are text. */
const PLAIN_END = new AsciiSet(META_CHARS + WORD_SPECIAL_CHARS);
const PLAIN_END_UNSPLIT = new AsciiSet(WORD_SPECIAL_CHARS);
const DQUOTE_SPECIAL = new AsciiSet('"\\$`');
/** Between words, anything else starts a word; these need a closer look (blanks, operators, comments). */
const BETWEEN_WORDS_SPECIAL = new AsciiSet(`${META_CHARS}#\\`);
const BLANKS = new AsciiSet(' \t');
const DQUOTE_ESCAPABLE = new Set(['$', '`', '"', '\\']);
const SPECIAL_PARAMS = new Set(['$', '?', '!', '#', '*', '@', '-']);
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = new AsciiSet('0123456789');
const NAME_START = new AsciiSet(`${LETTERS}_`);
const NAME_CHARS = new AsciiSet(`${LETTERS}_0123456789`);
/**
 * Reserved words that open or close compound commands, dropped where a command starts so that
 * `if curl …; then` and `{ curl …; }` still show curl as argv[0].
 */
const LEADING_RESERVED = new Set([
  '!',
  '{',
  '}',
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
]);
/** First letters of those words: most commands (`curl`) are ruled out without hashing the word. */
const LEADING_RESERVED_START = new AsciiSet([...LEADING_RESERVED].map((w) => w[0]).join(''));

export function tokenizeBash(text: string, startLine = 1): TokenizeResult {
  return new BashTokenizer(text, startLine).run();
}

/**
 * Reads `text` as one bash word without splitting on blanks or operators, as bash reads the word in
 * `${X:-word}`. Inside double quotes single quotes are ordinary characters there.
 */
export function parseBashWordText(text: string, inDoubleQuotes: boolean): Word {
  const tokenizer = new BashTokenizer(text, 1);
  return (
    tokenizer.readWord({ split: false, singleQuotesLiteral: inDoubleQuotes }) ?? {
      value: '',
      parts: [],
      line: 1,
    }
  );
}

interface PendingHeredoc {
  redirect: Redirect;
  command: ShellCommand;
  delimiter: string;
  stripTabs: boolean;
  line: number;
}

interface WordMode {
  split: boolean;
  singleQuotesLiteral: boolean;
}

const COMMAND_WORD: WordMode = { split: true, singleQuotesLiteral: false };

class BashTokenizer {
  private pos = 0;
  private readonly list = new CommandList('bash');
  private readonly lines: LineIndex;
  private pending: PendingHeredoc[] = [];

  constructor(
    private readonly text: string,
    startLine: number,
  ) {
    this.lines = new LineIndex(text, startLine);
  }

  run(): TokenizeResult {
    const t = this.text;
    while (this.pos < t.length) {
      if (!BETWEEN_WORDS_SPECIAL.at(t, this.pos)) {
        this.readCommandWord();
        continue;
      }
      const c = t[this.pos] as string;
      const next = t[this.pos + 1];
      if (c === ' ' || c === '\t') {
        this.pos = BLANKS.skip(t, this.pos + 1);
      } else if (c === '\\' && next === '\n') {
        this.pos += 2;
      } else if (c === '\n') {
        this.pos++;
        this.list.end('newline');
        this.readHeredocs();
      } else if (c === '#') {
        const eol = t.indexOf('\n', this.pos);
        this.pos = eol === -1 ? t.length : eol;
      } else if (c === ';') {
        while (t[this.pos] === ';' || t[this.pos] === '&') this.pos++;
        this.list.end(';');
      } else if (c === '&') {
        if (next === '>') {
          this.readRedirect('');
        } else {
          this.pos += next === '&' ? 2 : 1;
          this.list.end(next === '&' ? '&&' : '&');
        }
      } else if (c === '|') {
        this.pos += next === '|' || next === '&' ? 2 : 1;
        if (next === '&') {
          const line = this.lines.at(this.pos - 1);
          this.list.redirect({ op: '2>&1' }, line, line);
        }
        this.list.end(next === '|' ? '||' : '|');
      } else if (c === '(' || c === ')') {
        this.pos++;
        this.list.end(';');
      } else if ((c === '<' || c === '>') && next !== '(') {
        this.readRedirect('');
      } else {
        this.readCommandWord();
      }
    }
    this.list.end(undefined);
    for (const heredoc of this.pending) this.unterminatedHeredoc(heredoc);
    this.pending = [];
    return { commands: this.list.commands, notes: this.list.notes };
  }

  private readCommandWord(): void {
    const t = this.text;
    const start = this.pos;
    const digitsEnd = DIGITS.skip(t, start);
    if (digitsEnd > start && (t[digitsEnd] === '<' || t[digitsEnd] === '>')) {
      this.pos = digitsEnd;
      this.readRedirect(t.slice(start, digitsEnd));
      return;
    }
    const current = this.list.peek();
    const commandStart = current === undefined || current.argv.length === 0;
    const nameLength = commandStart ? assignmentNameLength(t, start) : 0;
    const word = this.readWord(COMMAND_WORD);
    if (word === undefined) return;
    const endLine = this.lines.at(this.pos - 1);
    if (nameLength > 0) {
      const cmd = this.list.open(word.line);
      const prefix = t[start + nameLength] === '+' ? nameLength + 2 : nameLength + 1;
      cmd.assignments.push({ name: t.slice(start, start + nameLength), value: dropPrefix(word, prefix) });
      cmd.endLine = Math.max(cmd.endLine, endLine);
      return;
    }
    if (commandStart && isReservedWord(word)) return;
    this.list.word(word, endLine);
  }

  readWord(mode: WordMode): Word | undefined {
    const simple = mode.split ? this.simpleWord() : undefined;
    if (simple !== undefined) return simple;
    const t = this.text;
    const wordStart = this.pos;
    const b = new WordBuilder(this.lines.at(this.pos));
    while (this.pos < t.length) {
      const c = t[this.pos] as string;
      if ((c === '<' || c === '>') && t[this.pos + 1] === '(' && this.pos === wordStart) {
        this.processSubstitution(b);
        continue;
      }
      if (mode.split && META.at(t, this.pos)) break;
      if (c === "'" && !mode.singleQuotesLiteral) this.singleQuoted(b);
      else if (c === '"') this.doubleQuoted(b, 'double', this.pos + 1);
      else if (c === '\\') this.unquotedBackslash(b);
      else if (c === '$') this.dollar(b, 'none');
      else if (c === '`') this.backtick(b, 'none');
      else if (c === '~' && this.pos === wordStart && tildeExpands(t, this.pos + 1, mode.split)) {
        // Bash replaces a leading `~` by $HOME; keeping it as a variable part lets expansion do the same.
        b.part({ text: '~', quote: 'none', kind: 'variable', name: 'HOME' });
        this.pos++;
      } else {
        const end = (mode.split ? PLAIN_END : PLAIN_END_UNSPLIT).find(t, this.pos + 1);
        b.literal(t.slice(this.pos, end), 'none');
        this.pos = end;
      }
    }
    return b.started ? b.build() : undefined;
  }

  /**
   * The most common words, read without a builder: plain text (`-X`, `https://x/a?b=1`), or one quoted string
   * with nothing to expand (`'A: b'`, `"A: b"`). Anything else (mixed quoting, `$`, `\`, `~`, `<(`, an unclosed
   * quote) is left to `readWord`.
   */
  private simpleWord(): Word | undefined {
    const t = this.text;
    const start = this.pos;
    let end: number;
    let part: WordPart;
    if (t[start] === "'") {
      const close = t.indexOf("'", start + 1);
      if (close === -1) return undefined;
      end = close + 1;
      part = { text: t.slice(start + 1, close), quote: 'single', kind: 'literal' };
    } else if (t[start] === '"') {
      const close = DQUOTE_SPECIAL.find(t, start + 1);
      if (t[close] !== '"') return undefined;
      end = close + 1;
      part = { text: t.slice(start + 1, close), quote: 'double', kind: 'literal' };
    } else {
      end = PLAIN_END.find(t, start);
      if (end === start) return undefined;
      part = { text: t.slice(start, end), quote: 'none', kind: 'literal' };
    }
    if (end < t.length && !META.at(t, end)) return undefined;
    this.pos = end;
    return { value: part.text, parts: [part], line: this.lines.at(start) };
  }

  private singleQuoted(b: WordBuilder): void {
    const open = this.pos;
    const close = this.text.indexOf("'", open + 1);
    if (close === -1) {
      b.literal(this.text.slice(open + 1), 'single');
      this.pos = this.text.length;
      this.unterminatedQuote('single quote', open);
      return;
    }
    b.literal(this.text.slice(open + 1, close), 'single');
    this.pos = close + 1;
  }

  /** `start` is just after the opening quote (`"` or `$"`). */
  private doubleQuoted(b: WordBuilder, quote: 'double' | 'locale', start: number): void {
    const t = this.text;
    const open = this.pos;
    this.pos = start;
    b.literal('', quote);
    while (this.pos < t.length) {
      const c = t[this.pos] as string;
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c === '\\') {
        const next = t[this.pos + 1];
        if (next === '\n') {
          this.pos += 2;
        } else if (next !== undefined && DQUOTE_ESCAPABLE.has(next)) {
          b.literal(next, quote);
          this.pos += 2;
        } else {
          b.literal('\\', quote);
          this.pos++;
        }
      } else if (c === '$') {
        this.dollar(b, quote);
      } else if (c === '`') {
        this.backtick(b, quote);
      } else {
        const end = DQUOTE_SPECIAL.find(t, this.pos + 1);
        b.literal(t.slice(this.pos, end), quote);
        this.pos = end;
      }
    }
    this.unterminatedQuote(quote === 'double' ? 'double quote' : '$" quote', open);
  }

  private unquotedBackslash(b: WordBuilder): void {
    const t = this.text;
    const next = t[this.pos + 1];
    if (next === undefined) {
      b.literal('\\', 'none');
      this.pos++;
      return;
    }
    if (next === '\n') {
      this.pos += 2;
      return;
    }
    if (next === ' ' || next === '\t' || next === '\r') this.checkStrayContinuation(this.pos);
    b.literal(next, 'none');
    this.pos += 2;
  }

  /** A backslash followed by blanks then a line break escapes the blank, not the line break. */
  private checkStrayContinuation(backslash: number): void {
    const t = this.text;
    let i = backslash + 1;
    while (t[i] === ' ' || t[i] === '\t' || t[i] === '\r') i++;
    if (t[i] !== '\n') return;
    const cr = t[i - 1] === '\r' && i === backslash + 2;
    const line = this.lines.at(backslash);
    const what = cr ? 'a Windows line ending (CR)' : 'spaces';
    this.list.notes.push(
      note(
        'shell.stray_continuation',
        `Line ${line} ends with a backslash followed by ${what}: the backslash escapes that character ` +
          'instead of the line break, so the next line runs as a separate command.',
        line,
      ),
    );
  }

  private dollar(b: WordBuilder, quote: 'none' | 'double' | 'locale'): void {
    const t = this.text;
    const start = this.pos;
    const next = t[start + 1];
    if (quote === 'none' && next === "'") {
      const decoded = decodeAnsiC(t, start + 2);
      b.literal('', 'ansi_c');
      b.literal(decoded.value, 'ansi_c');
      this.pos = decoded.end;
      if (!decoded.closed) this.unterminatedQuote("$' quote", start);
    } else if (quote === 'none' && next === '"') {
      this.doubleQuoted(b, 'locale', start + 2);
    } else if (next === '{' || next === '(') {
      const closing = findClosing(t, start + 2, next === '{' ? 'brace' : 'command', quote !== 'none');
      const text = t.slice(start, closing.end);
      this.pos = closing.end;
      if (next === '{') {
        const name = bracedName(t, start + 2);
        b.part(name === '' ? { text, quote, kind: 'variable' } : { text, quote, kind: 'variable', name });
      } else {
        b.part({ text, quote, kind: 'command_substitution' });
      }
      if (!closing.closed) this.unterminatedSubstitution(next === '{' ? '${' : '$(', start);
    } else if (NAME_START.at(t, start + 1)) {
      const end = NAME_CHARS.skip(t, start + 1);
      b.part({ text: t.slice(start, end), quote, kind: 'variable', name: t.slice(start + 1, end) });
      this.pos = end;
    } else if (next !== undefined && (DIGITS.at(t, start + 1) || SPECIAL_PARAMS.has(next))) {
      b.part({ text: `$${next}`, quote, kind: 'variable', name: next });
      this.pos = start + 2;
    } else {
      b.literal('$', quote);
      this.pos++;
    }
  }

  private backtick(b: WordBuilder, quote: WordPart['quote']): void {
    const start = this.pos;
    const closing = findClosing(this.text, start + 1, 'backtick');
    b.part({ text: this.text.slice(start, closing.end), quote, kind: 'command_substitution' });
    this.pos = closing.end;
    if (!closing.closed) this.unterminatedSubstitution('`', start);
  }

  /** `<(cmd)` and `>(cmd)` stand for a file name bash makes up: like `$(…)`, its value is unknown. */
  private processSubstitution(b: WordBuilder): void {
    const start = this.pos;
    const closing = findClosing(this.text, start + 2, 'command');
    b.part({ text: this.text.slice(start, closing.end), quote: 'none', kind: 'command_substitution' });
    this.pos = closing.end;
    if (!closing.closed) this.unterminatedSubstitution(this.text.slice(start, start + 2), start);
  }

  /** `fd` is the file-descriptor prefix already consumed (`2` in `2>&1`). */
  private readRedirect(fd: string): void {
    const t = this.text;
    const start = this.pos - fd.length;
    const op = redirectOperator(t, this.pos);
    this.pos += op.length;
    this.skipBlanks();
    const line = this.lines.at(start);
    if (op === '>&' || op === '<&') {
      const end = t[this.pos] === '-' ? this.pos + 1 : DIGITS.skip(t, this.pos);
      if (end > this.pos && (end === t.length || META.at(t, end))) {
        const redirect: Redirect = { op: `${fd}${op}${t.slice(this.pos, end)}` };
        this.pos = end;
        this.list.redirect(redirect, line, line);
        return;
      }
    }
    const redirect: Redirect = { op: `${fd}${op}` };
    const c = t[this.pos];
    const target = c === undefined || META.at(t, this.pos) ? undefined : this.readWord(COMMAND_WORD);
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
    this.list.redirect(redirect, line, this.lines.at(this.pos - 1));
    if ((op === '<<' || op === '<<-') && target !== undefined) {
      const command = this.list.peek() as ShellCommand;
      this.pending.push({ redirect, command, delimiter: target.value, stripTabs: op === '<<-', line });
    }
  }

  private skipBlanks(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && t[this.pos + 1] === '\n') this.pos += 2;
      else return;
    }
  }

  /** Called just after a newline: here-document bodies start on the line after their `<<` operator. */
  private readHeredocs(): void {
    const t = this.text;
    for (const heredoc of this.pending) {
      let body = '';
      let found = false;
      while (this.pos < t.length) {
        const eol = t.indexOf('\n', this.pos);
        const raw = eol === -1 ? t.slice(this.pos) : t.slice(this.pos, eol);
        this.pos = eol === -1 ? t.length : eol + 1;
        const line = heredoc.stripTabs ? stripLeadingTabs(raw) : raw;
        if (line === heredoc.delimiter) {
          found = true;
          break;
        }
        body += `${line}\n`;
      }
      heredoc.redirect.heredoc = body;
      heredoc.command.endLine = Math.max(heredoc.command.endLine, this.lines.at(Math.max(0, this.pos - 1)));
      if (!found) this.unterminatedHeredoc(heredoc);
    }
    this.pending = [];
  }

  private unterminatedHeredoc(heredoc: PendingHeredoc): void {
    heredoc.redirect.heredoc ??= '';
    this.list.notes.push(
      note(
        'shell.unterminated_heredoc',
        `The here-document started on line ${heredoc.line} never reaches its end line \`${heredoc.delimiter}\`: ` +
          'everything after it was taken as its body.',
        heredoc.line,
      ),
    );
  }

  private unterminatedQuote(what: string, open: number): void {
    const line = this.lines.at(open);
    this.list.notes.push(
      note(
        'shell.unterminated_quote',
        `The ${what} opened on line ${line} is never closed: everything after it was read as part of one ` +
          'word. The paste may be cut off.',
        line,
      ),
    );
  }

  private unterminatedSubstitution(opener: string, open: number): void {
    const line = this.lines.at(open);
    this.list.notes.push(
      note(
        'shell.unterminated_substitution',
        `The \`${opener}\` opened on line ${line} is never closed: everything after it was read as part of it.`,
        line,
      ),
    );
  }
}

const REDIRECT_OPERATORS = ['<<<', '<<-', '&>>', '<<', '<>', '<&', '>>', '>&', '>|', '&>', '<', '>'];

function redirectOperator(text: string, pos: number): string {
  for (const op of REDIRECT_OPERATORS) if (text.startsWith(op, pos)) return op;
  return text[pos] ?? '';
}

/** The parameter a `${…}` refers to: `X` in `${X}`, `${#X}`, `${!X}`, `${X:-d}`; `1` in `${1}`. */
function bracedName(text: string, from: number): string {
  let i = from;
  if ((text[i] === '#' || text[i] === '!') && text[i + 1] !== '}') i++;
  const c = text[i];
  if (c === undefined) return '';
  if (NAME_START.at(text, i)) return text.slice(i, NAME_CHARS.skip(text, i));
  if (DIGITS.at(text, i)) return text.slice(i, DIGITS.skip(text, i));
  return SPECIAL_PARAMS.has(c) ? c : '';
}

/** Length of `NAME` when `text` at `from` starts with `NAME=` or `NAME+=`, else 0. */
function assignmentNameLength(text: string, from: number): number {
  if (!NAME_START.at(text, from)) return 0;
  const end = NAME_CHARS.skip(text, from);
  if (text[end] === '=' || (text[end] === '+' && text[end + 1] === '=')) return end - from;
  return 0;
}

/** Removes the plain `NAME=` prefix, which always sits in the first, unquoted part. */
function dropPrefix(word: Word, length: number): Word {
  const [first, ...rest] = word.parts;
  const parts: WordPart[] = [];
  if (first !== undefined && first.text.length > length)
    parts.push({ ...first, text: first.text.slice(length) });
  parts.push(...rest);
  return { value: word.value.slice(length), parts, line: word.line };
}

function isReservedWord(word: Word): boolean {
  return LEADING_RESERVED_START.at(word.value, 0) && isPlainWord(word) && LEADING_RESERVED.has(word.value);
}

function isPlainWord(word: Word): boolean {
  const only = word.parts[0];
  return word.parts.length === 1 && only !== undefined && only.kind === 'literal' && only.quote === 'none';
}

function tildeExpands(text: string, next: number, split: boolean): boolean {
  return next === text.length || text[next] === '/' || (split && META.at(text, next));
}

function stripLeadingTabs(line: string): string {
  let i = 0;
  while (line[i] === '\t') i++;
  return line.slice(i);
}
