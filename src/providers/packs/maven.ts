import type { ProviderPackInput } from '../schema.js';

const SETTINGS_SERVERS_DOC = 'https://maven.apache.org/settings.html#servers';
const ENCRYPTION_DOC = 'https://maven.apache.org/guides/mini/guide-encryption.html';
const CENTRAL_401_DOC = 'https://central.sonatype.org/faq/401-error/';
const GRADLE_REPOS_DOC = 'https://docs.gradle.org/current/userguide/declaring_repositories.html';

/**
 * The Maven (wagon and resolver) and Gradle client side of repository authentication, whatever the server
 * (Nexus, Artifactory, GitHub Packages, Azure Artifacts, Reposilite, Maven Central publishing).
 */
export const maven = {
  id: 'maven',
  name: 'Maven and Gradle repository clients',
  hosts: [
    { host: 'repo.maven.apache.org', note: 'Maven Central (read-only, anonymous)' },
    { host: 'repo1.maven.org', note: 'Maven Central (read-only, anonymous)' },
    { host: 'central.sonatype.com', note: 'Central Publisher Portal: publishing with a Portal user token' },
    {
      host: 'ossrh-staging-api.central.sonatype.com',
      note: 'Portal OSSRH Staging API (OSSRH-compatible publishing with a Portal user token)',
    },
    { host: 'oss.sonatype.org', note: 'legacy OSSRH, shut down on 30 June 2025' },
    { host: 's01.oss.sonatype.org', note: 'legacy OSSRH, shut down on 30 June 2025' },
  ],
  auth: [
    {
      in: 'basic',
      credential:
        'the username and password (or token) of the <server> in settings.xml whose <id> equals the repository id',
      basicShape: 'username:password_or_token',
      status: 'preferred',
      note: 'Maven matches credentials to repositories by id only; the URL does not matter.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential:
        'a token sent through <server><configuration><httpHeaders> (or Gradle HttpHeaderCredentials)',
      status: 'accepted',
    },
  ],
  errors: [
    {
      id: 'maven-transfer-401',
      situation: 'Maven got 401 from the repository while deploying or resolving',
      match: String.raw`status code: 401, reason phrase: Unauthorized|Return code is: 401, ReasonPhrase: ?Unauthorized|(?:[Aa]uthentication|Transfer) failed for https?://\S{1,300}(?:,\s*status:)? 401 Unauthorized|Failed to transfer file:? https?://\S{1,300} with status code 401`,
      cause: 'missing_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'The repository refused the request Maven sent. Maven only attaches credentials from a settings.xml <server> whose <id> is exactly the id of the repository (distributionManagement, repositories or a mirror) — a different id (server “nexus” for repository “nexus-releases”) means Maven sends nothing at all, which is why the same user and password work with curl. Otherwise the password or token is wrong or expired, an encrypted password cannot be decrypted (settings-security.xml missing on this machine), or CI uses another settings.xml.',
      fix: [
        'Give the <server> in settings.xml the same <id> as the repository in the POM (or the mirror), with the username and password or token: `<server><id>nexus-releases</id><username>…</username><password>…</password></server>`.',
        'Check what Maven actually uses: `mvn help:effective-settings` (and `mvn -s <file>` in CI), and run with -X to see which repository id and URL got the 401.',
      ],
      docs: [SETTINGS_SERVERS_DOC, ENCRYPTION_DOC, CENTRAL_401_DOC],
    },
    {
      id: 'gradle-received-401',
      situation: 'Gradle got 401 from a Maven repository',
      match: String.raw`Could not (?:GET|PUT|HEAD|POST) '[^'\s]{1,300}'\. Received status code 401 from server: Unauthorized`,
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.55,
      explain:
        'The repository refused Gradle’s request: the repository block has no credentials (or they resolve to empty because a gradle.properties or environment variable is not set where the build runs), the username or token is wrong or expired, or the token lacks the scope the server needs (GitHub Packages needs read:packages / write:packages).',
      fix: [
        'Declare credentials on that repository (`credentials { username = providers.gradleProperty("repoUser").get(); password = providers.gradleProperty("repoToken").get() }`) and check the properties are set on the machine that runs the build.',
      ],
      docs: [GRADLE_REPOS_DOC],
    },
  ],
  endpoints: [
    {
      path: '^/(?:service/local/staging|content/repositories)/',
      host: 'oss.sonatype.org',
      status: 'removed',
      message:
        'OSSRH (oss.sonatype.org) was shut down on 30 June 2025; publishing moved to the Central Publisher Portal.',
      fix: [
        'Publish through central.sonatype.com (central-publishing-maven-plugin) or the Portal OSSRH Staging API, with a user token generated in the Central Portal.',
      ],
      docs: [CENTRAL_401_DOC],
    },
    {
      path: '^/(?:service/local/staging|content/repositories)/',
      host: 's01.oss.sonatype.org',
      status: 'removed',
      message:
        'OSSRH (s01.oss.sonatype.org) was shut down on 30 June 2025; publishing moved to the Central Publisher Portal.',
      fix: [
        'Publish through central.sonatype.com (central-publishing-maven-plugin) or the Portal OSSRH Staging API, with a user token generated in the Central Portal.',
      ],
      docs: [CENTRAL_401_DOC],
    },
  ],
  docs: [
    { title: 'Maven settings: servers', url: SETTINGS_SERVERS_DOC },
    { title: 'Password encryption', url: ENCRYPTION_DOC },
    { title: 'Central: 401 Unauthorized error', url: CENTRAL_401_DOC },
    { title: 'Gradle: declaring repositories and credentials', url: GRADLE_REPOS_DOC },
  ],
  pitfalls: [
    'Maven looks up credentials by repository id: the settings.xml <server><id> must equal the <repository><id> (or <snapshotRepository><id>, or the mirror id). With any other id Maven sends no credentials and the server answers 401 — while curl with the same password works.',
    'Release and snapshot repositories usually have different ids; each needs its own <server> entry.',
    'CI often runs with another settings.xml (or none): pass it with `mvn -s` and check `mvn help:effective-settings`.',
    'Encrypted passwords ({…}) need the matching settings-security.xml on the same machine.',
  ],
} satisfies ProviderPackInput;
