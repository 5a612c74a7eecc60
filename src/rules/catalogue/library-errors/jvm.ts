/**
 * JVM: Spring Security (resource server and the legacy spring-security-oauth2), Nimbus, jjwt, auth0 java-jwt,
 * jose4j (Quarkus/SmallRye), and Keycloak's server and adapters.
 */
import type { LibraryErrorInput } from '../schema.js';
import { MALFORMED_EXPLAIN, MALFORMED_FIX, NEW_TOKEN_FIX, SIGNATURE_FIX } from './shared.js';

const SPRING = 'https://docs.spring.io/spring-security/reference/servlet/oauth2/resource-server/jwt.html';
const SPRING_AUTH =
  'https://docs.spring.io/spring-security/reference/servlet/authentication/architecture.html';
const JJWT = 'https://github.com/jwtk/jjwt';
const JAVA_JWT = 'https://github.com/auth0/java-jwt';
const JOSE4J = 'https://bitbucket.org/b_c/jose4j/wiki/Home';
const KEYCLOAK_HOSTNAME = 'https://www.keycloak.org/server/hostname';
const KEYCLOAK = 'https://www.keycloak.org/docs/latest/server_admin/';

export const JVM_ERRORS: LibraryErrorInput[] = [
  {
    id: 'spring-jwt-expired',
    library: 'Spring Security, jjwt',
    match:
      '\\bJwt expired at\\b|\\bExpiredJwtException\\b|\\bAccess token expired: |\\bThe Token has expired on\\b|\\bTokenExpiredException\\b|\\bThe JWT is no longer valid - the evaluation time\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.93,
    explain:
      "The token's `exp` is in the past for the API (beyond its allowed clock skew, 60 s by default in Spring): the token expired.",
    fix: NEW_TOKEN_FIX,
    docs: [SPRING, JJWT],
    examples: [
      'org.springframework.security.oauth2.server.resource.InvalidBearerTokenException: An error occurred while attempting to decode the Jwt: Jwt expired at 2026-01-15T11:00:00Z',
      'io.jsonwebtoken.ExpiredJwtException: JWT expired at 2026-01-15T11:00:00Z. Current time: 2026-01-15T12:00:00Z, a difference of 3600000 milliseconds.',
      'com.auth0.jwt.exceptions.TokenExpiredException: The Token has expired on 2026-01-15T11:00:00Z.',
      'org.jose4j.jwt.consumer.InvalidJwtException: The JWT is no longer valid - the evaluation time NumericDate{1768478400} is on or after the Expiration Time (exp=NumericDate{1768474800}) claim value',
      '{"error":"invalid_token","error_description":"Access token expired: eyJhb…"}',
    ],
  },
  {
    id: 'spring-jwt-not-before',
    library: 'Spring Security, jjwt, java-jwt, jose4j',
    match:
      "\\bJwt used before\\b|\\bPrematureJwtException\\b|\\bJWT must not be accepted before\\b|\\bThe Token can't be used before\\b|\\bThe JWT is not yet valid as the evaluation time\\b",
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.9,
    explain:
      "The token's `nbf` is in the future for the API: the API's clock is behind the issuer's (or the token starts later).",
    fix: [
      "Sync the API host's clock with NTP; allow a small skew (Spring: `JwtTimestampValidator(Duration.ofSeconds(60))`).",
    ],
    docs: [SPRING],
    examples: [
      'An error occurred while attempting to decode the Jwt: Jwt used before 2026-01-15T12:05:00Z',
      'io.jsonwebtoken.PrematureJwtException: JWT must not be accepted before 2026-01-15T12:05:00Z.',
    ],
  },
  {
    id: 'spring-issuer',
    library: 'Spring Security, jjwt, java-jwt, jose4j',
    match:
      "\\bThe iss claim is not valid\\b|\\bExpected iss claim to be: |\\bThe Claim 'iss' value doesn't match the required issuer\\b|\\bIssuer \\(iss\\) claim value \\([^)\\n]{0,200}\\) doesn't match expected value\\b",
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.92,
    explain:
      "The token's `iss` is not the API's `issuer-uri`: another realm, tenant or environment, or the same identity server reached under another hostname (localhost vs the container name, http vs https).",
    fix: [
      "Compare the token's `iss` with `spring.security.oauth2.resourceserver.jwt.issuer-uri`, character for character.",
      'Make the client and the API reach the identity server under the same public URL (Keycloak: set its hostname).',
    ],
    docs: [SPRING, KEYCLOAK_HOSTNAME],
    examples: [
      'An error occurred while attempting to decode the Jwt: The iss claim is not valid',
      'io.jsonwebtoken.IncorrectClaimException: Expected iss claim to be: https://a, but was: https://b.',
      "com.auth0.jwt.exceptions.IncorrectClaimException: The Claim 'iss' value doesn't match the required issuer.",
    ],
  },
  {
    id: 'spring-audience',
    library: 'Spring Security, jjwt, java-jwt, jose4j',
    match:
      "\\bThe aud claim is not valid\\b|\\bExpected aud claim to be: |\\bThe Claim 'aud' value doesn't contain the required audience\\b|\\bAudience \\(aud\\) claim \\[[^\\]\\n]{0,200}\\] doesn't contain an acceptable identifier\\b|\\bNo Audience \\(aud\\) claim present\\b",
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.92,
    explain:
      "The token's `aud` is not this API: it was issued for another API or client (an ID token's `aud` is the client ID).",
    fix: [
      'Decode the token and compare `aud` with the audience the API validates; request the access token for this API.',
    ],
    docs: [SPRING],
    examples: [
      'An error occurred while attempting to decode the Jwt: The aud claim is not valid',
      "org.jose4j.jwt.consumer.InvalidJwtException: Audience (aud) claim [account] doesn't contain an acceptable identifier. Expected my-api as an aud value.",
    ],
  },
  {
    id: 'spring-signature',
    library: 'Spring Security (Nimbus), jjwt, java-jwt, jose4j',
    match:
      "\\bSigned JWT rejected: (?:Another algorithm expected, or no matching key\\(s\\) found|Invalid signature)|\\bJWT signature does not match locally computed signature\\b|\\bThe Token's Signature resulted invalid\\b|\\bJWS signature is invalid\\b|\\bUnable to find a suitable verification key for JWS\\b|\\bThe provided Algorithm doesn't match the one defined in the JWT's Header\\b",
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.9,
    explain:
      "The token's signature does not verify with the API's keys: it was signed by another issuer, realm or tenant (its `kid` is not in the API's JWKS), with another secret, or with another algorithm than the API expects.",
    fix: SIGNATURE_FIX,
    docs: [SPRING, JJWT, JAVA_JWT, JOSE4J],
    examples: [
      'An error occurred while attempting to decode the Jwt: Signed JWT rejected: Another algorithm expected, or no matching key(s) found',
      'io.jsonwebtoken.security.SignatureException: JWT signature does not match locally computed signature. JWT validity cannot be asserted and should not be trusted.',
      "com.auth0.jwt.exceptions.SignatureVerificationException: The Token's Signature resulted invalid when verified using the Algorithm: SHA256withRSA",
    ],
  },
  {
    id: 'spring-decode-failed',
    library: 'Spring Security',
    match: '\\bAn error occurred while attempting to decode the Jwt\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'warning',
    confidence: 0.45,
    tier: 'generic',
    explain:
      'Spring could not decode or validate the JWT; the part after the colon says why. Without it, the usual reasons are a signing key the API does not know, an opaque (non-JWT) token, or a failed claim check.',
    fix: [
      'Look at the rest of the message (after "decode the Jwt:"), or enable `logging.level.org.springframework.security=DEBUG` on the API.',
    ],
    docs: [SPRING],
    examples: [
      'org.springframework.security.oauth2.jwt.BadJwtException: An error occurred while attempting to decode the Jwt',
    ],
  },
  {
    id: 'spring-jwks-unreachable',
    library: 'Spring Security (Nimbus)',
    match: "\\bCouldn't retrieve remote JWK set\\b|\\bFailed to (?:fetch|load) (?:the )?JWK ?Set\\b",
    cause: 'server_misconfiguration',
    severity: 'error',
    confidence: 0.85,
    explain:
      "The API could not download its identity provider's public keys (the JWKS), so it can validate no token: `jwk-set-uri`/`issuer-uri` is wrong or unreachable from the API host.",
    fix: [
      'From the API host, `curl` the `jwk-set-uri` (or `<issuer-uri>/.well-known/openid-configuration`); fix the URL or the network path (DNS, proxy, TLS).',
    ],
    docs: [SPRING],
    examples: [
      "An error occurred while attempting to decode the Jwt: Couldn't retrieve remote JWK set: org.springframework.web.client.ResourceAccessException",
    ],
  },
  {
    id: 'spring-malformed',
    library: 'Spring Security (Nimbus), jjwt, java-jwt',
    match:
      '\\bMalformed (?:token|payload)\\b|\\bInvalid JWT serialization\\b|\\bJWT strings must contain exactly 2 period characters\\b|\\bThe token was expected to have 3 parts\\b|\\bMalformedJwtException\\b',
    cause: 'wrong_header_format',
    severity: 'warning',
    confidence: 0.62,
    explain: MALFORMED_EXPLAIN,
    fix: MALFORMED_FIX,
    docs: [SPRING],
    examples: [
      'An error occurred while attempting to decode the Jwt: Malformed token',
      'io.jsonwebtoken.MalformedJwtException: JWT strings must contain exactly 2 period characters. Found: 0',
      'com.auth0.jwt.exceptions.JWTDecodeException: The token was expected to have 3 parts, but got 1.',
    ],
  },
  {
    id: 'spring-bearer-malformed',
    library: 'Spring Security',
    match: '\\bBearer token is malformed\\b|\\bFound multiple bearer tokens in the request\\b',
    cause: 'wrong_header_format',
    severity: 'error',
    confidence: 0.85,
    explain:
      "Spring's bearer-token resolver refused the header: the token has characters a bearer token may not contain (quotes, spaces, a newline), or the token was sent in more than one place (header and query or form parameter).",
    fix: [
      'Send the bare token once: `Authorization: Bearer <YOUR_TOKEN>`, with no quotes, spaces or line breaks, and no `access_token` parameter as well.',
    ],
    docs: [SPRING],
    examples: [
      'Bearer error="invalid_token", error_description="Bearer token is malformed"',
      'Found multiple bearer tokens in the request',
    ],
  },
  {
    id: 'spring-full-authentication',
    library: 'Spring Security',
    match: '\\bFull authentication is required to access this resource\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.78,
    explain:
      'Spring treated the request as anonymous: no authentication filter recognised a credential on it.',
    fix: [
      'Send the credential this API expects (for a resource server, `Authorization: Bearer <YOUR_TOKEN>`).',
    ],
    whenSent: {
      cause: 'server_misconfiguration',
      severity: 'warning',
      confidence: 0.45,
      explain:
        'Spring treated the request as anonymous although it carries a credential: the security configuration has no filter that reads it on this path (e.g. `oauth2ResourceServer()` not enabled, or a custom filter that skips it), it uses a scheme that filter does not read, or the header was dropped before the app.',
      fix: [
        'Enable the matching authentication for this path in the SecurityFilterChain (`http.oauth2ResourceServer(o -> o.jwt(...))` for bearer tokens).',
        'Run with `logging.level.org.springframework.security=TRACE` to see which filter handled the request.',
      ],
    },
    docs: [SPRING_AUTH],
    examples: [
      '{"error":"unauthorized","error_description":"Full authentication is required to access this resource"}',
    ],
  },
  {
    id: 'spring-account-state',
    library: 'Spring Security, Keycloak',
    match:
      '\\bUser is disabled\\b|\\bUser account is locked\\b|\\bUser account has expired\\b|\\bAccount is not fully set up\\b|\\bAccount disabled\\b',
    cause: 'account_or_billing_state',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The credentials are right but the account itself cannot sign in: disabled, locked, expired, or with required actions pending.',
    fix: [
      'Have an administrator enable or unlock the account (Keycloak: clear its required actions) and try again.',
    ],
    docs: [SPRING_AUTH, KEYCLOAK],
    examples: [
      '{"error":"invalid_grant","error_description":"Account is not fully set up"}',
      'org.springframework.security.authentication.DisabledException: User is disabled',
    ],
  },
  {
    id: 'spring-credentials-expired',
    library: 'Spring Security',
    match: '\\bUser credentials have expired\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.8,
    explain: "The user's password has expired: it must be changed before it can be used again.",
    fix: ['Change the password, then use the new one.'],
    docs: [SPRING_AUTH],
    examples: [
      'org.springframework.security.authentication.CredentialsExpiredException: User credentials have expired',
    ],
  },
  {
    id: 'spring-oauth2-legacy-invalid',
    library: 'spring-security-oauth2 (legacy)',
    match: '\\bInvalid access token: |\\bCannot convert access token to JSON\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'warning',
    confidence: 0.6,
    explain:
      "The resource server could not read the access token: with JWT tokens this means the token was signed with another key than the resource server's `JwtAccessTokenConverter` uses; with opaque tokens, that the token store does not know it.",
    fix: [
      'Configure the same signing key (or the same token store) on the authorization server and the resource server, then get a new token.',
    ],
    docs: ['https://github.com/spring-attic/spring-security-oauth'],
    examples: [
      '{"error":"invalid_token","error_description":"Cannot convert access token to JSON"}',
      '{"error":"invalid_token","error_description":"Invalid access token: abc"}',
    ],
  },
  {
    id: 'spring-bcrypt',
    library: 'Spring Security',
    match:
      '\\bEncoded password does not look like BCrypt\\b|\\bThere is no PasswordEncoder mapped for the id\\b',
    cause: 'server_misconfiguration',
    severity: 'warning',
    confidence: 0.65,
    explain:
      'The stored password (or client secret) is not encoded the way the configured PasswordEncoder expects, so every login with it fails.',
    fix: [
      'Store the password/secret BCrypt-encoded, or prefix it with its encoder id (`{noop}secret`, `{bcrypt}$2a$…`).',
    ],
    docs: ['https://docs.spring.io/spring-security/reference/features/authentication/password-storage.html'],
    examples: [
      'WARN o.s.s.c.bcrypt.BCryptPasswordEncoder : Encoded password does not look like BCrypt',
      'There is no PasswordEncoder mapped for the id "null"',
    ],
  },
  {
    id: 'csrf-token',
    library: 'Spring Security, Django, Rails',
    match:
      '\\bInvalid CSRF token\\b|\\bCould not verify the provided CSRF token\\b|\\bCSRF (?:token )?(?:missing|mismatch|verification failed|Failed)\\b|\\bInvalidAuthenticityToken\\b',
    cause: 'other',
    severity: 'warning',
    confidence: 0.6,
    explain:
      'The request was refused for a missing or stale CSRF token, not for its credentials: session-cookie APIs want the CSRF token (cookie plus header) on every state-changing request.',
    fix: [
      'Fetch the CSRF token first (from its cookie or endpoint) and send it back in the header the framework reads (e.g. `X-CSRF-TOKEN`, `X-CSRFToken`, `X-XSRF-TOKEN`) with the same session cookie; or, for token-authenticated APIs, exempt them from CSRF.',
    ],
    docs: ['https://docs.spring.io/spring-security/reference/servlet/exploits/csrf.html'],
    examples: [
      "Invalid CSRF Token 'null' was found on the request parameter '_csrf' or header 'X-CSRF-TOKEN'.",
      '{"detail":"CSRF Failed: CSRF token missing."}',
      'ActionController::InvalidAuthenticityToken',
    ],
  },
  {
    id: 'keycloak-not-active',
    library: 'Keycloak',
    match: '\\bToken is not active\\b|\\bSession not active\\b|\\bOffline user session not found\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.85,
    explain:
      'Keycloak says the token (or the session behind it) is no longer active: it expired, the SSO session idled out or reached its maximum, or the user logged out.',
    fix: [
      "Sign in again (or refresh before the session idles out); if it happens too soon, raise the realm's SSO Session Idle / Access Token Lifespan.",
    ],
    docs: [KEYCLOAK],
    examples: [
      '{"error":"invalid_grant","error_description":"Token is not active"}',
      '{"error":"invalid_grant","error_description":"Session not active"}',
    ],
  },
  {
    id: 'keycloak-issuer',
    library: 'Keycloak',
    match: "\\bInvalid token issuer\\. Expected '",
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.95,
    explain:
      "The token's issuer is the same realm reached under another URL (`http://localhost:8080/realms/x` vs `http://keycloak:8080/realms/x`): Keycloak puts the URL the client used into `iss`, and the adapter compares it with its own.",
    fix: [
      'Make the client and the API reach Keycloak under the same URL, or pin it with the `hostname` option so `iss` is the same for both.',
    ],
    docs: [KEYCLOAK_HOSTNAME],
    examples: [
      "Invalid token issuer. Expected 'http://keycloak:8080/realms/demo', but was 'http://localhost:8080/realms/demo'",
    ],
  },
  {
    id: 'keycloak-invalid-user-credentials',
    library: 'Keycloak',
    match: '\\bInvalid user credentials\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.9,
    explain:
      'The username or password sent to the token endpoint is wrong (or the user does not exist in this realm).',
    fix: ['Check the username, password and realm; reset the password in the admin console if needed.'],
    docs: [KEYCLOAK],
    examples: ['{"error":"invalid_grant","error_description":"Invalid user credentials"}'],
  },
  {
    id: 'keycloak-invalid-client',
    library: 'Keycloak',
    match: '\\bInvalid client (?:or Invalid client )?credentials\\b|\\bInvalid client secret\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.9,
    explain:
      'The client ID or secret sent to the token endpoint is wrong, or the client is public/confidential in a way that does not match how it authenticates.',
    fix: [
      "Copy the client secret again from the client's Credentials tab (it changes when regenerated) and check the client ID and realm.",
    ],
    docs: [KEYCLOAK],
    examples: [
      '{"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"}',
      '{"error":"unauthorized_client","error_description":"Invalid client secret"}',
    ],
  },
  {
    id: 'keycloak-stale-token',
    library: 'Keycloak',
    match: '\\bStale token\\b|\\bMaximum allowed refresh token reuse exceeded\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.8,
    explain: 'The refresh token was already used (with "Revoke Refresh Token" on, each one works once).',
    fix: [
      'Keep and use the newest refresh token returned by each refresh; with several instances, share the token store.',
    ],
    docs: [KEYCLOAK],
    examples: ['{"error":"invalid_grant","error_description":"Stale token"}'],
  },
];
