/**
 * Token checksums that tell a mistyped or truncated token from a real one without asking the provider.
 *
 * GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm (`npm_`) tokens are `prefix + 30 random base62
 * characters + 6 checksum characters`, where the checksum is the CRC-32 (IEEE, as in zlib) of the 30 random
 * ASCII characters, written in base62 with the alphabet `0-9A-Za-z` and left-padded with `0` to 6 characters.
 * The prefix is not part of the checksummed text.
 * Sources: https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/ and
 * https://github.blog/2021-09-23-announcing-npms-new-access-token-format/
 */

export type ChecksumKind = 'github-crc32' | 'npm-crc32';
export type ChecksumResult = 'valid' | 'invalid';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CHECKSUM_LENGTH = 6;

const CRC_TABLE = buildCrcTable();

function buildCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 of the string's UTF-16 code units taken as bytes; callers pass ASCII only. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    crc = (crc >>> 8) ^ (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] ?? 0);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** `n` in base62 (`0-9A-Za-z`), left-padded with `0` to `width` characters. */
export function base62(n: number, width = CHECKSUM_LENGTH): string {
  let out = '';
  let rest = Math.floor(n);
  do {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  } while (rest > 0);
  return out.padStart(width, '0');
}

/** The 6 checksum characters GitHub and npm append to a token's random part. */
export function tokenChecksum(randomPart: string): string {
  return base62(crc32(randomPart));
}

/** npm adopted GitHub's scheme unchanged; each kind names whose definition a format follows. */
const SCHEMES: Record<ChecksumKind, (randomPart: string) => string> = {
  'github-crc32': tokenChecksum,
  'npm-crc32': tokenChecksum,
};

/** Checks a whole token (`prefix + random + checksum`). */
export function verifyChecksum(kind: ChecksumKind, token: string, prefix: string): ChecksumResult {
  if (!token.startsWith(prefix) || token.length <= prefix.length + CHECKSUM_LENGTH) return 'invalid';
  const randomPart = token.slice(prefix.length, -CHECKSUM_LENGTH);
  const written = token.slice(-CHECKSUM_LENGTH);
  if (!/^[A-Za-z0-9]+$/.test(randomPart)) return 'invalid';
  return SCHEMES[kind](randomPart) === written ? 'valid' : 'invalid';
}
