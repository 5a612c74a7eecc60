import type { ProviderPackInput } from '../schema.js';

const CREATE_TOKEN_DOC = 'https://developers.cloudflare.com/fundamentals/api/get-started/create-token/';
const TROUBLESHOOTING_DOC = 'https://developers.cloudflare.com/fundamentals/api/troubleshooting';

export const cloudflare = {
  id: 'cloudflare',
  name: 'Cloudflare API v4',
  hosts: [{ host: 'api.cloudflare.com', basePath: '/client/v4' }],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an API token (scoped permissions and resources)',
      formats: ['cloudflare.api_token'],
      status: 'preferred',
    },
    {
      in: 'header',
      name: 'X-Auth-Key',
      credential: 'the Global API Key, together with the account email in X-Auth-Email',
      formats: ['cloudflare.global_api_key'],
      status: 'accepted',
      note: 'legacy: full account access; both headers are required',
    },
    {
      in: 'header',
      name: 'X-Auth-User-Service-Key',
      credential: 'an Origin CA key (v1.0-…), for the Origin CA certificate endpoints only',
      formats: ['cloudflare.origin_ca_key'],
      status: 'accepted',
    },
    {
      in: 'header',
      name: 'X-Auth-Key',
      credential: 'an API token sent in X-Auth-Key',
      formats: ['cloudflare.api_token'],
      status: 'rejected',
      note: 'API tokens go in `Authorization: Bearer`; X-Auth-Key only takes the Global API Key',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'the Global API Key sent as a Bearer token',
      formats: ['cloudflare.global_api_key'],
      status: 'rejected',
      note: 'the Global API Key only works with X-Auth-Email + X-Auth-Key',
    },
  ],
  headerNames: ['x-auth-email', 'x-auth-key', 'x-auth-user-service-key'],
  errors: [
    {
      id: 'authentication-error-10000',
      situation: 'a bad or expired token (401), or a good token without permission for the resource (403)',
      match: String.raw`"code"\s*:\s*10000\s*,\s*"message"\s*:\s*"Authentication error"`,
      status: [401, 403],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'Cloudflare uses code 10000 “Authentication error” both for a token it does not accept (401) and for a valid token lacking the permission or zone this call needs (403). The HTTP status tells them apart.',
      fix: [
        'Check the token: `curl -H "Authorization: Bearer <API_TOKEN>" https://api.cloudflare.com/client/v4/user/tokens/verify` — “active” means the token is fine and its permissions or zone resources are the problem.',
        'For a 403, edit the token to include the permission (for example Zone → DNS → Edit) and the zone or account being called.',
      ],
      docs: [TROUBLESHOOTING_DOC, CREATE_TOKEN_DOC],
    },
    {
      id: 'invalid-x-auth-key-format',
      situation: 'an API token (or a mangled key) sent in X-Auth-Key (code 6103)',
      match: 'Invalid format for X-Auth-Key header',
      status: [400],
      cause: 'wrong_header_format',
      confidence: 0.9,
      explain:
        'X-Auth-Key only accepts the 37-character Global API Key. An API token sent there (the most common case), or a key with an extra character or space, fails this format check.',
      fix: [
        'Send API tokens as `Authorization: Bearer <API_TOKEN>` and drop X-Auth-Key / X-Auth-Email.',
        'If you do use the Global API Key, paste it again exactly (37 characters) together with `X-Auth-Email: <account email>`.',
      ],
      docs: [CREATE_TOKEN_DOC, TROUBLESHOOTING_DOC],
    },
    {
      id: 'invalid-x-auth-email-format',
      situation: 'X-Auth-Email is not an email address (code 6102)',
      match: 'Invalid format for X-Auth-Email header',
      status: [400],
      cause: 'wrong_header_format',
      confidence: 0.85,
      explain:
        'X-Auth-Email must be the Cloudflare account’s email address (an account ID or username fails).',
      fix: [
        'Put the login email in X-Auth-Email, or switch to an API token in `Authorization: Bearer` and drop both X-Auth headers.',
      ],
      docs: [TROUBLESHOOTING_DOC],
    },
    {
      id: 'invalid-authorization-header-format',
      situation: 'a malformed Authorization header (code 6111)',
      match: 'Invalid format for Authorization header',
      status: [400],
      cause: 'wrong_header_format',
      confidence: 0.9,
      explain:
        'The Authorization header is not `Bearer <40-character API token>`: the word Bearer is missing, the value is a Global API Key or a placeholder, or it has stray characters.',
      fix: ['Send `Authorization: Bearer <API_TOKEN>` with a token from My Profile → API Tokens.'],
      docs: [CREATE_TOKEN_DOC],
    },
    {
      id: 'missing-auth-headers-9106',
      situation: 'no credential header at all (code 9106)',
      match: 'Missing X-Auth-Key, X-Auth-Email or Authorization headers',
      cause: 'missing_credentials',
      confidence: 0.9,
      explain:
        'Cloudflare found none of its credential headers: no `Authorization: Bearer` and no X-Auth-Email / X-Auth-Key pair. Often an empty variable or an SDK configured with the wrong option name.',
      fix: [
        'Send `Authorization: Bearer <API_TOKEN>` (or X-Auth-Email plus X-Auth-Key with the Global API Key).',
      ],
      docs: [CREATE_TOKEN_DOC],
    },
    {
      id: 'invalid-access-token-9109',
      situation: 'an API token Cloudflare does not recognise, or one that was rolled or deleted (code 9109)',
      match: String.raw`"code"\s*:\s*9109\s*,\s*"message"\s*:\s*"Invalid access token"`,
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain: 'The API token is unknown: mistyped, rolled, deleted or expired.',
      fix: [
        'Verify it with `curl -H "Authorization: Bearer <API_TOKEN>" https://api.cloudflare.com/client/v4/user/tokens/verify` and create a new token if it is not active.',
      ],
      docs: [CREATE_TOKEN_DOC],
    },
    {
      id: 'token-ip-restricted-9109',
      situation: 'the API token’s client IP filter does not include the caller',
      match: 'Cannot use the access token from location',
      cause: 'ip_blocked_or_restricted',
      confidence: 0.95,
      explain:
        'The token has a Client IP Address Filtering rule and the request came from an address outside it (IPv6 traffic is a frequent surprise).',
      fix: [
        'Add the address named in the error (IPv4 and IPv6) to the token’s IP filter, or remove the filter.',
      ],
      docs: [CREATE_TOKEN_DOC],
    },
    {
      id: 'unknown-global-key-9103',
      situation: 'the Global API Key / email pair is not recognised (code 9103)',
      match: 'Unknown X-Auth-Key or X-Auth-Email',
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain: 'The Global API Key does not belong to the email sent, or was regenerated.',
      fix: [
        'View the Global API Key again under My Profile → API Tokens and send it with the same account’s email.',
      ],
      docs: [TROUBLESHOOTING_DOC],
    },
    {
      id: 'missing-permission',
      situation: 'the token lacks a permission the call needs',
      match: "Actor '[^']{1,120}' requires permission",
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.9,
      explain: 'The API token is valid but lacks the permission named in the message.',
      fix: [
        'Edit the token (My Profile → API Tokens) to add the named permission for the right account or zone.',
      ],
      docs: [CREATE_TOKEN_DOC],
    },
  ],
  docs: [
    { title: 'Create an API token', url: CREATE_TOKEN_DOC },
    { title: 'API troubleshooting', url: TROUBLESHOOTING_DOC },
  ],
  pitfalls: [
    'API tokens go in `Authorization: Bearer`; putting them in X-Auth-Key produces 400 code 6003 / 6103.',
    'Code 10000 “Authentication error” means a bad token (401) or a good token without the needed permission or zone (403); check GET /client/v4/user/tokens/verify.',
    'Zone-scoped tokens fail on zones not included when the token was created.',
    'GET /client/v4/user/tokens/verify reports the token’s status (active, disabled or expired) and is the quickest way to tell a dead token from a permission gap.',
  ],
  rotate: {
    url: 'https://dash.cloudflare.com/profile/api-tokens',
    steps: [
      'Open My Profile › API Tokens (account-owned tokens are under Manage Account › API Tokens).',
      'Roll the token (same permissions, new value), or delete it and create a new one.',
      'If the Global API Key leaked, change it on the same page, and prefer scoped API tokens from then on.',
      "Check the account's audit logs for changes you did not make.",
    ],
  },
} satisfies ProviderPackInput;
