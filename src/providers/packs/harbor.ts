import type { ProviderPackInput } from '../schema.js';

const ROBOT_DOC =
  'https://goharbor.io/docs/main/working-with-projects/project-configuration/create-robot-accounts/';
const PUSH_PULL_DOC =
  'https://goharbor.io/docs/main/working-with-projects/working-with-images/pulling-pushing-images/';
const CSRF_ISSUE = 'https://github.com/goharbor/harbor/issues/15994';
const ROBOT_DOLLAR_ISSUE = 'https://github.com/goharbor/harbor/issues/9553';

export const harbor = {
  id: 'harbor',
  name: 'Harbor container registry',
  // Self-hosted: recognised by its CSRF header, its error wording and the robot$ account names.
  hosts: [],
  auth: [
    {
      in: 'basic',
      credential: 'a Harbor user (or robot account) and its password or secret, for the API and docker login',
      basicShape: 'username:password, or robot$<name>:<secret> for robot accounts',
      status: 'preferred',
      note: 'Robot account names start with robot$ (the prefix is configurable); the shell expands $… inside double quotes.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential:
        'a registry token from Harbor’s token service (/service/token), as the Docker client obtains after a 401 challenge',
      status: 'accepted',
    },
    {
      in: 'cookie',
      name: 'sid',
      credential: 'a browser session cookie',
      status: 'rejected',
      note: 'API calls with a session cookie also need X-Harbor-CSRF-Token; scripts should send Basic credentials and no cookie.',
    },
  ],
  headerNames: ['x-harbor-csrf-token'],
  errors: [
    {
      id: 'unauthorized-to-access-repository',
      situation: 'the account may not perform this action (push, pull, delete) on the repository',
      match: String.raw`unauthorized to access repository: [^\s,]{1,200}, action: [a-z*-]{1,20}`,
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'Harbor identified the caller but its role or robot permissions on the project do not include this action: a robot account created with Pull only (push needs Push, and on some versions Pull as well), a member role too low for the project, or an image name whose first path segment is not the project you think (images must be tagged <harbor-host>/<project>/<repo>). An expired or disabled robot account is treated as anonymous and gets the same answer.',
      fix: [
        'Check the robot account (or user role) on the project named before the first slash: grant Push and Pull to push, Pull to pull; recreate expired robots.',
        'Tag images as <harbor-host>/<project>/<repository>:<tag> and log in to that exact host: `echo "$SECRET" | docker login <harbor-host> -u \'robot$<name>\' --password-stdin`.',
      ],
      docs: [ROBOT_DOC, PUSH_PULL_DOC],
    },
    {
      id: 'basic-auth-failed-log',
      situation: 'Harbor core log: a Basic login that failed (wrong secret or wrong username)',
      match: String.raw`failed to authenticate user:\S{0,200}, error:`,
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.65,
      explain:
        'Harbor logs the username it actually received. If that name differs from the account (robot$ci-builder arriving as robot-builder, or robot$ as robot), the shell expanded $… inside double quotes before docker login or curl sent it; otherwise the password or robot secret is wrong, expired or was refreshed.',
      fix: [
        'Compare the username in the log with the account name; quote robot names with single quotes (\'robot$name\') or escape the dollar ("robot\\$name").',
        'If the name matches, refresh the robot secret (or copy the user’s CLI secret for OIDC users) and log in again.',
      ],
      docs: [ROBOT_DOC, ROBOT_DOLLAR_ISSUE],
    },
    {
      id: 'csrf-token-invalid',
      situation: 'an API call carrying a session cookie but no valid CSRF token',
      match: String.raw`"message"\s*:\s*"CSRF token invalid"`,
      status: [403],
      cause: 'wrong_token_type',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Harbor checks X-Harbor-CSRF-Token on state-changing API calls that come with a browser session (a sid cookie copied from the browser or kept in a cookie jar). Scripts should authenticate with Basic credentials and send no session cookie; /c/login is for the web UI only.',
      fix: [
        'Call the API with Basic credentials and without cookies: `curl -u <USER>:<PASSWORD> -X POST https://<harbor-host>/api/v2.0/…`.',
      ],
      docs: [CSRF_ISSUE],
    },
  ],
  requiresHttps: false,
  docs: [
    { title: 'Robot accounts', url: ROBOT_DOC },
    { title: 'Pulling and pushing images', url: PUSH_PULL_DOC },
    { title: 'CSRF token on API calls (maintainers’ answer)', url: CSRF_ISSUE },
  ],
  pitfalls: [
    'Robot account names contain a dollar sign (robot$name or robot$project+name): inside double quotes the shell expands $name, so the wrong username is sent. Use single quotes.',
    'Harbor answers a missing push permission with 401 "unauthorized to access repository …, action: push" rather than 403.',
    'Robot accounts expire (30 days by default on some versions); an expired robot fails like a wrong password.',
    'With OIDC authentication, docker login uses the user’s CLI secret from the user profile, not the identity provider password.',
  ],
} satisfies ProviderPackInput;
