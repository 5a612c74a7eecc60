import { compilePacks, knowledgeWith } from '../../../src/providers/knowledge.js';
import rule from '../../../src/rules/basic-credentials-malformed.js';
import { defineCases } from '../../support/rule-cases.js';

const URL = 'https://api.acme.test/v2/orders';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const ATLASSIAN_TOKEN = `ATATT3xFfGF0${'aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'.repeat(3)}=ABCD1234`;

const packs = knowledgeWith(
  compilePacks(
    [
      {
        id: 'atlassian',
        name: 'Atlassian Cloud REST API',
        hosts: [{ host: '*.atlassian.net' }],
        auth: [
          {
            in: 'basic',
            credential: 'your account email and an API token',
            basicShape: 'email:api_token',
            formats: ['atlassian.api_token'],
            status: 'preferred',
          },
          { in: 'header', scheme: 'Bearer', credential: 'an OAuth 2.0 access token' },
        ],
        docs: [
          {
            title: 'Basic auth',
            url: 'https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/',
          },
        ],
      },
      {
        id: 'mailgun',
        name: 'Mailgun API',
        hosts: [{ host: 'api.mailgun.net' }],
        auth: [
          {
            in: 'basic',
            credential: 'the literal user `api` and your API key',
            basicShape: 'api:key',
            status: 'preferred',
          },
        ],
        docs: [
          {
            title: 'Authentication',
            url: 'https://documentation.mailgun.com/docs/mailgun/api-reference/authentication/',
          },
        ],
      },
      {
        id: 'stripe',
        name: 'Stripe API',
        hosts: [{ host: 'api.stripe.com' }],
        auth: [
          {
            in: 'basic',
            credential: 'a secret key',
            basicShape: 'api key as username, empty password',
            formats: ['stripe.secret_key_test', 'stripe.secret_key_live'],
            status: 'preferred',
          },
          {
            in: 'header',
            scheme: 'Bearer',
            credential: 'a secret key',
            formats: ['stripe.secret_key_test', 'stripe.secret_key_live'],
          },
        ],
        docs: [{ title: 'Authentication', url: 'https://docs.stripe.com/api/authentication' }],
      },
    ].map((pack) => ({ origin: 'test', pack })),
  ),
);

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a Basic header built with echo (the newline is encoded)',
      paste: `curl -H "Authorization: Basic ${b64('ci-bot@acme.test:hunter2-but-longer\n')}" ${URL}\nHTTP/1.1 401 Unauthorized\n`,
      expect: {
        cause: 'wrong_header_format',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['`ci-bot@acme.test:…` followed by a newline'],
        fix: ['echo -n', 'printf %s'],
        minConfidence: 0.9,
      },
    },
    {
      name: 'echo | base64 in the command substitution that builds the header',
      paste: `curl -H "Authorization: Basic $(echo "$ACME_USER:$ACME_PASS" | base64)" ${URL}`,
      expect: { severity: 'error', evidence: 'request.headers.authorization', detail: ['without `-n`'] },
    },
    {
      name: 'echo | base64 described in the question',
      paste:
        'I build the header like this:\n  AUTH=$(echo ":$AZURE_PAT" | base64)\n  curl -H "Authorization: Basic $AUTH" https://dev.azure.com/acme/_apis/projects\nand always get 401.',
      expect: { severity: 'error', detail: ['`echo … | base64` without `-n`'], fix: ['-u ":$TOKEN"'] },
    },
    {
      name: 'a here-string piped to base64',
      paste:
        'I encode the pair with\n  base64 <<< "svc:$SVC_PASSWORD"\nand send the output as Authorization: Basic … but get 401',
      expect: { detail: ['here-string'] },
    },
    {
      name: 'user:password sent without base64',
      paste: `curl -H "Authorization: Basic deploy:Tr0ub4dor-and-3" ${URL}`,
      expect: { severity: 'error', detail: ['`deploy:…` as plain text'], fix: ['-u username:password'] },
    },
    {
      name: 'encoded twice',
      paste: `curl -H "Authorization: Basic ${b64(b64('deploy:Tr0ub4dor-and-3'))}" ${URL}`,
      expect: { severity: 'error', detail: ['encoded twice'] },
    },
    {
      name: 'no colon in the decoded value',
      paste: `curl -H "Authorization: Basic ${b64('9f8e7d6c5b4a39281706f5e4d3c2b1a0')}" ${URL}`,
      expect: { severity: 'error', detail: ['no `:`'] },
    },
    {
      name: '-u given an already encoded pair',
      paste: `curl -u ${b64('deploy:Tr0ub4dor-and-3')} ${URL}`,
      expect: { severity: 'error', evidence: 'request.auth', detail: ['curl encodes `-u` itself'] },
    },
    {
      name: 'Atlassian wants the account email, not the user name',
      paste: `curl -u jdoe:${ATLASSIAN_TOKEN} https://acme.atlassian.net/rest/api/3/myself`,
      knowledge: packs,
      expect: {
        severity: 'error',
        detail: ['`jdoe`, not an email address', 'expects `-u <EMAIL>:<API_TOKEN>`'],
        fix: ["-u '<EMAIL>:<API_TOKEN>'", 'https://acme.atlassian.net/rest/api/3/myself'],
      },
    },
    {
      name: 'Mailgun wants the literal user api',
      paste:
        "curl -s --user 'key:0123456789abcdef0123456789abcdef-12345678-abcdef12' https://api.mailgun.net/v3/mg.acme.test/messages -F from=a@acme.test",
      knowledge: packs,
      expect: { detail: ['not the literal `api`'], fix: ['-u api:<KEY>'] },
    },
    {
      name: 'a Stripe key given as the password',
      paste: 'curl https://api.stripe.com/v1/charges -u :sk_test_51Hq3xYzAbCdEfGhIjKlMnOpQrStUv',
      knowledge: packs,
      expect: { severity: 'error', detail: ['takes the key as the username'], fix: ['<YOUR_STRIPE_KEY>:'] },
    },
    {
      name: 'echo | base64 of a single value, not tied to Basic (warning)',
      paste: 'I store it with: echo "$DEPLOY_TOKEN" | base64 > token.b64',
      expect: { severity: 'warning', detail: ['without `-n`'] },
    },
  ],
  valid: [
    {
      name: "an e-mail address where the provider's Basic shape names an account e-mail (a described user, not a literal one)",
      paste: `curl -u 'dev.ops@example.com:ATBB${'x7Kq9Lm2'.repeat(4)}' https://api.bitbucket.org/2.0/repositories/acme\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm="Bitbucket.org HTTP"\n`,
    },
    {
      name: 'a pair masked for the paste says nothing about its shape',
      paste: "curl -u '[...]:[...]' https://acme.atlassian.net/rest/api/3/myself\n401 Unauthorized",
      knowledge: packs,
    },
    {
      name: 'a correct Basic header',
      paste: `curl -H "Authorization: Basic ${b64('deploy:Tr0ub4dor-and-3')}" ${URL}`,
    },
    {
      name: 'echo -n | base64',
      paste: `curl -H "Authorization: Basic $(echo -n "$ACME_USER:$ACME_PASS" | base64)" ${URL}`,
    },
    {
      name: 'printf | base64',
      paste:
        'AUTH=$(printf %s ":$AZURE_PAT" | base64 -w0)\ncurl -H "Authorization: Basic $AUTH" https://dev.azure.com/acme/_apis/projects',
    },
    { name: 'decoding, not encoding', paste: 'echo "ZGVwbG95OnB3" | base64 -d' },
    { name: 'plain -u', paste: `curl -u deploy:Tr0ub4dor-and-3 ${URL}` },
    {
      name: 'Atlassian with the email',
      paste: `curl -u jdoe@acme.test:${ATLASSIAN_TOKEN} https://acme.atlassian.net/rest/api/3/myself`,
      knowledge: packs,
    },
    {
      name: 'Stripe key as the username',
      paste: 'curl https://api.stripe.com/v1/charges -u sk_test_51Hq3xYzAbCdEfGhIjKlMnOpQrStUv:',
      knowledge: packs,
    },
    { name: 'Bearer, not Basic', paste: `curl -H "Authorization: Bearer ${b64('not:basic')}" ${URL}` },
  ],
});
