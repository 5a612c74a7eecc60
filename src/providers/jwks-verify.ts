/**
 * Verifies one JWS against an issuer's published keys and says precisely why it does not verify. The key is
 * chosen here rather than by jose's `createLocalJWKSet`, because "no key has this kid", "the key with this
 * kid is for another algorithm" and "the key is right but the signature is not" are three different fixes.
 * Only the issuer's keys are used: `jwk`, `jku` and `x5u` headers in the token are attacker-controlled and
 * ignored.
 */
import { compactVerify, errors, importJWK, type JWK } from 'jose';
import { z } from 'zod';
import type { SignatureVerdict } from '../diagnose/context.js';

/** What a JWK must have for us to consider it; everything else about it is left to jose. */
export const JwkSchema = z.looseObject({
  kty: z.string().max(16),
  kid: z.string().max(512).optional(),
  alg: z.string().max(32).optional(),
  use: z.string().max(16).optional(),
  key_ops: z.array(z.string().max(32)).max(16).optional(),
  crv: z.string().max(32).optional(),
});
export type Jwk = z.infer<typeof JwkSchema>;

export type Outcome = Omit<SignatureVerdict, 'credential' | 'issuer'>;

interface Family {
  kty: string;
  crv?: readonly string[];
  label: string;
}

const RSA: Family = { kty: 'RSA', label: 'RSA' };
/** The key type each JWS algorithm needs (RFC 7518 §3.1, RFC 8037, the ML-DSA draft). */
const FAMILIES: Record<string, Family> = {
  RS256: RSA,
  RS384: RSA,
  RS512: RSA,
  PS256: RSA,
  PS384: RSA,
  PS512: RSA,
  ES256: { kty: 'EC', crv: ['P-256'], label: 'EC P-256' },
  ES384: { kty: 'EC', crv: ['P-384'], label: 'EC P-384' },
  ES512: { kty: 'EC', crv: ['P-521'], label: 'EC P-521' },
  ES256K: { kty: 'EC', crv: ['secp256k1'], label: 'EC secp256k1' },
  EdDSA: { kty: 'OKP', crv: ['Ed25519', 'Ed448'], label: 'OKP Ed25519/Ed448' },
  Ed25519: { kty: 'OKP', crv: ['Ed25519'], label: 'OKP Ed25519' },
  'ML-DSA-44': { kty: 'AKP', label: 'AKP' },
  'ML-DSA-65': { kty: 'AKP', label: 'AKP' },
  'ML-DSA-87': { kty: 'AKP', label: 'AKP' },
};
const HMAC = /^HS(?:256|384|512)$/;
const ASYMMETRIC = new Set(['RSA', 'EC', 'OKP', 'AKP']);
/** Public members per key type: private ones (`d`, `p`, …) an issuer published by mistake are never used. */
const PUBLIC_MEMBERS: Record<string, readonly string[]> = {
  RSA: ['n', 'e'],
  EC: ['crv', 'x', 'y'],
  OKP: ['crv', 'x'],
  AKP: ['alg', 'pub'],
};
/** Without a kid every compatible key is tried; a key set is small, but bound the work anyway. */
const MAX_TRIES = 10;

/** Text from the paste or the issuer, made safe to print: no control characters, bounded. */
export function printable(value: unknown, max = 80): string {
  const text = String(value).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function forSigning(k: Jwk): boolean {
  return (
    (k.use === undefined || k.use === 'sig') && (k.key_ops === undefined || k.key_ops.includes('verify'))
  );
}

function fits(k: Jwk, alg: string, family: Family): boolean {
  if (k.kty !== family.kty) return false;
  if (family.crv && !(k.crv !== undefined && family.crv.includes(k.crv))) return false;
  return k.alg === undefined || k.alg === alg;
}

function describeKey(k: Jwk): string {
  const kind =
    k.kty === 'EC' || k.kty === 'OKP' ? `${k.kty} ${printable(k.crv ?? '?', 16)}` : printable(k.kty, 16);
  const traits = [
    kind,
    k.alg ? `alg ${printable(k.alg, 32)}` : '',
    k.use && k.use !== 'sig' ? `use "${printable(k.use, 16)}"` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${k.kid === undefined ? 'a key without kid' : `key "${printable(k.kid, 64)}"`} (${traits})`;
}

function listKids(keys: readonly Jwk[]): string {
  if (keys.length === 0) return 'it publishes no keys';
  const kids = keys.slice(0, 5).map((k) => (k.kid === undefined ? '(no kid)' : `"${printable(k.kid, 64)}"`));
  const more = keys.length > 5 ? ` and ${keys.length - 5} more` : '';
  return `it publishes ${keys.length} ${keys.length === 1 ? 'key' : 'keys'}: ${kids.join(', ')}${more}`;
}

/** The algorithms an issuer's signing keys are for, e.g. `RS256` or `RSA`. */
function issuerAlgs(keys: readonly Jwk[]): string {
  const algs = new Set(keys.map((k) => (k.alg ? printable(k.alg, 32) : `${printable(k.kty, 16)} keys`)));
  return [...algs].slice(0, 4).join(', ');
}

function publicJwk(k: Jwk): JWK {
  const out: Record<string, unknown> = { kty: k.kty };
  for (const name of PUBLIC_MEMBERS[k.kty] ?? []) if (k[name] !== undefined) out[name] = k[name];
  return out as JWK;
}

/**
 * Checks `token` (a compact JWS) against `keys` from `source` (printable, e.g. the jwks_uri host and path).
 * Never throws.
 */
export async function verifyToken(
  token: string,
  header: Record<string, unknown>,
  keys: readonly Jwk[],
  source: string,
): Promise<Outcome> {
  const alg = typeof header.alg === 'string' ? header.alg : undefined;
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const base = {
    ...(kid !== undefined ? { kid: printable(kid, 64) } : {}),
    ...(alg ? { alg: printable(alg, 32) } : {}),
  };
  const signing = keys.filter((k) => forSigning(k) && ASYMMETRIC.has(k.kty));

  if (alg === undefined || alg.toLowerCase() === 'none') {
    return {
      ...base,
      outcome: 'alg_not_allowed',
      detail: `the token is unsigned (${alg === undefined ? 'its header has no alg' : `alg "${printable(alg, 16)}"`}); the issuer signs its tokens${signing.length ? ` with ${issuerAlgs(signing)}` : ''}, and no API that checks signatures accepts an unsigned token`,
    };
  }
  if (HMAC.test(alg)) {
    if (signing.length === 0) {
      return {
        ...base,
        outcome: 'unreachable',
        detail: `the token is signed with ${alg}, a shared secret that is never published, so the issuer's key set (${source}) can neither confirm nor refute it`,
      };
    }
    return {
      ...base,
      outcome: 'alg_not_allowed',
      detail: `the token is signed with ${alg} (a shared-secret HMAC) but the issuer signs with public-key algorithms (${issuerAlgs(signing)}, per ${source}): algorithm confusion, an API that verifies with the issuer's keys rejects it`,
    };
  }
  const family = FAMILIES[alg];
  if (!family) {
    return {
      ...base,
      outcome: 'alg_not_allowed',
      detail: `"${printable(alg, 32)}" is not a JWS signature algorithm the issuer's keys can verify (${issuerAlgs(signing) || 'no signing keys'})`,
    };
  }

  let candidates: Jwk[];
  if (kid !== undefined) {
    candidates = keys.filter((k) => k.kid === kid);
    if (candidates.length === 0) {
      return {
        ...base,
        outcome: 'kid_not_found',
        detail: `the token's key id "${printable(kid, 64)}" is not in the issuer's key set at ${source} (${listKids(keys)})`,
      };
    }
  } else candidates = signing;

  const usable = candidates.filter((k) => forSigning(k) && fits(k, alg, family));
  if (usable.length === 0) {
    const which =
      kid !== undefined
        ? `${candidates.map(describeKey).slice(0, 3).join('; ')} cannot verify ${alg} (it needs ${family.label}${candidates.some((k) => !forSigning(k)) ? ', for signing' : ''})`
        : `the token names no kid and the issuer publishes no ${family.label} signing key for ${alg} (${issuerAlgs(signing) || 'no signing keys'})`;
    return { ...base, outcome: 'alg_not_allowed', detail: `${which}, per ${source}` };
  }

  let unusable: string | undefined;
  let mismatches = 0;
  for (const k of usable.slice(0, MAX_TRIES)) {
    try {
      const key = await importJWK(publicJwk(k), alg);
      await compactVerify(token, key, { algorithms: [alg] });
      return {
        ...base,
        outcome: 'valid',
        detail: `the signature verifies with ${describeKey(k)} from ${source}`,
      };
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        mismatches += 1;
        continue;
      }
      if (error instanceof errors.JWSInvalid) {
        return {
          ...base,
          outcome: 'unreachable',
          detail: `the token is not a well-formed JWS (${errorText(error)})`,
        };
      }
      unusable = `${describeKey(k)} could not be used (${errorText(error)})`;
    }
  }
  if (unusable && mismatches === 0)
    return { ...base, outcome: 'unreachable', detail: `${unusable}, per ${source}` };
  const tried =
    kid !== undefined
      ? `${describeKey(usable[0]!)}${usable.length > 1 ? ` (or the ${usable.length - 1} other key(s) with that kid)` : ''}`
      : `any of the issuer's ${usable.length} ${family.label} keys (the token names no kid)`;
  return {
    ...base,
    outcome: 'bad_signature',
    detail: `the signature does not verify with ${tried} from ${source}`,
  };
}

/** jose's messages describe the problem, not the input; bounded all the same. */
function errorText(error: unknown): string {
  return printable(error instanceof Error ? error.message : String(error), 120);
}
