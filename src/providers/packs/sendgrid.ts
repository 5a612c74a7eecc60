import type { ProviderPackInput } from '../schema.js';

const AUTH_DOCS =
  'https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/authentication';

export const sendgrid = {
  id: 'sendgrid',
  name: 'Twilio SendGrid Web API v3',
  hosts: [
    { host: 'api.sendgrid.com', basePath: '/v3' },
    { host: 'api.eu.sendgrid.com', basePath: '/v3', region: 'eu', note: 'EU regional subusers' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an API key (SG.<id>.<secret>)',
      formats: ['sendgrid.api_key'],
      status: 'preferred',
      note: 'The only supported scheme for API keys; the key is shown once at creation.',
    },
  ],
  headerNames: ['on-behalf-of'],
  errors: [
    {
      id: 'authorization-required',
      situation: 'no Authorization header',
      match: String.raw`"errors"\s*:\s*\[\s*\{[^}]{0,60}"message"\s*:\s*"authorization required"`,
      status: [401],
      cause: 'missing_credentials',
      confidence: 0.85,
      explain: 'SendGrid received no API key.',
      fix: [
        'Send `Authorization: Bearer <SENDGRID_API_KEY>` and check the variable is set where the code runs.',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'grant-invalid',
      situation: 'an invalid, deleted or revoked API key (or the API key ID instead of the key)',
      match: 'The provided authorization grant is invalid, expired,? or revoked',
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'SendGrid does not accept the key: it was deleted, mistyped, or is the "API Key ID" listed in the UI rather than the key itself (which starts with SG. and is shown only once).',
      fix: [
        'Create a new API key with the needed permissions, copy the full SG.… value at creation, and replace the old one.',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'access-forbidden',
      situation: 'the key lacks the permission for this endpoint',
      match: String.raw`"errors"\s*:\s*\[\s*\{[^}]{0,60}"message"\s*:\s*"access forbidden"`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'The key is valid but restricted: it lacks the scope this endpoint needs (for example mail.send for /v3/mail/send).',
      fix: ['Edit the key permissions (Settings › API Keys) or create a key with the needed access.'],
      docs: [AUTH_DOCS],
    },
    {
      id: 'key-not-sg',
      situation: 'the SendGrid library was given a value that is not an API key',
      match: String.raw`API key does not start with "SG\."`,
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'The configured value is not a SendGrid API key (often the API Key ID, an empty variable, or a key with quotes or spaces).',
      fix: ['Configure the full key that starts with SG., without quotes or whitespace.'],
      docs: [AUTH_DOCS],
    },
  ],
  docs: [{ title: 'Authentication (v3 API)', url: AUTH_DOCS }],
  pitfalls: [
    "The key is shown once at creation; the 'API Key ID' listed in the UI is not the key and gets 'authorization grant is invalid'.",
    'The official Node library warns \'API key does not start with "SG."\' when a wrong value is configured.',
    'Restricted keys without Mail Send permission fail on /v3/mail/send with 403 (Twilio Verify integrations report this as error 60604, HTTP 401).',
    'EU regional subusers use https://api.eu.sendgrid.com instead of api.sendgrid.com.',
  ],
  rotate: {
    url: 'https://app.sendgrid.com/settings/api_keys',
    steps: [
      'Open Settings › API Keys.',
      'Create a new key with only the permissions it needs (it is shown once) and update your app.',
      'Delete the old key; requests made with it fail at once.',
    ],
  },
} satisfies ProviderPackInput;
