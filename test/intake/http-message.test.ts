import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHttpMessages } from '../../src/intake/parsers/http-message.js';
import type { Fragment, RawExchange } from '../../src/intake/raw.js';
import { headerValue, noteCodes, segmentOf } from '../support/segments.js';

function parse(text: string, startLine = 1): Fragment {
  return parseHttpMessages(segmentOf('http_request', text, startLine));
}

function summary(exchange: RawExchange) {
  return {
    source: exchange.source,
    method: exchange.request?.method,
    url: exchange.request?.url,
    authorization: headerValue(exchange.request?.headers, 'authorization'),
    status: exchange.response?.status,
    challenge: headerValue(exchange.response?.headers, 'www-authenticate'),
    body: exchange.response?.body,
  };
}

const EXPIRED = 'Bearer realm="x", error="invalid_token", error_description="The access token expired"';

interface Case {
  name: string;
  text: string;
  expected: Partial<ReturnType<typeof summary>>[];
  notes?: string[];
  check?: (fragment: Fragment) => void;
}

const cases: Case[] = [
  {
    name: 'raw request and its response (Burp / Charles)',
    text: `GET /v1/me HTTP/1.1
Host: api.example.com
Authorization: Bearer test_FAKE_expired_token
Accept: application/json
Connection: close

HTTP/1.1 401 Unauthorized
Content-Type: application/json
WWW-Authenticate: ${EXPIRED}
Content-Length: 59

{"error":"invalid_token","message":"The token has expired"}`,
    expected: [
      {
        source: 'http_request',
        method: 'GET',
        url: 'https://api.example.com/v1/me',
        authorization: 'Bearer test_FAKE_expired_token',
        status: 401,
        challenge: EXPIRED,
        body: '{"error":"invalid_token","message":"The token has expired"}',
      },
    ],
    notes: ['http_message.scheme_assumed'],
    check: (fragment) => {
      expect(fragment.kinds).toEqual(['http_request']);
      expect(fragment.exchanges?.[0]?.line).toBe(1);
      expect(fragment.exchanges?.[0]?.response?.statusText).toBe('Unauthorized');
    },
  },
  {
    name: 'a GitHub 401 response alone',
    text: `HTTP/2 401
server: GitHub.com
date: Tue, 05 Mar 2024 10:00:00 GMT
content-type: application/json; charset=utf-8
x-github-request-id: FAKE:0000:0000

{
  "message": "Bad credentials",
  "documentation_url": "https://docs.github.com/rest",
  "status": "401"
}`,
    expected: [
      {
        source: 'http_response',
        status: 401,
        body: '{\n  "message": "Bad credentials",\n  "documentation_url": "https://docs.github.com/rest",\n  "status": "401"\n}',
      },
    ],
    check: (fragment) => {
      expect(fragment.kinds).toEqual(['http_response']);
      expect(fragment.exchanges?.[0]?.response?.httpVersion).toBe('HTTP/2');
    },
  },
  {
    name: 'a Stripe 401 with Basic challenge keeps header names as written',
    text: `HTTP/1.1 401 Unauthorized
Server: nginx
Content-Type: application/json
WWW-Authenticate: Basic realm="Stripe"
Request-Id: req_FAKE000

{
  "error": {
    "message": "You did not provide an API key.",
    "type": "invalid_request_error"
  }
}`,
    expected: [{ source: 'http_response', status: 401, challenge: 'Basic realm="Stripe"' }],
    check: (fragment) => {
      expect(fragment.exchanges?.[0]?.response?.headers.map((h) => h.name)).toEqual([
        'Server',
        'Content-Type',
        'WWW-Authenticate',
        'Request-Id',
      ]);
    },
  },
  {
    name: 'Chrome devtools, raw view: General block, raw response, raw request',
    text: `General
Request URL: https://api.example.com/v1/me
Request Method: GET
Status Code: 401 Unauthorized (from disk cache)
Remote Address: 203.0.113.10:443
Referrer Policy: strict-origin-when-cross-origin

Response Headers
Raw
HTTP/1.1 401 Unauthorized
Content-Type: application/json
WWW-Authenticate: ${EXPIRED}

Request Headers
Raw
GET /v1/me HTTP/1.1
Accept: application/json
Authorization: Bearer test_FAKE_chrome_raw
Host: api.example.com
Origin: https://app.example.com`,
    expected: [
      {
        source: 'http_request',
        method: 'GET',
        url: 'https://api.example.com/v1/me',
        authorization: 'Bearer test_FAKE_chrome_raw',
        status: 401,
        challenge: EXPIRED,
        body: undefined,
      },
    ],
    check: (fragment) => {
      const exchange = fragment.exchanges?.[0];
      expect(exchange?.response?.statusText).toBe('Unauthorized (from disk cache)');
      expect(exchange?.request?.headers.map((h) => h.name)).toEqual([
        'Accept',
        'Authorization',
        'Host',
        'Origin',
      ]);
      expect(exchange?.response?.headers.map((h) => h.name)).toEqual(['Content-Type', 'WWW-Authenticate']);
    },
  },
  {
    name: 'Chrome devtools, parsed view over HTTP/2: pseudo headers become the URL, not headers',
    text: `General
Request URL: https://api.example.com/v1/projects?page=2
Request Method: GET
Status Code: 401 Unauthorized (from disk cache)
Remote Address: 203.0.113.10:443

Response Headers
access-control-allow-origin: https://app.example.com
content-type: application/json
www-authenticate: Bearer realm="x"

Request Headers
:authority: api.example.com
:method: GET
:path: /v1/projects?page=2
:scheme: https
accept: */*
authorization: Bearer test_FAKE_h2
origin: https://app.example.com`,
    expected: [
      {
        source: 'http_request',
        method: 'GET',
        url: 'https://api.example.com/v1/projects?page=2',
        authorization: 'Bearer test_FAKE_h2',
        status: 401,
        challenge: 'Bearer realm="x"',
      },
    ],
    check: (fragment) => {
      const exchange = fragment.exchanges?.[0];
      expect(exchange?.response?.statusText).toBe('Unauthorized (from disk cache)');
      expect(exchange?.request?.headers.map((h) => h.name)).toEqual(['accept', 'authorization', 'origin']);
    },
  },
  {
    name: 'Chrome devtools, parsed view pasted as name / value line pairs',
    text: `General
Request URL:
https://api.example.com/v1/me
Request Method:
GET
Status Code:
401 Unauthorized
Remote Address:
203.0.113.10:443
Response Headers
content-type:
application/json
www-authenticate:
${EXPIRED}
Request Headers
:authority:
api.example.com
:method:
GET
:path:
/v1/me
:scheme:
https
authorization:
Bearer test_FAKE_pairs`,
    expected: [
      {
        source: 'http_request',
        method: 'GET',
        url: 'https://api.example.com/v1/me',
        authorization: 'Bearer test_FAKE_pairs',
        status: 401,
        challenge: EXPIRED,
      },
    ],
  },
  {
    name: 'name / value line pairs without colons',
    text: `Request Headers
accept
application/json
authorization
Bearer test_FAKE_nocolon
host
api.example.com`,
    expected: [
      { source: 'http_request', url: 'https://api.example.com/', authorization: 'Bearer test_FAKE_nocolon' },
    ],
    notes: ['http_message.scheme_assumed'],
  },
  {
    name: 'pseudo headers without a space after the colon',
    text: `:method:POST
:scheme:https
:authority:api.example.com
:path:/v1/tokens
authorization:Bearer test_FAKE_nospace
content-type:application/json`,
    expected: [
      {
        source: 'http_request',
        method: 'POST',
        url: 'https://api.example.com/v1/tokens',
        authorization: 'Bearer test_FAKE_nospace',
      },
    ],
  },
  {
    name: 'Chrome General block with unlabelled, name-sorted sections',
    text: `Request URL: https://api.example.com/v1/me
Request Method: GET
Status Code: 403 Forbidden
content-type: application/json
www-authenticate: Bearer error="insufficient_scope"
accept: application/json
authorization: Bearer test_FAKE_unlabelled`,
    expected: [
      {
        source: 'http_request',
        method: 'GET',
        url: 'https://api.example.com/v1/me',
        authorization: 'Bearer test_FAKE_unlabelled',
        status: 403,
        challenge: 'Bearer error="insufficient_scope"',
      },
    ],
  },
  {
    name: 'Firefox "Copy Request Headers" then "Copy Response Headers"',
    text: `GET /v1/me HTTP/2
Host: api.example.com
User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:123.0) Gecko/20100101 Firefox/123.0
Accept: */*
Authorization: Bearer test_FAKE_firefox

HTTP/2 401
content-type: application/json
www-authenticate: Bearer
X-Firefox-Spdy: h2`,
    expected: [
      {
        source: 'http_request',
        method: 'GET',
        url: 'https://api.example.com/v1/me',
        authorization: 'Bearer test_FAKE_firefox',
        status: 401,
        challenge: 'Bearer',
      },
    ],
    notes: ['http_message.scheme_assumed'],
  },
  {
    name: 'several exchanges in a row (proxy history), absolute-form request lines',
    text: `GET https://api.example.com/v1/me HTTP/1.1
Host: api.example.com
Authorization: Bearer test_FAKE_first

HTTP/1.1 200 OK
Content-Type: application/json

{"id":1}
GET https://api.example.com/v1/admin HTTP/1.1
Host: api.example.com
Authorization: Bearer test_FAKE_first

HTTP/1.1 403 Forbidden
Content-Type: application/json

{"error":"insufficient_scope"}`,
    expected: [
      {
        source: 'http_request',
        method: 'GET',
        url: 'https://api.example.com/v1/me',
        authorization: 'Bearer test_FAKE_first',
        status: 200,
        body: '{"id":1}',
      },
      {
        source: 'http_request',
        method: 'GET',
        url: 'https://api.example.com/v1/admin',
        authorization: 'Bearer test_FAKE_first',
        status: 403,
        body: '{"error":"insufficient_scope"}',
      },
    ],
    check: (fragment) => expect(fragment.exchanges?.map((e) => e.line)).toEqual([1, 9]),
  },
  {
    name: 'Postman console',
    text: `GET https://api.example.com/v1/me
401
245 ms
Request Headers
Authorization: Bearer {{token}}
User-Agent: PostmanRuntime/7.36.0
Accept: */*
Host: api.example.com
Response Headers
Content-Type: application/json
WWW-Authenticate: Bearer error="invalid_token"
Response Body
{"error":"invalid_token"}`,
    expected: [
      {
        source: 'http_request',
        method: 'GET',
        url: 'https://api.example.com/v1/me',
        authorization: 'Bearer {{token}}',
        status: 401,
        challenge: 'Bearer error="invalid_token"',
        body: '{"error":"invalid_token"}',
      },
    ],
  },
  {
    name: 'a form POST with its body, then the response',
    text: `POST /oauth/token HTTP/1.1
Host: localhost:8080
Content-Type: application/x-www-form-urlencoded

grant_type=client_credentials&client_id=test_client&client_secret=FAKE_secret
HTTP/1.1 401 Unauthorized
Content-Type: application/json

{"error":"invalid_client"}`,
    expected: [
      {
        source: 'http_request',
        method: 'POST',
        url: 'http://localhost:8080/oauth/token',
        status: 401,
        body: '{"error":"invalid_client"}',
      },
    ],
    notes: ['http_message.scheme_assumed'],
    check: (fragment) => {
      expect(fragment.exchanges?.[0]?.request?.body).toEqual({
        kind: 'form',
        text: 'grant_type=client_credentials&client_id=test_client&client_secret=FAKE_secret',
      });
    },
  },
  {
    name: 'an interim 100 Continue gives way to the final response',
    text: `HTTP/1.1 100 Continue

HTTP/1.1 401 Unauthorized
WWW-Authenticate: Basic realm="uploads"

`,
    expected: [{ source: 'http_response', status: 401, challenge: 'Basic realm="uploads"' }],
  },
  {
    name: 'a chunked body loses its chunk-size lines; folded headers are joined',
    text: `HTTP/1.1 401 Unauthorized
Transfer-Encoding: chunked
WWW-Authenticate: Bearer realm="legacy",
  error="invalid_token"

19
{"error":"invalid_token"}
0
`,
    expected: [
      {
        source: 'http_response',
        status: 401,
        challenge: 'Bearer realm="legacy", error="invalid_token"',
        body: '{"error":"invalid_token"}',
      },
    ],
  },
  {
    name: 'a chunked body split over two chunks, and one whose sizes do not match is left as is',
    text: `HTTP/1.1 401 Unauthorized
Transfer-Encoding: chunked

a
{"error":"
f
invalid_token"}
0

HTTP/1.1 401 Unauthorized
Transfer-Encoding: chunked

ff
{"error":"invalid_token"}
0`,
    expected: [
      { source: 'http_response', status: 401, body: '{"error":"invalid_token"}' },
      { source: 'http_response', status: 401, body: 'ff\n{"error":"invalid_token"}\n0' },
    ],
  },
  {
    name: 'a header list alone is a request without a start line',
    text: `Authorization: Bearer test_FAKE_alone
Content-Type: application/json`,
    expected: [
      { source: 'http_request', method: undefined, url: undefined, authorization: 'Bearer test_FAKE_alone' },
    ],
  },
  {
    name: 'a header list with a name only a server sends is not taken for a request',
    text: `Content-Type: application/json
WWW-Authenticate: Bearer realm="api"`,
    expected: [],
    notes: ['http_message.status_unknown'],
    check: (fragment) => expect(fragment.challenges).toEqual([{ value: 'Bearer realm="api"', line: 1 }]),
  },
  {
    name: 'a stray word is not paired with the header after it',
    text: `GET /v1/me HTTP/1.1
Details
Host: api.example.com
Authorization: Bearer test_FAKE_stray`,
    expected: [
      {
        source: 'http_request',
        url: 'https://api.example.com/v1/me',
        authorization: 'Bearer test_FAKE_stray',
      },
    ],
    notes: ['http_message.unreadable_line', 'http_message.scheme_assumed'],
  },
  {
    name: 'a redirect and the response after it are hops of one chain (curl -iL)',
    text: `HTTP/1.1 301 Moved Permanently
Location: https://api.example.com/v2/me

HTTP/2 401
www-authenticate: ${EXPIRED}

{"message":"Requires authentication"}`,
    expected: [
      { source: 'http_response', status: 301 },
      {
        source: 'http_response',
        status: 401,
        challenge: EXPIRED,
        body: '{"message":"Requires authentication"}',
      },
    ],
    check: (fragment) => expect(fragment.exchanges?.map((e) => e.hop)).toEqual([0, 1]),
  },
  {
    name: 'a redirect to somewhere else than the next request starts no chain',
    text: `GET https://api.example.com/old HTTP/1.1

HTTP/1.1 302 Found
Location: https://login.example.com/

GET https://api.example.com/other HTTP/1.1

HTTP/1.1 401 Unauthorized
`,
    expected: [
      { source: 'http_request', status: 302 },
      { source: 'http_request', status: 401 },
    ],
    check: (fragment) => expect(fragment.exchanges?.map((e) => e.hop)).toEqual([undefined, undefined]),
  },
  {
    name: 'response headers without any status keep the challenge',
    text: `WWW-Authenticate: ${EXPIRED}
Content-Type: application/json`,
    expected: [],
    notes: ['http_message.status_unknown'],
    check: (fragment) => expect(fragment.challenges).toEqual([{ value: EXPIRED, line: 1 }]),
  },
  {
    name: 'Chrome "Provisional headers are shown" is reported',
    text: `Request Headers
⚠ Provisional headers are shown. Disable cache to see full headers. Learn more
Accept: application/json
Referer: https://app.example.com/`,
    expected: [{ source: 'http_request', authorization: undefined }],
    notes: ['http_message.provisional_headers'],
  },
  {
    name: 'headers cut mid-line at the end of the paste',
    text: `GET https://api.example.com/v1/me HTTP/1.1
Host: api.example.com
Authorization: Bearer test_FAKE_cut
Accept-Enc`,
    expected: [
      { source: 'http_request', url: 'https://api.example.com/v1/me', authorization: 'Bearer test_FAKE_cut' },
    ],
    notes: ['http_message.truncated'],
  },
  {
    name: 'a body shorter than its Content-Length',
    text: `HTTP/1.1 401 Unauthorized
Content-Type: application/json
Content-Length: 120

{"error":"invalid_tok`,
    expected: [{ source: 'http_response', status: 401, body: '{"error":"invalid_tok' }],
    notes: ['http_message.body_truncated'],
  },
];

describe('parseHttpMessages', () => {
  it.each(cases)('$name', ({ text, expected, notes, check }) => {
    const fragment = parse(text);
    // Arrays must match in length; a key given as undefined must be absent.
    expect(fragment.exchanges?.map(summary)).toMatchObject(expected);
    expect(noteCodes(fragment)).toEqual(notes ?? []);
    check?.(fragment);
  });

  it('pseudo headers never appear among the headers', () => {
    const fragment = parse(
      ':authority: api.example.com\n:method: GET\n:path: /\n:scheme: https\naccept: */*',
    );
    expect(fragment.exchanges?.[0]?.request?.headers).toEqual([{ name: 'accept', value: '*/*' }]);
  });

  it('reads CRLF pastes', () => {
    const fragment = parse('HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="a"\r\n\r\nNo\r\n');
    expect(fragment.exchanges?.map(summary)).toMatchObject([
      { status: 401, challenge: 'Basic realm="a"', body: 'No' },
    ]);
  });

  it('numbers lines from the segment start', () => {
    const fragment = parse('\n\nHTTP/1.1 401 Unauthorized\n\n', 40);
    expect(fragment.exchanges?.[0]?.line).toBe(42);
  });
});

describe('parseHttpMessages: text that is not an HTTP message', () => {
  it.each([
    ['empty', ''],
    ['prose mentioning a status', 'I get 401 every time I call the API, any idea?'],
    ['binary', '\u0000\u0001\u0002\uFFFD'],
    ['a lone status number', '401'],
  ])('%s: nothing read, never thrown', (_name, text) => {
    const fragment = parse(text);
    expect(fragment.exchanges).toEqual([]);
    expect(noteCodes(fragment)).toContain('http_message.no_message');
  });

  it('never throws on arbitrary text built from message-like lines', () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom('', 'GET / HTTP/1.1', 'HTTP/1.1 401 Unauthorized', 'Request Headers', 'General', 'Raw'),
      fc.constantFrom(':authority:', 'Request URL:', 'Status Code:', 'Transfer-Encoding: chunked', '1a', '0'),
      fc.string().map((s) => `X-Test: ${s}`),
      fc.string().map((s) => ` ${s}`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        expect(Array.isArray(parse(lines.join('\n')).exchanges)).toBe(true);
      }),
    );
  });

  it('stays fast on a megabyte paste', () => {
    const headers = Array.from({ length: 40_000 }, (_, i) => `X-Header-${i}: ${'v'.repeat(10)}`).join('\n');
    const started = performance.now();
    const fragment = parse(
      `GET / HTTP/1.1\nHost: a.example\n${headers}\n\nHTTP/1.1 401 Unauthorized\n\n${'b'.repeat(500_000)}`,
    );
    expect(performance.now() - started).toBeLessThan(3000);
    expect(fragment.exchanges?.[0]?.request?.headers.length).toBe(40_001);
  });
});
