import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCurlTrace } from '../../src/intake/parsers/curl-trace.js';
import type { Fragment, RawExchange, RawHeader } from '../../src/intake/raw.js';

function parse(text: string, startLine = 1): Fragment {
  return parseCurlTrace({
    kind: 'curl_trace',
    text,
    startLine,
    endLine: startLine + text.split('\n').length - 1,
  });
}

function header(headers: readonly RawHeader[] | undefined, name: string): string | undefined {
  return headers?.find((h) => h.name.toLowerCase() === name)?.value;
}

function codes(fragment: Fragment): string[] {
  return (fragment.notes ?? []).map((n) => n.code);
}

/** What a user would check in a hop: where it went, whether it carried a credential, what came back. */
function summary(exchange: RawExchange) {
  return {
    hop: exchange.hop,
    method: exchange.request?.method,
    url: exchange.request?.url,
    authorization: header(exchange.request?.headers, 'authorization'),
    status: exchange.response?.status,
    challenge: header(exchange.response?.headers, 'www-authenticate'),
    body: exchange.response?.body,
  };
}

/** `curl --trace-ascii` rows for bytes: 64 per row, a row ends early at CRLF (curl's lib/tool dump()). */
function asciiRows(data: string): string[] {
  const bytes = Buffer.from(data, 'utf8');
  const rows: string[] = [];
  const width = 0x40;
  for (let i = 0; i < bytes.length; i += width) {
    let row = `${i.toString(16).padStart(4, '0')}: `;
    for (let c = 0; c < width && i + c < bytes.length; c++) {
      if (i + c + 1 < bytes.length && bytes[i + c] === 0x0d && bytes[i + c + 1] === 0x0a) {
        i += c + 2 - width;
        break;
      }
      const byte = bytes[i + c]!;
      row += byte >= 0x20 && byte < 0x80 ? String.fromCharCode(byte) : '.';
      if (i + c + 2 < bytes.length && bytes[i + c + 1] === 0x0d && bytes[i + c + 2] === 0x0a) {
        i += c + 3 - width;
        break;
      }
    }
    rows.push(row);
  }
  return rows;
}

/** `curl --trace` rows: offset, 16 hex bytes (padded), then the bytes as ASCII. */
function hexRows(data: string): string[] {
  const bytes = Buffer.from(data, 'utf8');
  const rows: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    let row = `${i.toString(16).padStart(4, '0')}: `;
    let ascii = '';
    for (let c = 0; c < 16; c++) {
      const byte = bytes[i + c];
      row += byte === undefined ? '   ' : `${byte.toString(16).padStart(2, '0')} `;
      if (byte !== undefined) ascii += byte >= 0x20 && byte < 0x80 ? String.fromCharCode(byte) : '.';
    }
    rows.push(row + ascii);
  }
  return rows;
}

function block(arrow: string, what: string, data: string, rows: (d: string) => string[]): string[] {
  const size = Buffer.byteLength(data);
  return [`${arrow} ${what}, ${size} bytes (0x${size.toString(16)})`, ...rows(data)];
}

/** A whole `--trace-ascii` / `--trace` transcript for one request and its response. */
function traceDump(
  rows: (d: string) => string[],
  request: string,
  responseHeaders: string[],
  body: string,
  info: string[],
): string {
  const lines = info.map((i) => `== Info: ${i}`);
  lines.push(...block('=>', 'Send header', request, rows));
  for (const line of responseHeaders) lines.push(...block('<=', 'Recv header', `${line}\r\n`, rows));
  lines.push(...block('<=', 'Recv header', '\r\n', rows));
  if (body !== '') lines.push(...block('<=', 'Recv data', body, rows));
  lines.push('== Info: Connection #0 to host api.example.com left intact');
  return lines.join('\n');
}

const LONG_JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ0ZXN0LXVzZXIiLCJleHAiOjE3MDAwMDAwMDB9.FAKEsignatureFAKEsignatureFAKE';

const CROSS_HOST_REDIRECT = `$ curl -v -L -H "Authorization: Bearer test_FAKE_abc123" https://api.example.com/v1/files/42/download
* Host api.example.com:443 was resolved.
* IPv6: (none)
* IPv4: 203.0.113.10
*   Trying 203.0.113.10:443...
* Connected to api.example.com (203.0.113.10) port 443
* ALPN: curl offers h2,http/1.1
* (304) (OUT), TLS handshake, Client hello (1):
} [318 bytes data]
*  CAfile: /etc/ssl/cert.pem
*  CApath: none
* (304) (IN), TLS handshake, Server hello (2):
{ [122 bytes data]
* SSL connection using TLSv1.3 / AEAD-AES256-GCM-SHA384 / [blank] / UNDEF
* ALPN: server accepted h2
* Server certificate:
*  subject: CN=api.example.com
*  SSL certificate verify ok.
* using HTTP/2
* [HTTP/2] [1] OPENED stream for https://api.example.com/v1/files/42/download
* [HTTP/2] [1] [:method: GET]
* [HTTP/2] [1] [:scheme: https]
* [HTTP/2] [1] [:authority: api.example.com]
* [HTTP/2] [1] [:path: /v1/files/42/download]
* [HTTP/2] [1] [authorization: Bearer test_FAKE_abc123]
> GET /v1/files/42/download HTTP/2
> Host: api.example.com
> User-Agent: curl/8.7.1
> Accept: */*
> Authorization: Bearer test_FAKE_abc123
> 
* Request completely sent off
< HTTP/2 302 
< location: https://files.examplecdn.net/d/42?X-Sig=FAKEsig
< content-length: 0
< date: Tue, 05 Mar 2024 10:00:00 GMT
< 
* Connection #0 to host api.example.com left intact
* Issue another request to this URL: 'https://files.examplecdn.net/d/42?X-Sig=FAKEsig'
* Host files.examplecdn.net:443 was resolved.
*   Trying 198.51.100.7:443...
* Connected to files.examplecdn.net (198.51.100.7) port 443
* ALPN: curl offers h2,http/1.1
* SSL connection using TLSv1.3 / AEAD-AES256-GCM-SHA384 / [blank] / UNDEF
* [HTTP/2] [1] OPENED stream for https://files.examplecdn.net/d/42?X-Sig=FAKEsig
> GET /d/42?X-Sig=FAKEsig HTTP/2
> Host: files.examplecdn.net
> User-Agent: curl/8.7.1
> Accept: */*
> 
< HTTP/2 401 
< content-type: application/json
< www-authenticate: Bearer realm="files", error="invalid_token", error_description="The access token expired"
< 
{ [58 bytes data]
{"error":"unauthorized","message":"Missing Authorization"}* Connection #1 to host files.examplecdn.net left intact`;

const GITHUB_OLD_CURL = `*   Trying 140.82.112.6:443...
* TCP_NODELAY set
* Connected to api.github.com (140.82.112.6) port 443 (#0)
* ALPN, offering h2
* ALPN, offering http/1.1
* TLSv1.3 (OUT), TLS handshake, Client hello (1):
* SSL connection using TLSv1.3 / TLS_AES_128_GCM_SHA256
* Using HTTP2, server supports multi-use
* Connection state changed (HTTP/2 confirmed)
* Using Stream ID: 1 (easy handle 0x55d1c1b0e2f0)
> GET /user/repos HTTP/2
> Host: api.github.com
> user-agent: curl/7.68.0
> accept: application/vnd.github+json
> authorization: token ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE0000
> 
* Connection state changed (MAX_CONCURRENT_STREAMS == 100)!
< HTTP/2 401 
< server: GitHub.com
< date: Tue, 05 Mar 2024 10:00:00 GMT
< content-type: application/json; charset=utf-8
< x-github-media-type: github.v3; format=json
< x-ratelimit-limit: 60
< 
{
  "message": "Bad credentials",
  "documentation_url": "https://docs.github.com/rest"
}
* Connection #0 to host api.github.com left intact`;

describe('parseCurlTrace: curl -v', () => {
  it('splits a -L chain across hosts into hops, showing the Authorization header dropped on hop 1', () => {
    const fragment = parse(CROSS_HOST_REDIRECT);
    expect(fragment.kinds).toEqual(['curl_trace']);
    expect(fragment.exchanges?.map(summary)).toEqual([
      {
        hop: 0,
        method: 'GET',
        url: 'https://api.example.com/v1/files/42/download',
        authorization: 'Bearer test_FAKE_abc123',
        status: 302,
        challenge: undefined,
        body: undefined,
      },
      {
        hop: 1,
        method: 'GET',
        url: 'https://files.examplecdn.net/d/42?X-Sig=FAKEsig',
        authorization: undefined,
        status: 401,
        challenge:
          'Bearer realm="files", error="invalid_token", error_description="The access token expired"',
        body: '{"error":"unauthorized","message":"Missing Authorization"}',
      },
    ]);
    expect(fragment.exchanges?.map((e) => [e.source, e.line])).toEqual([
      ['curl_trace', 26],
      ['curl_trace', 46],
    ]);
    expect(fragment.exchanges?.[0]?.response?.headers[0]).toEqual({
      name: 'location',
      value: 'https://files.examplecdn.net/d/42?X-Sig=FAKEsig',
    });
    expect(fragment.notes).toEqual([]);
  });

  it('reads older curl 7 output (GitHub 401 with a pretty-printed body)', () => {
    const [exchange] = parse(GITHUB_OLD_CURL, 10).exchanges ?? [];
    expect(summary(exchange!)).toMatchObject({
      hop: 0,
      url: 'https://api.github.com/user/repos',
      authorization: 'token ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE0000',
      status: 401,
    });
    expect(exchange?.line).toBe(20);
    expect(exchange?.response?.httpVersion).toBe('HTTP/2');
    expect(exchange?.response?.statusText).toBeUndefined();
    expect(JSON.parse(exchange?.response?.body ?? '')).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
    });
  });

  const cases: { name: string; text: string; expected: ReturnType<typeof summary>[]; notes?: string[] }[] = [
    {
      name: 'plain HTTP/1.1 on a non-default port keeps http and the port',
      text: `*   Trying 127.0.0.1:8080...
* Connected to localhost (127.0.0.1) port 8080 (#0)
> GET /api/me HTTP/1.1
> Host: localhost:8080
> User-Agent: curl/7.81.0
> Accept: */*
> 
* Mark bundle as not supporting multiuse
< HTTP/1.1 401 Unauthorized
< WWW-Authenticate: Basic realm="dev"
< Content-Length: 0
< 
* Connection #0 to host localhost left intact`,
      expected: [
        {
          hop: 0,
          method: 'GET',
          url: 'http://localhost:8080/api/me',
          authorization: undefined,
          status: 401,
          challenge: 'Basic realm="dev"',
          body: undefined,
        },
      ],
    },
    {
      name: 'an interim 100 Continue gives way to the final response',
      text: `* Connected to api.example.com (203.0.113.10) port 443 (#0)
* SSL connection using TLSv1.2 / ECDHE-RSA-AES128-GCM-SHA256
> POST /oauth/token HTTP/1.1
> Host: api.example.com
> Authorization: Basic dGVzdF9jbGllbnQ6RkFLRV9zZWNyZXQ=
> Content-Type: application/x-www-form-urlencoded
> Content-Length: 29
> Expect: 100-continue
> 
< HTTP/1.1 100 Continue
< 
* We are completely uploaded and fine
< HTTP/1.1 401 Unauthorized
< Content-Type: application/json
< 
{"error":"invalid_client"}
* Connection #0 to host api.example.com left intact`,
      expected: [
        {
          hop: 0,
          method: 'POST',
          url: 'https://api.example.com/oauth/token',
          authorization: 'Basic dGVzdF9jbGllbnQ6RkFLRV9zZWNyZXQ=',
          status: 401,
          challenge: undefined,
          body: '{"error":"invalid_client"}',
        },
      ],
    },
    {
      name: 'progress meter lines and data markers (output piped) are skipped',
      text: `  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current
                                 Dload  Upload   Total   Spent    Left  Speed
  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0*   Trying 203.0.113.5:443...
* Connected to hooks.slack.com (203.0.113.5) port 443 (#0)
* TLSv1.3 (IN), TLS handshake, Finished (20):
} [52 bytes data]
> POST /api/chat.postMessage HTTP/1.1
> Host: slack.com
> Authorization: Bearer xoxb-FAKE-0000-test
> Content-Type: application/json
> 
{ [5 bytes data]
< HTTP/1.1 200 OK
< content-type: application/json; charset=utf-8
< 
{ [40 bytes data]
100    40  100    40    0     0    250      0 --:--:-- --:--:-- --:--:--   251
{"ok":false,"error":"invalid_auth"}`,
      expected: [
        {
          hop: 0,
          method: 'POST',
          url: 'https://slack.com/api/chat.postMessage',
          authorization: 'Bearer xoxb-FAKE-0000-test',
          status: 200,
          challenge: undefined,
          body: '{"ok":false,"error":"invalid_auth"}',
        },
      ],
    },
    {
      name: 'curl -v -i: the status and headers echoed on stdout are not taken as the body',
      text: `* Connected to api.stripe.com (203.0.113.20) port 443
* ALPN: server accepted h2
> GET /v1/charges HTTP/2
> Host: api.stripe.com
> authorization: Bearer sk_test_FAKE000000000000000000
> 
< HTTP/2 401 
< content-type: application/json
< www-authenticate: Basic realm="Stripe"
< 
HTTP/2 401 
content-type: application/json
www-authenticate: Basic realm="Stripe"

{"error":{"message":"Invalid API Key provided: sk_test_****0000","type":"invalid_request_error"}}`,
      expected: [
        {
          hop: 0,
          method: 'GET',
          url: 'https://api.stripe.com/v1/charges',
          authorization: 'Bearer sk_test_FAKE000000000000000000',
          status: 401,
          challenge: 'Basic realm="Stripe"',
          body: '{"error":{"message":"Invalid API Key provided: sk_test_****0000","type":"invalid_request_error"}}',
        },
      ],
    },
    {
      name: 'digest auth: the retry with credentials is hop 1 of the same chain',
      text: `* Connected to intranet.example (10.0.0.8) port 80 (#0)
* Server auth using Digest with user 'tester'
> GET /reports HTTP/1.1
> Host: intranet.example
> 
< HTTP/1.1 401 Unauthorized
< WWW-Authenticate: Digest realm="intranet", nonce="FAKEnonce", qop="auth"
< Content-Length: 0
< 
* Connection #0 to host intranet.example left intact
* Issue another request to this URL: 'http://intranet.example/reports'
* Re-using existing connection with host intranet.example
> GET /reports HTTP/1.1
> Host: intranet.example
> Authorization: Digest username="tester", realm="intranet", nonce="FAKEnonce", uri="/reports", response="0000"
> 
< HTTP/1.1 200 OK
< Content-Length: 2
< 
ok`,
      expected: [
        {
          hop: 0,
          method: 'GET',
          url: 'http://intranet.example/reports',
          authorization: undefined,
          status: 401,
          challenge: 'Digest realm="intranet", nonce="FAKEnonce", qop="auth"',
          body: undefined,
        },
        {
          hop: 1,
          method: 'GET',
          url: 'http://intranet.example/reports',
          authorization:
            'Digest username="tester", realm="intranet", nonce="FAKEnonce", uri="/reports", response="0000"',
          status: 200,
          challenge: undefined,
          body: 'ok',
        },
      ],
    },
    {
      name: 'two separate runs pasted together both start at hop 0',
      text: `* Connected to api.example.com (203.0.113.10) port 443
* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384
> GET /v1/me HTTP/1.1
> Host: api.example.com
> 
< HTTP/1.1 401 Unauthorized
< 
* Connection #0 to host api.example.com left intact
* Connected to api.example.com (203.0.113.10) port 443
* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384
> GET /v1/me HTTP/1.1
> Host: api.example.com
> Authorization: Bearer test_FAKE_second_try
> 
< HTTP/1.1 200 OK
< `,
      expected: [
        {
          hop: 0,
          method: 'GET',
          url: 'https://api.example.com/v1/me',
          authorization: undefined,
          status: 401,
          challenge: undefined,
          body: undefined,
        },
        {
          hop: 0,
          method: 'GET',
          url: 'https://api.example.com/v1/me',
          authorization: 'Bearer test_FAKE_second_try',
          status: 200,
          challenge: undefined,
          body: undefined,
        },
      ],
    },
    {
      name: 'through a proxy: CONNECT is its own exchange and the tunnelled request keeps the real host',
      text: `* Uses proxy env variable HTTPS_PROXY == 'http://proxy.corp.example:3128'
*   Trying 10.0.0.5:3128...
* Connected to proxy.corp.example (10.0.0.5) port 3128 (#0)
* allocate connect buffer!
* Establish HTTP proxy tunnel to api.example.com:443
> CONNECT api.example.com:443 HTTP/1.1
> Host: api.example.com:443
> Proxy-Authorization: Basic dGVzdDpGQUtF
> 
< HTTP/1.1 200 Connection established
< 
* Proxy replied 200 to CONNECT request
* CONNECT phase completed!
* TLSv1.3 (OUT), TLS handshake, Client hello (1):
> GET /v1/me HTTP/1.1
> Host: api.example.com
> Authorization: Bearer test_FAKE_tunnelled
> 
< HTTP/1.1 401 Unauthorized
< `,
      expected: [
        {
          hop: undefined,
          method: 'CONNECT',
          url: 'api.example.com:443',
          authorization: undefined,
          status: 200,
          challenge: undefined,
          body: undefined,
        },
        {
          hop: 0,
          method: 'GET',
          url: 'https://api.example.com/v1/me',
          authorization: 'Bearer test_FAKE_tunnelled',
          status: 401,
          challenge: undefined,
          body: undefined,
        },
      ],
    },
    {
      name: 'a redirect followed without an "Issue another request" line is still linked by its Location',
      text: `* Connected to example.com (203.0.113.1) port 80
> GET /old HTTP/1.1
> Host: example.com
> Authorization: Bearer test_FAKE_redirect
> 
< HTTP/1.1 301 Moved Permanently
< Location: /new
< 
* Connected to example.com (203.0.113.1) port 80
> GET /new HTTP/1.1
> Host: example.com
> 
< HTTP/1.1 401 Unauthorized
< `,
      expected: [
        {
          hop: 0,
          method: 'GET',
          url: 'http://example.com/old',
          authorization: 'Bearer test_FAKE_redirect',
          status: 301,
          challenge: undefined,
          body: undefined,
        },
        {
          hop: 1,
          method: 'GET',
          url: 'http://example.com/new',
          authorization: undefined,
          status: 401,
          challenge: undefined,
          body: undefined,
        },
      ],
    },
    {
      name: 'CRLF line ends and --trace-time timestamps',
      text: [
        '10:00:00.000001 * Connected to api.example.com (203.0.113.10) port 443',
        '10:00:00.000002 * ALPN: server accepted http/1.1',
        '10:00:00.000003 > GET /v1/me HTTP/1.1',
        '10:00:00.000003 > Host: api.example.com',
        '10:00:00.000003 > Authorization: Bearer test_FAKE_crlf',
        '10:00:00.000003 > ',
        '10:00:00.000004 < HTTP/1.1 401 Unauthorized',
        '10:00:00.000004 < ',
      ].join('\r\n'),
      expected: [
        {
          hop: 0,
          method: 'GET',
          url: 'https://api.example.com/v1/me',
          authorization: 'Bearer test_FAKE_crlf',
          status: 401,
          challenge: undefined,
          body: undefined,
        },
      ],
    },
    {
      name: 'a trace that ends inside the request headers keeps the headers read',
      text: `* Connected to api.example.com (203.0.113.10) port 443
* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384
> GET /v1/me HTTP/1.1
> Host: api.example.com
> Authorization: Bearer test_FAKE_cut`,
      expected: [
        {
          hop: 0,
          method: 'GET',
          url: 'https://api.example.com/v1/me',
          authorization: 'Bearer test_FAKE_cut',
          status: undefined,
          challenge: undefined,
          body: undefined,
        },
      ],
      notes: ['curl_trace.truncated'],
    },
    {
      name: 'a trace that ends inside the response headers keeps the status and headers read',
      text: `> GET /v1/me HTTP/1.1
> Host: api.example.com
> 
< HTTP/1.1 401 Unauthorized
< WWW-Authenticate: Bearer realm="api"
< Content-Ty`,
      expected: [
        {
          hop: 0,
          method: 'GET',
          url: 'https://api.example.com/v1/me',
          authorization: undefined,
          status: 401,
          challenge: 'Bearer realm="api"',
          body: undefined,
        },
      ],
      notes: ['curl_trace.unreadable_line', 'curl_trace.truncated'],
    },
    {
      name: 'a request with no response (timeout) is kept with a note',
      text: `* Connected to api.example.com (203.0.113.10) port 443
* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384
> GET /v1/me HTTP/1.1
> Host: api.example.com
> 
* Operation timed out after 30000 milliseconds with 0 bytes received
* Closing connection 0
curl: (28) Operation timed out after 30000 milliseconds with 0 bytes received`,
      expected: [
        {
          hop: 0,
          method: 'GET',
          url: 'https://api.example.com/v1/me',
          authorization: undefined,
          status: undefined,
          challenge: undefined,
          body: undefined,
        },
      ],
      notes: ['curl_trace.no_response'],
    },
    {
      name: 'a trace that starts mid-request still yields the headers it shows',
      text: `> Authorization: Bearer test_FAKE_partial
> 
< HTTP/1.1 403 Forbidden
< `,
      expected: [
        {
          hop: 0,
          method: undefined,
          url: undefined,
          authorization: 'Bearer test_FAKE_partial',
          status: 403,
          challenge: undefined,
          body: undefined,
        },
      ],
      notes: ['curl_trace.truncated'],
    },
    {
      name: 'folded (obsolete continuation) response header lines are joined',
      text: `> GET / HTTP/1.1
> Host: legacy.example.com
> 
< HTTP/1.1 401 Unauthorized
< WWW-Authenticate: Bearer realm="legacy",
<   error="invalid_token"
< `,
      expected: [
        {
          hop: 0,
          method: 'GET',
          url: 'https://legacy.example.com/',
          authorization: undefined,
          status: 401,
          challenge: 'Bearer realm="legacy", error="invalid_token"',
          body: undefined,
        },
      ],
    },
  ];

  it.each(cases)('$name', ({ text, expected, notes }) => {
    const fragment = parse(text);
    expect(fragment.exchanges?.map(summary)).toEqual(expected);
    expect(codes(fragment)).toEqual(notes ?? []);
  });
});

describe('parseCurlTrace: --trace-ascii and --trace', () => {
  const request =
    'GET /v1/me HTTP/1.1\r\nHost: api.example.com\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n' +
    `Authorization: Bearer ${LONG_JWT}\r\n\r\n`;
  const responseHeaders = [
    'HTTP/1.1 401 Unauthorized',
    'Content-Type: application/json',
    'WWW-Authenticate: Bearer realm="x", error="invalid_token", error_description="The access token expired"',
    'Transfer-Encoding: chunked',
  ];
  const info = [
    '  Trying 203.0.113.10:443...',
    'Connected to api.example.com (203.0.113.10) port 443',
    'SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384',
  ];

  it.each([
    ['--trace-ascii', asciiRows],
    ['--trace', hexRows],
  ])('%s: rebuilds long wrapped headers and the body', (_flag, rows) => {
    const body = '{"error":"invalid_token"}';
    const fragment = parse(traceDump(rows, request, responseHeaders, body, info));
    expect(fragment.exchanges?.map(summary)).toEqual([
      {
        hop: 0,
        method: 'GET',
        url: 'https://api.example.com/v1/me',
        authorization: `Bearer ${LONG_JWT}`,
        status: 401,
        challenge: 'Bearer realm="x", error="invalid_token", error_description="The access token expired"',
        body,
      },
    ]);
    expect(fragment.notes).toEqual([]);
  });

  it('--trace: a chunked body received raw loses its chunk-size lines', () => {
    const body = '19\r\n{"error":"invalid_token"}\r\n0\r\n\r\n';
    const [exchange] = parse(traceDump(hexRows, request, responseHeaders, body, info)).exchanges ?? [];
    expect(exchange?.response?.body).toBe('{"error":"invalid_token"}');
  });

  it('reads a hand-written --trace-ascii transcript with a request body', () => {
    const text = `== Info:   Trying 127.0.0.1:3000...
== Info: Connected to localhost (127.0.0.1) port 3000 (#0)
=> Send header, 58 bytes (0x3a)
0000: GET /v1/me HTTP/1.1
0015: Host: localhost:3000
002b: Accept: */*
0038: 
=> Send data, 13 bytes (0xd)
0000: {"scope":"x"}
== Info: upload completely sent off: 13 out of 13 bytes
<= Recv header, 27 bytes (0x1b)
0000: HTTP/1.1 401 Unauthorized
<= Recv header, 2 bytes (0x2)
0000: 
<= Recv data, 21 bytes (0x15)
0000: {"error":"no_token"}.
== Info: Connection #0 to host localhost left intact`;
    const [exchange] = parse(text, 5).exchanges ?? [];
    expect(exchange).toMatchObject({
      source: 'curl_trace',
      line: 8,
      hop: 0,
      request: {
        method: 'GET',
        url: 'http://localhost:3000/v1/me',
        body: { kind: 'json', text: '{"scope":"x"}' },
      },
      response: { status: 401, statusText: 'Unauthorized', body: '{"error":"no_token"}.' },
    });
  });
});

describe('parseCurlTrace: curl -i output', () => {
  it('reads -iL output as one response per hop', () => {
    const text = `HTTP/1.1 301 Moved Permanently
Location: https://api.example.com/v2/me
Content-Length: 0

HTTP/2 401
www-authenticate: Bearer realm="api", error="invalid_token", error_description="The access token expired"
content-type: application/json

{"message":"Requires authentication"}`;
    const fragment = parse(text, 3);
    expect(
      fragment.exchanges?.map((e) => [e.hop, e.line, e.request, e.response?.status, e.response?.body]),
    ).toEqual([
      [0, 3, undefined, 301, undefined],
      [1, 7, undefined, 401, '{"message":"Requires authentication"}'],
    ]);
  });

  it('drops 100 Continue and a proxy "Connection established" line', () => {
    const text = `HTTP/1.1 200 Connection established

HTTP/1.1 100 Continue

HTTP/1.1 401 Unauthorized
WWW-Authenticate: Basic realm="api"

Unauthorized`;
    const fragment = parse(text);
    expect(fragment.exchanges?.map((e) => [e.hop, e.response?.status, e.response?.body])).toEqual([
      [0, 401, 'Unauthorized'],
    ]);
  });
});

describe('parseCurlTrace: input that is not a trace', () => {
  it.each([
    ['empty', ''],
    ['prose', 'I ran curl and it said 401, what do I do?'],
    ['binary', '\u0000\u0001\u0002\uFFFD\u0007'],
    [
      'only info lines',
      '* Trying 1.2.3.4:443...\n* Could not resolve host: api.example.com\ncurl: (6) Could not resolve host',
    ],
  ])('%s: no exchange, a note, no throw', (_name, text) => {
    const fragment = parse(text);
    expect(fragment.exchanges).toEqual([]);
    expect(codes(fragment)).toContain('curl_trace.no_exchange');
  });

  it('never throws on arbitrary text built from trace-like lines', () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom('> ', '< ', '* ', '> GET / HTTP/1.1', '< HTTP/2 401 ', '=> Send header, 3 bytes (0x3)'),
      fc.constantFrom(
        '0000: 47 45 54 ',
        '0000: ',
        "== Info: Issue another request to this URL: 'x'",
        '{ [5 bytes data]',
      ),
      fc.string().map((s) => `> ${s}`),
      fc.string().map((s) => `< ${s}`),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const fragment = parse(lines.join('\n'));
        expect(Array.isArray(fragment.exchanges)).toBe(true);
      }),
    );
  });

  it('stays fast on a megabyte of trace', () => {
    const hop = CROSS_HOST_REDIRECT.split('\n');
    const text = Array.from({ length: 400 }, () => hop.join('\n')).join('\n');
    const body = `< HTTP/1.1 200 OK\n< \n${'x'.repeat(1_000_000)}`;
    const started = performance.now();
    const fragment = parse(`${text}\n> GET / HTTP/1.1\n> Host: a\n> \n${body}`);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(fragment.exchanges?.length).toBe(801);
  });
});
