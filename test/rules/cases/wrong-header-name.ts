import { compilePacks, knowledgeWith } from '../../../src/providers/knowledge.js';
import rule from '../../../src/rules/wrong-header-name.js';
import { defineCases } from '../../support/rule-cases.js';

const TOKEN = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const URL = 'https://api.acme.test/v2/orders';
const OPENAI_KEY = 'sk-proj-aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ01234567';
const ANTHROPIC_KEY = `sk-ant-api03-${'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'.repeat(2)}aBcDeFgHiJkLmNoPqRsTuV-AAAAAAAA`;

const packs = knowledgeWith(
  compilePacks(
    [
      {
        id: 'openai',
        name: 'OpenAI API',
        hosts: [{ host: 'api.openai.com' }],
        auth: [
          {
            in: 'header',
            scheme: 'Bearer',
            credential: 'an API key',
            formats: ['openai.project_key'],
            status: 'preferred',
          },
        ],
        docs: [
          { title: 'Authentication', url: 'https://platform.openai.com/docs/api-reference/authentication' },
        ],
      },
      {
        id: 'anthropic',
        name: 'Anthropic API',
        hosts: [{ host: 'api.anthropic.com' }],
        auth: [
          {
            in: 'header',
            name: 'x-api-key',
            credential: 'an API key',
            formats: ['anthropic.api_key'],
            status: 'preferred',
          },
          {
            in: 'header',
            scheme: 'Bearer',
            credential: 'an API key',
            formats: ['anthropic.api_key'],
            status: 'rejected',
            note: 'API keys go in x-api-key',
          },
        ],
        docs: [{ title: 'Authentication', url: 'https://docs.anthropic.com/en/api/overview#authentication' }],
      },
      {
        id: 'legacy-auth-test',
        name: 'Legacy Test API',
        hosts: [{ host: 'legacy.api.test' }],
        auth: [{ in: 'header', name: 'Authentication', credential: 'an API key', status: 'preferred' }],
        docs: [{ title: 'Auth', url: 'https://legacy.api.test/docs' }],
      },
    ].map((pack) => ({ origin: 'test', pack })),
  ),
);

export default defineCases({
  rule,
  invalid: [
    {
      name: 'British spelling of the header',
      paste: `curl -H "Authorisation: Bearer ${TOKEN}" ${URL}\nHTTP/1.1 401 Unauthorized\n`,
      expect: {
        cause: 'wrong_header_format',
        severity: 'error',
        evidence: 'request.headers.authorisation',
        detail: ['`Authorisation` header', 'starts with an auth scheme'],
        fix: ['Rename the header', "curl -H 'Authorization: Bearer <YOUR_TOKEN>'"],
        minConfidence: 0.85,
      },
    },
    {
      name: 'a typo in the header name',
      paste: `curl -H "Authorizaton: ${TOKEN}" ${URL}`,
      expect: { severity: 'error', detail: ['misspelling of `Authorization`'] },
    },
    {
      name: 'Authentication instead of Authorization',
      paste: `fetch("${URL}", { headers: { "Authentication": "Bearer " + token } })`,
      expect: { severity: 'error', detail: ['`Authentication`'] },
    },
    {
      name: 'a space before the colon',
      paste: `curl -H "Authorization : Bearer ${TOKEN}" ${URL}`,
      expect: { severity: 'error', detail: ['whitespace around it'] },
    },
    {
      name: 'a bare `Auth` header without a scheme (could be the API’s own: warning)',
      paste: `curl -H "Auth: ${TOKEN}" ${URL}\nHTTP/1.1 401 Unauthorized\n`,
      expect: { severity: 'warning', detail: ['not the standard header'] },
    },
    {
      name: 'OpenAI key in X-API-Key',
      paste: `curl https://api.openai.com/v1/models -H "X-API-Key: ${OPENAI_KEY}"\n{"error":{"message":"You didn't provide an API key.","type":"invalid_request_error"}}`,
      knowledge: packs,
      expect: {
        severity: 'error',
        evidence: 'request.headers.x-api-key',
        detail: ['`X-API-Key`', 'expects `Authorization: Bearer <YOUR_OPENAI_TOKEN>`'],
        fix: ["curl -H 'Authorization: Bearer <YOUR_OPENAI_TOKEN>' https://api.openai.com/v1/models"],
      },
    },
    {
      name: 'Anthropic key sent as Bearer',
      paste: `curl https://api.anthropic.com/v1/messages -H "Authorization: Bearer ${ANTHROPIC_KEY}" -H "anthropic-version: 2023-06-01" -d '{}'`,
      knowledge: packs,
      expect: {
        severity: 'error',
        detail: ['rejects `Authorization Bearer`', 'expects `x-api-key: <YOUR_ANTHROPIC_TOKEN>`'],
        fix: ["-H 'x-api-key: <YOUR_ANTHROPIC_TOKEN>'", "-H 'anthropic-version: 2023-06-01'"],
      },
    },
  ],
  valid: [
    { name: 'Authorization spelled right', paste: `curl -H "Authorization: Bearer ${TOKEN}" ${URL}` },
    {
      name: 'Proxy-Authorization is its own header',
      paste: `curl -H "Proxy-Authorization: Basic ZGVwbG95OnB3" ${URL}`,
    },
    { name: 'an API-key header on an unknown API', paste: `curl -H "X-API-Key: ${TOKEN}" ${URL}` },
    { name: 'X-Auth-Token on an unknown API', paste: `curl -H "X-Auth-Token: ${TOKEN}" ${URL}` },
    {
      name: 'an API whose pack documents the Authentication header',
      paste: `curl -H "Authentication: ${TOKEN}" https://legacy.api.test/v1/items`,
      knowledge: packs,
    },
    {
      name: 'the right header for Anthropic',
      paste: `curl https://api.anthropic.com/v1/messages -H "x-api-key: ${ANTHROPIC_KEY}" -H "anthropic-version: 2023-06-01" -d '{}'`,
      knowledge: packs,
    },
    {
      name: 'an extra API-key header next to the right Authorization',
      paste: `curl https://api.openai.com/v1/models -H "Authorization: Bearer ${OPENAI_KEY}" -H "X-Api-Key: ${TOKEN}"`,
      knowledge: packs,
    },
    {
      name: 'a misspelled header on a request that worked',
      paste: `$ curl -i -H "Authorisation: Bearer ${TOKEN}" https://api.acme.test/public\nHTTP/1.1 200 OK\n\n{}\n`,
    },
  ],
});
