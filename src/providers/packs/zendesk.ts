import type { ProviderPackInput } from '../schema.js';

const SECURITY_DOC = 'https://developer.zendesk.com/api-reference/introduction/security-and-auth/';
const AUTH_ARTICLE = 'https://support.zendesk.com/hc/en-us/articles/4408831452954';

export const zendesk = {
  id: 'zendesk',
  name: 'Zendesk Support API',
  hosts: [{ host: '*.zendesk.com', basePath: '/api/v2', note: 'one subdomain per Zendesk account' }],
  auth: [
    {
      in: 'basic',
      credential: 'an agent’s email with “/token” appended as the username and an API token as the password',
      basicShape: '{email_address}/token:{api_token}',
      status: 'preferred',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an OAuth access token',
      status: 'accepted',
    },
    {
      in: 'basic',
      credential: 'email and password',
      basicShape: '{email_address}:{password}',
      status: 'accepted',
      note: 'only while password access is enabled for the API, and not for users with two-factor authentication',
    },
    {
      in: 'basic',
      credential: 'email and API token without the /token suffix',
      basicShape: '{email_address}:{api_token}',
      status: 'rejected',
      note: 'without “/token” Zendesk treats the token as a password',
    },
  ],
  errors: [
    {
      id: 'could-not-authenticate',
      situation:
        'bad email / token pair, the /token suffix missing, a token of another subdomain, or password access disabled',
      match: "Couldn't authenticate you",
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'Zendesk could not match the Basic credentials to a user. With an API token the username must be the agent’s email followed by “/token”; without the suffix the token is tried as a password. A token from another Zendesk account or a disabled password login gives the same answer.',
      fix: [
        'Send `{email}/token` as the username: `curl -u agent@example.com/token:<API_TOKEN> https://<subdomain>.zendesk.com/api/v2/users/me.json`.',
        'Check that the token is active under Admin Center → Apps and integrations → Zendesk API, on the same subdomain.',
      ],
      docs: [SECURITY_DOC, AUTH_ARTICLE],
    },
    {
      id: 'forbidden-no-access',
      situation: 'authenticated, but the user’s role or the OAuth scope does not allow the call',
      match: 'You do not have access to this page. Please contact the account owner',
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        'The credentials are valid, but this user (for example a light agent, or an agent on an admin endpoint) or the OAuth token’s scope may not use this endpoint.',
      fix: [
        'Use an admin’s API token or an agent with the needed role, or request an OAuth token with the required scope (read / write or the resource scope).',
      ],
      docs: [SECURITY_DOC],
    },
  ],
  scopes: [
    { method: 'GET', path: '^/api/v2/tickets', scopes: ['read', 'tickets:read'] },
    { method: 'POST', path: '^/api/v2/tickets', scopes: ['write', 'tickets:write'] },
    { method: 'GET', path: '^/api/v2/users', scopes: ['read', 'users:read'] },
  ],
  docs: [
    { title: 'Security and authentication', url: SECURITY_DOC },
    { title: 'How can I authenticate API requests?', url: AUTH_ARTICLE },
  ],
  pitfalls: [
    'The most common 401 is forgetting the “/token” suffix on the email when using an API token.',
    'Credentials in the URL or the JSON body are ignored; only the Authorization header counts.',
    'Password Basic auth fails when password access is disabled or the user has two-factor authentication.',
  ],
  rotate: {
    url: 'https://developer.zendesk.com/api-reference/introduction/security-and-auth/',
    steps: [
      'In Admin Center open Apps and integrations › APIs and find the API tokens.',
      'Add a new token, update your integration, then delete the old token.',
    ],
  },
} satisfies ProviderPackInput;
