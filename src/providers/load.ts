/**
 * User provider packs: a team describes its own API in a YAML or JSON file in the `AUTHDOCTOR_PACKS` folder,
 * and authdoctor knows that API the way it knows the built-in ones (docs/packs.md).
 *
 * Loading happens once, at start-up, and is all-or-nothing: a pack that half loads would make diagnoses
 * quietly worse, so any problem stops the process with one error that lists every problem in every file
 * (file, data path, line), the way configuration errors are reported.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AuthdoctorError, ErrorCodes } from '../errors.js';
import {
  builtinKnowledge,
  checkPacks,
  knowledgeWith,
  type PackProblem,
  type ProviderKnowledge,
} from './knowledge.js';
import { checkPack, closest, normalizePack } from './pack-check.js';
import { type PackSource, type Position, readPackSource, type SourceSyntax } from './pack-source.js';
import type { ProviderPack } from './schema.js';

const SYNTAX: Record<string, SourceSyntax> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

/** A pack is a page of data; anything near this size is the wrong file. */
const MAX_FILE_BYTES = 1024 * 1024;
/** Past this many, more lines stop helping: the folder is probably the wrong one. */
const MAX_LISTED_PROBLEMS = 200;

const HINT = 'Fix the pack files named above (docs/packs.md describes the format) and start again.';

interface Problem {
  file: string;
  /** Data path (`errors.0.match`), when the problem is about a value. */
  path?: string;
  at?: Position;
  message: string;
}

interface PackFile {
  name: string;
  syntax: SourceSyntax;
  source: PackSource;
  value: unknown;
}

/**
 * Reads every `*.yaml`, `*.yml` and `*.json` file directly in `dir` (not subfolders; other files and dotfiles
 * are ignored), one pack per file, in file-name order. Throws one AuthdoctorError (ERR_CONFIG_INVALID)
 * listing every problem when any file is unreadable, malformed or invalid, when two files use the same pack
 * id, or when `dir` is missing or not a folder.
 */
export function loadUserPacks(dir: string): ProviderPack[] {
  const names = packFileNames(dir);
  const problems: Problem[] = [];
  const files: PackFile[] = [];

  for (const name of names) {
    const file = readPackFile(dir, name, problems);
    if (file) files.push(file);
  }
  for (const file of files) {
    for (const issue of checkPack(file.value)) {
      problems.push(located(file, issue.path.join('.'), issue.path, issue.message));
    }
  }
  problems.push(...crossFileProblems(files));

  const checked = checkPacks(files.map((f) => ({ origin: f.name, pack: f.value })));
  problems.push(...schemaProblems(checked.problems, files));
  const packs = checked.packs;

  if (problems.length > 0) throw packError(dir, names, dedupe(problems));
  return packs;
}

/** The knowledge in force: the built-in packs, plus (replacing built-ins of the same id) the user's. */
export function loadKnowledge(config: { AUTHDOCTOR_PACKS?: string | undefined }): ProviderKnowledge {
  const dir = config.AUTHDOCTOR_PACKS?.trim();
  return dir ? knowledgeWith(loadUserPacks(dir)) : builtinKnowledge();
}

function packFileNames(dir: string): string[] {
  const fail = (what: string) =>
    new AuthdoctorError(ErrorCodes.CONFIG_INVALID, `Provider pack folder ${JSON.stringify(dir)} ${what}.`, {
      hint: 'Set AUTHDOCTOR_PACKS to the folder that holds your pack files (docs/packs.md), or unset it.',
    });
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw fail('is a file, not a folder');
    entries = readdirSync(dir);
  } catch (error) {
    if (error instanceof AuthdoctorError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw fail('does not exist');
    if (code === 'ENOTDIR') throw fail('is not a folder');
    throw fail(`cannot be read (${code ?? (error as Error).message})`);
  }
  return entries.filter((name) => !name.startsWith('.') && path.extname(name).toLowerCase() in SYNTAX).sort();
}

function readPackFile(dir: string, name: string, problems: Problem[]): PackFile | undefined {
  const full = path.join(dir, name);
  let text: string;
  try {
    const stats = statSync(full);
    // A folder named `old.yaml` is not a pack; skipping it matches "other entries are ignored".
    if (!stats.isFile()) return undefined;
    if (stats.size > MAX_FILE_BYTES) {
      problems.push({ file: name, message: `${stats.size} bytes is too large for a pack (limit 1 MB)` });
      return undefined;
    }
    text = readFileSync(full, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({ file: name, message: `cannot be read (${code ?? (error as Error).message})` });
    return undefined;
  }

  const syntax = SYNTAX[path.extname(name).toLowerCase()] ?? 'yaml';
  const source = readPackSource(text, syntax);
  for (const p of source.problems)
    problems.push({ file: name, message: p.message, ...(p.at ? { at: p.at } : {}) });
  if (source.problems.length > 0 || !('value' in source)) return undefined;

  const value = source.value;
  if (value === null || value === undefined) {
    problems.push({
      file: name,
      message: 'the file is empty; a pack needs at least id, name, auth and docs',
    });
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'a list' : `a ${typeof value}`;
    problems.push({
      file: name,
      message: `a pack is a mapping of fields (id, name, hosts, auth, …), but this file holds ${what}; put one pack in each file`,
    });
    return undefined;
  }
  return { name, syntax, source, value: normalizePack(value) };
}

/** Schema problems, each given the line it is about. */
function schemaProblems(found: readonly PackProblem[], files: readonly PackFile[]): Problem[] {
  return found.map((p): Problem => {
    const file = files.find((f) => f.name === p.origin);
    if (!file) return { file: p.origin, message: p.message };
    if (p.path.length === 0) return { file: file.name, message: p.message };
    const segments = p.path.map(String);
    return located(file, segments.join('.'), segments, explained(file, segments, p.message));
  });
}

/**
 * Ids and hosts must be unique across the folder. compilePacks sees duplicate ids only among packs that are
 * otherwise valid; checking the raw files reports them even while the files have other problems.
 */
function crossFileProblems(files: readonly PackFile[]): Problem[] {
  const problems: Problem[] = [];
  const ids = new Map<string, string>();
  const hosts = new Map<string, string>();
  for (const file of files) {
    const data = file.value as Record<string, unknown>;
    const id = typeof data.id === 'string' ? data.id : undefined;
    if (id !== undefined) {
      const previous = ids.get(id);
      if (previous) {
        problems.push(located(file, 'id', ['id'], `"${id}" is already defined by ${previous}`));
        // A copy of a pack repeats its hosts too; the id says all there is to say.
        continue;
      }
      ids.set(id, file.name);
    }
    if (!Array.isArray(data.hosts)) continue;
    data.hosts.forEach((entry: unknown, i) => {
      const host = (entry as { host?: unknown } | null)?.host;
      if (typeof host !== 'string') return;
      const owner = hosts.get(host);
      const path = ['hosts', i, 'host'];
      if (owner && owner !== file.name) {
        // The first pack in file-name order would win silently; which one was meant is for the author to say.
        problems.push(located(file, path.join('.'), path, `"${host}" is already claimed by ${owner}`));
      } else {
        hosts.set(host, file.name);
      }
    });
  }
  return problems;
}

/** The same problem found twice (a duplicate id is seen both here and by compilePacks) is listed once. */
function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Adds what the schema's message leaves out: the likely intended value, and the YAML quoting trap. */
function explained(file: PackFile, segments: readonly string[], message: string): string {
  if (message.startsWith('Invalid option: expected one of')) {
    const got = valueAt(file.value, segments);
    if (typeof got !== 'string') return message;
    const options = [...message.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '');
    const guess = closest(got, options);
    return `${message}; got "${got}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
  }
  if (/^hosts\.\d+\.host$/.test(segments.join('.'))) {
    const got = valueAt(file.value, segments);
    if (typeof got === 'string' && /[/:]/.test(got)) {
      return `${message}; got "${got}": write the hostname alone (the path goes in basePath)`;
    }
  }
  // An unquoted `: ` inside YAML text starts a mapping: the usual reason a string turns out to be an object.
  if (file.syntax === 'yaml' && /expected string, received object/.test(message)) {
    return `${message} (in YAML, text containing ": " must be quoted, or it is read as a key and value)`;
  }
  return message;
}

function valueAt(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function located(
  file: PackFile,
  dataPath: string,
  segments: readonly PropertyKey[],
  message: string,
): Problem {
  const at = file.source.locate(segments);
  return { file: file.name, path: dataPath, message, ...(at ? { at } : {}) };
}

function packError(dir: string, names: readonly string[], problems: Problem[]): AuthdoctorError {
  const order = new Map(names.map((n, i) => [n, i]));
  const sorted = [...problems].sort(
    (a, b) =>
      (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1) ||
      (a.at?.line ?? 0) - (b.at?.line ?? 0) ||
      (a.at?.col ?? 0) - (b.at?.col ?? 0),
  );
  const lines = sorted.slice(0, MAX_LISTED_PROBLEMS).map(formatProblem);
  if (sorted.length > MAX_LISTED_PROBLEMS) lines.push(`… and ${sorted.length - MAX_LISTED_PROBLEMS} more`);
  const fileCount = new Set(problems.map((p) => p.file)).size;
  const count = `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`;
  const where = fileCount === 1 ? '' : ` in ${fileCount} files`;
  return new AuthdoctorError(
    ErrorCodes.CONFIG_INVALID,
    `Invalid provider packs in ${dir} (${count}${where}):\n${lines.map((l) => `  ${l}`).join('\n')}`,
    { hint: HINT },
  );
}

/**
 * Syntax errors read like a compiler's (`acme.yaml:3:5: message`), so editors can jump to them; problems
 * with a value lead with its data path (`acme.yaml: errors.0.match: …`) and end with the line it is on.
 */
function formatProblem(p: Problem): string {
  if (p.path === undefined) {
    const at = p.at ? `:${p.at.line}:${p.at.col}` : '';
    return p.file ? `${p.file}${at}: ${p.message}` : p.message;
  }
  return `${p.file}: ${p.path}: ${p.message}${p.at ? ` (line ${p.at.line})` : ''}`;
}
