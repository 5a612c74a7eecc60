import type { ProviderPackInput } from '../schema.js';

const PAT_DOC =
  'https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate';
const REST_DOC = 'https://learn.microsoft.com/en-us/rest/api/azure/devops/';
const SUPPRESS_REDIRECT_PR = 'https://github.com/Azure/azure-sdk-for-cpp/pull/6019';

export const azureDevops = {
  id: 'azure-devops',
  name: 'Azure DevOps Services REST API',
  hosts: [
    { host: 'dev.azure.com', note: 'https://dev.azure.com/<organization>/<project>/_apis/…' },
    {
      host: '*.dev.azure.com',
      note: 'service hosts: vssps, vsrm, feeds, pkgs, almsearch, status (…dev.azure.com/<organization>)',
    },
    { host: '*.visualstudio.com', note: 'legacy organization URLs (<organization>.visualstudio.com)' },
  ],
  auth: [
    {
      in: 'basic',
      credential: 'a personal access token as the password, with an empty (or any) username',
      basicShape: ':personal_access_token — base64 of a colon followed by the PAT, with no trailing newline',
      status: 'preferred',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential:
        'a Microsoft Entra ID access token for Azure DevOps (resource 499b84ac-1321-427f-aa17-267ca6975798), or $(System.AccessToken) in pipelines',
      status: 'accepted',
    },
  ],
  headerNames: [
    'x-tfs-fedauthredirect',
    'x-vss-forcemsapassthrough',
    'x-tfs-processid',
    'x-tfs-session',
    'x-vss-e2eid',
    'x-tfs-fedauthrealm',
    'x-tfs-fedauthissuer',
    'x-vss-resourcetenant',
    'x-tfs-serviceerror',
  ],
  errors: [
    {
      id: 'anonymous-access',
      situation: 'no credentials Azure DevOps recognised reached it',
      // The body or the X-TFS-ServiceError header (URL-encoded with + for spaces).
      match: 'TF400813(?::|%3a)[ +]Resource[ +]not[ +]available[ +]for[ +]anonymous[ +]access',
      status: [401],
      cause: 'missing_credentials',
      confidence: 0.85,
      explain:
        'Azure DevOps treated the request as anonymous: no Authorization header, or one it could not read — the PAT sent as `Basic <PAT>` without the leading colon and base64, a Bearer header holding a PAT base64 string, or a header lost on a redirect.',
      fix: [
        'Send the PAT as Basic with an empty user: `curl -u :<PAT> https://dev.azure.com/<org>/_apis/projects?api-version=7.1`, or build the header with `printf \':%s\' "$PAT" | base64` (no newline).',
      ],
      docs: [PAT_DOC],
    },
    {
      id: 'user-not-authorized',
      situation: 'the identity Azure DevOps resolved has no access to this organization or resource',
      match: String.raw`TF400813: The user '[^'\n]{0,200}' is not authorized to access this resource`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.65,
      explain:
        'Azure DevOps read a credential but will not let that identity in here. An empty user or the all-a GUID (aaaaaaaa-aaaa-…) means the token itself was not accepted: the PAT expired, was revoked, was created for another organization (or “All accessible organizations” was not chosen), or an Entra token was issued for the wrong tenant. A real user name means that user or service principal is not a member of the organization or lacks access to the project.',
      fix: [
        'Create a new PAT in the organization you are calling (User settings → Personal access tokens) with the scopes the call needs, and check its expiry date.',
        'For service principals and managed identities, add the identity to the organization (Organization settings → Users) before calling the API.',
      ],
      docs: [PAT_DOC],
    },
    {
      id: 'sign-in-page-instead-of-401',
      situation:
        'Azure DevOps answered with its sign-in page (203 Non-Authoritative Information or a redirect)',
      match: String.raw`<title>\s{0,40}(?:Azure DevOps Services|Visual Studio Team Services|Azure DevOps)\s{0,4}\|\s{0,4}Sign In`,
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'Instead of a 401, Azure DevOps sends clients it cannot authenticate to the interactive sign-in page, often as 203 Non-Authoritative Information, which many HTTP libraries treat as success. The PAT was not accepted as sent: it is expired or revoked, or the header is malformed (no colon before the PAT, a newline from `echo` inside the base64, the PAT under Bearer).',
      fix: [
        'Rebuild the header: `printf \':%s\' "$PAT" | base64` (or `echo -n ":$PAT" | base64`), then `Authorization: Basic <that>`; or let curl do it with `curl -u :<PAT>`.',
        'Add `X-TFS-FedAuthRedirect: Suppress` to API calls so Azure DevOps answers 401 with the real reason instead of the sign-in page.',
      ],
      docs: [PAT_DOC, SUPPRESS_REDIRECT_PR],
    },
  ],
  docs: [
    { title: 'Use personal access tokens', url: PAT_DOC },
    { title: 'Azure DevOps REST API', url: REST_DOC },
  ],
  pitfalls: [
    'A PAT goes in Basic auth as the password with an empty username: base64 of ":<PAT>". Encoding the bare PAT, or `echo` without -n (a trailing newline), breaks it.',
    'Instead of 401, Azure DevOps may answer 203 Non-Authoritative Information (or a 302) with its sign-in HTML; send X-TFS-FedAuthRedirect: Suppress to get a 401.',
    'PATs belong to one organization unless created for “All accessible organizations”, and expire (at most one year).',
    'TF400813 for the user aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa (or an empty user) means the caller was anonymous: the credential itself was not accepted.',
  ],
  rotate: {
    url: 'https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate',
    steps: [
      'In Azure DevOps open User settings › Personal access tokens.',
      'Revoke the token, or Regenerate it to get a new value with the same scopes and organization.',
      'Update the token in pipelines, package manager configuration and git credential managers.',
    ],
  },
} satisfies ProviderPackInput;
