import type { ProviderPackInput } from '../schema.js';

const API_TOKENS_DOC = 'https://docs.fastly.com/en/guides/using-api-tokens';
const AUTH_DOC = 'https://www.fastly.com/documentation/reference/api/auth-tokens/';
const PURGING_DOC = 'https://www.fastly.com/documentation/reference/api/purging/';

export const fastly = {
  id: 'fastly',
  name: 'Fastly API',
  hosts: [{ host: 'api.fastly.com' }],
  auth: [
    {
      in: 'header',
      name: 'Fastly-Key',
      credential: 'an API token',
      status: 'preferred',
      note: 'Tokens carry scopes (global, global:read, purge_select, purge_all) and can be limited to services.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'the API token in an Authorization header',
      status: 'rejected',
      note: 'Fastly reads API tokens from the Fastly-Key header.',
    },
  ],
  headerNames: ['fastly-key', 'x-fastly-key', 'fastly-soft-purge'],
  errors: [
    {
      id: 'credentials-missing-or-invalid',
      situation: 'no Fastly-Key, or a token Fastly does not accept for this call',
      match: String.raw`"msg"\s*:\s*"Provided credentials are missing or invalid"`,
      status: [401, 403],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Fastly found no token it accepts: the Fastly-Key header is missing (or the token was put in Authorization), the token expired or was revoked, or it is limited to other services or lacks the scope the endpoint needs (a purge_select token cannot read configuration; a read-only token cannot purge).',
      fix: [
        'Send the token as `Fastly-Key: <API_TOKEN>`; check its scope and service restrictions under Account → API tokens and create one with the scope this call needs.',
      ],
      docs: [API_TOKENS_DOC, AUTH_DOC],
    },
  ],
  docs: [
    { title: 'Using API tokens', url: API_TOKENS_DOC },
    { title: 'API tokens reference', url: AUTH_DOC },
    { title: 'Purging', url: PURGING_DOC },
  ],
  pitfalls: [
    'The token goes in the Fastly-Key header, not in Authorization.',
    'Tokens are scoped and can be restricted to services: a token that works for one service or for purging can be refused elsewhere.',
  ],
  rotate: {
    url: 'https://docs.fastly.com/en/guides/using-api-tokens',
    steps: [
      'Open Account › API tokens in the Fastly web interface.',
      'Delete the token, then create a new one with the same scope and services.',
      'Update it where your deploy tooling reads it.',
    ],
  },
} satisfies ProviderPackInput;
