/**
 * The message catalogues as data: every entry recognises its own examples (and is the entry chosen for
 * them), rejects its near misses, and every pattern stays linear on adversarial input.
 */
import { describe, expect, it } from 'vitest';
import { classifyText, LIBRARY_ERRORS } from '../../src/rules/catalogue/library-errors.js';
import { findPhrase, PROSE_PHRASES } from '../../src/rules/catalogue/prose-phrases.js';
import { asked, excerpt, negatedBefore, negatedWithin } from '../../src/rules/catalogue/scan.js';

/** Inputs that make backtracking regexes blow up: long runs of one word, of spaces, of almost-matches. */
const ADVERSARIAL = [
  'a'.repeat(64 * 1024),
  ' '.repeat(64 * 1024),
  'token '.repeat(10_000),
  'invalid token token token '.repeat(2_000),
  'works '.repeat(10_000),
  `${'x'.repeat(30_000)}"${'\\"'.repeat(10_000)}`,
  'Client is not authorized to access '.repeat(1_500),
  'id token access token '.repeat(2_500),
  `[${'a'.repeat(20_000)}`,
  'é'.repeat(64 * 1024),
  'moved the bot to a new '.repeat(2_500),
  'after after restart and '.repeat(2_500),
  'Code: 403. Errors:\n* '.repeat(3_000),
  'from/to repo ( <server><id>x</id> '.repeat(1_500),
  'el token no ha expirado y '.repeat(2_500),
];

describe('library error catalogue', () => {
  it('has unique ids and a sensible size', () => {
    const ids = LIBRARY_ERRORS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(100);
  });

  for (const entry of LIBRARY_ERRORS) {
    it(`${entry.id}: recognises its examples and not its near misses`, () => {
      for (const example of entry.examples) {
        expect(
          classifyText(example).map((h) => h.entry.id),
          example,
        ).toContain(entry.id);
      }
      for (const near of entry.near) expect(entry.match.test(near), near).toBe(false);
    });
  }

  it('says a generic phrase only when no library wording explains the text', () => {
    const ids = classifyText('TokenExpiredError: jwt expired (token expired)').map((h) => h.entry.id);
    expect(ids).toEqual(['jsonwebtoken-expired']);
  });

  it('gives one explanation per cause, the most specific wording', () => {
    const hits = classifyText("IDX10223: Lifetime validation failed. The token is expired. ValidTo: '…'");
    expect(hits.map((h) => h.entry.id)).toEqual(['identitymodel-expired']);
  });

  it('prefers a message that names the reason to a longer hint of the same cause', () => {
    const ids = classifyText(
      'System clock synchronized: no\nGET /v2/accounts -> 401 request timestamp expired',
    ).map((h) => h.entry.id);
    expect(ids).toEqual(['exchange-timestamp-expired']);
  });

  it('keeps separate causes in one text apart', () => {
    const causes = classifyText('jwt audience invalid; also jwt expired').map((h) => h.entry.cause);
    expect(causes.sort()).toEqual(['expired_token', 'wrong_audience_or_issuer']);
  });

  it('captures what a message names', () => {
    const [hit] = classifyText('Insufficient scope, expected any of: create:users');
    expect(hit?.detail).toBe('create:users');
  });

  it('is error only where a library names the reason, and never error for a bare "invalid token"', () => {
    const [hit] = classifyText('{"error":"Invalid token"}');
    expect(hit?.entry.severity).toBe('warning');
    expect(hit?.entry.confidence).toBeLessThan(0.6);
  });

  it('stays linear on adversarial input', () => {
    for (const input of ADVERSARIAL) {
      const start = performance.now();
      classifyText(input);
      expect(performance.now() - start, input.slice(0, 30)).toBeLessThan(500);
    }
  });
});

describe('prose phrase catalogue', () => {
  for (const family of PROSE_PHRASES) {
    it(`${family.id}: finds its examples and not its near misses`, () => {
      for (const example of family.examples) expect(findPhrase(family, example), example).toBeDefined();
      for (const near of family.near) expect(findPhrase(family, near), near).toBeUndefined();
    });
  }

  it('stays linear on adversarial input', () => {
    for (const input of ADVERSARIAL) {
      const start = performance.now();
      for (const family of PROSE_PHRASES) {
        findPhrase(family, input);
        for (const re of family.strong) re.test(input);
      }
      expect(performance.now() - start, input.slice(0, 30)).toBeLessThan(500);
    }
  });
});

describe('phrase families that weigh words against the request host', () => {
  it('capture the environment or region they compare', () => {
    for (const family of PROSE_PHRASES) {
      if (!family.against) continue;
      const group = family.against === 'host-environment' ? '(?<env>' : '(?<region>';
      expect(
        family.match.some((re) => re.source.includes(group)),
        family.id,
      ).toBe(true);
      expect(family.strongConfidence, family.id).toBeDefined();
    }
  });
});

describe('reading prose', () => {
  it('sees a negation in the same clause only', () => {
    const text = "I don't get jwt expired anymore";
    expect(negatedBefore(text, text.indexOf('jwt'))).toBe(true);
    const turned = 'not sure why, but I get jwt expired';
    expect(negatedBefore(turned, turned.indexOf('jwt'))).toBe(false);
  });

  it('sees negations in Spanish, Portuguese, German, French and Italian', () => {
    for (const text of [
      'el token no expiró',
      'o token não expirou',
      'das Token ist nicht abgelaufen',
      "le jeton n'a pas expiré",
      'il token non è scaduto',
    ]) {
      const at = text.search(/expir|abgelaufen|scaduto/);
      expect(negatedBefore(text, at), text).toBe(true);
    }
    const prefix = 'the non-prod token expired';
    expect(negatedBefore(prefix, prefix.indexOf('expired'))).toBe(false);
    expect(negatedWithin('Token ist nicht abgelaufen', 0, 26)).toBe(true);
    expect(negatedWithin('Token ist abgelaufen', 0, 20)).toBe(false);
  });

  it('tells a question from a report', () => {
    const q = 'is the token expired? no idea';
    expect(asked(q, q.indexOf('expired') + 'expired'.length)).toBe(true);
    const r = 'the token expired. Is that why?';
    expect(asked(r, r.indexOf('expired') + 'expired'.length)).toBe(false);
  });

  it('quotes the line of a match, trimmed around it', () => {
    const long = `${'x'.repeat(300)} jwt expired ${'y'.repeat(300)}`;
    const quoted = excerpt(long, long.indexOf('jwt'), 11);
    expect(quoted).toContain('jwt expired');
    expect(quoted.length).toBeLessThan(200);
    expect(excerpt('first\n> Bad credentials\nlast', 8, 15)).toBe('Bad credentials');
  });
});
