import type { ProviderPackInput } from '../schema.js';

const QUICKSTART_DOC = 'https://devcenter.heroku.com/articles/platform-api-quickstart';
const AUTHENTICATION_DOC = 'https://devcenter.heroku.com/articles/authentication';
const VERIFICATION_DOC = 'https://devcenter.heroku.com/articles/account-verification';
const API_REFERENCE = 'https://devcenter.heroku.com/articles/platform-api-reference';

export const heroku = {
  id: 'heroku',
  name: 'Heroku Platform API',
  hosts: [
    { host: 'api.heroku.com', note: 'Platform API; send Accept: application/vnd.heroku+json; version=3' },
    { host: 'id.heroku.com', note: 'OAuth authorization and token endpoint' },
    { host: 'git.heroku.com', note: 'git over HTTPS: any username, the API key as the password' },
    // Heroku's error bodies link to https://heroku.com/verify: the provider's site, not a mistyped API host.
    { host: 'heroku.com', note: 'website: dashboard, account verification; the API is api.heroku.com' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an API key or OAuth token (HRKU-… or the older UUID form), e.g. from `heroku auth:token`',
      formats: ['heroku.api_key', 'heroku.legacy_api_key'],
      status: 'preferred',
    },
    {
      in: 'basic',
      credential: 'the API key as the password (`curl -n` with a ~/.netrc entry for api.heroku.com)',
      basicShape: 'email_or_empty:api_key',
      formats: ['heroku.api_key', 'heroku.legacy_api_key'],
      status: 'accepted',
    },
  ],
  errors: [
    {
      id: 'invalid-credentials-provided',
      situation: 'the API key or OAuth token is missing, wrong, expired or revoked',
      match: String.raw`\\?"id\\?"\s*:\s*\\?"unauthorized\\?"\s*,\s*\\?"(?:message|error)\\?"\s*:\s*\\?"Invalid credentials provided|Invalid credentials provided\.?(?:\s|›){1,20}Error ID: unauthorized`,
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'Heroku did not accept the token: the API key was regenerated (which revokes the old one), the token from `heroku auth:token` reached its expiry (one year by default), the account’s SSO session ended (federated users’ tokens expire with it), or no token was sent — the CLI says the same when it is not logged in.',
      fix: [
        'Get a current token (`heroku auth:token`, or create a long-lived one with `heroku authorizations:create`) and send it as `Authorization: Bearer <TOKEN>` with `Accept: application/vnd.heroku+json; version=3`.',
      ],
      docs: [AUTHENTICATION_DOC, QUICKSTART_DOC],
    },
    {
      id: 'verification-required',
      situation: 'an action that requires a verified account (payment method on file)',
      match: String.raw`\\?"id\\?"\s*:\s*\\?"verification_required|Please verify your account to install this add-on plan|You need to add a credit card to your account before completing this action`,
      status: [402, 403, 422],
      cause: 'account_or_billing_state',
      confidence: 0.95,
      explain:
        'The token was accepted; the account is not verified. Heroku requires a verified account (a payment method on file) to install third-party add-ons — even free plans — and for some other actions, and answers this with 403 “verification_required”.',
      fix: [
        'Verify the account at https://heroku.com/verify (add a payment method), then retry; for a team app, check the team’s billing instead.',
      ],
      docs: [VERIFICATION_DOC],
    },
    {
      id: 'no-access-to-app',
      situation: 'the authenticated user is not a collaborator or team member on the app',
      match: String.raw`You do not have access to the app [\w-]{1,60}`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'Heroku knows who is calling, but this user has no access to the app — or no app by that name is visible to them (a typo, or the app belongs to another account or team).',
      fix: [
        'Check the app name and run `heroku apps` with the same token; ask the app owner to add the user as a collaborator or team member.',
      ],
      docs: [API_REFERENCE],
    },
  ],
  tokenLifetimes: [
    {
      token: 'API token from heroku login',
      seconds: 31_536_000,
      text: 'one year by default; `heroku authorizations:create` makes a non-expiring token',
    },
  ],
  docs: [
    { title: 'Platform API quickstart (authentication)', url: QUICKSTART_DOC },
    { title: 'Heroku CLI authentication', url: AUTHENTICATION_DOC },
    { title: 'Account verification', url: VERIFICATION_DOC },
    { title: 'Platform API reference', url: API_REFERENCE },
  ],
  pitfalls: [
    'Send the API key as `Authorization: Bearer <key>` with `Accept: application/vnd.heroku+json; version=3`.',
    'Regenerating the API key in the dashboard revokes the old key everywhere it is configured.',
    'Installing add-ons, even free ones, needs a verified account: the API answers 403 “verification_required”, not an authentication error.',
  ],
  rotate: {
    url: 'https://dashboard.heroku.com/account',
    steps: [
      'If the account API key leaked, choose Regenerate API Key under Account settings; the old key stops working.',
      'For tokens made with `heroku authorizations:create`, list them with `heroku authorizations` and revoke the leaked one with `heroku authorizations:revoke ID`.',
      'Log in again with `heroku login` and update CI variables such as `HEROKU_API_KEY`.',
    ],
  },
} satisfies ProviderPackInput;
