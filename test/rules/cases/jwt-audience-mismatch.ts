import rule from '../../../src/rules/jwt-audience-mismatch.js';
import { at, fakeJwt } from '../../support/jwt-fakes.js';
import { defineCases } from '../../support/rule-cases.js';

const tenant = '3f1c2b7e-8d4a-4c61-9b0e-5a7d2e9c4f10';
const graphToken = fakeJwt({
  aud: '00000003-0000-0000-c000-000000000000',
  iss: `https://sts.windows.net/${tenant}/`,
  scp: 'User.Read openid profile',
  appid: 'b8e2d6a4-1c3f-4e5a-9d7b-2f6c8a0e4b13',
  exp: at('2026-01-15T13:00:00Z'),
});
const userinfoOnly = fakeJwt({
  iss: 'https://login.contoso-books.com/',
  aud: 'https://login.contoso-books.com/userinfo',
  scope: 'openid profile',
  exp: at('2026-01-15T13:00:00Z'),
});
const clientOnly = fakeJwt({
  iss: 'https://sso.example.org/realms/main',
  aud: 'web-portal',
  azp: 'web-portal',
  sub: 'u1',
});
const ordersToken = fakeJwt({
  iss: 'https://auth.northwind-ops.com/',
  aud: 'https://orders.northwind-ops.com',
  scope: 'orders:read',
});

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a Microsoft Graph token sent to your own API',
      paste: `curl -H "Authorization: Bearer ${graphToken}" https://api.fabrikam-tickets.com/tickets\nHTTP/1.1 401 Unauthorized`,
      expect: {
        cause: 'wrong_audience_or_issuer',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['Microsoft Graph', 'api.fabrikam-tickets.com', '`00000003-0000-0000-c000-000000000000`'],
        fix: ['api://<api-client-id>/.default', 'audience'],
      },
    },
    {
      name: 'a token only good for /userinfo',
      paste: `fetch("https://api.contoso-books.com/v1/loans", { headers: { Authorization: "Bearer ${userinfoOnly}" } })`,
      expect: { severity: 'error', detail: ['/userinfo'] },
    },
    {
      name: 'aud is the client app itself',
      paste: `curl -H "Authorization: Bearer ${clientOnly}" https://reports.example.org/api/summary`,
      expect: { severity: 'warning', detail: ['`azp`', 'client itself'] },
    },
    {
      name: 'a URL audience for another host, and the server says so',
      paste: `curl -H "Authorization: Bearer ${ordersToken}" https://billing.contoso-pay.com/v1/invoices\n{"message":"jwt audience invalid. expected: https://billing.contoso-pay.com"}`,
      expect: {
        severity: 'error',
        detail: ['`https://orders.northwind-ops.com`', "server's answer"],
        minConfidence: 0.8,
      },
    },
    {
      name: 'a URL audience for another host, nothing else known',
      paste: `curl -H "Authorization: Bearer ${ordersToken}" https://billing.contoso-pay.com/v1/invoices`,
      expect: { severity: 'warning', detail: ['does not name billing.contoso-pay.com'] },
    },
    {
      name: 'aud is a client ID and the token has no scopes',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ iss: 'https://tenant-7.eu.auth0.com/', aud: 'Xq3vT9mK2pL8wR4nB6cY1dF5gH7jZ0aE', sub: 'auth0|42' })}" https://api.contoso-books.com/v1/loans`,
      expect: { severity: 'warning', detail: ["looks like an application's client ID"] },
    },
  ],
  valid: [
    {
      name: 'aud names the host',
      paste: `curl -H "Authorization: Bearer ${ordersToken}" https://orders.northwind-ops.com/v2/list`,
    },
    {
      name: 'aud names the parent domain',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ aud: 'https://northwind-ops.com' })}" https://api.northwind-ops.com/v2/list`,
    },
    {
      name: 'a GUID audience on a token with scopes (an Entra ID access token for your API)',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ aud: '6e7a1b2c-3d4e-4f50-8a9b-0c1d2e3f4a5b', scp: 'Loans.Read' })}" https://api.contoso-books.com/v1/loans`,
    },
    {
      name: 'a logical audience name',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ aud: 'orders-api', scope: 'read' })}" https://api.northwind-ops.com/v2/list`,
    },
    {
      name: 'a URL audience while calling localhost',
      paste: `curl -H "Authorization: Bearer ${ordersToken}" http://localhost:8080/v2/list`,
    },
    {
      name: 'a Graph token sent to Graph',
      paste: `curl -H "Authorization: Bearer ${graphToken}" https://graph.microsoft.com/v1.0/me`,
    },
    {
      name: 'an ID token (another rule)',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ aud: 'web-portal', azp: 'web-portal', nonce: 'n-1' })}" https://reports.example.org/api/summary`,
    },
    {
      name: 'the request succeeded',
      paste: `curl -i -H "Authorization: Bearer ${ordersToken}" https://billing.contoso-pay.com/v1/invoices\nHTTP/1.1 200 OK\n\n[]`,
    },
  ],
});
