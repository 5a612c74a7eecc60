/**
 * Node.js: jsonwebtoken, jose, express-jwt, express-oauth2-jwt-bearer (Auth0), passport-jwt, Kong's JWT and
 * key-auth plugins (often in front of Node services).
 */
import type { LibraryErrorInput } from '../schema.js';
import { MALFORMED_EXPLAIN, MALFORMED_FIX, NEW_TOKEN_FIX, SIGNATURE_FIX, STRIPPED_HEADER } from './shared.js';

const JSONWEBTOKEN = 'https://github.com/auth0/node-jsonwebtoken#errors--codes';
const JOSE = 'https://github.com/panva/jose';
const EXPRESS_JWT = 'https://github.com/auth0/express-jwt';
const AUTH0_BEARER = 'https://github.com/auth0/node-oauth2-jwt-bearer';
const PASSPORT_JWT = 'https://github.com/mikenicholson/passport-jwt';

export const NODE_ERRORS: LibraryErrorInput[] = [
  {
    id: 'jsonwebtoken-expired',
    library: 'jsonwebtoken (Node.js)',
    match: '\\bTokenExpiredError\\b|\\bjwt expired\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.92,
    explain:
      "The server's `jwt.verify` found the token's `exp` in the past: the token expired and must be replaced (refresh it or sign in again).",
    fix: NEW_TOKEN_FIX,
    docs: [JSONWEBTOKEN],
    examples: [
      'TokenExpiredError: jwt expired',
      '{"name":"TokenExpiredError","message":"jwt expired","expiredAt":"2026-01-15T11:00:00.000Z"}',
    ],
    near: ['jwt expires in 1h'],
  },
  {
    id: 'jsonwebtoken-not-active',
    library: 'jsonwebtoken (Node.js)',
    match: '\\bNotBeforeError\\b|\\bjwt not active\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.88,
    explain:
      "The token's `nbf` (not before) is still in the future for the server: either the token was minted to start later, or the issuer's clock is ahead of the server's.",
    fix: [
      "Compare the token's `nbf`/`iat` with the server's clock (`date -u` on both machines) and sync them with NTP.",
      'Allow a little leeway on the server: `jwt.verify(token, key, { clockTolerance: 30 })`.',
    ],
    docs: [JSONWEBTOKEN],
    examples: [
      'NotBeforeError: jwt not active',
      '{"name":"NotBeforeError","message":"jwt not active","date":"…"}',
    ],
  },
  {
    id: 'jsonwebtoken-audience',
    library: 'jsonwebtoken (Node.js)',
    match: '\\bjwt audience invalid\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.92,
    explain:
      "The token's `aud` is not the audience the server verifies against: it was minted for another API or client (an ID token carries the client ID as `aud`).",
    fix: [
      "Decode the token and compare `aud` with the server's `audience` option.",
      'Request the token for this API (the `audience`/`resource` parameter of the token request), and send the access token, not the ID token.',
    ],
    docs: [JSONWEBTOKEN],
    examples: ['JsonWebTokenError: jwt audience invalid. expected: https://api.example.com'],
  },
  {
    id: 'jsonwebtoken-issuer',
    library: 'jsonwebtoken (Node.js)',
    match: '\\bjwt issuer invalid\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.92,
    explain:
      "The token's `iss` is not the issuer the server trusts: it comes from another tenant, environment or identity provider (or the issuer URL differs by a trailing slash).",
    fix: [
      "Decode the token and compare `iss` with the server's `issuer` option, character for character (trailing slash included).",
      'Get the token from the identity provider and tenant this API trusts.',
    ],
    docs: [JSONWEBTOKEN],
    examples: ['JsonWebTokenError: jwt issuer invalid. expected: https://auth.example.com/'],
  },
  {
    id: 'jsonwebtoken-subject-or-id',
    library: 'jsonwebtoken (Node.js)',
    match: '\\bjwt (?:subject|jwtid) invalid\\b',
    cause: 'wrong_token_type',
    severity: 'warning',
    confidence: 0.6,
    explain:
      "The token's `sub` or `jti` is not the one the server requires: it belongs to another user, client or kind of token than the server expects.",
    fix: [
      'Decode the token and compare `sub`/`jti` with what the server verifies, then request the right token.',
    ],
    docs: [JSONWEBTOKEN],
    examples: ['JsonWebTokenError: jwt subject invalid. expected: service-a'],
  },
  {
    id: 'jsonwebtoken-invalid-signature',
    library: 'jsonwebtoken, passport-jwt, express-jwt (Node.js)',
    match: '\\binvalid signature\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The token was signed with a different key than the one the server verifies with: another secret (a different `JWT_SECRET` per environment or instance), a rotated key, or a token from another issuer.',
    fix: SIGNATURE_FIX,
    docs: [JSONWEBTOKEN, PASSPORT_JWT],
    examples: ['JsonWebTokenError: invalid signature', '{"message":"invalid signature"}'],
  },
  {
    id: 'jsonwebtoken-invalid-algorithm',
    library: 'jsonwebtoken (Node.js)',
    match: '\\binvalid algorithm\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.82,
    explain:
      "The token's `alg` header is not one the server allows: for example an HS256 token sent to a server that verifies RS256 with a public key (or the other way round).",
    fix: [
      'Decode the token header and compare `alg` with the `algorithms` option of `jwt.verify`.',
      'Sign with the algorithm the server expects (and the matching key), or add that algorithm to `algorithms`.',
    ],
    docs: [JSONWEBTOKEN],
    examples: ['JsonWebTokenError: invalid algorithm'],
  },
  {
    id: 'jsonwebtoken-malformed',
    library: 'jsonwebtoken (Node.js)',
    match: '\\bjwt malformed\\b|\\bjwt signature is required\\b',
    cause: 'wrong_header_format',
    severity: 'warning',
    confidence: 0.62,
    explain: MALFORMED_EXPLAIN,
    fix: MALFORMED_FIX,
    docs: [JSONWEBTOKEN],
    examples: ['JsonWebTokenError: jwt malformed', 'JsonWebTokenError: jwt signature is required'],
  },
  {
    id: 'jsonwebtoken-must-be-provided',
    library: 'jsonwebtoken (Node.js)',
    match: '\\bjwt must be provided\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.8,
    explain:
      'The server called `jwt.verify` with an empty token: no token reached it, or the code reads it from another header, cookie or field than the one you send.',
    fix: [
      'Send the token as `Authorization: Bearer <YOUR_TOKEN>` (or where the server reads it), and log on the server what it extracts.',
    ],
    whenSent: {
      cause: 'credentials_dropped_in_transit',
      severity: 'warning',
      confidence: 0.5,
      explain: `The server says it got no token although the request sends one: it reads the token from another place than where you put it, or something in between dropped the header. ${STRIPPED_HEADER}`,
      fix: [
        'Log on the server what it extracts from the request; make it read the header you send (and the scheme word, `Bearer`).',
      ],
    },
    docs: [JSONWEBTOKEN],
    examples: ['JsonWebTokenError: jwt must be provided'],
  },
  {
    id: 'jsonwebtoken-secret-missing',
    library: 'jsonwebtoken, express-jwt (Node.js)',
    match: '\\bsecret or public key must be provided\\b',
    cause: 'server_misconfiguration',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The server has no key to verify tokens with: its secret or public key setting (often an environment variable such as `JWT_SECRET`) is empty in this environment. No token can pass until that is fixed.',
    fix: ['Set the verification secret/public key in the server environment and restart it.'],
    docs: [JSONWEBTOKEN],
    examples: ['JsonWebTokenError: secret or public key must be provided'],
  },
  {
    id: 'jsonwebtoken-max-age',
    library: 'jsonwebtoken (Node.js)',
    match: '\\bTokenExpiredError: maxAge exceeded\\b|\\bmaxAge exceeded\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.88,
    explain:
      "The token is older than the server's `maxAge` (counted from `iat`), even if its `exp` has not passed.",
    fix: NEW_TOKEN_FIX,
    docs: [JSONWEBTOKEN],
    examples: ['TokenExpiredError: maxAge exceeded'],
  },
  {
    id: 'jose-expired',
    library: 'jose (JavaScript)',
    match: '\\bERR_JWT_EXPIRED\\b|"exp" claim timestamp check failed|\\bJWTExpired\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.92,
    explain: "The token's `exp` is in the past for the server: the token expired.",
    fix: NEW_TOKEN_FIX,
    docs: [JOSE],
    examples: ['JWTExpired: "exp" claim timestamp check failed', "code: 'ERR_JWT_EXPIRED'"],
  },
  {
    id: 'jose-not-before',
    library: 'jose (JavaScript)',
    match:
      '"nbf" claim timestamp check failed|"iat" claim timestamp check failed \\(it should be in the past\\)',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.88,
    explain:
      "The token's `nbf` or `iat` is in the future for the server: the issuer's clock is ahead of the server's, or the token was minted to start later.",
    fix: [
      'Sync both clocks with NTP; allow a little leeway with `jwtVerify(token, key, { clockTolerance: 30 })`.',
    ],
    docs: [JOSE],
    examples: [
      'JWTClaimValidationFailed: "nbf" claim timestamp check failed',
      '"iat" claim timestamp check failed (it should be in the past)',
    ],
  },
  {
    id: 'jose-too-old',
    library: 'jose (JavaScript)',
    match: '"iat" claim timestamp check failed \\(too far in the past\\)',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.85,
    explain: "The token is older than the server's `maxTokenAge` (counted from `iat`).",
    fix: NEW_TOKEN_FIX,
    docs: [JOSE],
    examples: ['JWTExpired: "iat" claim timestamp check failed (too far in the past)'],
  },
  {
    id: 'jose-audience',
    library: 'jose (JavaScript), express-oauth2-jwt-bearer',
    match: '\\bunexpected [\'"]aud[\'"] (?:claim )?value\\b|"aud" claim check failed',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.92,
    explain:
      "The token's `aud` is not this API's identifier: it was issued for another API, or it is an ID token (whose `aud` is the client ID).",
    fix: [
      "Decode the token and compare `aud` with the API's configured audience.",
      'Request the access token with this API as `audience` (Auth0: the API identifier) and send that, not the ID token.',
    ],
    docs: [JOSE, AUTH0_BEARER],
    examples: [
      'JWTClaimValidationFailed: unexpected "aud" claim value',
      "InvalidTokenError: Unexpected 'aud' value",
    ],
  },
  {
    id: 'jose-issuer',
    library: 'jose (JavaScript), express-oauth2-jwt-bearer',
    match: '\\bunexpected [\'"]iss[\'"] (?:claim )?value\\b|"iss" claim check failed',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.92,
    explain:
      "The token's `iss` is not the issuer the API trusts: another tenant, environment or domain (custom domain vs default domain, trailing slash).",
    fix: [
      "Compare the token's `iss` with the API's `issuerBaseURL`/`issuer` setting, character for character.",
    ],
    docs: [JOSE, AUTH0_BEARER],
    examples: [
      'JWTClaimValidationFailed: unexpected "iss" claim value',
      "InvalidTokenError: Unexpected 'iss' value",
    ],
  },
  {
    id: 'jose-claim-validation',
    library: 'jose (JavaScript)',
    match: '\\bERR_JWT_CLAIM_VALIDATION_FAILED\\b|\\bJWTClaimValidationFailed\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'warning',
    confidence: 0.5,
    tier: 'generic',
    explain:
      "A claim of the token failed the server's checks (most often `aud` or `iss`; the message's `claim` property says which).",
    fix: [
      'Look at the `claim` and `reason` properties of the error, then compare that claim of the token with the server settings.',
    ],
    docs: [JOSE],
    examples: ["code: 'ERR_JWT_CLAIM_VALIDATION_FAILED', claim: 'sub'"],
  },
  {
    id: 'jose-signature',
    library: 'jose (JavaScript)',
    match: '\\bERR_JWS_SIGNATURE_VERIFICATION_FAILED\\b|\\bJWSSignatureVerificationFailed\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.88,
    explain:
      'The signature does not verify with the key the server used: the token was signed by another key (another tenant or environment, a rotated key, a different shared secret).',
    fix: SIGNATURE_FIX,
    docs: [JOSE],
    examples: [
      "JWSSignatureVerificationFailed: signature verification failed code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'",
    ],
  },
  {
    id: 'jose-no-matching-key',
    library: 'jose (JavaScript)',
    match:
      '\\bERR_JWKS_NO_MATCHING_KEY\\b|no applicable key found in the JSON Web Key Set|\\bJWKSNoMatchingKey\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.88,
    explain:
      "The token's `kid` is not in the JWKS the server fetched: it was signed by another issuer or tenant, or by a key that was rotated out.",
    fix: [
      "Decode the token header and look for its `kid` in the server's JWKS URL; get a token from the issuer whose keys the server uses.",
    ],
    docs: [JOSE],
    examples: ['JWKSNoMatchingKey: no applicable key found in the JSON Web Key Set'],
  },
  {
    id: 'jose-alg-not-allowed',
    library: 'jose (JavaScript)',
    match: '\\bERR_JOSE_ALG_NOT_ALLOWED\\b|"alg" \\(Algorithm\\) Header Parameter value not allowed',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.82,
    explain: "The token's `alg` is not among the algorithms the server allows (HS256 vs RS256, for example).",
    fix: ['Sign with the algorithm the server expects, or add it to the `algorithms` option of `jwtVerify`.'],
    docs: [JOSE],
    examples: ['JOSEAlgNotAllowed: "alg" (Algorithm) Header Parameter value not allowed'],
  },
  {
    id: 'jose-invalid',
    library: 'jose (JavaScript)',
    match: '\\bERR_JW[ST]_INVALID\\b|\\bInvalid Compact JWS\\b|\\bJWTs must use Compact JWS serialization\\b',
    cause: 'wrong_header_format',
    severity: 'warning',
    confidence: 0.6,
    explain: MALFORMED_EXPLAIN,
    fix: MALFORMED_FIX,
    docs: [JOSE],
    examples: ["JWSInvalid: Invalid Compact JWS code: 'ERR_JWS_INVALID'"],
  },
  {
    id: 'express-jwt-no-token',
    library: 'express-jwt (Node.js)',
    match: '\\bNo authorization token was found\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.85,
    explain: 'express-jwt found no `Authorization: Bearer …` header on the request.',
    fix: ['Send the token as `Authorization: Bearer <YOUR_TOKEN>`.'],
    whenSent: {
      cause: 'credentials_dropped_in_transit',
      severity: 'warning',
      confidence: 0.55,
      explain: `express-jwt found no Authorization header although the request sends a credential: it is in another header, or something in between removed it. ${STRIPPED_HEADER}`,
      fix: [
        'Send the token in `Authorization: Bearer <YOUR_TOKEN>`, and check that proxies in front of the app forward that header.',
      ],
    },
    docs: [EXPRESS_JWT],
    examples: ['UnauthorizedError: No authorization token was found'],
  },
  {
    id: 'express-jwt-bad-format',
    library: 'express-jwt (Node.js)',
    match: '\\bFormat is Authorization: Bearer \\[token\\]|\\bcredentials_bad_(?:scheme|format)\\b',
    cause: 'wrong_header_format',
    severity: 'error',
    confidence: 0.9,
    explain:
      'express-jwt found an Authorization header but not in the form `Bearer <token>` (another scheme word, or extra spaces or parts).',
    fix: ['Send exactly `Authorization: Bearer <YOUR_TOKEN>`: the word Bearer, one space, the token.'],
    docs: [EXPRESS_JWT],
    examples: ["UnauthorizedError: Format is Authorization: Bearer [token] code: 'credentials_bad_scheme'"],
  },
  {
    id: 'auth0-bearer-no-token',
    library: 'express-oauth2-jwt-bearer (Auth0)',
    match: '\\bInvalidRequestError\\b[^\\n]{0,40}\\b(?:Invalid Request|No token)\\b',
    cause: 'wrong_header_format',
    severity: 'warning',
    confidence: 0.6,
    explain:
      'The Auth0 middleware could not read a bearer token from the request: the token is in more than one place, or the header is not `Authorization: Bearer <token>`.',
    fix: ['Send the token once, as `Authorization: Bearer <YOUR_TOKEN>`.'],
    docs: [AUTH0_BEARER],
    examples: ['InvalidRequestError: Invalid Request'],
  },
  {
    id: 'auth0-insufficient-scope',
    library: 'Auth0',
    match: '\\bInsufficient scope, expected any of: (?<detail>[\\w:. ,/-]{1,200})',
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.92,
    explain:
      'The access token is valid but lacks the permission (scope) this endpoint needs. Scopes come from what the application requested and what the API/role grants.',
    fix: [
      "Grant the named scopes to the application (Auth0: APIs → your API → Machine to Machine Applications, or the user's role) and request them in the token request's `scope`.",
      'Get a new token and check its `scope`/`permissions` claim.',
    ],
    docs: ['https://auth0.com/docs/get-started/apis/scopes'],
    examples: [
      '{"statusCode":403,"error":"Forbidden","message":"Insufficient scope, expected any of: read:users","errorCode":"insufficient_scope"}',
    ],
  },
  {
    id: 'auth0-bad-audience',
    library: 'Auth0',
    match: '\\bBad audience: |\\bService not enabled within domain\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.9,
    explain:
      'The token was issued for another audience than this API (for the Management API, the audience must be `https://<tenant>/api/v2/`), or the audience requested is not an API registered in this tenant.',
    fix: [
      "Request the token with `audience` set to this API's identifier, exactly as registered in the tenant.",
    ],
    docs: ['https://auth0.com/docs/secure/tokens/access-tokens/get-access-tokens'],
    examples: [
      '{"statusCode":401,"error":"Unauthorized","message":"Bad audience: https://example.com/api"}',
      'Service not enabled within domain: https://api.example.com',
    ],
  },
  {
    id: 'auth0-expired-received',
    library: 'Auth0',
    match: '\\bExpired token received for JSON Web Token validation\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.93,
    explain: 'The access token expired (Auth0 Management API tokens last 24 hours by default).',
    fix: NEW_TOKEN_FIX,
    docs: ['https://auth0.com/docs/secure/tokens/access-tokens/management-api-access-tokens'],
    examples: [
      '{"statusCode":401,"error":"Unauthorized","message":"Expired token received for JSON Web Token validation","attributes":{"error":"Expired token received for JSON Web Token validation"}}',
    ],
  },
  {
    id: 'auth0-invalid-signature-received',
    library: 'Auth0',
    match: '\\bInvalid signature received for JSON Web Token validation\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.9,
    explain: 'The token was not signed by this tenant (another tenant or environment, or a hand-made token).',
    fix: ['Get the token from the same Auth0 tenant as the API you call.'],
    docs: ['https://auth0.com/docs/secure/tokens/access-tokens/management-api-access-tokens'],
    examples: [
      '{"statusCode":401,"error":"Unauthorized","message":"Invalid signature received for JSON Web Token validation"}',
    ],
  },
  {
    id: 'auth0-client-grant',
    library: 'Auth0',
    match: '\\bClient is not authorized to access\\b[^\\n]{1,240}\\bclient-grant\\b',
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.9,
    explain:
      'The application is not authorized for this API: there is no client grant between the application and the API in the tenant.',
    fix: [
      'In the Auth0 dashboard, authorize the application for this API (APIs → your API → Machine to Machine Applications) and select the scopes it needs.',
    ],
    docs: ['https://auth0.com/docs/get-started/applications/application-access-to-apis-client-grants'],
    examples: [
      '{"error":"access_denied","error_description":"Client is not authorized to access \\"https://api.example.com\\". You need to create a \\"client-grant\\" associated to this API."}',
    ],
  },
  {
    id: 'passport-jwt-no-token',
    library: 'passport-jwt (Node.js)',
    match: '\\bNo auth token\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.82,
    explain:
      "passport-jwt's extractor found no token: nothing was sent, or it was sent in a form the configured extractor does not read (`fromAuthHeaderAsBearerToken()` wants `Authorization: Bearer <token>`, `fromAuthHeaderWithScheme('JWT')` wants `JWT <token>`).",
    fix: [
      "Send the token exactly as the strategy's `jwtFromRequest` extractor expects (usually `Authorization: Bearer <YOUR_TOKEN>`).",
    ],
    whenSent: {
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.6,
      explain:
        "passport-jwt found no token although the request sends one: the configured extractor reads another header or scheme word (`fromAuthHeaderAsBearerToken()` wants `Bearer`, `fromAuthHeaderWithScheme('JWT')` wants `JWT`), or a proxy dropped the header.",
      fix: [
        "Match the header to the strategy's `jwtFromRequest`: `Authorization: Bearer <YOUR_TOKEN>` for `fromAuthHeaderAsBearerToken()`.",
      ],
    },
    docs: [PASSPORT_JWT],
    examples: ['Error: No auth token', '{"info":{"message":"No auth token"}}'],
  },
  {
    id: 'kong-no-api-key',
    library: 'Kong gateway',
    match: '\\bNo API key found in request\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.85,
    explain:
      "Kong's key-auth plugin found no key in the header or query parameter it is configured to read (`apikey` by default).",
    fix: [
      "Send the key in the header or query parameter named in the key-auth plugin's `key_names` (default `apikey`).",
    ],
    whenSent: {
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.6,
      explain:
        "Kong's key-auth plugin found no key although the request sends a credential: it is not under one of the plugin's `key_names` (default `apikey`).",
      fix: ['Send the key under the name the plugin reads, e.g. `-H "apikey: <YOUR_KEY>"`.'],
    },
    docs: ['https://docs.konghq.com/hub/kong-inc/key-auth/'],
    examples: ['{"message":"No API key found in request"}'],
  },
  {
    id: 'kong-no-iss-credentials',
    library: 'Kong gateway',
    match: "\\bNo credentials found for given '?iss'?|\\bNo mandatory 'iss' in claims\\b",
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.85,
    explain:
      "Kong's JWT plugin looks up the consumer by the token's `iss` (its `key_claim_name`); no JWT credential has that key.",
    fix: [
      "Set the token's `iss` to the `key` of the consumer's JWT credential in Kong (or change `key_claim_name`).",
    ],
    docs: ['https://docs.konghq.com/hub/kong-inc/jwt/'],
    examples: ['{"message":"No credentials found for given \'iss\'"}'],
  },
];
