import rule from '../../../src/rules/ip-restricted.js';
import { defineCases } from '../../support/rule-cases.js';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a DNS-provider API: remote IP not authorized, address masked',
      paste: `dnsclient.errors.ApiError: 401: Remote IP is not authorized for this request; called from IP X.X.X.X`,
      expect: {
        cause: 'ip_blocked_or_restricted',
        severity: 'error',
        evidence: 'prose[0]',
        detail: ['Remote IP is not authorized', 'masked'],
        fix: ['ifconfig.me', 'allowlist'],
      },
    },
    {
      name: 'a Google-style key IP restriction over IPv6',
      paste: `{
  "error": {
    "code": 403,
    "message": "The provided API key has an IP address restriction. The originating IP address of the call (2001:db8:85a3::8a2e:370:7334) violates this restriction.",
    "status": "PERMISSION_DENIED"
  }
}`,
      expect: {
        severity: 'error',
        evidence: 'errorBodies[0]',
        detail: ['2001:db8:85a3::8a2e:370:7334', 'IPv6'],
        fix: ['Add 2001:db8:85a3::8a2e:370:7334 to the allowlist', 'curl -4'],
      },
    },
    {
      name: 'an IPv4 address not in the allowlist',
      paste: `curl -i -H "Authorization: Bearer 8e1f3a5c7b9d2e4f6a8c0b2d4f6e8a0c" https://api.brokerage.example/v2/orders
HTTP/1.1 401 Unauthorized
Content-Type: application/json

{"code":"IP_NOT_ALLOWED","message":"Request from IP address 203.0.113.45 is not allowed for this API key"}`,
      expect: { severity: 'error', detail: ['203.0.113.45'], fix: ['Add 203.0.113.45'] },
    },
    {
      name: 'an organization IP allow list',
      paste: `{"message":"Although you appear to have the correct authorization credentials, the \`acme\` organization has an IP allow list enabled, and your IP address is not permitted to access this resource.","status":"403"}`,
      expect: { severity: 'error', detail: ['IP allow list'] },
    },
    {
      name: 'a key restricted to HTTP referrers',
      paste: `{"error":{"code":403,"message":"Requests from referer <empty> are blocked.","status":"PERMISSION_DENIED","details":[{"reason":"API_KEY_HTTP_REFERRER_BLOCKED"}]}}`,
      expect: { severity: 'error', detail: ['referer'], fix: ['referrer list'] },
    },
    {
      name: 'a maps key with application restrictions',
      paste: `{"error_message":"This IP, site or mobile application is not authorized to use this API key. Request received from IP address 198.51.100.23, with empty referer","status":"REQUEST_DENIED"}`,
      expect: { detail: ['198.51.100.23'], fix: ['application restrictions', '198.51.100.23'] },
    },
    {
      name: 'a key restricted to specific IP addresses',
      paste: `HTTP/1.1 403 Forbidden
Content-Type: application/json

{"error":"forbidden","message":"This API key is restricted to specific IP addresses."}`,
      expect: {
        severity: 'error',
        evidence: 'response.body',
        detail: ['restricted to specific IP addresses'],
        fix: ['allowlist'],
      },
    },
    {
      name: 'a Key Vault firewall',
      paste: `Azure.RequestFailedException: Client address is not authorized and caller is not a trusted service.
Client address: 192.0.2.77
Status: 403 (Forbidden)
ErrorCode: Forbidden`,
      expect: { detail: ['Client address is not authorized', '192.0.2.77'], fix: ['allowed networks'] },
    },
    {
      name: 'an ambiguous exchange message is only a warning',
      paste: `{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}
HTTP 401`,
      expect: { severity: 'warning' },
    },
    {
      name: 'only the user says it',
      paste: `the support agent said our IP is not whitelisted for the token endpoint, we get 401`,
      expect: { severity: 'warning', evidence: 'prose[0]' },
    },
  ],
  valid: [
    {
      name: 'a plain invalid key',
      paste: `{"error":{"code":401,"message":"API key not valid. Please pass a valid API key.","status":"UNAUTHENTICATED"}}`,
    },
    {
      name: 'an API project not enabled (account state, not IP)',
      paste: `{"error_message":"This API project is not authorized to use this API.","status":"REQUEST_DENIED"}`,
    },
    {
      name: 'an IP address in a log line that is not a restriction',
      paste: `2025-10-01T12:00:01Z 401 GET /v1/orders from 203.0.113.9 - invalid_token`,
    },
    {
      name: 'API, not IP',
      paste: `{"message":"API rate limit exceeded for user. Your API key is not allowed more than 60 requests per minute."}`,
    },
  ],
});
