/**
 * The Docker client and daemon talking to any registry: no stored login for the registry host, and credential
 * helpers (`credsStore` / `credHelpers`) that fail to store or read the login. Registry-specific wording
 * (Docker Hub's rate limits, its own denials) belongs to provider packs.
 */
import type { LibraryErrorInput } from '../schema.js';

const LOGIN_DOCS = 'https://docs.docker.com/reference/cli/docker/login/';

export const DOCKER_ERRORS: LibraryErrorInput[] = [
  {
    id: 'docker-no-basic-auth-credentials',
    library: 'Docker',
    match: '\\bno basic auth credentials\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.9,
    explain:
      'The registry asked for credentials and the Docker daemon had none stored for that registry host, so it sent nothing. Logins are kept per host (exactly as written in the image name) and per user (`~/.docker/config.json` of the user running the command): a fresh machine or CI runner, `sudo docker` vs `docker`, or a login to another host spelling (`registry.example.com` vs `registry.example.com:5000`) all end here.',
    fix: [
      'Log in to the exact registry host of the image first, as the user that runs the pull/push: `echo "$REGISTRY_TOKEN" | docker login <registry-host> -u <user> --password-stdin` (GitLab CI: `docker login -u "$CI_REGISTRY_USER" -p "$CI_JOB_TOKEN" "$CI_REGISTRY"`; ECR: `aws ecr get-login-password | docker login --username AWS --password-stdin <account>.dkr.ecr.<region>.amazonaws.com`).',
      'Check `~/.docker/config.json` of that user lists the host under `auths` (or `credHelpers`).',
    ],
    docs: [LOGIN_DOCS],
    examples: [
      'Error response from daemon: Head "https://registry.example.com/v2/team/app/manifests/1.0": no basic auth credentials',
      'denied: no basic auth credentials',
    ],
    near: ['Login Succeeded'],
  },
  {
    id: 'docker-pull-access-denied',
    library: 'Docker',
    match:
      "\\bpull access denied for [^,\\n]{1,200}, repository does not exist or may require '?docker login'?|\\bmay require 'docker login'",
    cause: 'missing_credentials',
    severity: 'warning',
    confidence: 0.5,
    explain:
      'The registry refused the pull without saying why: the repository or tag does not exist (a typo, a missing namespace), or it is private and the daemon has no login for this registry.',
    fix: [
      'Check the image name and tag (namespace included); if it is private, `docker login <registry-host>` as the user that runs the pull, then retry.',
    ],
    docs: [LOGIN_DOCS],
    examples: [
      "Error response from daemon: pull access denied for acme/worker, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    ],
  },
  {
    id: 'docker-credential-helper',
    library: 'Docker credential helpers',
    match:
      '\\berror (?:storing|getting|saving|erasing|listing) credentials\\b|\\bdocker-credential-[\\w-]{1,40}\\b[^\\n]{0,80}\\b(?:executable file not found|not found in \\$PATH|exit status \\d)|\\berror saving credentials\\b',
    cause: 'other',
    severity: 'warning',
    confidence: 0.6,
    explain:
      'Docker hands logins to the credential helper named in `~/.docker/config.json` (`credsStore` or `credHelpers`: `desktop`, `osxkeychain`, `wincred`, `pass`, `secretservice`, `ecr-login`), and that helper failed: it is not installed or not on PATH (often `desktop` left over after removing Docker Desktop, or inside WSL/CI), or its keyring is locked or absent on a headless machine. The login is then not stored or not read.',
    fix: [
      'Open `~/.docker/config.json`: install the helper named there (`docker-credential-<name>` must be on PATH), or remove the `credsStore` line to store logins in the file, then `docker login` again.',
      'On headless Linux, `pass`/`secretservice` need an initialised keyring (`pass init <gpg-id>`), or drop `credsStore`.',
    ],
    docs: ['https://docs.docker.com/reference/cli/docker/login/#credential-stores'],
    examples: [
      'Error saving credentials: error storing credentials - err: exit status 1, out: `error storing credentials - err: exit status 1, out: `The user name or passphrase you entered is not correct.``',
      'error getting credentials - err: exec: "docker-credential-desktop": executable file not found in $PATH, out: ``',
      'error getting credentials - err: exit status 1, out: `GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files`',
    ],
    near: ['Login Succeeded', 'Credentials saved'],
  },
  {
    id: 'registry-repository-action-denied',
    library: 'container registries (Docker Distribution, Harbor, GitLab, Quay)',
    match:
      '\\bunauthorized to access repository: (?<detail>[^,\\n]{1,200}, action: [\\w*]{1,20})|\\binsufficient_scope: authorization failed\\b|\\bdenied: permission_denied: write_package\\b|\\bdenied: Permission "[\\w.]{1,80}" denied\\b',
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The registry knows who is calling (login worked, pulls may work) but this account or token may not do this action on this repository: a robot account or deploy token with pull only, a personal access token without write scope, or a push to a namespace or project the account is not a member of.',
    fix: [
      'Give the account or token the push (write) permission on that project or repository (Harbor: robot account with Push; GitLab: `write_registry`; GitHub: `write:packages`; Docker Hub: a Read & Write token), or push to a namespace it owns.',
      'Check the image name: the first path part must be the project or namespace (`registry.example.com/<project>/<image>`).',
    ],
    docs: ['https://distribution.github.io/distribution/spec/auth/token/'],
    examples: [
      'unauthorized: unauthorized to access repository: team/api, action: push: unauthorized to access repository: team/api, action: push',
      'server message: insufficient_scope: authorization failed',
      'denied: permission_denied: write_package',
    ],
  },
  {
    id: 'registry-push-denied',
    library: 'Docker',
    match: '\\bdenied: requested access to the resource is denied\\b',
    unless: '\\bpull access denied\\b',
    cause: 'insufficient_scope_or_permissions',
    severity: 'warning',
    confidence: 0.6,
    explain:
      'The registry refused the push: the image is tagged for a namespace the logged-in account does not own (Docker Hub needs `<your-username>/<image>`), the login is for another registry host or user (`sudo docker` has its own login), or the token is read-only.',
    fix: [
      'Tag the image with a namespace you may push to (`docker tag app <user-or-org>/app:1.0`), log in to the same host as the same user that pushes, and use a token with write access.',
    ],
    docs: ['https://docs.docker.com/reference/cli/docker/image/push/'],
    examples: [
      'The push refers to repository [docker.io/library/app]\ndenied: requested access to the resource is denied',
    ],
  },
  {
    id: 'registry-authentication-required',
    library: 'container registries',
    match: '\\bunauthorized: authentication required\\b',
    cause: 'missing_credentials',
    severity: 'warning',
    confidence: 0.5,
    explain:
      'The registry did not accept the request as anyone: on pull or push, the daemon had no login for this exact registry host; on `docker login`, the user name or password (token) was refused, often because a `$` in it was expanded by the shell or the user name has another form (robot accounts: `robot$project+name`).',
    fix: [
      'Log in to the exact host of the image as the user that runs docker; pass secrets through `--password-stdin` and single-quote user names that contain `$`.',
    ],
    docs: ['https://docs.docker.com/reference/cli/docker/login/'],
    examples: [
      'Error response from daemon: Get "https://registry.example.com/v2/": unauthorized: authentication required',
    ],
  },
  {
    id: 'ecr-token-expired',
    library: 'Amazon ECR',
    match: '\\bYour authorization token has expired\\. Reauthenticate and try again\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.9,
    explain: 'ECR logins last 12 hours; the stored docker login for this registry is older than that.',
    fix: [
      'Log in again: `aws ecr get-login-password --region <region> | docker login --username AWS --password-stdin <account>.dkr.ecr.<region>.amazonaws.com` (or use the amazon-ecr-credential-helper).',
    ],
    docs: ['https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry_auth.html'],
    examples: ['denied: Your authorization token has expired. Reauthenticate and try again.'],
  },
];
