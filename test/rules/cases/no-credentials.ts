import { compilePacks, knowledgeWith } from '../../../src/providers/knowledge.js';
import rule from '../../../src/rules/no-credentials.js';
import { defineCases } from '../../support/rule-cases.js';

const TOKEN = '9f8e7d6c5b4a39281706f5e4d3c2b1a0';

/** An API that takes its key as a query parameter. */
const mapsLike = knowledgeWith(
  compilePacks([
    {
      origin: 'test',
      pack: {
        id: 'geo-test',
        name: 'Geo Test API',
        hosts: [{ host: 'geo.api.test' }],
        auth: [{ in: 'query', name: 'key', credential: 'an API key', status: 'preferred' }],
        docs: [{ title: 'Auth', url: 'https://geo.api.test/docs/auth' }],
      },
    },
  ]),
);

export default defineCases({
  rule,
  invalid: [
    {
      name: 'curl -i to a Basic-protected admin endpoint',
      paste: `$ curl -i https://grafana.internal.example:3000/api/admin/settings\nHTTP/1.1 401 Unauthorized\nContent-Type: application/json\nWWW-Authenticate: Basic realm="Grafana"\n\n{"message":"Unauthorized"}\n`,
      expect: {
        cause: 'missing_credentials',
        severity: 'error',
        evidence: 'request',
        detail: ['carries no credential', 'WWW-Authenticate: Basic realm="Grafana"', 'HTTP Basic'],
        fix: ["curl -u '<USERNAME>:<PASSWORD>' https://grafana.internal.example:3000/api/admin/settings"],
      },
    },
    {
      name: 'a curl -v trace without an Authorization line, Bearer challenge',
      paste: `$ curl -v https://api.acme.test/v2/orders\n> GET /v2/orders HTTP/1.1\n> Host: api.acme.test\n> User-Agent: curl/8.5.0\n> Accept: */*\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer realm="orders"\n< Content-Length: 0\n<\n`,
      expect: {
        severity: 'error',
        detail: ['WWW-Authenticate: Bearer realm="orders"', 'bearer token'],
        fix: ['Authorization: Bearer <YOUR_TOKEN>'],
        minConfidence: 0.85,
      },
    },
    {
      name: 'the GitHub pack says what to send',
      paste: `curl https://api.github.com/user/repos\n{"message":"Requires authentication","documentation_url":"https://docs.github.com/rest","status":"401"}\n`,
      expect: {
        severity: 'error',
        detail: ['GitHub REST API expects `Authorization: Bearer <YOUR_GITHUB_TOKEN>`'],
        fix: ["curl -H 'Authorization: Bearer <YOUR_GITHUB_TOKEN>' https://api.github.com/user/repos"],
      },
    },
    {
      name: 'a query-key API: the example puts the key in the URL',
      paste: `curl "https://geo.api.test/v1/geocode?address=Main+St"\nHTTP/1.1 401 Unauthorized\n`,
      knowledge: mapsLike,
      expect: { detail: ['the `key` query parameter'], fix: ['key=<YOUR_GEO_TEST_TOKEN>'] },
    },
    {
      name: '-u given but the Authorization header removed',
      paste: `curl -u admin:s3cr3t-passw0rd -H 'Authorization:' https://api.acme.test/v2/orders\nHTTP/1.1 401 Unauthorized\n`,
      expect: {
        cause: 'missing_credentials',
        severity: 'error',
        detail: ["`-H 'Authorization:'`", 'including the one `-u`'],
        fix: ["Remove `-H 'Authorization:'`", "-u 'admin:<PASSWORD>'"],
      },
    },
    {
      name: 'a -H value without a colon, dropped by curl',
      paste: `curl -H "Authorization Bearer ${TOKEN}" https://api.acme.test/v2/orders\n{"error":"unauthorized","status":401}\n`,
      expect: { severity: 'error', detail: ['has no colon', 'dropped it'], fix: ['Name: value'] },
    },
    {
      name: 'an unquoted HTTPie Authorization item split by the shell',
      paste: `http https://api.acme.test/v2/orders Authorization: Bearer ${TOKEN}\nHTTP/1.1 401 Unauthorized\n`,
      expect: {
        cause: 'wrong_header_format',
        detail: ['HTTPie item'],
        fix: ['"Authorization: Bearer $TOKEN"'],
      },
    },
    {
      name: 'only a response with a challenge, nothing sent anywhere in the paste',
      paste: 'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm="orders-api"\nContent-Length: 0\n',
      expect: {
        severity: 'warning',
        evidence: 'response.headers.www-authenticate',
        detail: ['Nothing in the paste shows a credential'],
      },
    },
    {
      name: 'a GitHub call without a token, before it fails',
      paste: 'curl https://api.github.com/user',
      expect: { severity: 'warning', detail: ['GitHub REST API expects'] },
    },
    {
      name: 'a redirect chain where no hop ever carried a credential',
      paste: `$ curl -v -L http://files.quarry.example/v1/export
> GET /v1/export HTTP/1.1
> Host: files.quarry.example
>
< HTTP/1.1 308 Permanent Redirect
< Location: https://export.quarry.example/v1/export
<
* Issue another request to this URL: 'https://export.quarry.example/v1/export'
> GET /v1/export HTTP/2
> Host: export.quarry.example
> accept: */*
>
< HTTP/2 401
< www-authenticate: Bearer realm="export"
<`,
      expect: { cause: 'missing_credentials', severity: 'error' },
    },
  ],
  valid: [
    {
      name: 'a token was sent',
      paste: `curl -H "Authorization: Bearer ${TOKEN}" https://api.acme.test/v2/orders\nHTTP/1.1 401 Unauthorized\n`,
    },
    {
      name: 'a request without credentials that succeeded',
      paste: '$ curl -i https://api.acme.test/health\nHTTP/1.1 200 OK\n\n{"ok":true}\n',
    },
    {
      name: 'headers read from a curl config file',
      paste: 'curl -K ~/.acme.curlrc https://api.acme.test/v2/orders\nHTTP/1.1 401 Unauthorized\n',
    },
    {
      name: 'a login step without a token next to the failing call with one',
      paste: `curl -X POST https://auth.acme.test/login -d '{"email":"a@b.c","password":"correct-horse-battery"}'\ncurl -H "Authorization: Bearer ${TOKEN}" https://api.acme.test/v2/orders\nHTTP/1.1 401 Unauthorized\n`,
    },
    {
      name: 'only an error body saying credentials are missing (the answer rules read messages)',
      paste:
        '{"error":{"type":"security_exception","reason":"missing authentication credentials for REST request [/_search]"},"status":401}',
    },
    {
      name: 'a refused token challenge: a token was sent, just not shown',
      paste:
        'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token", error_description="The access token expired"\n',
    },
    {
      name: 'an unknown API without any sign of failure',
      paste: 'curl https://api.acme.test/v2/status',
    },
    {
      name: 'cookies from a file',
      paste: 'curl -b cookies.txt https://app.acme.test/api/me\nHTTP/1.1 401 Unauthorized\n',
    },
    {
      name: 'a misspelled Authorization header (wrong-header-name)',
      paste: `curl -H "Authorisation: Bearer ${TOKEN}" https://api.acme.test/v2/orders\nHTTP/1.1 401 Unauthorized\n`,
    },
    {
      name: 'the token went out on the first hop and a cross-host redirect dropped it (redirect-dropped-credentials)',
      paste: `$ curl -v -L -H "Authorization: Bearer 7c2f1e9a8b3d4c5e6f708192a3b4c5d6" http://files.quarry.example/v1/export
> GET /v1/export HTTP/1.1
> Host: files.quarry.example
> Authorization: Bearer 7c2f1e9a8b3d4c5e6f708192a3b4c5d6
>
< HTTP/1.1 308 Permanent Redirect
< Location: https://export.quarry.example/v1/export
<
* Issue another request to this URL: 'https://export.quarry.example/v1/export'
> GET /v1/export HTTP/2
> Host: export.quarry.example
> accept: */*
>
< HTTP/2 401
< www-authenticate: Bearer realm="export"
<`,
    },
  ],
});
