import { compilePacks, ProviderKnowledge } from '../../../src/providers/knowledge.js';
import rule from '../../../src/rules/api-version-or-path.js';
import { defineCases } from '../../support/rule-cases.js';

const knowledge = new ProviderKnowledge(
  compilePacks([
    {
      origin: 'test:notely',
      pack: {
        id: 'notely',
        name: 'Notely API',
        hosts: [{ host: 'api.notely.app', basePath: '/v3' }],
        auth: [{ in: 'header', scheme: 'Bearer', credential: 'an integration token' }],
        endpoints: [
          {
            path: '^/v1/push/send',
            host: 'push.notely.app',
            status: 'removed',
            message: 'The v1 push endpoint and its server keys were turned off in 2024.',
            fix: ['Send pushes with POST https://api.notely.app/v3/push with an OAuth access token.'],
            docs: ['https://docs.notely.app/migrate-push'],
          },
          {
            path: '^/v3/search/legacy',
            status: 'deprecated',
            message: 'Legacy search is deprecated; use /v3/search.',
            cause: 'wrong_url_or_endpoint',
            fix: ['Use /v3/search.'],
          },
        ],
        docs: [{ title: 'Auth', url: 'https://docs.notely.app/auth' }],
      },
    },
  ]),
);

const TOKEN = 'Bearer nt_2b7e151628aed2a6abf7158809cf4f3c';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a removed endpoint from the pack, seen in a Guzzle error',
      paste: `GuzzleHttp\\Exception\\ClientException: Client error: \`POST https://push.notely.app/v1/push/send\` resulted in a \`401 Unauthorized\` response`,
      knowledge: new ProviderKnowledge(
        compilePacks([
          {
            origin: 'test:notely-push',
            pack: {
              id: 'notely',
              name: 'Notely API',
              hosts: [{ host: 'push.notely.app' }],
              auth: [{ in: 'header', scheme: 'key=', credential: 'a legacy server key' }],
              endpoints: [
                {
                  path: '^/v1/push/send',
                  status: 'removed',
                  message: 'The v1 push endpoint and its server keys were turned off in 2024.',
                  fix: ['Send pushes with POST https://api.notely.app/v3/push with an OAuth access token.'],
                },
              ],
              docs: [{ title: 'Auth', url: 'https://docs.notely.app/auth' }],
            },
          },
        ]),
      ),
      expect: {
        cause: 'wrong_url_or_endpoint',
        severity: 'error',
        evidence: 'clientErrors[0]',
        detail: ['removed', 'turned off in 2024'],
        fix: ['https://api.notely.app/v3/push'],
      },
    },
    {
      name: 'a deprecated endpoint is a warning',
      paste: `curl -H "Authorization: ${TOKEN}" https://api.notely.app/v3/search/legacy?q=x`,
      knowledge,
      expect: { severity: 'warning', detail: ['deprecated'], fix: ['/v3/search'] },
    },
    {
      name: 'the base path is missing',
      paste: `curl -H "Authorization: ${TOKEN}" https://api.notely.app/pages/abc123
{"status":401}`,
      knowledge,
      expect: {
        severity: 'warning',
        evidence: 'request.url',
        detail: ['missing the API', '`/v3`'],
        fix: ['https://api.notely.app/v3/pages/abc123', 'Authorization: Bearer <YOUR_TOKEN>'],
      },
    },
    {
      name: 'another version than the one served',
      paste: `curl -H "Authorization: ${TOKEN}" https://api.notely.app/v2/pages/abc123`,
      knowledge,
      expect: { detail: ['uses version `/v2`'], fix: ['https://api.notely.app/v3/pages/abc123'] },
    },
    {
      name: 'the version segment written twice (any host)',
      paste: `axios: Request failed with status code 401 (GET https://api.example.com/v1/v1/orders)`,
      expect: { detail: ['`/v1` twice'], fix: ['https://api.example.com/v1/orders'] },
    },
    {
      name: 'the server sends Sunset in the past',
      paste: `HTTP/1.1 401 Unauthorized
Sunset: Sat, 01 Mar 2025 00:00:00 GMT
Deprecation: @1735689600
Link: <https://api.example.com/v2/orders>; rel="successor-version"

{"error":"unauthorized"}`,
      expect: { detail: ['past its sunset date'], fix: ['successor'] },
    },
    {
      name: 'the answer says the legacy API was shut down',
      paste: `{"error":{"code":401,"message":"The legacy HTTP API has been shut down. Migrate to the v2 API: https://docs.example.com/migrate-v2"}}`,
      expect: {
        detail: ['The server says', 'legacy HTTP API has been shut down'],
        fix: ['https://docs.example.com/migrate-v2'],
      },
    },
  ],
  valid: [
    {
      name: 'a path under the base path',
      paste: `curl -H "Authorization: ${TOKEN}" https://api.notely.app/v3/pages/abc123\n{"status":401}`,
      knowledge,
    },
    {
      name: 'the bare host',
      paste: `curl -H "Authorization: ${TOKEN}" https://api.notely.app/`,
      knowledge,
    },
    {
      name: 'a host without a base path',
      paste: `curl -H "Authorization: ${TOKEN}" https://api.elsewhere.example/pages/abc123\n{"status":401}`,
      knowledge,
    },
    {
      name: 'a version-like word once',
      paste: `curl -H "Authorization: ${TOKEN}" https://api.example.com/v1/api-keys/v1\n{"status":401}`,
    },
    {
      name: 'deprecation talk without any 401',
      paste: `Note: this endpoint has been deprecated and removed from the docs; we moved to v2 last year.`,
    },
  ],
});
