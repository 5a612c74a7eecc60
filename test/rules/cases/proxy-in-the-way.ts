import rule from '../../../src/rules/proxy-in-the-way.js';
import { defineCases } from '../../support/rule-cases.js';

const TOKEN = '3f2a9c7e1b5d4f6a8c0e2b4d6f8a0c2e';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'curl -v through a proxy that answers 407 to CONNECT',
      paste: `$ curl -v -x http://gw.corp.example:8080 -H "Authorization: Bearer ${TOKEN}" https://api.partner.example/v1/status
*   Trying 10.20.30.40:8080...
* Connected to gw.corp.example (10.20.30.40) port 8080 (#0)
* Establish HTTP proxy tunnel to api.partner.example:443
> CONNECT api.partner.example:443 HTTP/1.1
> Host: api.partner.example:443
> User-Agent: curl/8.4.0
> Proxy-Connection: Keep-Alive
>
< HTTP/1.1 407 Proxy Authentication Required
< Proxy-Authenticate: NTLM
< Proxy-Authenticate: Negotiate
< Content-Length: 0
<
* CONNECT tunnel failed, response 407
curl: (56) CONNECT tunnel failed, response 407`,
      expect: {
        cause: 'credentials_dropped_in_transit',
        severity: 'error',
        evidence: 'exchanges[1].response',
        detail: ['407', 'gw.corp.example', 'Proxy-Authenticate: NTLM'],
        fix: ['--proxy-user', '--proxy-ntlm', 'NO_PROXY'],
      },
    },
    {
      name: '-u given for the API while the proxy wants credentials',
      paste: `curl -x http://proxy.example.net:3128 -u apiuser:${TOKEN} https://api.partner.example/v1/status
curl: (56) CONNECT tunnel failed, response 407`,
      expect: {
        severity: 'error',
        detail: ['`-u`/`--user` authenticates to the API server', '--proxy-user'],
      },
    },
    {
      name: 'a Python ProxyError with 407',
      paste: `requests.exceptions.ProxyError: HTTPSConnectionPool(host='api.partner.example', port=443): Max retries exceeded with url: /v1/status (Caused by ProxyError('Unable to connect to proxy', OSError('Tunnel connection failed: 407 Proxy Authentication Required')))`,
      expect: { severity: 'error', detail: ['407'], fix: ['HTTPS_PROXY='] },
    },
    {
      name: 'a 401 written by Zscaler, not the API',
      paste: `curl -i -H "Authorization: Bearer ${TOKEN}" https://api.partner.example/v1/status
HTTP/1.1 401 Unauthorized
Server: Zscaler/6.2
Content-Type: text/html

<html><body>Authentication required by your organisation</body></html>`,
      expect: {
        severity: 'warning',
        evidence: 'response.headers.server',
        detail: ['Zscaler', 'intercepting proxy'],
      },
    },
    {
      name: 'a proxy option on a plain-http request that got 401',
      paste: `curl -x http://10.0.0.9:3128 -H "Authorization: Bearer ${TOKEN}" http://legacy-api.example.com/v1/status
{"status":401,"message":"Unauthorized"}`,
      expect: { severity: 'warning', evidence: 'request.options.proxy', detail: ['over plain http'] },
    },
    {
      name: '-k and certificate trouble hint at TLS interception',
      paste: `curl -k -H "Authorization: Bearer ${TOKEN}" https://api.partner.example/v1/status
{"status":401}
without -k I get: curl: (60) SSL certificate problem: self signed certificate in certificate chain`,
      expect: { severity: 'info', detail: ['--insecure', 'TLS interception'] },
    },
  ],
  valid: [
    {
      name: 'a direct 401 from the API with its own headers',
      paste: `curl -i -H "Authorization: Bearer ${TOKEN}" https://api.partner.example/v1/status
HTTP/2 401
content-type: application/json
www-authenticate: Bearer error="invalid_token"
server: envoy

{"error":"invalid_token"}`,
    },
    {
      name: 'a proxy that forwarded the request fine (200)',
      paste: `curl -x http://gw.corp.example:8080 -H "Authorization: Bearer ${TOKEN}" https://api.partner.example/v1/status
{"status":"ok"}`,
    },
    {
      name: 'the number 407 in an unrelated id',
      paste: `{"error":"invalid_token","request_id":"req_407_abc","status":401}`,
    },
    {
      name: 'a CDN Via header on an API 401',
      paste: `HTTP/2 401
via: 1.1 google
content-type: application/json

{"error":{"code":401,"message":"Request had invalid authentication credentials."}}`,
    },
  ],
});
