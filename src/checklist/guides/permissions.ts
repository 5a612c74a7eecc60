import { authReference, type GuideBuilder, links } from './shared.js';

export const permissions: GuideBuilder = (ctx) => ({
  why: 'A 401 means the server does not know who you are; a 403 means it knows and says no. With a 403, or a 401 that names a scope, the credential works but lacks permission for this call.',
  check: [
    'Read the status: 401 points at the credential itself, 403 at what it is allowed to do.',
    'Compare the scopes or permissions granted to the token with what this endpoint needs.',
    'Check the role of the user, app or service account in this organization or project.',
    'With SSO, make sure the token is authorized for that organization.',
  ],
  howTo: [
    {
      title: 'Scopes and roles',
      steps: [
        'Read the error body and the `WWW-Authenticate` header: `error="insufficient_scope"` and a `scope=` list name what is missing.',
        "Some APIs list the token's scopes in a response header (GitHub: `X-OAuth-Scopes`); compare them with the endpoint's docs.",
        'Add the missing scope and issue a new token: existing tokens do not gain scopes.',
        "Check the user's or app's role in the organization, project or workspace; fine-grained tokens only reach the resources chosen when they were created.",
      ],
    },
    {
      title: 'SSO and organization policies',
      steps: [
        'Organizations with SAML SSO may require each token to be authorized for them (on GitHub: Configure SSO next to the token).',
        'An admin may have to approve an OAuth app or install a GitHub App before it can see the organization.',
        'Conditional access or IP policies can block a valid token; the error usually says so.',
      ],
    },
    {
      title: 'Account state',
      steps: [
        "A disabled API, an ended trial or an unpaid bill can surface as 401 or 403; check the account's billing and API settings.",
      ],
    },
  ],
  links: links(
    authReference(ctx),
    { label: 'RFC 9110: 401 Unauthorized', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2' },
    { label: 'RFC 9110: 403 Forbidden', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4' },
    { label: 'RFC 6750: insufficient_scope', url: 'https://www.rfc-editor.org/rfc/rfc6750#section-3.1' },
  ),
});
