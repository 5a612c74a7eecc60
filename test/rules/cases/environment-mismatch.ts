import { compilePacks, ProviderKnowledge } from '../../../src/providers/knowledge.js';
import rule from '../../../src/rules/environment-mismatch.js';
import { defineCases } from '../../support/rule-cases.js';

const knowledge = new ProviderKnowledge(
  compilePacks([
    {
      origin: 'test:tollgate',
      pack: {
        id: 'tollgate',
        name: 'Tollgate Payments',
        hosts: [
          { host: 'api.tollgate.io', environment: 'production' },
          { host: 'api.sandbox-tollgate.io', environment: 'sandbox' },
        ],
        auth: [
          {
            in: 'header',
            scheme: 'Bearer',
            credential: 'a secret key',
            formats: ['tollgate.live', 'tollgate.test'],
          },
        ],
        credentialFormats: [
          {
            id: 'tollgate.live',
            name: 'Tollgate live secret key',
            pattern: 'tg_live_[a-z0-9]{24}',
            environment: 'live',
          },
          {
            id: 'tollgate.test',
            name: 'Tollgate test secret key',
            pattern: 'tg_test_[a-z0-9]{24}',
            environment: 'test',
          },
        ],
        docs: [{ title: 'Keys', url: 'https://docs.tollgate.io/keys' }],
      },
    },
    {
      origin: 'test:onehost',
      pack: {
        id: 'onehost',
        name: 'Onehost Billing',
        hosts: [{ host: 'api.onehost.dev' }],
        auth: [{ in: 'header', scheme: 'Bearer', credential: 'a key', formats: ['onehost.test'] }],
        credentialFormats: [
          {
            id: 'onehost.test',
            name: 'Onehost test key',
            pattern: 'oh_test_[a-z0-9]{24}',
            environment: 'test',
          },
        ],
        docs: [{ title: 'Keys', url: 'https://onehost.dev/keys' }],
      },
    },
  ]),
);

const LIVE = 'tg_live_4k2m9x7q1w3e5r8t0y6u2i4o';
const TEST = 'tg_test_4k2m9x7q1w3e5r8t0y6u2i4o';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a live key against the sandbox host',
      paste: `curl -H "Authorization: Bearer ${LIVE}" https://api.sandbox-tollgate.io/v1/charges
{"error":{"type":"authentication_error"},"status":401}`,
      knowledge,
      expect: {
        cause: 'wrong_environment',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['Tollgate live secret key', 'production credential', 'sandbox host of Tollgate Payments'],
        fix: [
          'https://api.tollgate.io/v1/charges',
          'Authorization: Bearer <YOUR_TOKEN>',
          'sandbox credential',
        ],
        minConfidence: 0.8,
      },
    },
    {
      name: 'a test key against the production host',
      paste: `curl -H "Authorization: Bearer ${TEST}" https://api.tollgate.io/v1/charges`,
      knowledge,
      expect: {
        severity: 'error',
        detail: ['test credential', 'production host'],
        fix: ['https://api.sandbox-tollgate.io/v1/charges'],
      },
    },
    {
      name: 'PHP config says live, the log shows a sandbox host (no pack)',
      paste: `PHP Fatal error:  Uncaught Payflow\\Exception\\ConnectionException: HTTP 401 returned by https://api.sandbox.payflow-gateway.com/v2/oauth/token
$config = [
    'mode' => 'live',
    'timeout' => 30,
];`,
      knowledge,
      expect: {
        severity: 'error',
        evidence: 'prose[0]',
        detail: ["'mode' => 'live'", 'sandbox host by its name'],
        fix: ['https://api.payflow-gateway.com/v2/oauth/token'],
      },
    },
    {
      name: 'an SDK enum picks the sandbox, the request went to production',
      paste: `const client = new Client({ environment: Environment.Sandbox, accessToken: process.env.TG_TOKEN });
Error: Request failed with status code 401 (POST https://api.tollgate.io/v1/payments)`,
      knowledge,
      expect: {
        severity: 'error',
        detail: ['Environment.Sandbox', 'production host of Tollgate Payments'],
        fix: ['https://api.sandbox-tollgate.io/v1/payments'],
      },
    },
    {
      name: 'a boolean flag: sandbox false, sandbox host in the URL',
      paste: `settings.yml:
  sandbox: false
requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.sandbox-tollgate.io/v1/balance`,
      knowledge,
      expect: { severity: 'error', detail: ['sandbox: false'] },
    },
    {
      name: 'the user says live keys; the host is a staging one',
      paste: `I'm using my live keys and still get 401 from https://api-staging.payflow-gateway.com/v2/charges`,
      knowledge,
      expect: { severity: 'warning', detail: ['you say', 'live keys', 'staging host'] },
    },
    {
      name: 'the user names the Sandbox client id; the request went to the live host',
      paste: `curl -s -u "$PP_CLIENT:$PP_SECRET" -d grant_type=client_credentials https://api-m.paypal.com/v1/oauth2/token
{"error":"invalid_client","error_description":"Client Authentication failed"}

I took my Sandbox client id and secret from the developer dashboard.`,
      expect: {
        cause: 'wrong_environment',
        severity: 'error',
        evidence: 'prose[0]',
        detail: ['api-m.paypal.com', 'Sandbox client id', 'production host'],
        fix: ['https://api-m.sandbox.paypal.com/v1/oauth2/token'],
        minConfidence: 0.6,
      },
    },
    {
      name: 'a token from the preview org, sent to the production org',
      paste: `GET https://northwind.okta.com/api/v1/users/me HTTP/1.1
Authorization: SSWS 00abcDEFghiJKLmnoPQRstuVWXyz0123456789abcd

HTTP/1.1 401 Unauthorized
Content-Type: application/json

{"errorCode":"E0000011","errorSummary":"Invalid token provided"}

The token was issued by our northwind-sbx.oktapreview.com org and it works there.`,
      expect: {
        severity: 'error',
        evidence: 'request.url',
        detail: ['northwind-sbx.oktapreview.com', 'sandbox host of'],
        fix: ['https://northwind.oktapreview.com/api/v1/users/me'],
      },
    },
    {
      name: 'the credential comes from the sandbox app (words after the noun)',
      paste: `const res = await fetch("https://api-m.paypal.com/v2/checkout/orders", { method: "POST", headers: { Authorization: \`Bearer \${accessToken}\` } });
// 401 Unauthorized
The access token was minted with the client credentials of our sandbox app.`,
      expect: { severity: 'error', detail: ['sandbox'] },
    },
    {
      name: 'live credentials against the sandbox host',
      paste: `curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials https://api-m.sandbox.paypal.com/v1/oauth2/token
{"error":"invalid_client","error_description":"Client Authentication failed"}

These are our live credentials, the ones the shop uses.`,
      expect: { severity: 'error', detail: ['live credentials', 'sandbox host'] },
    },
    {
      name: 'test keys in prose, the failing URL only in prose: a warning',
      paste: `my test keys keep getting a 401 from https://api-m.paypal.com/v2/invoicing/invoices, any idea?`,
      expect: { severity: 'warning', evidence: 'prose[0]', detail: ['test keys'] },
    },
    {
      name: 'a host known only by its labels: the user words give a warning, not an error',
      paste: `I am using our production API key here:

curl -H "Authorization: Bearer $KEY" https://api.staging.ledgerly.io/v1/accounts
HTTP/1.1 401 Unauthorized`,
      expect: { severity: 'warning', detail: ['production API key', 'staging host'] },
    },
  ],
  valid: [
    {
      name: 'a live key against the production host',
      paste: `curl -H "Authorization: Bearer ${LIVE}" https://api.tollgate.io/v1/charges\n{"status":401}`,
      knowledge,
    },
    {
      name: 'one host for both environments: the key decides, not the host',
      paste: `curl -H "Authorization: Bearer oh_test_4k2m9x7q1w3e5r8t0y6u2i4o" https://api.onehost.dev/v1/invoices\n{"status":401}`,
      knowledge,
    },
    {
      name: 'config and host agree',
      paste: `'mode' => 'sandbox'
Got Http response code 401 when accessing https://api.sandbox-tollgate.io/v1/oauth2/token.`,
      knowledge,
    },
    {
      name: "NODE_ENV is the app's environment, not the API's",
      paste: `NODE_ENV=production
Error: Request failed with status code 401 (GET https://api.sandbox-tollgate.io/v1/balance)`,
      knowledge,
    },
    {
      name: 'both environments configured: unclear which one ran',
      paste: `PAYFLOW_MODE=sandbox
PAYFLOW_LIVE_MODE=live
HTTP 401 returned by https://api.sandbox.payflow-gateway.com/v2/oauth/token`,
      knowledge,
    },
    {
      name: 'an IdP dev tenant name is not an environment',
      paste: `environment: 'production'
401 Unauthorized for url: https://dev-48213957.okta.com/oauth2/default/v1/userinfo`,
      knowledge,
    },
    {
      name: 'negated: not the sandbox credentials',
      paste: `curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials https://api-m.paypal.com/v1/oauth2/token
HTTP/2 401

These are not the sandbox credentials, I double-checked.`,
    },
    {
      name: 'a question about sandbox keys states nothing',
      paste: `curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials https://api-m.paypal.com/v1/oauth2/token
HTTP/2 401

Should I be using sandbox keys for this?`,
    },
    {
      name: 'the token fails on the preview org as well (not where it works)',
      paste: `GET https://northwind.okta.com/api/v1/users/me HTTP/1.1
Authorization: SSWS 00abcDEFghiJKLmnoPQRstuVWXyz0123456789abcd

HTTP/1.1 401 Unauthorized

The same token also fails on northwind.oktapreview.com.`,
    },
    {
      name: 'both environments named: unclear',
      paste: `curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials https://api-m.sandbox.paypal.com/v1/oauth2/token
HTTP/2 401

I tried both my sandbox and live credentials.`,
    },
    {
      name: "another provider's preview host says nothing about this API",
      paste: `curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials https://api-m.paypal.com/v1/oauth2/token
HTTP/2 401

Our SSO token comes from the acme.oktapreview.com org.`,
    },
    {
      name: 'the user moved the request to production and says so',
      paste: `curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials https://api-m.paypal.com/v1/oauth2/token
HTTP/2 401

We switched the base URL to production yesterday.`,
    },
    {
      name: '"test" as a verb',
      paste: `curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials https://api-m.paypal.com/v1/oauth2/token
HTTP/2 401

I wanted to test credentials rotation.`,
    },
  ],
});
