/**
 * The right provider, the wrong kind of token for this endpoint: a Slack app-level token (`xapp-`, Socket
 * Mode only) calling Web API methods, a bot token on a user-token-only method, a Discord bot token sent as
 * `Bearer`, a GitHub App JWT outside the `/app` endpoints, or an installation/user token on them.
 * Which token each endpoint takes is provider knowledge, written here as data per provider.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { Credential } from '../intake/evidence.js';
import {
  answerMatching,
  describeToken,
  placementOf,
  resendExample,
  succeeded,
} from './helpers/token-placement.js';
import { defineRule, type RuleReport } from './types.js';

/** Slack Web API methods only a user token (`xoxp-`) may call. */
const SLACK_USER_ONLY =
  /^(?:search\.|stars\.|reminders\.|admin\.|dnd\.(?:setSnooze|endSnooze|endDnd)$|users\.(?:profile\.set|setPhoto|deletePhoto)$)/;
/** The only methods an app-level token (`xapp-`) may call. */
const SLACK_APP_LEVEL = /^apps\.(?:connections\.open|event\.authorizations\.list)$/;
const SLACK_TYPE_ERROR = /not_allowed_token_type/;

/** GitHub endpoints that take the App's JWT (paths without a GHES `/api/v3` prefix). */
const GITHUB_APP_JWT_PATHS =
  /^\/(?:app(?:\/|$)|app-manifests\/|marketplace_listing\/|(?:repos\/[^/]+\/[^/]+|orgs\/[^/]+|users\/[^/]+|enterprises\/[^/]+)\/installation\/?$)/;
const GITHUB_INTEGRATION_ERROR =
  /Resource not accessible by integration|A JSON web token could not be decoded|Bad credentials/i;

interface Mismatch {
  severity: RuleReport['severity'];
  confidence: number;
  title: string;
  detail: string;
  fix: string[];
  docs: string[];
  also?: string;
  /** What to send instead, for the example: the placeholder and the scheme it takes. */
  send: { placeholder: string; scheme: string };
}

export default defineRule({
  meta: {
    id: 'user-vs-bot-token',
    cause: 'wrong_token_type',
    severity: 'error',
    title: 'The endpoint does not take this kind of token',
    description:
      'Platforms issue different tokens for acting as a user, as a bot or app installation, and as the app itself, and each endpoint accepts only some of them: Slack app-level tokens only open Socket Mode connections, search needs a user token, Discord bot tokens use the `Bot` scheme, GitHub App JWTs only work on `/app` endpoints.',
    docs: ['https://api.slack.com/authentication/token-types'],
    checklist: ['right-credential', 'provider-docs'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    for (const credential of evidence.credentials) {
      if (credential.placeholder) continue;
      const p = placementOf(credential, ctx);
      if (!p.sent || !p.view || succeeded(p.view, ctx)) continue;
      const host = p.view.request.url?.host?.toLowerCase() ?? '';
      const path = p.view.request.url?.path ?? '';
      const found =
        slack(credential, host, path, ctx) ??
        discord(credential, host) ??
        github(credential, host, path, ctx);
      if (!found) continue;
      const token = describeToken(p, 'The token sent');
      reports.push({
        severity: found.severity,
        confidence: found.confidence,
        title: found.title,
        detail: `${token} ${found.detail}`,
        evidence: found.also ? [p.pointer, found.also] : [p.pointer],
        fix: [
          ...found.fix,
          resendExample(
            { ...p, credential: { ...credential, scheme: found.send.scheme } },
            found.send.placeholder,
          ),
        ],
        docs: found.docs,
      });
    }
    return reports;
  },
});

function slack(
  credential: Credential,
  host: string,
  path: string,
  ctx: DiagnosisContext,
): Mismatch | undefined {
  if (!(host === 'slack.com' || host.endsWith('.slack.com'))) return undefined;
  const method = /^\/api\/([A-Za-z]+(?:\.[A-Za-z]+){1,3})\/?$/.exec(path)?.[1];
  if (!method) return undefined;
  const type = credential.format?.provider === 'slack' ? credential.format.tokenType : undefined;
  if (!type) return undefined;
  const said = answerMatching(ctx, SLACK_TYPE_ERROR);
  const docs = [`https://api.slack.com/methods/${method}`];
  if (type === 'app_token' && !SLACK_APP_LEVEL.test(method))
    return {
      severity: 'error',
      confidence: said ? 0.95 : 0.9,
      title: 'A Slack app-level token was used for a Web API method',
      detail: `is an app-level token (\`xapp-\`): it only opens Socket Mode connections (\`apps.connections.open\`). \`${method}\` needs the bot token (\`xoxb-\`) or a user token (\`xoxp-\`).`,
      fix: [
        'Use the Bot User OAuth Token (`xoxb-…`, under OAuth & Permissions after installing the app) for Web API calls; keep `xapp-…` for the Socket Mode connection only (`SLACK_APP_TOKEN` vs `SLACK_BOT_TOKEN` in Bolt).',
      ],
      docs,
      send: { placeholder: '<SLACK_BOT_TOKEN>', scheme: 'Bearer' },
      ...(said ? { also: said.pointer } : {}),
    };
  if (type !== 'app_token' && method === 'apps.connections.open')
    return {
      severity: 'error',
      confidence: 0.9,
      title: 'Socket Mode needs an app-level token',
      detail: `is a ${credential.format?.name}; \`apps.connections.open\` only accepts an app-level token (\`xapp-\`) with the \`connections:write\` scope.`,
      fix: [
        'Create an app-level token under Basic Information → App-Level Tokens with `connections:write`, and pass it as the app token (Bolt: `appToken` / `SLACK_APP_TOKEN`).',
      ],
      docs,
      send: { placeholder: '<SLACK_APP_TOKEN>', scheme: 'Bearer' },
    };
  if (type === 'bot_token' && SLACK_USER_ONLY.test(method))
    return {
      severity: said ? 'error' : 'warning',
      confidence: said ? 0.9 : 0.7,
      title: `\`${method}\` needs a Slack user token`,
      detail: `is a bot token (\`xoxb-\`), but \`${method}\` only works with a user token (\`xoxp-\`): it acts on behalf of a person (search, reminders, Do Not Disturb, profile, admin).${said ? ' Slack answered `not_allowed_token_type`.' : ''}`,
      fix: [
        "Add the method's scope under User Token Scopes (not Bot Token Scopes), reinstall the app, and call the method with the User OAuth Token (`xoxp-…`).",
      ],
      docs,
      send: { placeholder: '<SLACK_USER_TOKEN>', scheme: 'Bearer' },
      ...(said ? { also: said.pointer } : {}),
    };
  if (said)
    return {
      severity: 'error',
      confidence: 0.85,
      title: `\`${method}\` does not take this kind of Slack token`,
      detail: `is a ${credential.format?.name}, and Slack answered \`not_allowed_token_type\`: \`${method}\` accepts another kind of token.`,
      fix: [`Check "Accepted token types" on the method's page (${docs[0]}) and call it with that token.`],
      docs,
      send: { placeholder: '<RIGHT_SLACK_TOKEN>', scheme: 'Bearer' },
      also: said.pointer,
    };
  return undefined;
}

function discord(credential: Credential, host: string): Mismatch | undefined {
  if (credential.format?.id !== 'discord.bot_token') return undefined;
  if (!/(?:^|\.)discord(?:app)?\.com$/.test(host) || !/^bearer$/i.test(credential.scheme ?? ''))
    return undefined;
  return {
    severity: 'warning',
    confidence: 0.75,
    title: 'A Discord bot token was sent with the Bearer scheme',
    detail:
      'has the shape of a bot token but was sent as `Bearer`, which Discord reserves for OAuth2 access tokens. Bot tokens go in `Authorization: Bot <token>`.',
    fix: [
      'Send `Authorization: Bot <BOT_TOKEN>` (discord.js and discord.py do this for you when given the bot token); use `Bearer` only with an OAuth2 access token from the authorization flow.',
    ],
    docs: ['https://discord.com/developers/docs/reference#authentication'],
    send: { placeholder: '<BOT_TOKEN>', scheme: 'Bot' },
  };
}

function github(
  credential: Credential,
  host: string,
  rawPath: string,
  ctx: DiagnosisContext,
): Mismatch | undefined {
  const pack = ctx.knowledge.matchHost(host)?.pack;
  const onGithub = pack?.id === 'github' || host === 'api.github.com';
  const ghes = rawPath.startsWith('/api/v3/');
  if (!onGithub && !ghes) return undefined;
  const path = ghes ? rawPath.slice('/api/v3'.length) : rawPath;
  const said = answerMatching(ctx, GITHUB_INTEGRATION_ERROR);
  const docs = [
    'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/about-authentication-with-a-github-app',
  ];
  const appEndpoint = GITHUB_APP_JWT_PATHS.test(path);
  if (credential.jwt?.claims && !appEndpoint)
    return {
      severity: 'error',
      confidence: 0.85,
      title: 'A GitHub App JWT was used outside the /app endpoints',
      detail: `is a JWT — a GitHub App's own token — but \`${path}\` is not an \`/app\` endpoint. An App JWT only authenticates as the app (\`/app\`, \`/app/installations/…\`, \`…/installation\`); everything else needs an installation access token (\`ghs_\`) or a user token.`,
      fix: [
        'Exchange the JWT for an installation token first: `POST /app/installations/<INSTALLATION_ID>/access_tokens` with `Authorization: Bearer <APP_JWT>`, then call the API with the returned `token` (valid 1 hour). Octokit: `app.getInstallationOctokit(installationId)`.',
      ],
      docs,
      send: { placeholder: '<INSTALLATION_TOKEN>', scheme: 'Bearer' },
      ...(said ? { also: said.pointer } : {}),
    };
  const prefix = /^gh[opsur]_|^github_pat_/.exec(credential.display)?.[0];
  if (!credential.jwt && prefix && /^\/app(?:\/|$)/.test(path))
    return {
      severity: 'error',
      confidence: 0.8,
      title: 'The /app endpoints need the GitHub App JWT',
      detail: `is a ${credential.format?.name ?? 'GitHub token'}, but \`${path}\` authenticates the app itself and only accepts a JWT signed with the App's private key.`,
      fix: [
        "Sign a JWT with the App's private key (RS256; `iss` = App ID or Client ID, `iat` 60 s in the past, `exp` at most 10 minutes later) and send it as `Authorization: Bearer <APP_JWT>`.",
      ],
      docs,
      send: { placeholder: '<APP_JWT>', scheme: 'Bearer' },
    };
  if (credential.format?.id === 'github.installation_token' && /^\/user(?:\/|$)/.test(path))
    return {
      severity: said ? 'error' : 'warning',
      confidence: said ? 0.85 : 0.6,
      title: 'An installation token was used on a /user endpoint',
      detail: `is an installation token (\`ghs_\`, also what Actions' \`GITHUB_TOKEN\` is): it acts as the app installation, not as a person, so \`${path}\` (the authenticated user) is not available to it.${said ? " GitHub's answer agrees." : ''}`,
      fix: [
        "Call it with a user access token (`ghu_` from the App's user authorization flow) or a personal access token, or use an endpoint that names the user or repository explicitly.",
      ],
      docs,
      send: { placeholder: '<USER_TOKEN>', scheme: 'Bearer' },
      ...(said ? { also: said.pointer } : {}),
    };
  return undefined;
}
