import type { ProviderPackInput } from '../schema.js';

const AUTH_DOC = 'https://developers.deepl.com/docs/getting-started/auth';
const LEGACY_AUTH_NOTICE =
  'https://developers.deepl.com/docs/resources/breaking-changes-change-notices/november-2025-deprecation-of-legacy-auth-methods';

export const deepl = {
  id: 'deepl',
  name: 'DeepL API',
  hosts: [
    { host: 'api.deepl.com', basePath: '/v2', note: 'DeepL API Pro keys only' },
    {
      host: 'api-free.deepl.com',
      basePath: '/v2',
      note: 'DeepL API Free keys only (keys ending in :fx)',
    },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'DeepL-Auth-Key',
      credential: 'the DeepL authentication key',
      formats: ['deepl.free_key'],
      status: 'preferred',
    },
    {
      in: 'query',
      name: 'auth_key',
      credential: 'the key as an auth_key query parameter or form field',
      formats: ['deepl.free_key'],
      status: 'rejected',
      note: 'Query-parameter and request-body authentication were retired; only the Authorization header works.',
    },
    {
      in: 'body',
      name: 'auth_key',
      credential: 'the key as an auth_key field of the request body',
      formats: ['deepl.free_key'],
      status: 'rejected',
      note: 'Request-body authentication was retired; only the Authorization header works.',
    },
  ],
  credentialFormats: [
    {
      id: 'deepl.free_key',
      name: 'DeepL API Free authentication key (ends in :fx)',
      pattern: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:fx',
      tokenType: 'api_key',
    },
  ],
  errors: [
    {
      id: 'wrong-endpoint-use-free',
      situation: 'a DeepL API Free key sent to the Pro host api.deepl.com',
      match: String.raw`Wrong endpoint\. Use https://api-free\.deepl\.com`,
      status: [403],
      cause: 'wrong_url_or_endpoint',
      confidence: 0.95,
      explain:
        'Free and Pro accounts have separate hosts. The key is a DeepL API Free key (they end in :fx), which only works on api-free.deepl.com; the request went to api.deepl.com, the Pro host. The key itself is fine.',
      fix: [
        'Call https://api-free.deepl.com/v2/… (for example https://api-free.deepl.com/v2/translate) with the same key, or switch the plugin or client library to its “Free” mode.',
      ],
      docs: [AUTH_DOC],
    },
    {
      id: 'wrong-endpoint-use-pro',
      situation: 'a DeepL API Pro key sent to the Free host api-free.deepl.com',
      match: String.raw`Wrong endpoint\. Use https://api\.deepl\.com`,
      status: [403],
      cause: 'wrong_url_or_endpoint',
      confidence: 0.95,
      explain:
        'The key belongs to a DeepL API Pro subscription, which only works on api.deepl.com; the request went to api-free.deepl.com. The key itself is fine.',
      fix: [
        'Call https://api.deepl.com/v2/… with the same key, or turn off the “Free API” option of the plugin or client.',
      ],
      docs: [AUTH_DOC],
    },
    {
      id: 'legacy-auth-method',
      situation: 'the key sent as an auth_key query parameter or form field, which DeepL no longer accepts',
      match: String.raw`Legacy authentication method ['‘’][^'‘’\n]{1,40}['‘’] is no longer supported`,
      status: [401, 403],
      cause: 'wrong_header_format',
      confidence: 0.95,
      explain:
        'DeepL retired authentication through the auth_key query parameter and request-body field. Only the Authorization header is accepted now; older plugins and hand-written requests still send auth_key.',
      fix: [
        'Send the key as `Authorization: DeepL-Auth-Key <KEY>` and remove auth_key from the URL or body; update plugins or client libraries that still send it.',
      ],
      docs: [LEGACY_AUTH_NOTICE, AUTH_DOC],
    },
    {
      id: 'client-authorization-failure',
      situation: 'a DeepL client library reporting that the key was refused',
      match: 'Authorization failure, check (?:auth_key|AuthKey|authKey)',
      status: [403],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'DeepL’s client libraries say this for every 403: a wrong or deactivated key, a key used on the other plan’s host (then the message continues with “Wrong endpoint”), or an account whose API access is blocked.',
      fix: [
        'Copy the key again from the account’s API Keys page; if the message names an endpoint, call that host instead.',
      ],
      docs: [AUTH_DOC],
    },
  ],
  docs: [
    { title: 'Access and authentication', url: AUTH_DOC },
    { title: 'Deprecation of query-parameter and body authentication', url: LEGACY_AUTH_NOTICE },
  ],
  pitfalls: [
    'DeepL API Free keys end in :fx and only work on api-free.deepl.com; Pro keys only work on api.deepl.com. The error is 403 “Wrong endpoint”, not an invalid-key message.',
    'Send the key as `Authorization: DeepL-Auth-Key <key>`; auth_key in the query string or body is no longer accepted.',
  ],
} satisfies ProviderPackInput;
