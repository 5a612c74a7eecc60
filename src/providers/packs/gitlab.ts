import type { ProviderPackInput } from '../schema.js';

const AUTH_DOCS = 'https://docs.gitlab.com/api/rest/authentication/';
const PAT_DOCS = 'https://docs.gitlab.com/ee/user/profile/personal_access_tokens.html';

export const gitlab = {
  id: 'gitlab',
  name: 'GitLab REST API (v4)',
  hosts: [
    {
      host: 'gitlab.com',
      basePath: '/api/v4',
      note: 'GitLab.com; self-managed instances use https://HOST/api/v4 with tokens issued by that instance',
    },
  ],
  auth: [
    {
      in: 'header',
      name: 'PRIVATE-TOKEN',
      credential: 'a personal, project or group access token (glpat-…)',
      formats: ['gitlab.pat'],
      status: 'preferred',
      note: 'The header name is case-insensitive.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an OAuth 2.0 access token, or a personal/project/group access token',
      formats: ['gitlab.pat'],
      status: 'accepted',
    },
    {
      in: 'query',
      name: 'private_token',
      credential: 'a personal, project or group access token',
      formats: ['gitlab.pat'],
      status: 'accepted',
      note: 'Query strings end up in logs; prefer the PRIVATE-TOKEN header.',
    },
    {
      in: 'query',
      name: 'access_token',
      credential: 'an OAuth 2.0 access token',
      status: 'accepted',
    },
    {
      in: 'header',
      name: 'JOB-TOKEN',
      credential: 'the CI/CD job token ($CI_JOB_TOKEN)',
      formats: ['gitlab.ci_job_token'],
      status: 'accepted',
      note: 'Only a few endpoints accept job tokens (packages, releases, the job itself, …); the `job_token` query parameter and `Authorization: Bearer` also work there.',
    },
    {
      in: 'body',
      name: 'token',
      credential: 'a pipeline trigger token (glptt-…)',
      formats: ['gitlab.pipeline_trigger_token'],
      status: 'accepted',
      note: 'Only for POST /projects/:id/trigger/pipeline.',
    },
    {
      in: 'header',
      name: 'PRIVATE-TOKEN',
      credential: 'a deploy token (gldt-…)',
      formats: ['gitlab.deploy_token'],
      status: 'rejected',
      note: 'Deploy tokens work for git, the container registry and package registries only, never for the REST API.',
    },
    {
      in: 'header',
      name: 'PRIVATE-TOKEN',
      credential: 'a feed token (glft-…) or runner authentication token (glrt-…)',
      formats: ['gitlab.feed_token', 'gitlab.runner_token'],
      status: 'rejected',
      note: 'Feed tokens only open RSS/calendar feeds; runner tokens only talk to the runner API.',
    },
  ],
  headerNames: ['private-token', 'job-token'],
  errors: [
    {
      id: 'unauthorized',
      situation: 'missing, invalid, revoked or expired token (the bare GitLab 401 body)',
      match: String.raw`^\s*\{\s*"message"\s*:\s*"401 Unauthorized"\s*\}\s*$|GitlabAuthenticationError: 401: 401 Unauthorized`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.55,
      explain:
        'GitLab answers every authentication failure with the same body: the token is missing, mistyped, revoked, expired, or comes from another GitLab instance.',
      fix: [
        'Send the token as `PRIVATE-TOKEN: <YOUR_TOKEN>` and check it is listed, unexpired, at /-/user_settings/personal_access_tokens on the same instance you call.',
        'Tokens made without an expiry date were given one; a token that worked for a year may simply have expired.',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'token-revoked',
      situation: 'a revoked OAuth or access token',
      match: String.raw`Token was revoked\. You have to re-authorize from the user`,
      status: [401],
      cause: 'invalid_credentials',
      explain: 'GitLab knows this token but it was revoked (by the user, an admin, or rotation).',
      fix: [
        'Obtain a new token (re-run the OAuth authorization, or create a new access token) and replace the old one.',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'token-expired',
      situation: 'an expired OAuth or access token',
      match: String.raw`Token is expired\. You can either do re-authorization or token refresh`,
      status: [401],
      cause: 'expired_token',
      explain:
        'The token has passed its expiry: OAuth access tokens live 2 hours, access tokens until their expiry date.',
      fix: [
        'For OAuth, exchange the refresh token at /oauth/token (grant_type=refresh_token).',
        'For an access token, create or rotate a new one and update every place it is configured.',
      ],
      docs: ['https://docs.gitlab.com/ee/integration/oauth_provider.html#access-token-expiration', PAT_DOCS],
    },
    {
      id: 'insufficient-scope',
      situation: 'a valid token without the scope the endpoint needs',
      match: String.raw`"error"\s*:\s*"insufficient_scope"[^}]{0,300}"scope"\s*:\s*"(?:api|read_api|read_user|read_repository|write_repository|read_registry|write_registry|sudo|admin_mode|create_runner|manage_runner|k8s_proxy|ai_features|read_service_ping)`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      explain:
        'The token is valid but lacks the scope the body names. `read_repository`/`write_repository` only cover git; REST calls need `api` (or `read_api` for reads).',
      fix: [
        'Create a token with the scope named in the response (usually `api` or `read_api`) and use it instead.',
      ],
      docs: [PAT_DOCS],
    },
    {
      id: 'git-http-basic-denied',
      situation: 'git over HTTPS with a wrong password or token',
      match: 'HTTP Basic: Access denied',
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'GitLab refused the git credentials: the token is wrong or expired, or the account has two-factor authentication and a password was sent where a personal access token is required.',
      fix: [
        'Use a personal access token with `read_repository`/`write_repository` as the password, and clear the old password from the git credential helper.',
      ],
      docs: [PAT_DOCS],
    },
  ],
  tokenLifetimes: [
    { token: 'OAuth 2.0 access token', seconds: 7200, text: '2 hours (refresh with the refresh_token)' },
    {
      token: 'personal / project / group access token',
      text: 'at most 1 year; an expiry date is mandatory',
    },
    { token: 'token rotated via the API', text: 'the new token expires after 1 week by default' },
  ],
  scopes: [
    { method: 'GET', path: '^/api/v4/user$', scopes: ['read_user', 'read_api', 'api'] },
    { method: 'GET', path: '^/api/v4/', scopes: ['read_api', 'api'] },
    { method: 'POST', path: '^/api/v4/', scopes: ['api'] },
    { method: 'PUT', path: '^/api/v4/', scopes: ['api'] },
    { method: 'PATCH', path: '^/api/v4/', scopes: ['api'] },
    { method: 'DELETE', path: '^/api/v4/', scopes: ['api'] },
  ],
  endpoints: [
    {
      path: '^/api/v3/',
      status: 'removed',
      message: 'GitLab API v3 was removed; only /api/v4 exists.',
      fix: ['Call the same resource under /api/v4/ (the paths and some fields changed).'],
      docs: ['https://docs.gitlab.com/api/rest/'],
    },
  ],
  docs: [
    { title: 'REST API authentication', url: AUTH_DOCS },
    { title: 'Personal access tokens', url: PAT_DOCS },
    {
      title: 'OAuth 2.0 access token expiration',
      url: 'https://docs.gitlab.com/ee/integration/oauth_provider.html#access-token-expiration',
    },
  ],
  pitfalls: [
    "Without valid credentials many endpoints still answer 200 with only public data: an 'empty' result can be an auth problem.",
    'read_repository / write_repository scopes only cover git; REST calls (for example releases) need api or read_api, otherwise 403 insufficient_scope.',
    'Deploy tokens are rejected by the REST API by design.',
    'A token is only valid on the instance that issued it: a self-managed token sent to gitlab.com (or the reverse) gets 401.',
    'Tokens created without expiry before the policy change were assigned an expiry date, so old integrations may suddenly get 401 after about a year.',
  ],
  rotate: {
    url: 'https://docs.gitlab.com/ee/user/profile/personal_access_tokens.html',
    steps: [
      "On your GitLab instance open your avatar › Edit profile › Access tokens; project and group tokens are under that project's or group's Settings › Access tokens.",
      'Revoke the token, or rotate it with `POST /api/v4/personal_access_tokens/:id/rotate`, which revokes it and returns a new one with the same scopes.',
      'Create any new token with only the scopes it needs and an expiry date, then update CI/CD variables and `.env` files.',
      "Check the token's last-used time and, where you have them, the audit events for activity you do not recognise.",
    ],
  },
} satisfies ProviderPackInput;
