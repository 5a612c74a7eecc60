import rule from '../../../src/rules/redirect-dropped-credentials.js';
import { defineCases } from '../../support/rule-cases.js';

const GHP = 'ghp_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa';

const crossHostTrace = `$ curl -v -L -H "Authorization: Bearer ${GHP}" https://docs-api.example.org/v2/reports
* Connected to docs-api.example.org (203.0.113.7) port 443 (#0)
> GET /v2/reports HTTP/2
> Host: docs-api.example.org
> user-agent: curl/8.5.0
> accept: */*
> authorization: Bearer ${GHP}
>
< HTTP/2 302
< location: https://reports.example.net/v2/reports
< content-length: 0
<
* Connection #0 to host docs-api.example.org left intact
* Issue another request to this URL: 'https://reports.example.net/v2/reports'
* Connected to reports.example.net (198.51.100.20) port 443 (#1)
> GET /v2/reports HTTP/2
> Host: reports.example.net
> user-agent: curl/8.5.0
> accept: */*
>
< HTTP/2 401
< content-type: application/json
< www-authenticate: Bearer realm="reports"
<
{"error":"missing_token"}`;

const schemeChangeTrace = `* Connected to billing.example.io (192.0.2.44) port 80 (#0)
> POST /oauth/token HTTP/1.1
> Host: billing.example.io
> User-Agent: curl/8.1.2
> Accept: */*
> Cookie: session=9f8e7d6c5b4a39281706f5e4d3c2b1a0
> Content-Type: application/x-www-form-urlencoded
>
< HTTP/1.1 301 Moved Permanently
< Location: https://billing.example.io/oauth/token
< Content-Length: 0
<
* Issue another request to this URL: 'https://billing.example.io/oauth/token'
* Connected to billing.example.io (192.0.2.44) port 443 (#1)
> GET /oauth/token HTTP/1.1
> Host: billing.example.io
> User-Agent: curl/8.1.2
> Accept: */*
>
< HTTP/1.1 401 Unauthorized
< Content-Type: application/json
<
{"error":"unauthorized"}`;

const includeOnly = `curl -sSiL -H 'Authorization: token ${GHP}' https://api.example.com/repos/acme/old-name/issues
HTTP/2 301
location: https://api.example-mirror.com/repos/acme/new-name/issues
content-length: 0

HTTP/2 401
content-type: application/json

{"message":"Requires authentication"}`;

const har = JSON.stringify({
  log: {
    version: '1.2',
    entries: [
      {
        startedDateTime: '2025-11-03T09:00:00Z',
        time: 12,
        request: {
          method: 'GET',
          url: 'https://app.example.com/api/profile',
          httpVersion: 'HTTP/1.1',
          headers: [{ name: 'Authorization', value: 'Bearer 7c1e0a5b9d3f42e8a6b0c4d2e1f39a7b' }],
          queryString: [],
          cookies: [],
          headersSize: -1,
          bodySize: 0,
        },
        response: {
          status: 307,
          statusText: 'Temporary Redirect',
          httpVersion: 'HTTP/1.1',
          headers: [{ name: 'Location', value: 'https://api.example.com/profile' }],
          cookies: [],
          content: { size: 0, mimeType: 'text/plain' },
          redirectURL: 'https://api.example.com/profile',
          headersSize: -1,
          bodySize: 0,
        },
        cache: {},
        timings: { send: 0, wait: 10, receive: 0 },
      },
      {
        startedDateTime: '2025-11-03T09:00:01Z',
        time: 15,
        request: {
          method: 'GET',
          url: 'https://api.example.com/profile',
          httpVersion: 'HTTP/1.1',
          headers: [{ name: 'Origin', value: 'https://app.example.com' }],
          queryString: [],
          cookies: [],
          headersSize: -1,
          bodySize: 0,
        },
        response: {
          status: 401,
          statusText: 'Unauthorized',
          httpVersion: 'HTTP/1.1',
          headers: [{ name: 'WWW-Authenticate', value: 'Bearer' }],
          cookies: [],
          content: { size: 0, mimeType: 'application/json' },
          redirectURL: '',
          headersSize: -1,
          bodySize: 0,
        },
        cache: {},
        timings: { send: 0, wait: 10, receive: 0 },
      },
    ],
  },
});

const entry = (method: string, url: string, status: number, extra: Record<string, unknown> = {}) => ({
  startedDateTime: '2025-11-03T09:00:00Z',
  time: 5,
  request: {
    method,
    url,
    httpVersion: 'HTTP/1.1',
    headers: [],
    queryString: [],
    cookies: [],
    headersSize: -1,
    bodySize: 0,
    ...extra,
  },
  response: {
    status,
    statusText: '',
    httpVersion: 'HTTP/1.1',
    headers: status === 302 ? [{ name: 'Location', value: '/dashboard' }] : [],
    cookies: [],
    content: { size: 0, mimeType: 'application/json' },
    redirectURL: status === 302 ? '/dashboard' : '',
    headersSize: -1,
    bodySize: 0,
  },
  cache: {},
  timings: { send: 0, wait: 1, receive: 0 },
});

const loginHar = JSON.stringify({
  log: {
    version: '1.2',
    entries: [
      entry('POST', 'https://app.example.com/login', 302, {
        postData: {
          mimeType: 'application/x-www-form-urlencoded',
          text: 'username=ann&password=Tr0ub4dor-and-3-more',
          params: [
            { name: 'username', value: 'ann' },
            { name: 'password', value: 'Tr0ub4dor-and-3-more' },
          ],
        },
      }),
      entry('GET', 'https://app.example.com/dashboard', 401),
    ],
  },
});

export default defineCases({
  rule,
  invalid: [
    {
      name: 'curl -L follows a 302 to another host and leaves Authorization behind',
      paste: crossHostTrace,
      expect: {
        cause: 'credentials_dropped_in_transit',
        severity: 'error',
        evidence: 'exchanges[1].response.headers.location',
        detail: [
          'Location: https://reports.example.net/v2/reports',
          'another host',
          '--location-trusted',
          'ghp_',
        ],
        fix: [
          'https://reports.example.net/v2/reports',
          'Authorization: Bearer <YOUR_TOKEN>',
          '--location-trusted',
        ],
        minConfidence: 0.9,
      },
    },
    {
      name: 'http to https on the same host drops the cookie and turns POST into GET',
      paste: schemeChangeTrace,
      expect: {
        severity: 'error',
        evidence: 'response.headers.location',
        detail: ['scheme (http → https)', 'cookie', 'POST into a GET'],
        fix: ['https://billing.example.io/oauth/token', 'Cookie: session=<YOUR_SESSION_COOKIE>'],
      },
    },
    {
      name: 'curl -iL output: only responses, the redirect goes to another host',
      paste: includeOnly,
      expect: {
        severity: 'error',
        evidence: 'exchanges[1].response',
        detail: ['api.example-mirror.com', 'was sent without'],
        fix: [
          'Authorization: token <YOUR_TOKEN>',
          'https://api.example-mirror.com/repos/acme/new-name/issues',
        ],
      },
    },
    {
      name: 'a browser HAR: a 307 to another origin, the next request has no Authorization',
      paste: har,
      expect: {
        severity: 'error',
        detail: ['browser strips', 'https://api.example.com'],
        fix: ['https://api.example.com/profile'],
      },
    },
    {
      name: 'requests code with a redirect in its output',
      paste: `import requests
resp = requests.get("http://api.example.com/v3/items", headers={"Authorization": "Bearer 0f9e8d7c6b5a49382716a5b4c3d2e1f0"})
print(resp.status_code, resp.history)
401 [<Response [301]>]`,
      expect: {
        severity: 'warning',
        detail: ['Python requests', 'redirect'],
        fix: ['r.history', 'https://'],
      },
    },
  ],
  valid: [
    {
      name: 'the redirect stays on the same origin and the header is sent again',
      paste: `> GET /v1/users HTTP/1.1
> Host: api.example.com
> Authorization: Bearer ${GHP}
>
< HTTP/1.1 308 Permanent Redirect
< Location: /v1/users/
<
* Issue another request to this URL: 'https://api.example.com/v1/users/'
> GET /v1/users/ HTTP/1.1
> Host: api.example.com
> Authorization: Bearer ${GHP}
>
< HTTP/1.1 401 Unauthorized
< Content-Type: application/json
<
{"message":"Bad credentials"}`,
    },
    {
      name: 'the chain ends in 200: nothing lost that mattered',
      paste: crossHostTrace
        .replace('< HTTP/2 401', '< HTTP/2 200')
        .replace('{"error":"missing_token"}', '[]'),
    },
    {
      name: '--location-trusted with only the responses shown',
      paste: includeOnly.replace('curl -sSiL', 'curl -sSiL --location-trusted'),
    },
    {
      name: 'no credential was sent in the first place',
      paste: crossHostTrace
        .replace(`> authorization: Bearer ${GHP}\n`, '')
        .replace(` -H "Authorization: Bearer ${GHP}"`, ''),
    },
    {
      name: 'a login form POST redirected to the dashboard (post/redirect/get)',
      paste: loginHar,
    },
    {
      name: 'a redirect_uri in an OAuth error is not a redirect',
      paste: `import requests
r = requests.post("https://auth.example.com/token", headers={"Authorization": "Basic Y2xpZW50OnNlY3JldHNlY3JldA=="})
print(r.status_code, r.text)
401 {"error":"invalid_client","error_description":"redirect_uri mismatch"}`,
    },
  ],
});
