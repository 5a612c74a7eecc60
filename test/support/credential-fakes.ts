/**
 * Fake credentials built at run time from a seeded generator, so no file holds a live-looking literal and
 * secret scanners stay quiet. Same seed, same values: failures are reproducible.
 */
import { tokenChecksum } from '../../src/intake/credentials/checksum.js';

export const DIGITS = '0123456789';
export const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export const LOWER = 'abcdefghijklmnopqrstuvwxyz';
export const LETTERS = UPPER + LOWER;
export const ALNUM = DIGITS + LETTERS;
export const HEX = '0123456789abcdef';
export const B64URL = `${ALNUM}-_`;
export const B64 = `${ALNUM}+/`;

export function generator(seed = 1): (alphabet: string, length: number) => string {
  let state = seed >>> 0 || 1;
  return (alphabet, length) => {
    let out = '';
    for (let i = 0; i < length; i++) {
      // xorshift32: deterministic and good enough to avoid accidental runs like `xxxxxx`.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      out += alphabet[state % alphabet.length];
    }
    return out;
  };
}

const defaultRandom = generator(20240601);

export function random(alphabet: string, length: number): string {
  return defaultRandom(alphabet, length);
}

/** A GitHub / npm style token whose last 6 characters are the correct checksum. */
export function checksummedToken(prefix: string, randomPart = random(ALNUM, 30)): string {
  return prefix + randomPart + tokenChecksum(randomPart);
}

export function uuid(): string {
  return [8, 4, 4, 4, 12].map((n) => random(HEX, n)).join('-');
}

export function b64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** `-----BEGIN <label>-----` assembled at run time. */
export function pem(label: string, body: string): string {
  const dashes = '-'.repeat(5);
  return `${dashes}BEGIN ${label}${dashes}\n${body}\n${dashes}END ${label}${dashes}`;
}
