import { ProviderKnowledge } from '../../../src/providers/knowledge.js';
import { ProviderPackSchema } from '../../../src/providers/schema.js';
import rule from '../../../src/rules/jwt-issuer-environment.js';
import { fakeJwt } from '../../support/jwt-fakes.js';
import { defineCases } from '../../support/rule-cases.js';

const stagingToken = fakeJwt({
  iss: 'https://auth.staging.tailwind-trade.com/',
  aud: 'orders',
  sub: 'u-5',
  scope: 'orders',
});
const prodToken = fakeJwt({ iss: 'https://auth.tailwind-trade.com/', aud: 'orders', sub: 'u-5' });
const realmToken = fakeJwt({
  iss: 'https://sso.tailwind-trade.com/realms/shop-dev',
  aud: 'account',
  typ: 'Bearer',
});
const localToken = fakeJwt({ iss: 'http://localhost:8080/realms/demo', aud: 'account' });
const auth0DevTenant = fakeJwt({
  iss: 'https://dev-x7k2m9.us.auth0.com/',
  aud: 'https://api.tailwind-trade.com',
});

/** A team pack that names its issuers and hosts per environment. */
const acme = new ProviderKnowledge([
  ProviderPackSchema.parse({
    id: 'acme',
    name: 'Acme API',
    hosts: [{ host: 'api.acme.test-cloud.net' }, { host: 'api.acme-preview.net', environment: 'sandbox' }],
    auth: [{ in: 'header', scheme: 'Bearer', credential: 'an Acme access token' }],
    issuers: [
      { match: '^https://id\\.acme-preview\\.net', environment: 'sandbox' },
      { match: '^https://id\\.acme\\.net', environment: 'production' },
    ],
    docs: [{ title: 'Acme auth', url: 'https://docs.acme.net/auth' }],
  }),
]);

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a staging token sent to the production API of the same company',
      paste: `curl -H "Authorization: Bearer ${stagingToken}" https://api.tailwind-trade.com/v1/orders`,
      expect: {
        cause: 'wrong_environment',
        severity: 'warning',
        evidence: 'request.headers.authorization',
        detail: ['`https://auth.staging.tailwind-trade.com/`', 'a staging issuer', 'api.tailwind-trade.com'],
        fix: ['production identity provider'],
        minConfidence: 0.6,
      },
    },
    {
      name: 'a production token against the staging API',
      paste: `curl -H "Authorization: Bearer ${prodToken}" https://api.staging.tailwind-trade.com/v1/orders`,
      expect: { detail: ['a production (unlabelled) issuer', 'a staging host'] },
    },
    {
      name: 'a dev realm against production, and the server rejects the issuer',
      paste: `curl -H "Authorization: Bearer ${realmToken}" https://api.tailwind-trade.com/v1/orders\n{"error":"invalid_token","error_description":"Invalid issuer"}`,
      expect: { severity: 'error', detail: ['a development issuer', "server's answer"] },
    },
    {
      name: 'a token from a local Keycloak sent to a deployed API',
      paste: `curl -H "Authorization: Bearer ${localToken}" https://api.tailwind-trade.com/v1/orders`,
      expect: { detail: ['a local identity provider'] },
    },
    {
      name: 'pack issuers and hosts with environments',
      knowledge: acme,
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ iss: 'https://id.acme-preview.net/' })}" https://api.acme.test-cloud.net/v2/items`,
      expect: {
        severity: 'error',
        detail: ['a sandbox issuer (from the provider data)', 'a production host (from the provider data)'],
      },
    },
  ],
  valid: [
    {
      name: 'staging token to the staging API',
      paste: `curl -H "Authorization: Bearer ${stagingToken}" https://api.staging.tailwind-trade.com/v1/orders`,
    },
    {
      name: 'production token to the production API',
      paste: `curl -H "Authorization: Bearer ${prodToken}" https://api.tailwind-trade.com/v1/orders`,
    },
    {
      name: 'an Auth0 tenant named dev-… is not a dev environment',
      paste: `curl -H "Authorization: Bearer ${auth0DevTenant}" https://api.tailwind-trade.com/v1/orders`,
    },
    {
      name: 'a real IdP and a local API',
      paste: `curl -H "Authorization: Bearer ${prodToken}" http://localhost:3000/v1/orders`,
    },
    {
      name: 'unrelated domains say nothing',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ iss: 'https://login.contoso.com/' })}" https://api.dev-tools-hub.io/v1/items`,
    },
    { name: 'only pasted, not sent', paste: `TOKEN=${stagingToken}\nAPI=https://api.tailwind-trade.com` },
  ],
});
