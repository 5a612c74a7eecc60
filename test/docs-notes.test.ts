/**
 * Keeps docs/notes.md in step with the note codes in src/: every code the intake can produce has a row, and
 * every row names a code that src still produces. Produced codes are read where notes are made (`note(…)`,
 * `this.#note(…)`, helpers named `…Note(…)`, `{ code: 'area.what', message }` objects). As a safety net, a quoted
 * `area.what` literal of a documented area that no note is made with fails too: a code passed through a
 * variable, or a rule matching a code that does not exist. Credential format ids (`github.classic_pat`) are
 * not notes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOC = 'docs/notes.md';
/** The shape NoteSchema accepts (src/intake/notes.ts). */
const CODE = /^[a-z0-9_]+\.[a-z0-9_]+$/;
/** Ids of credential formats, whose `vendor.kind` ids look like codes but are not notes. */
const FORMATS_FILE = 'src/intake/credentials/formats.ts';
/** Quoted literals of a note area that are not note codes (a program name). */
const NOT_NOTE_CODES = new Set(['curl.exe']);

/** A code as written in src: a literal, or a pattern when a template builds it (`shell.${kind}`). */
interface FoundCode {
  text: string;
  pattern?: RegExp;
  where: string;
}

interface Scan {
  /** Codes that notes are made with. */
  produced: FoundCode[];
  /** Quoted literals of a documented area anywhere (but in the formats file): codes named, made or not. */
  mentioned: FoundCode[];
  /** `note(…)` calls whose code this test cannot read statically. */
  unreadable: string[];
}

interface Literal {
  quote: string;
  body: string;
}

/** Index of the quote closing the string that opens at `start`, or -1 when it does not close. */
function endOfString(src: string, start: number): number {
  const quote = src[start];
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === quote) return i;
    else if (c === '\n' && quote !== '`') return -1;
    else if (quote === '`' && c === '$' && src[i + 1] === '{') {
      i = endOfExpression(src, i + 2);
      if (i < 0) return -1;
    }
  }
  return -1;
}

/** Index of the `}` that closes a `${` expression starting at `from`. */
function endOfExpression(src: string, from: number): number {
  let depth = 0;
  for (let i = from; i < src.length; i++) {
    const c = src[i];
    if (c === "'" || c === '"' || c === '`') {
      i = endOfString(src, i);
      if (i < 0) return -1;
    } else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The text of a call's first argument, starting just after its `(`. */
function firstArgument(src: string, from: number): string | undefined {
  let depth = 0;
  for (let i = from; i < src.length && i < from + 4000; i++) {
    const c = src[i];
    if (c === "'" || c === '"' || c === '`') {
      i = endOfString(src, i);
      if (i < 0) return undefined;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return src.slice(from, i);
      depth--;
    } else if (c === ',' && depth === 0) return src.slice(from, i);
  }
  return undefined;
}

function literalsIn(text: string): Literal[] {
  const out: Literal[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== "'" && c !== '"' && c !== '`') continue;
    const end = endOfString(text, i);
    if (end < 0) break;
    out.push({ quote: c, body: text.slice(i + 1, end) });
    i = end;
  }
  return out;
}

/** The fixed pieces of a template body, around its `${…}` holes. */
function templatePieces(body: string): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') {
      piece += body.slice(i, i + 2);
      i++;
    } else if (body[i] === '$' && body[i + 1] === '{') {
      pieces.push(piece);
      piece = '';
      i = endOfExpression(body, i + 2);
      if (i < 0) return [];
    } else {
      piece += body[i];
    }
  }
  pieces.push(piece);
  return pieces;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A literal as a code: itself, or a pattern for a template with a fixed `area.` in front; else undefined. */
function asCode(literal: Literal, where: string): FoundCode | undefined {
  const pieces = literal.quote === '`' ? templatePieces(literal.body) : [literal.body];
  if (pieces.length === 1) return CODE.test(literal.body) ? { text: literal.body, where } : undefined;
  const [head = ''] = pieces;
  if (!/^[a-z0-9_]+\.[a-z0-9_]*$/.test(head) || pieces.slice(1).some((p) => !/^[a-z0-9_]*$/.test(p))) {
    return undefined;
  }
  const pattern = new RegExp(`^${pieces.map(escapeRegExp).join('[a-z0-9_]+')}$`);
  return { text: `\`${literal.body}\``, pattern, where };
}

function lineOf(src: string, index: number): number {
  let line = 1;
  for (let i = src.indexOf('\n'); i !== -1 && i < index; i = src.indexOf('\n', i + 1)) line++;
  return line;
}

function inComment(src: string, index: number): boolean {
  const lead = src.slice(src.lastIndexOf('\n', index - 1) + 1, index).trimStart();
  return lead.startsWith('//') || lead.startsWith('*') || lead.startsWith('/*');
}

/** Note codes in one source file. `areas` are the documented note areas, for the quoted-literal safety net. */
function scanSource(src: string, file: string, areas: ReadonlySet<string>): Scan {
  const produced: FoundCode[] = [];
  const mentioned: FoundCode[] = [];
  const unreadable: string[] = [];
  const at = (index: number) => `${file}:${lineOf(src, index)}`;

  for (const m of src.matchAll(/(#?[A-Za-z_$][\w$]*)\(/g)) {
    const name = m[1] ?? '';
    if (!/note$/i.test(name) || inComment(src, m.index)) continue;
    const strict = name === 'note' || name === '#note';
    const arg = firstArgument(src, m.index + m[0].length);
    const where = at(m.index);
    if (arg === undefined) {
      if (strict) unreadable.push(`${where}: the call's first argument could not be read`);
      continue;
    }
    // The helper's own declaration: `note(code: string, …)`.
    if (/^\s*[\w$]+\s*\??:/.test(arg)) continue;
    const literals = literalsIn(arg);
    if (literals.length === 0) {
      // A helper passing on its `code` parameter; its callers are scanned where they call it.
      if (strict && arg.trim() !== 'code')
        unreadable.push(`${where}: the code is \`${arg.trim()}\`, not a literal`);
      continue;
    }
    for (const literal of literals) {
      const code = asCode(literal, where);
      if (code !== undefined) produced.push(code);
      else if (strict)
        unreadable.push(`${where}: ${literal.quote}${literal.body}${literal.quote} is not an area.what code`);
    }
  }

  for (const m of src.matchAll(/\bcode\s*:\s*(?=['"`])/g)) {
    if (inComment(src, m.index)) continue;
    const [literal] = literalsIn(src.slice(m.index + m[0].length, m.index + m[0].length + 500));
    const code = literal === undefined ? undefined : asCode(literal, at(m.index));
    if (code === undefined) continue;
    // Only note objects: `{ code, message, line? }`, in either key order.
    const open = src.lastIndexOf('{', m.index);
    const close = src.indexOf('}', m.index);
    const object = src.slice(Math.max(open, m.index - 500), close === -1 ? undefined : close);
    if (/\bmessage\b/.test(object)) produced.push(code);
  }

  if (file !== FORMATS_FILE) {
    for (const m of src.matchAll(/(['"])([a-z0-9_]+)\.([a-z0-9_]+)\1/g)) {
      const text = `${m[2]}.${m[3]}`;
      if (areas.has(m[2] ?? '') && !NOT_NOTE_CODES.has(text) && !inComment(src, m.index)) {
        mentioned.push({ text, where: at(m.index) });
      }
    }
  }
  return { produced: firstOfEach(produced), mentioned: firstOfEach(mentioned), unreadable };
}

/** One entry per code, at the first place it appears. */
function firstOfEach(codes: FoundCode[]): FoundCode[] {
  const unique = new Map<string, FoundCode>();
  for (const code of codes) if (!unique.has(code.text)) unique.set(code.text, code);
  return [...unique.values()];
}

interface DocRow {
  code: string;
  area: string;
  line: number;
}

interface Doc {
  areas: Set<string>;
  rows: DocRow[];
  problems: string[];
}

/** Areas are `## area` headings; codes are the first cells of the table rows under them. */
function readDoc(text: string): Doc {
  const areas = new Set<string>();
  const rows: DocRow[] = [];
  const problems: string[] = [];
  let area: string | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    const heading = /^## `?([a-z0-9_]+)`?\s*$/.exec(raw);
    if (heading?.[1] !== undefined) {
      area = heading[1];
      if (areas.has(area)) problems.push(`line ${line}: the area ${area} has two sections`);
      areas.add(area);
      return;
    }
    if (raw.startsWith('## ')) area = undefined;
    const cells = raw.startsWith('|') ? raw.split(/(?<!\\)\|/).slice(1, -1) : [];
    const code = /^\s*`([^`]+)`\s*$/.exec(cells[0] ?? '')?.[1];
    if (code === undefined) return;
    if (!CODE.test(code)) problems.push(`line ${line}: \`${code}\` is not an area.what code`);
    if (area === undefined) problems.push(`line ${line}: ${code} is not under an area heading`);
    else if (!code.startsWith(`${area}.`)) problems.push(`line ${line}: ${code} is under ## ${area}`);
    if (cells.length !== 3 || cells.some((cell) => cell.trim() === '')) {
      problems.push(`line ${line}: ${code} needs exactly three filled cells (code | when | meaning)`);
    }
    if (rows.some((row) => row.code === code)) problems.push(`line ${line}: ${code} is documented twice`);
    rows.push({ code, area: area ?? '', line });
  });
  return { areas, rows, problems };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

function scanTree(areas: ReadonlySet<string>): Scan {
  const tree: Scan = { produced: [], mentioned: [], unreadable: [] };
  for (const file of sourceFiles('src')) {
    const scan = scanSource(readFileSync(path.join(ROOT, file), 'utf8'), file, areas);
    tree.produced.push(...scan.produced);
    tree.mentioned.push(...scan.mentioned);
    tree.unreadable.push(...scan.unreadable);
  }
  return tree;
}

/** Whether `code` (concrete) is one of `found`: the same literal, or matched by a template's pattern. */
function among(code: string, found: readonly FoundCode[]): boolean {
  return found.some((c) => (c.pattern === undefined ? c.text === code : c.pattern.test(code)));
}

describe('the note-code scanner', () => {
  const areas = new Set(['shell', 'curl', 'har']);
  const cases: {
    name: string;
    src: string;
    produced: string[];
    mentioned?: string[];
    unreadable?: number;
  }[] = [
    {
      name: 'one-line note()',
      src: "notes.push(note('har.invalid', 'No log.', 1));",
      produced: ['har.invalid'],
      mentioned: ['har.invalid'],
    },
    {
      name: 'note() spread over lines, message with a template and a comma',
      src: "note(\n  'curl.netrc',\n  `a, b ${x}`,\n  line,\n)",
      produced: ['curl.netrc'],
      mentioned: ['curl.netrc'],
    },
    {
      name: 'a ternary picks the code',
      src: "note(quote ? 'shell.unterminated_quote' : 'shell.unterminated_substitution', m)",
      produced: ['shell.unterminated_quote', 'shell.unterminated_substitution'],
      mentioned: ['shell.unterminated_quote', 'shell.unterminated_substitution'],
    },
    {
      name: 'private helper',
      src: "this.#note('curl.no_url', 'No URL.', line);",
      produced: ['curl.no_url'],
      mentioned: ['curl.no_url'],
    },
    { name: 'named helper', src: "this.#stdinNote('oauth.stdin', x);", produced: ['oauth.stdin'] },
    { name: 'named helper without a code', src: 'this.#stdinNote(arg.text, flag, line);', produced: [] },
    {
      name: 'helper declarations and forwarding',
      src: 'export function note(code: string, m: string) {}\n#note(code: string): void {\n  n.push(note(code, m));\n}',
      produced: [],
    },
    {
      name: 'note objects, code first or last',
      src: "const a = { code: 'oauth.expired', message: 'm' };\nconst b = { message: `m`, code: 'oauth.early' };",
      produced: ['oauth.expired', 'oauth.early'],
    },
    {
      name: 'a client error code is not a note',
      src: "return { client: 'x', code: 'net.timeout' };",
      produced: [],
    },
    {
      name: 'a template code becomes a pattern',
      src: 'note(`shell.unterminated_${what}`, m)',
      produced: ['`shell.unterminated_${what}`'],
    },
    {
      name: 'a code held in a variable is only mentioned, and its note() unreadable',
      src: "const kind = 'har.empty';\nnotes.push(note(kind, m));",
      produced: [],
      mentioned: ['har.empty'],
      unreadable: 1,
    },
    {
      name: 'a rule matching a code only mentions it',
      src: "evidence.notes.some((n) => n.code === 'shell.variable')",
      produced: [],
      mentioned: ['shell.variable'],
    },
    {
      name: 'program names, other areas and comments are not codes',
      src: "isProgram(w, 'curl.exe');\nread('os.environ');\n// note('har.old', m)\n * `note('shell.x', …)`",
      produced: [],
    },
    { name: 'a code that is not area.what', src: "note('Something failed', m)", produced: [], unreadable: 1 },
  ];
  it.each(cases)('$name', ({ src, produced, mentioned = [], unreadable = 0 }) => {
    const scan = scanSource(src, 'x.ts', areas);
    expect(scan.produced.map((c) => c.text)).toEqual(produced);
    expect(scan.mentioned.map((c) => c.text)).toEqual(mentioned);
    expect(scan.unreadable).toHaveLength(unreadable);
  });

  it('reads templates as patterns that match their concrete codes', () => {
    const [code] = scanSource('note(`shell.${kind}_quote`, m)', 'x.ts', areas).produced;
    expect(code?.pattern?.test('shell.unterminated_quote')).toBe(true);
    expect(code?.pattern?.test('curl.unterminated_quote')).toBe(false);
  });

  it('flags misplaced, duplicate and half-filled doc rows', () => {
    const doc = readDoc(
      [
        '| `har.loose` | a | b |',
        '## har',
        '| code | when | meaning |',
        '| `har.invalid` | no log | nothing read |',
        '| `har.invalid` | again | twice |',
        '| `curl.netrc` | a | b |',
        '| `har.capped` | cut \\| here |  |',
      ].join('\n'),
    );
    expect(doc.rows.map((r) => r.code)).toEqual([
      'har.loose',
      'har.invalid',
      'har.invalid',
      'curl.netrc',
      'har.capped',
    ]);
    expect(doc.problems).toHaveLength(4);
  });
});

describe('docs/notes.md', () => {
  const doc = readDoc(readFileSync(path.join(ROOT, DOC), 'utf8'));
  const scan = scanTree(doc.areas);
  const documented = doc.rows.map((row) => row.code);

  it('is well formed', () => {
    expect(doc.problems, `problems in ${DOC}: ${doc.problems.join('; ')}`).toEqual([]);
    expect(doc.rows.length).toBeGreaterThan(0);
  });

  it('can read the code of every note made in src', () => {
    expect(
      scan.unreadable,
      `note() calls whose code is not a readable area.what literal: ${scan.unreadable.join('; ')}`,
    ).toEqual([]);
    expect(scan.produced.length).toBeGreaterThan(0);
  });

  it('documents every note code in src', () => {
    const missing = scan.produced
      .filter((c) =>
        c.pattern === undefined ? !documented.includes(c.text) : !documented.some((d) => c.pattern?.test(d)),
      )
      .map((c) => `${c.text} (${c.where})`);
    expect(missing, `note codes in src with no row in ${DOC}: ${missing.join(', ')}`).toEqual([]);
  });

  it('documents no code that src no longer produces', () => {
    const stale = doc.rows
      .filter((row) => !among(row.code, scan.produced))
      .map((row) => `${row.code} (${DOC}:${row.line})`);
    expect(stale, `rows in ${DOC} for codes no note in src is made with: ${stale.join(', ')}`).toEqual([]);
  });

  it('finds no note-shaped literal in src that no note is made with', () => {
    const orphans = scan.mentioned
      .filter((c) => !among(c.text, scan.produced))
      .map((c) => `${c.text} (${c.where})`);
    expect(
      orphans,
      `literals shaped like note codes that no note() is made with (pass the code to note() as a literal, fix the code a rule matches, or list a non-note in NOT_NOTE_CODES): ${orphans.join(', ')}`,
    ).toEqual([]);
  });
});
