/**
 * OAuth 2.0 token-endpoint answers (RFC 6749 §5.2 codes and the descriptions identity providers put with
 * them), and Elasticsearch's security messages (self-hosted, so no host-based pack recognises them).
 */
import type { LibraryErrorInput } from '../schema.js';

const RFC6749 = 'https://www.rfc-editor.org/rfc/rfc6749#section-5.2';
const GOOGLE_EXPIRY = 'https://developers.google.com/identity/protocols/oauth2#expiration';
const ES_SECURITY =
  'https://www.elastic.co/guide/en/elasticsearch/reference/current/security-minimal-setup.html';

export const OAUTH_ERRORS: LibraryErrorInput[] = [
  {
    id: 'oauth-invalid-client',
    library: 'OAuth 2.0 token endpoint',
    match: '\\binvalid_client\\b',
    // A signed client assertion outside its time window is refused as invalid_client too: the clock is the cause.
    unless:
      '\\bnot within its valid time range\\b|\\bAADSTS700024\\b|\\bassertion (?:is )?(?:not yet valid|expired|has expired)\\b|\\bclock skew\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.78,
    tier: 'generic',
    explain:
      'The authorization server did not accept the client credentials: the client ID or secret is wrong or was regenerated, belongs to another tenant or environment, or is sent the wrong way (HTTP Basic vs `client_id`/`client_secret` in the form body, whichever the client is registered for).',
    fix: [
      'Copy the client ID and secret again from the provider console (secrets are often shown only once) for the same tenant/environment as the token URL.',
      'Send them the way the client is registered: `curl -u "<CLIENT_ID>:<CLIENT_SECRET>" -d grant_type=client_credentials <TOKEN_URL>` (client_secret_basic) or as form fields (client_secret_post).',
    ],
    docs: [RFC6749],
    examples: [
      '{"error":"invalid_client"}',
      '{"error":"invalid_client","error_description":"The client credentials are not valid"}',
    ],
  },
  {
    id: 'oauth-refresh-expired',
    library: 'OAuth 2.0 token endpoint (Google, Okta, Microsoft and others)',
    match:
      '\\bToken has been expired or revoked\\b|\\brefresh token (?:has |is )?(?:invalid or )?expired\\b|\\bThe refresh token is invalid or expired\\b|\\bexpired refresh token\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.86,
    explain:
      'The refresh token no longer works: it expired or was revoked. Google expires refresh tokens after 7 days for apps whose consent screen is in "Testing", and revokes them on password change, user revocation, or when a user has too many.',
    fix: [
      'Run the sign-in (consent) flow again to get a new refresh token and store it; handle `invalid_grant` by asking the user to sign in again.',
      'Google: publish the OAuth consent screen ("In production") so refresh tokens stop expiring after 7 days.',
    ],
    docs: [GOOGLE_EXPIRY, RFC6749],
    examples: [
      '{"error":"invalid_grant","error_description":"Token has been expired or revoked."}',
      '{"error":"invalid_grant","error_description":"The refresh token is invalid or expired."}',
    ],
  },
  {
    id: 'oauth-code-reused',
    library: 'OAuth 2.0 token endpoint',
    match:
      '\\b(?:authorization )?code (?:has )?(?:expired|was already (?:used|redeemed)|has already been (?:used|redeemed))\\b|\\bInvalid authorization code\\b|\\bAuthorization code is invalid or expired\\b|\\bcode was already redeemed\\b|\\bMalformed auth code\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.82,
    explain:
      'The authorization code cannot be exchanged: codes are single-use and expire within minutes, and must be sent with the same `redirect_uri` (and PKCE verifier) as the authorization request. Double-submitting the callback (React strict mode, retries) uses the code twice.',
    fix: [
      'Exchange each code once, immediately, with the same `redirect_uri` and `code_verifier`; start the sign-in again to get a fresh code.',
    ],
    docs: [RFC6749],
    examples: [
      '{"error":"invalid_grant","error_description":"Malformed auth code."}',
      'AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code',
    ],
  },
  {
    id: 'google-jwt-time',
    library: 'Google OAuth (service accounts)',
    match: '\\bInvalid JWT: Token must be a short-lived token\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.9,
    explain:
      "The service-account assertion's `iat`/`exp` are outside Google's window: the signing machine's clock is off (or `exp` is more than an hour after `iat`).",
    fix: [
      'Sync the clock of the machine that signs the assertion (NTP; in Docker/WSL, the host clock), then retry.',
    ],
    docs: ['https://developers.google.com/identity/protocols/oauth2/service-account'],
    examples: [
      '{"error":"invalid_grant","error_description":"Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."}',
    ],
  },
  {
    id: 'google-jwt-signature',
    library: 'Google OAuth (service accounts)',
    match: '\\bInvalid JWT Signature\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.82,
    explain:
      "Google does not accept the service account's key: the key was deleted or disabled, or the key file belongs to another service account.",
    fix: [
      'In IAM → Service Accounts → Keys, check that the key ID in your JSON file still exists; create a new key and use that file.',
    ],
    docs: ['https://developers.google.com/identity/protocols/oauth2/service-account'],
    examples: ['{"error":"invalid_grant","error_description":"Invalid JWT Signature."}'],
  },
  {
    id: 'oauth-invalid-grant',
    library: 'OAuth 2.0 token endpoint',
    match: '\\binvalid_grant\\b',
    cause: 'invalid_credentials',
    severity: 'warning',
    confidence: 0.55,
    tier: 'generic',
    explain:
      'The grant sent to the token endpoint is not accepted: an expired, revoked or already-used refresh token or authorization code, a `redirect_uri` that differs from the authorization request, or a wrong username/password in the password grant.',
    fix: [
      'Read `error_description` for which one; usually the fix is to run the sign-in again and use the new code or refresh token.',
    ],
    docs: [RFC6749],
    examples: ['{"error":"invalid_grant"}'],
  },
  {
    id: 'oauth-unauthorized-client',
    library: 'OAuth 2.0 token endpoint',
    match: '\\bunauthorized_client\\b',
    cause: 'other',
    severity: 'warning',
    confidence: 0.55,
    tier: 'generic',
    explain:
      'The client is not allowed to use this grant type (or this flow) at the authorization server: a client configuration issue, not a bad token.',
    fix: [
      "Enable the grant type for this client in the provider's console (e.g. Client Credentials, Refresh Token), or use the flow it is configured for.",
    ],
    docs: [RFC6749],
    examples: [
      '{"error":"unauthorized_client","error_description":"Grant type \'client_credentials\' not allowed for the client."}',
    ],
  },
  {
    id: 'oauth-unsupported-grant',
    library: 'OAuth 2.0 token endpoint',
    match: '\\bunsupported_grant_type\\b',
    cause: 'other',
    severity: 'warning',
    confidence: 0.6,
    tier: 'generic',
    explain:
      'The token endpoint could not read a supported `grant_type`: most often the body was sent as JSON, while token endpoints want `application/x-www-form-urlencoded`.',
    fix: [
      'Send the token request form-encoded: `curl -d grant_type=client_credentials -d client_id=<CLIENT_ID> -d client_secret=<CLIENT_SECRET> <TOKEN_URL>`.',
    ],
    docs: [RFC6749],
    examples: ['{"error":"unsupported_grant_type"}'],
  },
  {
    id: 'oauth-invalid-scope',
    library: 'OAuth 2.0 token endpoint',
    match: '\\binvalid_scope\\b',
    cause: 'insufficient_scope_or_permissions',
    severity: 'warning',
    confidence: 0.65,
    tier: 'generic',
    explain: 'A requested scope is unknown or not granted to this client, so no token is issued for it.',
    fix: [
      "Request only scopes the client is allowed (check the API's permissions for this app in the provider console) and spell them as documented.",
    ],
    docs: [RFC6749],
    examples: [
      '{"error":"invalid_scope","error_description":"The requested scope is invalid, unknown, or malformed."}',
    ],
  },
  {
    id: 'oauth-login-required',
    library: 'OpenID Connect',
    match: '\\blogin_required\\b|\\binteraction_required\\b',
    cause: 'expired_token',
    severity: 'warning',
    confidence: 0.55,
    tier: 'generic',
    explain:
      'Silent sign-in failed because the session at the identity provider has ended (or the browser blocks its cookies in the iframe): the user must sign in interactively again.',
    fix: [
      'Fall back to an interactive sign-in (redirect/popup) when silent renewal returns `login_required`; prefer refresh tokens over iframe renewal.',
    ],
    docs: ['https://openid.net/specs/openid-connect-core-1_0.html#AuthError'],
    examples: ['{"error":"login_required","error_description":"Login required"}'],
  },
  {
    id: 'oauth-consent-required',
    library: 'OpenID Connect',
    match: '\\bconsent_required\\b',
    cause: 'insufficient_scope_or_permissions',
    severity: 'warning',
    confidence: 0.6,
    tier: 'generic',
    explain:
      'The user (or an admin) has not consented to the requested scopes yet, so no token is issued for them.',
    fix: [
      'Run the sign-in with a consent prompt (`prompt=consent`), or have an admin grant consent for the organisation.',
    ],
    docs: ['https://openid.net/specs/openid-connect-core-1_0.html#AuthError'],
    examples: ['{"error":"consent_required"}'],
  },
  {
    id: 'oauth-access-denied',
    library: 'OAuth 2.0',
    match: '\\baccess_denied\\b',
    cause: 'insufficient_scope_or_permissions',
    severity: 'warning',
    confidence: 0.45,
    tier: 'generic',
    explain:
      'The authorization server or the user refused the request: consent was denied, or the user/client is not allowed this resource.',
    fix: [
      'Read `error_description`; check the user is assigned to the application and has accepted the requested scopes.',
    ],
    docs: [RFC6749],
    examples: [
      '{"error":"access_denied","error_description":"User is not assigned to the client application."}',
    ],
  },
  {
    id: 'es-missing-credentials',
    library: 'Elasticsearch security',
    match: '\\bmissing authentication credentials for REST request\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.88,
    explain:
      'Elasticsearch has security enabled (the default since 8.0) and the request carried no credentials: clients configured for an unsecured cluster send none.',
    fix: [
      'Send credentials: `curl -u elastic:<PASSWORD> https://localhost:9200/` or `-H "Authorization: ApiKey <BASE64_API_KEY>"`; in client config, set the username/password or API key (and https with the CA certificate).',
    ],
    whenSent: {
      cause: 'credentials_dropped_in_transit',
      severity: 'warning',
      confidence: 0.55,
      explain:
        'Elasticsearch received no credentials although the request sends one: it is in a header Elasticsearch does not read, or a proxy in front of the cluster dropped it.',
      fix: [
        'Send `Authorization: Basic …` (`curl -u user:<PASSWORD>`) or `Authorization: ApiKey <BASE64_API_KEY>` directly to the cluster to compare.',
      ],
    },
    docs: [ES_SECURITY],
    examples: [
      '{"error":{"type":"security_exception","reason":"missing authentication credentials for REST request [/_cat/indices]"},"status":401}',
    ],
  },
  {
    id: 'es-unable-to-authenticate',
    library: 'Elasticsearch security',
    match: '\\bunable to authenticate (?:user \\[[^\\]\\n]{0,100}\\]|with provided credentials\\b)',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.86,
    explain:
      'Elasticsearch rejected the username/password or API key: wrong password (the `elastic` password generated at first start), a deleted or expired API key, or a user of another realm.',
    fix: [
      'Reset the password (`bin/elasticsearch-reset-password -u elastic`) or create a new API key, and use that.',
    ],
    docs: [ES_SECURITY],
    examples: [
      '{"error":{"type":"security_exception","reason":"unable to authenticate user [elastic] for REST request [/]"},"status":401}',
    ],
  },
  {
    id: 'es-action-unauthorized',
    library: 'Elasticsearch security',
    match: '\\baction \\[[^\\]\\n]{1,200}\\] is unauthorized for (?:user|API key id) \\[',
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.88,
    explain:
      "The credentials are valid but the user's roles (or the API key's role descriptors) do not allow this action on this index.",
    fix: [
      'Give the user a role with the named privilege on the index (Kibana → Stack Management → Roles), or create an API key with it.',
    ],
    docs: ['https://www.elastic.co/guide/en/elasticsearch/reference/current/security-privileges.html'],
    examples: [
      '{"error":{"type":"security_exception","reason":"action [indices:data/read/search] is unauthorized for user [reader] with effective roles [viewer] on indices [logs]"},"status":403}',
    ],
  },
];
