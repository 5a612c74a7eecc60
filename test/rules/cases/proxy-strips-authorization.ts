import rule from '../../../src/rules/proxy-strips-authorization.js';
import { defineCases } from '../../support/rule-cases.js';

const TOKEN = '9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'works against the origin, 401 through CloudFront, legacy ForwardedValues',
      paste: `Hitting the load balancer URL directly my authorizer gets the token, but through the CloudFront domain it returns 401 and the lambda logs show no Authorization header.

Resources:
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        DefaultCacheBehavior:
          TargetOriginId: api
          ForwardedValues:
            QueryString: true`,
      expect: {
        cause: 'credentials_dropped_in_transit',
        severity: 'warning',
        evidence: 'prose[0]',
        detail: ['CloudFront', 'ForwardedValues', 'cache key'],
        fix: ['cache policy', 'ForwardedValues'],
        minConfidence: 0.6,
      },
    },
    {
      name: 'Django under Apache mod_wsgi',
      paste: `{"detail":"Authentication credentials were not provided."}
It works with manage.py runserver, but under Apache with mod_wsgi the token never gets through.
WSGIScriptAlias / /srv/app/app/wsgi.py`,
      expect: { severity: 'warning', detail: ['mod_wsgi'], fix: ['WSGIPassAuthorization On'] },
    },
    {
      name: 'PHP-FPM behind Apache: HTTP_AUTHORIZATION is missing',
      paste: `Laravel API, 401 from the server, fine on my machine.
PHP Warning:  Undefined array key "HTTP_AUTHORIZATION" in /var/www/api/public/index.php on line 9
The server runs php-fpm behind Apache 2.4.`,
      expect: {
        severity: 'warning',
        detail: ['HTTP_AUTHORIZATION', 'FastCGI'],
        fix: ['CGIPassAuth On', 'E=HTTP_AUTHORIZATION'],
      },
    },
    {
      name: 'nginx config blanks the header',
      paste: `Backend gets 401, nginx in front:
location /api/ {
    proxy_pass http://backend:8000/;
    proxy_set_header Host $host;
    proxy_set_header Authorization "";
}`,
      expect: {
        severity: 'error',
        detail: ['proxy_set_header Authorization ""'],
        fix: ['$http_authorization'],
      },
    },
    {
      name: 'Istio RequestAuthentication removes the validated JWT',
      paste: `my service returns 401 because the Authorization header is missing inside the pod
apiVersion: security.istio.io/v1
kind: RequestAuthentication
spec:
  jwtRules:
  - issuer: "https://issuer.example.com"
    jwksUri: "https://issuer.example.com/jwks"
    forwardOriginalToken: false`,
      expect: { severity: 'error', detail: ['Istio'], fix: ['forwardOriginalToken: true'] },
    },
    {
      name: 'the OPTIONS preflight gets 401',
      paste: `OPTIONS /v1/orders HTTP/1.1
Host: api.shop.example
Origin: https://shop.example
Access-Control-Request-Method: POST
Access-Control-Request-Headers: authorization,content-type

HTTP/1.1 401 Unauthorized
Content-Type: application/json

{"message":"Unauthorized"}`,
      expect: {
        severity: 'error',
        evidence: 'response',
        detail: ['OPTIONS', 'preflight', 'Access-Control-Request-Headers: authorization,content-type'],
        fix: ['OPTIONS', 'before the auth middleware'],
      },
    },
    {
      name: 'the browser says the preflight failed with 401',
      paste: `Access to XMLHttpRequest at 'https://api.shop.example/v1/orders' from origin 'https://shop.example' has been blocked by CORS policy: Response for preflight has invalid HTTP status code 401`,
      expect: { severity: 'error', detail: ['preflight'] },
    },
    {
      name: 'Chrome names the failed preflight, no 401 parsed anywhere',
      paste: `Console:
Access to fetch at 'https://api.tidepool.dev/v2/profile' from origin 'https://tidepool.dev' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.
GET https://api.tidepool.dev/v2/profile net::ERR_FAILED`,
      expect: {
        cause: 'credentials_dropped_in_transit',
        severity: 'warning',
        evidence: 'prose[0]',
        detail: ['preflight failed', 'did not get a 2xx answer'],
        fix: ['OPTIONS'],
      },
    },
    {
      name: 'Safari: preflight not successful with 401',
      paste: `[Error] Preflight response is not successful. Status code: 401
[Error] Fetch API cannot load https://api.tidepool.dev/v2/profile due to access control checks.`,
      expect: { severity: 'error', detail: ['with 401/403'] },
    },
    {
      name: 'an API key header with an underscore',
      paste: `curl -i -H "api_key: ${TOKEN}" https://api.shop.example/v1/orders
HTTP/1.1 401 Unauthorized
Server: nginx/1.24.0

{"message":"missing api key"}`,
      expect: {
        severity: 'warning',
        evidence: 'request.headers.api_key',
        detail: ['underscores', 'nginx/1.24.0'],
        fix: ['api-key', 'underscores_in_headers on'],
      },
    },
    {
      name: 'only the symptom: works directly, not through the gateway',
      paste: `When I call the service directly the bearer token works, but through the gateway I get 401 Unauthorized and the Authorization header is not forwarded.`,
      expect: { severity: 'warning', evidence: 'prose[0]', detail: ['not forwarded'] },
    },
  ],
  valid: [
    {
      name: 'CloudFront that already forwards Authorization',
      paste: `401 through CloudFront
"ForwardedValues": { "QueryString": true, "Headers": ["Authorization", "Origin"] }`,
    },
    {
      name: 'mod_wsgi with WSGIPassAuthorization On',
      paste: `Still 401 under Apache.
WSGIScriptAlias / /srv/app/app/wsgi.py
WSGIPassAuthorization On`,
    },
    {
      name: 'nginx that passes the header explicitly, and a normal 401 body',
      paste: `location /api/ {
    proxy_pass http://backend:8000/;
    proxy_set_header Authorization $http_authorization;
}
{"error":"invalid_token","status":401}`,
    },
    {
      name: 'a preflight that succeeded, then a 401 on the real request',
      paste: `OPTIONS /v1/orders HTTP/1.1
Host: api.shop.example
Origin: https://shop.example

HTTP/1.1 204 No Content
Access-Control-Allow-Origin: https://shop.example

GET /v1/orders HTTP/1.1
Host: api.shop.example
Authorization: Bearer ${TOKEN}

HTTP/1.1 401 Unauthorized

{"error":"invalid_token"}`,
    },
    {
      name: 'a CORS failure that is about a missing allow-origin header, not the preflight status',
      paste: `Access to fetch at 'https://api.tidepool.dev/v2/profile' from origin 'https://tidepool.dev' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
    },
    {
      name: 'a header with dashes, no proxy talk',
      paste: `curl -i -H "X-Api-Key: ${TOKEN}" https://api.shop.example/v1/orders
HTTP/1.1 401 Unauthorized

{"message":"invalid api key"}`,
    },
  ],
});
