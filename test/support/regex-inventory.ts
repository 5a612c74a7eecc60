/**
 * Every regular expression a part of the code base can run, for the linear-time check: literals and
 * `RegExp(…)` call sites found with the TypeScript compiler (so none is missed by a text search), and the
 * regexes those call sites really build, recorded while the code runs (their source is only known then).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface RegexSite {
  /** Relative to the repository root, with forward slashes. */
  file: string;
  line: number;
  endLine: number;
  kind: 'literal' | 'constructor';
  /** The code as written (a literal, or the whole `new RegExp(…)` expression). */
  code: string;
  /** Literals only. */
  source?: string;
  flags?: string;
}

export interface Constructed {
  source: string;
  flags: string;
  /** Where in `src/` it was built (the nearest stack frame under a recorded root). */
  file: string;
  line: number;
}

/** The `.ts` files under each root (a folder or one file), sorted. */
export function sourceFiles(repoRoot: string, roots: readonly string[]): string[] {
  const walk = (rel: string): string[] => {
    const abs = path.join(repoRoot, rel);
    if (statSync(abs).isFile()) return rel.endsWith('.ts') ? [rel] : [];
    return readdirSync(abs)
      .sort()
      .flatMap((name) => walk(path.posix.join(rel, name)));
  };
  return roots.flatMap(walk);
}

/** Regex literals and `RegExp(…)` / `new RegExp(…)` calls in `files`, as the compiler parses them. */
export function findRegexSites(repoRoot: string, files: readonly string[]): RegexSite[] {
  const sites: RegexSite[] = [];
  for (const file of files) {
    const sf = ts.createSourceFile(
      file,
      readFileSync(path.join(repoRoot, file), 'utf8'),
      ts.ScriptTarget.ES2022,
      true,
    );
    const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const code = node.getText(sf);
        const end = code.lastIndexOf('/');
        sites.push({
          file,
          line: lineOf(node.getStart(sf)),
          endLine: lineOf(node.getEnd()),
          kind: 'literal',
          code,
          source: code.slice(1, end),
          flags: code.slice(end + 1),
        });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        sites.push({
          file,
          line: lineOf(node.getStart(sf)),
          endLine: lineOf(node.getEnd()),
          kind: 'constructor',
          code: node.getText(sf),
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return sites;
}

/**
 * Runs `run` with the global `RegExp` replaced by a recording proxy and returns every regex built by code
 * under `roots` (relative folders such as `src/`). Literals do not go through the constructor; call sites
 * that build a regex at run time do, whatever they are built from.
 */
export async function recordConstructions(
  repoRoot: string,
  roots: readonly string[],
  run: () => Promise<void>,
): Promise<Constructed[]> {
  const Original = globalThis.RegExp;
  const prefixes = roots.map((r) => path.join(repoRoot, r));
  const seen: Constructed[] = [];
  let inside = false;
  const record = (re: RegExp): void => {
    // Building a stack trace maps it through source maps, which builds regexes of its own.
    if (inside) return;
    inside = true;
    try {
      const frame = callerIn(stackOf(), prefixes);
      if (frame)
        seen.push({
          source: re.source,
          flags: re.flags,
          file: path.relative(repoRoot, frame.file).split(path.sep).join('/'),
          line: frame.line,
        });
    } finally {
      inside = false;
    }
  };
  const proxy = new Proxy(Original, {
    construct(target, args, newTarget) {
      const re = Reflect.construct(target, args, newTarget === proxy ? target : newTarget) as RegExp;
      record(re);
      return re;
    },
    apply(target, self, args) {
      const re = Reflect.apply(target, self, args) as RegExp;
      record(re);
      return re;
    },
  });
  globalThis.RegExp = proxy;
  try {
    await run();
  } finally {
    globalThis.RegExp = Original;
  }
  return seen;
}

function stackOf(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  try {
    return new Error().stack ?? '';
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The first stack frame in one of `prefixes`, as file and line; plain string work, no regex of our own. */
function callerIn(stack: string, prefixes: readonly string[]): { file: string; line: number } | undefined {
  for (const raw of stack.split('\n')) {
    let frame = raw.trim();
    if (!frame.startsWith('at ')) continue;
    if (frame.endsWith(')')) frame = frame.slice(frame.lastIndexOf('(') + 1, -1);
    else frame = frame.slice(frame.lastIndexOf(' ') + 1);
    if (frame.startsWith('file://')) frame = frame.slice('file://'.length);
    const lastColon = frame.lastIndexOf(':');
    const lineColon = frame.lastIndexOf(':', lastColon - 1);
    if (lineColon < 0) continue;
    const file = frame.slice(0, lineColon);
    if (!prefixes.some((p) => file.startsWith(p))) continue;
    return { file, line: Number(frame.slice(lineColon + 1, lastColon)) };
  }
  return undefined;
}
