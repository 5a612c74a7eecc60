/** The literal prefilter must never hide a pattern that matches: it only decides which patterns to run. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinKnowledge } from '../../src/providers/knowledge.js';
import { LiteralIndex, literalsOf, mayMatch } from '../../src/providers/literal.js';
import { LIBRARY_ERRORS } from '../../src/rules/catalogue/library-errors.js';

describe('literalsOf', () => {
  it.each([
    [/Bad credentials/i, ['bad credentials']],
    [/\bjwt expired\b/, ['jwt expired']],
    [/IDX10223:?\s*Lifetime validation failed/i, ['lifetime validation failed']],
    [/"error"\s*:\s*"invalid_auth"/, ['"invalid_auth"']],
    [/token (?:has )?expired|session expired/i, ['expired', 'session expired']],
    [/api\.github\.com\/user/, ['api.github.com/user']],
    [/colou?r scheme/, ['r scheme']],
    [/a{2,3}bcd+/, undefined],
    [/(?:ok|error)"?:\s*(?:not_authed)\b/, ['not_authed']],
    [/(?:not_authed)?x/, undefined],
    [/\d+|foo/, undefined],
    [/(?:x|y)z/, undefined],
  ])('%s → %j', (re, expected) => {
    expect(literalsOf(re as RegExp)).toEqual(expected);
  });
});

const packEntries = builtinKnowledge().signatureIndex();

describe('LiteralIndex', () => {
  it('keeps every catalogue entry whose pattern matches one of its own examples', () => {
    const index = new LiteralIndex(LIBRARY_ERRORS, (e) => e.match);
    for (const entry of LIBRARY_ERRORS) {
      for (const example of entry.examples) {
        if (!entry.match.test(example)) continue;
        expect(index.candidates(example), `${entry.id}: ${example}`).toContain(entry);
      }
    }
  });

  it('finds a signature wherever its text sits in a longer paste, overlapping other literals', () => {
    const text =
      'prefix {"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"} jwt expired';
    const hits = packEntries.candidates(text).filter((e) => e.signature.match.test(text));
    expect(hits.map((h) => `${h.pack.id}/${h.signature.id}`)).toContain('github/bad-credentials');
  });

  it('never drops a pattern that matches (random texts built from the patterns’ own literals)', () => {
    const regexes = LIBRARY_ERRORS.map((e) => e.match);
    const words = regexes.flatMap((re) => literalsOf(re) ?? []);
    const index = new LiteralIndex(regexes, (re) => re);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 8 })), { maxLength: 12 }),
        (parts) => {
          const text = parts.join(' ');
          const candidates = new Set(index.candidates(text));
          for (const re of regexes) if (re.test(text)) expect(candidates.has(re)).toBe(true);
          for (const re of regexes) if (re.test(text)) expect(mayMatch(re, text.toLowerCase())).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
