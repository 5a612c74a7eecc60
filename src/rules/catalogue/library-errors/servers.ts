/**
 * Infrastructure people call with their own credentials: HashiCorp Vault, RabbitMQ's management API, Jenkins,
 * package repositories and the build tools that talk to them (Maven, Gradle, npm, pip/twine, NuGet; Nexus,
 * Artifactory, GitHub Packages behind them), and the databases and caches whose refusals land in the same
 * pastes (PostgreSQL, MySQL, MongoDB, Redis).
 */
import type { LibraryErrorInput } from '../schema.js';

const VAULT_TOKENS = 'https://developer.hashicorp.com/vault/docs/concepts/tokens';
const RABBIT_ACCESS = 'https://www.rabbitmq.com/docs/access-control';
const JENKINS_AUTH = 'https://www.jenkins.io/doc/book/system-administration/authenticating-scripted-clients/';
const MAVEN_SETTINGS = 'https://maven.apache.org/settings.html#servers';
const GRADLE_CREDS =
  'https://docs.gradle.org/current/userguide/declaring_repositories.html#sec:handling_credentials';
const NPMRC = 'https://docs.npmjs.com/cli/configuring-npm/npmrc#auth-related-configuration';
const PYPI_AUTH = 'https://pypi.org/help/#invalid-auth';
const NUGET_CREDS = 'https://learn.microsoft.com/nuget/reference/nuget-config-file#packagesourcecredentials';

export const SERVER_ERRORS: LibraryErrorInput[] = [
  // HashiCorp Vault
  {
    id: 'vault-missing-token',
    library: 'HashiCorp Vault',
    match: '\\bmissing client token\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.88,
    explain:
      'Vault received no token: it reads `X-Vault-Token` (or `Authorization: Bearer`), and the client sent neither (an empty `VAULT_TOKEN`, an agent whose sink file is empty, a request built by hand without the header).',
    fix: [
      'Send the token as `X-Vault-Token: <YOUR_TOKEN>` (the CLI reads `VAULT_TOKEN` or `~/.vault-token`), or log in first (`vault login -method=<method>`).',
    ],
    whenSent: {
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.55,
      explain:
        'Vault saw no token although the request sends a credential: Vault only reads `X-Vault-Token` or `Authorization: Bearer <token>`, so a token in another header (or with another scheme word) counts as none; a proxy in front of Vault may also drop the header.',
      fix: ['Send the token as `X-Vault-Token: <YOUR_TOKEN>`.'],
    },
    docs: [VAULT_TOKENS],
    examples: ['Code: 400. Errors:\n\n* missing client token', '{"errors":["missing client token"]}'],
  },
  {
    id: 'vault-ttl-capped',
    library: 'HashiCorp Vault',
    match:
      '\\bTTL of "[^"\\n]{1,30}" exceeded the effective max_ttl\\b|\\bexceeded the effective max_ttl of\\b|\\bTTL value is capped accordingly\\b',
    cause: 'expired_token',
    severity: 'warning',
    confidence: 0.72,
    explain:
      "Vault capped a renewal at the token's max TTL: renewing no longer extends it, and when the max TTL is reached the token expires for good (Vault then answers `permission denied`). Agents and apps that only renew, and never log in again, fail once a month (the system max TTL is 768 h) or as soon as the role's `token_max_ttl` runs out.",
    fix: [
      'Log in again when renewal stops extending the TTL (Vault Agent does this with auto-auth; apps must re-authenticate, not only renew), or make the role issue periodic tokens (`token_period`) that renew indefinitely.',
      "Check the token's remaining life with `vault token lookup` (`ttl`, `expire_time`, `explicit_max_ttl`).",
    ],
    docs: [VAULT_TOKENS],
    examples: [
      'WARNING! The following warnings were returned from Vault:\n  * TTL of "24h" exceeded the effective max_ttl of "5m"; TTL value is capped accordingly',
    ],
  },
  {
    id: 'vault-permission-denied',
    library: 'HashiCorp Vault',
    match:
      '\\bCode: 403\\. Errors:\\s{0,8}\\*\\s{0,4}(?:\\d errors occurred:\\s{0,8}\\*\\s{0,4})?permission denied\\b|\\{"errors":\\["(?:\\d errors occurred:\\\\n\\\\t\\* )?permission denied|(?:^|\\n)[ \\t]{0,4}\\*[ \\t]{1,4}permission denied[ \\t]{0,4}(?:$|\\n)',
    cause: 'insufficient_scope_or_permissions',
    severity: 'warning',
    confidence: 0.5,
    explain:
      "Vault answers `permission denied` both when the token's policies do not allow this path and capability, and when the token itself is expired, revoked or unknown (the response then often adds `invalid token`). If it worked before and nothing changed in the policies, the token has most likely reached its TTL or max TTL.",
    fix: [
      '`vault token lookup` with the same token: if it fails, the token is expired or revoked (log in again); if it works, compare its `policies` with the path (`vault token capabilities <path>`) and grant the missing capability.',
      'Remember KV v2 paths: policies need `secret/data/<path>`, not `secret/<path>`.',
    ],
    docs: [VAULT_TOKENS, 'https://developer.hashicorp.com/vault/docs/concepts/policies'],
    examples: [
      'URL: GET https://vault.example.com:8200/v1/secret/data/app\nCode: 403. Errors:\n\n* permission denied',
      '{"errors":["permission denied"]}',
    ],
  },
  {
    id: 'vault-lease-expired',
    library: 'HashiCorp Vault',
    match:
      '\\blease (?:is )?(?:expired|not found or lease is not renewable)\\b|\\blease is not renewable\\b|\\brevoked lease: lease_id=',
    cause: 'expired_token',
    severity: 'warning',
    confidence: 0.65,
    explain:
      'A Vault lease (dynamic database or cloud credentials, or the token that created them) ran out or was revoked; credentials issued under it stop working at the same moment.',
    fix: [
      'Read fresh credentials from Vault when the lease ends (Vault Agent templates re-render them), and raise the role’s `max_ttl` if leases end too soon.',
    ],
    docs: ['https://developer.hashicorp.com/vault/docs/concepts/lease'],
    examples: ['expiration: revoked lease: lease_id=auth/kubernetes/login/f8faa7a8'],
  },
  // RabbitMQ
  {
    id: 'rabbitmq-invalid-credentials',
    library: 'RabbitMQ',
    match:
      '\\bHTTP access denied: user \'[^\'\\n]{0,100}\' - invalid credentials\\b|\\bACCESS_REFUSED - Login was refused using authentication mechanism\\b|"not_authori[sz]ed"\\s?,\\s?"reason"\\s?:\\s?"Login failed"|\\bnot_authori[sz]ed\\)?:? Login failed\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.85,
    explain:
      'RabbitMQ refused the user name and password: the user does not exist on this broker (users are per node/cluster, and `guest` may have been deleted), the password is wrong, or an auth backend (LDAP, HTTP) said no.',
    fix: [
      'List users with `rabbitmqctl list_users` and reset the password (`rabbitmqctl change_password <user> <password>`); the broker log names the reason for each refused login.',
    ],
    docs: [RABBIT_ACCESS],
    examples: [
      "HTTP access denied: user 'admin' - invalid credentials",
      'com.rabbitmq.client.AuthenticationFailureException: ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile.',
      '{"error":"not_authorised","reason":"Login failed"}',
    ],
  },
  {
    id: 'rabbitmq-user-tags',
    library: 'RabbitMQ',
    match:
      "\\bNot (?:management|monitor|monitoring|administrator|policymaker) user\\b|\\bHTTP access denied: user '[^'\\n]{0,100}' - Not (?:management|monitor|administrator)",
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.88,
    explain:
      'The user logged in, but its tags do not allow this part of the management API: the HTTP API needs `management` (or `monitoring`, `policymaker`, `administrator` for more), and a user made for AMQP clients has no tags.',
    fix: [
      'Give the user the tag it needs: `rabbitmqctl set_user_tags <user> monitoring` (read-only metrics) or `management`/`administrator`.',
    ],
    docs: ['https://www.rabbitmq.com/docs/management#permissions'],
    examples: [
      "HTTP access denied: user 'zabbix' - Not monitor user",
      '{"error":"not_authorised","reason":"Not management user"}',
    ],
  },
  {
    id: 'rabbitmq-vhost-refused',
    library: 'RabbitMQ',
    match:
      "\\baccess to vhost '[^'\\n]{0,100}' refused for user\\b|\\bNOT_ALLOWED - vhost [^\\n]{0,100} not found\\b",
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The user is valid but has no permissions on this virtual host (or the vhost does not exist): permissions are granted per vhost.',
    fix: [
      'Grant them: `rabbitmqctl set_permissions -p <vhost> <user> ".*" ".*" ".*"` (narrow the patterns as needed).',
    ],
    docs: [RABBIT_ACCESS],
    examples: ["NOT_ALLOWED - access to vhost '/' refused for user 'app'"],
  },
  // Jenkins
  {
    id: 'jenkins-invalid-password-token',
    library: 'Jenkins',
    match: '\\bInvalid password/token for user\\b',
    cause: 'invalid_credentials',
    severity: 'warning',
    confidence: 0.6,
    explain:
      "Jenkins rejected the user's password or API token. Besides a typo, a revoked token or a token of another user, this is what happens when Jenkins logs in through SSO (SAML, OIDC, a GitHub or Azure AD realm): there is no Jenkins password any more, and scripted clients must use an API token.",
    fix: [
      'Create an API token (user menu → Security / Configure → API Token → Add new token) and use it as the password: `curl -u <user>:<API_TOKEN> …`.',
      'Use the Jenkins user ID as shown on the user page (it may differ from the e-mail or the SSO login name).',
    ],
    docs: [JENKINS_AUTH],
    examples: ['HTTP ERROR 401 Invalid password/token for user: deploy-bot'],
  },
  {
    id: 'jenkins-anonymous-missing-permission',
    library: 'Jenkins',
    match: '\\banonymous is missing the (?<detail>[\\w./ ]{1,60}?) permission\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.85,
    explain:
      'Jenkins treated the request as anonymous: no credentials reached it (curl without `-u`, a header dropped by a proxy), and anonymous users may not do this.',
    fix: [
      'Authenticate with the user ID and an API token: `curl -u <user>:<API_TOKEN> …` (Basic on the first request; Jenkins does not send a challenge to every client).',
    ],
    whenSent: {
      cause: 'credentials_dropped_in_transit',
      severity: 'warning',
      confidence: 0.5,
      explain:
        'Jenkins saw an anonymous request although credentials were sent: they did not reach it (a reverse proxy that drops `Authorization`), or were sent in a form Jenkins does not read.',
      fix: [
        'Send Basic auth with the user ID and an API token, and check that the proxy in front of Jenkins forwards the Authorization header.',
      ],
    },
    docs: [JENKINS_AUTH],
    examples: ['anonymous is missing the Overall/Read permission'],
  },
  {
    id: 'jenkins-missing-permission',
    library: 'Jenkins',
    match: '\\b(?!anonymous\\b)[\\w.@-]{1,80} is missing the (?<detail>[\\w./ ]{1,60}?) permission\\b',
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.88,
    explain:
      'Jenkins knows the user, but the authorization strategy (matrix, role-based, folder) does not grant the permission this action needs.',
    fix: [
      'Grant the named permission to the user or one of its groups (Manage Jenkins → Security, or the job/folder’s own permissions).',
    ],
    docs: ['https://www.jenkins.io/doc/book/security/access-control/'],
    examples: ['ci-bot is missing the Job/Build permission'],
  },
  {
    id: 'jenkins-crumb',
    library: 'Jenkins',
    match: '\\bNo valid crumb was included in the request\\b',
    cause: 'other',
    severity: 'warning',
    confidence: 0.62,
    explain:
      "Jenkins' CSRF protection wanted a crumb with this POST. Requests authenticated with an API token are exempt; with a password (or a session) the crumb must come from `/crumbIssuer` in the same session (cookie) as the POST.",
    fix: [
      'Authenticate with an API token instead of the password (`curl -u <user>:<API_TOKEN> -X POST …`), which needs no crumb.',
      'Or fetch the crumb and reuse the session cookie: `curl -c jar -u … <jenkins>/crumbIssuer/api/json`, then `curl -b jar -H "Jenkins-Crumb: <crumb>" …`.',
    ],
    docs: ['https://www.jenkins.io/doc/book/security/csrf-protection/'],
    examples: ['HTTP ERROR 403 No valid crumb was included in the request'],
  },
  // Build tools and package repositories
  {
    id: 'maven-transfer-unauthorized',
    library: 'Maven',
    match:
      '\\b(?:Could not transfer (?:artifact|metadata)|Failed to (?:deploy|transfer|retrieve)|Transfer failed for)\\b[^\\n]{0,600}\\b(?:401|Unauthorized)\\b|\\bReturn code is: 401\\b|\\bstatus code: 401, reason phrase: Unauthorized\\b|\\bnot authorized , ReasonPhrase:\\s?Unauthorized\\b',
    cause: 'missing_credentials',
    severity: 'warning',
    confidence: 0.6,
    explain:
      "Maven got 401 from the repository. Maven only sends credentials from a `<server>` in settings.xml whose `<id>` is exactly the repository's `<id>` (in `distributionManagement`, `repositories` or the `mirror` that replaces them); with no matching id it sends the upload or download anonymously. Otherwise the password in that `<server>` is wrong (or encrypted without `settings-security.xml`), or the build uses another settings.xml (CI's `-s`, `MAVEN_CONFIG`).",
    fix: [
      "Make the `<server><id>` in settings.xml equal to the repository id the error names (`from/to <id> (url)`), then rerun with `-X` to see 'Using connector … with username'.",
      'Check the build reads that settings.xml (`mvn help:effective-settings`), and that the user may deploy to the repository (Nexus: nx-repository-view-*-*-add/edit).',
    ],
    docs: [MAVEN_SETTINGS],
    examples: [
      '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-deploy-plugin:3.1.1:deploy (default-deploy) on project api: Failed to deploy artifacts: Could not transfer artifact com.example:api:jar:1.0 from/to releases (https://repo.example.com/repository/maven-releases/): status code: 401, reason phrase: Unauthorized (401)',
      'Return code is: 401, ReasonPhrase: Unauthorized.',
    ],
  },
  {
    id: 'gradle-status-401',
    library: 'Gradle',
    match:
      "\\bReceived status code 401 from server\\b|\\bCould not (?:GET|HEAD|PUT) '[^'\\n]{1,400}'\\. Received status code 401\\b",
    cause: 'missing_credentials',
    severity: 'warning',
    confidence: 0.55,
    explain:
      'Gradle got 401 from a repository. Gradle sends credentials only to repositories that declare them (`credentials { … }`, `credentials(PasswordCredentials)`), read from properties that must exist where the build runs (`gradle.properties`, `ORG_GRADLE_PROJECT_*`, CI secrets); otherwise the token is wrong or lacks read access (GitHub Packages needs a token with `read:packages` even for public packages).',
    fix: [
      'Declare credentials on that repository block and check the properties resolve on this machine (`./gradlew properties | grep -i <name>`), then retry with `--refresh-dependencies`.',
      'For GitHub Packages use a personal access token with `read:packages` (and `write:packages` to publish).',
    ],
    docs: [GRADLE_CREDS],
    examples: [
      "Could not GET 'https://maven.pkg.github.com/acme/lib/com/acme/lib/1.2/lib-1.2.pom'. Received status code 401 from server: Unauthorized",
    ],
  },
  {
    id: 'npm-need-auth',
    library: 'npm',
    match:
      '\\bUnable to authenticate, need: (?:BASIC|Basic|Bearer)\\b|\\bENEEDAUTH\\b|\\bThis command requires you to be logged in\\b|\\bneed auth auth required for publishing\\b',
    cause: 'missing_credentials',
    severity: 'warning',
    confidence: 0.65,
    explain:
      'npm sent no credentials the registry accepts for this URL. `.npmrc` auth lines are keyed by registry URL (`//registry.example.com/repository/npm/:_authToken=…`) and must match the registry path exactly (scope registries included); a token under another key, an unset `${NPM_TOKEN}` or a Nexus/Artifactory repo that wants Basic (`_auth`) leaves the request anonymous.',
    fix: [
      "Put the token under the registry's exact URL key in the `.npmrc` npm reads (`npm config get userconfig`), e.g. `//registry.example.com/repository/npm/:_authToken=${NPM_TOKEN}`, and check with `npm whoami --registry <url>`.",
      'For a registry that wants Basic: `//host/path/:_auth=<base64 of user:password>` (and `always-auth=true` for old npm).',
    ],
    docs: [NPMRC],
    examples: [
      'npm ERR! code E401\nnpm ERR! Unable to authenticate, need: BASIC realm="Sonatype Nexus Repository Manager"',
      'npm ERR! code ENEEDAUTH\nnpm ERR! need auth This command requires you to be logged in.',
    ],
  },
  {
    id: 'npm-incorrect-or-missing-password',
    library: 'npm',
    match:
      '\\bIncorrect or missing password\\b|\\bUnable to authenticate, your authentication token seems to be invalid\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.8,
    explain:
      'The registry did not accept the npm token or password: it was revoked or expired (npm legacy tokens were retired; granular tokens expire), belongs to another registry, or is an Azure Artifacts PAT past its lifetime.',
    fix: [
      'Create a new token for this registry (npm: granular access token; Azure Artifacts: a PAT with Packaging scope) and update the `.npmrc` line for its URL; `npm whoami --registry <url>` checks it.',
    ],
    docs: [NPMRC],
    examples: [
      'npm ERR! 401 Unauthorized - PUT https://registry.npmjs.org/pkg - Incorrect or missing password.',
    ],
  },
  {
    id: 'pypi-invalid-auth',
    library: 'PyPI (twine, uv, poetry)',
    match: '\\bInvalid or non-existent authentication information\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.82,
    explain:
      'PyPI refused the upload credentials. With an API token the user name must be the literal `__token__` and the password the whole token including `pypi-`; a TestPyPI token does not work on PyPI (and the other way round), and account passwords are no longer accepted for uploads.',
    fix: [
      'Upload with `TWINE_USERNAME=__token__` and `TWINE_PASSWORD=pypi-…` (or the `[pypi]` section of `~/.pypirc`), using a token made on the same index you upload to (pypi.org vs test.pypi.org).',
    ],
    docs: [PYPI_AUTH],
    examples: [
      'HTTPError: 403 Forbidden from https://upload.pypi.org/legacy/\nInvalid or non-existent authentication information. See https://pypi.org/help/#invalid-auth for more information.',
    ],
  },
  {
    id: 'pypi-not-allowed-to-upload',
    library: 'PyPI',
    match: "\\bisn't allowed to upload to project\\b|\\bis not allowed to upload to project\\b",
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.88,
    explain:
      'The credentials are valid, but the user (or the project-scoped token) may not upload to this project: the name belongs to someone else, or the token is scoped to another project.',
    fix: [
      'Use a token scoped to this project from an owner/maintainer account, or pick a project name that is free.',
    ],
    docs: [PYPI_AUTH],
    examples: ["HTTPError: 403 Forbidden: The user 'alice' isn't allowed to upload to project 'requests'."],
  },
  {
    id: 'nuget-service-index-401',
    library: 'NuGet',
    match: '\\bUnable to load the service index for source\\b[^\\n]{0,400}\\b401\\b',
    cause: 'missing_credentials',
    severity: 'warning',
    confidence: 0.58,
    explain:
      "NuGet got 401 from a private feed's service index: no credentials were configured for that source (the key under `packageSourceCredentials` must equal the source's name in `nuget.config`), the Azure Artifacts credential provider is not installed in this environment, or the stored PAT expired.",
    fix: [
      'Add credentials for the source name: `dotnet nuget update source <name> --username <user> --password <PAT> --store-password-in-clear-text` (or install the Azure Artifacts credential provider), then restore with `--interactive` locally to check.',
    ],
    docs: [NUGET_CREDS],
    examples: [
      'error NU1301: Unable to load the service index for source https://pkgs.dev.azure.com/acme/_packaging/feed/nuget/v3/index.json. Response status code does not indicate success: 401 (Unauthorized).',
    ],
  },
  // Databases and caches
  {
    id: 'postgres-password-failed',
    library: 'PostgreSQL',
    match: '\\bpassword authentication failed for user\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.88,
    explain:
      'PostgreSQL refused the password for that user: wrong password, another user name, a password stored with another method (md5 vs scram-sha-256 after an upgrade), or the client connected to another server than you think (a local Postgres on the same port).',
    fix: [
      'Check user, host, port and database the client really uses; reset the password with `ALTER ROLE <user> PASSWORD …` and check `password_encryption` matches the `pg_hba.conf` method.',
    ],
    docs: ['https://www.postgresql.org/docs/current/client-authentication-problems.html'],
    examples: ['FATAL:  password authentication failed for user "app"'],
  },
  {
    id: 'postgres-pg-hba',
    library: 'PostgreSQL',
    match: '\\bno pg_hba\\.conf entry for host\\b',
    cause: 'ip_blocked_or_restricted',
    severity: 'error',
    confidence: 0.85,
    explain:
      '`pg_hba.conf` has no line that admits this client address, user, database and connection type (SSL or not): the server refuses before looking at the password.',
    fix: [
      'Add a `host`/`hostssl` line for the client address (the error names it) with the right method, then reload (`SELECT pg_reload_conf()`); on managed services, add the address to the firewall rules, or connect with SSL if only `hostssl` lines exist.',
    ],
    docs: ['https://www.postgresql.org/docs/current/auth-pg-hba-conf.html'],
    examples: [
      'FATAL:  no pg_hba.conf entry for host "10.1.2.3", user "app", database "shop", no encryption',
    ],
  },
  {
    id: 'postgres-permission-denied',
    library: 'PostgreSQL (PostgREST, Supabase)',
    match:
      '\\bpermission denied for (?:table|relation|schema|function|sequence|view|database) (?<detail>[\\w."]{1,80})|\\bnew row violates row-level security policy\\b|"code"\\s?:\\s?"42501"',
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The database role the request runs as (for PostgREST and Supabase: the `role` claim of the JWT, or the anonymous role without one) lacks a GRANT on this object, or a row-level security policy rejects the row.',
    fix: [
      'Grant the role what it needs (`GRANT SELECT, INSERT ON <table> TO <role>`), or add/adjust the RLS policy; with Supabase, check whether the request carried the user’s JWT (role `authenticated`) or only the anon key.',
    ],
    docs: ['https://docs.postgrest.org/en/stable/references/auth.html'],
    examples: [
      '{"code":"42501","details":null,"hint":null,"message":"permission denied for table orders"}',
      'new row violates row-level security policy for table "profiles"',
    ],
  },
  {
    id: 'mysql-access-denied-password',
    library: 'MySQL / MariaDB',
    match: "\\bAccess denied for user '[^'\\n]{0,100}'@'[^'\\n]{0,200}' \\(using password: YES\\)",
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.85,
    explain:
      "MySQL refused the user name and password from that host: the password is wrong, or the account exists only for another host pattern (`'app'@'localhost'` does not cover `'app'@'10.%'`).",
    fix: [
      "Check the account for the client's host (`SELECT user, host FROM mysql.user`), create or alter it for that host, and reset the password.",
    ],
    docs: ['https://dev.mysql.com/doc/refman/8.0/en/problems-connecting.html'],
    examples: ["ERROR 1045 (28000): Access denied for user 'app'@'10.0.0.7' (using password: YES)"],
  },
  {
    id: 'mysql-access-denied-no-password',
    library: 'MySQL / MariaDB',
    match: "\\bAccess denied for user '[^'\\n]{0,100}'@'[^'\\n]{0,200}' \\(using password: NO\\)",
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The client connected without a password: the password setting was empty or not read (an unset environment variable, a config key with another name).',
    fix: ['Pass the password the client is meant to use (check the variable it reads is set where it runs).'],
    docs: ['https://dev.mysql.com/doc/refman/8.0/en/problems-connecting.html'],
    examples: ["Access denied for user 'root'@'localhost' (using password: NO)"],
  },
  {
    id: 'mysql-host-not-allowed',
    library: 'MySQL / MariaDB',
    match: "\\bHost '[^'\\n]{1,200}' is not allowed to connect to this (?:MySQL|MariaDB) server\\b",
    cause: 'ip_blocked_or_restricted',
    severity: 'error',
    confidence: 0.88,
    explain: 'No account matches the host the client connects from: accounts are per user and host.',
    fix: [
      "Create the account for the client's host or network (`CREATE USER 'app'@'10.0.%' …` plus GRANTs), or connect from an allowed host.",
    ],
    docs: ['https://dev.mysql.com/doc/refman/8.0/en/problems-connecting.html'],
    examples: ["Host '172.18.0.5' is not allowed to connect to this MySQL server"],
  },
  {
    id: 'mongodb-auth-failed',
    library: 'MongoDB',
    match:
      '\\bbad auth ?: ?Authentication failed\\b|\\bMongoServerError: Authentication failed\\b|\\bAuthentication failed\\.?[^\\n]{0,40}\\bcode: ?18\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.82,
    explain:
      'MongoDB refused the user name and password: wrong password, a user created in another database than the `authSource` the client uses (default `admin` on Atlas), or special characters in the password not URL-encoded in the connection string.',
    fix: [
      'Check the user’s database and pass it as `authSource`, and percent-encode `@ : / ? # [ ]` in the password inside the URI.',
    ],
    docs: ['https://www.mongodb.com/docs/manual/reference/connection-string/#authentication-options'],
    examples: ['MongoServerError: bad auth : Authentication failed.'],
  },
  {
    id: 'mongodb-requires-auth',
    library: 'MongoDB',
    match:
      '\\bcommand \\w{1,40} requires authentication\\b|\\bnot authorized on \\w{1,60} to execute command\\b',
    cause: 'insufficient_scope_or_permissions',
    severity: 'warning',
    confidence: 0.65,
    explain:
      'MongoDB ran the command without the rights it needs: either the connection is not authenticated at all (no credentials in the URI), or the user lacks a role on that database.',
    fix: [
      'Put the credentials in the connection string, and grant the user a role on the database (e.g. `readWrite`).',
    ],
    docs: ['https://www.mongodb.com/docs/manual/reference/built-in-roles/'],
    examples: [
      'MongoServerError: command find requires authentication',
      'not authorized on shop to execute command { insert: "orders" }',
    ],
  },
  {
    id: 'redis-noauth',
    library: 'Redis',
    match: '\\bNOAUTH Authentication required\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.88,
    explain:
      'The Redis server has a password (or ACL users) and the client did not send `AUTH` on this connection.',
    fix: [
      'Configure the password (and user for ACLs) in the client: `redis://:<password>@host:6379/0` or `rediss://<user>:<password>@host:6380`.',
    ],
    docs: ['https://redis.io/docs/latest/commands/auth/'],
    examples: ['ReplyError: NOAUTH Authentication required.'],
  },
  {
    id: 'redis-wrongpass',
    library: 'Redis',
    match: '\\bWRONGPASS invalid username-password pair\\b|\\bERR invalid password\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.88,
    explain: 'Redis refused the password (or the ACL user and password pair) the client sent.',
    fix: ['Check the password and, with ACLs, the user name (`ACL WHOAMI`, `ACL LIST` on the server).'],
    docs: ['https://redis.io/docs/latest/commands/auth/'],
    examples: ['WRONGPASS invalid username-password pair or user is disabled.'],
  },
  {
    id: 'opensearch-no-permissions',
    library: 'OpenSearch security plugin',
    match: '\\bno permissions for \\[(?<detail>[^\\]\\n]{1,120})\\] and User \\[name=',
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.88,
    explain:
      'The user authenticated, but none of its roles (mapped from its backend roles) grants the named action on this index or cluster.',
    fix: [
      'Map the user (or its backend role) to a role that grants the action (Security → Roles → Mapped users), or add the action and index pattern to its role.',
    ],
    docs: ['https://opensearch.org/docs/latest/security/access-control/permissions/'],
    examples: [
      'no permissions for [indices:data/read/search] and User [name=reporter, backend_roles=[], requestedTenant=null]',
    ],
  },
];
