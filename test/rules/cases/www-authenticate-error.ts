import rule from '../../../src/rules/www-authenticate-error.js';
import { defineCases } from '../../support/rule-cases.js';

const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiYXVkIjoiYXBpOi8vb3RoZXIifQ.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2ln';
const OPAQUE = 'at_7Qm2Xr9Lk4Vt8Hs1Np6Bz3Wc5Yd0Fg2Jh';

const challenged = (request: string, challenge: string, status = '401 Unauthorized') => `${request}
HTTP/1.1 ${status}
WWW-Authenticate: ${challenge}
Content-Length: 0
`;

export default defineCases({
  rule,
  invalid: [
    {
      name: 'ASP.NET says the token expired',
      paste: challenged(
        `curl -i -H "Authorization: Bearer ${JWT}" https://inventory.example.com/api/items`,
        `Bearer error="invalid_token", error_description="The token expired at '01/15/2026 11:30:00'"`,
      ),
      expect: {
        cause: 'expired_token',
        severity: 'error',
        evidence: 'response.headers.www-authenticate',
        detail: ['The token expired at', 'JWT …'],
        fix: ["curl -H 'Authorization: Bearer <YOUR_TOKEN>' https://inventory.example.com/api/items"],
      },
    },
    {
      name: 'the audience named in the description',
      paste: challenged(
        `curl -i -H "Authorization: Bearer ${JWT}" https://inventory.example.com/api/items`,
        `Bearer error="invalid_token", error_description="The audience 'api://other' is invalid"`,
      ),
      expect: {
        cause: 'wrong_audience_or_issuer',
        severity: 'error',
        detail: ["The audience 'api://other' is invalid"],
      },
    },
    {
      name: 'insufficient_scope names the scopes needed',
      paste: challenged(
        `curl -i -H "Authorization: Bearer ${OPAQUE}" https://git.example.com/api/v4/projects`,
        'Bearer realm="git", error="insufficient_scope", scope="read_api write_repository"',
        '403 Forbidden',
      ),
      expect: {
        cause: 'insufficient_scope_or_permissions',
        severity: 'error',
        detail: ['`read_api`', '`write_repository`'],
        fix: ['scope=read_api write_repository'],
      },
    },
    {
      name: 'invalid_token without a reason is a warning',
      paste: challenged(
        `curl -i -H "Authorization: Bearer ${OPAQUE}" https://files.example.com/v2/list`,
        'Bearer realm="files", error="invalid_token"',
      ),
      expect: { cause: 'invalid_credentials', severity: 'warning', detail: ['without saying why'] },
    },
    {
      name: 'only Basic offered, a Bearer token sent',
      paste: challenged(
        `curl -i -H "Authorization: Bearer ${OPAQUE}" https://staging.example.com/api/status`,
        'Basic realm="Restricted"',
      ),
      expect: {
        cause: 'wrong_header_format',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['only accepts Basic'],
        fix: ["-u 'USERNAME:<YOUR_PASSWORD>' https://staging.example.com/api/status"],
      },
    },
    {
      name: 'a DPoP-bound token sent as Bearer',
      paste: challenged(
        `curl -i -H "Authorization: Bearer ${OPAQUE}" https://rs.example.com/photos`,
        'DPoP algs="ES256 PS256"',
      ),
      expect: { cause: 'wrong_header_format', severity: 'error', detail: ['DPoP-bound'] },
    },
    {
      name: 'Negotiate asked, nothing sent',
      paste: challenged('curl -i https://intranet.corp.example/reports/', 'Negotiate'),
      expect: {
        cause: 'missing_credentials',
        severity: 'warning',
        fix: ['curl --negotiate -u : https://intranet.corp.example/reports/'],
      },
    },
    {
      name: 'a challenge pasted on its own, read by keyword',
      paste:
        'WWW-Authenticate: Bearer error="invalid_token", error_description="signing key kid=k7 not found"',
      expect: { cause: 'signature_or_key_mismatch', severity: 'error', evidence: 'challenges[0]' },
    },
    {
      name: 'invalid_request: the token was sent twice',
      paste: challenged(
        `curl -i -H "Authorization: Bearer ${OPAQUE}" "https://rs.example.com/photos?access_token=${OPAQUE}"`,
        'Bearer error="invalid_request", error_description="Found multiple bearer tokens in the request"',
        '400 Bad Request',
      ),
      expect: { cause: 'wrong_header_format', severity: 'error', detail: ['more than one place'] },
    },
    {
      name: 'the server says the signature is invalid, but the token verifies with its issuer keys',
      paste: challenged(
        `curl -i -H "Authorization: Bearer ${JWT}" https://inventory.example.com/api/items`,
        'Bearer error="invalid_token", error_description="The signature key was not found"',
      ),
      signatures: [
        {
          credential: 'c1',
          issuer: 'https://login.example.com/',
          outcome: 'valid',
          detail: 'the signature verifies with key k1 of the issuer JWKS',
        },
      ],
      expect: { cause: 'server_misconfiguration', detail: ['stale or wrong keys'], fix: ['JWKS'] },
    },
  ],
  valid: [
    {
      name: 'Basic asked and Basic sent (no error code)',
      paste: challenged(
        'curl -i -u admin:Sup3rS3cretPassw0rd https://nas.example.com/api/',
        'Basic realm="nas"',
      ),
    },
    {
      name: 'a 200 without a challenge',
      paste: 'HTTP/1.1 200 OK\nContent-Type: application/json\n\n{"ok":true}',
    },
    { name: 'a bare challenge with no request to compare', paste: 'WWW-Authenticate: Bearer realm="api"' },
    {
      name: 'an error code this rule does not know',
      paste: challenged(
        `curl -i -H "Authorization: Bearer ${OPAQUE}" https://rs.example.com/photos`,
        'Bearer error="temporarily_unavailable"',
      ),
    },
  ],
});
