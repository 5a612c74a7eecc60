/** Accumulators shared by the three tokenizers: they keep parts merged and commands joined consistently. */
import type { Note } from '../notes.js';
import type { Dialect, Redirect, ShellCommand, Word, WordPart } from './types.js';

export class WordBuilder {
  /**
   * Made on the first part, with room for just that one: most words have a single part, and a paste has many
   * words (a `push` onto an empty array reserves room for 17).
   */
  private parts: WordPart[] | undefined;
  /** Set once anything (even an empty quoted string) was read: `''` is a word, nothing at all is not. */
  started = false;

  constructor(readonly line: number) {}

  /** Quoting of the first empty literal, so a word made only of `""` or `''` still has one (empty) part. */
  private emptyQuote: WordPart['quote'] | undefined;

  literal(text: string, quote: WordPart['quote']): void {
    this.started = true;
    if (text === '') {
      this.emptyQuote ??= quote;
      return;
    }
    const last = this.parts?.[this.parts.length - 1];
    if (last !== undefined && last.kind === 'literal' && last.quote === quote) {
      last.text += text;
      return;
    }
    this.add({ text, quote, kind: 'literal' });
  }

  part(part: WordPart): void {
    this.started = true;
    this.add(part);
  }

  private add(part: WordPart): void {
    if (this.parts === undefined) this.parts = [part];
    else this.parts.push(part);
  }

  build(): Word {
    if (this.parts === undefined && this.emptyQuote !== undefined) {
      this.add({ text: '', quote: this.emptyQuote, kind: 'literal' });
    }
    const parts = this.parts ?? [];
    const only = parts.length === 1 ? parts[0] : undefined;
    let value = only?.text ?? '';
    if (only === undefined) for (const part of parts) value += part.text;
    return { value, parts, line: this.line };
  }
}

type Join = NonNullable<ShellCommand['joinedBy']>;

/** Collects words into commands and remembers which operator separated each command from the previous one. */
export class CommandList {
  readonly commands: ShellCommand[] = [];
  readonly notes: Note[] = [];
  private current: ShellCommand | undefined;
  private pendingJoin: Join | undefined;

  constructor(private readonly dialect: Dialect) {}

  /** The command being built, created on first use at `line`. */
  open(line: number): ShellCommand {
    if (this.current === undefined) {
      this.current = { dialect: this.dialect, argv: [], assignments: [], redirects: [], line, endLine: line };
    }
    return this.current;
  }

  peek(): ShellCommand | undefined {
    return this.current;
  }

  word(word: Word, endLine: number): void {
    const cmd = this.open(word.line);
    cmd.argv.push(word);
    cmd.endLine = Math.max(cmd.endLine, endLine);
  }

  redirect(redirect: Redirect, line: number, endLine: number): void {
    const cmd = this.open(line);
    cmd.redirects.push(redirect);
    cmd.endLine = Math.max(cmd.endLine, endLine);
  }

  /**
   * Ends the current command. An explicit operator wins over newlines around it, so `a &&⏎b` is joined by
   * `&&`, and blank or comment lines between two commands keep them joined by a newline.
   */
  end(op: Join | undefined): void {
    const cmd = this.current;
    this.current = undefined;
    if (cmd !== undefined) {
      if (this.commands.length > 0 && this.pendingJoin !== undefined) cmd.joinedBy = this.pendingJoin;
      this.commands.push(cmd);
      this.pendingJoin = op;
      return;
    }
    if (op !== undefined && (op !== 'newline' || this.pendingJoin === undefined)) this.pendingJoin = op;
  }
}

/** Maps a string index to its 1-based line in O(log n), so scanners need not count newlines as they go. */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** The 0-based line found last. */
  private last = 0;

  constructor(
    text: string,
    private readonly startLine: number,
  ) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  at(index: number): number {
    // Scanners move forward, so the line found last or the one after it usually holds `index`.
    let line = this.last;
    if (!this.holds(line, index)) line = this.holds(line + 1, index) ? line + 1 : this.search(index);
    this.last = line;
    return line + this.startLine;
  }

  /** Whether `index` is on the 0-based `line`. */
  private holds(line: number, index: number): boolean {
    if (line >= this.starts.length || (this.starts[line] ?? 0) > index) return false;
    return line + 1 === this.starts.length || index < (this.starts[line + 1] ?? 0);
  }

  /** The last line starting at or before `index` (the first line if none does). */
  private search(index: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
