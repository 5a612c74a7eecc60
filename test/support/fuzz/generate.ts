/**
 * Fuzz inputs, each a pure function of (seed, index): the same pair always gives the same input, so one
 * failing input out of a hundred thousand is reproduced alone (`npm run fuzz -- --seed S --input I`).
 * Half are random (pieces of real pastes, raw unicode and binary, very long lines, deep nesting, broken
 * quotes and JWTs), half are real pastes mutated (cut, flipped, duplicated, spliced, repeated).
 */
import fc from 'fast-check';
import { pasteArb } from '../paste-arbitraries.js';
import type { Corpus } from './corpus.js';

export interface FuzzInput {
  index: number;
  /** Which generator made it (and the mutations applied), for the report. */
  kind: string;
  text: string;
  /** Set for a share of binary inputs: intake is also given the bytes, as a file upload would be. */
  bytes?: Uint8Array;
}

/** A small, fast, seeded generator (mulberry32); fast-check is used where its arbitraries help. */
export class Rng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Lengths spread over orders of magnitude: mostly short, sometimes long. */
  length(max: number): number {
    return Math.floor(Math.exp(this.next() * Math.log(max + 1)));
  }
}

/** The seed of input `index` in run `seed`: inputs do not depend on each other. */
export function inputSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

type Generator = (rng: Rng, corpus: Corpus) => { kind: string; text: string; bytes?: Uint8Array };

/** Share of inputs grown to hundreds of kilobytes up to about a megabyte (the intake cap). */
const HUGE_SHARE = 0.0003;

export function generateInput(seed: number, index: number, corpus: Corpus): FuzzInput {
  const rng = new Rng(inputSeed(seed, index));
  if (rng.chance(HUGE_SHARE)) return { index, ...huge(rng, corpus) };
  const roll = rng.next();
  let acc = 0;
  for (const [weight, make] of GENERATORS) {
    acc += weight;
    if (roll < acc) return { index, ...make(rng, corpus) };
  }
  return { index, ...mutated(rng, corpus) };
}

// ---------------------------------------------------------------------------------------------------------
// Random inputs

const arbPaste: Generator = (rng) => ({
  kind: 'arb-paste',
  text: fc.sample(pasteArb, { seed: rng.int(0, 2 ** 31 - 1), numRuns: 1 })[0]!,
});

const UNITS = ['grapheme', 'binary', 'binary-ascii', 'grapheme-composite'] as const;

const arbUnicode: Generator = (rng) => {
  const unit = rng.pick(UNITS);
  const arb = fc.string({ unit, maxLength: rng.length(4000) });
  return { kind: `unicode:${unit}`, text: fc.sample(arb, { seed: rng.int(0, 2 ** 31 - 1), numRuns: 1 })[0]! };
};

const CONTROL =
  '\u0000\u0001\u0007\b\t\n\u000b\f\r\u001b\u007f\u0085\u00a0\u2028\u2029\ufeff\ufffd\ud800\udfff';

const rawChars: Generator = (rng) => {
  const n = rng.length(20_000);
  if (rng.chance(0.3)) {
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i++) bytes[i] = rng.int(0, 255);
    return { kind: 'raw:bytes', text: Buffer.from(bytes).toString('utf8'), bytes };
  }
  let text = '';
  for (let i = 0; i < n; i++) {
    text += rng.chance(0.4)
      ? CONTROL[rng.int(0, CONTROL.length - 1)]
      : String.fromCharCode(rng.int(0, 0xffff));
  }
  return { kind: 'raw:chars', text };
};

const LINE_PIECES = [
  'a',
  ' ',
  '=',
  '/',
  '\\',
  '"',
  "'",
  '-',
  ':',
  '.',
  '%',
  '{',
  '[',
  'ey',
  'Bearer ',
  'x-api-key: ',
  'curl ',
  '-H ',
  '\t',
  '&',
  '?a=',
  '$',
  '0',
];

const longLine: Generator = (rng, corpus) => {
  const size = 1_000 + rng.length(100_000);
  const piece = rng.chance(0.5) ? rng.pick(LINE_PIECES) : rng.pick(LINE_PIECES) + rng.pick(LINE_PIECES);
  let body = piece.repeat(Math.ceil(size / piece.length)).slice(0, size);
  if (rng.chance(0.5)) body = `${rng.pick(PREFIXES)}${body}`;
  if (rng.chance(0.5)) body += rng.pick(['', '\n', '!', '"', "'", '\u0000', 'x', '\n< HTTP/1.1 401']);
  const around = rng.chance(0.3) ? rng.pick(corpus.pastes).text : '';
  return { kind: `long-line:${JSON.stringify(piece)}`, text: `${around}\n${body}` };
};

const PREFIXES = [
  'curl -H "Authorization: Bearer ',
  "curl 'https://api.example.com/?q=",
  'Authorization: Basic ',
  'API_KEY=',
  'export TOKEN=',
  '< www-authenticate: Bearer realm="',
  'HTTP/1.1 401 ',
  '{"error":"',
  'Error: ',
  'requests.get(url, headers={"',
  'at Object.<anonymous> (',
  '$env:TOKEN = "',
  'GET https://',
  '> Cookie: a=',
  '```',
];

const OPEN_CLOSE: readonly [string, string][] = [
  ['{"a":', '}'],
  ['[', ']'],
  ['(', ')'],
  ['"', '"'],
  ["'", "'"],
  ['$(', ')'],
  ['${', '}'],
  ['`', '`'],
  ['"\\"', '\\""'],
  ["'\"'", "'\"'"],
  ['@{ "a" = ', ' }'],
  ['<', '>'],
];

const deepNesting: Generator = (rng) => {
  const [open, close] = rng.pick(OPEN_CLOSE);
  const depth = rng.length(10_000);
  const closed = rng.chance(0.5);
  const inner = rng.pick(['1', 'null', '"x"', 'Bearer abc', '']);
  const head = rng.pick(['', 'curl -d ', 'curl -H ', '{"error":', 'echo ', 'API_KEY=']);
  return {
    kind: `nesting:${open}${closed ? '' : ':open'}`,
    text: `${head}${open.repeat(depth)}${inner}${closed ? close.repeat(depth) : ''}`,
  };
};

const unterminated: Generator = (rng, corpus) => {
  const quote = rng.pick(['"', "'", "$'", '`', '"""', '<<EOF\n', '@"\n']);
  const rest = rng.chance(0.5) ? rng.pick(corpus.pastes).text : rng.pick(corpus.credentials);
  const head = rng.pick([
    'curl -H ',
    'curl -d ',
    'curl ',
    'http POST api.example.com ',
    'Invoke-RestMethod -Headers @{Authorization=',
    'requests.get(',
    'API_KEY=',
  ]);
  return { kind: `unterminated:${quote.trim()}`, text: `${head}${quote}${rest}` };
};

const malformedJwt: Generator = (rng, corpus) => {
  const seg = () => {
    const n = rng.length(400);
    let s = '';
    for (let i = 0; i < n; i++) s += 'ABCXYZabcxyz0189-_=+/.!%'[rng.int(0, 23)];
    return s;
  };
  const header = rng.pick([
    'eyJhbGciOiJIUzI1NiJ9',
    'eyJhbGciOiJub25lIn0',
    Buffer.from('{"alg":"RS256","kid":').toString('base64url'),
    Buffer.from(`{"alg":${'['.repeat(rng.int(1, 2000))}`).toString('base64url'),
    `eyJ${seg()}`,
  ]);
  const claims = rng.pick([
    Buffer.from('{"exp":1e400,"iat":-1,"nbf":"soon"}').toString('base64url'),
    Buffer.from(`{"aud":[${'"a",'.repeat(rng.int(0, 3000))}"b"]}`).toString('base64url'),
    Buffer.from('{"sub":"\\ud800","scope":null}').toString('base64url'),
    seg(),
    '',
  ]);
  const dots = rng.pick(['.', '..', '.', '...']);
  const token = `${header}${dots}${claims}.${rng.chance(0.5) ? seg() : ''}${rng.chance(0.2) ? '.'.repeat(rng.int(1, 50)) : ''}`;
  const place = rng.pick([
    (t: string) => `curl -H "Authorization: Bearer ${t}" https://api.example.com/v1/me\n< HTTP/1.1 401`,
    (t: string) => `id_token=${t}`,
    (t: string) => `Bearer ${t}`,
    (t: string) => t,
  ]);
  const text = place(token);
  return { kind: 'jwt', text: rng.chance(0.2) ? `${rng.pick(corpus.pastes).text}\n${text}` : text };
};

const withCredential: Generator = (rng, corpus) => {
  const credential = rng.pick(corpus.credentials);
  const seed = rng.pick(corpus.pastes).text;
  const at = rng.int(0, seed.length);
  const glue = rng.pick([' ', '\n', '=', ': ', 'Bearer ', '"', "'"]);
  return { kind: 'credential', text: `${seed.slice(0, at)}${glue}${credential}${glue}${seed.slice(at)}` };
};

// ---------------------------------------------------------------------------------------------------------
// Mutated real pastes

type Mutation = (rng: Rng, text: string, corpus: Corpus) => string;

const INSERTS = [
  '"',
  "'",
  '\\',
  '`',
  '$',
  '\n',
  '\\\n',
  '{',
  '}',
  '[',
  ']',
  '%',
  '\u0000',
  '\r',
  '\u201c',
  '&',
  '|',
];

const MUTATIONS: readonly [string, Mutation][] = [
  ['truncate', (rng, t) => t.slice(0, rng.int(0, t.length))],
  ['cut-head', (rng, t) => t.slice(rng.int(0, t.length))],
  [
    'flip',
    (rng, t) => {
      const chars = t.split('');
      const n = rng.int(1, 1 + Math.floor(chars.length / 50));
      for (let i = 0; i < n && chars.length > 0; i++) {
        const at = rng.int(0, chars.length - 1);
        const code = chars[at]!.charCodeAt(0) ^ (1 << rng.int(0, 15));
        chars[at] = String.fromCharCode(code);
      }
      return chars.join('');
    },
  ],
  [
    'duplicate',
    (rng, t) => {
      const [a, b] = span(rng, t);
      const times = rng.int(1, 20);
      return t.slice(0, b) + t.slice(a, b).repeat(times) + t.slice(b);
    },
  ],
  [
    'delete',
    (rng, t) => {
      const [a, b] = span(rng, t);
      return t.slice(0, a) + t.slice(b);
    },
  ],
  [
    'swap',
    (rng, t) => {
      const cuts = [rng.int(0, t.length), rng.int(0, t.length), rng.int(0, t.length)].sort((x, y) => x - y);
      const [a, b, c] = cuts as [number, number, number];
      return t.slice(0, a) + t.slice(b, c) + t.slice(a, b) + t.slice(c);
    },
  ],
  [
    'insert',
    (rng, t) => {
      let out = t;
      const n = rng.int(1, 8);
      for (let i = 0; i < n; i++) {
        const at = rng.int(0, out.length);
        out = out.slice(0, at) + rng.pick(INSERTS) + out.slice(at);
      }
      return out;
    },
  ],
  [
    'splice',
    (rng, t, corpus) => {
      const other = rng.pick(corpus.pastes).text;
      return t.slice(0, rng.int(0, t.length)) + other.slice(rng.int(0, other.length));
    },
  ],
  [
    'repeat-line',
    (rng, t) => {
      const lines = t.split('\n');
      const at = rng.int(0, lines.length - 1);
      const times = rng.int(1000, 5000);
      // Thousands of copies of a line of up to 120 characters: at most a few hundred kilobytes.
      const line = lines[at]!.slice(0, Math.min(120, Math.floor(REPEATED_MAX / times)));
      lines.splice(at, 0, ...new Array<string>(times).fill(line));
      return lines.join('\n');
    },
  ],
  ['crlf', (_rng, t) => t.replaceAll('\n', '\r\n')],
  [
    'chat-markup',
    (rng, t) => rng.pick(['```\n', '> ', '`']) + t.replaceAll('"', rng.pick(['\u201c', '&quot;'])),
  ],
];

function span(rng: Rng, t: string): [number, number] {
  const a = rng.int(0, t.length);
  return [a, Math.min(t.length, a + rng.length(Math.max(1, Math.min(2000, t.length))))];
}

/** No input grows past this by mutation alone (the huge share is separate)… */
const MAX_MUTATED = 32 * 1024;
/** …except by repeating a line thousands of times. */
const REPEATED_MAX = 256 * 1024;

function mutated(rng: Rng, corpus: Corpus): { kind: string; text: string } {
  const seed = rng.pick(corpus.pastes);
  let text = seed.text;
  const applied: string[] = [];
  const n = rng.int(1, 4);
  for (let i = 0; i < n; i++) {
    const [name, mutate] = rng.pick(MUTATIONS);
    // A line repeated thousands of times is a big input: rarely, once per input, on small inputs.
    if (name === 'repeat-line' && (applied.includes(name) || text.length > 20_000 || !rng.chance(0.15)))
      continue;
    applied.push(name);
    text = mutate(rng, text, corpus).slice(0, applied.includes('repeat-line') ? REPEATED_MAX : MAX_MUTATED);
  }
  return { kind: `mutated:${applied.join('+') || 'none'}`, text };
}

function huge(rng: Rng, corpus: Corpus): { kind: string; text: string } {
  const target = rng.int(256 * 1024, 1100 * 1024);
  if (rng.chance(0.3)) return { kind: 'huge:trace', text: corpus.huge.slice(0, target) };
  const seed = rng.pick(corpus.pastes).text || 'curl -H "Authorization: Bearer x" https://api.example.com';
  const times = Math.ceil(target / Math.max(1, seed.length + 1));
  return { kind: 'huge:repeated', text: `${seed}\n`.repeat(times).slice(0, target) };
}

const GENERATORS: readonly [number, Generator][] = [
  [0.18, arbPaste],
  [0.05, arbUnicode],
  [0.04, rawChars],
  [0.01, longLine],
  [0.02, deepNesting],
  [0.04, unterminated],
  [0.04, malformedJwt],
  [0.1, withCredential],
  // The rest (about half): mutated real pastes.
];
