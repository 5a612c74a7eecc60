/**
 * Windows cmd.exe tokenizer. A program started from cmd sees its arguments after two parsers: cmd.exe
 * (carets, `%VAR%`, operators, its own quote state) and then the C runtime's argv splitter in the program
 * (double quotes, backslashes before quotes). Chrome's "Copy as cURL (cmd)" escapes for both, writing `^"`
 * (a quote cmd ignores but the C runtime sees) and `\^"` (a literal quote), so both passes are modelled.
 */
import { note } from '../notes.js';
import { CommandList, WordBuilder } from './builders.js';
import type { Redirect, ShellCommand, TokenizeResult, Word } from './types.js';

/** What cmd.exe hands on: characters, `%VAR%` references, and redirection operators it acted on. */
type Unit =
  | { type: 'char'; ch: string; line: number }
  | { type: 'variable'; text: string; name: string; line: number }
  | { type: 'redirect'; op: string; line: number };

export function tokenizeCmd(text: string, startLine = 1): TokenizeResult {
  return new CmdTokenizer(text, startLine).run();
}

class CmdTokenizer {
  private readonly list = new CommandList('cmd');
  private units: Unit[] = [];
  private pos = 0;
  private line: number;

  constructor(
    private readonly text: string,
    startLine: number,
  ) {
    this.line = startLine;
  }

  run(): TokenizeResult {
    const t = this.text;
    let quoted = false;
    while (this.pos < t.length) {
      const c = t[this.pos] as string;
      const next = this.nextIndex(this.pos + 1);
      if (c === '\r') {
        // cmd.exe drops carriage returns before parsing, so CRLF pastes behave like LF ones.
        this.pos++;
      } else if (c === '%') {
        this.percent();
      } else if (c === '\n') {
        this.pos++;
        this.endCommand('newline');
        this.line++;
        quoted = false;
      } else if (quoted || c === '"') {
        if (c === '"') {
          quoted = !quoted;
          this.char(c);
          this.pos++;
        } else {
          this.plainRun(QUOTED_SPECIAL);
        }
      } else if (c === '^') {
        this.caret(next);
      } else if (c === '&' || c === '|') {
        const doubled = t[next] === c;
        this.pos = doubled ? next + 1 : this.pos + 1;
        this.endCommand(doubled ? (c === '&' ? '&&' : '||') : c);
      } else if (c === '<' || c === '>') {
        this.redirect(c);
      } else {
        this.plainRun(UNQUOTED_SPECIAL);
      }
    }
    this.endCommand(undefined);
    return { commands: this.list.commands, notes: this.list.notes };
  }

  private char(ch: string): void {
    this.units.push({ type: 'char', ch, line: this.line });
  }

  /**
   * The character at `pos` and those after it that neither pass treats specially, as one unit: the argv
   * splitter appends them as one literal, as it would one at a time, and a paste has one unit per run
   * instead of one per character. Blanks, backslashes and quotes always stand alone.
   */
  private plainRun(special: string): void {
    const t = this.text;
    let end = this.pos + 1;
    if (!ALONE.includes(t[this.pos] as string)) {
      while (end < t.length && !special.includes(t[end] as string)) end++;
    }
    this.units.push({ type: 'char', ch: t.slice(this.pos, end), line: this.line });
    this.pos = end;
  }

  /** Index of the next character that is not a carriage return. */
  private nextIndex(from: number): number {
    let i = from;
    while (this.text[i] === '\r') i++;
    return i;
  }

  /** `%NAME%` is expanded by cmd in and out of quotes; a lone `%` (or Chrome's `%^X`) stays literal. */
  private percent(): void {
    const t = this.text;
    let end = this.pos + 1;
    while (end < t.length && isVariableChar(t[end] as string)) end++;
    if (end > this.pos + 1 && t[end] === '%') {
      const text = t.slice(this.pos, end + 1);
      this.units.push({ type: 'variable', text, name: text.slice(1, -1), line: this.line });
      this.pos = end + 1;
      return;
    }
    this.char('%');
    this.pos++;
  }

  /** `next` is the index after the caret, past any carriage return. */
  private caret(next: number): void {
    const t = this.text;
    const escaped = t[next];
    if (escaped === undefined) {
      this.pos = next;
      return;
    }
    if (escaped === '\n') {
      // Line continuation: the line break goes, and the first character of the next line is taken
      // literally, so `^⏎⏎` (how Chrome writes a newline inside a value) leaves one literal line break.
      this.line++;
      const first = this.nextIndex(next + 1);
      const ch = t[first];
      this.pos = first + 1;
      if (ch === undefined) return;
      if (ch === '\n') this.line++;
      this.char(ch);
      return;
    }
    if (escaped === '%') {
      // cmd expands `%VAR%` before it looks at carets, so `^%TOKEN%` is still the variable.
      this.pos = next;
      return;
    }
    if (escaped === ' ' || escaped === '\t') this.checkStrayContinuation(next);
    this.char(escaped);
    this.pos = next + 1;
  }

  private checkStrayContinuation(from: number): void {
    const t = this.text;
    let i = from;
    while (t[i] === ' ' || t[i] === '\t' || t[i] === '\r') i++;
    if (t[i] !== '\n') return;
    this.list.notes.push(
      note(
        'shell.stray_continuation',
        `Line ${this.line} ends with a caret (^) followed by spaces: the caret escapes the space instead of ` +
          'the line break, so the next line runs as a separate command.',
        this.line,
      ),
    );
  }

  private redirect(c: '<' | '>'): void {
    const t = this.text;
    let op: string = c;
    this.pos++;
    if (c === '>' && t[this.pos] === '>') {
      op = '>>';
      this.pos++;
    }
    const last = this.units[this.units.length - 1];
    const beforeLast = this.units[this.units.length - 2];
    // One digit alone before `>` (after a blank) is a file descriptor: `2>err.txt`.
    if (
      last?.type === 'char' &&
      last.ch.length === 1 &&
      last.ch >= '0' &&
      last.ch <= '9' &&
      isBlankOrNone(beforeLast)
    ) {
      this.units.pop();
      op = `${last.ch}${op}`;
    }
    if (t[this.pos] === '&' && isDigit(t[this.pos + 1])) {
      op = `${op}&${t[this.pos + 1]}`;
      this.pos += 2;
    }
    this.units.push({ type: 'redirect', op, line: this.line });
  }

  private endCommand(op: NonNullable<ShellCommand['joinedBy']> | undefined): void {
    const units = this.units;
    this.units = [];
    new ArgvSplitter(units, this.list).run();
    this.list.end(op);
  }
}

/**
 * The Microsoft C runtime's rules (what `CommandLineToArgvW` and curl.exe's startup code apply): blanks
 * separate words outside double quotes; 2n backslashes before a quote give n backslashes and the quote
 * toggles quoting, 2n+1 give n and a literal quote; `""` inside quotes is a literal quote. The program name
 * is split more simply: quotes toggle and backslashes are plain.
 */
class ArgvSplitter {
  private i = 0;
  private pendingRedirect: Redirect | undefined;

  constructor(
    private readonly units: Unit[],
    private readonly list: CommandList,
  ) {}

  run(): void {
    const units = this.units;
    while (this.i < units.length) {
      const u = units[this.i] as Unit;
      if (u.type === 'char' && (u.ch === ' ' || u.ch === '\t')) {
        this.i++;
      } else if (u.type === 'redirect') {
        this.flushRedirect();
        this.pendingRedirect = { op: u.op };
        this.list.redirect(this.pendingRedirect, u.line, u.line);
        this.i++;
        if (u.op.includes('&')) this.pendingRedirect = undefined;
      } else {
        const word = this.word();
        const endLine = this.units[this.i - 1]?.line ?? word.line;
        if (this.pendingRedirect !== undefined) {
          this.pendingRedirect.target = word;
          this.pendingRedirect = undefined;
        } else {
          this.list.word(word, endLine);
        }
      }
    }
    this.flushRedirect();
  }

  private flushRedirect(): void {
    const redirect = this.pendingRedirect;
    this.pendingRedirect = undefined;
    if (redirect === undefined) return;
    const line = this.list.peek()?.endLine;
    this.list.notes.push(
      note(
        'shell.redirect_missing_target',
        `The redirection \`${redirect.op}\`${line === undefined ? '' : ` on line ${line}`} has no target.`,
        line,
      ),
    );
  }

  private word(): Word {
    const units = this.units;
    const first = units[this.i] as Unit;
    const programName = (this.list.peek()?.argv.length ?? 0) === 0 && this.pendingRedirect === undefined;
    const b = new WordBuilder(first.line);
    let quoted = false;
    let quoteLine = first.line;
    while (this.i < units.length) {
      const u = units[this.i] as Unit;
      const quote = quoted ? 'double' : 'none';
      if (u.type === 'redirect') break;
      if (u.type === 'variable') {
        b.part({ text: u.text, quote, kind: 'variable', name: u.name });
        this.i++;
        continue;
      }
      const c = u.ch;
      if (!quoted && (c === ' ' || c === '\t')) break;
      if (c === '\\' && !programName) {
        this.backslashes(b, quote);
      } else if (c === '"') {
        if (quoted && this.charAt(this.i + 1) === '"' && !programName) {
          b.literal('"', 'double');
          this.i += 2;
        } else {
          quoted = !quoted;
          quoteLine = u.line;
          b.literal('', 'double');
          this.i++;
        }
      } else {
        b.literal(c, quote);
        this.i++;
      }
    }
    if (quoted) {
      this.list.notes.push(
        note(
          'shell.unterminated_quote',
          `The double quote opened on line ${quoteLine} is never closed: the rest of the command was read as ` +
            'part of one argument. The paste may be cut off.',
          quoteLine,
        ),
      );
    }
    return b.build();
  }

  private backslashes(b: WordBuilder, quote: 'none' | 'double'): void {
    let count = 0;
    while (this.charAt(this.i) === '\\') {
      count++;
      this.i++;
    }
    if (this.charAt(this.i) !== '"') {
      b.literal('\\'.repeat(count), quote);
      return;
    }
    b.literal('\\'.repeat(count >> 1), quote);
    if (count % 2 === 1) {
      b.literal('"', quote);
      this.i++;
    }
  }

  private charAt(i: number): string | undefined {
    const u = this.units[i];
    return u?.type === 'char' ? u.ch : undefined;
  }
}

/** Characters the argv splitter looks at one by one. */
const ALONE = ' \t\\"';
/** What ends a run of plain characters: what cmd.exe acts on, and blanks, backslashes and quotes. */
const UNQUOTED_SPECIAL = '\r%\n"^&|<> \t\\';
/** Inside double quotes cmd.exe still acts on `%` and line breaks. */
const QUOTED_SPECIAL = '\r%\n" \t\\';

function isVariableChar(c: string): boolean {
  return (
    (c >= 'a' && c <= 'z') ||
    (c >= 'A' && c <= 'Z') ||
    (c >= '0' && c <= '9') ||
    c === '_' ||
    c === '(' ||
    c === ')' ||
    c === '-' ||
    c === '.'
  );
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isBlankOrNone(u: Unit | undefined): boolean {
  return u === undefined || (u.type === 'char' && (u.ch === ' ' || u.ch === '\t'));
}
