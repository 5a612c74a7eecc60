import type { ProviderPackInput } from '../schema.js';

const BASIC_AUTH_DOC = 'https://developer.atlassian.com/cloud/jira/platform/basic-auth-for-rest-apis/';
const DEPRECATION_DOC =
  'https://developer.atlassian.com/cloud/jira/platform/deprecation-notice-basic-auth-and-cookie-based-auth';
const TOKENS_DOC =
  'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/';

export const atlassian = {
  id: 'atlassian',
  name: 'Atlassian Cloud (Jira / Confluence REST)',
  hosts: [
    {
      host: '*.atlassian.net',
      note: 'Jira at /rest/api/3, Confluence at /wiki/rest/api',
    },
    {
      host: 'api.atlassian.com',
      basePath: '/ex',
      note: 'gateway for OAuth 2.0 (3LO) tokens and scoped API tokens: /ex/jira/{cloudId}/…, /ex/confluence/{cloudId}/…',
    },
    { host: 'auth.atlassian.com', note: 'OAuth 2.0 authorisation and token endpoint' },
  ],
  auth: [
    {
      in: 'basic',
      credential: 'the Atlassian account email and an API token',
      basicShape:
        'email:api_token (the account’s email address as the username, never a username or password)',
      formats: ['atlassian.api_token'],
      status: 'preferred',
      note: 'scoped API tokens work only through api.atlassian.com/ex/…, not on the site host',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an OAuth 2.0 (3LO) access token, sent to api.atlassian.com/ex/{product}/{cloudId}/…',
      status: 'accepted',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a personal access token of a self-hosted Jira / Confluence Data Center',
      status: 'accepted',
      note: 'Data Center only; Cloud does not accept PATs',
    },
    {
      in: 'basic',
      credential: 'the Atlassian account email and password',
      basicShape: 'email:password',
      status: 'rejected',
      note: 'password Basic auth was removed from Cloud in 2019',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a Cloud API token sent as a Bearer token',
      formats: ['atlassian.api_token'],
      status: 'rejected',
      note: 'Cloud API tokens only work as the password of Basic auth with the account email',
    },
  ],
  headerNames: ['x-atlassian-token'],
  errors: [
    {
      id: 'basic-auth-passwords-deprecated',
      situation: 'a password (not an API token) in Basic auth, or an API token paired with the wrong email',
      match: 'Basic authentication with passwords is deprecated',
      status: [401],
      cause: 'wrong_token_type',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Atlassian Cloud rejected the Basic credentials as if they were an account password. Either a password was sent where an API token belongs, or the API token is fine but paired with an email that is not the token owner’s (the same message appears for both), or the token is invalid.',
      fix: [
        'Create an API token at https://id.atlassian.com/manage-profile/security/api-tokens.',
        'Send the token owner’s email as the username and the token as the password: `curl -u you@example.com:<API_TOKEN> https://<site>.atlassian.net/rest/api/3/myself`.',
      ],
      docs: [BASIC_AUTH_DOC, DEPRECATION_DOC],
    },
    {
      id: 'client-must-be-authenticated',
      situation: 'no credential reached Jira or Confluence (nothing sent, or one it could not read)',
      match: 'Client must be authenticated to access this resource',
      status: [401],
      cause: 'missing_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'Jira and Confluence say this when the request arrived as an anonymous client: most often no credential was attached at all (a script without auth, an empty variable, a proxy or redirect that dropped the header). A credential Atlassian could not read ends the same way: a malformed Basic value, or a Cloud API token sent as `Authorization: Bearer` (Cloud ignores it there; API tokens only work inside Basic auth with the account email). When the response also carries X-Seraph-LoginReason: AUTHENTICATED_FAILED, credentials did arrive and were rejected (wrong email / token pair, or a revoked or expired token).',
      fix: [
        'Send the account email and an API token with Basic auth: `curl -u you@example.com:<API_TOKEN> https://<site>.atlassian.net/rest/api/3/myself` (Python requests: `auth=(email, token)`).',
        'Use `Authorization: Bearer` only for OAuth 2.0 access tokens against api.atlassian.com/ex/jira/{cloudId}.',
      ],
      docs: [BASIC_AUTH_DOC],
    },
    {
      id: 'seraph-authenticated-failed',
      situation: 'Basic credentials were checked and failed (reported in X-Seraph-LoginReason)',
      match: String.raw`X-Seraph-LoginReason["':=\s]{1,6}AUTHENTICATED?_FAILED`,
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Jira answered with X-Seraph-LoginReason: AUTHENTICATED_FAILED: the email / API token pair was rejected. Some endpoints then fall back to anonymous access, so calls may “succeed” with empty results or 404. An organisation admin can also block API tokens, which shows up the same way.',
      fix: [
        'Check the pair with `curl -u you@example.com:<API_TOKEN> https://<site>.atlassian.net/rest/api/3/myself`; a 200 with your account means the credentials work.',
        'If it still fails, create a new API token, and ask an org admin whether API token access is blocked for your account.',
      ],
      docs: [BASIC_AUTH_DOC, TOKENS_DOC],
    },
    {
      id: 'seraph-authentication-denied',
      situation: 'too many failed logins: the account now needs a CAPTCHA',
      match: String.raw`X-Seraph-LoginReason["':=\s]{1,6}AUTHENTICATION_DENIED`,
      cause: 'account_or_billing_state',
      confidence: 0.85,
      explain:
        'Jira stopped accepting Basic auth for this account after repeated failed logins (AUTHENTICATION_DENIED): a CAPTCHA must be solved in the browser before API calls work again.',
      fix: [
        'Log in once through the web UI and complete the CAPTCHA, then retry with the email and a valid API token.',
        'Fix whatever kept sending wrong credentials first, or the account locks again.',
      ],
      docs: [BASIC_AUTH_DOC],
    },
    {
      id: 'scope-does-not-match',
      situation: 'an OAuth 2.0 or scoped API token lacks a scope the endpoint needs',
      match: 'Unauthorized; scope does not match',
      status: [401],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'The api.atlassian.com gateway accepted the token but its scopes do not cover this endpoint (Jira Software / Agile endpoints need their own scopes). A scoped API token sent to the site host instead of the gateway can also end here.',
      fix: [
        'Look up the scopes the endpoint lists in the REST reference, add them to the app (or create a scoped token with them), and get a new token.',
        'Call the gateway URL, not the site: `https://api.atlassian.com/ex/jira/<cloudId>/rest/api/3/myself` (the cloudId is at https://<site>.atlassian.net/_edge/tenant_info).',
      ],
      docs: [TOKENS_DOC],
    },
    {
      id: 'issue-not-visible',
      situation: 'anonymous or under-privileged access to an issue',
      match: 'Issue does not exist or you do not have permission to see it',
      status: [404],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.5,
      explain:
        'Jira hides issues the caller may not see behind a 404. When the credentials failed silently, the request ran as an anonymous user, which sees nothing.',
      fix: [
        'Confirm the request is authenticated: `curl -u you@example.com:<API_TOKEN> https://<site>.atlassian.net/rest/api/3/myself` must return your account.',
        'Then check the account’s Browse Projects permission on that project.',
      ],
      docs: [BASIC_AUTH_DOC],
    },
  ],
  tokenLifetimes: [
    {
      token: 'Atlassian API token',
      text: 'tokens created since late 2024 expire (at most one year, chosen at creation); older tokens lasted until revoked',
    },
  ],
  endpoints: [
    {
      path: '^/rest/auth/1/session',
      status: 'deprecated',
      message:
        'Cookie-based authentication (POST /rest/auth/1/session) is deprecated on Atlassian Cloud; use Basic auth with an API token or OAuth 2.0.',
      cause: 'wrong_url_or_endpoint',
      fix: ['Drop the session call and send `-u you@example.com:<API_TOKEN>` on every request.'],
      docs: [DEPRECATION_DOC],
    },
  ],
  docs: [
    { title: 'Basic auth for REST APIs (Jira Cloud)', url: BASIC_AUTH_DOC },
    { title: 'Deprecation notice: Basic auth with passwords and cookie-based auth', url: DEPRECATION_DOC },
    { title: 'Manage API tokens for your Atlassian account', url: TOKENS_DOC },
  ],
  pitfalls: [
    'Cloud Basic auth needs the account EMAIL as the username and an API token as the password; passwords stopped working in June 2019.',
    'A failed login can silently fall back to anonymous access, so calls “work” but return empty lists or 404; check X-Seraph-LoginReason and test with GET /rest/api/3/myself.',
    '“Basic authentication with passwords is deprecated” also appears when the token is fine but paired with the wrong email.',
    'Org admins can block personal API tokens, which shows up as AUTHENTICATED_FAILED.',
    'Scoped API tokens and OAuth 2.0 tokens are sent to api.atlassian.com/ex/jira/{cloudId}/…, not to <site>.atlassian.net.',
  ],
  rotate: {
    url: 'https://id.atlassian.com/manage-profile/security/api-tokens',
    steps: [
      'Sign in as the account that owns the token and open Security › API tokens.',
      'Revoke the token, then create a new one (it is shown once) with an expiry date.',
      'Update it where it is stored; Basic auth takes your Atlassian account email as the username and the token as the password.',
    ],
  },
} satisfies ProviderPackInput;
