import type { ProviderPackInput } from '../schema.js';

const TOKEN_TYPES_DOCS = 'https://api.slack.com/authentication/token-types';
const ROTATION_DOCS = 'https://docs.slack.dev/authentication/using-token-rotation';
const AUTH_TEST_DOCS = 'https://api.slack.com/methods/auth.test';
const QUERYSTRING_DOCS =
  'https://api.slack.com/changelog/2020-11-no-more-tokens-in-querystrings-for-newly-created-apps';

/**
 * Slack answers HTTP 200 with `{"ok":false,"error":"<code>"}`, `ok` first. SDKs re-print it: Python as
 * `{'ok': False, 'error': 'invalid_auth'}`, Node as `An API error occurred: invalid_auth` or an inspected
 * `{ ok: false, error: 'invalid_auth' }`. Requiring `ok:false` keeps generic `{"error":"token_expired"}` out.
 */
const slackError = (codes: string): string =>
  String.raw`(?:["']?ok["']?\s*:\s*false\s*,\s*["']?error["']?\s*:\s*["']|An API error occurred: )(?:${codes})\b`;

const WEB_API_TOKENS = [
  'slack.bot_token',
  'slack.user_token',
  'slack.rotating_bot_token',
  'slack.rotating_user_token',
];

export const slack = {
  id: 'slack',
  name: 'Slack Web API',
  hosts: [
    { host: 'slack.com', basePath: '/api', note: 'Web API methods: https://slack.com/api/<method>' },
    {
      host: '*.slack.com',
      note: 'workspace subdomains also serve /api/<method>; files.slack.com downloads need the token',
    },
    { host: 'hooks.slack.com', note: 'incoming webhooks: the URL itself is the secret, no token' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a bot (xoxb-) or user (xoxp-) token, possibly rotating (xoxe.xoxb- / xoxe.xoxp-)',
      formats: WEB_API_TOKENS,
      status: 'preferred',
    },
    {
      in: 'body',
      name: 'token',
      credential:
        'the same tokens as a `token` field of a form-encoded POST body (application/x-www-form-urlencoded or multipart/form-data)',
      formats: WEB_API_TOKENS,
      status: 'accepted',
      note: 'Slack reads a body token only from form-encoded bodies (application/x-www-form-urlencoded or multipart/form-data), never from a JSON body: with Content-Type: application/json a "token" field is ignored and the call fails with not_authed, so JSON requests must send `Authorization: Bearer <token>`.',
    },
    {
      in: 'query',
      name: 'token',
      credential: 'a token in the query string',
      formats: WEB_API_TOKENS,
      status: 'deprecated',
      note: 'Apps created after 2021-02-24 may not send tokens in the query string.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an app-level token (xapp-)',
      formats: ['slack.app_token'],
      status: 'accepted',
      note: 'Only for apps.connections.open (Socket Mode) and a few app-level methods; posting messages needs the bot token.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a refresh token (xoxe-)',
      formats: ['slack.refresh_token'],
      status: 'rejected',
      note: 'Refresh tokens only go to oauth.v2.access (grant_type=refresh_token) or tooling.tokens.rotate.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an incoming webhook URL',
      formats: ['slack.webhook_url'],
      status: 'rejected',
      note: 'Webhook URLs post to one channel by themselves; they are not Web API tokens.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a legacy workspace app token (xoxa- / xoxr-)',
      formats: ['slack.workspace_access_token', 'slack.workspace_refresh_token'],
      status: 'deprecated',
    },
  ],
  errors: [
    {
      id: 'not-authed',
      situation: 'no token on the request',
      match: slackError('not_authed'),
      status: [200],
      cause: 'missing_credentials',
      explain:
        'Slack received no token (it answers HTTP 200 with ok:false). A token in a JSON body counts as none — Slack reads body tokens only from form-encoded bodies — and so does an empty variable.',
      fix: [
        'Send `Authorization: Bearer xoxb-…` (required for JSON bodies), or post the token as a form field with Content-Type: application/x-www-form-urlencoded.',
      ],
      docs: [TOKEN_TYPES_DOCS],
    },
    {
      id: 'invalid-auth',
      situation: 'an invalid token, or a request from a disallowed IP address',
      match: slackError('invalid_auth'),
      status: [200],
      cause: 'invalid_credentials',
      confidence: 0.8,
      explain:
        'Slack cannot validate the token: it is mistyped, from another workspace or app, or the workspace restricts API calls to allowed IP addresses.',
      fix: [
        'Copy the token again from OAuth & Permissions of the app and check it with `curl -H "Authorization: Bearer $SLACK_BOT_TOKEN" https://slack.com/api/auth.test`.',
        'If the workspace uses IP allow-listing, call from an allowed address.',
      ],
      docs: [AUTH_TEST_DOCS],
    },
    {
      id: 'token-revoked',
      situation: 'a revoked token (app uninstalled, token revoked)',
      match: slackError('token_revoked'),
      status: [200],
      cause: 'invalid_credentials',
      explain: 'The token was revoked: the app was uninstalled or the token explicitly revoked.',
      fix: ['Reinstall the app to the workspace and use the new token.'],
      docs: [TOKEN_TYPES_DOCS],
    },
    {
      id: 'token-expired',
      situation: 'an expired token with token rotation enabled',
      match: slackError('token_expired'),
      status: [200],
      cause: 'expired_token',
      explain: 'With token rotation enabled, access tokens expire after 12 hours; this one has.',
      fix: [
        'Exchange the refresh token at oauth.v2.access (grant_type=refresh_token) before expiry, and store the new refresh token each time (the old one is revoked).',
      ],
      docs: [ROTATION_DOCS],
    },
    {
      id: 'account-inactive',
      situation: 'a token of a deleted user or workspace',
      match: slackError('account_inactive'),
      status: [200],
      cause: 'account_or_billing_state',
      explain: 'The token belongs to a user or workspace that was deleted or deactivated.',
      fix: ['Install the app with an active account and use that token.'],
      docs: [TOKEN_TYPES_DOCS],
    },
    {
      id: 'missing-scope',
      situation: 'the token lacks the scope the method needs',
      match: slackError('missing_scope'),
      status: [200],
      cause: 'insufficient_scope_or_permissions',
      explain:
        "The token is valid but lacks a scope; the response names it in `needed` and lists the token's scopes in `provided`.",
      fix: [
        'Add the scope under OAuth & Permissions, then reinstall the app: the existing token does not gain scopes until you do.',
      ],
      docs: [TOKEN_TYPES_DOCS],
    },
    {
      id: 'not-allowed-token-type',
      situation: 'the wrong kind of token for this method',
      match: slackError('not_allowed_token_type|not_bearer_token'),
      status: [200],
      cause: 'wrong_token_type',
      explain:
        'This method does not accept this token type: for example an xapp- token on a Web API method, a bot token on a user-only method, or a granular bot token on the RTM API.',
      fix: ['Use the token type the method page lists (bot xoxb-, user xoxp-, or app xapp-).'],
      docs: [TOKEN_TYPES_DOCS],
    },
    {
      id: 'no-permission',
      situation: 'the token is valid but may not act on this object',
      match: slackError('no_permission'),
      status: [200],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'The token lacks permission for this object, most often because the app is not a member of the conversation it acts on.',
      fix: ['Invite the app to the channel (`/invite @your-app`) or use a token that has access.'],
      docs: [TOKEN_TYPES_DOCS],
    },
    {
      id: 'invalid-refresh-token',
      situation: 'a refresh token that was already used or revoked',
      match: slackError('invalid_refresh_token'),
      status: [200],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'Slack refresh tokens are single use; this one was already exchanged (the newer refresh token was not saved) or revoked.',
      fix: [
        'Save the new refresh token returned by every oauth.v2.access call; reinstall the app if the chain is broken.',
      ],
      docs: [ROTATION_DOCS],
    },
    {
      id: 'method-deprecated',
      situation: 'a retired Web API method',
      match: slackError('method_deprecated|deprecated_endpoint'),
      status: [200],
      cause: 'wrong_url_or_endpoint',
      explain:
        'The method was retired (for example channels.*, groups.*, im.* and mpim.* were replaced by conversations.*).',
      fix: ['Call the replacement method (conversations.list, conversations.history, …).'],
      docs: ['https://api.slack.com/web'],
    },
  ],
  tokenLifetimes: [
    { token: 'bot/user token without rotation', text: 'does not expire' },
    {
      token: 'bot/user token with token rotation',
      seconds: 43200,
      text: '12 hours (refresh with the refresh token; the old refresh token is revoked)',
    },
    { token: 'app configuration token', seconds: 43200, text: '12 hours' },
  ],
  scopes: [
    { path: '^/api/chat\\.(?:postMessage|update|delete|postEphemeral)$', scopes: ['chat:write'] },
    { path: '^/api/conversations\\.list$', scopes: ['channels:read', 'groups:read', 'im:read', 'mpim:read'] },
    {
      path: '^/api/conversations\\.history$',
      scopes: ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
    },
    { path: '^/api/users\\.list$', scopes: ['users:read'] },
    { path: '^/api/users\\.lookupByEmail$', scopes: ['users:read.email'] },
    { path: '^/api/reactions\\.add$', scopes: ['reactions:write'] },
    {
      path: '^/api/files\\.(?:upload|getUploadURLExternal|completeUploadExternal)$',
      scopes: ['files:write'],
    },
  ],
  endpoints: [
    {
      path: '^/api/(?:channels|groups|im|mpim)\\.[A-Za-z]{2,40}$',
      status: 'removed',
      message:
        'The channels.*, groups.*, im.* and mpim.* methods were retired in favour of the conversations.* API.',
      fix: [
        'Use the conversations.* method with the same purpose (conversations.list, conversations.history, conversations.info, …).',
      ],
    },
  ],
  docs: [
    { title: 'Token types', url: TOKEN_TYPES_DOCS },
    { title: 'Using token rotation', url: ROTATION_DOCS },
    { title: 'auth.test', url: AUTH_TEST_DOCS },
    { title: 'No more tokens in query strings for newly created apps', url: QUERYSTRING_DOCS },
  ],
  pitfalls: [
    "Slack reports auth failures with HTTP 200 and ok:false: always inspect the JSON 'error' field.",
    "missing_scope includes 'needed' and 'provided'; after adding the scope the app must be reinstalled to get a new token.",
    'xapp- tokens only open Socket Mode connections; posting messages needs the xoxb- bot token.',
    'Once token rotation is enabled, tokens die every 12 hours; apps that stored a single token break the next day.',
    'Verify a token quickly with auth.test.',
  ],
  rotate: {
    url: 'https://api.slack.com/apps',
    steps: [
      'Revoke the token by calling the `auth.revoke` method with that token.',
      'Open your app at `https://api.slack.com/apps` › OAuth & Permissions and reinstall it to the workspace to get a new token.',
      'If the signing secret or client secret leaked, regenerate it under Basic Information › App Credentials.',
      'Update the new values where your app reads them and restart it.',
    ],
  },
} satisfies ProviderPackInput;
