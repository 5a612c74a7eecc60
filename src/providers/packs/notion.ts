import type { ProviderPackInput } from '../schema.js';

const AUTH_DOC = 'https://developers.notion.com/reference/authentication';
const VERSION_CHANGELOG = 'https://developers.notion.com/changelog/unversioned-requests-no-longer-accepted';

export const notion = {
  id: 'notion',
  name: 'Notion API',
  hosts: [{ host: 'api.notion.com', basePath: '/v1' }],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential:
        'an internal integration secret (ntn_…, older secret_…) or a public integration’s OAuth token',
      formats: ['notion.integration_secret', 'notion.legacy_integration_secret'],
      status: 'preferred',
      note: 'every request also needs a Notion-Version header',
    },
    {
      in: 'cookie',
      name: 'token_v2',
      credential: 'the browser session cookie',
      status: 'rejected',
      note: 'token_v2 belongs to the unofficial www.notion.so/api/v3, not the public API',
    },
  ],
  headerNames: ['notion-version'],
  errors: [
    {
      id: 'api-token-invalid',
      situation: 'a wrong, revoked or mistyped integration secret or OAuth token',
      match: String.raw`API token is invalid\.`,
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.9,
      explain:
        'Notion does not accept the bearer token (code “unauthorized”): it is mistyped or truncated, was regenerated or revoked, or is not a Notion API token.',
      fix: [
        'Copy the secret again from the integration’s settings and send it with a version header: `curl -H "Authorization: Bearer <NOTION_TOKEN>" -H "Notion-Version: 2022-06-28" https://api.notion.com/v1/users/me`.',
      ],
      docs: [AUTH_DOC],
    },
    {
      id: 'missing-version',
      situation: 'the Notion-Version header is missing or invalid',
      match: 'missing_version|Notion-Version header failed validation',
      status: [400],
      cause: 'wrong_header_format',
      confidence: 0.9,
      explain:
        'Every Notion API request must carry a Notion-Version header naming an API version; unversioned requests are rejected.',
      fix: [
        'Add `-H "Notion-Version: 2022-06-28"` (or the version your code was written for) to every request.',
      ],
      docs: [VERSION_CHANGELOG],
    },
    {
      id: 'restricted-resource',
      situation: 'the integration lacks the capability for this resource',
      match: String.raw`"code"\s*:\s*"restricted_resource"`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        'The token is valid but the integration does not have the capability this call needs (for example read content, update content, or read user information).',
      fix: ['Enable the needed capability in the integration’s settings (Capabilities), then retry.'],
      docs: [AUTH_DOC],
    },
    {
      id: 'object-not-shared',
      situation: 'the page or database exists but is not shared (connected) with the integration',
      match: 'shared with your integration',
      status: [404],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.8,
      explain:
        'Notion answers 404 object_not_found for pages and databases the integration was not connected to, even with a valid token.',
      fix: [
        'Open the page or database in Notion → ••• menu → Connections (Add connections) → choose the integration.',
      ],
      docs: [AUTH_DOC],
    },
  ],
  docs: [
    { title: 'Authentication', url: AUTH_DOC },
    { title: 'Unversioned requests no longer accepted', url: VERSION_CHANGELOG },
  ],
  pitfalls: [
    'A valid token still gets 404 object_not_found until the page or database is connected to the integration (page menu → Add connections).',
    'Every request needs a Notion-Version header; unversioned requests get 400 missing_version.',
    'The browser cookie token_v2 belongs to the unofficial www.notion.so/api/v3, not the public API.',
  ],
  rotate: {
    url: 'https://www.notion.so/my-integrations',
    steps: [
      'Open your integrations (Settings › Connections › Develop or manage integrations) and select the integration.',
      "Refresh (regenerate) the integration's secret; the old secret stops working.",
      'Update the new secret where your code reads it.',
    ],
  },
} satisfies ProviderPackInput;
