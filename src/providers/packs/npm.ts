import type { ProviderPackInput } from '../schema.js';

const TOKENS_DOC = 'https://docs.npmjs.com/about-access-tokens/';

export const npm = {
  id: 'npm',
  name: 'npm registry',
  hosts: [
    { host: 'registry.npmjs.org' },
    { host: 'www.npmjs.com', note: 'website: account, tokens and package settings' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential:
        'a granular access token (npm_…), configured per registry in .npmrc as `//registry.npmjs.org/:_authToken=${NPM_TOKEN}`',
      formats: ['npm.access_token'],
      status: 'preferred',
    },
    {
      in: 'basic',
      credential:
        'username and password (`_auth` in .npmrc), used by private registries such as Artifactory or Nexus',
      basicShape: 'username:password',
      status: 'accepted',
    },
    {
      in: 'header',
      name: 'npm-otp',
      credential:
        'a one-time password for accounts or packages that require two-factor authentication on writes',
      status: 'accepted',
    },
  ],
  headerNames: ['npm-otp', 'npm-command', 'npm-auth-type'],
  errors: [
    {
      id: 'token-seems-invalid',
      situation: 'a revoked, expired or mistyped token (classic tokens were revoked in November 2025)',
      match: 'Unable to authenticate, your authentication token seems to be invalid',
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'The registry rejected the token in .npmrc: it is mistyped, revoked (all legacy classic tokens were revoked on 5 November 2025), past its expiry (granular write tokens last at most 90 days), or the line is keyed to a different registry URL than the one the request went to.',
      fix: [
        'Create a granular access token on npmjs.com and configure it for the exact registry: `npm config set //registry.npmjs.org/:_authToken=<NPM_TOKEN>`, then check with `npm whoami`.',
      ],
      docs: [TOKENS_DOC],
    },
    {
      id: 'need-auth',
      situation: 'a command that needs a login ran without any token for the registry (ENEEDAUTH)',
      match:
        'ENEEDAUTH|need auth This command requires you to be logged in|This command requires you to be logged in to https?://',
      cause: 'missing_credentials',
      confidence: 0.85,
      explain:
        'npm has no credential for the registry it is talking to: no _authToken line for that registry in .npmrc, an empty NODE_AUTH_TOKEN / NPM_TOKEN variable in CI, or a token configured for another registry URL.',
      fix: [
        'Add `//registry.npmjs.org/:_authToken=${NPM_TOKEN}` to the .npmrc npm reads and make sure the variable is set in this environment (actions/setup-node writes it for NODE_AUTH_TOKEN when registry-url is given).',
      ],
      docs: [TOKENS_DOC],
    },
    {
      id: 'otp-required',
      situation: 'a write needs a second factor the token cannot provide (EOTP)',
      match: String.raw`\bEOTP\b|This operation requires a one-time password|OTP required for authentication`,
      status: [401],
      cause: 'wrong_token_type',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'The account or package requires two-factor authentication for writes, and the token in use cannot skip it. Interactively, pass --otp; in CI, a token without “bypass 2FA” will always stop here.',
      fix: [
        'Interactive: rerun with `--otp=<CODE>`. CI: use a granular access token with “Bypass two-factor authentication” enabled, or trusted publishing.',
      ],
      docs: [TOKENS_DOC],
    },
    {
      id: 'tfa-required-to-publish',
      situation: 'the package requires two-factor authentication (or a bypass token) to publish',
      match: 'requires that publishers enable TFA|granular access token with bypass 2fa enabled is required',
      cause: 'wrong_token_type',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Publishing this package needs either a second factor or a granular token allowed to bypass it.',
      fix: [
        'Publish with `--otp=<CODE>`, or from CI with a granular access token that has “Bypass two-factor authentication” enabled.',
      ],
      docs: [TOKENS_DOC],
    },
    {
      id: 'ip-not-allowed',
      situation: 'the token is restricted to IP ranges that do not include the caller (EAUTHIP)',
      match: String.raw`\bEAUTHIP\b|Login is not allowed from your IP address`,
      status: [401],
      cause: 'ip_blocked_or_restricted',
      confidence: 0.85,
      explain: 'The token has an allowed-IP (CIDR) restriction and this machine’s address is outside it.',
      fix: [
        'Add the CI runner’s egress range to the token’s allowed IP ranges, or create a token without that restriction.',
      ],
      docs: [TOKENS_DOC],
    },
    {
      id: 'incorrect-or-missing-password',
      situation: 'the registry asked for Basic credentials and the password was wrong or missing',
      match: 'npm (?:ERR!|error) Incorrect or missing password',
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'The registry challenged for Basic auth and the username / password npm sent did not work — usually `npm login` with a wrong password, or a private registry’s `_auth` value that is out of date.',
      fix: [
        'Log in again (`npm login --registry=<REGISTRY_URL>`) or update the registry’s `_auth` / token line in .npmrc.',
      ],
      docs: [TOKENS_DOC],
    },
    {
      id: 'unable-to-authenticate-need',
      situation: 'the registry (often a private one named in .npmrc) asked for credentials npm did not have',
      match: 'Unable to authenticate, need: ',
      status: [401],
      cause: 'missing_credentials',
      severity: 'warning',
      confidence: 0.65,
      explain:
        'npm got a 401 whose challenge it could not satisfy; the text after “need:” is the registry’s WWW-Authenticate header. A realm such as “Artifactory Realm”, “Sonatype Nexus Repository Manager” or “GitHub Package Registry” means a project or user .npmrc points npm at that registry, and the npmjs token is irrelevant.',
      fix: [
        'Run `npm config get registry` and look for registry= lines in the project and user .npmrc; either point back to https://registry.npmjs.org/ or add a token for that registry: `//<registry-host>/:_authToken=<TOKEN>`.',
      ],
      docs: [TOKENS_DOC],
    },
    {
      id: 'registry-401-request',
      situation: 'a request to registry.npmjs.org answered 401 (e.g. npm whoami with a bad token)',
      match: String.raw`401 Unauthorized - (?:GET|PUT|POST|DELETE) https?://registry\.npmjs\.org/`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain: 'registry.npmjs.org did not accept the credential npm sent for this request.',
      fix: ['Check the token with `npm whoami`; replace it with a new granular access token if that fails.'],
      docs: [TOKENS_DOC],
    },
    {
      id: 'publish-404',
      situation: 'publishing (or reading a private package) without permission: npm hides it behind 404',
      match: String.raw`404 Not Found - PUT https?://registry\.npmjs\.org/`,
      status: [404],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.5,
      explain:
        'npm answers 404 rather than 403 when the token may not write to the package or scope, or when no token was sent at all.',
      fix: [
        'Check that you are logged in (`npm whoami`) and that the token has read-and-write access to this package or scope (granular tokens list them explicitly).',
      ],
      docs: [TOKENS_DOC],
    },
  ],
  tokenLifetimes: [
    {
      token: 'granular access token with write permission',
      seconds: 7_776_000,
      text: 'at most 90 days',
    },
  ],
  docs: [{ title: 'About access tokens', url: TOKENS_DOC }],
  pitfalls: [
    '“need: Basic realm="Artifactory Realm"” means a project or user .npmrc redirected the registry — the npmjs token is irrelevant.',
    'Tokens without 2FA bypass fail with EOTP in CI when the account or package requires 2FA for writes; use a granular token with “Bypass 2FA” enabled.',
    'A 404 on publish or on a private package often means missing permission, not a missing package.',
    'Legacy classic tokens stopped working on 5 November 2025; pipelines still holding one get E401 until switched to a granular token.',
    'Granular tokens with write access expire after at most 90 days, so CI publishing breaks periodically unless the token is rotated.',
  ],
  rotate: {
    url: 'https://docs.npmjs.com/about-access-tokens/',
    steps: [
      'On npmjs.com open your avatar › Access Tokens, or run `npm token list`.',
      'Delete the token there, or with `npm token revoke TOKEN_ID`.',
      'Generate a new granular access token with only the packages and permissions it needs; tokens with write access expire within 90 days.',
      "Update `NPM_TOKEN` in CI and any `.npmrc` that holds it, and check your packages' recent versions for releases you did not publish.",
    ],
  },
} satisfies ProviderPackInput;
