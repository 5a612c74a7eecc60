/**
 * Linear-time checks for one regular expression: scslre's static verdict (super-linear backtracking, and the
 * quadratic "move" of an unanchored pattern retried at every position), and adversarial inputs built from the
 * pattern itself, for a test to run the regex on (a super-linear regex never finishes them).
 */
import { type AST, RegExpParser } from '@eslint-community/regexpp';
import { analyse, type Report } from 'scslre';

export interface RegexLiteral {
  source: string;
  flags: string;
}

const parser = new RegExpParser({ ecmaVersion: 2025 });

export function parseRegex(re: RegexLiteral): { pattern: AST.Pattern; flags: AST.Flags } {
  return {
    pattern: parser.parsePattern(re.source, undefined, undefined, {
      unicode: re.flags.includes('u'),
      unicodeSets: re.flags.includes('v'),
    }),
    flags: parser.parseFlags(re.flags),
  };
}

/** scslre's reports: empty when it finds no single-character attack with super-linear running time. */
export function linearityReports(re: RegexLiteral): Report[] {
  return analyse(parseRegex(re)).reports;
}

/** Characters tried for "something this part accepts". */
const CANDIDATES = [
  ...' aA0_-./:="\'\\{}[](),;!#$%&*+?@^`|~<>\t\n\r',
  '\u00e9',
  '\u00a0',
  '\u2028',
  '\u0000',
  '\uffff',
];
/** Endings that make a match fail (or end) right after the run: a backtracking regex then tries every split. */
const TAILS = ['', '\n', '!', '\u0000', '\u2028!', '!\n!'];

/**
 * For each unbounded quantifier (max of 100 or more) and each scslre report: what the pattern must match to
 * reach the quantifier, then `length` characters of what it accepts, then each failing tail.
 */
export function attacksOn(re: RegexLiteral, length: number): string[] {
  const { pattern, flags } = parseRegex(re);
  const test = testerFor(re.flags);
  const runs: { prefix: string; unit: string }[] = [];
  for (const report of analyse({ pattern, flags }).reports) {
    const quant = report.type === 'Trade' ? report.startQuant : report.quant;
    runs.push({ prefix: prefixTo(quant, test), unit: report.character.pick });
  }
  visit(pattern, (node) => {
    if (node.type !== 'Quantifier' || node.max < 100) return;
    runs.push({
      prefix: prefixTo(node, test),
      unit: sampleOf(node.element, test) || pickChar(node.element, test),
    });
  });
  const out = new Set<string>();
  for (const { prefix, unit } of runs) {
    if (unit === '') continue;
    const body = unit.repeat(Math.ceil(length / unit.length)).slice(0, Math.max(0, length - prefix.length));
    for (const tail of TAILS) out.add(`${prefix}${body}${tail}`);
  }
  return [...out];
}

type Tester = (node: AST.Node, text: string) => boolean;

/** Whether `text` is exactly what one node matches on its own (lookarounds and anchors aside). */
function testerFor(flags: string): Tester {
  const cache = new Map<string, RegExp | null>();
  const bare = flags.replace(/[gyd]/g, '');
  return (node, text) => {
    let re = cache.get(node.raw);
    if (re === undefined) {
      try {
        re = new RegExp(`^(?:${node.raw})$`, bare);
      } catch {
        re = null; // A fragment with a backreference to a group outside it.
      }
      cache.set(node.raw, re);
    }
    return re?.test(text) ?? false;
  };
}

function pickChar(node: AST.Node, test: Tester): string {
  return CANDIDATES.find((c) => test(node, c)) ?? '';
}

/** A short string the node matches: its first alternative, quantifiers at their minimum. */
function sampleOf(node: AST.Node, test: Tester): string {
  switch (node.type) {
    case 'Character':
      return String.fromCodePoint(node.value);
    case 'CharacterSet':
    case 'CharacterClass':
    case 'ExpressionCharacterClass':
      return pickChar(node, test);
    case 'Quantifier':
      return sampleOf(node.element, test).repeat(Math.min(node.min, 300));
    case 'Group':
    case 'CapturingGroup':
    case 'Pattern':
      return node.alternatives[0] ? sampleOf(node.alternatives[0], test) : '';
    case 'Alternative':
      return node.elements.map((e) => sampleOf(e, test)).join('');
    default:
      // Assertions and backreferences consume nothing of their own.
      return '';
  }
}

/** What the pattern must match before `node` can start: samples of everything before it on its path. */
function prefixTo(node: AST.Node, test: Tester): string {
  let out = '';
  let child: AST.Node = node;
  let parent = node.parent;
  while (parent && parent.type !== 'Pattern') {
    if (parent.type === 'Alternative') {
      const before = parent.elements.slice(0, parent.elements.indexOf(child as AST.Element));
      out = before.map((e) => sampleOf(e, test)).join('') + out;
    }
    child = parent;
    parent = parent.parent;
  }
  return out;
}

function visit(node: AST.Node, fn: (node: AST.Node) => void): void {
  fn(node);
  switch (node.type) {
    case 'Pattern':
    case 'Group':
    case 'CapturingGroup':
      for (const a of node.alternatives) visit(a, fn);
      break;
    case 'Assertion':
      if ('alternatives' in node) for (const a of node.alternatives) visit(a, fn);
      break;
    case 'Alternative':
      for (const e of node.elements) visit(e, fn);
      break;
    case 'Quantifier':
      visit(node.element, fn);
      break;
    default:
      break;
  }
}
