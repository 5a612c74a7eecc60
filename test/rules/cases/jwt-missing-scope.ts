import { ProviderKnowledge } from '../../../src/providers/knowledge.js';
import { ProviderPackSchema } from '../../../src/providers/schema.js';
import rule from '../../../src/rules/jwt-missing-scope.js';
import { checksummedToken } from '../../support/credential-fakes.js';
import { fakeJwt } from '../../support/jwt-fakes.js';
import { defineCases } from '../../support/rule-cases.js';

const readOnly = fakeJwt({
  iss: 'https://id.example-crm.com/',
  aud: 'crm',
  scope: 'openid profile contacts:read',
});
const noScopes = fakeJwt({ iss: 'https://id.example-crm.com/', aud: 'crm', sub: 'svc' });
const graphToken = fakeJwt({ aud: 'https://graph.microsoft.com', scp: 'User.Read Files.ReadWrite.All' });
const pat = checksummedToken('ghp_');

const crm = new ProviderKnowledge([
  ProviderPackSchema.parse({
    id: 'example-crm',
    name: 'Example CRM API',
    hosts: [{ host: 'api.example-crm.com' }],
    auth: [{ in: 'header', scheme: 'Bearer', credential: 'an OAuth access token' }],
    scopes: [{ method: 'POST', path: '^/v1/contacts', scopes: ['contacts:write', 'admin:contacts'] }],
    docs: [{ title: 'Auth', url: 'https://docs.example-crm.com/auth' }],
  }),
]);

export default defineCases({
  rule,
  invalid: [
    {
      name: 'an insufficient_scope challenge names the missing scope',
      paste: `> DELETE /v1/contacts/42 HTTP/1.1\n> Host: api.example-crm.com\n> Authorization: Bearer ${readOnly}\n>\n< HTTP/1.1 403 Forbidden\n< WWW-Authenticate: Bearer error="insufficient_scope", scope="contacts:write"`,
      expect: {
        cause: 'insufficient_scope_or_permissions',
        severity: 'error',
        evidence: 'response.headers.www-authenticate',
        detail: ['needs `contacts:write`', '`contacts:read`'],
        fix: ['scope=openid contacts:write', 'Existing tokens never gain scopes'],
      },
    },
    {
      name: 'a token without any scope claim',
      paste: `curl -X DELETE -H "Authorization: Bearer ${noScopes}" https://api.example-crm.com/v1/contacts/42\nWWW-Authenticate: Bearer error="insufficient_scope", scope="contacts:write"`,
      expect: { severity: 'warning', detail: ['no scope or role claim'] },
    },
    {
      name: "a pack's scope requirement for the path",
      knowledge: crm,
      paste: `curl -X POST -H "Authorization: Bearer ${readOnly}" https://api.example-crm.com/v1/contacts -d '{"name":"Ada"}'`,
      expect: {
        severity: 'warning',
        detail: ['Example CRM API POST /v1/contacts', '`contacts:write` or `admin:contacts`'],
      },
    },
    {
      name: 'GitHub scope headers',
      paste: `> POST /repos/octo/app/hooks HTTP/1.1\n> Host: api.github.com\n> Authorization: Bearer ${pat}\n>\n< HTTP/1.1 404 Not Found\n< X-OAuth-Scopes: read:user, gist\n< X-Accepted-OAuth-Scopes: admin:repo_hook, write:repo_hook\n<\n{"message":"Not Found"}`,
      expect: {
        detail: ['`admin:repo_hook` or `write:repo_hook`', 'X-OAuth-Scopes'],
        fix: ['https://github.com/settings/tokens'],
      },
    },
  ],
  valid: [
    {
      name: 'the token has the scope',
      paste: `curl -H "Authorization: Bearer ${readOnly}" https://api.example-crm.com/v1/contacts\nWWW-Authenticate: Bearer error="insufficient_scope", scope="contacts:read"`,
    },
    {
      name: 'ReadWrite covers Read',
      paste: `curl -H "Authorization: Bearer ${graphToken}" https://graph.microsoft.com/v1.0/me/drive\nWWW-Authenticate: Bearer error="insufficient_scope", scope="https://graph.microsoft.com/Files.Read.All"`,
    },
    {
      name: 'an invalid_token challenge is not about scope',
      paste: `curl -H "Authorization: Bearer ${readOnly}" https://api.example-crm.com/v1/contacts\nWWW-Authenticate: Bearer error="invalid_token"`,
    },
    {
      name: 'admin covers write on GitHub',
      paste: `> POST /repos/octo/app/hooks HTTP/1.1\n> Host: api.github.com\n> Authorization: Bearer ${pat}\n>\n< HTTP/1.1 404 Not Found\n< X-OAuth-Scopes: admin:repo_hook\n< X-Accepted-OAuth-Scopes: write:repo_hook\n`,
    },
    {
      name: 'the pack requirement is met',
      knowledge: crm,
      paste: `curl -X POST -H "Authorization: Bearer ${fakeJwt({ scp: ['contacts:write'] })}" https://api.example-crm.com/v1/contacts -d '{}'`,
    },
  ],
});
