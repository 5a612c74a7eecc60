/**
 * The layers that sit between a client and its data and check the token themselves: GraphQL servers (Apollo,
 * graphql-shield, Hasura), Postgres REST layers (PostgREST, Supabase) and the Haskell `jose` library they
 * share, gRPC status codes, service-mesh and gateway JWT filters (Envoy `jwt_authn`, Istio), Google API
 * front ends, the Okta JWT verifier, and Firebase Authentication (Admin SDKs on the server, client SDKs).
 */
import type { LibraryErrorInput } from '../schema.js';
import { MALFORMED_EXPLAIN, MALFORMED_FIX, NEW_TOKEN_FIX, SIGNATURE_FIX } from './shared.js';

const HS_JOSE = 'https://hackage.haskell.org/package/jose';
const HASURA_JWT = 'https://hasura.io/docs/latest/auth/authentication/jwt/';
const POSTGREST = 'https://docs.postgrest.org/en/stable/references/errors.html';
const SUPABASE = 'https://supabase.com/docs/guides/api/api-keys';
const APOLLO = 'https://www.apollographql.com/docs/apollo-server/data/errors';
const GRPC = 'https://grpc.io/docs/guides/status-codes/';
const ENVOY_JWT =
  'https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/jwt_authn_filter';
const FIREBASE_VERIFY = 'https://firebase.google.com/docs/auth/admin/verify-id-tokens';
const FIREBASE_ERRORS = 'https://firebase.google.com/docs/auth/admin/errors';
const OKTA_VERIFIER = 'https://github.com/okta/okta-jwt-verifier-js';

export const API_LAYER_ERRORS: LibraryErrorInput[] = [
  // Haskell jose: Hasura, PostgREST (and Supabase, which runs PostgREST) print its constructors.
  {
    id: 'hs-jose-signature',
    library: 'Haskell jose (Hasura, PostgREST, Supabase)',
    match:
      '\\bJWSInvalidSignature\\b|\\bJWSNoValidSignatures\\b|\\bJWSNoSignatures\\b|\\bNo suitable key or wrong key type\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.9,
    explain:
      'The token was signed with another key than the one the server verifies with: the auth service and the GraphQL/REST layer hold different secrets (two environment variables that should be one, a secret with extra quotes or a trailing newline, an HS256 secret shorter than 32 characters), or the JWKS the server loaded does not have the signing key.',
    fix: [
      'Give the issuer and the verifier the same key: for Hasura compare `HASURA_GRAPHQL_JWT_SECRET` (`{"type":"HS256","key":"…"}`) with the secret the auth service signs with; for PostgREST `jwt-secret` (Supabase: the project JWT secret).',
      ...SIGNATURE_FIX,
    ],
    docs: [HS_JOSE, HASURA_JWT, POSTGREST],
    examples: [
      '{"errors":[{"extensions":{"path":"$","code":"invalid-jwt"},"message":"Could not verify JWT: JWSError JWSInvalidSignature"}]}',
      '{"code":"PGRST301","details":null,"hint":null,"message":"JWSError JWSInvalidSignature"}',
      '{"message":"No suitable key or wrong key type"}',
    ],
  },
  {
    id: 'hs-jose-expired',
    library: 'Haskell jose (Hasura, PostgREST, Supabase)',
    match:
      '\\bCould not verify JWT: JWTExpired\\b|\\bJW[ST]Error:? \\(?JWTExpired\\b|\\bPGRST30[13]\\b[^\\n]{0,80}\\bJWT expired\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.92,
    explain:
      "The token's `exp` is in the past for the server: the client kept using a token after it expired (Supabase and most auth services issue one-hour tokens) instead of refreshing it.",
    fix: NEW_TOKEN_FIX,
    docs: [HASURA_JWT, POSTGREST],
    examples: [
      '{"errors":[{"extensions":{"code":"invalid-jwt"},"message":"Could not verify JWT: JWTExpired"}]}',
      '{"code":"PGRST303","details":null,"hint":null,"message":"JWT expired"}',
    ],
  },
  {
    id: 'hs-jose-not-yet-valid',
    library: 'Haskell jose (Hasura, PostgREST)',
    match: '\\bJWTNotYetValid\\b|\\bJWTIssuedAtFuture\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.9,
    explain:
      "The token's `nbf` or `iat` lies in the future for the server: the issuing machine's clock is ahead of the server's.",
    fix: [
      'Sync the clocks of the auth service and the server (NTP); Hasura allows leeway with `"allowed_skew"` in the JWT secret config.',
    ],
    docs: [HASURA_JWT],
    examples: ['Could not verify JWT: JWTIssuedAtFuture', 'Could not verify JWT: JWTNotYetValid'],
  },
  {
    id: 'hs-jose-audience',
    library: 'Haskell jose (Hasura, PostgREST)',
    match: '\\bJWTNotInAudience\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.92,
    explain:
      "The token's `aud` is not the audience the server is configured for (Hasura `audience`, PostgREST `jwt-aud`).",
    fix: [
      "Decode the token and compare `aud` with the server's configured audience; request the token for this API (Auth0: `audience`; Firebase: the project ID).",
    ],
    docs: [HASURA_JWT],
    examples: ['Could not verify JWT: JWTNotInAudience'],
  },
  {
    id: 'hs-jose-issuer',
    library: 'Haskell jose (Hasura, PostgREST)',
    match: '\\bJWTNotInIssuer\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.92,
    explain: "The token's `iss` is not the issuer the server is configured to trust.",
    fix: [
      "Compare the token's `iss` with the `issuer` in the server's JWT configuration, character for character.",
    ],
    docs: [HASURA_JWT],
    examples: ['Could not verify JWT: JWTNotInIssuer'],
  },
  {
    id: 'hs-jose-algorithm',
    library: 'Haskell jose (Hasura, PostgREST)',
    match:
      '\\bJW[ST]Error\\b[^\\n]{0,40}\\b(?:KeyMismatch|AlgorithmMismatch|AlgorithmNotImplemented|KeySizeTooSmall)\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.82,
    explain:
      "The token's algorithm does not fit the configured key: an RS256 token checked with an HS256 secret (or the reverse), or a secret too short for the algorithm.",
    fix: [
      'Configure the key type the issuer signs with (Hasura: `"type"` in the JWT secret, or `jwk_url` for RS256 issuers).',
      ...SIGNATURE_FIX,
    ],
    docs: [HS_JOSE],
    examples: [
      'Could not verify JWT: JWSError KeyMismatch "key type mismatch"',
      'JWSError (AlgorithmMismatch "RS256")',
    ],
  },
  {
    id: 'hs-jose-malformed',
    library: 'Haskell jose (Hasura, PostgREST)',
    match: '\\bCompactDecodeError\\b|\\bJWSError \\(?JSONDecodeError\\b|\\bJWTClaimsSetDecodeError\\b',
    cause: 'wrong_header_format',
    severity: 'warning',
    confidence: 0.62,
    explain: MALFORMED_EXPLAIN,
    fix: MALFORMED_FIX,
    docs: [HS_JOSE],
    examples: [
      'Could not verify JWT: JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 1)',
    ],
  },
  // Hasura
  {
    id: 'hasura-invalid-jwt',
    library: 'Hasura',
    tier: 'generic',
    match: '"code"\\s?:\\s?"invalid-jwt"|\\bCould not verify JWT\\b',
    cause: 'invalid_credentials',
    severity: 'warning',
    confidence: 0.5,
    explain:
      'Hasura could not verify the JWT; the reason follows `Could not verify JWT:` (expired, signature, audience, issuer, or a token that is not a JWT).',
    fix: [
      'Decode the token and check `exp`, `aud`, `iss` and the signing key against `HASURA_GRAPHQL_JWT_SECRET`.',
    ],
    docs: [HASURA_JWT],
    examples: [
      '{"errors":[{"extensions":{"path":"$","code":"invalid-jwt"},"message":"Could not verify JWT"}]}',
    ],
  },
  {
    id: 'hasura-missing-header',
    library: 'Hasura',
    match:
      "\\bMissing 'Authorization' or 'Cookie' header in JWT authentication mode\\b|\\bx-hasura-admin-secret/x-hasura-access-key required, but not found\\b|\\bMissing Authorization header in JWT authentication mode\\b",
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.88,
    explain:
      'Hasura runs with an admin secret (and possibly JWT or webhook auth) and the request carried neither a JWT (`Authorization: Bearer`) nor `x-hasura-admin-secret`; without `HASURA_GRAPHQL_UNAUTHORIZED_ROLE` anonymous requests are refused.',
    fix: [
      'Send `Authorization: Bearer <YOUR_JWT>` (or, for admin tools only, `x-hasura-admin-secret`), or configure `HASURA_GRAPHQL_UNAUTHORIZED_ROLE` for public queries.',
    ],
    whenSent: {
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.55,
      explain:
        'Hasura saw neither a JWT nor the admin secret although the request sends a credential: it was in another header, without `Bearer `, or a proxy dropped it.',
      fix: [
        'Send the JWT as `Authorization: Bearer <YOUR_JWT>`, or the admin secret as `x-hasura-admin-secret`.',
      ],
    },
    docs: [HASURA_JWT],
    examples: [
      '{"errors":[{"extensions":{"path":"$","code":"access-denied"},"message":"Missing \'Authorization\' or \'Cookie\' header in JWT authentication mode"}]}',
      '{"error":"x-hasura-admin-secret/x-hasura-access-key required, but not found","code":"access-denied"}',
    ],
  },
  {
    id: 'hasura-invalid-admin-secret',
    library: 'Hasura',
    match: '\\binvalid x-hasura-admin-secret/x-hasura-access-key\\b|\\binvalid x-hasura-admin-secret\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.9,
    explain:
      'The `x-hasura-admin-secret` sent is not the `HASURA_GRAPHQL_ADMIN_SECRET` the server runs with.',
    fix: [
      'Use the admin secret of this Hasura instance (environments usually differ), with no quotes or trailing newline.',
    ],
    docs: ['https://hasura.io/docs/latest/auth/authentication/admin-secret-access/'],
    examples: ['{"error":"invalid x-hasura-admin-secret/x-hasura-access-key","code":"access-denied"}'],
  },
  {
    id: 'hasura-claims-missing',
    library: 'Hasura',
    match:
      "\\bclaims key: '[^'\\n]{1,120}' not found\\b|\\bx-hasura-allowed-roles\\b[^\\n]{0,40}\\b(?:not found|missing|required)\\b|\\bx-hasura-default-role\\b[^\\n]{0,40}\\b(?:not found|missing|required)\\b",
    cause: 'wrong_token_type',
    severity: 'warning',
    confidence: 0.65,
    explain:
      "The JWT verified, but it does not carry Hasura's claims (`https://hasura.io/jwt/claims` with `x-hasura-default-role` and `x-hasura-allowed-roles`): it is a token the identity provider issued without the rule/action that adds them (often the access token when the claims were added to the ID token, or the reverse), or the claims live under another namespace than `claims_namespace(_path)`.",
    fix: [
      'Decode the token and look for the claims object; add it in the identity provider (Auth0 Action, Firebase custom claims, Cognito pre-token trigger) to the token you send, or point `claims_namespace_path` at where it is.',
    ],
    docs: [HASURA_JWT],
    examples: ["Could not verify JWT: claims key: 'https://hasura.io/jwt/claims' not found"],
  },
  {
    id: 'hasura-access-denied',
    library: 'Hasura',
    match:
      '\\byour (?:current|requested) role is not in (?:the )?allowed roles\\b|\\bx-hasura-role\\b[^\\n]{0,60}\\bnot (?:in|part of) (?:the )?allowed roles\\b',
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The request asked for a role (`x-hasura-role`) that the JWT does not list in `x-hasura-allowed-roles`.',
    fix: ['Request one of the roles the token allows, or add the role to the token’s allowed roles.'],
    docs: ['https://hasura.io/docs/latest/auth/authorization/permissions/'],
    examples: [
      '{"errors":[{"extensions":{"code":"access-denied"},"message":"your requested role is not in allowed roles"}]}',
    ],
  },
  // PostgREST and Supabase
  {
    id: 'postgrest-no-secret',
    library: 'PostgREST',
    match: '\\bServer lacks JWT secret\\b|"code"\\s?:\\s?"PGRST300"',
    cause: 'server_misconfiguration',
    severity: 'error',
    confidence: 0.9,
    explain:
      'PostgREST received a JWT but was started without `jwt-secret` (or JWKS), so it cannot verify any token.',
    fix: [
      'Configure `jwt-secret` (or `PGRST_JWT_SECRET`) with the key your auth service signs with, and restart or reload PostgREST.',
    ],
    docs: [POSTGREST],
    examples: ['{"code":"PGRST300","message":"Server lacks JWT secret"}'],
  },
  {
    id: 'postgrest-anonymous-disabled',
    library: 'PostgREST',
    match: '\\bAnonymous access is disabled\\b|"code"\\s?:\\s?"PGRST302"',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.85,
    explain: 'PostgREST has no anonymous role configured and the request carried no JWT.',
    fix: ['Send `Authorization: Bearer <YOUR_JWT>`, or configure `db-anon-role` for public endpoints.'],
    docs: [POSTGREST],
    examples: ['{"code":"PGRST302","message":"Anonymous access is disabled"}'],
  },
  {
    id: 'supabase-anon-key-as-user-token',
    library: 'Supabase Auth (GoTrue)',
    match: '\\binvalid claim: missing sub claim\\b',
    cause: 'wrong_token_type',
    severity: 'error',
    confidence: 0.85,
    explain:
      "Supabase Auth expected a signed-in user's access token (its `sub` is the user ID) and got a token without `sub`: the project's anon or service-role key, which identifies the project, not a user.",
    fix: [
      "Send the user's session access token (`session.access_token` after sign-in) as `Authorization: Bearer …`, and the anon key as `apikey`.",
    ],
    docs: [SUPABASE],
    examples: ['{"code":403,"error_code":"bad_jwt","msg":"invalid claim: missing sub claim"}'],
  },
  {
    id: 'supabase-refresh-token',
    library: 'Supabase Auth (GoTrue)',
    match:
      '\\bInvalid Refresh Token: (?:Already Used|Refresh Token Not Found|Session Expired)\\b|\\bRefresh Token Not Found\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.82,
    explain:
      'The refresh token was already used (refresh tokens rotate: each works once), belongs to a session that was signed out, or was never stored; two tabs or processes refreshing the same session race each other.',
    fix: [
      'Sign in again to start a new session, and let one client instance own the refresh (the Supabase client does it when `autoRefreshToken` is on).',
    ],
    docs: ['https://supabase.com/docs/guides/auth/sessions'],
    examples: [
      'AuthApiError: Invalid Refresh Token: Already Used',
      'Invalid Refresh Token: Refresh Token Not Found',
    ],
  },
  // GraphQL servers
  {
    id: 'graphql-unauthenticated',
    library: 'GraphQL servers (Apollo and others)',
    tier: 'generic',
    match:
      '"code"\\s?:\\s?"UNAUTHENTICATED"|\\bAuthenticationError: (?:must authenticate|you must be logged in|not authenticated|unauthenticated|context creation failed)\\b',
    cause: 'missing_credentials',
    severity: 'warning',
    confidence: 0.55,
    explain:
      "The GraphQL server's context found no authenticated user (`extensions.code: UNAUTHENTICATED`): no token reached the resolver, or the context function could not read it.",
    fix: [
      'Send the token the server expects (usually `Authorization: Bearer <YOUR_TOKEN>`) on the HTTP request (and in `connectionParams` for WebSocket subscriptions).',
    ],
    whenSent: {
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.5,
      explain:
        "The GraphQL server's context did not accept the token it got (`UNAUTHENTICATED`): expired, signed by another key, for another audience, or read from another header than the one the context function looks at. GraphQL servers answer 200 with this error, so the HTTP status says nothing.",
      fix: [
        'Decode the token (`exp`, `aud`, `iss`) and check how the server’s context function reads it (header name, `Bearer ` prefix); subscriptions send it in `connectionParams`.',
      ],
    },
    docs: [APOLLO],
    examples: [
      '{"errors":[{"message":"You must be logged in","extensions":{"code":"UNAUTHENTICATED"}}]}',
      'AuthenticationError: must authenticate',
    ],
  },
  {
    id: 'graphql-forbidden',
    library: 'GraphQL servers (Apollo, graphql-shield)',
    tier: 'generic',
    match: '"code"\\s?:\\s?"FORBIDDEN"|\\bForbiddenError: |"message"\\s?:\\s?"Not Authori[sz]ed!"',
    cause: 'insufficient_scope_or_permissions',
    severity: 'warning',
    confidence: 0.6,
    explain:
      'The GraphQL server knows who is calling but a resolver or permission rule (graphql-shield, a directive) refused this field or operation. graphql-shield answers "Not Authorised!" both for a missing user and a missing permission.',
    fix: [
      'Check which field the error’s `path` names and the rule or role that guards it; grant the role, or call with a user that has it.',
    ],
    docs: [APOLLO],
    examples: [
      '{"errors":[{"message":"Forbidden","path":["adminStats"],"extensions":{"code":"FORBIDDEN"}}]}',
      '{"errors":[{"message":"Not Authorised!","path":["me"]}]}',
    ],
  },
  // gRPC
  {
    id: 'grpc-unauthenticated',
    library: 'gRPC',
    tier: 'generic',
    match:
      '\\bcode = Unauthenticated desc = (?<detail>[^\\n]{1,160})|\\bStatusCode\\.UNAUTHENTICATED\\b|\\bStatus\\(StatusCode="Unauthenticated"|\\bUNAUTHENTICATED: |\\bstatus: Unauthenticated\\b',
    cause: 'missing_credentials',
    severity: 'warning',
    confidence: 0.55,
    explain:
      'The gRPC server answered UNAUTHENTICATED: it found no valid credentials in the call metadata (the `authorization` metadata key, lowercase, with `Bearer <token>`), or per-call credentials were not attached.',
    fix: [
      'Attach the credential as call metadata `authorization: Bearer <YOUR_TOKEN>` (or per-RPC credentials such as `grpc.access_token_call_credentials` over a TLS channel).',
    ],
    whenSent: {
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.5,
      explain:
        'The gRPC server did not accept the credentials in the call metadata (UNAUTHENTICATED): expired, for another audience, or under another metadata key than the server reads. The `desc` usually says which.',
      fix: ['Read the `desc` of the status, decode the token, and check the metadata key the server reads.'],
    },
    docs: [GRPC],
    examples: [
      'rpc error: code = Unauthenticated desc = invalid token',
      'grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with: status = StatusCode.UNAUTHENTICATED details = "Token expired">',
      'Error: 16 UNAUTHENTICATED: Missing or invalid bearer token',
    ],
  },
  {
    id: 'grpc-permission-denied',
    library: 'gRPC',
    tier: 'generic',
    match:
      '\\bcode = PermissionDenied desc = (?<detail>[^\\n]{1,160})|\\bStatusCode\\.PERMISSION_DENIED\\b|\\bStatus\\(StatusCode="PermissionDenied"|\\b7 PERMISSION_DENIED: ',
    cause: 'insufficient_scope_or_permissions',
    severity: 'warning',
    confidence: 0.6,
    explain:
      'The gRPC server knows the caller but refused the method (PERMISSION_DENIED): a missing role or scope, or (for Google APIs) an API not enabled or an IAM binding missing; the `desc` says which.',
    fix: ['Read the `desc`; grant the role or scope it names, or enable the API for the project.'],
    docs: [GRPC],
    examples: [
      'rpc error: code = PermissionDenied desc = caller lacks orders.write',
      '7 PERMISSION_DENIED: The caller does not have permission',
    ],
  },
  {
    id: 'grpc-insecure-channel',
    library: 'gRPC',
    match:
      '\\bcannot send secure credentials on an insecure connection\\b|\\bthe credentials require transport level security\\b|\\bCallCredentials require a secure channel\\b',
    cause: 'wrong_url_or_endpoint',
    severity: 'error',
    confidence: 0.82,
    explain:
      'The gRPC client refused to send per-call credentials (a token) over a plaintext channel, so the call went out without them: the channel was built insecure (`grpc.insecure_channel`, `insecure.NewCredentials()`, `http://` target) where the server expects TLS.',
    fix: [
      'Use a TLS channel (`grpc.secure_channel(target, grpc.composite_channel_credentials(ssl, call_creds))`, `credentials.NewTLS(...)`), or, for a local plaintext server only, attach the token as plain metadata.',
    ],
    docs: ['https://grpc.io/docs/guides/auth/'],
    examples: ['transport: cannot send secure credentials on an insecure connection'],
  },
  // Google API front ends (any client library)
  {
    id: 'google-api-key-not-supported',
    library: 'Google APIs',
    match: '\\bAPI keys are not supported by this API\\b',
    cause: 'wrong_token_type',
    severity: 'error',
    confidence: 0.92,
    explain:
      'This Google API needs an OAuth 2.0 access token (a user or a service account), not an API key: API keys only identify a project, and this API acts on behalf of a principal.',
    fix: [
      'Get an access token for a user (OAuth consent) or a service account (`gcloud auth print-access-token`, Application Default Credentials) with the API’s scope, and send it as `Authorization: Bearer …`.',
    ],
    docs: ['https://cloud.google.com/docs/authentication/api-keys'],
    examples: [
      'API keys are not supported by this API. Expected OAuth2 access token or other authentication credentials that assert a principal.',
    ],
  },
  {
    id: 'google-insufficient-scopes',
    library: 'Google APIs',
    match: '\\bRequest had insufficient authentication scopes\\b|\\bACCESS_TOKEN_SCOPE_INSUFFICIENT\\b',
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.92,
    explain:
      'The access token is valid but was granted without the OAuth scope this method needs; scopes are fixed when the user consents (a stored token from an earlier consent keeps the old scopes).',
    fix: [
      'Add the scope the method’s docs list to the authorization request and have the user consent again (delete the stored token, e.g. `token.json`, so the flow runs again).',
    ],
    docs: ['https://developers.google.com/identity/protocols/oauth2/scopes'],
    examples: ['"message": "Request had insufficient authentication scopes.", "status": "PERMISSION_DENIED"'],
  },
  {
    id: 'google-invalid-auth-credentials',
    library: 'Google APIs',
    match: '\\bRequest had invalid authentication credentials\\b',
    cause: 'invalid_credentials',
    severity: 'warning',
    confidence: 0.6,
    explain:
      'Google could not use the bearer token: it is expired (access tokens live an hour), revoked, not an OAuth access token at all (a refresh token `1//…`, an ID token, an API key in the Authorization header), or mangled.',
    fix: [
      'Send a current access token (they start with `ya29.`); exchange the refresh token at `https://oauth2.googleapis.com/token` when it expires, or let the client library do it.',
    ],
    docs: ['https://developers.google.com/identity/protocols/oauth2'],
    examples: [
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
    ],
  },
  // Envoy jwt_authn (Istio RequestAuthentication uses it) and the Okta JWT verifier, which share wording.
  {
    id: 'envoy-jwt-missing',
    library: 'Envoy jwt_authn (Istio)',
    match: '\\bJwt is missing\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The gateway requires a JWT on this route and found none where it looks (by default `Authorization: Bearer …` or the `access_token` query parameter).',
    fix: ['Send `Authorization: Bearer <YOUR_JWT>` (or the header the provider’s `from_headers` names).'],
    whenSent: {
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.55,
      explain:
        'The gateway found no JWT although the request sends a credential: the filter only reads the places its provider configures (`from_headers`, `from_params`, `from_cookies`; default `Authorization: Bearer`), so a token elsewhere, or without the `Bearer ` prefix, counts as missing.',
      fix: [
        'Send the token where the gateway’s JWT provider reads it (default `Authorization: Bearer <YOUR_JWT>`).',
      ],
    },
    reads: { header: 'authorization', scheme: 'bearer' },
    docs: [ENVOY_JWT],
    examples: ['Jwt is missing'],
  },
  {
    id: 'envoy-jwt-expired',
    library: 'Envoy jwt_authn (Istio), Okta JWT verifier',
    match: '\\bJwt is expired\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.92,
    explain: "The token's `exp` is in the past for the gateway.",
    fix: NEW_TOKEN_FIX,
    docs: [ENVOY_JWT, OKTA_VERIFIER],
    examples: ['Jwt is expired', 'JwtParseError: Jwt is expired'],
  },
  {
    id: 'envoy-jwt-not-yet-valid',
    library: 'Envoy jwt_authn (Istio), Okta JWT verifier',
    match: '\\bJwt not yet valid\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.88,
    explain:
      "The token's `nbf`/`iat` lies in the future for the verifier: the issuer's clock is ahead of the verifier's.",
    fix: ['Sync the clocks (NTP) of the issuer and the gateway; allow a little clock skew in the verifier.'],
    docs: [ENVOY_JWT],
    examples: ['Jwt not yet valid'],
  },
  {
    id: 'envoy-jwt-audience',
    library: 'Envoy jwt_authn (Istio), Okta JWT verifier',
    match: '\\bAudiences in Jwt are not allowed\\b|\\bdoes not match expected audience\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.92,
    explain: "The token's `aud` is not one the verifier accepts: it was minted for another API or client.",
    fix: [
      "Decode the token and compare `aud` with the verifier's `audiences`; request the token for this API.",
    ],
    docs: [ENVOY_JWT, OKTA_VERIFIER],
    examples: [
      'Audiences in Jwt are not allowed',
      'audience claim api://default does not match expected audience: api://orders',
    ],
  },
  {
    id: 'envoy-jwt-issuer',
    library: 'Envoy jwt_authn (Istio), Okta JWT verifier',
    match: '\\bJwt issuer is not configured\\b|\\bdoes not match expected issuer\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.9,
    explain:
      "The token's `iss` is not an issuer the verifier is configured for (another tenant, environment or authorization server).",
    fix: [
      "Compare the token's `iss` with the verifier's configured issuer, character for character (trailing slash, `/oauth2/default`).",
    ],
    docs: [ENVOY_JWT, OKTA_VERIFIER],
    examples: [
      'Jwt issuer is not configured',
      'issuer https://dev-1.okta.com does not match expected issuer: https://dev-1.okta.com/oauth2/default',
    ],
  },
  {
    id: 'envoy-jwks-kid',
    library: 'Envoy jwt_authn (Istio), Okta JWT verifier',
    match:
      "\\bJwks doesn't have key to match kid or alg from Jwt\\b|\\bError while resolving signing key for kid\\b",
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.9,
    explain:
      "No key in the verifier's JWKS matches the token's `kid`/`alg`: the token comes from another issuer or tenant, or the keys rotated and the verifier still caches the old set.",
    fix: SIGNATURE_FIX,
    docs: [ENVOY_JWT],
    examples: [
      "Jwks doesn't have key to match kid or alg from Jwt",
      'Error while resolving signing key for kid "k1"',
    ],
  },
  {
    id: 'envoy-jwt-verification-fails',
    library: 'Envoy jwt_authn (Istio)',
    match: '\\bJwt verification fails\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.82,
    explain: "The token's signature does not verify with the gateway's keys.",
    fix: SIGNATURE_FIX,
    docs: [ENVOY_JWT],
    examples: ['Jwt verification fails'],
  },
  {
    id: 'envoy-jwks-fetch',
    library: 'Envoy jwt_authn (Istio)',
    match:
      '\\bJwks remote fetch is failed\\b|\\bJwks (?:remote )?fetch (?:failed|fails)\\b|\\bFailed to fetch public key from\\b',
    cause: 'server_misconfiguration',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The gateway could not download the issuer’s JWKS (DNS, egress, TLS, or a wrong `jwksUri`/cluster), so it cannot verify any token.',
    fix: [
      'Check the `remote_jwks`/`jwksUri` URL from inside the proxy (egress rules, the cluster it uses, TLS), and fix the configuration.',
    ],
    docs: [ENVOY_JWT],
    examples: ['Jwks remote fetch is failed'],
  },
  {
    id: 'envoy-jwt-malformed',
    library: 'Envoy jwt_authn (Istio), Okta JWT verifier',
    match:
      '\\bJwt is not in the form of Header\\.Payload\\.Signature\\b|\\bJwt header is an invalid JSON\\b|\\bJwt payload is an invalid JSON\\b|\\bJwt cannot be parsed\\b',
    cause: 'wrong_header_format',
    severity: 'warning',
    confidence: 0.62,
    explain: MALFORMED_EXPLAIN,
    fix: MALFORMED_FIX,
    docs: [ENVOY_JWT],
    examples: ['Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections'],
  },
  {
    id: 'istio-rbac-denied',
    library: 'Istio (AuthorizationPolicy)',
    match: '\\bRBAC: access denied\\b',
    cause: 'insufficient_scope_or_permissions',
    severity: 'warning',
    confidence: 0.62,
    explain:
      'An Istio AuthorizationPolicy refused the request. Besides a policy that does not allow this caller, path or method, this is what a request without a (valid) JWT gets when the policy requires `requestPrincipals`: RequestAuthentication lets token-less requests through and the policy then denies them.',
    fix: [
      'List the policies for the workload (`kubectl get authorizationpolicy -A`) and check which rule should allow this request; if it requires `requestPrincipals`, send a valid JWT from the configured issuer.',
    ],
    docs: ['https://istio.io/latest/docs/ops/common-problems/security-issues/'],
    examples: ['RBAC: access denied'],
  },
  // Firebase Authentication
  {
    id: 'firebase-id-token-expired',
    library: 'Firebase Admin SDK',
    match:
      '\\bFirebase ID token has expired\\b|\\bauth/id-token-expired\\b|\\bFirebase session cookie has expired\\b|\\bauth/session-cookie-expired\\b|\\bauth/user-token-expired\\b|\\bID token has expired at\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.93,
    explain:
      'Firebase ID tokens live one hour. The client sent a token it fetched earlier instead of asking the SDK for a current one.',
    fix: [
      'On the client call `await user.getIdToken()` right before each request (it refreshes when needed) instead of storing the token; on the server, answer 401 so the client retries with a fresh token.',
    ],
    docs: [FIREBASE_VERIFY, FIREBASE_ERRORS],
    examples: [
      'Firebase ID token has expired. Get a fresh ID token from your client app and try again (auth/id-token-expired).',
      'ID token has expired at: 1698152324',
    ],
  },
  {
    id: 'firebase-id-token-revoked',
    library: 'Firebase Admin SDK',
    match:
      '\\bauth/(?:id-token|session-cookie)-revoked\\b[^\\n]{0,80}|\\bFirebase (?:ID token|session cookie) has been revoked\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.9,
    explain:
      "The user's refresh tokens were revoked (sign-out everywhere, password change, `revokeRefreshTokens`), and the server checks revocation.",
    fix: ['Sign the user in again on the client to get a new ID token.'],
    docs: [FIREBASE_VERIFY],
    examples: ['auth/id-token-revoked: The Firebase ID token has been revoked.'],
  },
  {
    id: 'firebase-wrong-project',
    library: 'Firebase Admin SDK',
    match:
      '\\b(?:Firebase )?ID token has (?:incorrect|invalid) ["\']?(?:aud|iss)["\']? \\((?:audience|issuer)\\) claim\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.9,
    explain:
      'The ID token was issued for another Firebase project than the one the Admin SDK is initialised with (its `aud` is the project ID, `iss` is `https://securetoken.google.com/<project>`): a dev app calling the prod backend, a service account of another project, or not a Firebase ID token at all (a Google OAuth ID token has the OAuth client ID as `aud`).',
    fix: [
      "Initialise the Admin SDK with the same project as the client app (service account or `projectId`), and send the token from `user.getIdToken()` (not a Google OAuth credential's ID token).",
    ],
    docs: [FIREBASE_VERIFY],
    examples: [
      'Firebase ID token has incorrect "aud" (audience) claim. Expected "shop-prod" but got "shop-dev".',
      'ID token has invalid \'aud\' (audience) claim; expected "proj" but got "1234.apps.googleusercontent.com"',
    ],
  },
  {
    id: 'firebase-custom-token',
    library: 'Firebase Admin SDK',
    match:
      '\\bexpects an ID token, but was given a custom token\\b|\\bFirebase ID token has no "kid" claim\\b',
    cause: 'wrong_token_type',
    severity: 'error',
    confidence: 0.9,
    explain:
      'The server was given a Firebase custom token (what `createCustomToken` returns, to sign in with) instead of an ID token. The client must first sign in with the custom token and then send the ID token it gets.',
    fix: [
      'On the client: `signInWithCustomToken(auth, customToken)`, then `await user.getIdToken()` and send that.',
    ],
    docs: [FIREBASE_VERIFY],
    examples: ['verifyIdToken() expects an ID token, but was given a custom token.'],
  },
  {
    id: 'firebase-signature',
    library: 'Firebase Admin SDK',
    match:
      '\\bFirebase ID token has "kid" claim which does not correspond to a known public key\\b|\\bFirebase ID token has invalid signature\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.86,
    explain:
      "The token's key ID is not one of Google's current Firebase signing keys, or the signature does not verify: the token is not a Firebase ID token (a token from the Auth emulator sent to production, or from another identity provider), or it was altered.",
    fix: [
      'Send an ID token from `user.getIdToken()` of the production project; tokens from the Auth emulator only verify when the Admin SDK also points at the emulator (`FIREBASE_AUTH_EMULATOR_HOST`).',
    ],
    docs: [FIREBASE_VERIFY],
    examples: [
      'Firebase ID token has "kid" claim which does not correspond to a known public key. Most likely the ID token is expired, so get a fresh token from your client app and try again.',
    ],
  },
  {
    id: 'firebase-decode-failed',
    library: 'Firebase Admin SDK',
    match:
      '\\bDecoding Firebase (?:ID token|session cookie) failed\\b|\\bFirebase ID token has invalid format\\b',
    cause: 'wrong_header_format',
    severity: 'warning',
    confidence: 0.62,
    explain: MALFORMED_EXPLAIN,
    fix: MALFORMED_FIX,
    docs: [FIREBASE_VERIFY],
    examples: [
      'Decoding Firebase ID token failed. Make sure you passed the entire string JWT which represents an ID token.',
    ],
  },
  {
    id: 'firebase-client-invalid-api-key',
    library: 'Firebase client SDK',
    match: '\\bauth/invalid-api-key\\b|\\bauth/api-key-not-valid\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.85,
    explain:
      "The app's Firebase config has a wrong or empty `apiKey` (often an environment variable that is undefined in this build), or the key was deleted or restricted.",
    fix: [
      'Copy the web app config from the Firebase console (Project settings → Your apps) and check the build injects `apiKey` (log its length, not the value).',
    ],
    docs: ['https://firebase.google.com/docs/projects/api-keys'],
    examples: ['FirebaseError: Firebase: Error (auth/invalid-api-key).'],
  },
  {
    id: 'firebase-client-unauthorized-domain',
    library: 'Firebase client SDK',
    match:
      '\\bauth/unauthorized-domain\\b|\\bThis domain \\([^)\\n]{0,200}\\) is not authorized to run this operation\\b',
    cause: 'ip_blocked_or_restricted',
    severity: 'error',
    confidence: 0.88,
    explain:
      'The page runs on a domain that is not in the Firebase project’s authorized domains, so sign-in flows are refused there.',
    fix: [
      'Add the domain (e.g. the preview or production host) under Authentication → Settings → Authorized domains.',
    ],
    docs: ['https://firebase.google.com/docs/auth/web/redirect-best-practices'],
    examples: ['FirebaseError: Firebase: Error (auth/unauthorized-domain).'],
  },
  {
    id: 'firebase-client-requires-recent-login',
    library: 'Firebase client SDK',
    match:
      '\\bauth/requires-recent-login\\b|\\bThis operation is sensitive and requires recent authentication\\b',
    cause: 'expired_token',
    severity: 'warning',
    confidence: 0.72,
    explain:
      'Sensitive operations (delete account, change e-mail or password) need a sign-in from the last few minutes; the session is valid but too old for this.',
    fix: [
      'Re-authenticate the user (`reauthenticateWithCredential` / `reauthenticateWithPopup`) and retry the operation.',
    ],
    docs: ['https://firebase.google.com/docs/auth/web/manage-users#re-authenticate_a_user'],
    examples: ['FirebaseError: Firebase: Error (auth/requires-recent-login).'],
  },
  {
    id: 'firebase-client-user-disabled',
    library: 'Firebase client SDK',
    match: '\\bauth/user-disabled\\b',
    cause: 'account_or_billing_state',
    severity: 'error',
    confidence: 0.9,
    explain: 'The user account was disabled by an administrator.',
    fix: [
      'Re-enable the user in the Firebase console (Authentication → Users) or with the Admin SDK (`updateUser(uid, { disabled: false })`).',
    ],
    docs: [FIREBASE_ERRORS],
    examples: ['FirebaseError: Firebase: Error (auth/user-disabled).'],
  },
  {
    id: 'firebase-client-operation-not-allowed',
    library: 'Firebase client SDK',
    match: '\\bauth/operation-not-allowed\\b|\\bauth/admin-restricted-operation\\b',
    cause: 'server_misconfiguration',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The sign-in method used (e-mail/password, anonymous, a provider) is not enabled for the project, or new sign-ups are restricted to admins.',
    fix: ['Enable the sign-in provider in the Firebase console (Authentication → Sign-in method).'],
    docs: [FIREBASE_ERRORS],
    examples: ['FirebaseError: Firebase: Error (auth/operation-not-allowed).'],
  },
  {
    id: 'firestore-rules-denied',
    library: 'Cloud Firestore / Realtime Database rules',
    match: '\\bMissing or insufficient permissions\\b|\\bPERMISSION_DENIED: Permission denied\\b',
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The security rules refused this read or write: the user is not signed in when the rule needs `request.auth`, or the rule’s conditions do not hold for this user and document.',
    fix: [
      'Check the rule for this path in the Rules Playground with the same user; make sure the request runs after sign-in completes (`onAuthStateChanged`).',
    ],
    docs: ['https://firebase.google.com/docs/firestore/security/get-started'],
    examples: ['FirebaseError: Missing or insufficient permissions.'],
  },
];
