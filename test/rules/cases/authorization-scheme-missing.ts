import { compilePacks, ProviderKnowledge } from '../../../src/providers/knowledge.js';
import rule from '../../../src/rules/authorization-scheme-missing.js';
import { defineCases } from '../../support/rule-cases.js';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NSIsImV4cCI6MjUwMDAwMDAwMH0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2ln';

/** An API whose raw-token method is only for its own key format: a JWT without a scheme is still wrong there. */
const rawForKeysOnly = new ProviderKnowledge(
  compilePacks([
    {
      origin: 'test:quill',
      pack: {
        id: 'quill',
        name: 'Quill API',
        hosts: [{ host: 'api.quill.test' }],
        auth: [
          { in: 'header', scheme: 'Bearer', credential: 'an OAuth access token', status: 'preferred' },
          {
            in: 'header',
            credential: 'a Quill key, bare',
            formats: ['quill.key'],
            status: 'accepted',
          },
        ],
        credentialFormats: [{ id: 'quill.key', name: 'Quill key', pattern: 'qk_[a-z0-9]{24}' }],
        docs: [{ title: 'Auth', url: 'https://api.quill.test/docs' }],
      },
    },
  ]),
);

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a bare JWT in the Authorization header',
      paste: `curl -H "Authorization: ${JWT}" http://localhost:3000/api/auth/me`,
      expect: {
        cause: 'wrong_header_format',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['no scheme'],
        fix: ['Authorization: Bearer <YOUR_TOKEN>', 'http://localhost:3000/api/auth/me'],
      },
    },
    {
      name: 'the scheme a GitHub token needs is named',
      paste: 'curl -H "Authorization: ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789" https://api.github.com/user',
      expect: { fix: ['Authorization: Bearer <YOUR_TOKEN>', 'https://api.github.com/user'] },
    },
    {
      name: 'a bare Discord bot token needs Bot, not Bearer',
      paste:
        'curl -H "Authorization: MTA5ODc2NTQzMjEwOTg3NjU0.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456" https://discord.com/api/v10/users/@me',
      expect: { detail: ['`Authorization: Bot <TOKEN>`'], fix: ['Authorization: Bot <YOUR_TOKEN>'] },
    },
    {
      name: 'a bare base64 user:password pair needs Basic',
      paste: `curl -H "Authorization: ${Buffer.from('deploy:Tr0ub4dor-and-3').toString('base64')}" https://ci.acme.test/api/json`,
      expect: { detail: ['`Authorization: Basic <BASE64>`'], fix: ['Authorization: Basic <YOUR_BASE64>'] },
    },
    {
      name: 'API Gateway documents the bare token (Cognito authorizer): only an info',
      paste: `curl -i https://k3m9x2p7q1.execute-api.eu-west-1.amazonaws.com/prod/trips -H "Authorization: ${JWT}"
HTTP/2 401
x-amzn-errortype: UnauthorizedException

{"message":"Unauthorized"}`,
      expect: {
        severity: 'info',
        detail: ['documents exactly that', 'Cognito'],
        fix: ['Keep the bare token', 'Authorization: Bearer <YOUR_TOKEN>'],
      },
    },
    {
      name: 'a raw-token method for another format does not excuse a bare JWT',
      paste: `curl -H "Authorization: ${JWT}" https://api.quill.test/v1/docs`,
      knowledge: rawForKeysOnly,
      expect: { severity: 'error', fix: ['Authorization: Bearer <YOUR_TOKEN>'] },
    },
    {
      name: 'seen on the wire in a raw request',
      paste: `GET /api/auth/me HTTP/1.1\nHost: localhost:3000\nAuthorization: ${JWT}\n\nHTTP/1.1 401 Unauthorized\n`,
      expect: { severity: 'error', evidence: 'request.headers.authorization' },
    },
  ],
  valid: [
    {
      name: 'the header comes from a command whose output may hold the scheme',
      paste:
        'curl -H "Authorization: $(cat ~/.api_token)" https://api.example.com/v3/apps\n< HTTP/1.1 401 Unauthorized',
    },
    {
      name: 'a placeholder without a scheme (placeholder-credential)',
      paste: 'curl -H "Authorization: YOUR_API_KEY" https://api.acme.test/v2/orders',
    },
    {
      name: 'a known scheme word with its token',
      paste: `curl -H "Authorization: token ${JWT}" https://api.acme.test/v2/orders`,
    },
    { name: 'a Bearer token', paste: `curl -H "Authorization: Bearer ${JWT}" https://api.example.com/me` },
    { name: 'an API key in its own header', paste: `curl -H "X-API-Key: ${JWT}" https://api.example.com/me` },
    { name: 'no request at all', paste: `the token is ${JWT}` },
  ],
});
