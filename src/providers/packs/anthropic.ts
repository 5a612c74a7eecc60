import type { ProviderPackInput } from '../schema.js';

const AUTH_DOCS = 'https://docs.anthropic.com/en/api/getting-started';
const ERRORS_DOCS = 'https://docs.anthropic.com/en/api/errors';

export const anthropic = {
  id: 'anthropic',
  name: 'Anthropic API (Claude)',
  hosts: [{ host: 'api.anthropic.com', basePath: '/v1' }],
  auth: [
    {
      in: 'header',
      name: 'x-api-key',
      credential: 'a Console API key (sk-ant-api03-…), with anthropic-version: 2023-06-01',
      formats: ['anthropic.api_key'],
      status: 'preferred',
    },
    {
      in: 'header',
      name: 'x-api-key',
      credential: 'an Admin API key (sk-ant-admin01-…)',
      formats: ['anthropic.admin_key'],
      status: 'accepted',
      note: 'Admin keys only work on the Admin API (organization, usage and cost endpoints), not for Messages; inference keys do not work there.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a Claude subscription OAuth token (sk-ant-oat01-…) or its refresh token',
      formats: ['anthropic.oauth_token', 'anthropic.oauth_refresh_token'],
      status: 'rejected',
      note: 'The API answers "OAuth authentication is currently not supported." to subscription tokens; programmatic calls need a Console API key in x-api-key.',
    },
  ],
  headerNames: ['anthropic-version', 'anthropic-beta'],
  errors: [
    {
      id: 'invalid-x-api-key',
      situation: 'a malformed, revoked or wrong key in x-api-key',
      match: String.raw`"message"\s*:\s*"invalid x-api-key"|authentication_error[^}]{0,80}invalid x-api-key`,
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'Anthropic read the x-api-key header but does not accept the key: mistyped, truncated, disabled or deleted.',
      fix: [
        'Check the key at https://console.anthropic.com/settings/keys and send it as `x-api-key: <ANTHROPIC_API_KEY>` with `anthropic-version: 2023-06-01`.',
      ],
      docs: [ERRORS_DOCS, AUTH_DOCS],
    },
    {
      id: 'x-api-key-required',
      situation: 'no x-api-key header (often because the key was sent as Authorization: Bearer)',
      match: 'x-api-key header is required',
      status: [401],
      cause: 'missing_credentials',
      confidence: 0.85,
      explain:
        'The request had no x-api-key header. OpenAI-style clients put the key in `Authorization: Bearer`, which the Anthropic API does not read for API keys.',
      fix: [
        'Send the key as `x-api-key: <ANTHROPIC_API_KEY>` (plus `anthropic-version: 2023-06-01`), not as a Bearer token.',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'oauth-not-supported',
      situation: 'a Claude subscription OAuth token sent to the API',
      match: 'OAuth authentication is currently not supported',
      status: [401],
      cause: 'wrong_token_type',
      explain:
        'The API received an OAuth token from a Claude subscription client; the Messages API needs a Console API key.',
      fix: ['Create an API key in the Console and send it in x-api-key.'],
      docs: [AUTH_DOCS],
    },
    {
      id: 'permission-error',
      situation: 'the key lacks permission for the resource or workspace',
      match: String.raw`"type"\s*:\s*"permission_error"`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'The key is valid but may not use this resource (another workspace, a model or feature not enabled for it).',
      fix: ['Check the workspace the key belongs to and its allowed models in the Console.'],
      docs: [ERRORS_DOCS],
    },
    {
      id: 'credit-balance-too-low',
      situation: 'no prepaid credit left',
      match: 'Your credit balance is too low to access the Anthropic API',
      status: [400],
      cause: 'account_or_billing_state',
      explain: 'The key works, but the organization behind it has no credit left.',
      fix: [
        'Buy credits or upgrade under Plans & Billing in the Console; check that the key belongs to the funded organization.',
      ],
      docs: [ERRORS_DOCS],
    },
    {
      id: 'billing-error',
      situation: 'a billing problem on the account',
      match: String.raw`"type"\s*:\s*"billing_error"`,
      status: [402],
      cause: 'account_or_billing_state',
      confidence: 0.8,
      explain: 'Anthropic refused the request because of a billing problem on the organization.',
      fix: ['Check payment details under Plans & Billing in the Console.'],
      docs: [ERRORS_DOCS],
    },
    {
      id: 'organization-disabled',
      situation: 'the organization behind the key was disabled',
      match: 'This organization has been disabled',
      cause: 'account_or_billing_state',
      confidence: 0.85,
      explain: 'The organization that owns the key is disabled, so every key in it is refused.',
      fix: ['Contact Anthropic support, or use a key from an active organization.'],
      docs: [ERRORS_DOCS],
    },
  ],
  docs: [
    { title: 'Getting started: authentication', url: AUTH_DOCS },
    { title: 'Errors', url: ERRORS_DOCS },
  ],
  pitfalls: [
    "The documented place for the key is the x-api-key header (with anthropic-version); OpenAI-style clients that send Authorization: Bearer get 'x-api-key header is required'.",
    'An Admin key (sk-ant-admin01-) is not valid for inference, and an inference key is not valid for the Admin API.',
    'Every response carries request-id and anthropic-organization-id headers: useful to confirm which organization a key belongs to.',
    'Billing problems come back as 400 or 402 with their own messages, not 401.',
  ],
  rotate: {
    url: 'https://console.anthropic.com/settings/keys',
    steps: [
      'Open Settings › API keys in the Console, in the workspace the key belongs to.',
      'Create a new key and update every place that stores the old one.',
      'Delete the old key; requests made with it fail at once.',
      'Check the usage page for requests you did not make.',
    ],
  },
} satisfies ProviderPackInput;
