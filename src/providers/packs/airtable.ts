import type { ProviderPackInput } from '../schema.js';

const AUTH_DOC = 'https://airtable.com/developers/web/api/authentication';
const PAT_DOC = 'https://airtable.com/developers/web/guides/personal-access-tokens';
const DEPRECATION_DOC = 'https://support.airtable.com/docs/airtable-api-key-deprecation-notice';

export const airtable = {
  id: 'airtable',
  name: 'Airtable Web API',
  hosts: [{ host: 'api.airtable.com', basePath: '/v0' }],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a personal access token (pat…) or an OAuth access token',
      formats: ['airtable.personal_access_token'],
      status: 'preferred',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a legacy user API key (key…)',
      status: 'rejected',
      note: 'API keys stopped working on 1 February 2024',
    },
    {
      in: 'query',
      name: 'api_key',
      credential: 'a legacy user API key in the query string',
      status: 'rejected',
      note: 'API keys stopped working on 1 February 2024',
    },
  ],
  errors: [
    {
      id: 'authentication-required',
      situation: 'no token, an invalid token, or a retired API key',
      match: String.raw`AUTHENTICATION_REQUIRED["']?\s*,\s*["']?message["']?\s*:\s*["']Authentication required`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.65,
      explain:
        'Airtable did not accept any credential on the request: none was sent, the personal access token is wrong or revoked, or it is a legacy API key (key…), which stopped working on 1 February 2024.',
      fix: [
        'Create a personal access token with the scopes and bases you need and send it as a Bearer token: `curl -H "Authorization: Bearer <PERSONAL_ACCESS_TOKEN>" https://api.airtable.com/v0/meta/whoami`.',
      ],
      docs: [AUTH_DOC, DEPRECATION_DOC],
    },
    {
      id: 'invalid-permissions-or-model-not-found',
      situation: 'the token lacks the scope or the base, or the base / table / record id is wrong',
      match: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.55,
      explain:
        'Airtable deliberately does not say which: either the token lacks a scope or access to this base, or the base, table or record does not exist.',
      fix: [
        'Check the token’s scopes (data.records:read / data.records:write …) and that this base is in its list of bases; new bases are not added automatically.',
        'Check the base ID (app…) and prefer table IDs (tbl…) over names.',
      ],
      docs: [PAT_DOC],
    },
    {
      id: 'not-authorized',
      situation: 'the user behind the token may not perform this operation',
      match: String.raw`NOT_AUTHORIZED["']?\s*,\s*["']?message["']?\s*:\s*["']You are not authorized to perform this operation`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'The token works, but the user who owns it lacks the permission for this operation on this base, or the table name or id in the URL is wrong.',
      fix: ['Check the user’s permission level on the base and the table name or id in the URL.'],
      docs: [PAT_DOC],
    },
  ],
  scopes: [
    { method: 'GET', path: '^/v0/meta/bases', scopes: ['schema.bases:read'] },
    { method: 'GET', path: '^/v0/app[A-Za-z0-9]{14}/', scopes: ['data.records:read'] },
    { method: 'POST', path: '^/v0/app[A-Za-z0-9]{14}/', scopes: ['data.records:write'] },
    { method: 'PATCH', path: '^/v0/app[A-Za-z0-9]{14}/', scopes: ['data.records:write'] },
    { method: 'DELETE', path: '^/v0/app[A-Za-z0-9]{14}/', scopes: ['data.records:write'] },
  ],
  docs: [
    { title: 'Authentication', url: AUTH_DOC },
    { title: 'Personal access tokens', url: PAT_DOC },
    { title: 'API key deprecation notice', url: DEPRECATION_DOC },
  ],
  pitfalls: [
    'Legacy API keys (key…) stopped working on 1 February 2024; replace them with a personal access token (pat…) in the same Bearer header.',
    '403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND is deliberately ambiguous: check both the token’s scopes and bases and the base / table ids (prefer table ids over names).',
    'A personal access token must list each base it can access; new bases are not included automatically.',
  ],
  rotate: {
    url: 'https://airtable.com/create/tokens',
    steps: [
      'Open the Developer hub › Personal access tokens.',
      'Delete (or regenerate) the token and create a new one with only the scopes and bases it needs.',
      'Update it where it is stored.',
    ],
  },
} satisfies ProviderPackInput;
