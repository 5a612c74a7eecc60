import type { ProviderPackInput } from '../schema.js';

const TOKEN_SPEC = 'https://distribution.github.io/distribution/spec/auth/token/';
const DOCKER_TOKEN_SPEC = 'https://docs.docker.com/registry/spec/auth/token/';
const ACCESS_TOKENS_DOC = 'https://docs.docker.com/go/access-tokens/';
const LOGIN_DOC = 'https://docs.docker.com/reference/cli/docker/login/';
const CREDS_STORE_DOC = 'https://docs.docker.com/reference/cli/docker/login/#credential-stores';
const ECR_AUTH_DOC = 'https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry_auth.html';
/** Said once in each explain that holds for any registry: the wording is the Docker client's own. */
const ANY_REGISTRY =
  'The wording is the Docker client’s, so it reads the same for any registry (Docker Hub, GHCR, ECR, GCR / Artifact Registry, ACR, GitLab, Harbor).';

export const dockerHub = {
  id: 'docker-hub',
  name: 'Docker Hub and container registries (Docker CLI, Registry HTTP API v2)',
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
      situation: 'docker login with a wrong username, password or access token',
      match: 'unauthorized: incorrect username or password',
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'The registry rejected the login. On Docker Hub the Docker ID is wrong (it is not the email), the personal access token was revoked or expired, or the account belongs to an SSO organisation that requires a personal access token instead of the password.',
      fix: [
        'Log in with the Docker ID and a personal access token: `echo "<PAT>" | docker login -u <DOCKER_ID> --password-stdin`.',
      ],
      docs: [ACCESS_TOKENS_DOC, LOGIN_DOC],
    },
    {
      id: 'registry-login-unauthorized',
      situation: 'the registry refused the credentials the Docker client sent (login, pull or push)',
      match: String.raw`\b(?:Get|Head|Post|Put|Patch) "?https?://[^\s"]{1,300}"?: unauthorized\b(?!: (?:incorrect username or password|authentication required|access token has insufficient scopes))`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.65,
      explain: `The registry answered 401 to a request the Docker client made with the stored (or just entered) credentials: a wrong password or token, an expired one (ECR tokens last 12 hours, GitHub and GitLab tokens can expire or lack the registry scope), or credentials stored for another registry host. ${ANY_REGISTRY}`,
      fix: [
        'Log in again to the exact registry host in the image name: `docker login <registry-host>` (Docker Hub: `docker login -u <DOCKER_ID>` with a personal access token; GHCR: a token with read:packages / write:packages; ECR: `aws ecr get-login-password --region <region> | docker login --username AWS --password-stdin <account>.dkr.ecr.<region>.amazonaws.com`).',
      ],
      docs: [LOGIN_DOC, TOKEN_SPEC],
    },
    {
      id: 'no-basic-auth-credentials',
      situation: 'docker push or pull with no stored login for the registry host',
      match: String.raw`\bno basic auth credentials(?![ \t]*[a-z0-9])`,
      cause: 'missing_credentials',
      confidence: 0.85,
      explain: `The Docker client had no credentials to send for this registry host: \`docker login\` never ran for it on this machine or CI runner (or ran as another user — sudo reads root’s ~/.docker/config.json), it ran for a different host name (with or without a port, another ECR account or region), or the credential helper named in ~/.docker/config.json could not hand the credentials back. ${ANY_REGISTRY}`,
      fix: [
        'Run `docker login <registry-host>` with the same user and host name the image uses, right before the push or pull (in CI, as a step of the same job).',
        'For ECR: `aws ecr get-login-password --region <region> | docker login --username AWS --password-stdin <account>.dkr.ecr.<region>.amazonaws.com` (the login lasts 12 hours).',
      ],
      docs: [LOGIN_DOC, ECR_AUTH_DOC],
    },
    {
      id: 'credential-helper-failed',
      situation: 'the Docker credential helper (osxkeychain, wincred, pass, secretservice, desktop) failed',
      match: String.raw`\berror (?:storing|getting|erasing|listing) credentials - err: |\bexec: "?docker-credential-[a-z0-9.-]{1,40}"?: executable file not found|\bdocker-credential-[a-z0-9.-]{1,40} resolves to executable in current directory`,
      cause: 'other',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'The Docker client could not store or read the login through the credential helper named by credsStore / credHelpers in ~/.docker/config.json, so later pushes and pulls go out without credentials. Typical reasons: a locked or changed macOS keychain (osxkeychain, also over SSH), Windows Credential Manager refusing long tokens such as ECR’s (wincred: "The stub received bad data"), an uninitialised password store (pass), no D-Bus session (secretservice), or "credsStore": "desktop" left behind after Docker Desktop was removed.',
      fix: [
        'Check "credsStore" and "credHelpers" in ~/.docker/config.json: fix the helper (unlock the keychain with `security unlock-keychain`, run `pass init <gpg-id>`, install the missing docker-credential-* binary), or remove the entry so the login is stored in the file, then `docker login` again.',
      ],
      docs: [CREDS_STORE_DOC],
    },
    {
      id: 'ecr-token-expired',
      situation: 'an Amazon ECR login older than 12 hours',
      match: 'Your authorization token has expired\\. Reauthenticate and try again',
      cause: 'expired_token',
      confidence: 0.9,
      explain:
        'ECR registry logins (from `aws ecr get-login-password`) are valid for 12 hours; the stored one has expired.',
      fix: [
        'Log in again before pushing or pulling: `aws ecr get-login-password --region <region> | docker login --username AWS --password-stdin <account>.dkr.ecr.<region>.amazonaws.com` (or use amazon-ecr-credential-helper, which refreshes it).',
      ],
      docs: [ECR_AUTH_DOC],
    },
    {
      id: 'registry-authentication-required',
      situation: 'a registry call without a (suitable) bearer token',
      match: String.raw`"code"\s*:\s*"UNAUTHORIZED"\s*,\s*"message"\s*:\s*"authentication required"|unauthorized: authentication required`,
      status: [401],
      cause: 'missing_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain: `The registry wants a token for this repository and action. For a first request this 401 is the normal start of the token handshake; after a token was sent it means the token’s scope does not cover this repository or action, or the repository is private and no login was used. ${ANY_REGISTRY}`,
      fix: [
        'With the Docker client: run `docker login <registry-host>` for the host in the image name, then retry.',
        'Over HTTP: follow the WWW-Authenticate challenge: `curl -u <DOCKER_ID>:<PAT> "https://auth.docker.io/token?service=registry.docker.io&scope=repository:library/nginx:pull"`, then send `Authorization: Bearer <token>` to the registry.',
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
      explain: `The registry refused the action on this repository: the repository name is wrong (a typo, or an image tagged without your Docker ID or organisation prefix, so the push goes to library/ or someone else’s namespace), the account may not write to it, the repository does not exist and the registry does not create it on push (ECR, GCR), or you are not logged in. ${ANY_REGISTRY}`,
      fix: [
        'Tag the image with the full repository name (Docker Hub: <DOCKER_ID or org>/<repo>:<tag>; other registries: <registry-host>/<namespace>/<repo>:<tag>), run `docker login <registry-host>`, and check you have write access to that repository (create it first on ECR).',
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
    '“no basic auth credentials” means the Docker client had nothing stored for that registry host: log in to the exact host (and port) in the image name, as the same user that pushes (sudo uses root’s config).',
    'Credential helpers (credsStore in ~/.docker/config.json) fail quietly at login time (“error storing credentials”); later pushes then have no credentials.',
    'The client messages are the same for every registry (Docker Hub, GHCR, ECR, GCR, ACR, GitLab); ECR logins expire after 12 hours.',
  ],
  rotate: {
    url: 'https://docs.docker.com/go/access-tokens/',
    steps: [
      'In Docker Hub open Account settings › Personal access tokens.',
      'Deactivate or delete the token and generate a new one with only the access it needs.',
      'Run `docker logout`, then `docker login -u USERNAME` and paste the new token as the password; update CI secrets too.',
    ],
  },
} satisfies ProviderPackInput;
