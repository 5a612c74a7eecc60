import type { ProviderPackInput } from '../schema.js';

const SERVICE_ACCOUNTS_DOC = 'https://grafana.com/docs/grafana/latest/administration/service-accounts/';
const HTTP_API_AUTH_DOC = 'https://grafana.com/docs/grafana/latest/developers/http_api/auth/';
const API_KEY_MIGRATION_ISSUE = 'https://github.com/grafana/grafana/issues/53567';

export const grafana = {
  id: 'grafana',
  name: 'Grafana HTTP API',
  // Self-hosted Grafana has no fixed host; Grafana Cloud stacks and its API do.
  hosts: [
    { host: '*.grafana.net', note: 'Grafana Cloud stacks (<stack>.grafana.net/api) and telemetry endpoints' },
    { host: 'grafana.com', basePath: '/api', note: 'Grafana Cloud API (access policy tokens)' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a service account token (glsa_…)',
      formats: ['grafana.service_account_token'],
      status: 'preferred',
    },
    {
      in: 'basic',
      credential: 'a Grafana user’s login and password',
      basicShape: 'login:password',
      status: 'accepted',
      note: 'only while basic auth is enabled; Grafana Cloud stacks expect tokens',
    },
    {
      in: 'basic',
      credential: 'a service account token as the password of the literal user “api_key”',
      basicShape: 'api_key:<token>',
      formats: ['grafana.service_account_token'],
      status: 'accepted',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a legacy API key (eyJrIjoi…)',
      formats: ['grafana.legacy_api_key'],
      status: 'deprecated',
      note: 'API keys were migrated to service account tokens',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential:
        'a Grafana Cloud access policy token (glc_…), for grafana.com/api and Cloud telemetry endpoints',
      formats: ['grafana.cloud_token'],
      status: 'accepted',
      note: 'not accepted by a Grafana instance’s own /api; that needs a glsa_ service account token',
    },
  ],
  headerNames: ['x-grafana-org-id'],
  errors: [
    {
      id: 'invalid-api-key',
      situation:
        'a token Grafana cannot find: mistyped, deleted, from another instance, or a glc_ Cloud token',
      match: String.raw`(?:"messageId"\s*:\s*"|\[)api-key\.invalid|\{\s*"message"\s*:\s*"Invalid API key"\s*[,}]`,
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'Grafana did not recognise the bearer token as one of its service account tokens or API keys. It may be mistyped, deleted, issued by another Grafana instance, or a Grafana Cloud access policy token (glc_…), which the instance API does not accept.',
      fix: [
        'Create a service account token in this instance (Administration → Users and access → Service accounts) and test it: `curl -H "Authorization: Bearer <GLSA_TOKEN>" https://<grafana-host>/api/org`.',
      ],
      docs: [SERVICE_ACCOUNTS_DOC, HTTP_API_AUTH_DOC],
    },
    {
      id: 'expired-api-key',
      situation: 'a service account token or API key past its expiry',
      match: String.raw`(?:"messageId"\s*:\s*"|\[)api-key\.expired|"message"\s*:\s*"Expired API key"`,
      status: [401],
      cause: 'expired_token',
      confidence: 0.95,
      explain: 'The token was created with an expiry date that has passed.',
      fix: ['Add a new token to the service account (with a later or no expiry) and replace the old one.'],
      docs: [SERVICE_ACCOUNTS_DOC],
    },
    {
      id: 'revoked-api-key',
      situation: 'a revoked token',
      match: String.raw`(?:"messageId"\s*:\s*"|\[)api-key\.revoked|"message"\s*:\s*"Revoked API key"`,
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.9,
      explain: 'The token was revoked and can no longer authenticate.',
      fix: ['Create a new service account token and store it as a secret.'],
      docs: [SERVICE_ACCOUNTS_DOC],
    },
    {
      id: 'api-key-organization-mismatch',
      situation: 'the token belongs to another organisation than the one requested',
      match: String.raw`(?:"messageId"\s*:\s*"|\[)api-key\.organization-mismatch|API key does not belong to the requested organization`,
      status: [401],
      cause: 'wrong_environment',
      confidence: 0.85,
      explain:
        'Service account tokens belong to one organisation; the request asked for another (usually through the X-Grafana-Org-Id header).',
      fix: [
        'Drop or correct X-Grafana-Org-Id, or use a token from a service account in the target organisation.',
      ],
      docs: [SERVICE_ACCOUNTS_DOC],
    },
    {
      id: 'invalid-username-or-password',
      situation: 'Basic auth with a wrong login or password (or basic auth not usable here)',
      match: String.raw`(?:"messageId"\s*:\s*"|\[)password-auth\.failed(?!\]\s{0,3}too many consecutive)|\{\s*"message"\s*:\s*"Invalid username or password"\s*[,}]`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'Grafana rejected the Basic credentials: the login or password is wrong, the user comes from LDAP or OAuth and has no local password, or basic auth is not usable on this instance (Grafana Cloud stacks expect tokens).',
      fix: [
        'Use a service account token instead: `curl -H "Authorization: Bearer <GLSA_TOKEN>" https://<grafana-host>/api/org`.',
      ],
      docs: [HTTP_API_AUTH_DOC],
    },
    {
      id: 'login-attempts-blocked',
      situation: 'too many failed logins: the user is temporarily blocked',
      match: String.raw`(?:"messageId"\s*:\s*"|\[)login-attempt\.blocked|too many consecutive incorrect login attempts`,
      cause: 'account_or_billing_state',
      confidence: 0.9,
      explain:
        'Grafana’s brute-force protection has temporarily blocked this login after repeated failures, so even the right password is refused for a while.',
      fix: [
        'Stop the client that keeps sending the wrong password, wait for the block to lapse (or clear it as an admin), then log in with the right credentials or a token.',
      ],
      docs: [HTTP_API_AUTH_DOC],
    },
    {
      id: 'basic-auth-failed',
      situation: 'older Grafana: Basic credentials rejected',
      match: String.raw`"message"\s*:\s*"Basic auth failed"`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Older Grafana versions answer this way when the Basic credentials (or an API key sent through Basic) are wrong.',
      fix: ['Send the token as a Bearer token, or check the login and password.'],
      docs: [HTTP_API_AUTH_DOC],
    },
    {
      id: 'auth-unauthorized',
      situation: 'no credential reached Grafana',
      match: String.raw`"messageId"\s*:\s*"auth\.unauthorized"`,
      status: [401],
      cause: 'missing_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain: 'Grafana saw no credential it could use on this request (messageId auth.unauthorized).',
      fix: ['Send `Authorization: Bearer <GLSA_TOKEN>` (a service account token) with the request.'],
      docs: [HTTP_API_AUTH_DOC],
    },
  ],
  tokenLifetimes: [{ token: 'service account token', text: 'the expiry chosen at creation, or none' }],
  endpoints: [
    {
      path: '^/api/auth/keys',
      status: 'removed',
      message:
        'API keys were sunset: creation stopped by 31 August 2024, remaining keys were migrated to service account tokens, and the API key endpoints were removed by 31 January 2025.',
      cause: 'wrong_url_or_endpoint',
      fix: [
        'Create a service account (POST /api/serviceaccounts) and a token for it (POST /api/serviceaccounts/<id>/tokens), and use that token as Bearer.',
      ],
      docs: [SERVICE_ACCOUNTS_DOC, API_KEY_MIGRATION_ISSUE],
    },
  ],
  requiresHttps: false,
  docs: [
    { title: 'HTTP API authentication', url: HTTP_API_AUTH_DOC },
    { title: 'Service accounts', url: SERVICE_ACCOUNTS_DOC },
    { title: 'API keys to service accounts migration', url: API_KEY_MIGRATION_ISSUE },
  ],
  pitfalls: [
    'API keys were sunset: creation stopped by 31 August 2024 and remaining keys were migrated to service account tokens, with the API key endpoints removed by 31 January 2025.',
    'glc_ Grafana Cloud access policy tokens and glsa_ instance service account tokens are not interchangeable.',
  ],
  rotate: {
    url: 'https://grafana.com/docs/grafana/latest/administration/service-accounts/',
    steps: [
      'Open Administration › Users and access › Service accounts and select the account.',
      'Delete the token, then use Add service account token to create a new one (it is shown once).',
      'Update it where your integrations read it.',
    ],
  },
} satisfies ProviderPackInput;
