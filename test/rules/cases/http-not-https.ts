import { compilePacks, ProviderKnowledge } from '../../../src/providers/knowledge.js';
import rule from '../../../src/rules/http-not-https.js';
import { defineCases } from '../../support/rule-cases.js';

const knowledge = new ProviderKnowledge(
  compilePacks([
    {
      origin: 'test:ledgerly',
      pack: {
        id: 'ledgerly',
        name: 'Ledgerly API',
        hosts: [{ host: 'api.ledgerly.io', basePath: '/v2' }],
        auth: [{ in: 'header', scheme: 'Bearer', credential: 'an API token' }],
        docs: [{ title: 'Auth', url: 'https://docs.ledgerly.io/auth' }],
      },
    },
    {
      origin: 'test:searchbox',
      pack: {
        id: 'searchbox',
        name: 'Searchbox (self-hosted)',
        hosts: [{ host: 'search.internal-corp.net' }],
        auth: [{ in: 'basic', credential: 'user and password' }],
        requiresHttps: false,
        docs: [{ title: 'Auth', url: 'https://docs.searchbox.dev/auth' }],
      },
    },
  ]),
);

const TOKEN = 'lg_8c3b1e7f2a9d4c60b5e8f1a2d3c4b5e6';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'http:// to an https-only API, with curl -L',
      paste: `curl -L -H "Authorization: Bearer ${TOKEN}" http://api.ledgerly.io/v2/invoices
{"error":"unauthorized","status":401}`,
      knowledge,
      expect: {
        cause: 'wrong_url_or_endpoint',
        severity: 'error',
        evidence: 'request.url',
        detail: ['plain http', 'Ledgerly API', '--location-trusted', 'unencrypted'],
        fix: ['https://api.ledgerly.io/v2/invoices', 'Authorization: Bearer <YOUR_TOKEN>'],
      },
    },
    {
      name: 'a client error names the http URL',
      paste: `requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: http://api.ledgerly.io/v2/customers?page=2`,
      knowledge,
      expect: {
        severity: 'error',
        evidence: 'clientErrors[0]',
        fix: ['https://api.ledgerly.io/v2/customers?page=2'],
      },
    },
    {
      name: 'the trace shows the 301 from http to https on an unknown API',
      paste: `* Connected to api.shipfast.example (192.0.2.10) port 80 (#0)
> GET /orders HTTP/1.1
> Host: api.shipfast.example
> Authorization: Bearer ${TOKEN}
>
< HTTP/1.1 301 Moved Permanently
< Location: https://api.shipfast.example/orders
<
* Issue another request to this URL: 'https://api.shipfast.example/orders'
* Connected to api.shipfast.example (192.0.2.10) port 443 (#1)
> GET /orders HTTP/1.1
> Host: api.shipfast.example
>
< HTTP/1.1 401 Unauthorized
< Content-Type: application/json
<
{"error":"no token"}`,
      expect: {
        severity: 'error',
        evidence: 'response.headers.location',
        detail: ['plain http', '301', 'did not re-send'],
        fix: ['https://api.shipfast.example/orders'],
      },
    },
    {
      name: 'the credential went along to https: the redirect is not the 401, still advise https',
      paste: `* Connected to api.shipfast.example (192.0.2.10) port 80 (#0)
> GET /orders HTTP/1.1
> Host: api.shipfast.example
> Authorization: Bearer ${TOKEN}
>
< HTTP/1.1 308 Permanent Redirect
< Location: https://api.shipfast.example/orders
<
* Issue another request to this URL: 'https://api.shipfast.example/orders'
* Connected to api.shipfast.example (192.0.2.10) port 443 (#1)
> GET /orders HTTP/1.1
> Host: api.shipfast.example
> Authorization: Bearer ${TOKEN}
>
< HTTP/1.1 401 Unauthorized
<
{"error":"invalid token"}`,
      expect: {
        severity: 'warning',
        detail: ['re-sent', 'elsewhere'],
        fix: ['https://api.shipfast.example/orders'],
      },
    },
    {
      name: 'no 401 in sight: only a warning',
      paste: `curl -H "Authorization: Bearer ${TOKEN}" http://api.ledgerly.io/v2/invoices`,
      knowledge,
      expect: { severity: 'warning', fix: ['https://api.ledgerly.io/v2/invoices'] },
    },
  ],
  valid: [
    {
      name: 'https already',
      paste: `curl -H "Authorization: Bearer ${TOKEN}" https://api.ledgerly.io/v2/invoices\n{"error":"unauthorized","status":401}`,
      knowledge,
    },
    {
      name: 'plain http to localhost',
      paste: `curl -H "Authorization: Bearer ${TOKEN}" http://localhost:8080/v2/invoices\nHTTP/1.1 401 Unauthorized`,
      knowledge,
    },
    {
      name: 'a pack that serves plain http on purpose',
      paste: `curl -u admin:hunter2hunter2 http://search.internal-corp.net/_search\n{"status":401}`,
      knowledge,
    },
    {
      name: 'an unknown API over http with no redirect shown',
      paste: `curl -H "Authorization: Bearer ${TOKEN}" http://api.shipfast.example/orders\n{"status":401}`,
      knowledge,
    },
    {
      name: 'raw HTTP with no scheme: intake only guessed',
      paste: `GET /v2/invoices HTTP/1.1
Host: api.ledgerly.io:80
Authorization: Bearer ${TOKEN}

HTTP/1.1 401 Unauthorized
Content-Type: application/json

{"error":"unauthorized"}`,
      knowledge,
    },
  ],
});
