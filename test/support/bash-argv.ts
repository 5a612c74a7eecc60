/**
 * Runs real bash on curlconverter's fixture scripts to learn the argv each `curl` call receives, and compares
 * it with what `tokenizeBash` + `expandWord` produce. Shared by the conformance test and the benchmark.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenizeBash } from '../../src/intake/shell/bash.js';
import { expandWordFields } from '../../src/intake/shell/expand.js';
import type { Word } from '../../src/intake/shell/types.js';
import { fixturesDir, listFixtures } from './fixtures.js';

/** The folder holding package.json: two levels up from this file, three when compiled into dist-bench/. */
function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5 && !existsSync(path.join(dir, 'package.json')); i++) dir = path.dirname(dir);
  return dir;
}

const repoRoot = findRepoRoot();

/** The folder of curlconverter's `.sh` fixture commands. */
export function curlCommandsDir(): string {
  return path.join(fixturesDir(repoRoot), 'curl_commands');
}

export function hasBash(): boolean {
  return spawnSync('bash', ['-c', 'true']).status === 0;
}

export { listFixtures } from './fixtures.js';

export interface ArgvMatch {
  file: string;
  identical: boolean;
  /** argv (without `curl`) of every curl call, in order, as bash ran it. */
  bash: string[][];
  ours: string[][];
  /** bash's stderr when it complained; empty otherwise. */
  bashErrors: string;
}

/** Compares every fixture in `dir`; the benchmark prints `argv identical to bash on N of M`. */
export function compareAllWithBash(dir = curlCommandsDir()): ArgvMatch[] {
  return listFixtures(dir).map((file) => compareWithBash(path.join(dir, file)));
}

/** Compares a script given as text (written to a temporary file for bash to source). */
export function compareScriptWithBash(name: string, source: string): ArgvMatch {
  const dir = mkdtempSync(path.join(tmpdir(), 'authdoctor-script-'));
  try {
    const file = path.join(dir, name);
    writeFileSync(file, source);
    return compareWithBash(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function compareWithBash(fixturePath: string): ArgvMatch {
  const source = readFileSync(fixturePath, 'utf8');
  const work = mkdtempSync(path.join(tmpdir(), 'authdoctor-bash-'));
  try {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: path.join(work, 'home'), FILENAME: 'f' };
    mkdirSync(env.HOME);
    const commands = tokenizeBash(source).commands;
    const ours = commands
      .filter((cmd) => cmd.argv[0]?.value === 'curl')
      .map((cmd) => cmd.argv.slice(1).flatMap((word) => expandWordFields(word, env)));
    // Input redirections must find their file or bash skips the command: let bash itself evaluate each
    // target (variables, `$(…)`, backticks) and create it before the fixture runs.
    const inputs = commands.flatMap((cmd) =>
      cmd.redirects
        .filter((r) => isInputRedirect(r.op) && r.target !== undefined)
        .map((r) => r.target as Word),
    );
    const script = [
      'cd "$WORK"',
      ...inputs.map((target) => `: > ${toBashSource(target)}`),
      `curl() { printf '%s\\0' "$#" "$@" >&3; }`,
      'exec 3>"$WORK/argv"',
      'source "$FIXTURE" </dev/null >/dev/null',
    ].join('\n');
    writeFileSync(path.join(work, 'run.sh'), script);
    const run = spawnSync(
      'env',
      [
        '-i',
        `PATH=${env.PATH}`,
        `HOME=${env.HOME}`,
        `FILENAME=${env.FILENAME}`,
        // A UTF-8 locale, as in a developer's terminal: bash writes `$'\u00e9'` as é only under one.
        'LC_ALL=C.UTF-8',
        `WORK=${work}`,
        `FIXTURE=${fixturePath}`,
        'bash',
        '--noprofile',
        '--norc',
        path.join(work, 'run.sh'),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const bash = readCalls(path.join(work, 'argv'));
    const identical = JSON.stringify(bash) === JSON.stringify(ours);
    return { file: path.basename(fixturePath), identical, bash, ours, bashErrors: run.stderr ?? '' };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function isInputRedirect(op: string): boolean {
  let i = 0;
  while (i < op.length && op[i]! >= '0' && op[i]! <= '9') i++;
  return op.slice(i) === '<' || op.slice(i) === '<>';
}

/** Each call was written as its argument count then its arguments, all NUL-terminated. */
function readCalls(file: string): string[][] {
  if (!existsSync(file)) return [];
  const fields = readFileSync(file, 'utf8').split('\0');
  const calls: string[][] = [];
  let i = 0;
  while (i < fields.length - 1) {
    const count = Number(fields[i]);
    calls.push(fields.slice(i + 1, i + 1 + count));
    i += 1 + count;
  }
  return calls;
}

/** Writes a word back as bash source with the same meaning: literals single-quoted, expansions as written. */
export function toBashSource(word: Word): string {
  let out = '';
  for (const part of word.parts) {
    if (part.kind === 'literal') out += `'${part.text.replaceAll("'", "'\\''")}'`;
    else if (part.text === '~') out += '~';
    else out += `"${part.text}"`;
  }
  return out === '' ? "''" : out;
}
