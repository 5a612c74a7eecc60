import type { ProviderPackInput } from '../schema.js';

const SECURING_APPS_DOC = 'https://www.keycloak.org/docs/latest/securing_apps/';
const SERVER_ADMIN_DOC = 'https://www.keycloak.org/docs/latest/server_admin/';
const QUARKUS_MIGRATION_DOC = 'https://www.keycloak.org/migration/migrating-to-quarkus';

export const keycloak = {
  id: 'keycloak',
  name: 'Keycloak (OIDC and Admin REST API)',
  // Self-hosted: recognised by its issuer URLs, realm paths and error wording, not by a host.
  hosts: [],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an access token issued by the realm (a JWT), for resource servers and the Admin REST API',
      status: 'preferred',
    },
    {
      in: 'basic',
      credential: 'client ID and client secret of a confidential client, at the token endpoint',
      basicShape: 'client_id:client_secret (URL-encode both before base64)',
      status: 'accepted',
    },
    {
      in: 'body',
      name: 'client_secret',
      credential: 'client_id and client_secret as form fields at the token endpoint',
      status: 'accepted',
    },
    {
      in: 'body',
      name: 'client_assertion',
      credential: 'a signed JWT client assertion, for clients set to “Signed JWT” authentication',
      status: 'accepted',
    },
  ],
  issuers: [{ match: String.raw`^https?://[^/\s]{1,253}(?:/auth)?/realms/[^/\s]{1,100}/?$` }],
  errors: [
    {
      id: 'token-not-active',
      situation: 'an access or refresh token past `exp` (or before `nbf`), or an SSO session that timed out',
      match: 'Token is not active',
      cause: 'expired_token',
      confidence: 0.8,
      explain:
        'Keycloak’s token check failed on time: the token has expired (access tokens live 5 minutes by default, 1 minute in the master realm) or is not valid yet because clocks disagree. At the token endpoint it means the refresh token or its SSO session has expired.',
      fix: [
        'Get a new access token (refresh it before `exp`), or log in again when the refresh token has expired too.',
        'If the token was just issued, compare the clocks of Keycloak and the service that validates the token.',
      ],
      docs: [SERVER_ADMIN_DOC],
    },
    {
      id: 'session-not-active',
      situation: 'refreshing a token whose SSO session has ended',
      match: String.raw`"error_description"\s*:\s*"Session not active|invalid_grant[:\s(]{1,3}Session not active`,
      cause: 'expired_token',
      confidence: 0.85,
      explain:
        'The user or client session behind the refresh token no longer exists: it hit the SSO Session Idle or Max timeout, the user logged out, an admin ended it, or Keycloak restarted without persisting sessions.',
      fix: [
        'Start a new login (or a new client-credentials grant) instead of refreshing.',
        'If sessions end sooner than expected, check the realm’s SSO Session Idle / Max settings.',
      ],
      docs: [SERVER_ADMIN_DOC],
    },
    {
      id: 'invalid-token-issuer',
      situation: 'the token’s `iss` is not the URL the validating service expects',
      match: String.raw`Invalid token issuer\. Expected`,
      cause: 'wrong_audience_or_issuer',
      confidence: 0.95,
      explain:
        'The token was issued under a different URL than the one the validator trusts: another realm, another hostname (an internal name instead of the public one), http vs https, or the legacy /auth path prefix.',
      fix: [
        'Fetch tokens through the same public URL that services use to validate them (set the Keycloak hostname option so `iss` is stable).',
        'Make the expected issuer exactly `https://<host>/realms/<realm>` (or `/auth/realms/<realm>` on legacy servers).',
      ],
      docs: [SECURING_APPS_DOC],
    },
    {
      id: 'token-type-incorrect',
      situation: 'an ID token or refresh token sent where an access token is expected',
      match: String.raw`Token type is incorrect\. Expected`,
      cause: 'wrong_token_type',
      confidence: 0.9,
      explain:
        'Keycloak expected a Bearer access token but got another kind (its `typ` claim says ID or Refresh).',
      fix: ['Send the `access_token` field of the token response, not `id_token` or `refresh_token`.'],
      docs: [SECURING_APPS_DOC],
    },
    {
      id: 'audience-missing',
      situation: 'the access token was not issued for this client / resource server',
      match: 'Expected audience not available in the token',
      cause: 'wrong_audience_or_issuer',
      confidence: 0.9,
      explain: 'The token’s `aud` does not include the client that is validating it.',
      fix: [
        'Add an Audience mapper (or a client scope with one) so tokens requested by the calling client include the resource server in `aud`.',
      ],
      docs: [SERVER_ADMIN_DOC],
    },
    {
      id: 'token-verification-failed',
      situation: 'the userinfo endpoint or an adapter could not verify the token',
      match: String.raw`error_description"?\s*[:=]\s*"Token verification failed`,
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'Keycloak could not verify the access token. Common reasons: it was issued by another realm or under another hostname, it has expired, or it was signed with a key the realm no longer has.',
      fix: [
        'Decode the token and compare `iss` with the realm URL the request went to, and `exp` with the current time; get a new token from the same URL.',
      ],
      docs: [SECURING_APPS_DOC],
    },
    {
      id: 'invalid-client-credentials',
      situation: 'wrong client secret, or a public / disabled client at the token endpoint',
      match: 'Invalid client or Invalid client credentials',
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'Keycloak did not accept the client authentication: the client ID does not exist in this realm, the secret is wrong, the client is disabled, or it is not a confidential client. Secrets with special characters must be URL-encoded inside Basic auth.',
      fix: [
        'Copy the secret again from Clients → <client> → Credentials and check the realm in the URL.',
        'Send it as form fields to rule out encoding problems: `curl -d grant_type=client_credentials -d client_id=<CLIENT_ID> -d client_secret=<CLIENT_SECRET> https://<host>/realms/<realm>/protocol/openid-connect/token`.',
      ],
      docs: [SECURING_APPS_DOC],
    },
    {
      id: 'invalid-client-secret',
      situation: 'the client secret is wrong',
      match: String.raw`"unauthorized_client"\s*,\s*"error_description"\s*:\s*"Invalid client secret"`,
      cause: 'invalid_credentials',
      confidence: 0.9,
      explain: 'The client exists but the secret sent for it is wrong (or was regenerated).',
      fix: ['Copy the current secret from Clients → <client> → Credentials and update the configuration.'],
      docs: [SECURING_APPS_DOC],
    },
    {
      id: 'client-assertion-missing',
      situation: 'the client is set to Signed JWT authentication but a secret was sent',
      match: 'Parameter client_assertion_type is missing',
      cause: 'wrong_token_type',
      severity: 'warning',
      confidence: 0.8,
      explain:
        'The client’s authenticator is “Signed JWT”, so Keycloak expects client_assertion_type and client_assertion, not a client secret.',
      fix: [
        'Either send a signed client assertion, or switch the client’s authenticator to “Client Id and Secret” under Clients → <client> → Credentials.',
      ],
      docs: [SECURING_APPS_DOC],
    },
    {
      id: 'invalid-user-credentials',
      situation: 'wrong username or password in a password grant',
      match: String.raw`"error_description"\s*:\s*"Invalid user credentials|invalid_grant[:\s(]{1,3}Invalid user credentials`,
      cause: 'invalid_credentials',
      confidence: 0.9,
      explain:
        'The resource-owner password grant was refused: the username or password is wrong for this realm.',
      fix: ['Check the username, password and realm; the user must exist in the realm the token URL names.'],
      docs: [SECURING_APPS_DOC],
    },
    {
      id: 'unknown-client',
      situation: 'the token request carried no client authentication Keycloak recognised',
      match: 'UNKNOWN_CLIENT|Client was not identified by any client authenticator',
      cause: 'missing_credentials',
      confidence: 0.85,
      explain:
        'Keycloak could not tell which client is calling: client_id was missing, or the credentials were sent in a way the client’s authenticator does not accept.',
      fix: [
        'Send client_id (and the client secret or assertion) with the token request, as form fields or Basic auth.',
      ],
      docs: [SECURING_APPS_DOC],
    },
    {
      id: 'account-not-fully-set-up',
      situation: 'the user has pending required actions (verify email, update password, configure OTP)',
      match: 'Account is not fully set up',
      cause: 'account_or_billing_state',
      confidence: 0.9,
      explain:
        'The user still has required actions, so direct grants are refused until they are completed in the browser or removed by an admin.',
      fix: ['Complete or remove the user’s required actions under Users → <user> → Details.'],
      docs: [SERVER_ADMIN_DOC],
    },
    {
      id: 'account-disabled',
      situation: 'the user account is disabled or temporarily locked',
      match: String.raw`"invalid_grant"\s*,\s*"error_description"\s*:\s*"Account (?:disabled|is disabled|temporarily disabled)`,
      cause: 'account_or_billing_state',
      confidence: 0.85,
      explain: 'Keycloak will not issue tokens for a disabled user (or one locked by brute-force detection).',
      fix: ['Enable the user under Users → <user>, or clear the brute-force lockout.'],
      docs: [SERVER_ADMIN_DOC],
    },
    {
      id: 'service-account-not-enabled',
      situation: 'client credentials grant on a client without service accounts',
      match: 'Client not enabled to retrieve service account',
      cause: 'server_misconfiguration',
      confidence: 0.9,
      explain:
        'The client_credentials grant needs the client’s “Service accounts roles” (service account) capability, which is off.',
      fix: [
        'Enable Client authentication and Service accounts roles on the client, then request the token again.',
      ],
      docs: [SERVER_ADMIN_DOC],
    },
    {
      id: 'realm-does-not-exist',
      situation: 'the realm in the URL does not exist (often the /auth prefix or a typo)',
      match: 'Realm does not exist',
      status: [404],
      cause: 'wrong_url_or_endpoint',
      confidence: 0.9,
      explain:
        'Keycloak has no realm by that name at this path: the realm name is mistyped (it is case-sensitive) or the URL mixes the legacy /auth prefix with a Keycloak 17+ server.',
      fix: [
        'Use https://<host>/realms/<realm>/… on Keycloak 17 and later, https://<host>/auth/realms/<realm>/… on legacy servers, with the exact realm name.',
      ],
      docs: [QUARKUS_MIGRATION_DOC],
    },
    {
      id: 'https-required',
      situation: 'a plain-http request to a realm that requires SSL for external clients',
      match: String.raw`"error_description"\s*:\s*"HTTPS required"|invalid_request: HTTPS required`,
      cause: 'wrong_url_or_endpoint',
      confidence: 0.9,
      explain:
        'The realm’s “Require SSL” setting (external requests by default) refuses plain http from non-local addresses.',
      fix: [
        'Call Keycloak over https (behind a proxy, configure the proxy headers so Keycloak sees the original scheme).',
      ],
      docs: [SERVER_ADMIN_DOC],
    },
  ],
  tokenLifetimes: [
    {
      token: 'access token',
      seconds: 300,
      text: '5 minutes by default (realm setting Access Token Lifespan)',
    },
    { token: 'master realm access token', seconds: 60, text: '1 minute by default in the master realm' },
    { token: 'SSO session', text: 'idle 30 minutes, maximum 10 hours by default' },
  ],
  endpoints: [
    {
      path: '^/auth/(?:realms|admin)/',
      status: 'deprecated',
      message:
        'Keycloak 17 and later (the Quarkus distribution) serve realms without the /auth prefix; /auth/realms/… only exists on legacy servers or when http-relative-path is set to /auth, and otherwise answers 404.',
      cause: 'wrong_url_or_endpoint',
      fix: [
        'Drop the /auth prefix (https://<host>/realms/<realm>/protocol/openid-connect/token), or keep it only if the server runs with --http-relative-path=/auth.',
      ],
      docs: [QUARKUS_MIGRATION_DOC],
    },
  ],
  docs: [
    {
      title: 'Securing applications and services (OIDC endpoints and client authentication)',
      url: SECURING_APPS_DOC,
    },
    { title: 'Server administration guide', url: SERVER_ADMIN_DOC },
    { title: 'Migrating to the Quarkus distribution (the /auth path change)', url: QUARKUS_MIGRATION_DOC },
  ],
  pitfalls: [
    'Keycloak 17+ (Quarkus) dropped the /auth path prefix; old /auth/realms URLs answer 404 rather than 401.',
    'Access tokens are short-lived (5 minutes by default, 1 minute in the master realm); long-running clients must refresh.',
    'The token’s `iss` follows the hostname used to fetch it; tokens fetched through an internal hostname fail validation at services that expect the public one.',
    'Client secrets with special characters must be URL-encoded before Basic encoding; a change in how v20 decodes them produced “Invalid client or Invalid client credentials”.',
  ],
} satisfies ProviderPackInput;
