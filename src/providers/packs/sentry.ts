import type { ProviderPackInput } from '../schema.js';

const API_AUTH_DOC = 'https://docs.sentry.io/api/auth/';
const AUTH_TOKENS_DOC = 'https://docs.sentry.io/account/auth-tokens/';
const CLI_CONFIG_DOC = 'https://docs.sentry.io/cli/configuration/';

export const sentry = {
  id: 'sentry',
  name: 'Sentry API and sentry-cli',
  hosts: [
    { host: 'sentry.io', basePath: '/api/0', note: 'API for organizations in the US region' },
    { host: 'us.sentry.io', basePath: '/api/0', region: 'us', note: 'US region API host' },
    { host: 'de.sentry.io', basePath: '/api/0', region: 'eu', note: 'EU (Germany) region API host' },
    { host: '*.sentry.io', note: 'organization subdomains (<org>.sentry.io) and ingest hosts' },
    {
      host: '*.ingest.sentry.io',
      note: 'event ingestion (DSN); authenticated by the DSN public key, not auth tokens',
    },
    { host: '*.ingest.us.sentry.io', region: 'us', note: 'event ingestion, US region' },
    { host: '*.ingest.de.sentry.io', region: 'eu', note: 'event ingestion, EU region' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential:
        'an auth token: organization token (sntrys_…), user token (sntryu_…) or internal integration token',
      formats: ['sentry.org_token', 'sentry.user_token'],
      status: 'preferred',
    },
  ],
  credentialFormats: [
    {
      id: 'sentry.org_token',
      name: 'Sentry organization auth token (sntrys_)',
      pattern: 'sntrys_[A-Za-z0-9+/=_-]{40,400}',
      prefix: 'sntrys_',
      tokenType: 'api_key',
    },
    {
      id: 'sentry.user_token',
      name: 'Sentry user auth token (sntryu_)',
      pattern: 'sntryu_[a-f0-9]{64}',
      prefix: 'sntryu_',
      tokenType: 'personal_token',
    },
  ],
  errors: [
    {
      id: 'cli-invalid-token',
      situation: 'sentry-cli’s token was refused by the Sentry server it called',
      match: String.raw`sentry reported an error: Invalid (?:org )?token \(http status: 401\)|error: Invalid token: API request failed`,
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'The Sentry server that sentry-cli talked to did not accept the auth token: it was revoked or mistyped, or it belongs to another Sentry — a token from a self-hosted Sentry sent to sentry.io (or the other way round) because the CLI’s url is not set, or an org token for another organization.',
      fix: [
        'Run `sentry-cli info` with the same environment to see which server and token it uses; set the server with `--url`, SENTRY_URL or `url=` in .sentryclirc for self-hosted Sentry.',
        'Create a new organization auth token (Settings → Auth Tokens) on the server you call and set it as SENTRY_AUTH_TOKEN.',
      ],
      docs: [CLI_CONFIG_DOC, AUTH_TOKENS_DOC],
    },
    {
      id: 'api-invalid-org-token',
      situation: 'an organization token the API does not accept',
      match: String.raw`"detail"\s*:\s*"Invalid org token"`,
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.8,
      explain:
        'The organization auth token is not valid for this Sentry: revoked, copied incompletely, or issued by another Sentry installation or region.',
      fix: [
        'Create a new organization token in Settings → Auth Tokens and send it as `Authorization: Bearer <TOKEN>`.',
      ],
      docs: [API_AUTH_DOC],
    },
  ],
  docs: [
    { title: 'API authentication', url: API_AUTH_DOC },
    { title: 'Auth tokens', url: AUTH_TOKENS_DOC },
    { title: 'sentry-cli configuration (url, auth token)', url: CLI_CONFIG_DOC },
  ],
  pitfalls: [
    'A DSN authenticates event ingestion from SDKs; the Web API endpoints need an auth token as `Authorization: Bearer`.',
    'sentry-cli calls sentry.io unless url is configured; tokens from a self-hosted Sentry fail there with “Invalid token”.',
    'Organizations in the EU region use de.sentry.io for the API.',
  ],
  rotate: {
    url: 'https://docs.sentry.io/account/auth-tokens/',
    steps: [
      'Personal tokens are under User Settings › Personal Tokens; organization tokens under Settings › Developer Settings › Organization Tokens.',
      'Revoke the token and create a new one with only the scopes it needs.',
      'Update `SENTRY_AUTH_TOKEN` in CI and any `.sentryclirc` that holds it.',
    ],
  },
} satisfies ProviderPackInput;
