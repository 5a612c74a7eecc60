import type { ProviderPackInput } from '../schema.js';

const AUTH_DOCS = 'https://platform.openai.com/docs/api-reference/authentication';
const INCORRECT_KEY_DOCS = 'https://help.openai.com/en/articles/6882433-incorrect-api-key-provided';
const ERROR_401_DOCS = 'https://help.openai.com/en/articles/6891767-error-code-401-invalid-authentication';
const ERROR_CODES_DOCS = 'https://platform.openai.com/docs/guides/error-codes/api-errors';

export const openai = {
  id: 'openai',
  name: 'OpenAI API',
  hosts: [{ host: 'api.openai.com', basePath: '/v1' }],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential:
        'a project API key (sk-proj-…), service account key (sk-svcacct-…) or legacy user key (sk-…)',
      formats: ['openai.project_key', 'openai.service_account_key', 'openai.legacy_key'],
      status: 'preferred',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an admin key (sk-admin-…)',
      formats: ['openai.admin_key'],
      status: 'accepted',
      note: 'Admin keys only work on the organization administration, usage and cost endpoints (/v1/organization/…), not for model calls.',
    },
    {
      in: 'header',
      name: 'OpenAI-Organization',
      credential: 'an organization ID (org-…), optional',
      status: 'accepted',
      note: 'Must be an organization the key belongs to; a stale value causes 401 mismatched_organization.',
    },
    {
      in: 'header',
      name: 'OpenAI-Project',
      credential: 'a project ID (proj_…), optional',
      status: 'accepted',
      note: 'Selects the project for legacy user keys; project keys already belong to one project.',
    },
  ],
  headerNames: ['openai-organization', 'openai-project', 'openai-beta'],
  errors: [
    {
      id: 'incorrect-api-key',
      situation: 'a wrong, revoked or deleted key',
      match: 'Incorrect API key provided',
      status: [401],
      cause: 'invalid_credentials',
      explain:
        'OpenAI does not accept this key: mistyped, deleted, revoked, or disabled after it leaked. The message echoes the last 4 characters of the key actually sent; compare them with the key you think you configured.',
      fix: [
        'Compare the key ending in the message with the keys at https://platform.openai.com/api-keys; an older key from another .env file or a cached shell variable is common.',
        'Create a new key if the old one was deleted or disabled, and update every place it is stored.',
      ],
      docs: [INCORRECT_KEY_DOCS, ERROR_401_DOCS],
    },
    {
      id: 'no-api-key',
      situation: 'no Authorization header, or an SDK without a key',
      match:
        'You didn.t provide an API key|The api_key client option must be set either by passing api_key to the client or by setting the OPENAI_API_KEY environment variable',
      status: [401],
      cause: 'missing_credentials',
      explain: 'No key reached OpenAI (or the SDK refused to send a request without one).',
      fix: [
        'Send `Authorization: Bearer <OPENAI_API_KEY>`, or set OPENAI_API_KEY in the environment the code actually runs in.',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'mismatched-organization',
      situation: 'OpenAI-Organization header names an organization the key does not belong to',
      match: String.raw`OpenAI-Organization header should match organization for API key|"code"\s*:\s*"mismatched_organization"`,
      status: [401],
      cause: 'wrong_environment',
      explain:
        'The key is valid, but the OpenAI-Organization header (often a stale OPENAI_ORGANIZATION variable or a hard-coded org ID) names another organization.',
      fix: [
        'Remove the OpenAI-Organization header / OPENAI_ORGANIZATION variable, or set it to the organization that owns the key.',
      ],
      docs: [AUTH_DOCS, ERROR_401_DOCS],
    },
    {
      id: 'no-such-organization',
      situation: 'the organization ID sent does not exist',
      match: String.raw`No such organization\b`,
      status: [401],
      cause: 'wrong_environment',
      confidence: 0.85,
      explain:
        'The OpenAI-Organization value is not an organization ID (for example the display name "Personal", or "null").',
      fix: ['Use the org-… ID from the organization settings page, or drop the header entirely.'],
      docs: [AUTH_DOCS],
    },
    {
      id: 'no-organization',
      situation: 'the account behind the key is not a member of any organization',
      match: String.raw`must be a member of an organization to use the API|"code"\s*:\s*"no_organization"`,
      status: [401],
      cause: 'wrong_environment',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'OpenAI found no organization for this key: the user was removed from the organization the key belonged to, or the account was never set up for API use.',
      fix: ['Sign in to the platform, check which organization you belong to, and create a key inside it.'],
      docs: [ERROR_401_DOCS],
    },
    {
      id: 'insufficient-permissions',
      situation: 'a restricted key or role without the permission for this endpoint',
      match: 'You have insufficient permissions for this operation',
      status: [401],
      cause: 'insufficient_scope_or_permissions',
      explain:
        'OpenAI answers 401 (not 403) when a restricted key or the project role lacks a permission; the message lists the missing scope (for example model.request or api.responses.write).',
      fix: [
        'Give the key the permission named after "Missing scopes:" (key settings › Permissions), or use a key with All permissions.',
      ],
      docs: [ERROR_401_DOCS],
    },
    {
      id: 'insufficient-quota',
      situation: 'no credit or quota left on the account',
      match: String.raw`"code"\s*:\s*"insufficient_quota"|You exceeded your current quota, please check your plan and billing details`,
      status: [429],
      cause: 'account_or_billing_state',
      explain: 'The key works, but the organization has no credit or has hit its usage limit.',
      fix: ['Add credit or raise the limit under Settings › Billing, then retry; new keys do not help.'],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'billing-not-active',
      situation: 'billing is not set up or was cancelled',
      match: String.raw`"code"\s*:\s*"billing_not_active"|Your account is not active, please check your billing details`,
      status: [429],
      cause: 'account_or_billing_state',
      explain:
        'The organization has no active billing (no payment method, failed payment, or cancelled plan).',
      fix: ['Set up or fix the payment method under Settings › Billing.'],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'unsupported-country',
      situation: 'the request comes from a country, region or territory OpenAI does not serve',
      match: String.raw`Country, region, or territory not supported|"code"\s*:\s*"unsupported_country_region_territory"`,
      status: [403],
      cause: 'ip_blocked_or_restricted',
      explain: 'OpenAI refuses requests from the location the call came from, whatever the key.',
      fix: ['Run the calls from a supported region (where the server, not the developer, is located).'],
      docs: [ERROR_CODES_DOCS],
    },
  ],
  endpoints: [
    {
      path: '^/v1/engines(?:/|$)',
      host: 'api.openai.com',
      status: 'deprecated',
      message:
        'The Engines endpoints are deprecated; models are listed and selected through /v1/models and the `model` parameter.',
      fix: ['Use GET /v1/models and pass `model` in the request body.'],
    },
  ],
  docs: [
    { title: 'Authentication', url: AUTH_DOCS },
    { title: 'Incorrect API key provided', url: INCORRECT_KEY_DOCS },
    { title: 'Error code 401: invalid authentication', url: ERROR_401_DOCS },
    { title: 'API error codes', url: ERROR_CODES_DOCS },
  ],
  pitfalls: [
    'OpenAI returns 401 (not 403) for missing permissions on restricted keys; the message lists the missing scope, for example model.request or api.responses.write.',
    'A stale OPENAI_ORGANIZATION variable or a hard-coded org ID causes 401 mismatched_organization even with a valid key.',
    'The error message echoes the last 4 characters of the key that was actually sent: compare them to spot an old cached key or a key from another env file.',
    "Keys leaked publicly are often disabled automatically, producing 'Incorrect API key provided' for a key that used to work.",
    'Quota and billing problems come back as 429, not 401; a new key does not fix them.',
  ],
  rotate: {
    url: 'https://platform.openai.com/api-keys',
    steps: [
      'Open the API keys page in the organization and project the key belongs to.',
      'Create a new secret key with only the permissions it needs and update every place that stores the old one.',
      'Delete (revoke) the old key; requests made with it fail at once.',
      'Check the Usage page for calls you did not make.',
    ],
  },
} satisfies ProviderPackInput;
