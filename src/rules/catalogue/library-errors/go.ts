/** Go: golang-jwt (v4 and v5 wording), go-oidc, Echo's JWT middleware. */
import type { LibraryErrorInput } from '../schema.js';
import { MALFORMED_EXPLAIN, MALFORMED_FIX, NEW_TOKEN_FIX, SIGNATURE_FIX } from './shared.js';

const GOLANG_JWT = 'https://pkg.go.dev/github.com/golang-jwt/jwt/v5#pkg-variables';
const GO_OIDC = 'https://pkg.go.dev/github.com/coreos/go-oidc/v3/oidc';
const ECHO_JWT = 'https://echo.labstack.com/docs/middleware/jwt';

export const GO_ERRORS: LibraryErrorInput[] = [
  {
    id: 'golang-jwt-expired',
    library: 'golang-jwt, go-oidc (Go)',
    match: '\\btoken is expired\\b|\\bErrTokenExpired\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.9,
    explain: "The token's `exp` is in the past for the server: the token expired.",
    fix: NEW_TOKEN_FIX,
    docs: [GOLANG_JWT, GO_OIDC],
    examples: [
      'token has invalid claims: token is expired',
      'Token is expired',
      'oidc: token is expired (Token Expiry: 2026-01-15 11:00:00 +0000 UTC)',
    ],
    near: ['token is not expired'],
  },
  {
    id: 'golang-jwt-used-before-issued',
    library: 'golang-jwt (Go)',
    match: '\\btoken used before issued\\b|\\bErrTokenUsedBeforeIssued\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.9,
    explain:
      "The token's `iat` is in the future for the server: the issuer's clock is ahead of the server's.",
    fix: ['Sync both clocks with NTP; allow leeway with `jwt.WithLeeway(30*time.Second)` (v5).'],
    docs: [GOLANG_JWT],
    examples: ['token has invalid claims: token used before issued', 'Token used before issued'],
  },
  {
    id: 'golang-jwt-not-valid-yet',
    library: 'golang-jwt (Go)',
    match: '\\btoken is not valid yet\\b|\\bErrTokenNotValidYet\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.9,
    explain:
      "The token's `nbf` is in the future for the server: the clocks disagree, or the token starts later.",
    fix: ['Sync both clocks with NTP; allow leeway with `jwt.WithLeeway(30*time.Second)` (v5).'],
    docs: [GOLANG_JWT],
    examples: ['token has invalid claims: token is not valid yet'],
  },
  {
    id: 'golang-jwt-audience',
    library: 'golang-jwt, go-oidc (Go)',
    match: '\\btoken has invalid audience\\b|\\boidc: expected audience\\b|\\bErrTokenInvalidAudience\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.92,
    explain: "The token's `aud` is not the audience (client ID or API identifier) the server checks.",
    fix: [
      "Decode the token and compare `aud` with the server's expected audience (go-oidc: `Config.ClientID`); request the token for that audience.",
    ],
    docs: [GOLANG_JWT, GO_OIDC],
    examples: [
      'token has invalid claims: token has invalid audience',
      'oidc: expected audience "my-api" got ["account"]',
    ],
  },
  {
    id: 'golang-jwt-issuer',
    library: 'golang-jwt, go-oidc (Go)',
    match: '\\btoken has invalid issuer\\b|\\bissued by a different provider\\b|\\bErrTokenInvalidIssuer\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.92,
    explain:
      "The token's `iss` is not the issuer the server was set up with (another tenant or realm, or the same one under another URL).",
    fix: [
      "Compare the token's `iss` with the issuer URL the server uses for discovery, character for character.",
    ],
    docs: [GOLANG_JWT, GO_OIDC],
    examples: [
      'oidc: id token issued by a different provider, expected "https://a" got "https://b"',
      'token has invalid claims: token has invalid issuer',
    ],
  },
  {
    id: 'golang-jwt-signature',
    library: 'golang-jwt, go-oidc (Go)',
    match:
      '\\bsignature is invalid\\b|\\bcrypto/rsa: verification error\\b|\\bfailed to verify (?:id token )?signature\\b|\\bErrSignatureInvalid\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.86,
    explain:
      'The signature does not verify with the key the server used: another secret or key pair, or a token from another issuer.',
    fix: SIGNATURE_FIX,
    docs: [GOLANG_JWT],
    examples: [
      'token signature is invalid: signature is invalid',
      'crypto/rsa: verification error',
      'failed to verify signature: failed to verify id token signature',
    ],
  },
  {
    id: 'golang-jwt-signing-method',
    library: 'golang-jwt (Go)',
    match:
      '\\bunexpected signing method\\b|\\bsigning method \\(alg\\) is unavailable\\b|\\bsigning method [A-Z0-9]{2,8} is invalid\\b|\\bkey is of invalid type\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.8,
    explain:
      "The token's `alg` does not fit how the server verifies: an HS256 token where the server uses an RSA/ECDSA public key (or the reverse), which golang-jwt reports as a signing-method or key-type error.",
    fix: [
      'Sign with the algorithm the server expects, and give the key function the key type that algorithm needs ([]byte for HS*, *rsa.PublicKey for RS*).',
    ],
    docs: [GOLANG_JWT],
    examples: [
      'unexpected signing method: HS256',
      'token is unverifiable: error while executing keyfunc: key is of invalid type',
    ],
  },
  {
    id: 'golang-jwt-unverifiable',
    library: 'golang-jwt (Go)',
    match: '\\btoken is unverifiable\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'warning',
    confidence: 0.6,
    tier: 'generic',
    explain:
      "The server's key lookup failed for this token (often: its `kid` is not among the keys the server knows).",
    fix: ["Decode the token header and check that its `kid` is in the issuer's JWKS the server uses."],
    docs: [GOLANG_JWT],
    examples: ['token is unverifiable: error while executing keyfunc: no keys available for issuer'],
  },
  {
    id: 'golang-jwt-malformed',
    library: 'golang-jwt, go-oidc (Go)',
    match:
      '\\btoken contains an invalid number of segments\\b|\\btoken is malformed\\b|\\boidc: malformed jwt\\b',
    cause: 'wrong_header_format',
    severity: 'warning',
    confidence: 0.62,
    explain: MALFORMED_EXPLAIN,
    fix: MALFORMED_FIX,
    docs: [GOLANG_JWT],
    examples: [
      'token is malformed: token contains an invalid number of segments',
      'oidc: malformed jwt: square/go-jose: compact JWS format must have three parts',
    ],
  },
  {
    id: 'echo-jwt-missing',
    library: 'Echo (Go)',
    match: '\\bmissing or malformed jwt\\b',
    cause: 'missing_credentials',
    severity: 'warning',
    confidence: 0.65,
    explain:
      "Echo's JWT middleware found no `Authorization: Bearer <token>` header (or one it could not split into scheme and token).",
    fix: ['Send the token as `Authorization: Bearer <YOUR_TOKEN>`.'],
    whenSent: {
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.55,
      explain:
        "Echo's JWT middleware found no usable bearer token although the request sends a credential: it reads `Authorization: Bearer <token>` by default (`TokenLookup`), so another header or scheme word counts as none.",
      fix: ["Send exactly `Authorization: Bearer <YOUR_TOKEN>`, or match the middleware's `TokenLookup`."],
    },
    docs: [ECHO_JWT],
    examples: ['{"message":"missing or malformed jwt"}'],
  },
  {
    id: 'echo-jwt-invalid',
    library: 'Echo (Go)',
    match: '\\binvalid or expired jwt\\b',
    cause: 'expired_token',
    severity: 'warning',
    confidence: 0.55,
    explain: "Echo's JWT middleware rejected the token: expired (most often) or signed with another key.",
    fix: [
      "Get a new token; if that does not help, check that the signing key on the server matches the issuer's.",
    ],
    docs: [ECHO_JWT],
    examples: ['{"message":"invalid or expired jwt"}'],
  },
];
