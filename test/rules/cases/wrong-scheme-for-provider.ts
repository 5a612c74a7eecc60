import { compilePacks, knowledgeWith } from '../../../src/providers/knowledge.js';
import rule from '../../../src/rules/wrong-scheme-for-provider.js';
import { defineCases } from '../../support/rule-cases.js';

/** A GitHub App JWT (RS256, iss = the App ID). */
const APP_JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3Njg0NzgzNDAsImV4cCI6MTc2ODQ3ODk0MCwiaXNzIjoiMTIzNDU2NyJ9.QQQQQQQQQQx9Kq2Lm7Zp4Rt8Vw1Yb5Nc3Hd6Jf0Gs2Ua8Ek4Ti7Oy1Pr5Wq9Xz3Bv6Cn0Mh2Dj8Fl4Gk7Hs1Ja5Qe9Rw3Ty6Ui0Op2As8Df4Gh7Jk1Lz5Xc9Vb3Nm6Qw0Er2Ty8Ui4Op7As1Df5Gh9Jk3Lz6Xc0Vb2Nm8Qw4Er7Ty1Ui5Op9As3Df6Gh0Jk2Lz8Xc4Vb7Nm1Qw5Er9Ty3Ui6Op0As2Df8Gh4Jk7Lz1Xc5Vb9Nm3Qw6Er0Ty2Ui8Op4As7Df1Gh5Jk9Lz3Xc6Vb0Nm2Qw8Er4Ty7Ui1Op5As9Df3Gh6Jk0Lz2Xc8Vb4Nm7Qw1Er5Ty9Ui3Op6As0Df2Gh8Jk4Lz7Xc1Vb5Nm9Qw3Er6Ty0Ui2Op8As4Df7Gh1Jk5Lz9Xc3Vb6Nm0Qw2Er8Ty4Ui7Op1As5Df9Gh3Jk6Lz0Xc2Vb8Nm4Qw7Er1Ty5Ui9Op3As6Df0Gh2Jk8Lz4Xc7Vb1Nm5';
const PAT = 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';
const DISCORD_BOT = 'MTA5ODc2NTQzMjEwOTg3NjU0.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456';
const OKTA_TOKEN = '00aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789-_aB';
const OPENAI_KEY = 'sk-proj-aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789aBcDeFgHiJkLmNoPqRsTuVwXyZ01234567';

const packs = knowledgeWith(
  compilePacks(
    [
      {
        id: 'github',
        name: 'GitHub REST API',
        hosts: [{ host: 'api.github.com' }],
        auth: [
          { in: 'header', scheme: 'Bearer', credential: 'a token or GitHub App JWT', status: 'preferred' },
          { in: 'header', scheme: 'token', credential: 'a personal access or OAuth token (legacy spelling)' },
          {
            in: 'header',
            scheme: 'token',
            credential: 'a GitHub App JWT',
            formats: ['generic.jwt'],
            status: 'rejected',
            note: 'GitHub App JWTs must be sent with Bearer',
          },
        ],
        docs: [
          {
            title: 'Authenticating as a GitHub App',
            url: 'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-as-a-github-app',
          },
        ],
      },
      {
        id: 'okta',
        name: 'Okta Management API',
        hosts: [{ host: '*.okta.com' }],
        auth: [
          {
            in: 'header',
            scheme: 'SSWS',
            credential: 'an API token',
            formats: ['okta.api_token'],
            status: 'preferred',
          },
          { in: 'header', scheme: 'Bearer', credential: 'an OAuth 2.0 access token' },
        ],
        docs: [
          { title: 'API tokens', url: 'https://developer.okta.com/docs/guides/create-an-api-token/main/' },
        ],
      },
      {
        id: 'mailgun',
        name: 'Mailgun API',
        hosts: [{ host: 'api.mailgun.net' }],
        auth: [
          {
            in: 'basic',
            credential: 'user api and your API key',
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
        id: 'openai',
        name: 'OpenAI API',
        hosts: [{ host: 'api.openai.com' }],
        auth: [
          {
            in: 'header',
            scheme: 'Bearer',
            credential: 'an API key',
            formats: ['openai.project_key', 'openai.legacy_key'],
            status: 'preferred',
          },
        ],
        docs: [
          { title: 'Authentication', url: 'https://platform.openai.com/docs/api-reference/authentication' },
        ],
      },
    ].map((pack) => ({ origin: 'test', pack })),
  ),
);

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a GitHub App JWT with the legacy token scheme',
      paste: `curl -H "Authorization: token ${APP_JWT}" -H "Accept: application/vnd.github+json" https://api.github.com/app/installations\n{"message":"A JSON web token could not be decoded","status":"401"}`,
      knowledge: packs,
      expect: {
        cause: 'wrong_header_format',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: [
          'scheme `token`',
          'does not accept `token` for this kind of credential',
          'must be sent with Bearer',
        ],
        fix: ["curl -H 'Authorization: Bearer <YOUR_GITHUB_TOKEN>'"],
      },
    },
    {
      name: 'a Discord bot token sent as Bearer (no pack needed)',
      paste: `curl -H "Authorization: Bearer ${DISCORD_BOT}" https://discord.com/api/v10/users/@me`,
      expect: {
        severity: 'error',
        detail: ['Discord', '`Authorization: Bot <token>`'],
        fix: ['Authorization: Bot <YOUR_TOKEN>'],
      },
    },
    {
      name: 'an Okta API token sent as Bearer',
      paste: `curl -H "Authorization: Bearer ${OKTA_TOKEN}" https://acme.okta.com/api/v1/users\nHTTP/1.1 401 Unauthorized\n`,
      knowledge: packs,
      expect: { severity: 'error', detail: ['Okta', 'SSWS'], fix: ['Authorization: SSWS <YOUR_TOKEN>'] },
    },
    {
      name: 'an OpenAI key sent as Basic',
      paste: `curl https://api.openai.com/v1/models -u ${OPENAI_KEY}:`,
      knowledge: packs,
      expect: {
        severity: 'error',
        evidence: 'request.auth',
        detail: ['scheme `Basic`', 'takes this kind of credential as'],
        fix: ['Authorization: Bearer <YOUR_OPENAI_TOKEN>'],
      },
    },
    {
      name: 'Bearer to a Basic-only API',
      paste:
        'curl -H "Authorization: Bearer 0123456789abcdef0123456789abcdef-12345678-abcdef12" https://api.mailgun.net/v3/domains',
      knowledge: packs,
      expect: { severity: 'warning', detail: ['Mailgun API documents Basic'], fix: ["-u 'api:<KEY>'"] },
    },
    {
      name: 'Basic credentials under the Bearer scheme',
      paste: `curl -H "Authorization: Bearer ${Buffer.from('deploy:Tr0ub4dor-and-3').toString('base64')}" https://api.acme.test/v2/orders`,
      expect: {
        severity: 'warning',
        detail: ['decodes to `username:password`'],
        fix: ['Authorization: Basic'],
      },
    },
    {
      name: "the server's challenge asks for another scheme",
      paste:
        '$ curl -i -H "Authorization: Token 9f8e7d6c5b4a39281706f5e4d3c2b1a0" https://registry.acme.test/v2/\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm="https://auth.acme.test/token",service="registry"\n\n',
      expect: { severity: 'warning', detail: ['asks for `Bearer`'], fix: ['Authorization: Bearer'] },
    },
    {
      name: 'a Discord bot token sent to a host no pack knows (a proxy?): only a warning',
      paste: `curl -H "Authorization: Bearer ${DISCORD_BOT}" https://bots.acme.test/api/v10/users/@me`,
      expect: { severity: 'warning', detail: ['Bot'] },
    },
  ],
  valid: [
    {
      name: 'a GitHub PAT with the legacy token scheme',
      paste: `curl -H "Authorization: token ${PAT}" https://api.github.com/user`,
      knowledge: packs,
    },
    {
      name: 'a GitHub App JWT with Bearer',
      paste: `curl -H "Authorization: Bearer ${APP_JWT}" https://api.github.com/app`,
      knowledge: packs,
    },
    {
      name: 'a Discord bot token with Bot',
      paste: `curl -H "Authorization: Bot ${DISCORD_BOT}" https://discord.com/api/v10/users/@me`,
    },
    {
      name: 'an Okta token with SSWS',
      paste: `curl -H "Authorization: SSWS ${OKTA_TOKEN}" https://acme.okta.com/api/v1/users`,
      knowledge: packs,
    },
    {
      name: 'an unknown API with its own scheme',
      paste:
        'curl -H "Authorization: Token 9f8e7d6c5b4a39281706f5e4d3c2b1a0" https://api.acme.test/v2/orders',
    },
    {
      name: 'the challenge names the scheme that was sent',
      paste:
        '$ curl -i -H "Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0" https://api.acme.test/v2/orders\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"\n\n',
    },
    {
      name: 'a placeholder (another rule)',
      paste: 'curl -H "Authorization: Bearer <token>" https://api.mailgun.net/v3/domains',
      knowledge: packs,
    },
  ],
});
