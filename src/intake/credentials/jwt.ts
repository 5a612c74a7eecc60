/**
 * Reads a JWT's header and claims without verifying anything: the diagnosis needs `exp`, `aud`, `iss` and
 * `alg` of whatever was sent, valid or not. When a token cannot be decoded, the error says how it is broken,
 * because "the token was cut off when pasted" and "this is base64, not base64url" are causes of a 401 too.
 */
import { base64url, decodeJwt, decodeProtectedHeader } from 'jose';
import type { JwtInfo } from '../evidence.js';

export type JwtError = 'truncated' | 'bad_base64' | 'bad_json' | 'wrong_part_count' | 'encrypted';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Signature lengths in base64url characters for fixed-size algorithms; a shorter signature was cut off.
 * RSA signatures are as long as the key: 342 characters for the common 2048-bit keys, more for larger ones.
 */
const SIGNATURE_LENGTH: Record<string, number> = {
  HS256: 43,
  HS384: 64,
  HS512: 86,
  ES256: 86,
  ES256K: 86,
  ES384: 128,
  ES512: 176,
  EdDSA: 86,
  Ed25519: 86,
};
const RSA_MIN_SIGNATURE = 342;
/** 1024-bit RSA: weak, but still issued by old systems; its signature is complete at 171 characters. */
const RSA_1024_SIGNATURE = 171;

/** Decodes `value` if it is shaped like a JWT (starts `eyJ` and its header is a JSON object). */
export function inspectJwt(value: string): JwtInfo | undefined {
  const token = value.trim();
  if (!token.startsWith('eyJ')) return undefined;
  const parts = token.split('.');
  const headerPart = parts[0] ?? '';
  const header = readHeader(headerPart);
  if (header === undefined) return undefined;
  // Without a dot, base64 JSON that names no algorithm is some other encoded blob (a Grafana key, a cursor).
  if (parts.length === 1 && !('alg' in header)) return undefined;

  const headerProblem = encodingProblem(headerPart);

  if (parts.length === 1) return jwtInfo(header, undefined, 1, false, 'truncated');
  if (parts.length === 5 && 'enc' in header) return jwtInfo(header, undefined, 5, false, 'encrypted');

  const payload = readClaims(headerPart, parts[1] ?? '');
  if (parts.length === 2) return jwtInfo(header, payload.claims, 2, false, payload.error ?? 'truncated');
  const signature = parts[2] ?? '';
  const signaturePresent = signature !== '';
  if (parts.length !== 3) {
    return jwtInfo(header, payload.claims, parts.length, signaturePresent, 'wrong_part_count');
  }
  const error = headerProblem ?? payload.error ?? signatureProblem(header.alg, signature);
  return jwtInfo(header, payload.claims, 3, signaturePresent, error);
}

/** Literals in a fixed field order rather than spreads: each spread is a runtime call. */
function jwtInfo(
  header: Record<string, unknown>,
  claims: Record<string, unknown> | undefined,
  parts: number,
  signaturePresent: boolean,
  error: JwtError | undefined,
): JwtInfo {
  const info: JwtInfo =
    claims === undefined ? { header, parts, signaturePresent } : { header, claims, parts, signaturePresent };
  if (error !== undefined) info.error = error;
  return info;
}

function readHeader(part: string): Record<string, unknown> | undefined {
  try {
    // jose reads the header of a 3- or 5-part token; the empty parts stand in for whatever follows.
    return decodeProtectedHeader(`${part}..`) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function readClaims(
  headerPart: string,
  payloadPart: string,
): { claims?: Record<string, unknown>; error?: JwtError } {
  try {
    const claims = decodeJwt(`${headerPart}.${payloadPart}.`) as Record<string, unknown>;
    const problem = encodingProblem(payloadPart);
    return problem === undefined ? { claims } : { claims, error: problem };
  } catch {
    return { error: segmentProblem(payloadPart) };
  }
}

/** jose accepts padding and stray whitespace that strict servers reject: report them as base64 errors. */
function encodingProblem(part: string): JwtError | undefined {
  return BASE64URL.test(part) ? undefined : 'bad_base64';
}

/** Why a header or payload part did not decode to a JSON object. */
function segmentProblem(part: string): JwtError {
  if (part === '') return 'truncated';
  if (!BASE64URL.test(part)) return 'bad_base64';
  if (part.length % 4 === 1) return 'truncated';
  let text: string;
  try {
    text = new TextDecoder().decode(base64url.decode(part));
  } catch {
    return 'bad_base64';
  }
  // A JSON object that stops before its closing brace was cut short; anything else is not JSON.
  const trimmed = text.trim();
  return trimmed.startsWith('{') && !trimmed.endsWith('}') ? 'truncated' : 'bad_json';
}

function signatureProblem(alg: unknown, signature: string): JwtError | undefined {
  if (signature === '') return alg === 'none' ? undefined : 'truncated';
  if (!BASE64URL.test(signature)) return 'bad_base64';
  if (signature.length % 4 === 1) return 'truncated';
  if (typeof alg !== 'string') return undefined;
  const expected = SIGNATURE_LENGTH[alg];
  if (expected !== undefined) return signature.length < expected ? 'truncated' : undefined;
  if (/^(?:RS|PS)\d{3}$/.test(alg) && signature.length < RSA_MIN_SIGNATURE) {
    return signature.length === RSA_1024_SIGNATURE ? undefined : 'truncated';
  }
  return undefined;
}
