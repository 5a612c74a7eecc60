import rule from '../../../src/rules/authorization-header-malformed.js';
import { defineCases } from '../../support/rule-cases.js';

const TOKEN = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const URL = 'https://api.acme.test/v2/orders';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a colon after the scheme',
      paste: `curl -H "Authorization: Bearer: ${TOKEN}" ${URL}`,
      expect: {
        cause: 'wrong_header_format',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['`Authorization: Bearer: …`', 'colon'],
        fix: ['Drop the colon', `curl -H 'Authorization: Bearer <YOUR_TOKEN>' ${URL}`],
      },
    },
    {
      name: 'the scheme twice, seen in a raw request that got a 401',
      paste: `GET /v2/orders HTTP/1.1\nHost: api.acme.test\nAuthorization: Bearer Bearer ${TOKEN}\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"\n`,
      expect: {
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['`Bearer Bearer …`'],
        fix: ['Send the scheme once', 'already includes `Bearer `'],
      },
    },
    {
      name: 'quotes around the token in a curl -v trace',
      paste: `$ curl -v ${URL} -H 'Authorization: Bearer "${TOKEN}"'\n> GET /v2/orders HTTP/2\n> Host: api.acme.test\n> Authorization: Bearer "${TOKEN}"\n>\n< HTTP/2 401\n< content-type: application/json\n<\n{"error":"unauthorized"}\n`,
      expect: { severity: 'error', detail: ['wrapped in quote characters'], fix: ['Send the bare value'] },
    },
    {
      name: 'a trailing newline in a HAR entry (a token read from a file)',
      paste: JSON.stringify({
        log: {
          version: '1.2',
          entries: [
            {
              request: {
                method: 'GET',
                url: URL,
                headers: [{ name: 'Authorization', value: `Bearer ${TOKEN}\n` }],
                queryString: [],
                cookies: [],
              },
              response: { status: 401, statusText: 'Unauthorized', headers: [], content: { text: '' } },
            },
          ],
        },
      }),
      expect: { severity: 'error', detail: ['line break'], fix: ['.strip()', '.trim()'] },
    },
    {
      name: 'a space inside the token',
      paste: `curl -H "Authorization: Bearer 9f8e7d6c5b4a 39281706f5e4d3c2b1a0" ${URL}`,
      expect: { severity: 'error', detail: ['whitespace inside the value after `Bearer`'] },
    },
    {
      name: 'a typographic dash inside the token',
      paste: `curl -H "Authorization: Bearer 9f8e7d6c5b4a\u201339281706f5e4d3c2b1a0" ${URL}`,
      expect: {
        severity: 'error',
        detail: ['U+2013 (en dash'],
        fix: ['Copy the token again from its source'],
      },
    },
    {
      name: 'a token still percent-encoded from a URL',
      paste: `curl -H "Authorization: Bearer ${TOKEN}%2Bq%3D%3D" ${URL}`,
      expect: { severity: 'error', detail: ['`%2B`', 'percent-escapes'], fix: ['decodeURIComponent'] },
    },
    {
      name: 'the header name repeated inside the value',
      paste: `curl -H "Authorization: Authorization: Bearer ${TOKEN}" ${URL}`,
      expect: {
        severity: 'error',
        detail: ['repeats the header name'],
        fix: ['not `"Authorization: Bearer " + token`'],
      },
    },
    {
      name: 'an API-key header value in quotes',
      paste: `curl -H 'X-API-Key: "${TOKEN}"' ${URL}`,
      expect: {
        severity: 'error',
        evidence: 'request.headers.x-api-key',
        detail: ['X-API-Key header', 'quote'],
      },
    },
    {
      name: 'typographic quotes around the header in the command',
      paste: `curl -H \u201cAuthorization: Bearer ${TOKEN}\u201d ${URL}`,
      expect: { severity: 'warning', detail: ['typographic quotes'], fix: ['Retype the quotes'] },
    },
  ],
  valid: [
    {
      name: 'an HTTP Signatures parameter list',
      paste: `curl -H 'Authorization: Signature keyId="orders-key",algorithm="hmac-sha256", headers="(request-target) date", signature="c2lnbmF0dXJlc2lnbmF0dXJl"' ${URL}`,
    },
    {
      name: 'a long token the user cut short with an ellipsis for the paste',
      paste: `curl -H "Authorization: Bearer ${'eyJhbGciOiJSUzI1NiJ9'.repeat(12)}…" ${URL}`,
    },
    { name: 'a well-formed Bearer header', paste: `curl -H "Authorization: Bearer ${TOKEN}" ${URL}` },
    {
      name: 'Digest parameters, whose spaces and quotes are by design',
      paste: `curl -H 'Authorization: Digest username="bob", realm="api", nonce="abc", uri="/v2/orders", response="6629fae49393a05397450978507c4ef1"' ${URL}`,
    },
    {
      name: 'AWS SigV4, a parameter list',
      paste: `curl -H 'Authorization: AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEKEYID1234/20260115/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0' ${URL}`,
    },
    {
      name: 'a command substitution (its spaces are shell syntax, not the token)',
      paste: `curl -H "Authorization: Bearer $(cat ~/.acme/token)" ${URL}`,
    },
    {
      name: 'a quoted token on a request that succeeded',
      paste: `$ curl -i -H 'Authorization: Bearer "${TOKEN}"' ${URL}\nHTTP/2 200\ncontent-type: application/json\n\n{"orders":[]}\n`,
    },
    { name: 'an empty Bearer (another rule)', paste: `curl -H 'Authorization: Bearer ' ${URL}` },
    {
      name: 'a scheme word in an API-key header (wrong-header-name)',
      paste: `curl -H 'Auth: Bearer ${TOKEN}' ${URL}`,
    },
  ],
});
