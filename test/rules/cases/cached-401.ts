import rule from '../../../src/rules/cached-401.js';
import { defineCases } from '../../support/rule-cases.js';

const TOKEN = 'Bearer 5d41402abc4b2a76b9719d911017c592aa';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'CloudFront answers from its cache: X-Cache Hit, Age, Cache-Control public',
      paste: `curl -i https://cdn-api.example.com/v1/account -H "Authorization: ${TOKEN}"
HTTP/2 401
content-type: application/json
cache-control: public, max-age=600
age: 431
x-cache: Hit from cloudfront
via: 1.1 0a1b2c3d4e.cloudfront.net (CloudFront)
x-amz-cf-id: abcDEF123

{"message":"Unauthorized"}`,
      expect: {
        cause: 'cached_response',
        severity: 'error',
        evidence: 'response.headers.x-cache',
        detail: ['CloudFront', 'Hit from cloudfront', 'Age: 431', 'Vary: Authorization'],
        fix: ['nocache=', 'create-invalidation', "'/v1/account'", 'no-store'],
        minConfidence: 0.8,
      },
    },
    {
      name: 'Cloudflare HIT on a 401',
      paste: `HTTP/2 401
date: Tue, 04 Nov 2025 10:00:00 GMT
content-type: application/json
cf-cache-status: HIT
cf-ray: 8a1b2c3d4e5f6789-FRA
server: cloudflare

{"error":"invalid_token"}`,
      expect: {
        severity: 'error',
        evidence: 'response.headers.cf-cache-status',
        detail: ['Cloudflare'],
        fix: ['Purge'],
      },
    },
    {
      name: 'Varnish: two transaction ids and an Age',
      paste: `< HTTP/1.1 401 Unauthorized
< Content-Type: application/json
< X-Varnish: 98312 44021
< Age: 17
< Via: 1.1 varnish (Varnish/7.4)
<
{"error":"unauthorized"}`,
      expect: {
        severity: 'error',
        evidence: 'response.headers.x-varnish',
        detail: ['Varnish', 'two transaction ids'],
        fix: ['ban'],
      },
    },
    {
      name: 'Age alone on a 401 is a warning',
      paste: `curl -i https://api.example.org/me -H "Authorization: ${TOKEN}"
HTTP/1.1 401 Unauthorized
Content-Type: application/json
Age: 52

{"error":"unauthorized"}`,
      expect: { severity: 'warning', evidence: 'response.headers.age', detail: ['Age: 52'] },
    },
    {
      name: 'a 401 marked s-maxage with no hit yet: cacheable',
      paste: `curl -i https://api.example.org/me -H "Authorization: ${TOKEN}"
HTTP/1.1 401 Unauthorized
Content-Type: application/json
Cache-Control: s-maxage=3600
Vary: Accept-Encoding

{"error":"unauthorized"}`,
      expect: {
        severity: 'warning',
        evidence: 'response.headers.cache-control',
        detail: ['cacheable', 's-maxage=3600'],
      },
    },
    {
      name: 'DevTools says the 401 came from the disk cache',
      paste: `GET https://api.example.org/me 401 (Unauthorized) (from disk cache)
Uncaught (in promise) Error: Request failed with status code 401`,
      expect: { severity: 'error', detail: ['the 401 itself', 'never sent'], fix: ['Disable cache'] },
    },
    {
      name: 'DevTools: the 401 read from the memory cache while the CDN header says MISS',
      paste: `Request URL: https://app.larkspur.io/api/v2/account
Request Method: GET
Status Code: 401 Unauthorized (from memory cache)

Response Headers
cache-control: max-age=3600
x-cache: Miss from cloudfront
content-type: application/json

Request Headers
Provisional headers are shown
Accept: application/json`,
      expect: {
        severity: 'error',
        evidence: 'response.headers.cache-control',
        detail: ['(from memory cache)', 'max-age=3600', 'Miss from cloudfront', 'does not contradict'],
        fix: ['no-store'],
      },
    },
    {
      name: 'a service worker answers with a stored 401',
      paste: `Request URL: https://shop.example.net/api/cart
Request Method: GET
Status Code: 401 (from ServiceWorker)
content-type: application/json`,
      expect: { severity: 'error', detail: ['ServiceWorker'], fix: ['service worker'] },
    },
    {
      name: 'a browser-cache note on another line than the 401: a lead',
      paste: `GET https://api.example.org/avatar.png 200 OK (from disk cache)
GET https://api.example.org/me 401 (Unauthorized)`,
      expect: { severity: 'warning' },
    },
    {
      name: 'a 304 revalidates a stored 401',
      paste: `GET /api/profile HTTP/1.1
Host: portal.example.com
Authorization: ${TOKEN}

HTTP/1.1 401 Unauthorized
ETag: "a1b2c3"
Cache-Control: no-cache

GET /api/profile HTTP/1.1
Host: portal.example.com
Authorization: ${TOKEN}
If-None-Match: "a1b2c3"

HTTP/1.1 304 Not Modified
ETag: "a1b2c3"`,
      expect: { severity: 'error', detail: ['304 Not Modified', 'If-None-Match'], fix: ['ETag'] },
    },
  ],
  valid: [
    {
      name: 'a cache miss with no-store',
      paste: `curl -i https://cdn-api.example.com/v1/account -H "Authorization: ${TOKEN}"
HTTP/2 401
content-type: application/json
cache-control: no-store
x-cache: Miss from cloudfront
via: 1.1 0a1b2c3d4e.cloudfront.net (CloudFront)

{"message":"Unauthorized"}`,
    },
    {
      name: 'a cache hit on a 200 is not a problem',
      paste: `HTTP/2 200
content-type: application/json
cf-cache-status: HIT
age: 80

{"ok":true}`,
    },
    {
      name: 'Age: 0 and DYNAMIC: the origin answered',
      paste: `HTTP/2 401
content-type: application/json
cf-cache-status: DYNAMIC
age: 0

{"error":"invalid_token"}`,
    },
    {
      name: 'public cache-control with Vary: Authorization and max-age=0',
      paste: `HTTP/1.1 401 Unauthorized
Cache-Control: public, max-age=0
Vary: Authorization

{"error":"unauthorized"}`,
    },
    {
      name: 'a stale Age ignored when the cache reports a miss',
      paste: `HTTP/1.1 401 Unauthorized
X-Cache-Status: MISS
Age: 12

{"error":"unauthorized"}`,
    },
    {
      name: 'a disk-cache note and no auth failure anywhere',
      paste: `GET https://api.example.org/logo.svg 200 OK (from disk cache)
GET https://api.example.org/me 200 OK`,
    },
    {
      name: 'a 304 with no 401 in the paste',
      paste: `GET /api/profile HTTP/1.1
Host: portal.example.com
If-None-Match: "a1b2c3"

HTTP/1.1 304 Not Modified
ETag: "a1b2c3"`,
    },
  ],
});
