import type { ProviderPackInput } from '../schema.js';

const OVERVIEW_DOC = 'https://developer.okta.com/docs/api/openapi/okta-management/guides/overview';
const ERRORS_DOC = 'https://developer.okta.com/docs/reference/error-codes/';
const TOKENS_HELP = 'https://help.okta.com/en-us/content/topics/security/api.htm';

export const okta = {
  id: 'okta',
  name: 'Okta Management API',
  hosts: [
    {
      host: '*.okta.com',
      note: 'use the org host (acme.okta.com), never the admin console host (acme-admin.okta.com)',
    },
    { host: '*.oktapreview.com', environment: 'sandbox', note: 'Okta preview (sandbox) orgs' },
    { host: '*.okta-emea.com', region: 'emea', note: 'orgs in the EMEA cell' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'SSWS',
      credential: 'an Okta API token',
      formats: ['okta.api_token'],
      status: 'preferred',
      note: 'Okta-specific scheme: `Authorization: SSWS <api_token>`',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an OAuth 2.0 access token with okta.* scopes (service app or user)',
      status: 'accepted',
    },
    {
      in: 'header',
      scheme: 'DPoP',
      credential: 'a DPoP-bound OAuth 2.0 access token, with a DPoP proof header',
      status: 'accepted',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an Okta API token sent as Bearer',
      formats: ['okta.api_token'],
      status: 'rejected',
      note: 'API tokens only work with the SSWS scheme',
    },
  ],
  headerNames: ['x-okta-user-agent-extended'],
  issuers: [
    { match: String.raw`^https://[a-z0-9-]{1,63}\.(?:okta|okta-emea)\.com(?:/oauth2/[A-Za-z0-9]{1,40})?/?$` },
    {
      match: String.raw`^https://[a-z0-9-]{1,63}\.oktapreview\.com(?:/oauth2/[A-Za-z0-9]{1,40})?/?$`,
      environment: 'sandbox',
    },
  ],
  errors: [
    {
      id: 'invalid-token-provided',
      situation: 'an invalid, revoked or expired API token (E0000011)',
      match: String.raw`\bE0000011\b|Invalid token provided`,
      status: [401],
      cause: 'invalid_credentials',
      // Also the answer when the token was never read as one (a malformed header, another org or scheme);
      // rules that see that explain it more precisely.
      confidence: 0.8,
      explain:
        'Okta does not accept the token. API tokens are revoked when unused for 30 days or when the admin who created them is deactivated; a token of another org, a mistyped token or an API token sent with the Bearer scheme also ends here.',
      fix: [
        'Send API tokens with the SSWS scheme: `curl -H "Authorization: SSWS <API_TOKEN>" https://<org>.okta.com/api/v1/users/me`.',
        'Check the token under Security → API → Tokens in the Admin Console; if it is gone, create a new one (preferably owned by a service account).',
      ],
      docs: [OVERVIEW_DOC, ERRORS_DOC],
    },
    {
      id: 'authentication-failed',
      situation:
        'generic authentication failure (E0000004), e.g. a wrong username or password on /api/v1/authn',
      match: String.raw`\bE0000004\b`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Okta could not authenticate the caller with the credentials given (E0000004 “Authentication failed”).',
      fix: [
        'Check the username and password (or the credential the endpoint expects) and that the user is active.',
      ],
      docs: [ERRORS_DOC],
    },
    {
      id: 'invalid-session',
      situation: 'the session the request relies on is invalid (E0000005)',
      match: String.raw`\bE0000005\b`,
      status: [403],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.5,
      explain:
        'Okta rejected the session behind the request (E0000005 “Invalid session”): it expired, was ended, or the endpoint needs a different kind of credential than the one sent.',
      fix: [
        'For Management API calls send an API token (`Authorization: SSWS <API_TOKEN>`) or an OAuth 2.0 access token with the needed okta.* scopes instead of a session.',
      ],
      docs: [ERRORS_DOC],
    },
    {
      id: 'access-denied',
      situation: 'the admin role behind the token lacks the permission (E0000006)',
      match: String.raw`\bE0000006\b|You do not have permission to perform the requested action`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        'The token authenticated, but the admin role it inherits (API tokens act with the creating admin’s role) does not allow this action.',
      fix: [
        'Give the token’s owner (ideally a dedicated service account) an admin role that covers this action, or use an OAuth 2.0 service app granted the matching okta.* scope.',
      ],
      docs: [ERRORS_DOC],
    },
    {
      id: 'feature-not-available',
      situation: 'the org does not have the feature the endpoint belongs to (E0000015)',
      match: String.raw`\bE0000015\b`,
      status: [403],
      cause: 'account_or_billing_state',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Okta says the requested feature is not available to this org or caller (E0000015), which is about the org’s features, not the token.',
      fix: ['Check that the feature is enabled for the org (Settings → Features) or included in its plan.'],
      docs: [ERRORS_DOC],
    },
    {
      id: 'insufficient-scope',
      situation: 'an OAuth 2.0 access token without the okta.* scope this endpoint needs',
      match: 'The access token provided does not contain the required scopes',
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.9,
      explain:
        'The OAuth 2.0 access token is valid but was not issued with the scope named in the WWW-Authenticate header (for example okta.users.read).',
      fix: [
        'Grant the scope to the app under Okta API Scopes, request it explicitly when getting the token (`scope=okta.users.read`), and use the new token.',
      ],
      docs: [OVERVIEW_DOC],
    },
  ],
  tokenLifetimes: [
    {
      token: 'Okta API token (SSWS)',
      text: 'valid while used: it expires after 30 days without use and dies when the admin who created it is deactivated',
    },
    { token: 'OAuth 2.0 access token', seconds: 3600, text: '1 hour by default' },
  ],
  scopes: [
    {
      method: 'GET',
      path: '^/api/v1/users(?:/|$)',
      scopes: ['okta.users.read', 'okta.users.manage'],
    },
    { method: 'POST', path: '^/api/v1/users(?:/|$)', scopes: ['okta.users.manage'] },
    {
      method: 'GET',
      path: '^/api/v1/groups(?:/|$)',
      scopes: ['okta.groups.read', 'okta.groups.manage'],
    },
    { method: 'PUT', path: '^/api/v1/groups(?:/|$)', scopes: ['okta.groups.manage'] },
    { method: 'GET', path: '^/api/v1/apps(?:/|$)', scopes: ['okta.apps.read', 'okta.apps.manage'] },
    { method: 'GET', path: '^/api/v1/logs(?:/|$)', scopes: ['okta.logs.read'] },
    {
      method: 'GET',
      path: '^/api/v1/policies(?:/|$)',
      scopes: ['okta.policies.read', 'okta.policies.manage'],
    },
  ],
  docs: [
    { title: 'Okta Management API overview (authentication)', url: OVERVIEW_DOC },
    { title: 'Okta error codes', url: ERRORS_DOC },
    { title: 'Manage Okta API tokens', url: TOKENS_HELP },
    {
      title: 'Configure OAuth 2.0 Demonstrating Proof-of-Possession',
      url: 'https://developer.okta.com/docs/guides/dpop/main/',
    },
  ],
  pitfalls: [
    'API tokens use the SSWS scheme, not Bearer.',
    'Use the org hostname (acme.okta.com), not the admin console host (acme-admin.okta.com), which answers 403 with an empty body.',
    'API tokens inherit the creating admin’s role and die when that admin is deactivated; create them as a service account.',
    'An API token that is not used for 30 days expires silently.',
  ],
  rotate: {
    url: 'https://help.okta.com/en-us/content/topics/security/api.htm',
    steps: [
      'In the Admin Console open Security › API › Tokens.',
      'Revoke the token, then create a new one (it is shown once), signed in as a user with only the admin role the integration needs.',
      'API tokens act as the user who created them and stop working when that user is deactivated; OAuth 2.0 service apps avoid that.',
      'Check the System Log for calls made with the old token.',
    ],
  },
} satisfies ProviderPackInput;
