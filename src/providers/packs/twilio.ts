import type { ProviderPackInput } from '../schema.js';

const IAM_DOCS = 'https://www.twilio.com/docs/iam/api';
const REQUEST_DOCS = 'https://www.twilio.com/docs/usage/your-request-to-twilio';

export const twilio = {
  id: 'twilio',
  name: 'Twilio REST API',
  hosts: [
    { host: 'api.twilio.com', basePath: '/2010-04-01' },
    { host: '*.twilio.com', note: 'product APIs (verify, messaging, conversations, …) and regional edges' },
  ],
  auth: [
    {
      in: 'basic',
      credential: 'Account SID (AC…) and Auth Token',
      basicShape: 'account_sid:auth_token',
      formats: ['twilio.account_sid', 'twilio.auth_token'],
      status: 'preferred',
    },
    {
      in: 'basic',
      credential: 'API key SID (SK…) and API key secret; the Account SID stays in the URL path',
      basicShape: 'api_key_sid:api_key_secret',
      formats: ['twilio.api_key_sid', 'twilio.auth_token'],
      status: 'accepted',
      note: 'API keys belong to one Twilio region; restricted keys only reach the resources they were given.',
    },
  ],
  errors: [
    {
      id: 'authenticate-20003',
      situation:
        'any credential problem: wrong SID/token pair, test credentials, subaccount credentials, deleted key, suspended account',
      match: String.raw`"code"\s*:\s*20003\b|twilio\.com/docs/(?:api/)?errors/20003\b|Error code 20003\b|\bcode: 20003\b|(?:\[HTTP 401\]|HTTP 401 error:) Unable to [a-z]{3,10} (?:record|page): Authenticate`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'Twilio did not accept the credentials (error 20003, "Authenticate"). Common reasons: the SID and token are from different accounts, test credentials on live resources, subaccount credentials on the parent account, a deleted Auth Token or API key, extra spaces, a suspended account, or an API key from another region.',
      fix: [
        'Check the pair with `curl -u "$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN" https://api.twilio.com/2010-04-01/Accounts/$TWILIO_ACCOUNT_SID.json`.',
        'With an API key, use SK… as the username, its secret as the password, and keep AC… in the URL.',
      ],
      docs: ['https://www.twilio.com/docs/api/errors/20003', REQUEST_DOCS],
    },
    {
      id: 'test-credentials-20008',
      situation: 'test credentials used on a resource only live credentials can access',
      match: String.raw`"code"\s*:\s*20008\b|errors/20008\b|Resource not accessible with Test Account Credentials`,
      status: [403],
      cause: 'wrong_environment',
      confidence: 0.85,
      explain:
        'Test credentials only work with a few endpoints (sending test messages and calls, buying test numbers); this resource needs live credentials.',
      fix: ['Use the live Account SID and Auth Token (or an API key) for this call.'],
      docs: ['https://www.twilio.com/docs/api/errors/20008'],
    },
    {
      id: 'authorization-failed-70051',
      situation: 'a restricted API key without the permission, or a suspended key or account',
      match: String.raw`"code"\s*:\s*70051\b|errors/70051\b`,
      status: [401, 403],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Twilio could not authorize the request: a restricted API key lacks the permission for this resource (or it is not supported for restricted keys), or the key or account was not found or is suspended.',
      fix: [
        'Add the missing permission to the restricted key, or use a Standard API key.',
        'Check the key and account are active and belong together.',
      ],
      docs: [
        'https://www.twilio.com/docs/api/errors/70051',
        'https://www.twilio.com/docs/iam/api-keys/restricted-api-keys',
      ],
    },
  ],
  docs: [
    { title: 'API keys and authentication', url: IAM_DOCS },
    { title: 'Your request to Twilio', url: REQUEST_DOCS },
    { title: 'Error 20003', url: 'https://www.twilio.com/docs/api/errors/20003' },
    { title: 'Error 70051', url: 'https://www.twilio.com/docs/api/errors/70051' },
  ],
  pitfalls: [
    'Error 20003 covers: wrong SID/token pair, test credentials on live resources, subaccount credentials on the parent account, deleted token or API key, suspended account, stray spaces, proxies stripping the header, JWTs signed with the Auth Token instead of an API key, and API keys from another Twilio region.',
    'When authenticating with an API key (SK…), the Account SID (AC…) still appears in the URL path.',
    'Rotating the primary Auth Token immediately breaks every integration still using the old one.',
  ],
  rotate: {
    url: 'https://console.twilio.com/',
    steps: [
      'API keys: in the Console open Account › API keys & tokens, create a new key, update your app, then delete the old key.',
      'Auth Token: on the same page create a secondary Auth Token, update your app, then promote it to primary; the old token stops working.',
      'Check the account logs for activity you do not recognise.',
    ],
  },
} satisfies ProviderPackInput;
