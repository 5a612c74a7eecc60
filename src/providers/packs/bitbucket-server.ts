import type { ProviderPackInput } from '../schema.js';

const HTTP_TOKENS_DOC =
  'https://confluence.atlassian.com/bitbucketserver091/http-access-tokens-1443038354.html';
const REST_DOC = 'https://developer.atlassian.com/server/bitbucket/rest/v814/intro/';
const TOKEN_PATHS_KB =
  'https://confluence.atlassian.com/bitbucketserverkb/access-tokens-no-longer-work-as-expected-after-upgrading-bitbucket-data-center-1455430278.html';

export const bitbucketServer = {
  id: 'bitbucket-server',
  name: 'Bitbucket Server / Data Center REST API',
  // Self-hosted: recognised by its Basic realm and the com.atlassian.bitbucket exception names.
  hosts: [],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an HTTP access token (personal, project or repository token)',
      status: 'preferred',
      note: 'Project and repository tokens only work as Bearer; they have no username to pair with.',
    },
    {
      in: 'basic',
      credential: 'a username with the password or a personal HTTP access token',
      basicShape: 'username:password_or_personal_token',
      status: 'accepted',
      note: 'Accounts locked by CAPTCHA after failed logins cannot authenticate with Basic until the CAPTCHA is solved in the browser.',
    },
  ],
  errors: [
    {
      id: 'incorrect-password',
      situation: 'wrong username, password or token',
      match: String.raw`com\.atlassian\.bitbucket\.auth\.IncorrectPasswordAuthenticationException|Authentication failed\. Please check your credentials and try again\.`,
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'Bitbucket did not accept the credentials: the password or HTTP access token is wrong, expired or revoked, or the username does not match (use the Bitbucket username, not the email, and no username at all with project or repository tokens, which only work as Bearer).',
      fix: [
        'Create a new HTTP access token (Manage account → HTTP access tokens, or the project/repository settings) and send it as `Authorization: Bearer <TOKEN>`.',
      ],
      docs: [HTTP_TOKENS_DOC],
    },
    {
      id: 'captcha-required',
      situation: 'the account is locked behind a CAPTCHA after repeated failed logins',
      match: String.raw`CAPTCHA required\. Your Bitbucket account has been locked|com\.atlassian\.bitbucket\.auth\.CaptchaRequiredAuthenticationException|remote error: CAPTCHA required`,
      cause: 'account_or_billing_state',
      confidence: 0.9,
      explain:
        'After too many failed logins (often a CI job retrying an old password) Bitbucket locks the account behind a CAPTCHA. Until it is solved in the browser, Basic authentication is refused even with the correct password.',
      fix: [
        'Log out and log in to Bitbucket in a browser, solve the CAPTCHA, then fix whatever keeps sending the wrong password (stored git credentials, CI secrets).',
        'Use HTTP access tokens as Bearer for automation so a changed password does not lock the account.',
      ],
      docs: [REST_DOC],
    },
    {
      id: 'authorisation-exception',
      situation: 'an authenticated user or token without permission on the project or repository',
      match: String.raw`com\.atlassian\.bitbucket\.AuthorisationException`,
      status: [401, 403],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'Bitbucket knows who is calling but that user or token lacks the permission: the token was created with Read where the call needs Write or Admin, a project/repository token is used outside its project or repository, or the user has no access to it.',
      fix: [
        'Create the token with the permission the call needs (project or repository Write/Admin) on the right project or repository, or grant the user access.',
      ],
      docs: [HTTP_TOKENS_DOC],
    },
  ],
  requiresHttps: false,
  docs: [
    { title: 'HTTP access tokens', url: HTTP_TOKENS_DOC },
    { title: 'REST API authentication', url: REST_DOC },
    {
      title: 'Access tokens only on /rest and /scm paths (8.9.22, 8.19.12, 9.3.2 and later)',
      url: TOKEN_PATHS_KB,
    },
  ],
  pitfalls: [
    'Project and repository HTTP access tokens only work as `Authorization: Bearer`; do not pair them with a username in Basic auth.',
    'Since 8.9.22, 8.19.12 and 9.3.2, access tokens only authenticate requests under /rest and /scm; other paths redirect to the login page or answer 401, and repeated failures can lock the account behind a CAPTCHA.',
    'A CAPTCHA lock (after repeated failed logins) makes every Basic login fail until it is solved in the browser.',
    'Bitbucket Cloud (bitbucket.org, app passwords and API tokens) is a different product with different authentication.',
  ],
} satisfies ProviderPackInput;
