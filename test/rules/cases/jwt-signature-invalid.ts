import type { SignatureVerdict } from '../../../src/diagnose/context.js';
import rule from '../../../src/rules/jwt-signature-invalid.js';
import { defineCases } from '../../support/rule-cases.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A well-formed token with a full-length (fake) signature: the verdicts below say what the check found. */
function jwt(header: Record<string, unknown>, signatureLength: number): string {
  const claims = {
    iss: 'https://login.example.com/',
    sub: 'user_8412',
    aud: 'https://api.example.com',
    iat: 1_768_473_600,
    exp: 1_768_560_000,
  };
  let signature = '';
  for (let i = 0; signature.length < signatureLength; i += 1) signature += ((i * 7919) % 36).toString(36);
  return `${b64(header)}.${b64(claims)}.${signature.slice(0, signatureLength)}`;
}

const RS = jwt({ alg: 'RS256', typ: 'JWT', kid: 'staging-2025-10' }, 342);
const HS = jwt({ alg: 'HS256', typ: 'JWT' }, 43);
const NONE = `${jwt({ alg: 'none', typ: 'JWT' }, 0)}`;
const NO_ALG = jwt({ typ: 'JWT', kid: 'prod-2026-01' }, 342);
const ES = jwt({ alg: 'ES256', typ: 'JWT', kid: 'prod-2026-01' }, 86);
const ISSUER = 'https://login.example.com/';
const JWKS = 'https://login.example.com/.well-known/jwks.json';

const curl = (token: string, url = 'https://api.example.com/v1/orders') =>
  `curl -H "Authorization: Bearer ${token}" ${url}`;

const verdict = (
  v: Partial<SignatureVerdict> & Pick<SignatureVerdict, 'outcome' | 'detail'>,
): SignatureVerdict[] => [{ credential: 'c1', issuer: ISSUER, ...v }];

export default defineCases({
  rule,
  invalid: [
    {
      name: 'the kid is not in the issuer’s key set (token from another environment)',
      paste: curl(RS),
      signatures: verdict({
        outcome: 'kid_not_found',
        kid: 'staging-2025-10',
        alg: 'RS256',
        detail: `the token's key id "staging-2025-10" is not in the issuer's key set at ${JWKS} (it publishes 2 keys: "prod-2026-01", "prod-2025-07")`,
      }),
      expect: {
        cause: 'signature_or_key_mismatch',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['staging-2025-10', 'prod-2026-01', /JWT …\w{4} \(\d+ chars\)/],
        fix: [
          'a key the issuer does not publish',
          'another environment',
          'old signing key',
          /rotate/i,
          "curl -H 'Authorization: Bearer <NEW_TOKEN>' https://api.example.com/v1/orders",
        ],
        minConfidence: 0.8,
      },
    },
    {
      name: 'the signature does not verify with the key of the same kid',
      paste: curl(RS),
      signatures: verdict({
        outcome: 'bad_signature',
        kid: 'staging-2025-10',
        alg: 'RS256',
        detail: `the signature does not verify with key "staging-2025-10" (RSA, alg RS256) from ${JWKS}`,
      }),
      expect: {
        severity: 'error',
        detail: ['does not verify', 'same kid ("staging-2025-10")'],
        fix: ['Do not edit a token', 'another environment', 'private key'],
      },
    },
    {
      name: 'a header that names no algorithm',
      paste: curl(NO_ALG),
      signatures: verdict({
        outcome: 'alg_not_allowed',
        detail:
          'the token is unsigned (its header has no alg); the issuer signs its tokens with RS256, and no API that checks signatures accepts an unsigned token',
      }),
      expect: {
        severity: 'error',
        detail: ['has no alg'],
        fix: ['without `alg`', 'Get a fresh token from https://login.example.com/'],
        minConfidence: 0.9,
      },
    },
    {
      name: 'HS256 token for an issuer that signs with RSA keys (algorithm confusion)',
      paste: `curl -s -X POST https://api.example.com/v1/orders -H 'Content-Type: application/json' -H 'Authorization: Bearer ${HS}' -d '{"sku":"A-1"}'`,
      signatures: verdict({
        outcome: 'alg_not_allowed',
        alg: 'HS256',
        detail: `the token is signed with HS256 (a shared-secret HMAC) but the issuer signs with public-key algorithms (RS256, per ${JWKS}): algorithm confusion, an API that verifies with the issuer's keys rejects it`,
      }),
      expect: {
        severity: 'error',
        detail: ['algorithm confusion', 'HS256'],
        fix: ['shared secret', 'jwt.sign(payload, secret)', 'algorithms: ["RS256"]', '<NEW_TOKEN>'],
      },
    },
    {
      name: 'the token’s algorithm does not match the published key',
      paste: curl(ES),
      signatures: verdict({
        outcome: 'alg_not_allowed',
        kid: 'prod-2026-01',
        alg: 'ES256',
        detail: `key "prod-2026-01" (RSA, alg RS256) cannot verify ES256 (it needs EC P-256), per ${JWKS}`,
      }),
      expect: {
        severity: 'error',
        detail: ['cannot verify ES256'],
        fix: ['"alg": "ES256"', '`alg` member'],
      },
    },
    {
      name: 'the token in a custom header; the retry keeps the header name',
      paste: `curl https://api.example.com/v1/orders -H "X-Auth-Token: ${RS}"`,
      signatures: verdict({
        outcome: 'kid_not_found',
        kid: 'staging-2025-10',
        alg: 'RS256',
        detail: `the token's key id "staging-2025-10" is not in the issuer's key set at ${JWKS} (it publishes 1 key: "prod-2026-01")`,
      }),
      expect: {
        evidence: 'request.headers.x-auth-token',
        fix: ["-H 'X-Auth-Token: <NEW_TOKEN>'"],
      },
    },
    {
      name: 'the check could not be done: an info finding that says why',
      paste: curl(RS),
      signatures: verdict({
        outcome: 'unreachable',
        kid: 'staging-2025-10',
        alg: 'RS256',
        detail:
          "the issuer's keys could not be fetched: https://login.example.com/.well-known/openid-configuration: no answer within 3000 ms",
      }),
      expect: {
        severity: 'info',
        detail: ['could not check', 'no answer within 3000 ms'],
        fix: ['curl -s https://login.example.com/.well-known/openid-configuration', 'staging-2025-10'],
      },
    },
    {
      name: 'the token verifies, yet the API says the signature is invalid (stale keys on the API side)',
      paste: `curl -i -H "Authorization: Bearer ${ES}" https://api.example.com/v1/orders
HTTP/2 401
www-authenticate: Bearer error="invalid_token", error_description="The signature is invalid"
content-length: 0
`,
      signatures: verdict({
        outcome: 'valid',
        kid: 'prod-2026-01',
        alg: 'ES256',
        detail: `the signature verifies with key "prod-2026-01" (EC P-256, alg ES256) from ${JWKS}`,
      }),
      expect: {
        cause: 'server_misconfiguration',
        severity: 'warning',
        detail: ['verifies', 'other keys'],
        fix: ['stale copy of its JWKS', 'refetch', 'another environment'],
      },
    },
    {
      name: 'the token verifies, the API log says IDX10503 (ASP.NET)',
      paste: `curl -H "Authorization: Bearer ${ES}" https://api.example.com/v1/orders
{"error":"invalid_token","error_description":"IDX10503: Signature validation failed. Token does not have a kid. Keys tried: 'System.Text.StringBuilder'."}`,
      signatures: verdict({
        outcome: 'valid',
        kid: 'prod-2026-01',
        alg: 'ES256',
        detail: `the signature verifies with key "prod-2026-01" (EC P-256, alg ES256) from ${JWKS}`,
      }),
      expect: { cause: 'server_misconfiguration', severity: 'warning' },
    },
  ],
  valid: [
    {
      name: 'the signature verifies and the API says nothing about it',
      paste: curl(RS),
      signatures: verdict({
        outcome: 'valid',
        kid: 'staging-2025-10',
        alg: 'RS256',
        detail: `the signature verifies with key "staging-2025-10" (RSA, alg RS256) from ${JWKS}`,
      }),
    },
    {
      name: 'the signature verifies and the API complains about something else (expiry)',
      paste: `curl -i -H "Authorization: Bearer ${ES}" https://api.example.com/v1/orders
HTTP/1.1 401 Unauthorized
WWW-Authenticate: Bearer error="invalid_token", error_description="The token expired at '01/15/2026 11:00:00'"
`,
      signatures: verdict({
        outcome: 'valid',
        kid: 'prod-2026-01',
        alg: 'ES256',
        detail: `the signature verifies with key "prod-2026-01" (EC P-256, alg ES256) from ${JWKS}`,
      }),
    },
    {
      name: 'the issuer is not allowlisted',
      paste: curl(RS),
      signatures: verdict({ outcome: 'not_allowlisted', detail: 'the issuer is not on the allowlist' }),
    },
    {
      name: 'alg: none is left to jwt-alg-none, which reports it from the header alone',
      paste: curl(NONE),
      signatures: verdict({
        outcome: 'alg_not_allowed',
        alg: 'none',
        detail:
          'the token is unsigned (alg "none"); the issuer signs its tokens with RS256, and no API that checks signatures accepts an unsigned token',
      }),
    },
    { name: 'no signature check was run', paste: curl(RS) },
    {
      name: 'a verdict about a token that is not in this paste',
      paste: curl(RS),
      signatures: [
        {
          credential: 'c9',
          issuer: ISSUER,
          outcome: 'bad_signature',
          detail: `the signature does not verify with key "x" (RSA) from ${JWKS}`,
        },
      ],
    },
  ],
});
