/**
 * One string a credential format's pattern matches, drawn from a seeded generator: how the leak corpus
 * makes a fake of every format in the intake table and the provider packs without a literal per format, so
 * a format added later gets a fake without anyone writing one.
 *
 * Reads the small regular-expression dialect the format tables use (literals and escapes, classes with
 * ranges, `\d \w \s`, groups, alternation, `? * + {n} {n,} {n,m}`, anchors; lookarounds are skipped).
 * Repetition takes the length a real token would have (at least the minimum, up to 32 when allowed),
 * alternation takes the first branch and optional parts are left out: the plainest member of the format.
 * Throws on syntax it does not know, so the corpus test names the format to hand-write instead.
 */
export type Random = (alphabet: string, length: number) => string;

type Node =
  | { t: 'chars'; alphabet: string }
  | { t: 'seq'; items: { node: Node; min: number; max: number }[] }
  | { t: 'alt'; branches: Node[] }
  | { t: 'empty' };

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const WORD = `${DIGITS}${LOWER.toUpperCase()}${LOWER}_`;
const CLASS_ESCAPES: Record<string, string> = { d: DIGITS, w: WORD, s: ' ' };
/** What `*`, `+` and `{n,}` may repeat to. */
const OPEN_MAX = 64;

/** How many times a repetition runs: long enough to look like a key, never past its maximum. */
function repeatCount(min: number, max: number): number {
  if (min === 0 && max === 1) return 0;
  return Math.min(max, Math.max(min, 32));
}

export function sampleMatching(pattern: RegExp | string, random: Random): string {
  return generate(parse(typeof pattern === 'string' ? pattern : pattern.source), random);
}

function generate(node: Node, random: Random): string {
  switch (node.t) {
    case 'empty':
      return '';
    case 'chars':
      return random(node.alphabet, 1);
    case 'alt':
      return node.branches[0] ? generate(node.branches[0], random) : '';
    case 'seq':
      return node.items
        .map(({ node: item, min, max }) => {
          const count = repeatCount(min, max);
          if (item.t === 'chars') return random(item.alphabet, count);
          let out = '';
          for (let i = 0; i < count; i++) out += generate(item, random);
          return out;
        })
        .join('');
  }
}

function parse(source: string): Node {
  let at = 0;
  const fail = (why: string): never => {
    throw new Error(`regex-sample: ${why} at ${at} in /${source}/`);
  };

  function alternation(): Node {
    const branches = [sequence()];
    while (source[at] === '|') {
      at += 1;
      branches.push(sequence());
    }
    return branches.length === 1 ? (branches[0] as Node) : { t: 'alt', branches };
  }

  function sequence(): Node {
    const items: { node: Node; min: number; max: number }[] = [];
    while (at < source.length && source[at] !== '|' && source[at] !== ')') {
      const node = atom();
      const [min, max] = quantifier();
      items.push({ node, min, max });
    }
    return { t: 'seq', items };
  }

  function atom(): Node {
    const c = source[at] as string;
    if (c === '^' || c === '$') {
      at += 1;
      return { t: 'empty' };
    }
    if (c === '(') {
      at += 1;
      const look = /^\?<?[=!]/.exec(source.slice(at));
      if (look) at += look[0].length;
      else if (source.startsWith('?:', at)) at += 2;
      else if (source[at] === '?') fail('unknown group');
      const body = alternation();
      if (source[at] !== ')') fail('unclosed group');
      at += 1;
      return look ? { t: 'empty' } : body;
    }
    if (c === '[') return { t: 'chars', alphabet: charClass() };
    if (c === '\\') {
      const e = source[at + 1] ?? fail('dangling escape');
      at += 2;
      return { t: 'chars', alphabet: CLASS_ESCAPES[e] ?? e };
    }
    if (c === '.') fail('bare dot');
    at += 1;
    return { t: 'chars', alphabet: c };
  }

  function charClass(): string {
    at += 1;
    if (source[at] === '^') fail('negated class');
    let alphabet = '';
    while (source[at] !== ']') {
      if (at >= source.length) fail('unclosed class');
      let c = source[at] as string;
      at += 1;
      if (c === '\\') {
        const e = source[at] ?? '';
        at += 1;
        const escaped = CLASS_ESCAPES[e];
        if (escaped) {
          alphabet += escaped;
          continue;
        }
        c = e;
      }
      if (source[at] === '-' && source[at + 1] !== ']') {
        const to = (source[at + 1] as string).charCodeAt(0);
        at += 2;
        for (let code = c.charCodeAt(0); code <= to; code++) alphabet += String.fromCharCode(code);
      } else alphabet += c;
    }
    at += 1;
    return [...new Set(alphabet)].join('');
  }

  function quantifier(): [number, number] {
    const c = source[at];
    if (c === '?' || c === '*' || c === '+') {
      at += 1;
      return c === '?' ? [0, 1] : [c === '+' ? 1 : 0, OPEN_MAX];
    }
    if (c !== '{') return [1, 1];
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at)) ?? fail('bad repetition');
    at += m[0].length;
    const min = Number(m[1]);
    return [min, m[2] === undefined ? min : m[3] === '' ? min + OPEN_MAX : Number(m[3])];
  }

  const tree = alternation();
  if (at !== source.length) fail('unbalanced parenthesis');
  return tree;
}
