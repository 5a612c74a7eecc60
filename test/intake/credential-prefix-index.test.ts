import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyCredential, scanText } from '../../src/intake/credentials/classify.js';
import { CREDENTIAL_FORMATS } from '../../src/intake/credentials/formats.js';
import { matchPrefix, PrefixIndex, valuePrefix } from '../../src/intake/credentials/prefix-index.js';

describe('matchPrefix reads the literal text every match starts with', () => {
  it.each<[RegExp, string]>([
    [/^(?:ghp_[A-Za-z0-9]{36})$/, 'ghp_'],
    [/(?<![\w-])(?:sk_live_[A-Za-z0-9]{24,247})(?![\w-])/g, 'sk_live_'],
    [/^(?:https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Z]+)$/, 'https://hooks.slack.com/'],
    [/^xoxe\.xoxb-[0-9]/, 'xoxe.xoxb-'],
    [/^-----BEGIN [A-Z ]{0,40}KEY-----/, '-----BEGIN '],
    [/^(?:ab)(?:cd)/, 'ab'],
    [/^(a)b/, 'a'],
    // A quantified character or group may be missing or repeated: the prefix stops before it.
    [/^abc?d/, 'ab'],
    [/^A{22}x/, ''],
    [/^(?:ab)?c/, ''],
    [/^(?:ab)+c/, ''],
    // Alternatives at the top have no common prefix to read.
    [/^ab|cd/, ''],
    [/^(?:ab|ac)d/, ''],
    [/^[ab]c/, ''],
    [/^\dabc/, ''],
    [/^.abc/, ''],
    [/^(?<name>ab)c/, ''],
    // Under the `i` flag a letter matches both cases; only caseless characters stay literal.
    [/^\$env:[a-z]/i, '$'],
    [/^__[A-Z]/, '__'],
  ])('%s → %j', (re, prefix) => {
    expect(matchPrefix(re)).toBe(prefix);
  });

  it('gives a value prefix only for patterns anchored at the start of the input', () => {
    expect(valuePrefix(/^ghp_[a-z]/)).toBe('ghp_');
    expect(valuePrefix(/ghp_[a-z]/)).toBe('');
    expect(valuePrefix(/EXAMPLE$/)).toBe('');
    expect(valuePrefix(/^ghp_[a-z]/m)).toBe('');
  });

  it('finds the advertised prefix of every scannable format', () => {
    for (const entry of CREDENTIAL_FORMATS.filter((f) => f.scan)) {
      expect(matchPrefix(entry.scan as RegExp), entry.id).toBe(entry.visiblePrefix);
      expect(valuePrefix(entry.pattern), entry.id).toBe(entry.visiblePrefix);
    }
  });
});

describe('PrefixIndex finds what a scan of the whole list would', () => {
  const items = ['sk-', 'sk-proj-', 'sk_live_', 'ghp_', '', 'gh', 'x'];
  const index = new PrefixIndex(items, (p) => p);
  const linear = (value: string, accept: (p: string) => boolean) =>
    items.find((p) => value.startsWith(p) && accept(p));

  it.each(['sk-proj-abc', 'sk_live_abc', 'ghp_abc', 'gho_abc', 'xyz', 'abc', ''])('%j', (value) => {
    const accepts = [() => true, (p: string) => p.length > 2, (p: string) => p === '', () => false];
    for (const accept of accepts) expect(index.find(value, accept)).toBe(linear(value, accept));
  });
});

// Texts where formats start inside, beside and overlapping one another: a token of every format that has
// a simple enough shape to make here, prefixes cut short, and separators.
const prefixes = [...new Set(CREDENTIAL_FORMATS.flatMap((f) => (f.scan ? [matchPrefix(f.scan)] : [])))];
const alphabets = [
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  '0123456789abcdef',
  '0123456789',
];
const runOf = (alphabet: string, length: number, seed = 0) =>
  Array.from({ length }, (_, i) => alphabet[(seed + i * 7) % alphabet.length]).join('');
const lengths = Array.from({ length: 100 }, (_, i) => i + 8);
const tokens = prefixes.flatMap((prefix) => {
  for (const alphabet of alphabets) {
    for (const length of lengths) {
      const candidate = prefix + runOf(alphabet, length);
      if (CREDENTIAL_FORMATS.some((f) => f.pattern.test(candidate))) return [candidate];
    }
  }
  return [];
});
const tokenChars = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split(''),
  ...'-_.=+/%!'.split(''),
);
const piece = fc.oneof(
  fc.constantFrom(...tokens),
  // A token cut short: its prefix is there, its match is not.
  fc
    .tuple(fc.constantFrom(...tokens), fc.nat())
    .map(([token, n]) => token.slice(0, 2 + (n % (token.length - 2)))),
  fc.constantFrom(...prefixes),
  fc.string({ unit: tokenChars, maxLength: 40 }),
);
const separator = fc.constantFrom('', ' ', '\n', '"', "'", '=', ':', ', ', '-', '_', 'é', '\u2028');
const text = fc
  .array(fc.tuple(piece, separator), { maxLength: 40 })
  .map((parts) => parts.map(([p, sep]) => p + sep).join(''));

/** What scanning the text with each format's pattern in turn finds, the earlier format winning overlaps. */
function reference(text: string): [number, string, string][] {
  const found: { start: number; end: number; value: string; id: string; rank: number }[] = [];
  CREDENTIAL_FORMATS.forEach((entry, rank) => {
    if (!entry.scan) return;
    for (const m of text.matchAll(entry.scan)) {
      found.push({ start: m.index, end: m.index + m[0].length, value: m[0], id: entry.id, rank });
    }
  });
  found.sort((a, b) => a.start - b.start || a.rank - b.rank);
  const kept: typeof found = [];
  for (const m of found) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) {
      if (m.rank < last.rank) kept[kept.length - 1] = m;
      continue;
    }
    kept.push(m);
  }
  return kept.map((m) => [m.start, m.id, m.value]);
}

describe('scanText, which looks only where a prefix starts, finds what every pattern over the text finds', () => {
  it('makes tokens of most formats to test with', () => {
    expect(tokens.length).toBeGreaterThan(50);
  });

  it('on texts dense with prefixes and tokens', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(scanText(t).map((m) => [m.start, m.formatId, m.value])).toEqual(reference(t));
      }),
      { numRuns: 400 },
    );
  });

  it('when one format starts inside another one’s text', () => {
    const tail = 'Ab3dE5gH7jK9mN2pQ4sT6vW8yZAb3dE5gH7jK9mN2pQ4sT6vW8yZAb3dE5gH7jK9mN2pQ4sT6vW8yZ';
    for (const text of [
      `ghp_ cut short, then ghp_${'A'.repeat(36)}.`,
      `xoxe.xoxb-1-${tail}${tail}`,
      `sk-ant-api03-${tail}`,
      `sk-proj-${tail}`,
      `ghp_${tail.slice(0, 36)}ghp_${tail.slice(0, 36)}`,
      `AAAAAAAAAAAAAAAAAAAAAAAA${tail}`,
    ]) {
      expect(scanText(text).map((m) => [m.start, m.formatId, m.value])).toEqual(reference(text));
    }
  });
});

describe('classifyCredential, which tests a value only against formats it could be, names it as the table does', () => {
  const firstMatch = (value: string, name?: string) =>
    CREDENTIAL_FORMATS.find(
      (f) => (!f.context || (name !== undefined && f.context.test(name))) && f.pattern.test(value),
    )?.id;

  it('on values made of prefixes and token characters, under names that give context', () => {
    const names = fc.constantFrom(
      undefined,
      'GITHUB_TOKEN',
      'AWS_SECRET_ACCESS_KEY',
      'twilio',
      'CF_API_TOKEN',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 4 }), names, (parts, name) => {
        // Quotes around a value are taken off before it is classified; the table sees the rest.
        const value = parts.join('').replace(/["']/g, '').trim();
        const expected = firstMatch(value, name);
        const found = classifyCredential(value, name === undefined ? {} : { name }).format?.id;
        // A JWT-shaped value that matches no other format is named by the generic JWT entry afterwards.
        if (expected !== undefined) expect(found).toBe(expected);
        else expect(found === undefined || found === 'generic.jwt').toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
