/**
 * Reads one pack file's text into plain data, keeping a way back from a data path (`errors.0.match`) to a
 * line in the file, so every problem found later can point at the line to edit.
 *
 * JSON goes through `JSON.parse` (strict JSON, with its own positions); YAML and the line map go through the
 * `yaml` package. JSON is valid YAML flow syntax, so the same document also gives JSON files line numbers and
 * catches the duplicate keys `JSON.parse` silently collapses.
 */
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';

export interface Position {
  line: number;
  col: number;
}

export interface SourceProblem {
  message: string;
  at?: Position;
}

export interface PackSource {
  /** The data, when the text could be read (it may still be the wrong shape). */
  value?: unknown;
  problems: SourceProblem[];
  /** Where the deepest existing part of `path` is written (the key, for a mapping entry). */
  locate(path: readonly PropertyKey[]): Position | undefined;
}

export type SourceSyntax = 'yaml' | 'json';

/** Aliases expand on conversion; a small cap keeps a "billion laughs" file from eating the heap at start-up. */
const MAX_ALIASES = 100;

export function readPackSource(text: string, syntax: SourceSyntax): PackSource {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let located: { doc: Document; lines: LineCounter } | undefined;
  const yamlDoc = () => {
    if (!located) {
      const lines = new LineCounter();
      located = { doc: parseDocument(text, { lineCounter: lines, prettyErrors: false }), lines };
    }
    return located;
  };
  const locate = (path: readonly PropertyKey[]) => {
    const { doc, lines } = yamlDoc();
    const offset = offsetOf(doc, path);
    return offset === undefined ? undefined : lines.linePos(offset);
  };

  return syntax === 'json' ? readJson(text, yamlDoc, locate) : readYaml(yamlDoc, locate);
}

function readYaml(
  yamlDoc: () => { doc: Document; lines: LineCounter },
  locate: PackSource['locate'],
): PackSource {
  const { doc, lines } = yamlDoc();
  // Warnings (an unknown `!tag`, say) mean the file says something the loader ignored: worth fixing too.
  const problems = [...doc.errors, ...doc.warnings].map(
    (e): SourceProblem => ({ message: e.message, at: lines.linePos(e.pos[0]) }),
  );
  if (doc.errors.length > 0) return { problems, locate };
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIASES }), problems, locate };
  } catch (error) {
    // Unresolved or runaway aliases only surface on conversion.
    problems.push({ message: (error as Error).message });
    return { problems, locate };
  }
}

function readJson(
  text: string,
  yamlDoc: () => { doc: Document; lines: LineCounter },
  locate: PackSource['locate'],
): PackSource {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problems: [jsonSyntaxProblem(text, (error as Error).message)], locate };
  }
  const { doc, lines } = yamlDoc();
  const problems = doc.errors
    .filter((e) => e.code === 'DUPLICATE_KEY')
    .map((e): SourceProblem => {
      const key = /^"((?:[^"\\\n]|\\.){0,200})"/.exec(text.slice(e.pos[0], e.pos[0] + 256))?.[1];
      return {
        message: `duplicate key${key === undefined ? '' : ` "${key}"`} (JSON.parse would keep only the last one)`,
        at: lines.linePos(e.pos[0]),
      };
    });
  return { value, problems, locate };
}

/** V8 says `… in JSON at position 42` (Node 22 adds `(line 3 column 5)`); the line is what a person needs. */
function jsonSyntaxProblem(text: string, message: string): SourceProblem {
  const position = /\bat position (\d+)/.exec(message);
  const bare = message.replace(/(?<!\s)\s+at position \d+(?: \(line \d+ column \d+\))?/, '');
  const offset = position ? Number(position[1]) : /end of JSON input/.test(message) ? text.length : undefined;
  return offset === undefined ? { message: bare } : { message: bare, at: positionOf(text, offset) };
}

function positionOf(text: string, offset: number): Position {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

function offsetOf(doc: Document, path: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair || !isScalar(pair.key)) break;
      offset = pair.key.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (!item || typeof item !== 'object' || !('range' in item)) break;
      offset = (item.range as [number, number, number] | null | undefined)?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  // A top-level key that is missing altogether has no line worth naming.
  return offset;
}
