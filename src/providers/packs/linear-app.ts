import type { ProviderPackInput } from '../schema.js';

const GRAPHQL_DOC = 'https://linear.app/developers/graphql';
const OAUTH_DOC = 'https://linear.app/developers/oauth-2-0-authentication';

export const linearApp = {
  id: 'linear-app',
  name: 'Linear GraphQL API',
  hosts: [{ host: 'api.linear.app', basePath: '/graphql' }],
  auth: [
    {
      in: 'header',
      credential:
        'a personal API key (lin_api_…), sent as the whole Authorization value without a scheme word',
      formats: ['linear.api_key'],
      status: 'preferred',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an OAuth 2.0 access token of a Linear OAuth application',
      status: 'accepted',
    },
  ],
  errors: [
    {
      id: 'authentication-required',
      situation: 'Linear did not accept the API key or OAuth token',
      match: String.raw`Authentication required, not authenticated|"code"\s*:\s*"AUTHENTICATION_ERROR"`,
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Linear found no credential it accepts: the personal API key was revoked or mistyped (or belongs to another workspace that was left), an OAuth token expired or was revoked, or no Authorization header was sent. Linear may answer this with HTTP 200 and an errors array, so clients that only check the status see an empty result.',
      fix: [
        'Send a personal key as `Authorization: lin_api_…` (no Bearer) or an OAuth token as `Authorization: Bearer <TOKEN>` to https://api.linear.app/graphql; create a new key under Settings → API if needed.',
      ],
      docs: [GRAPHQL_DOC, OAUTH_DOC],
    },
  ],
  docs: [
    { title: 'GraphQL API (authentication)', url: GRAPHQL_DOC },
    { title: 'OAuth 2.0 authentication', url: OAUTH_DOC },
  ],
  pitfalls: [
    'Personal API keys go in Authorization as they are (`Authorization: lin_api_…`); OAuth access tokens use `Bearer`.',
    'Authentication errors can come back with HTTP 200 and an errors array; check the errors field, not only the status.',
  ],
  rotate: {
    url: 'https://linear.app/developers/graphql',
    steps: [
      "In Linear's settings open your account's API section and find the key under Personal API keys.",
      'Revoke it and create a new key with only the access it needs.',
      "For an OAuth application, rotate its client secret on the application's page.",
    ],
  },
} satisfies ProviderPackInput;
