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
  ],
});
