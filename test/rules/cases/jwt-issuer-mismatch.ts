import rule from '../../../src/rules/jwt-issuer-mismatch.js';
import { defineCases } from '../../support/rule-cases.js';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const SIG = 'c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl';
/** An access token from `iss`, valid at the default case clock (2026-01-15). */
const token = (iss: string, extra: object = {}) =>
  `${b64({ alg: 'RS256', kid: 'k1' })}.${b64({ iss, sub: 'u-7', aud: 'api://default', iat: 1768474800, exp: 1768482000, ...extra })}.${SIG}`;

const userinfo = (url: string, iss: string, status = '401 Unauthorized') => `GET ${url} HTTP/1.1
Accept: application/json
Authorization: Bearer ${token(iss)}

HTTP/1.1 ${status}
WWW-Authenticate: Bearer error="invalid_token", error_description="The access token is invalid."
Content-Length: 0`;

export default defineCases({
  rule,
  invalid: [
    {
      name: "a custom authorization server's token at the Okta org server's userinfo",
      paste: userinfo(
        'https://northwind.okta.com/oauth2/v1/userinfo',
        'https://northwind.okta.com/oauth2/aus9k2x7QwErTy',
      ),
      expect: {
        cause: 'wrong_audience_or_issuer',
        severity: 'error',
        evidence: 'request.url',
        detail: ['`aus9k2x7QwErTy` custom authorization server', 'Okta org authorization server'],
        fix: [
          'https://northwind.okta.com/oauth2/aus9k2x7QwErTy/v1/userinfo',
          'Authorization: Bearer <YOUR_TOKEN>',
        ],
        minConfidence: 0.8,
      },
    },
    {
      name: "an org server token at the default custom server's userinfo",
      paste: userinfo(
        'https://northwind.oktapreview.com/oauth2/default/v1/userinfo',
        'https://northwind.oktapreview.com',
      ),
      expect: {
        severity: 'error',
        detail: ['Okta org authorization server', '`default` custom authorization server'],
        fix: ['https://northwind.oktapreview.com/oauth2/v1/userinfo'],
      },
    },
    {
      name: 'a custom server token at the Okta management API',
      paste: `curl -i https://northwind.okta.com/api/v1/users/me -H "Authorization: Bearer ${token('https://northwind.okta.com/oauth2/default')}"
HTTP/1.1 401 Unauthorized
Content-Type: application/json

{"errorCode":"E0000011","errorSummary":"Invalid token provided"}`,
      expect: { severity: 'error', fix: ['management API', 'accept only org authorization server tokens'] },
    },
    {
      name: "a Keycloak realm's token at another realm's userinfo",
      paste: userinfo(
        'https://sso.fenwick.io/realms/staff/protocol/openid-connect/userinfo',
        'https://sso.fenwick.io/realms/customers',
      ),
      expect: {
        severity: 'error',
        detail: ['`customers` realm', '`staff` realm'],
        fix: ['https://sso.fenwick.io/realms/customers/protocol/openid-connect/userinfo'],
      },
    },
    {
      name: 'legacy Keycloak paths under /auth',
      paste: userinfo(
        'https://id.fenwick.io/auth/realms/master/protocol/openid-connect/userinfo',
        'https://id.fenwick.io/auth/realms/shop',
      ),
      expect: { fix: ['https://id.fenwick.io/auth/realms/shop/protocol/openid-connect/userinfo'] },
    },
    {
      name: "one Auth0 tenant's token at another tenant",
      paste: userinfo('https://fenwick-prod.eu.auth0.com/userinfo', 'https://fenwick-dev.eu.auth0.com/'),
      expect: {
        detail: ['Auth0 tenant fenwick-dev.eu.auth0.com', 'Auth0 tenant fenwick-prod.eu.auth0.com'],
        fix: ['https://fenwick-dev.eu.auth0.com/userinfo'],
      },
    },
  ],
  valid: [
    {
      name: 'the custom server token at its own userinfo',
      paste: userinfo(
        'https://northwind.okta.com/oauth2/default/v1/userinfo',
        'https://northwind.okta.com/oauth2/default',
      ),
    },
    {
      name: 'an org server token at the org userinfo',
      paste: userinfo('https://northwind.okta.com/oauth2/v1/userinfo', 'https://northwind.okta.com'),
    },
    {
      name: 'the same Keycloak realm',
      paste: userinfo(
        'https://sso.fenwick.io/realms/customers/protocol/openid-connect/userinfo',
        'https://sso.fenwick.io/realms/customers',
      ),
    },
    {
      name: "a resource API on its own host (the audience rules' question)",
      paste: userinfo('https://api.fenwick.io/v2/orders', 'https://sso.fenwick.io/realms/customers'),
    },
    {
      name: 'a realm path on another host than the issuer',
      paste: userinfo(
        'https://sso-eu.fenwick.io/realms/staff/protocol/openid-connect/userinfo',
        'https://sso.fenwick.io/realms/customers',
      ),
    },
    {
      name: 'the call succeeded',
      paste: userinfo(
        'https://northwind.okta.com/oauth2/v1/userinfo',
        'https://northwind.okta.com/oauth2/default',
        '200 OK',
      ),
    },
  ],
});
