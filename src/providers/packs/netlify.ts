import type { ProviderPackInput } from '../schema.js';

const API_AUTH_DOC = 'https://docs.netlify.com/api/get-started/#authentication';
const CLI_TOKEN_DOC = 'https://docs.netlify.com/cli/get-started/#obtain-a-token-in-the-netlify-ui';

export const netlify = {
  id: 'netlify',
  name: 'Netlify API and CLI',
  hosts: [
    { host: 'api.netlify.com', basePath: '/api/v1' },
    { host: 'app.netlify.com', note: 'web UI and OAuth authorization' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a personal access token (nfp_…) or an OAuth access token',
      formats: ['netlify.personal_access_token'],
      status: 'preferred',
    },
    {
      in: 'query',
      name: 'access_token',
      credential: 'the token as an access_token query parameter',
      status: 'deprecated',
      note: 'Prefer the Authorization header; URLs end up in logs.',
    },
  ],
  credentialFormats: [
    {
      id: 'netlify.personal_access_token',
      name: 'Netlify personal access token (nfp_)',
      pattern: 'nfp_[A-Za-z0-9]{20,80}',
      prefix: 'nfp_',
      tokenType: 'personal_token',
    },
  ],
  errors: [
    {
      id: 'cli-unauthorized',
      situation: 'the Netlify CLI’s token was refused',
      match: String.raw`Failed retrieving [^:\n]{1,80}: Unauthorized\. Double-check your login status with 'netlify status'`,
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'The Netlify API refused the token the CLI used: NETLIFY_AUTH_TOKEN (or the stored login) holds an expired or revoked personal access token, or a token of a user who cannot access this site or team.',
      fix: [
        'Create a new personal access token (User settings → Applications → Personal access tokens) and set it as NETLIFY_AUTH_TOKEN, or run `netlify login` again; check with `netlify status`.',
      ],
      docs: [CLI_TOKEN_DOC, API_AUTH_DOC],
    },
  ],
  docs: [
    { title: 'API authentication', url: API_AUTH_DOC },
    { title: 'CLI: obtain a token', url: CLI_TOKEN_DOC },
  ],
  pitfalls: [
    'Personal access tokens expire on the date chosen when they were created; CI deploys start failing with “Unauthorized” at that date.',
    'With an invalid token some CLI commands report “Site not found. Please rerun "netlify link"” instead of an authentication error.',
  ],
  rotate: {
    url: 'https://app.netlify.com/user/applications',
    steps: [
      'Open User settings › Applications › Personal access tokens.',
      'Delete the token and create a new one with an expiration.',
      'Update `NETLIFY_AUTH_TOKEN` in CI and anywhere else it is stored.',
    ],
  },
} satisfies ProviderPackInput;
