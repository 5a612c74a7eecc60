import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { fingerprint, Secret } from '../../src/secrets/secret.js';

describe('Secret', () => {
  const raw = `ghp_${'A1b2'.repeat(9)}`;
  const secret = new Secret(raw, { visiblePrefix: 'ghp_' });

  it('prints only a fingerprint in every printable form', () => {
    const forms = [
      String(secret),
      `${secret}`,
      JSON.stringify({ secret }),
      inspect(secret),
      inspect({ deep: { secret } }),
    ];
    for (const form of forms) {
      expect(form).not.toContain(raw);
      expect(form).toContain('ghp_…A1b2 (40 chars)');
    }
  });

  it('gives the raw value only when asked', () => {
    expect(secret.reveal()).toBe(raw);
    expect(secret.equals(new Secret(raw))).toBe(true);
  });

  it.each([
    ['abcdefgh', {}, '… (8 chars)'],
    ['abcdefghijklmnopqrst', {}, '…qrst (20 chars)'],
    ['sk_live_abcdefghijklmnop', { visiblePrefix: 'sk_live_' }, 'sk_live_…mnop (24 chars)'],
    ['xyz', { visiblePrefix: 'ghp_' }, '… (3 chars)'],
    ['eyJhbGciOiJIUzI1NiJ9.e30.sig-sig-sig', { label: 'JWT' }, 'JWT …-sig (36 chars)'],
  ])('fingerprint(%s)', (value, options, expected) => {
    expect(fingerprint(value, options)).toBe(expected);
  });
});
