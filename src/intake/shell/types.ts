/** Words and commands as a shell would split them, kept with enough detail to know what the shell did. */
import type { Note } from '../notes.js';

export type Dialect = 'bash' | 'cmd' | 'powershell';

export interface WordPart {
  /** Literal text after quote removal, or the source text of a variable / substitution (`$TOKEN`, `$(cat f)`). */
  text: string;
  quote: 'none' | 'single' | 'double' | 'ansi_c' | 'locale';
  kind: 'literal' | 'variable' | 'command_substitution';
  /** Variable name for `variable` parts (`TOKEN` for `$TOKEN`, `${TOKEN}`, `$env:TOKEN`, `%TOKEN%`). */
  name?: string;
}

export interface Word {
  /**
   * The word after quote removal, with each variable or substitution kept as written (`Bearer $TOKEN`),
   * which is what a user recognises and what curlconverter reports.
   */
  value: string;
  parts: WordPart[];
  /** 1-based line (in the text given to the tokenizer, offset by `startLine`) where the word starts. */
  line: number;
}

export interface Redirect {
  /** `<`, `>`, `>>`, `2>`, `2>&1`, `<<`, `<<-`, `<<<`, `&>` … */
  op: string;
  target?: Word;
  /** Body of a here-document (`<<EOF … EOF`). */
  heredoc?: string;
}

export interface ShellCommand {
  dialect: Dialect;
  /** Program and arguments; `VAR=value` prefixes are in `assignments`, not here. */
  argv: Word[];
  assignments: { name: string; value: Word }[];
  redirects: Redirect[];
  /** 1-based first and last line of the command. */
  line: number;
  endLine: number;
  /** The operator that joined this command to the previous one (`&&`, `||`, `;`, `|`, `&`, or a newline). */
  joinedBy?: '&&' | '||' | ';' | '|' | '&' | 'newline';
}

export interface TokenizeResult {
  commands: ShellCommand[];
  notes: Note[];
}
