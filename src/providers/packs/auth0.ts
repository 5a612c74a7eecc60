import type { ProviderPackInput } from '../schema.js';

const MGMT_TOKENS_DOC = 'https://auth0.com/docs/secure/tokens/access-tokens/management-api-access-tokens';
const LIFETIME_DOC = 'https://auth0.com/docs/secure/tokens/access-tokens/update-access-token-lifetime';

export const auth0 = {
  id: 'auth0',
  name: 'Auth0 (Authentication and Management API)',
  hosts: [
    {
      host: '*.auth0.com',
      note: 'tenant domains (tenant.auth0.com, tenant.us.auth0.com, tenant.eu.auth0.com …); Management API at /api/v2',
    },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a Management API access token (a JWT whose audience is https://<tenant>/api/v2/)',
      status: 'preferred',
    },
    {
      in: 'body',
      name: 'client_secret',
      credential:
        'client_id and client_secret of a machine-to-machine application, POSTed to /oauth/token with grant_type=client_credentials and an audience',
      status: 'accepted',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'the client secret, client ID or an ID token sent as the bearer value',
      status: 'rejected',
      note: 'the Management API only accepts an access token minted for its audience',
    },
  ],
  issuers: [{ match: String.raw`^https://[a-z0-9-]{1,63}(?:\.[a-z]{2}\d?)?\.auth0\.com/?$` }],
  errors: [
    {
      id: 'invalid-token',
      situation: 'an invalid, expired or foreign token on the Management API',
      match: String.raw`"error"\s*:\s*"Unauthorized"\s*,\s*"message"\s*:\s*"Invalid token"|Token error="Invalid token"`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.5,
      explain:
        'The Management API rejected the bearer token: it is expired, signed for another tenant, minted for another audience, or not an access token. (hapi-based servers answer with the same body shape, so this alone does not prove the API is Auth0.)',
      fix: [
        'Request a fresh token for the Management API audience: `curl --request POST https://<tenant>.auth0.com/oauth/token -d grant_type=client_credentials -d client_id=<CLIENT_ID> -d client_secret=<CLIENT_SECRET> -d audience=https://<tenant>.auth0.com/api/v2/`.',
        'Decode the token and check that `aud` is https://<tenant>.auth0.com/api/v2/ and `iss` is your tenant.',
      ],
      docs: [MGMT_TOKENS_DOC],
    },
    {
      id: 'bad-audience',
      situation: 'a token minted for another API used against the Management API',
      match: 'Bad audience: ',
      status: [401],
      cause: 'wrong_audience_or_issuer',
      confidence: 0.9,
      explain:
        'The token’s `aud` is not this tenant’s Management API. Tokens requested for your own API (or for another tenant) cannot call /api/v2.',
      fix: [
        'Request the token with `audience=https://<tenant>.auth0.com/api/v2/` (the API identifier shown under Applications → APIs → Auth0 Management API).',
      ],
      docs: [MGMT_TOKENS_DOC],
    },
    {
      id: 'expired-token',
      situation: 'the Management API token has expired',
      match: 'Expired token received for JSON Web Token validation',
      status: [401],
      cause: 'expired_token',
      confidence: 0.95,
      explain:
        'The Management API token is past its `exp` (24 hours by default). Long-running services that fetch one token at start-up hit this a day later.',
      fix: [
        'Request a new token via the client-credentials grant and cache it only until shortly before `exp`.',
      ],
      docs: [MGMT_TOKENS_DOC, LIFETIME_DOC],
    },
    {
      id: 'bad-authentication-header-format',
      situation: 'the bearer value is not a JWT (often the client secret or client ID)',
      match: 'Bad HTTP authentication header format',
      status: [400],
      cause: 'wrong_token_type',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'Auth0 could not read the Authorization header as `Bearer <JWT>`. The usual reason is that the client secret or client ID was passed where a Management API access token belongs.',
      fix: [
        'Exchange the client ID and secret for an access token at /oauth/token first, then send `Authorization: Bearer <ACCESS_TOKEN>`.',
      ],
      docs: [MGMT_TOKENS_DOC],
    },
    {
      id: 'insufficient-scope',
      situation: 'the token lacks a Management API scope',
      match: 'Insufficient scope, expected any of',
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.95,
      explain:
        'The token is valid but was issued without the scope named in the message. Scopes granted later only appear in tokens requested afterwards.',
      fix: [
        'Grant the scope to the machine-to-machine application (Applications → APIs → Auth0 Management API → Machine to Machine Applications) and request a NEW token.',
      ],
      docs: [MGMT_TOKENS_DOC],
    },
    {
      id: 'access-denied-unauthorized',
      situation:
        'the token endpoint refused the client (wrong secret, wrong application type, or grant not allowed)',
      match: String.raw`"error"\s*:\s*"access_denied"\s*,\s*"error_description"\s*:\s*"Unauthorized"`,
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'Auth0 answered access_denied / Unauthorized at /oauth/token: the client ID or secret is wrong, the application type does not allow this flow, or the application is not authorised for the requested audience. The tenant logs name the exact reason.',
      fix: [
        'Check the client ID and secret of the application in the Auth0 Dashboard, then look at Monitoring → Logs for the failed exchange.',
      ],
      docs: [MGMT_TOKENS_DOC],
    },
    {
      id: 'client-not-authorized-for-api',
      situation: 'the application has no client grant for the requested API',
      match: 'is not authorized to access resource server',
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        'The audience exists, but this application was never authorised (no client grant) to request tokens for it.',
      fix: [
        'Authorise the application for the API under Applications → APIs → <API> → Machine to Machine Applications, select the scopes, and request the token again.',
      ],
      docs: [MGMT_TOKENS_DOC],
    },
    {
      id: 'service-not-enabled',
      situation: 'the requested audience is not an API of this tenant',
      match: 'Service not enabled within domain',
      cause: 'wrong_audience_or_issuer',
      confidence: 0.85,
      explain:
        'No API with that identifier exists in the tenant the request went to: the audience is mistyped (identifiers must match character for character) or belongs to another tenant.',
      fix: [
        'Copy the API identifier exactly from Applications → APIs and send it as `audience`, to the domain of the tenant that owns the API.',
      ],
      docs: [MGMT_TOKENS_DOC],
    },
    {
      id: 'grant-type-not-allowed',
      situation: 'the application is not allowed to use the requested grant type',
      match: "Grant type '[^']{1,120}' not allowed for the client",
      cause: 'server_misconfiguration',
      confidence: 0.85,
      explain:
        'The application’s settings do not enable this grant type, so Auth0 refuses the token request.',
      fix: [
        'Enable the grant under Applications → <app> → Settings → Advanced Settings → Grant Types (client credentials needs a machine-to-machine application).',
      ],
      docs: ['https://auth0.com/docs/clients/client-grant-types'],
    },
    {
      id: 'wrong-email-or-password',
      situation: 'a password grant with wrong user credentials',
      match: 'Wrong email or password',
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain: 'Auth0 rejected the username and password of a resource-owner password grant.',
      fix: [
        'Check the user’s credentials and that the connection (realm) sent is the one the user belongs to.',
      ],
      docs: [MGMT_TOKENS_DOC],
    },
    {
      id: 'user-blocked',
      situation: 'the user was blocked, or locked out after too many failed logins',
      match: String.raw`"too_many_attempts"|Your account has been blocked after multiple consecutive login attempts|"error_description"\s*:\s*"user is blocked"`,
      cause: 'account_or_billing_state',
      confidence: 0.9,
      explain:
        'Auth0 refuses to issue tokens for this user: the account is blocked by an administrator or by brute-force protection after repeated failed logins.',
      fix: [
        'Unblock the user in the Auth0 Dashboard (User Management → Users → the user), or follow the unblock link Auth0 emailed, and fix whatever kept sending a wrong password.',
      ],
      docs: [MGMT_TOKENS_DOC],
    },
  ],
  tokenLifetimes: [
    {
      token: 'Management API access token',
      seconds: 86400,
      text: '24 hours by default (configurable up to 30 days); it cannot be revoked',
    },
    { token: 'access token for the /mfa audience', seconds: 600, text: '10 minutes, fixed' },
  ],
  scopes: [
    { method: 'GET', path: String.raw`^/api/v2/users(?:/|$|\?)`, scopes: ['read:users'] },
    { method: 'POST', path: '^/api/v2/users/?$', scopes: ['create:users'] },
    { method: 'PATCH', path: '^/api/v2/users/', scopes: ['update:users'] },
    { method: 'DELETE', path: '^/api/v2/users/', scopes: ['delete:users'] },
    { method: 'GET', path: '^/api/v2/roles(?:/|$)', scopes: ['read:roles'] },
    { method: 'GET', path: '^/api/v2/clients(?:/|$)', scopes: ['read:clients'] },
  ],
  docs: [
    { title: 'Management API access tokens', url: MGMT_TOKENS_DOC },
    { title: 'Update access token lifetime', url: LIFETIME_DOC },
  ],
  pitfalls: [
    'Scopes granted to a machine-to-machine application only appear in tokens requested after the change; old tokens keep the old scopes.',
    'Management API tokens cannot be revoked; if one leaks, delete the client grant or rotate the client secret.',
    'Using the client secret as the bearer value gives 400 “Bad HTTP authentication header format”.',
    'The audience must be the API identifier exactly (https://<tenant>.auth0.com/api/v2/ for the Management API), including the trailing slash.',
  ],
  rotate: {
    url: 'https://auth0.com/docs/secure/tokens/access-tokens/management-api-access-tokens',
    steps: [
      'Management API access tokens cannot be revoked; they expire on their own (after 24 hours by default).',
      'If one leaked, rotate the client secret of the application that requested it (Applications › the app › Settings) and update that application.',
      "Or remove that application's access to the Auth0 Management API (APIs › Auth0 Management API › Machine to Machine Applications).",
      'Check the tenant logs (Monitoring › Logs) for Management API calls you did not make.',
    ],
  },
} satisfies ProviderPackInput;
