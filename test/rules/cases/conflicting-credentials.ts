import rule from '../../../src/rules/conflicting-credentials.js';
import { defineCases } from '../../support/rule-cases.js';

const TOKEN = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const OTHER = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const URL = 'https://api.acme.test/v2/orders';

export default defineCases({
  rule,
  invalid: [
    {
      name: '-u together with an Authorization header',
      paste: `curl -u deploy:Tr0ub4dor-and-3 -H "Authorization: Bearer ${TOKEN}" ${URL}\nHTTP/1.1 401 Unauthorized\n`,
      expect: {
        cause: 'wrong_header_format',
        severity: 'warning',
        evidence: 'request.headers.authorization',
        detail: ['both `-u` and `-H "Authorization: …"`', 'drops the one `-u` would build'],
        fix: ['Keep one'],
      },
    },
    {
      name: 'two Authorization headers',
      paste: `curl -H "Authorization: Bearer ${TOKEN}" -H "Authorization: Bearer ${OTHER}" ${URL}`,
      expect: {
        severity: 'warning',
        detail: ['2 `Authorization` headers'],
        fix: ['single Authorization header'],
      },
    },
    {
      name: 'a session cookie next to a bearer token',
      paste: `curl -H "Authorization: Bearer ${TOKEN}" -b "sessionid=${OTHER}" ${URL}\nHTTP/1.1 401 Unauthorized\n`,
      expect: { severity: 'warning', detail: ['session cookie (`sessionid`)'] },
    },
    {
      name: 'a key in the URL and another in a header',
      paste: `curl -H "X-API-Key: ${TOKEN}" "${URL}?api_key=${OTHER}"`,
      expect: { severity: 'warning', detail: ['`api_key` query parameter', 'the X-API-Key header'] },
    },
  ],
  valid: [
    { name: 'one bearer token', paste: `curl -H "Authorization: Bearer ${TOKEN}" ${URL}` },
    { name: 'only -u', paste: `curl -u deploy:Tr0ub4dor-and-3 ${URL}` },
    {
      name: 'a token and an unrelated cookie',
      paste: `curl -H "Authorization: Bearer ${TOKEN}" -b "theme=dark" ${URL}`,
    },
    {
      name: 'two headers on a request that succeeded',
      paste: `$ curl -i -H "Authorization: Bearer ${TOKEN}" -H "Authorization: Bearer ${OTHER}" ${URL}\nHTTP/1.1 200 OK\n\n[]\n`,
    },
    {
      name: 'the same key in the URL and the header',
      paste: `curl -H "X-API-Key: ${TOKEN}" "${URL}?api_key=${TOKEN}"`,
    },
  ],
});
