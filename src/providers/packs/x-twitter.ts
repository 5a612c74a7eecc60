import type { ProviderPackInput } from '../schema.js';

const PROJECTS_DOC = 'https://developer.twitter.com/en/docs/projects/overview';
const OAUTH2_DOC = 'https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code';
const ACCESS_LEVELS = 'https://developer.twitter.com/en/portal/product';

export const xTwitter = {
  id: 'x-twitter',
  name: 'X (Twitter) API',
  hosts: [
    { host: 'api.twitter.com', note: 'v2 at /2, legacy v1.1 at /1.1' },
    { host: 'api.x.com', note: 'the same API under the new domain' },
    { host: 'upload.twitter.com', note: 'v1.1 media upload' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'the app-only bearer token (read-only public data)',
      formats: ['x-twitter.app_bearer_token'],
      status: 'accepted',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an OAuth 2.0 user access token (authorisation code with PKCE), with scopes',
      status: 'preferred',
    },
    {
      in: 'header',
      scheme: 'OAuth',
      credential:
        'OAuth 1.0a user context: consumer key and secret plus the user’s access token and secret, signed per request',
      status: 'accepted',
      note: 'the header carries oauth_consumer_key, oauth_token, oauth_signature … — never paste the secrets themselves',
    },
  ],
  errors: [
    {
      id: 'unsupported-authentication',
      situation: 'the endpoint needs a user context but got the app-only token (or the reverse)',
      match: String.raw`Unsupported Authentication|Authenticating with OAuth [12]\.0a?[A-Za-z -]{0,30} is forbidden for this endpoint`,
      status: [403],
      cause: 'wrong_token_type',
      confidence: 0.9,
      explain:
        'The token is valid but of the wrong kind for this endpoint: posting, /2/users/me and other user actions need OAuth 1.0a or OAuth 2.0 user context, while some endpoints accept only the app-only bearer token. The message lists the supported types.',
      fix: [
        'Use the authentication type the error lists: for user actions, an OAuth 2.0 user token (PKCE) with the needed scopes or OAuth 1.0a user credentials.',
      ],
      docs: [OAUTH2_DOC],
    },
    {
      id: 'client-not-enrolled',
      situation: 'the app is not attached to a Project, or the plan does not include this endpoint',
      match: String.raw`client-not-enrolled|"title"\s*:\s*"Client Forbidden"`,
      status: [403],
      cause: 'account_or_billing_state',
      confidence: 0.85,
      explain:
        'The developer account or app is not enrolled for this API: the app is not inside a Project, or the access level (plan) does not include this endpoint. Regenerating tokens does not help.',
      fix: [
        'In the developer portal, attach the app to a Project and check that your plan includes the endpoint.',
      ],
      docs: [PROJECTS_DOC, ACCESS_LEVELS],
    },
    {
      id: 'access-level-453',
      situation: 'the endpoint is outside the account’s access level (error 453)',
      match: String.raw`"code"\s*:\s*453\b|You currently have access to a subset of|You currently have Essential access`,
      status: [403],
      cause: 'account_or_billing_state',
      confidence: 0.9,
      explain:
        'The app’s access level only covers a subset of v2 endpoints and a few v1.1 endpoints (media upload, OAuth); this endpoint needs a different plan.',
      fix: ['Use the v2 equivalent your plan includes, or move to a plan that covers this endpoint.'],
      docs: [ACCESS_LEVELS],
    },
    {
      id: 'invalid-or-expired-token-89',
      situation: 'v1.1: an invalid, revoked or expired token (code 89)',
      match: String.raw`["']code["']\s*:\s*89\s*,\s*["']message["']\s*:\s*["']Invalid or expired token|\b89 - Invalid or expired token|Invalid or expired token\.?["']\s*,\s*["']code["']\s*:\s*89\b`,
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.8,
      explain:
        'X did not accept the access token: it was regenerated in the portal (old ones die at once), revoked by the user, or is an expired OAuth 2.0 token.',
      fix: [
        'Regenerate the token in the developer portal (or refresh the OAuth 2.0 token) and update every place that uses it.',
      ],
      docs: [OAUTH2_DOC],
    },
    {
      id: 'could-not-authenticate-32',
      situation: 'v1.1: the OAuth 1.0a signature or keys do not match (code 32)',
      match: String.raw`["']code["']\s*:\s*32\s*,\s*["']message["']\s*:\s*["']Could not authenticate you|\b32 - Could not authenticate you|Could not authenticate you\.?["']\s*,\s*["']code["']\s*:\s*32\b`,
      status: [401],
      cause: 'signature_or_key_mismatch',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'The OAuth 1.0a request signature did not verify: the consumer key/secret and access token/secret do not belong together, one was regenerated, parameters were signed differently from how they were sent, or the clock is far off.',
      fix: [
        'Copy all four OAuth 1.0a values again from the same app in the developer portal, let a library sign the request, and check the system clock.',
      ],
      docs: [OAUTH2_DOC],
    },
    {
      id: 'bad-authentication-data-215',
      situation: 'v1.1: authentication missing or malformed (code 215)',
      match: 'Bad Authentication data',
      status: [400],
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'X could not find usable authentication in the request: no Authorization header, or one it could not parse.',
      fix: [
        'Sign the request with OAuth 1.0a or send `Authorization: Bearer <TOKEN>` as the endpoint requires.',
      ],
      docs: [OAUTH2_DOC],
    },
    {
      id: 'unable-to-verify-credentials-99',
      situation: 'the token endpoint rejected the consumer key / secret (code 99)',
      match: String.raw`["']code["']\s*:\s*99\s*,\s*["']message["']\s*:\s*["']Unable to verify your credentials|authenticity_token_error`,
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain: 'The API key and secret sent to /oauth2/token do not match an app.',
      fix: [
        'Copy the API key and secret again from the app’s Keys and tokens page (regenerating them invalidates the old ones).',
      ],
      docs: [OAUTH2_DOC],
    },
    {
      id: 'v2-unauthorized',
      situation: 'v2: the credential was not accepted (problem+json Unauthorized)',
      match: String.raw`title["']?\s*:\s*["']Unauthorized["'][^{}]{0,80}detail["']?\s*:\s*["']Unauthorized|detail["']?\s*:\s*["']Unauthorized["'][^{}]{0,80}title["']?\s*:\s*["']Unauthorized`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'The v2 API rejected the credential without detail. Usual causes: a wrong or regenerated bearer token, OAuth 1.0a user credentials missing the consumer key/secret, or app-only auth used where the client library defaults to another mode.',
      fix: [
        'Test the token alone: `curl -H "Authorization: Bearer <BEARER_TOKEN>" "https://api.x.com/2/tweets/search/recent?query=from:XDevelopers"`; regenerate it in the developer portal if that fails.',
      ],
      docs: [OAUTH2_DOC],
    },
  ],
  tokenLifetimes: [
    {
      token: 'OAuth 2.0 user access token',
      seconds: 7200,
      text: '2 hours unless the offline.access scope was requested (which also returns a refresh token)',
    },
    { token: 'OAuth 1.0a access token', text: 'no expiry; valid until revoked or regenerated' },
  ],
  scopes: [
    { method: 'POST', path: '^/2/tweets/?$', scopes: ['tweet.write'] },
    { method: 'DELETE', path: '^/2/tweets/', scopes: ['tweet.write'] },
    { method: 'GET', path: '^/2/users/me', scopes: ['users.read'] },
    { method: 'POST', path: '^/2/users/[^/]{1,30}/likes', scopes: ['like.write'] },
    { method: 'GET', path: '^/2/users/[^/]{1,30}/bookmarks', scopes: ['bookmark.read'] },
  ],
  endpoints: [
    {
      path: String.raw`^/1\.1/(?:statuses|search|favorites|friendships|followers|friends)/`,
      status: 'deprecated',
      message:
        'Most v1.1 endpoints are outside current access levels (error 453); only media upload and the OAuth endpoints remain for most plans.',
      cause: 'account_or_billing_state',
      fix: [
        'Move to the v2 equivalent (for example POST /2/tweets instead of POST /1.1/statuses/update.json).',
      ],
      docs: [ACCESS_LEVELS],
    },
  ],
  docs: [
    { title: 'OAuth 2.0 Authorization Code Flow with PKCE', url: OAUTH2_DOC },
    { title: 'Projects (app enrolment)', url: PROJECTS_DOC },
    { title: 'Products and access levels', url: ACCESS_LEVELS },
  ],
  pitfalls: [
    'Posting (POST /2/tweets) or /2/users/me with the app-only bearer token returns 403 “Unsupported Authentication” — user context is required.',
    '403 client-not-enrolled is about the developer account, plan or Project membership, not about the token.',
    'Errors come as application/problem+json with a “type” URL naming the problem.',
    'Regenerating keys or tokens in the portal invalidates the old ones at once.',
  ],
  rotate: {
    url: 'https://developer.twitter.com/en/portal/dashboard',
    steps: [
      "Open the project's app in the developer portal › Keys and tokens.",
      'Regenerate the key, secret or token that leaked (API Key and Secret, Bearer Token, or Access Token and Secret).',
      'Update every app that uses it.',
    ],
  },
} satisfies ProviderPackInput;
