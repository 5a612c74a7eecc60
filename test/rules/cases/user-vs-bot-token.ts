import rule from '../../../src/rules/user-vs-bot-token.js';
import { ALNUM, checksummedToken, DIGITS, generator } from '../../support/credential-fakes.js';
import { at, fakeJwt } from '../../support/jwt-fakes.js';
import { defineCases } from '../../support/rule-cases.js';

// A generator of this file's own, so its fakes do not depend on which files loaded before it.
const random = generator(105);

const lowerHex = 'abcdef0123456789';
const xapp = `xapp-1-A${random('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}-${random(DIGITS, 13)}-${random(lowerHex, 64)}`;
const xoxb = `xoxb-${random(DIGITS, 12)}-${random(DIGITS, 13)}-${random(ALNUM, 24)}`;
const xoxp = `xoxp-${random(DIGITS, 12)}-${random(DIGITS, 12)}-${random(DIGITS, 13)}-${random(lowerHex, 32)}`;
const discordBot = `MT${random(ALNUM, 24)}.${random(ALNUM, 6)}.${random(ALNUM, 38)}`;
const appJwt = fakeJwt({ iss: '123456', iat: at('2026-01-15T11:59:00Z'), exp: at('2026-01-15T12:08:00Z') });
const ghs = checksummedToken('ghs_', random(ALNUM, 30));
const ghp = checksummedToken('ghp_', random(ALNUM, 30));

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a Slack app-level token posting a message',
      paste: `curl -X POST https://slack.com/api/chat.postMessage -H "Authorization: Bearer ${xapp}" -d channel=C0123ABCD -d text=hello\n{"ok":false,"error":"not_allowed_token_type"}`,
      expect: {
        cause: 'wrong_token_type',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['app-level token', '`chat.postMessage`', '`xoxb-`'],
        fix: ['Bot User OAuth Token', '<SLACK_BOT_TOKEN>', 'https://slack.com/api/chat.postMessage'],
      },
    },
    {
      name: 'a Slack bot token calling search.messages',
      paste: `curl "https://slack.com/api/search.messages?query=deploy" -H "Authorization: Bearer ${xoxb}"`,
      expect: { severity: 'warning', detail: ['only works with a user token'], fix: ['User Token Scopes'] },
    },
    {
      name: 'Slack says not_allowed_token_type for a user token',
      paste: `curl -X POST https://slack.com/api/apps.connections.open -H "Authorization: Bearer ${xoxp}"\n{"ok":false,"error":"not_allowed_token_type"}`,
      expect: { severity: 'error', detail: ['`apps.connections.open` only accepts an app-level token'] },
    },
    {
      name: 'a Discord bot token as Bearer',
      paste: `curl -H "Authorization: Bearer ${discordBot}" https://discord.com/api/v10/users/@me`,
      expect: { severity: 'warning', fix: ['Authorization: Bot <BOT_TOKEN>'] },
    },
    {
      name: 'a GitHub App JWT listing issues',
      paste: `curl -H "Authorization: Bearer ${appJwt}" https://api.github.com/repos/octo/shop/issues`,
      expect: {
        severity: 'error',
        detail: ['`/repos/octo/shop/issues` is not an `/app` endpoint'],
        fix: ['/app/installations/<INSTALLATION_ID>/access_tokens'],
      },
    },
    {
      name: 'a personal access token on an /app endpoint',
      paste: `curl -X POST -H "Authorization: token ${ghp}" https://api.github.com/app/installations/42/access_tokens`,
      expect: { detail: ['only accepts a JWT'] },
    },
    {
      name: 'an installation token on /user',
      paste: `curl -H "Authorization: Bearer ${ghs}" https://api.github.com/user\n{"message":"Resource not accessible by integration","status":"403"}`,
      expect: { severity: 'error', detail: ['installation token'] },
    },
  ],
  valid: [
    {
      name: 'an app-level token opening a socket',
      paste: `curl -X POST https://slack.com/api/apps.connections.open -H "Authorization: Bearer ${xapp}"`,
    },
    {
      name: 'a bot token posting a message',
      paste: `curl -X POST https://slack.com/api/chat.postMessage -H "Authorization: Bearer ${xoxb}" -d channel=C1 -d text=hi`,
    },
    {
      name: 'a user token searching',
      paste: `curl "https://slack.com/api/search.messages?query=x" -H "Authorization: Bearer ${xoxp}"`,
    },
    {
      name: 'a Discord bot token with Bot',
      paste: `curl -H "Authorization: Bot ${discordBot}" https://discord.com/api/v10/users/@me`,
    },
    {
      name: 'an App JWT on /app/installations',
      paste: `curl -H "Authorization: Bearer ${appJwt}" https://api.github.com/app/installations`,
    },
    {
      name: 'an App JWT on a repository installation',
      paste: `curl -H "Authorization: Bearer ${appJwt}" https://api.github.com/repos/octo/shop/installation`,
    },
    {
      name: 'an installation token listing issues',
      paste: `curl -H "Authorization: Bearer ${ghs}" https://api.github.com/repos/octo/shop/issues`,
    },
  ],
});
