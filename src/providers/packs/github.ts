import type { ProviderPackInput } from '../schema.js';

const REST_AUTH_DOCS = 'https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api';
const APP_JWT_DOCS =
  'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app';
const SSO_DOCS =
  'https://docs.github.com/en/enterprise-cloud@latest/authentication/authenticating-with-saml-single-sign-on/authorizing-a-personal-access-token-for-use-with-saml-single-sign-on';

export const github = {
  id: 'github',
  name: 'GitHub REST API',
  hosts: [
    { host: 'api.github.com' },
    { host: 'uploads.github.com', note: 'release asset uploads; same tokens as api.github.com' },
    {
      host: 'github.com',
      note: 'web, git over HTTPS and OAuth endpoints; the REST API lives on api.github.com',
    },
    {
      host: '*.ghe.com',
      note: 'GitHub Enterprise Cloud with data residency (api.SUBDOMAIN.ghe.com); github.com tokens are not valid there',
    },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential:
        'a personal access token, OAuth token, GitHub App user or installation token, or a GitHub App JWT',
      formats: [
        'github.classic_pat',
        'github.fine_grained_pat',
        'github.oauth_token',
        'github.user_token',
        'github.installation_token',
        'github.legacy_token',
      ],
      status: 'preferred',
    },
    {
      in: 'header',
      scheme: 'token',
      credential: 'a personal access token or OAuth token (legacy spelling; not for GitHub App JWTs)',
      formats: ['github.classic_pat', 'github.fine_grained_pat', 'github.oauth_token', 'github.legacy_token'],
      status: 'accepted',
    },
    {
      in: 'basic',
      credential: 'a personal access token as the password (git over HTTPS, and the API)',
      basicShape: 'username:personal_access_token',
      formats: ['github.classic_pat', 'github.fine_grained_pat'],
      status: 'accepted',
    },
    {
      in: 'basic',
      credential:
        'CLIENT_ID:CLIENT_SECRET, only for /applications/{client_id}/… endpoints of OAuth and GitHub Apps',
      basicShape: 'client_id:client_secret',
      status: 'accepted',
    },
    {
      in: 'basic',
      credential: 'the account password',
      basicShape: 'username:password',
      status: 'rejected',
      note: 'Password authentication was removed for the API and for git operations on github.com; it still exists on some GitHub Enterprise Server instances.',
    },
    {
      in: 'query',
      name: 'access_token',
      credential: 'a token in the query string',
      status: 'rejected',
      note: 'Query-parameter authentication was removed; send the token in the Authorization header.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a GitHub App refresh token (ghr_)',
      formats: ['github.refresh_token'],
      status: 'rejected',
      note: 'Refresh tokens are only accepted by POST https://github.com/login/oauth/access_token (grant_type=refresh_token), never by API calls.',
    },
  ],
  headerNames: ['x-github-api-version'],
  errors: [
    {
      id: 'requires-authentication',
      situation: 'no token on an endpoint that requires authentication',
      match: String.raw`["']message["']\s*:\s*["']Requires authentication["']\s*,\s*["']documentation_url["']|Requires authentication - https://docs\.github\.com`,
      status: [401],
      cause: 'missing_credentials',
      explain: 'GitHub received no usable credential on this request.',
      fix: ['Send the token as `Authorization: Bearer <YOUR_TOKEN>`.'],
      docs: [REST_AUTH_DOCS],
    },
    {
      id: 'bad-credentials',
      situation: 'an invalid, revoked, expired or mistyped token',
      match: String.raw`["']message["']\s*:\s*["']Bad credentials["']\s*,\s*["']documentation_url["']|Bad credentials - https://docs\.github\.com|HTTP 401: Bad credentials \(https://api\.github`,
      status: [401],
      cause: 'invalid_credentials',
      // Also the answer when the token was never read as one (a malformed header, another org or scheme);
      // rules that see that explain it more precisely.
      confidence: 0.8,
      explain:
        'GitHub does not accept the token it read: it is mistyped, revoked, expired, or was deleted when it leaked — or the Authorization value was malformed (`Bearer: <token>`, quotes, a second scheme word), so what GitHub read was not the token. A missing scope never gives this answer (that is a 403 or 404).',
      fix: [
        'Check the token at https://github.com/settings/tokens (expired tokens are listed there).',
        'Generate a new token and replace the old one everywhere it is configured.',
      ],
      docs: [REST_AUTH_DOCS],
    },
    {
      id: 'ghes-must-authenticate',
      situation: 'GitHub Enterprise Server rejected the request for lack of valid credentials',
      match: 'Must authenticate to access this API',
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'GitHub Enterprise Server did not accept the credential, or none arrived. A token made on github.com is not valid on an Enterprise Server instance, and the other way round.',
      fix: [
        'Create the token on the Enterprise Server instance itself and call https://HOST/api/v3, not api.github.com.',
        'Send it as `Authorization: Bearer <YOUR_TOKEN>`.',
      ],
      docs: [REST_AUTH_DOCS],
    },
    {
      id: 'graphql-requires-authentication',
      situation: 'the GraphQL API received no token it could use',
      match: 'This endpoint requires you to be authenticated',
      status: [401],
      cause: 'missing_credentials',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'The GraphQL API needs a user, OAuth or installation token on every call; it saw none it could use. OAuth App client ID/secret authentication is not enough for GraphQL.',
      fix: [
        'Send a token as `Authorization: Bearer <YOUR_TOKEN>` to https://api.github.com/graphql.',
        'If a CLI or SDK says you are logged in, log in again so it stores a fresh token.',
      ],
      docs: [
        'https://docs.github.com/en/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
      ],
    },
    {
      id: 'jwt-not-decoded',
      situation: 'a GitHub App JWT that GitHub cannot read (wrong iss, algorithm, or claims)',
      match: 'A JSON web token could not be decoded',
      status: [401],
      cause: 'wrong_audience_or_issuer',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'GitHub could not accept the App JWT. Most often its `iss` is not the App ID (or Client ID) of the app whose private key signed it; an algorithm other than RS256 or a lifetime over 10 minutes gives the same answer.',
      fix: [
        "Set `iss` to the GitHub App ID (or its Client ID), sign with RS256 using that app's private key, `iat` 60 s in the past, `exp` at most 10 minutes later.",
      ],
      docs: [APP_JWT_DOCS],
    },
    {
      id: 'jwt-exp-too-far',
      situation: "a GitHub App JWT whose `exp` is more than 10 minutes after GitHub's clock",
      match: String.raw`'Expiration time' claim \('exp'\) is too far in the future`,
      status: [401],
      cause: 'not_yet_valid_or_clock_skew',
      confidence: 0.85,
      explain:
        "GitHub refuses App JWTs that live longer than 10 minutes. With `exp` set to exactly 10 minutes, a local clock only slightly ahead of GitHub's already crosses the limit.",
      fix: [
        'Set `exp` to 9 minutes after `iat` at most, and `iat` 60 seconds in the past.',
        'Synchronise the machine clock (NTP); containers and suspended VMs drift.',
      ],
      docs: [APP_JWT_DOCS],
    },
    {
      id: 'jwt-expired',
      situation: 'a GitHub App JWT whose `exp` has already passed',
      match: String.raw`'Expiration time' claim \('exp'\) must be a numeric value representing the future time`,
      status: [401],
      cause: 'expired_token',
      severity: 'warning',
      confidence: 0.75,
      explain:
        "The App JWT has expired by GitHub's clock: it was reused after its 10 minutes, or the local clock runs behind.",
      fix: [
        'Mint a new JWT for each installation-token request instead of caching it.',
        'Check the machine clock against an NTP source.',
      ],
      docs: [APP_JWT_DOCS],
    },
    {
      id: 'jwt-iat-invalid',
      situation: 'a GitHub App JWT whose `iat` is missing or in the future',
      match: String.raw`'Issued at' claim \('iat'\) must be an Integer representing the time that the assertion was issued`,
      status: [401],
      cause: 'not_yet_valid_or_clock_skew',
      confidence: 0.8,
      explain:
        "GitHub rejects App JWTs issued in its future. A local clock ahead of GitHub's, or `iat` in milliseconds instead of seconds, produces this.",
      fix: ['Set `iat` to the current Unix time in seconds minus 60, and keep the clock synchronised.'],
      docs: [APP_JWT_DOCS],
    },
    {
      id: 'integration-not-accessible',
      situation: 'a GitHub App installation token or GITHUB_TOKEN lacks a permission',
      match: 'Resource not accessible by integration',
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      explain:
        'The token is valid, but the GitHub App (or the workflow GITHUB_TOKEN) was not granted the permission this endpoint needs, or the app is not installed on that repository.',
      fix: [
        'For GITHUB_TOKEN, add the permission to the workflow `permissions:` block (for example `contents: write`, `pull-requests: write`).',
        'For a GitHub App, add the permission in the app settings and have the installation accept it; check the `X-Accepted-GitHub-Permissions` response header for what the endpoint needs.',
      ],
      docs: [
        'https://docs.github.com/en/actions/security-guides/automatic-token-authentication#permissions-for-the-github_token',
      ],
    },
    {
      id: 'fine-grained-pat-not-accessible',
      situation: 'a fine-grained personal access token lacks a permission or the repository',
      match: 'Resource not accessible by personal access token',
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      explain:
        'The fine-grained token is valid but was not given this repository, or not the permission this endpoint needs, or its resource owner is another account or organization.',
      fix: [
        'Edit the token at https://github.com/settings/personal-access-tokens: select the repository and add the permission named in the `X-Accepted-GitHub-Permissions` response header.',
        'If the repository belongs to an organization, make sure the token was created with that organization as resource owner and approved.',
      ],
      docs: [REST_AUTH_DOCS],
    },
    {
      id: 'saml-sso-not-authorized',
      situation: 'a token not authorized for an organization that enforces SAML single sign-on',
      match: 'Resource protected by organization SAML enforcement',
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      explain:
        'The token works, but the organization enforces SAML SSO and the token was never authorized for it. The `X-GitHub-SSO` response header carries a one-hour link to authorize it.',
      fix: [
        'At https://github.com/settings/tokens, choose "Configure SSO" next to the token and authorize it for the organization.',
        'For a CLI or OAuth app, sign in again while an SSO session for the organization is active.',
      ],
      docs: [SSO_DOCS],
    },
    {
      id: 'graphql-missing-scopes',
      situation: 'a classic token without a scope a GraphQL field needs',
      match: 'Your token has not been granted the required scopes',
      cause: 'insufficient_scope_or_permissions',
      explain:
        'The classic token is valid but lacks a scope the query needs; the message names the field and the scopes.',
      fix: [
        'Add the scope named in the message to the token at https://github.com/settings/tokens (or create a new token with it).',
      ],
      docs: ['https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/scopes-for-oauth-apps'],
    },
    {
      id: 'login-attempts-exceeded',
      situation: 'a temporary lockout after several failed authentication attempts',
      match: 'Maximum number of login attempts exceeded',
      status: [403],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'Several requests with bad credentials in a short window made GitHub reject every attempt for a while, even a correct token. The earlier failures are the real problem (often a token passed where a username or URL was expected).',
      fix: [
        'Stop retrying, fix the credential the failing requests send, and wait a few minutes before trying again.',
      ],
      docs: [REST_AUTH_DOCS],
    },
    {
      id: 'git-password-removed',
      situation: 'git over HTTPS with the account password instead of a token',
      match:
        'Support for password authentication was removed on August 13, 2021|Password authentication is not supported for Git operations',
      status: [401, 403],
      cause: 'wrong_token_type',
      explain:
        'github.com no longer accepts account passwords for git over HTTPS: the password prompt needs a personal access token (or use SSH).',
      fix: [
        'Create a personal access token with the `repo` scope (or a fine-grained token with Contents access) and enter it where git asks for the password.',
        'Clear the stored password from the credential helper so it is not sent again.',
      ],
      docs: [
        'https://docs.github.com/en/get-started/getting-started-with-git/about-remote-repositories#cloning-with-https-urls',
      ],
    },
  ],
  tokenLifetimes: [
    { token: 'GitHub App installation access token (ghs_)', seconds: 3600, text: '1 hour, not configurable' },
    { token: 'GitHub App JWT', seconds: 600, text: 'at most 10 minutes; set iat ~60 s in the past' },
    {
      token: 'GitHub App user access token (ghu_), with expiry enabled',
      seconds: 28800,
      text: '8 hours (expires_in 28800)',
    },
    {
      token: 'GitHub App refresh token (ghr_)',
      text: '6 months; single use: refreshing invalidates the old access and refresh token',
    },
  ],
  scopes: [
    { method: 'GET', path: '^/user/emails$', scopes: ['user:email', 'user'] },
    { method: 'DELETE', path: '^/repos/[^/]{1,100}/[^/]{1,100}$', scopes: ['delete_repo'] },
    {
      method: 'PUT',
      path: '^/repos/[^/]{1,100}/[^/]{1,100}/contents/\\.github/workflows/',
      scopes: ['workflow'],
    },
    { method: 'GET', path: '^/orgs/[^/]{1,100}/teams$', scopes: ['read:org', 'write:org', 'admin:org'] },
    { method: 'GET', path: '^/notifications$', scopes: ['notifications', 'repo'] },
  ],
  endpoints: [
    {
      path: '^/authorizations(?:/|$)',
      host: 'api.github.com',
      status: 'removed',
      message:
        'The OAuth Authorizations API (/authorizations) was removed; tokens can no longer be created with a password.',
      fix: [
        'Create a personal access token in the web UI, or use the OAuth web or device flow to obtain a token.',
      ],
      docs: [REST_AUTH_DOCS],
    },
  ],
  docs: [
    { title: 'Authenticating to the REST API', url: REST_AUTH_DOCS },
    {
      title: 'Authentication token format updates',
      url: 'https://github.blog/changelog/2021-03-31-authentication-token-format-updates-are-generally-available',
    },
    {
      title: 'Generating an installation access token for a GitHub App',
      url: 'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-an-installation-access-token-for-a-github-app',
    },
    {
      title: 'Refreshing user access tokens',
      url: 'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens',
    },
    { title: 'Generating a JSON Web Token (JWT) for a GitHub App', url: APP_JWT_DOCS },
  ],
  pitfalls: [
    "401 'Bad credentials' means the token itself is wrong, revoked or expired; a missing scope shows up as 403 or 404, never 401.",
    'A private repository answering 404 to an authenticated call usually means the token lacks access (scope, fine-grained repository selection, or SSO authorization), not that the repository is missing.',
    'Password-based Basic auth no longer works against api.github.com; use a token as the password or a Bearer header.',
    'Response headers X-OAuth-Scopes / X-Accepted-OAuth-Scopes (classic tokens) and X-Accepted-GitHub-Permissions (fine-grained and App tokens) show what the call needs versus what the token has.',
    'Bursts of failing auth attempts trigger a temporary 403 lockout that also rejects a correct token: wait before retrying.',
    'Installation tokens die after 1 hour; long jobs must mint a new one.',
    'Enterprise Server base URL is https://HOST/api/v3, not api.github.com; a github.com token is not valid there.',
  ],
  rotate: {
    url: 'https://github.com/settings/tokens',
    steps: [
      'Open Settings › Developer settings › Personal access tokens, then Fine-grained tokens or Tokens (classic), whichever the token is.',
      'Delete the token, or open it and use Regenerate token, which issues a new value and ends the old one.',
      "For a GitHub App, generate a new private key or client secret on the app's settings page and delete the old one.",
      'Update the new token everywhere it is stored: CI secrets, `.env` files, `gh auth login`, git credential helpers.',
      "Check your security log (and the organization's audit log) for activity you do not recognise.",
    ],
  },
} satisfies ProviderPackInput;
