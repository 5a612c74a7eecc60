/**
 * Fake JWTs for the token rules' cases: real structure (base64url header and claims), a random signature of
 * the length the algorithm produces, so intake reads them exactly as it would a token from an issuer.
 */
import { createHash } from 'node:crypto';
import { B64URL, b64url, generator } from './credential-fakes.js';

/** Seeded by the token's own header and claims: the same token every run, whatever loaded first. */
function signatureFor(signingInput: string, length: number): string {
  const seed = createHash('sha256').update(signingInput).digest().readUInt32BE(0);
  return generator(seed)(B64URL, length);
}

/** Signature lengths in base64url characters: 2048-bit RSA, P-256 and HMAC-SHA256. */
const SIGNATURE: Record<string, number> = { RS256: 342, PS256: 342, ES256: 86, HS256: 43, HS512: 86 };

/** Seconds since the epoch of an ISO instant, for readable claims: `at('2026-01-15T09:46:00Z')`. */
export function at(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

export function fakeJwt(
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
  signature?: string,
): string {
  const h = { alg: 'RS256', typ: 'JWT', ...header };
  const alg = typeof h.alg === 'string' ? h.alg : 'RS256';
  const signingInput = `${b64url(h)}.${b64url(claims)}`;
  const sig = signature ?? (alg === 'none' ? '' : signatureFor(signingInput, SIGNATURE[alg] ?? 342));
  return `${signingInput}.${sig}`;
}
