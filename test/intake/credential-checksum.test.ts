import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base62, crc32, tokenChecksum, verifyChecksum } from '../../src/intake/credentials/checksum.js';
import { classifyCredential } from '../../src/intake/credentials/classify.js';
import { ALNUM, checksummedToken, random } from '../support/credential-fakes.js';

const base62Char = fc.constantFrom(...ALNUM.split(''));
const randomPart = fc.string({ unit: base62Char, minLength: 30, maxLength: 30 });

/** Replaces the character at `index` with a different base62 character. */
function mutate(token: string, index: number, shift: number): string {
  const at = ALNUM.indexOf(token[index] ?? '0');
  const replacement = ALNUM[(at + 1 + (shift % (ALNUM.length - 1))) % ALNUM.length] ?? '0';
  return token.slice(0, index) + replacement + token.slice(index + 1);
}

describe('the building blocks', () => {
  it('computes the standard CRC-32 check value', () => {
    // The IEEE CRC-32 of "123456789" is 0xCBF43926 in every conforming implementation.
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
  });

  it.each([
    [0, '000000'],
    [61, '00000z'],
    [62, '000010'],
    [0xffffffff, '4gfFC3'],
  ])('writes %i in padded base62 as %s', (n, text) => {
    expect(base62(n)).toBe(text);
  });
});

describe('GitHub and npm token checksums', () => {
  it.each(['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'])(
    'accepts a %s token built with a correct checksum',
    (prefix) => {
      const token = checksummedToken(prefix);
      expect(token).toHaveLength(40);
      expect(verifyChecksum('github-crc32', token, prefix)).toBe('valid');
      expect(classifyCredential(token).format?.checksum).toBe('valid');
    },
  );

  it('accepts an npm token built with a correct checksum', () => {
    const token = checksummedToken('npm_');
    expect(verifyChecksum('npm-crc32', token, 'npm_')).toBe('valid');
    expect(classifyCredential(token).format).toMatchObject({ id: 'npm.access_token', checksum: 'valid' });
  });

  it('rejects the right shape with a wrong checksum (a typo, or a made-up token)', () => {
    const body = random(ALNUM, 30);
    const token = `ghp_${body}${tokenChecksum(body) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`;
    expect(classifyCredential(token).format).toMatchObject({ id: 'github.classic_pat', checksum: 'invalid' });
    expect(classifyCredential(`ghp_${'a'.repeat(36)}`).format?.checksum).toBe('invalid');
    expect(classifyCredential(`npm_${random(ALNUM, 36)}`).format?.checksum).toBe('invalid');
  });

  it('does not count the prefix: the same random part verifies under every GitHub prefix', () => {
    const body = random(ALNUM, 30);
    const tail = body + tokenChecksum(body);
    for (const prefix of ['ghp_', 'ghs_', 'npm_'])
      expect(verifyChecksum('github-crc32', prefix + tail, prefix)).toBe('valid');
  });

  it('has no checksum verdict for formats without one', () => {
    expect(
      classifyCredential(`github_pat_${random(ALNUM, 22)}_${random(ALNUM, 59)}`).format?.checksum,
    ).toBeUndefined();
  });

  it('rejects tokens that are too short to hold a checksum, or use the wrong prefix', () => {
    expect(verifyChecksum('github-crc32', 'ghp_abc', 'ghp_')).toBe('invalid');
    expect(verifyChecksum('github-crc32', checksummedToken('gho_'), 'ghp_')).toBe('invalid');
  });

  it('accepts every token it builds (property)', () => {
    fc.assert(
      fc.property(randomPart, (body) => {
        expect(verifyChecksum('github-crc32', checksummedToken('ghp_', body), 'ghp_')).toBe('valid');
      }),
    );
  });

  it('catches any single changed character (property)', () => {
    fc.assert(
      fc.property(randomPart, fc.integer({ min: 4, max: 39 }), fc.nat(), (body, index, shift) => {
        const token = checksummedToken('ghp_', body);
        expect(verifyChecksum('github-crc32', mutate(token, index, shift), 'ghp_')).toBe('invalid');
      }),
    );
  });
});
