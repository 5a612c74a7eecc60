import type { ProviderPackInput } from '../schema.js';

const PRIVATE_APPS_DOC = 'https://developers.hubspot.com/docs/api/private-apps';
const TOKEN_EXPIRY_CHANGELOG =
  'https://developers.hubspot.com/changelog/upcoming-expiration-of-oauth-access-tokens-is-changing';
const OAUTH_TOKENS_DOC = 'https://developers.hubspot.com/docs-beta/oauth/tokens';

export const hubspot = {
  id: 'hubspot',
  name: 'HubSpot API',
  hosts: [{ host: 'api.hubapi.com' }],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a private app access token (pat-na1-…, pat-eu1-…) or an OAuth access token',
      formats: ['hubspot.private_app_token'],
      status: 'preferred',
    },
    {
      in: 'query',
      name: 'hapikey',
      credential: 'a legacy HubSpot API key',
      status: 'rejected',
      note: 'API keys were sunset on 30 November 2022',
    },
    {
      in: 'query',
      name: 'hapikey',
      credential: 'a private app token sent as ?hapikey=',
      formats: ['hubspot.private_app_token'],
      status: 'rejected',
      note: 'private app tokens only work as `Authorization: Bearer`',
    },
  ],
  errors: [
    {
      id: 'credentials-not-found',
      situation:
        'no usable credential: none sent, a retired API key, or a key type the endpoint does not take',
      match: 'Authentication credentials not found',
      status: [401],
      cause: 'missing_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'HubSpot found no credential it accepts on this request (category INVALID_AUTHENTICATION). Nothing was sent, the token sat in the wrong place, or it was a kind this endpoint does not accept (developer API keys and personal access keys are not API tokens).',
      fix: [
        'Send a private app token or OAuth access token as a Bearer token: `curl -H "Authorization: Bearer <PRIVATE_APP_TOKEN>" https://api.hubapi.com/crm/v3/objects/contacts?limit=1`.',
      ],
      docs: [PRIVATE_APPS_DOC],
    },
    {
      id: 'hapikey-does-not-exist',
      situation: 'a private app token (or a retired API key) sent as ?hapikey=',
      match: "This hapikey doesn'?t exist",
      status: [401],
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'The credential was sent in the hapikey query parameter, which only ever took legacy API keys — and those were retired on 30 November 2022. Private app tokens are not looked up there.',
      fix: [
        'Remove ?hapikey= and send the private app token as `Authorization: Bearer <PRIVATE_APP_TOKEN>`.',
      ],
      docs: [PRIVATE_APPS_DOC],
    },
    {
      id: 'legacy-api-key-invalid',
      situation: 'a legacy API key used after the sunset',
      match: 'The API key provided is invalid',
      status: [401],
      cause: 'wrong_token_type',
      confidence: 0.85,
      explain: 'HubSpot API keys no longer work for any API since 30 November 2022.',
      fix: [
        'Create a private app (Settings → Integrations → Private Apps) with the scopes you need and send its token as `Authorization: Bearer <PRIVATE_APP_TOKEN>`.',
      ],
      docs: [PRIVATE_APPS_DOC],
    },
    {
      id: 'oauth-token-expired',
      situation: 'an OAuth access token past its lifetime',
      match: String.raw`The OAuth token used to make this call expired(?! (?:19|2\d)\d{3} day)`,
      status: [401],
      cause: 'expired_token',
      confidence: 0.9,
      explain:
        'The OAuth access token has expired (category EXPIRED_AUTHENTICATION). HubSpot OAuth access tokens are short-lived; use expires_in from the token response.',
      fix: [
        'Use the refresh token to get a new access token (POST /oauth/v1/token, grant_type=refresh_token) before expires_in runs out.',
      ],
      docs: [OAUTH_TOKENS_DOC, TOKEN_EXPIRY_CHANGELOG],
    },
    {
      id: 'not-an-oauth-token',
      situation: 'a value that is not an OAuth token at all (e.g. a personal access key) sent as Bearer',
      match: String.raw`The OAuth token used to make this call expired (?:19|2\d)\d{3} day`,
      status: [401],
      cause: 'wrong_token_type',
      confidence: 0.8,
      explain:
        'HubSpot read the bearer value as an OAuth token that “expired” decades ago (expire time 1970-01-01): it is not an OAuth or private app token, typically a personal access key meant for the HubSpot CLI.',
      fix: ['Use a private app access token (pat-…) or an OAuth access token in the Authorization header.'],
      docs: [PRIVATE_APPS_DOC],
    },
    {
      id: 'missing-scopes',
      situation: 'the token lacks a scope the endpoint needs',
      match: "MISSING_SCOPES|hasn't been granted all required scopes",
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.9,
      explain:
        'The token authenticated, but the private app or OAuth app was not granted the scopes this call needs.',
      fix: [
        'Add the scopes listed in the error to the private app (or request them in the OAuth install URL and reinstall), then use the updated token.',
      ],
      docs: [PRIVATE_APPS_DOC],
    },
  ],
  tokenLifetimes: [
    {
      token: 'OAuth access token',
      seconds: 1800,
      text: '30 minutes (previously 6 hours); follow expires_in',
    },
  ],
  scopes: [
    { method: 'GET', path: '^/crm/v3/objects/contacts', scopes: ['crm.objects.contacts.read'] },
    { method: 'POST', path: '^/crm/v3/objects/contacts', scopes: ['crm.objects.contacts.write'] },
    { method: 'GET', path: '^/crm/v3/objects/companies', scopes: ['crm.objects.companies.read'] },
    { method: 'POST', path: '^/crm/v3/objects/companies', scopes: ['crm.objects.companies.write'] },
    { method: 'GET', path: '^/crm/v3/objects/deals', scopes: ['crm.objects.deals.read'] },
    { method: 'POST', path: '^/crm/v3/objects/deals', scopes: ['crm.objects.deals.write'] },
  ],
  docs: [
    { title: 'Private apps (authentication with access tokens)', url: PRIVATE_APPS_DOC },
    { title: 'OAuth tokens', url: OAUTH_TOKENS_DOC },
    { title: 'Changelog: OAuth access token expiration', url: TOKEN_EXPIRY_CHANGELOG },
  ],
  pitfalls: [
    'Legacy hapikey API keys no longer work; use a private app token as a Bearer token.',
    'Do not prepend “Bearer ” to the token in SDK accessToken settings: the SDK adds it, and a doubled prefix returns 401.',
    'The 401 response carries the X-HubSpot-Auth-Failure header; some endpoints accept only OAuth tokens, only private app tokens or only developer API keys.',
  ],
  rotate: {
    url: 'https://developers.hubspot.com/docs/api/private-apps',
    steps: [
      'Open the private app (Development › Legacy apps, or Settings › Integrations › Private Apps in older accounts) and go to its Auth tab.',
      'Choose Rotate, and expire the old token now if it leaked, or later to give yourself time to deploy.',
      'Update the new token where your integration reads it.',
    ],
  },
} satisfies ProviderPackInput;
