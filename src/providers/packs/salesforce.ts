import type { ProviderPackInput } from '../schema.js';

const OAUTH_QUICKSTART_DOC =
  'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api/quickstart_oauth.htm';
const INVALID_SESSION_GUIDE = 'https://nango.dev/blog/fix-salesforce-invalid-session-id-error';

export const salesforce = {
  id: 'salesforce',
  name: 'Salesforce REST API',
  hosts: [
    { host: 'login.salesforce.com', note: 'OAuth login for production and Developer Edition orgs' },
    { host: 'test.salesforce.com', environment: 'sandbox', note: 'OAuth login for sandboxes' },
    {
      host: '*.my.salesforce.com',
      basePath: '/services/data',
      note: 'My Domain instance; call the instance_url returned with the token',
    },
    { host: '*.sandbox.my.salesforce.com', environment: 'sandbox', basePath: '/services/data' },
    { host: '*.develop.my.salesforce.com', environment: 'development', basePath: '/services/data' },
    { host: '*.scratch.my.salesforce.com', environment: 'development', basePath: '/services/data' },
    {
      host: '*.salesforce.com',
      basePath: '/services/data',
      note: 'legacy instance hosts (na1.salesforce.com, cs42.salesforce.com …)',
    },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an OAuth access token (session ID) starting with the org ID (00D…)',
      formats: ['salesforce.session_id'],
      status: 'preferred',
    },
    {
      in: 'header',
      scheme: 'OAuth',
      credential: 'the same access token with the older `OAuth` scheme word',
      formats: ['salesforce.session_id'],
      status: 'accepted',
    },
    {
      in: 'header',
      name: 'X-SFDC-Session',
      credential: 'a session ID, for the Bulk API 1.0',
      formats: ['salesforce.session_id'],
      status: 'accepted',
    },
    {
      in: 'body',
      name: 'password',
      credential: 'username-password OAuth flow: the password with the user’s security token appended',
      status: 'accepted',
      note: 'sent to the login host’s /services/oauth2/token together with client_id and client_secret',
    },
  ],
  headerNames: ['sforce-call-options', 'sforce-query-options', 'x-sfdc-session'],
  errors: [
    {
      id: 'session-expired-or-invalid',
      situation:
        'the session (access token) expired or was revoked, or the call went to another org’s instance, or IP / client restrictions apply',
      match: 'Session expired or invalid',
      status: [401],
      cause: 'expired_token',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Salesforce answered INVALID_SESSION_ID. Most often the session timed out (the org’s session timeout governs access tokens) or was revoked; the same answer comes for a token sent to another org’s instance, a session locked to another IP, or a token blocked by API access controls.',
      fix: [
        'Refresh the token (grant_type=refresh_token) or log in again, and retry against the `instance_url` returned with the new token: `curl -H "Authorization: Bearer <ACCESS_TOKEN>" <instance_url>/services/data/v60.0/limits`.',
        'If a fresh token fails at once, compare the org ID at the start of the token (00D…) with the org of instance_url, and check the connected app’s IP relaxation policy.',
      ],
      docs: [OAUTH_QUICKSTART_DOC, INVALID_SESSION_GUIDE],
    },
    {
      id: 'session-not-valid-for-rest',
      situation:
        'the session may not call the REST API (High Assurance required, API not enabled for the profile, IP restrictions)',
      match: 'This session is not valid for use with the REST API',
      status: [401],
      cause: 'ip_blocked_or_restricted',
      severity: 'warning',
      confidence: 0.55,
      explain:
        'The token is a real session, but policy keeps it away from the REST API: the connected app enforces IP restrictions or High Assurance (MFA) sessions, or the user’s profile lacks “API Enabled”.',
      fix: [
        'In the connected app’s policies set IP Relaxation to “Relax IP restrictions” (or call from an allowed IP), check the session security level required, and make sure the user has the API Enabled permission; then get a new token.',
      ],
      docs: [INVALID_SESSION_GUIDE],
    },
    {
      id: 'bulk-invalid-session',
      situation: 'the Bulk API got an invalid or expired session ID',
      match: 'InvalidSessionId',
      cause: 'expired_token',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'The Bulk API rejected the session in X-SFDC-Session: it has expired or belongs to another org.',
      fix: ['Get a new session (access token) and send it in X-SFDC-Session to the same instance_url.'],
      docs: [OAUTH_QUICKSTART_DOC],
    },
    {
      id: 'invalid-auth-header',
      situation: 'the Authorization header could not be read (empty token, wrong scheme word)',
      match: String.raw`INVALID_AUTH_HEADER[^\n]{0,60}INVALID_HEADER_TYPE|INVALID_HEADER_TYPE[^\n]{0,60}INVALID_AUTH_HEADER`,
      status: [401],
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Salesforce could not parse the Authorization header (INVALID_AUTH_HEADER / INVALID_HEADER_TYPE): the token was empty because the login step failed, or the scheme word is not Bearer / OAuth.',
      fix: [
        'Check that the OAuth call actually returned an access_token, then send `Authorization: Bearer <ACCESS_TOKEN>`.',
      ],
      docs: [OAUTH_QUICKSTART_DOC],
    },
    {
      id: 'expired-refresh-token',
      situation: 'the refresh token expired or was revoked',
      match: 'expired access/refresh token',
      cause: 'expired_token',
      confidence: 0.85,
      explain:
        'The token endpoint refused the refresh token: the connected app’s refresh token policy expired it, the user revoked access, or an admin ended the OAuth session.',
      fix: [
        'Run the authorisation flow again to get a new refresh token; check the connected app’s Refresh Token Policy.',
      ],
      docs: [OAUTH_QUICKSTART_DOC],
    },
    {
      id: 'authentication-failure',
      situation: 'token endpoint rejected the user credentials (password, security token, login host)',
      match: String.raw`"error_description"\s*:\s*"authentication failure"|invalid_grant: authentication failure`,
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'The login was refused. With the username-password flow the password must have the security token appended; sandbox users must log in at test.salesforce.com; login IP ranges and disabled flows give the same answer.',
      fix: [
        'Send password + security token concatenated, to login.salesforce.com for production or test.salesforce.com for a sandbox, and check the user’s login history for the exact reason.',
      ],
      docs: [OAUTH_QUICKSTART_DOC],
    },
    {
      id: 'inactive-user',
      situation: 'the user is deactivated or frozen',
      match: String.raw`"error_description"\s*:\s*"inactive user"`,
      cause: 'account_or_billing_state',
      confidence: 0.85,
      explain: 'Salesforce will not issue tokens for an inactive or frozen user.',
      fix: ['Reactivate (or unfreeze) the user, or use an active integration user.'],
      docs: [OAUTH_QUICKSTART_DOC],
    },
    {
      id: 'invalid-client-id',
      situation: 'the consumer key is unknown to the org the request went to',
      match: 'invalid_client_id|client identifier invalid',
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.65,
      explain:
        'The token endpoint does not know this consumer key: it is mistyped, the connected app is new and not yet propagated, or the request went to the wrong login host (sandbox vs production).',
      fix: [
        'Copy the consumer key again from the connected app, wait a few minutes after creating it, and use the login host of the org that owns the app.',
      ],
      docs: [OAUTH_QUICKSTART_DOC],
    },
    {
      id: 'invalid-client-credentials',
      situation: 'the consumer secret is wrong',
      match: String.raw`"invalid_client"\s*,\s*"error_description"\s*:\s*"invalid client credentials"`,
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain: 'The consumer key was recognised but the consumer secret does not match.',
      fix: ['Copy the consumer secret again from the connected app (Manage Consumer Details).'],
      docs: [OAUTH_QUICKSTART_DOC],
    },
    {
      id: 'api-disabled-for-org',
      situation: 'the org’s edition or settings do not include API access',
      match: 'API_DISABLED_FOR_ORG|API is not enabled for this Organization',
      cause: 'account_or_billing_state',
      confidence: 0.9,
      explain: 'This org (its edition, or a disabled setting) does not allow API access at all.',
      fix: [
        'Use an edition with API access (Enterprise, Unlimited, Developer …) or have the admin enable it.',
      ],
      docs: [OAUTH_QUICKSTART_DOC],
    },
    {
      id: 'consumer-not-approved',
      situation:
        'JWT bearer flow for a user who has not approved (or is not pre-authorised for) the connected app',
      match: "user hasn'?t approved this consumer",
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        'The JWT bearer flow needs the user to be pre-authorised for the connected app (admin-approved users via profile or permission set) or to have approved it once.',
      fix: [
        'Set the connected app to “Admin approved users are pre-authorized” and assign the user’s profile or a permission set to it.',
      ],
      docs: [OAUTH_QUICKSTART_DOC],
    },
    {
      id: 'jwt-audience-invalid',
      situation: 'the JWT bearer assertion has the wrong `aud` (production vs sandbox login host)',
      match: String.raw`"error_description"\s*:\s*"audience is invalid"|invalid_grant: audience is invalid`,
      cause: 'wrong_audience_or_issuer',
      confidence: 0.8,
      explain:
        'The `aud` of the JWT assertion must be the login host: https://login.salesforce.com for production, https://test.salesforce.com for sandboxes (or the My Domain URL).',
      fix: [
        'Set `aud` to the login host of the org the token is for and post the assertion to that same host.',
      ],
      docs: [OAUTH_QUICKSTART_DOC],
    },
    {
      id: 'expired-password',
      situation: 'the user’s password has expired',
      match: 'INVALID_OPERATION_WITH_EXPIRED_PASSWORD',
      cause: 'account_or_billing_state',
      confidence: 0.9,
      explain: 'The user’s password expired, so API calls are refused until it is changed.',
      fix: ['Change the password (or set the integration user’s profile to “password never expires”).'],
      docs: [OAUTH_QUICKSTART_DOC],
    },
  ],
  tokenLifetimes: [
    {
      token: 'access token (session ID)',
      text: 'governed by the org’s session timeout (2 hours by default); refresh tokens follow the connected app’s refresh token policy',
    },
  ],
  scopes: [{ path: '^/services/data/', scopes: ['api', 'full'] }],
  docs: [
    { title: 'REST API quick start: OAuth and access tokens', url: OAUTH_QUICKSTART_DOC },
    { title: 'Fixing INVALID_SESSION_ID (all the causes)', url: INVALID_SESSION_GUIDE },
  ],
  pitfalls: [
    'Sandboxes authenticate at test.salesforce.com; a sandbox user logging in at login.salesforce.com fails.',
    'After OAuth, call the instance_url returned with the token; the org ID at the start of the token (00D…) tells which org it belongs to.',
    'The username-password flow needs the password with the security token appended.',
    'Session timeout settings invalidate tokens regardless of client caching; refresh on INVALID_SESSION_ID.',
    'INVALID_SESSION_ID looks identical whether the token expired, went to the wrong instance, is locked to another IP, or is blocked by API access controls — check each.',
    'The client-credentials flow (at the My Domain token endpoint) also returns instance_url; use it as the API base.',
  ],
} satisfies ProviderPackInput;
