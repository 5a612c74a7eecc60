import type { ProviderPackInput } from '../schema.js';

const AUTH_DOC = 'https://docs.digitalocean.com/reference/api/api-reference/#section/Authentication';

export const digitalocean = {
  id: 'digitalocean',
  name: 'DigitalOcean API v2',
  hosts: [
    { host: 'api.digitalocean.com', basePath: '/v2' },
    { host: 'cloud.digitalocean.com', note: 'control panel and OAuth endpoints (/v1/oauth/…)' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a personal access token (dop_v1_…) or an OAuth access token (doo_v1_…)',
      formats: ['digitalocean.personal_access_token', 'digitalocean.oauth_token'],
      status: 'preferred',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an OAuth refresh token (dor_v1_…)',
      formats: ['digitalocean.refresh_token'],
      status: 'rejected',
      note: 'refresh tokens are only exchanged at the OAuth token endpoint for a new access token',
    },
  ],
  errors: [
    {
      id: 'unable-to-authenticate',
      situation: 'an invalid, revoked or expired token',
      match: String.raw`"id"\s*:\s*"unauthorized"\s*,\s*"message"\s*:\s*"Unable to authenticate you|api\.digitalocean\.com/[^\s]{0,200}: 401 [^\n]{0,160}Unable to authenticate you`,
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'DigitalOcean does not accept the token: it is mistyped, was deleted or regenerated, or passed its expiry date.',
      fix: [
        'Check the token under API → Tokens in the control panel, create a new one if needed, and test it: `curl -H "Authorization: Bearer <DO_TOKEN>" https://api.digitalocean.com/v2/account`.',
      ],
      docs: [AUTH_DOC],
    },
    {
      id: 'forbidden-scope',
      situation: 'a custom-scoped or read-only token used for an action it does not cover',
      match: String.raw`"id"\s*:\s*"forbidden"\s*,\s*"message"\s*:\s*"You are not authorized to perform this operation|you do not have access for the attempted action`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        'The token is valid but its scopes do not include this action. Custom-scoped tokens often miss indirect scopes, for example ssh_key:read when creating a Droplet with SSH keys.',
      fix: [
        'Create a token with the scopes this call needs (including the indirect ones the API reference lists for it).',
      ],
      docs: [AUTH_DOC],
    },
  ],
  tokenLifetimes: [
    { token: 'personal access token', text: 'the expiry chosen when it was created (or none)' },
  ],
  scopes: [
    { method: 'GET', path: '^/v2/droplets', scopes: ['droplet:read'] },
    { method: 'POST', path: '^/v2/droplets/?$', scopes: ['droplet:create'] },
    { method: 'DELETE', path: '^/v2/droplets/', scopes: ['droplet:delete'] },
    { method: 'GET', path: '^/v2/account/?$', scopes: ['account:read'] },
    { method: 'GET', path: '^/v2/account/keys', scopes: ['ssh_key:read'] },
  ],
  docs: [{ title: 'API reference: Authentication', url: AUTH_DOC }],
  pitfalls: [
    'Custom-scoped tokens often miss indirect scopes (for example ssh_key or account read); the call fails with 403 even though the main resource scope is present.',
    'Read-only tokens used to get 401 on writes; today scope failures are 403.',
  ],
  rotate: {
    url: 'https://cloud.digitalocean.com/account/api/tokens',
    steps: [
      'Open API › Tokens in the control panel.',
      'Delete (or regenerate) the token, then generate a new one with only the scopes and expiry it needs.',
      'Update it in `doctl` (`doctl auth init`), CI variables and `.env` files.',
    ],
  },
} satisfies ProviderPackInput;
