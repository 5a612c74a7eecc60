import type { ProviderPackInput } from '../schema.js';

const TOKEN_SPEC = 'https://distribution.github.io/distribution/spec/auth/token/';
const DOCKER_TOKEN_SPEC = 'https://docs.docker.com/registry/spec/auth/token/';
const ACCESS_TOKENS_DOC = 'https://docs.docker.com/go/access-tokens/';

export const dockerHub = {
  id: 'docker-hub',
  name: 'Docker Hub and the Docker Registry HTTP API v2',
  hosts: [
    { host: 'registry-1.docker.io', basePath: '/v2' },
    { host: 'index.docker.io', basePath: '/v2' },
    { host: 'registry.hub.docker.com', basePath: '/v2' },
    { host: 'auth.docker.io', note: 'token service (/token)' },
    { host: 'hub.docker.com', basePath: '/v2', note: 'Docker Hub API (repositories, users, tokens)' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential:
        'a short-lived registry token from auth.docker.io/token, scoped to repository:<namespace>/<repo>:<actions>',
      status: 'preferred',
      note: 'obtained by following the WWW-Authenticate challenge of the first 401',
    },
    {
      in: 'basic',
      credential:
        'Docker ID and a personal access token (or password), at the token service or in `docker login`',
      basicShape: 'docker_id:personal_access_token',
      formats: ['docker.personal_access_token'],
      status: 'accepted',
      note: 'organisations with SSO require a personal access token instead of the password',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a Docker Hub personal access token sent straight to the registry',
      formats: ['docker.personal_access_token'],
      status: 'rejected',
      note: 'the registry wants the token issued by auth.docker.io, not the PAT itself',
    },
  ],
  errors: [
    {
      id: 'access-token-insufficient-scopes',
      situation: 'a read-only personal access token used for push (or a token without the needed scope)',
      match: 'access token has insufficient scopes',
      status: [401],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.9,
      explain:
        'The personal access token’s scope (Read-only, Read & Write, Read, Write & Delete) does not allow the requested action.',
      fix: [
        'Create a personal access token with the scope the action needs (Read & Write to push) and log in with it.',
      ],
      docs: [ACCESS_TOKENS_DOC],
    },
    {
      id: 'insufficient-scope-challenge',
      situation: 'the bearer token does not cover the requested repository action',
      match: String.raw`realm="?https://auth\.docker\.io/token[^\n]{0,300}error="?insufficient_scope|insufficient_scope: authorization failed`,
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'The token was accepted but not for this action: pushing with a pull-only token, a repository name that differs from the one the token was scoped to (namespace typos are common), or a repository the account may not write to.',
      fix: [
        'Check the image name’s namespace matches your Docker ID or organisation, and that the personal access token has Read & Write scope; then `docker login` again.',
      ],
      docs: [TOKEN_SPEC, ACCESS_TOKENS_DOC],
    },
    {
      id: 'incorrect-username-or-password',
      situation: 'docker login with a wrong Docker ID, password or personal access token',
      match: 'unauthorized: incorrect username or password',
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'Docker Hub rejected the login. The Docker ID is wrong (it is not the email), the personal access token was revoked or expired, or the account belongs to an SSO organisation that requires a personal access token instead of the password.',
      fix: [
        'Log in with the Docker ID and a personal access token: `echo "<PAT>" | docker login -u <DOCKER_ID> --password-stdin`.',
      ],
      docs: [ACCESS_TOKENS_DOC],
    },
    {
      id: 'registry-authentication-required',
      situation: 'a registry call without a (suitable) bearer token',
      match: String.raw`"code"\s*:\s*"UNAUTHORIZED"\s*,\s*"message"\s*:\s*"authentication required"|unauthorized: authentication required`,
      status: [401],
      cause: 'missing_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'The registry wants a token for this repository and action. For a first request this 401 is the normal start of the token handshake; after a token was sent it means the token’s scope does not cover this repository or action, or the repository is private and no login was used.',
      fix: [
        'Follow the WWW-Authenticate challenge: `curl -u <DOCKER_ID>:<PAT> "https://auth.docker.io/token?service=registry.docker.io&scope=repository:library/nginx:pull"`, then send `Authorization: Bearer <token>` to the registry.',
        'Official images need the library/ namespace in the scope (repository:library/alpine:pull).',
      ],
      docs: [TOKEN_SPEC, DOCKER_TOKEN_SPEC],
    },
    {
      id: 'token-challenge',
      situation: 'the registry’s WWW-Authenticate challenge pointing at the Docker Hub token service',
      match: String.raw`realm="?https://auth\.docker\.io/token`,
      status: [401],
      cause: 'missing_credentials',
      severity: 'info',
      confidence: 0.5,
      explain:
        'This challenge names the token service, service and scope to use. Clients are expected to fetch a token there and retry; a 401 here is only a problem if the retry with the token fails too.',
      fix: [
        'Request a token from the realm with the same service and scope values, then retry with `Authorization: Bearer <token>`.',
      ],
      docs: [TOKEN_SPEC],
    },
    {
      id: 'requested-access-denied',
      situation: 'push or pull of a repository the account may not access (or a mistyped namespace)',
      match: 'requested access to the resource is denied',
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'The registry refused the action on this repository: the namespace is not yours or your organisation’s (a typo, or tagging without your Docker ID prefix), the repository is private, or you are not logged in.',
      fix: [
        'Tag the image as <DOCKER_ID or org>/<repo>:<tag>, run `docker login`, and check you have write access to that repository.',
      ],
      docs: [ACCESS_TOKENS_DOC],
    },
    {
      id: 'pull-access-denied',
      situation: 'pulling a repository that does not exist or is private without a login',
      match: String.raw`pull access denied for [^,\s]{1,200}, repository does not exist or may require`,
      cause: 'missing_credentials',
      severity: 'warning',
      confidence: 0.5,
      explain:
        'Docker Hub answers the same way for a repository that does not exist (typo, wrong namespace) and for a private one pulled without logging in.',
      fix: ['Check the image name; if it is private, run `docker login` with an account that can read it.'],
      docs: [ACCESS_TOKENS_DOC],
    },
  ],
  tokenLifetimes: [
    { token: 'registry bearer token', seconds: 300, text: 'expires_in 300 seconds (5 minutes)' },
  ],
  docs: [
    { title: 'Token authentication specification', url: TOKEN_SPEC },
    { title: 'Docker registry token authentication', url: DOCKER_TOKEN_SPEC },
    { title: 'Personal access tokens', url: ACCESS_TOKENS_DOC },
  ],
  pitfalls: [
    'A 401 from /v2/ is the normal first step of the token handshake: follow the WWW-Authenticate realm, service and scope.',
    'Official images need the library/ namespace in the scope (repository:library/alpine:pull); a token scoped to “alpine” has no access and the retry 401s again.',
    'Docker IDs are case-sensitive, and organisations with SSO require a personal access token instead of the password.',
    'A stale `docker login` for Docker Hub can break anonymous pulls of public images; `docker logout` fixes it.',
  ],
} satisfies ProviderPackInput;
