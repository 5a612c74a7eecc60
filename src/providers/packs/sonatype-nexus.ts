import type { ProviderPackInput } from '../schema.js';

const DOCKER_AUTH_DOC = 'https://help.sonatype.com/repomanager3/formats/docker-registry/authentication';
const USER_TOKEN_KB =
  'https://support.sonatype.com/hc/en-us/articles/360049469534-401-Content-access-is-protected-by-token-when-accessing-repositories';
const NPM_REALM_NOTE = 'https://github.com/sonatype/nexus-book/pull/93';

export const sonatypeNexus = {
  id: 'nexus',
  name: 'Sonatype Nexus Repository',
  // Self-hosted: recognised by its Basic realm name and error wording.
  hosts: [],
  auth: [
    {
      in: 'basic',
      credential: 'a Nexus user and password, or a user token (name code and pass code)',
      basicShape: 'username:password, or user_token_name_code:user_token_pass_code',
      status: 'preferred',
      note: 'Maven, Gradle, pip, NuGet and the REST API use Basic; format-specific clients need their realm active (npm Bearer Token Realm, Docker Bearer Token Realm).',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an npm token issued by `npm login` against Nexus (NpmToken), or a Docker registry token',
      status: 'accepted',
      note: 'only honoured when the npm Bearer Token Realm (or Docker Bearer Token Realm) is active under Security → Realms',
    },
  ],
  headerNames: ['x-nexus-ui', 'nx-anti-csrf-token'],
  errors: [
    {
      id: 'npm-needs-basic-realm',
      situation: 'npm login or install against Nexus answered with the Basic challenge',
      match: 'Unable to authenticate, need: BASIC realm="?Sonatype Nexus Repository Manager',
      cause: 'server_misconfiguration',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'Nexus did not accept what npm sent and asks for Basic credentials. `npm login` (and the bearer token npm then stores in .npmrc) only works when the “npm Bearer Token Realm” is active in Security → Realms; on a fresh install it is not. With the realm active, the same answer means the username or password is wrong, or the npm token belongs to a user from a realm that cannot validate it.',
      fix: [
        'Ask an administrator to add “npm Bearer Token Realm” to the active realms (Security → Realms), then run `npm login --registry=<repository-url>` again.',
        'Or skip npm login and configure Basic credentials for that registry in .npmrc (`//<host>/repository/<repo>/:_auth=<base64 of user:password>`).',
      ],
      docs: [NPM_REALM_NOTE],
    },
    {
      id: 'basic-challenge',
      situation: 'Nexus asked for Basic credentials',
      match: 'Basic realm="Sonatype Nexus Repository Manager"',
      status: [401],
      cause: 'missing_credentials',
      severity: 'info',
      confidence: 0.5,
      explain:
        'This is Nexus’s challenge: the request carried no credentials Nexus accepted (none, wrong ones, or a token type whose realm is not active). Anonymous access may be off, or the repository requires authentication.',
      fix: [
        'Send Basic credentials of a Nexus user (or user token) with the request: `curl -u <USER>:<PASSWORD> <URL>`.',
      ],
      docs: [USER_TOKEN_KB],
    },
    {
      id: 'content-protected-by-token',
      situation: 'a repository that only accepts user tokens, called with a username and password',
      match: 'Content access is protected by token',
      status: [401],
      cause: 'wrong_token_type',
      confidence: 0.9,
      explain:
        'Nexus is set to “Require user tokens for repository authentication”, so the account’s normal username and password are refused for repository content. It wants the user token’s name code and pass code in their place (this is also what Sonatype’s own publishing service answers).',
      fix: [
        'Generate a user token (profile → User Token) and use its name code as the username and its pass code as the password in settings.xml, gradle.properties or .npmrc.',
      ],
      docs: [USER_TOKEN_KB],
    },
  ],
  requiresHttps: false,
  docs: [
    { title: '401 Content access is protected by token (user tokens)', url: USER_TOKEN_KB },
    { title: 'Docker registry authentication (Docker Bearer Token Realm)', url: DOCKER_AUTH_DOC },
    { title: 'npm login needs the npm Bearer Token Realm', url: NPM_REALM_NOTE },
  ],
  pitfalls: [
    '`npm login` needs the npm Bearer Token Realm, and `docker login` the Docker Bearer Token Realm, active under Security → Realms; both are off on a fresh install.',
    'With “Require user tokens for repository authentication” on, build tools must use user token codes, not the account password.',
    'Maven sends credentials only from a settings.xml <server> whose <id> equals the repository id in the POM; otherwise the request is anonymous and Nexus answers 401.',
  ],
} satisfies ProviderPackInput;
