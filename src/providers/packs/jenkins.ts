import type { ProviderPackInput } from '../schema.js';

const SCRIPTED_CLIENTS_DOC =
  'https://www.jenkins.io/doc/book/system-administration/authenticating-scripted-clients/';
const CSRF_DOC = 'https://www.jenkins.io/doc/book/security/csrf-protection/';
const REMOTE_API_DOC = 'https://www.jenkins.io/doc/book/using/remote-access-api/';

export const jenkins = {
  id: 'jenkins',
  name: 'Jenkins remote access API',
  // Self-hosted: Jenkins names itself in response headers (X-Jenkins, X-Hudson, X-You-Are-Authenticated-As).
  hosts: [],
  auth: [
    {
      in: 'basic',
      credential: 'the Jenkins user ID and one of that user’s API tokens',
      basicShape: 'user_id:api_token',
      status: 'preferred',
      note: 'Requests authenticated with an API token need no CSRF crumb.',
    },
    {
      in: 'basic',
      credential: 'the Jenkins user ID and password',
      basicShape: 'user_id:password',
      status: 'deprecated',
      note: 'Only works with security realms that hold a password (Jenkins’ own user database, LDAP); with SAML, OIDC, GitHub or other SSO realms there is no password to send. Password requests that change state also need a CSRF crumb and the session cookie it was issued with.',
    },
    {
      in: 'query',
      name: 'token',
      credential:
        'a job’s “Trigger builds remotely” authentication token (only for /build and /buildWithParameters)',
      status: 'accepted',
      note: 'The job token only passes the trigger check; the caller still needs Overall/Read unless the Build Token Root plugin is used.',
    },
  ],
  headerNames: [
    'x-jenkins',
    'x-hudson',
    'x-jenkins-session',
    'x-you-are-authenticated-as',
    'x-required-permission',
    'x-permission-implied-by',
    'jenkins-crumb',
  ],
  errors: [
    {
      id: 'invalid-password-or-token',
      situation: 'Basic credentials Jenkins did not accept for that user',
      match: String.raw`Invalid password/token for user: ?\S{1,100}`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Jenkins checked the Basic credentials against this user and neither a password nor an API token matched: the API token was revoked or mistyped, the user ID is not the one Jenkins knows (the ID, not the display name or email), or the security realm has no password to check — with SAML, OIDC, GitHub or other SSO realms only API tokens work, so a password that works at the identity provider is still rejected here.',
      fix: [
        'Create an API token as that user (User → Security/Configure → API Token → Add new Token) and send it as the Basic password with the Jenkins user ID: `curl -u <USER_ID>:<API_TOKEN> …`.',
      ],
      docs: [SCRIPTED_CLIENTS_DOC],
    },
    {
      id: 'anonymous-missing-permission',
      situation: 'the request reached Jenkins as the anonymous user',
      match: String.raw`You are authenticated as: anonymous|\banonymous is missing the [A-Za-z]{1,40}/[A-Za-z]{1,40} permission`,
      status: [401, 403],
      cause: 'missing_credentials',
      confidence: 0.8,
      explain:
        'Jenkins treated the request as anonymous: no credentials were sent (curl without -u, a client that only sends Basic after a challenge Jenkins does not issue, a proxy that dropped Authorization), or they were sent in a form Jenkins does not read.',
      fix: [
        'Send the user ID and an API token with every request, preemptively: `curl -u <USER_ID>:<API_TOKEN> <URL>` (clients that wait for a 401 challenge never send them, because Jenkins answers 403 with a login page).',
      ],
      docs: [SCRIPTED_CLIENTS_DOC, REMOTE_API_DOC],
    },
    {
      id: 'user-missing-permission',
      situation: 'an authenticated user without the permission the request needs',
      match: String.raw`\b(?!anonymous\b)[\w.@+-]{1,100} is missing the [A-Za-z]{1,40}/[A-Za-z]{1,40} permission`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      severity: 'error',
      confidence: 0.85,
      explain:
        'Jenkins authenticated the user but its authorization strategy (matrix, role-based, folder permissions) does not grant the named permission, for example Overall/Read or Job/Build.',
      fix: [
        'Grant the named permission to the user (or a group it is in) under Manage Jenkins → Security, or on the folder or job.',
      ],
      docs: [REMOTE_API_DOC],
    },
    {
      id: 'no-valid-crumb',
      situation: 'a state-changing request without a valid CSRF crumb',
      match: 'No valid crumb was included in the request',
      status: [403],
      cause: 'wrong_token_type',
      severity: 'warning',
      confidence: 0.65,
      explain:
        'Jenkins requires a CSRF crumb for POSTs authenticated with a password or a session. Since Jenkins 2.176.2 the crumb is only valid with the web session (cookie) it was issued in, so fetching a crumb and then POSTing without that cookie fails too. Requests authenticated with an API token need no crumb.',
      fix: [
        'Authenticate with an API token instead of the password: `curl -X POST -u <USER_ID>:<API_TOKEN> <JOB_URL>/build` needs no crumb.',
        'If you must use a password, fetch the crumb from /crumbIssuer/api/json and send it with the same cookie jar (`curl -c jar -b jar …`).',
      ],
      docs: [CSRF_DOC],
    },
  ],
  requiresHttps: false,
  docs: [
    { title: 'Authenticating scripted clients', url: SCRIPTED_CLIENTS_DOC },
    { title: 'CSRF protection', url: CSRF_DOC },
    { title: 'Remote access API', url: REMOTE_API_DOC },
  ],
  pitfalls: [
    'Use the Jenkins user ID with an API token; passwords do not exist in SSO security realms (SAML, OIDC, GitHub OAuth) even though the same password works at the identity provider.',
    'Jenkins answers unauthenticated requests with 403 and a login page rather than a 401 challenge, so clients must send credentials preemptively.',
    'API-token requests need no CSRF crumb; password requests need a crumb and the session cookie it belongs to.',
    'X-You-Are-Authenticated-As in the response shows who Jenkins thinks is calling (anonymous means the credentials never counted).',
  ],
  rotate: {
    url: 'https://www.jenkins.io/doc/book/system-administration/authenticating-scripted-clients/',
    steps: [
      'Open your user › Security (Configure on older versions) › API Token.',
      'Revoke the token, then use Add new Token and copy the new value at once.',
      'Update scripts and CI credentials that use it.',
    ],
  },
} satisfies ProviderPackInput;
