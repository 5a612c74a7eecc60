/**
 * A pasted curl command (bash, Windows cmd or PowerShell) to the requests it sends. The shell layer splits
 * words and records quoting; this layer finds the curl invocations, feeds them what the paste shows about
 * standard input and variables, and turns each into exchanges with `parseCurlArgv`.
 */
import { type Note, note } from '../../notes.js';
import type { Fragment, RawExchange, Segment } from '../../raw.js';
import { tokenizeBash } from '../../shell/bash.js';
import { tokenizeCmd } from '../../shell/cmd.js';
import { expandWord } from '../../shell/expand.js';
import { tokenizePowerShell } from '../../shell/powershell.js';
import type { Dialect, ShellCommand, TokenizeResult, Word } from '../../shell/types.js';
import { parseCurlArgv, type StdinSource } from './argv.js';
import { stripPrompts } from './prompts.js';

export { parseCurlArgv } from './argv.js';

/**
 * Windows cmd when lines continue with `^` or quotes are written `^"`; PowerShell on `curl.exe`, `$env:` or
 * a backtick line continuation (a trailing `` ` `` that does not close a bash `` `…` `` substitution).
 */
export function curlDialect(text: string): Dialect {
  const caret = text.includes('^');
  if (caret && text.includes('^"')) return 'cmd';
  // Every sign read per line needs one of these; most pastes have none, and splitting lines is not free.
  const lineSigns = caret || text.includes('`') || text.includes('PS ');
  const fromLines = lineSigns ? lineDialect(text) : undefined;
  if (fromLines !== undefined) return fromLines;
  // `.exe` first: a curl paste is full of `c`, at each of which a search for `curl.exe` stops to compare.
  const curlExe = text.includes('.exe') && text.includes('curl.exe');
  return curlExe || text.includes('$env:') ? 'powershell' : 'bash';
}

/** `cmd` or `powershell` as the lines' ends and prompts show it, else undefined. */
function lineDialect(text: string): Dialect | undefined {
  let powershell = false;
  for (const line of text.split('\n')) {
    const end = line.trimEnd();
    if (end.endsWith('^')) return 'cmd';
    if (line.trimStart().startsWith('PS ') && line.includes('>')) powershell = true;
    if (end.endsWith(' `') && countOf(end, '`') % 2 === 1) powershell = true;
  }
  return powershell ? 'powershell' : undefined;
}

function countOf(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function tokenize(dialect: Dialect, text: string, startLine: number): TokenizeResult {
  if (dialect === 'cmd') return tokenizeCmd(text, startLine);
  if (dialect === 'powershell') return tokenizePowerShell(text, startLine);
  return tokenizeBash(text, startLine);
}

/** Commands that run the command after them (`sudo curl …`), with their options that take a value. */
const WRAPPERS = new Map<string, ReadonlySet<string>>([
  ['sudo', new Set(['-u', '-g', '-h', '-p', '-C', '-U', '-r', '-t', '-D'])],
  ['env', new Set(['-u', '-C', '-S'])],
  ['time', new Set(['-f', '-o'])],
  ['command', new Set()],
  ['builtin', new Set()],
  ['exec', new Set(['-a'])],
  ['nohup', new Set()],
  ['noglob', new Set()],
  ['xargs', new Set(['-I', '-n', '-P', '-d', '-E', '-L', '-s', '-a'])],
  ['watch', new Set(['-n', '-d'])],
  ['timeout', new Set(['-s', '-k'])],
  // A shell prompt the tokenizer kept as a word (`$ curl …`).
  ['$', new Set()],
  ['%', new Set()],
]);

/** `curl`, `curl.exe`, `/usr/bin/curl`, `C:\tools\CURL.EXE`; this runs for the first word of every command. */
function isCurl(word: Word): boolean {
  return isProgram(word.value, 'curl') || isProgram(word.value, 'curl.exe');
}

/** Whether the last path segment of `path` is `name` (lowercase ASCII), in any case. */
function isProgram(path: string, name: string): boolean {
  const start = path.length - name.length;
  if (start < 0) return false;
  const segmentStart = start === 0 || path[start - 1] === '/' || path[start - 1] === '\\';
  return segmentStart && equalsIgnoringCase(path.slice(start), name);
}

/** `text.toLowerCase() === lower` for an ASCII `lower`, lowercasing (a copy) only when it can matter. */
function equalsIgnoringCase(text: string, lower: string): boolean {
  return text === lower || (text.length === lower.length && text.toLowerCase() === lower);
}

/** The index of the curl program word in `argv`, looking through wrappers such as `sudo` and `env A=b`. */
function curlIndex(argv: Word[]): number {
  let i = 0;
  while (i < argv.length) {
    const word = argv[i];
    if (word === undefined) return -1;
    if (isCurl(word)) return i;
    const takesValue = WRAPPERS.get(word.value);
    if (takesValue === undefined) return -1;
    const wrapper = word.value;
    i++;
    while (i < argv.length) {
      const w = argv[i]?.value ?? '';
      if (w.startsWith('-')) i += takesValue.has(w) ? 2 : 1;
      else if (wrapper === 'env' && w.includes('=')) i++;
      else break;
    }
    if (wrapper === 'timeout') i++;
  }
  return -1;
}

/** Invoke-WebRequest parameters: `curl -Uri … -Headers @{…}` is the PowerShell alias used as intended. */
const INVOKE_WEB_REQUEST_PARAMS = new Set([
  '-uri',
  '-headers',
  '-method',
  '-body',
  '-contenttype',
  '-usebasicparsing',
  '-credential',
  '-outfile',
  '-infile',
  '-websession',
  '-sessionvariable',
]);

const PARAM_LENGTHS = [...INVOKE_WEB_REQUEST_PARAMS].map((p) => p.length);
const SHORTEST_PARAM = Math.min(...PARAM_LENGTHS);
const LONGEST_PARAM = Math.max(...PARAM_LENGTHS);

/** Checked on every argument: the length and dash tests spare lowercasing bodies, URLs and `-H`. */
function isInvokeWebRequestParam(word: Word): boolean {
  const text = word.value;
  return (
    text.length >= SHORTEST_PARAM &&
    text.length <= LONGEST_PARAM &&
    text[0] === '-' &&
    text[1] !== '-' &&
    INVOKE_WEB_REQUEST_PARAMS.has(text.toLowerCase())
  );
}

interface Invocation {
  command: ShellCommand;
  program: Word;
  args: Word[];
  previous: ShellCommand | undefined;
}

/** A line starting with an option (or a bare URL) right after a curl command lost its `\` continuation. */
function continuesCurl(command: ShellCommand): boolean {
  const first = command.argv[0]?.value ?? '';
  return (
    command.joinedBy === 'newline' &&
    command.assignments.length === 0 &&
    (first.startsWith('-') || first.startsWith('http://') || first.startsWith('https://'))
  );
}

/** `NAME=value` words of `export`, `declare`, cmd's `set`: variables the rest of the paste can use. */
const SETTERS = new Set(['export', 'declare', 'typeset', 'readonly', 'local', 'set']);

function assignmentsOf(command: ShellCommand): { name: string; value: Word }[] {
  if (command.argv.length === 0) return command.assignments;
  const powershell = powerShellAssignment(command.argv);
  if (powershell !== undefined) return [powershell];
  const program = command.argv[0]?.value ?? '';
  if (!SETTERS.has(program)) return [];
  const out: { name: string; value: Word }[] = [];
  for (const word of command.argv.slice(1)) {
    const eq = word.value.indexOf('=');
    if (eq <= 0) continue;
    const value = word.value.slice(eq + 1);
    out.push({
      name: word.value.slice(0, eq),
      value: { value, parts: [{ text: value, quote: 'none', kind: 'literal' }], line: word.line },
    });
  }
  return out;
}

/** PowerShell `$env:TOKEN = 'x'` (three words) or `$token="x"` (one word). */
function powerShellAssignment(argv: Word[]): { name: string; value: Word } | undefined {
  const [first, second, third] = argv;
  const variable = first?.parts[0];
  if (first === undefined || variable?.kind !== 'variable' || variable.name === undefined) return undefined;
  if (first.parts.length === 1 && second?.value === '=' && third !== undefined && argv.length === 3) {
    return { name: variable.name, value: third };
  }
  const [, equals, ...rest] = first.parts;
  if (argv.length === 1 && equals?.kind === 'literal' && equals.text.startsWith('=')) {
    const parts = equals.text === '=' ? rest : [{ ...equals, text: equals.text.slice(1) }, ...rest];
    return {
      name: variable.name,
      value: { value: parts.map((p) => p.text).join(''), parts, line: first.line },
    };
  }
  return undefined;
}

function stdinOf(command: ShellCommand, previous: ShellCommand | undefined): StdinSource | undefined {
  for (const r of command.redirects) {
    if ((r.op === '<<' || r.op === '<<-') && r.heredoc !== undefined) return { text: r.heredoc };
    if (r.op === '<<<' && r.target !== undefined) return { text: `${r.target.value}\n` };
    if (r.op === '<' && r.target !== undefined) return { file: r.target.value };
  }
  if (command.joinedBy !== '|' || previous === undefined) return undefined;
  const [program, ...args] = previous.argv;
  if (program?.value === 'cat' && args.length === 1 && args[0] !== undefined) return { file: args[0].value };
  if (program?.value === 'echo') {
    const noNewline = args[0]?.value === '-n';
    const words = noNewline ? args.slice(1) : args;
    return { text: `${words.map((w) => w.value).join(' ')}${noNewline ? '' : '\n'}` };
  }
  if (program?.value === 'printf' && args[0] !== undefined) return { text: args[0].value };
  return undefined;
}

/** Words with their variables filled in when the paste itself set them (`TOKEN=abc` on an earlier line). */
function withPasteValues(args: Word[], env: Record<string, string>): Word[] {
  return args.map((word) => {
    const variables = word.parts.filter((p) => p.kind === 'variable');
    if (
      variables.length === 0 ||
      !variables.every((p) => p.name !== undefined && Object.hasOwn(env, p.name))
    ) {
      return word;
    }
    return { ...word, value: expandWord(word, env) };
  });
}

export function parseCurl(segment: Segment): Fragment {
  const dialect = curlDialect(segment.text);
  const text = stripPrompts(segment.text);
  const tokens = tokenize(dialect, text, segment.startLine);
  // The tokenizer's own list: nothing else holds it, so it is extended in place.
  const notes: Note[] = tokens.notes;
  const exchanges: RawExchange[] = [];
  const env: Record<string, string> = {};
  const setAt = new Map<string, number>();

  const invocations: Invocation[] = [];
  let previous: ShellCommand | undefined;
  let open: Invocation | undefined;
  for (const command of tokens.commands) {
    if (open !== undefined && continuesCurl(command)) {
      notes.push(
        note(
          'curl.split_command',
          `Line ${command.line} looks like the rest of the curl command above, but the line before it does not end with a line continuation; read as one command. Run exactly as pasted, the shell would have run curl without it.`,
          command.line,
        ),
      );
      open.args.push(...command.argv);
      previous = command;
      continue;
    }
    const at = curlIndex(command.argv);
    const program = at === -1 ? undefined : command.argv[at];
    open = undefined;
    if (program !== undefined) {
      open = { command, program, args: command.argv.slice(at + 1), previous };
      invocations.push(open);
    }
    previous = command;
  }

  let readAny = false;
  let next = 0;
  for (const command of tokens.commands) {
    const inv = invocations[next];
    if (inv !== undefined && inv.command === command) {
      next++;
      if (run(inv, dialect, env, setAt, notes, exchanges)) readAny = true;
    } else {
      for (const a of assignmentsOf(command)) {
        env[a.name] = expandWord(a.value, env);
        setAt.set(a.name, a.value.line);
      }
    }
  }
  if (invocations.length === 0) {
    notes.push(
      note('curl.no_command', 'No curl command was found in this part of the paste.', segment.startLine),
    );
    return { exchanges, notes };
  }
  return readAny ? { kinds: ['curl'], exchanges, notes } : { exchanges, notes };
}

/** `TOKEN=x curl … $TOKEN`: the prefix does not reach curl's own arguments. */
function prefixAssignmentNotes(inv: Invocation, setAt: Map<string, number>): Note[] {
  const prefixed = new Set(inv.command.assignments.map((a) => a.name));
  const usedPrefixed = new Set<string>();
  for (const word of inv.args) {
    for (const part of word.parts) {
      if (
        part.kind === 'variable' &&
        part.name !== undefined &&
        prefixed.has(part.name) &&
        !setAt.has(part.name)
      ) {
        usedPrefixed.add(part.name);
      }
    }
  }
  return [...usedPrefixed].map((name) =>
    note(
      'shell.prefix_assignment',
      `\`${name}=…\` in front of curl only sets ${name} inside curl's environment; \`$${name}\` in curl's arguments was expanded before that, from your shell's own ${name} (empty if it was not set). Put \`${name}=…\` on its own line or use \`export\` first.`,
      inv.command.line,
    ),
  );
}

/** Reads one invocation into `exchanges`; false when it is not curl after all (Invoke-WebRequest). */
function run(
  inv: Invocation,
  dialect: Dialect,
  env: Record<string, string>,
  setAt: Map<string, number>,
  notes: Note[],
  exchanges: RawExchange[],
): boolean {
  const { command } = inv;
  const line = command.line;
  const alias = equalsIgnoringCase(inv.program.value, 'curl');
  if (alias && inv.args.some(isInvokeWebRequestParam)) {
    notes.push(
      note(
        'powershell.invoke_webrequest',
        "This `curl` is PowerShell's Invoke-WebRequest (it uses -Uri / -Headers / -Method), not curl; it was not read as a curl command.",
        line,
      ),
    );
    return false;
  }
  if (dialect === 'powershell' && alias && inv.args.some((a) => a.value.startsWith('-'))) {
    notes.push(
      note(
        'powershell.curl_alias',
        'In Windows PowerShell `curl` is an alias for Invoke-WebRequest, which does not understand curl options such as -H or -d; run `curl.exe` to use real curl. Read here as curl.',
        line,
      ),
    );
  }
  if (command.assignments.length > 0) notes.push(...prefixAssignmentNotes(inv, setAt));
  // Most pastes set no variable, and then no word can change.
  const args = setAt.size === 0 ? inv.args : withPasteValues(inv.args, env);
  const result = parseCurlArgv(args, {
    line,
    stdin: stdinOf(command, inv.previous),
    pasteVariables: setAt,
  });
  notes.push(...result.notes);
  for (const request of result.requests) exchanges.push({ source: 'curl', line, request });
  return true;
}
