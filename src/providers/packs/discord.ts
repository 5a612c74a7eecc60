import type { ProviderPackInput } from '../schema.js';

const OAUTH_DOCS = 'https://docs.discord.com/developers/platform/oauth2-and-permissions';
const REFERENCE_DOCS = 'https://discord.com/developers/docs/reference#authentication';
const CODES_DOCS =
  'https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes';

export const discord = {
  id: 'discord',
  name: 'Discord API',
  hosts: [
    { host: 'discord.com', basePath: '/api/v10' },
    { host: 'discordapp.com', note: 'legacy API host; use discord.com' },
    { host: '*.discord.com', note: 'canary and ptb clients' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bot',
      credential: 'a bot token from the Developer Portal (Bot page)',
      formats: ['discord.bot_token'],
      status: 'preferred',
      note: 'The "Bot " prefix is mandatory for bot tokens.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an OAuth2 user access token (only for the scopes the user granted)',
      status: 'accepted',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a bot token sent with Bearer',
      formats: ['discord.bot_token'],
      status: 'rejected',
      note: 'Bot tokens need the Bot scheme; with Bearer they get 401.',
    },
  ],
  headerNames: ['x-audit-log-reason'],
  errors: [
    {
      id: 'unauthorized',
      situation: 'a missing or invalid token, or a bot token without the "Bot " prefix',
      match: String.raw`"message"\s*:\s*"401: Unauthorized"|DiscordAPIError(?:\[0\])?: 401: Unauthorized|\(error code: 0\): 401: Unauthorized|Unauthorized\. Provide a valid token and try again`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Discord did not accept the Authorization header. Besides a wrong or reset token, a bot token sent without the "Bot " prefix (or with "Bearer ") gets the same answer.',
      fix: [
        'Send bot tokens as `Authorization: Bot <BOT_TOKEN>` and OAuth user tokens as `Authorization: Bearer <TOKEN>`.',
        'If the token was reset in the Developer Portal, the old one is dead everywhere: copy the new one.',
      ],
      docs: [REFERENCE_DOCS],
    },
    {
      id: 'client-login-rejected',
      situation: 'a bot library refused to log in with the configured token',
      match: 'Improper token has been passed|An invalid token was provided',
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'discord.py (LoginFailure) or discord.js (TokenInvalid) got 401 when logging in: the token is wrong, was reset, or is not a bot token (the client secret or application ID are not tokens).',
      fix: [
        'Reset the token on the Bot page of the application and configure the new value (without quotes or the "Bot " prefix, which the library adds).',
      ],
      docs: [REFERENCE_DOCS],
    },
    {
      id: 'missing-access',
      situation:
        'the bot is not in the guild or cannot see the channel (for example no applications.commands scope)',
      match: String.raw`["']?message["']?\s*:\s*["']Missing Access["']|DiscordAPIError(?:\[50001\])?: Missing Access|\(error code: 50001\): Missing Access`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        'The token is valid, but the bot has no access to this guild or channel: it was not invited with the needed scopes, or cannot view the channel.',
      fix: [
        'Invite the bot again with the `bot` and `applications.commands` scopes, and give it View Channel in that channel.',
      ],
      docs: [CODES_DOCS, OAUTH_DOCS],
    },
    {
      id: 'missing-permissions',
      situation: 'the bot lacks a permission in the channel or guild',
      match: String.raw`["']?message["']?\s*:\s*["']Missing Permissions["']|DiscordAPIError(?:\[50013\])?: Missing Permissions|\(error code: 50013\): Missing Permissions`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        'The bot can see the target but lacks the permission for this action (or its role is below the role it tries to manage).',
      fix: [
        'Grant the permission to the bot role (or channel override), and move the bot role above the roles it manages.',
      ],
      docs: [CODES_DOCS, OAUTH_DOCS],
    },
  ],
  tokenLifetimes: [
    {
      token: 'OAuth2 user access token',
      seconds: 604800,
      text: '7 days (expires_in 604800; use the refresh token)',
    },
    { token: 'bot token', text: 'does not expire; invalidated when reset in the Developer Portal' },
  ],
  scopes: [
    { method: 'GET', path: '^/api(?:/v\\d{1,2})?/users/@me$', scopes: ['identify'] },
    { method: 'GET', path: '^/api(?:/v\\d{1,2})?/users/@me/guilds$', scopes: ['guilds'] },
    { method: 'GET', path: '^/api(?:/v\\d{1,2})?/users/@me/connections$', scopes: ['connections'] },
    {
      method: 'GET',
      path: '^/api(?:/v\\d{1,2})?/users/@me/guilds/\\d{1,20}/member$',
      scopes: ['guilds.members.read'],
    },
  ],
  endpoints: [
    {
      path: '^/api/v[3-8]/',
      status: 'deprecated',
      message: 'Discord API versions below 9 are deprecated or discontinued; v10 is current.',
      fix: ['Call https://discord.com/api/v10/… (current libraries already do).'],
      docs: [REFERENCE_DOCS],
    },
  ],
  docs: [
    { title: 'OAuth2 and permissions', url: OAUTH_DOCS },
    { title: 'API reference: authentication', url: REFERENCE_DOCS },
    { title: 'JSON error codes', url: CODES_DOCS },
  ],
  pitfalls: [
    "Sending a bot token without the 'Bot ' prefix (or with 'Bearer ') returns 401 '401: Unauthorized'.",
    'The application ID and client secret are not tokens; using them as Authorization fails.',
    'Resetting the bot token in the portal immediately invalidates the old one everywhere.',
    '403 Missing Access (50001) means the bot was not invited with the needed scope or cannot see the channel, not that the token is bad.',
  ],
  rotate: {
    url: 'https://discord.com/developers/applications',
    steps: [
      'Open your application › Bot and choose Reset Token; the old token stops working at once.',
      "Copy the new token (it is shown once), update your bot's configuration and restart it.",
      'If the client secret leaked, reset it under OAuth2.',
    ],
  },
} satisfies ProviderPackInput;
