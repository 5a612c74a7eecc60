import type { ProviderPackInput } from '../schema.js';

const API_TOKEN_DOCS = 'https://support.atlassian.com/bitbucket-cloud/docs/using-api-tokens/';
const KB_401 =
  'https://support.atlassian.com/bitbucket-cloud/kb/getting-401-http-error-while-authenticating-to-bitbucket-cloud-rest-apis';

export const bitbucket = {
  id: 'bitbucket',
  name: 'Bitbucket Cloud REST API (2.0)',
  hosts: [
    { host: 'api.bitbucket.org', basePath: '/2.0' },
    {
      host: 'bitbucket.org',
      note: 'web UI, git over HTTPS and OAuth (/site/oauth2/access_token); the REST API lives on api.bitbucket.org',
    },
  ],
  auth: [
    {
      in: 'basic',
      credential: 'an Atlassian API token with Bitbucket scopes (ATATT…), with the Atlassian account email',
      basicShape: 'atlassian_account_email:api_token',
      status: 'preferred',
      note: 'API tokens need the email as username; the Bitbucket username does not work with them.',
    },
    {
      in: 'basic',
      credential: 'an app password, with the Bitbucket username',
      basicShape: 'bitbucket_username:app_password',
      status: 'deprecated',
      note: 'App passwords need the Bitbucket username (not the email). Creating them ended on 2025-09-09 and existing ones stop working on 2026-06-09.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a repository, project or workspace access token, or an OAuth 2.0 access token',
      status: 'accepted',
      note: 'Access tokens act as their own user and reach only the repository, project or workspace they belong to.',
    },
    {
      in: 'basic',
      credential: 'an API token for git over HTTPS',
      basicShape: 'x-bitbucket-api-token-auth:api_token',
      status: 'accepted',
      note: 'Only for git operations; the REST API takes email:api_token.',
    },
    {
      in: 'basic',
      credential: 'the Atlassian account password',
      basicShape: 'username_or_email:account_password',
      status: 'rejected',
      note: 'Account passwords stopped working for the API and git (new users September 2021, everyone March 2022).',
    },
  ],
  errors: [
    {
      id: 'basic-challenge',
      situation:
        'Bitbucket rejected the Basic credentials (wrong pairing of username/email and secret, or a dead secret)',
      match: String.raw`Basic realm="?Bitbucket\.org HTTP|authenticating with BASIC 'Bitbucket\.org HTTP'`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'Bitbucket answered with its Basic challenge, so the username/secret pair was not accepted. The usual mistake is the pairing: API tokens need the Atlassian email, app passwords need the Bitbucket username.',
      fix: [
        'With an API token: `curl -u "you@example.com:<API_TOKEN>" https://api.bitbucket.org/2.0/user`.',
        'With an app password: use the username shown under Personal settings › Account settings, not the email.',
        'Check that the token or app password has the scopes the endpoint needs and has not been revoked.',
      ],
      docs: [KB_401, API_TOKEN_DOCS],
    },
    {
      id: 'account-password-rejected',
      situation: 'the Atlassian account password was sent instead of an API token or app password',
      match: 'stopped supporting account passwords for (?:API|Git) authentication',
      status: [401],
      cause: 'wrong_token_type',
      explain:
        'Bitbucket Cloud no longer accepts the account password for the API or git; it needs an API token (or, until June 2026, an app password).',
      fix: [
        'Create an API token with Bitbucket scopes at https://id.atlassian.com/manage-profile/security/api-tokens and use it with your Atlassian email.',
      ],
      docs: [
        'https://bitbucket.org/blog/deprecating-atlassian-account-password-for-bitbucket-api-and-git-activity',
        API_TOKEN_DOCS,
      ],
    },
  ],
  endpoints: [
    {
      path: '^/1\\.0/',
      host: 'api.bitbucket.org',
      status: 'removed',
      message: 'The Bitbucket Cloud REST API 1.0 was removed; only /2.0 remains.',
      fix: ['Call the equivalent /2.0 endpoint.'],
    },
  ],
  docs: [
    { title: 'Using API tokens (Bitbucket Cloud)', url: API_TOKEN_DOCS },
    { title: 'Getting 401 while authenticating to Bitbucket Cloud REST APIs', url: KB_401 },
    {
      title: 'Deprecating Atlassian account passwords for Bitbucket API and Git',
      url: 'https://bitbucket.org/blog/deprecating-atlassian-account-password-for-bitbucket-api-and-git-activity',
    },
  ],
  pitfalls: [
    'App passwords must be paired with the Bitbucket username, not the Atlassian email; API tokens are the opposite: they need the email.',
    'Atlassian account passwords stopped working for API and git Basic auth (new users September 2021, everyone March 1, 2022).',
    'App password creation ended 2025-09-09 and existing app passwords stop on 2026-06-09; migrate to API tokens.',
    'Digest auth is not supported, only Basic.',
    'Bitbucket API tokens have the shared Atlassian token format (ATATT…), so the value alone does not say whether it was made for Bitbucket.',
  ],
  rotate: {
    url: 'https://id.atlassian.com/manage-profile/security/api-tokens',
    steps: [
      'Sign in as the account that owns the token and open Atlassian account settings › Security › API tokens.',
      'Revoke the token, then create an API token with scopes, choosing Bitbucket and only the scopes you need.',
      'Older app passwords are revoked under Personal Bitbucket settings › App passwords.',
      'Update git credential helpers and CI variables that hold the old value.',
    ],
  },
} satisfies ProviderPackInput;
