import rule from '../../../src/rules/status-explained.js';
import { defineCases } from '../../support/rule-cases.js';

const TOKEN = 'at_7Qm2Xr9Lk4Vt8Hs1Np6Bz3Wc5Yd0Fg2Jh';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a bare 403: authenticated but not allowed',
      paste: `curl -i -H "Authorization: Bearer ${TOKEN}" https://projects.example.com/api/v2/projects/42/members
HTTP/1.1 403 Forbidden
Content-Type: application/json

{"message":"Forbidden"}`,
      expect: {
        cause: 'insufficient_scope_or_permissions',
        severity: 'warning',
        evidence: 'response.status',
        detail: ['403 Forbidden', 'scopes, roles'],
      },
    },
    {
      name: 'a 407 from a proxy',
      paste: `$ curl -i -x http://proxy.corp.example:3128 https://api.example.com/v1/me
HTTP/1.1 407 Proxy Authentication Required
Proxy-Authenticate: Basic realm="corp"
Content-Length: 0`,
      expect: {
        cause: 'credentials_dropped_in_transit',
        severity: 'warning',
        detail: ['Proxy-Authorization'],
        fix: ['--proxy-user'],
      },
    },
    {
      name: 'a 419 from Laravel',
      paste: `HTTP/1.1 419 unknown status
Content-Type: application/json

{"message":"CSRF token mismatch."}`,
      expect: { cause: 'expired_token', severity: 'warning', fix: ['/sanctum/csrf-cookie'] },
    },
    {
      name: 'ok: false on HTTP 200',
      paste: `curl -i -X POST https://chat.example.com/api/conversations.list -H "Authorization: Bearer ${TOKEN}"
HTTP/1.1 200 OK
Content-Type: application/json

{"ok":false,"error":"not_authed"}`,
      expect: {
        cause: 'other',
        severity: 'info',
        evidence: 'response.body',
        detail: ['not_authed', 'not a success'],
      },
    },
    {
      name: 'a 401 without a WWW-Authenticate header',
      paste: `curl -i https://billing.example.com/api/invoices
HTTP/1.1 401 Unauthorized
Content-Type: application/json

{"error":"unauthorized"}`,
      expect: { cause: 'other', severity: 'info', detail: ['no `WWW-Authenticate` header'] },
    },
  ],
  valid: [
    { name: 'a success', paste: 'HTTP/1.1 200 OK\nContent-Type: application/json\n\n{"id":42}' },
    {
      name: 'only a request',
      paste: `curl -H "Authorization: Bearer ${TOKEN}" https://api.example.com/v1/me`,
    },
    { name: 'a 404', paste: 'HTTP/1.1 404 Not Found\nContent-Type: text/plain\n\nnot found' },
  ],
});
