/**
 * The third set of built-in provider packs: each compiles through the same validation user packs get, each
 * error signature recognises the wording it was written for (the table below holds messages as the servers and
 * their clients print them), none fires on the generic text every API writes, and hosts resolve to their pack
 * without clashing with any other built-in pack.
 */
import { describe, expect, it } from 'vitest';
import { formatById } from '../../src/intake/credentials/formats.js';
import { compilePacks, ProviderKnowledge } from '../../src/providers/knowledge.js';
import { BUILTIN_PACKS } from '../../src/providers/packs/index.js';
import { PACKS_C } from '../../src/providers/packs/index-c.js';
import type { ProviderPack } from '../../src/providers/schema.js';
import { hostClashes, misresolvedHosts } from '../support/pack-checks.js';

const packs = compilePacks(PACKS_C.map((pack) => ({ origin: `builtin:${pack.id}`, pack })));
const byId = new Map(packs.map((p) => [p.id, p]));
const allPacks = compilePacks(BUILTIN_PACKS.map((pack) => ({ origin: `builtin:${pack.id}`, pack })));
const allKnowledge = new ProviderKnowledge(allPacks);

const OWNED = [
  'vault',
  'jenkins',
  'harbor',
  'artifactory',
  'nexus',
  'maven',
  'azure-devops',
  'bitbucket-server',
  'deepl',
  'openweathermap',
  'heroku',
  'rabbitmq',
  'hasura',
  'minio',
  'supabase',
  'sentry',
  'pagerduty',
  'datadog',
  'new-relic',
  'linear-app',
  'vercel',
  'netlify',
  'fastly',
];

/** [pack, signature id, a message as the server or its client prints it]. */
const EXAMPLES: [string, string, string][] = [
  [
    'vault',
    'missing-client-token',
    'Error reading secret/test: Error making API request.\n\nURL: GET http://mydomain.com/v1/secret/test\nCode: 400. Errors:\n\n* missing client token',
  ],
  ['vault', 'missing-client-token', '{"errors":["missing client token"]}'],
  [
    'vault',
    'permission-denied-invalid-token',
    'URL: GET https://vault.example.com:8200/v1/secret/data/app\nCode: 403. Errors:\n\n* 2 errors occurred:\n\t* permission denied\n\t* invalid token\n',
  ],
  [
    'vault',
    'permission-denied-invalid-token',
    String.raw`{"errors":["2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n"]}`,
  ],
  [
    'vault',
    'permission-denied',
    'URL: GET http://vault:8200/v1/xxx/data/configuration\nCode: 403. Errors:\n\n* 1 error occurred:\n  * permission denied',
  ],
  ['vault', 'permission-denied', '{"errors":["permission denied"]}'],
  [
    'vault',
    'permission-denied',
    String.raw`Status Code : 403 Forbidden error Message: {"errors":["1 error occurred:\n\t* permission denied\n\n"]}`,
  ],
  [
    'vault',
    'ttl-capped-by-max-ttl',
    '2023-08-31T23:58:40.118Z [WARN]  agent.auth.handler: TTL of "1h" exceeded the effective max_ttl of "2m21s"; TTL value is capped accordingly',
  ],
  [
    'vault',
    'ttl-capped-by-max-ttl',
    '* TTL of "45m" exceeded the effective max_ttl of "30m"; TTL value is capped accordingly',
  ],
  ['vault', 'approle-invalid-credentials', '{"errors":["invalid role or secret ID"]}'],
  [
    'vault',
    'approle-invalid-credentials',
    'VaultSharp.Core.VaultApiException : {"errors":["invalid role ID"]}',
  ],
  [
    'vault',
    'approle-invalid-credentials',
    'Code: 400. Errors:\n\n* failed to validate SecretID: failed to find secondary index for role_id "ea0c4c49-aa4b-49df-1106-92668f38e9d9"',
  ],
  [
    'vault',
    'approle-cidr-restricted',
    '{"errors":["source address \\"10.20.4.9\\" unauthorized by CIDR restrictions on the role: <nil>"]}',
  ],
  [
    'jenkins',
    'invalid-password-or-token',
    '<title>Error 401 Invalid password/token for user: m.okafor</title>\n</head>\n<body><h2>HTTP ERROR 401 Invalid password/token for user: m.okafor</h2>',
  ],
  [
    'jenkins',
    'anonymous-missing-permission',
    "<html><head><meta http-equiv='refresh' content='1;url=/login?from=%2Fcc.xml'/></head><body>\nAuthentication required\n<!--\nYou are authenticated as: anonymous\nGroups that you are in:\n  \nPermission you need to have (but didn't): hudson.model.Hudson.Read\n-->",
  ],
  ['jenkins', 'anonymous-missing-permission', 'ERROR: anonymous is missing the Overall/Read permission'],
  ['jenkins', 'user-missing-permission', 'Access Denied\npchaigno is missing the Overall/Read permission'],
  ['jenkins', 'user-missing-permission', 'ERROR: deploy-bot is missing the Job/Build permission'],
  ['jenkins', 'no-valid-crumb', '<title>Error 403 No valid crumb was included in the request</title>'],
  [
    'harbor',
    'unauthorized-to-access-repository',
    'unauthorized: unauthorized to access repository: mobile/api-gateway, action: push: unauthorized to access repository: mobile/api-gateway, action: push',
  ],
  [
    'harbor',
    'unauthorized-to-access-repository',
    '{"errors":[{"code":"UNAUTHORIZED","message":"unauthorized to access repository: yinw/hello-world, action: pull"}]}',
  ],
  [
    'harbor',
    'basic-auth-failed-log',
    "2021-10-11T09:27:14Z [DEBUG] [/server/middleware/security/basic_auth.go:53]: failed to authenticate user:robot-builder, error:Failed to authenticate user, due to error 'Invalid credentials'",
  ],
  ['harbor', 'csrf-token-invalid', '{"errors":[{"code":"FORBIDDEN","message":"CSRF token invalid"}]}'],
  [
    'artifactory',
    'bad-credentials',
    '{\n  "errors" : [ {\n    "status" : 401,\n    "message" : "Bad credentials"\n  } ]\n}',
  ],
  [
    'artifactory',
    'authentication-required',
    '{\n  "errors" : [ {\n    "status" : 401,\n    "message" : "Authentication is required"\n  } ]\n}',
  ],
  [
    'artifactory',
    'clear-text-password-rejected',
    'Artifactory configured to accept only encrypted passwords but received a clear text password, getting the encrypted password can be done via the WebUI.',
  ],
  [
    'nexus',
    'npm-needs-basic-realm',
    'npm ERR! code E401\nnpm ERR! Unable to authenticate, need: BASIC realm="Sonatype Nexus Repository Manager"',
  ],
  [
    'nexus',
    'basic-challenge',
    "36 verbose headers   'www-authenticate': 'BASIC realm=\"Sonatype Nexus Repository Manager\"' }",
  ],
  [
    'nexus',
    'content-protected-by-token',
    "Could not PUT 'https://s01.oss.sonatype.org/service/local/staging/deployByRepositoryId/comsaveourtool-1098/com/x/common-js-0.5.0.klib'. Received status code 401 from server: Content access is protected by token",
  ],
  [
    'nexus',
    'content-protected-by-token',
    'Could not transfer artifact com.mydomain:my-project:jar.asc:sources:1.0.9 from/to ossrh (https://s01.oss.sonatype.org:443/service/local/staging/deployByRepositoryId/com-mydomain-0001): status code: 401, reason phrase: Content access is protected by token (401)',
  ],
  [
    'maven',
    'maven-transfer-401',
    '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-deploy-plugin:2.8.2:deploy (default-deploy) on project billing: Failed to deploy artifacts: Could not transfer artifact com.acme:billing:jar:2.4.0 from/to nexus-releases (https://nexus.acme.internal/repository/maven-releases/): Transfer failed for https://nexus.acme.internal/repository/maven-releases/com/acme/billing/2.4.0/billing-2.4.0.jar 401 Unauthorized -> [Help 1]',
  ],
  [
    'maven',
    'maven-transfer-401',
    'Failed to transfer file: http://nexus.senbox.net/nexus/content/repositories/releases/org/jpy/jpy/0.9.0/jpy-0.9.0.jar. Return code is: 401, ReasonPhrase: Unauthorized. -> [Help 1]',
  ],
  [
    'maven',
    'maven-transfer-401',
    'Could not transfer artifact org.jenkins-ci.plugins:generic-webhook-trigger:pom:1.86.6 from/to maven.jenkins-ci.org (https://repo.jenkins-ci.org/releases): authentication failed for https://repo.jenkins-ci.org/releases/org/jenkins-ci/plugins/generic-webhook-trigger/1.86.6/generic-webhook-trigger-1.86.6.pom, status: 401 Unauthorized -> [Help 1]',
  ],
  [
    'maven',
    'maven-transfer-401',
    'Caused by: org.eclipse.aether.deployment.DeploymentException: Failed to deploy artifacts: Could not transfer artifact org.owasp.esapi:esapi:pom:2.7.0.1-RC1 from/to sonatype-nexus-staging (https://oss.sonatype.org/service/local/staging/deploy/maven2): status code: 401, reason phrase: Unauthorized (401)',
  ],
  [
    'maven',
    'maven-transfer-401',
    'Could not transfer artifact com.github.caldav4j:caldav4j:jar:1.0.0-20181206.162611-4 from/to ossrh (https://oss.sonatype.org/content/repositories/snapshots): Failed to transfer file https://oss.sonatype.org/content/repositories/snapshots/com/github/caldav4j/caldav4j/1.0.0-SNAPSHOT/caldav4j-1.0.0-20181206.162611-4.jar with status code 401',
  ],
  [
    'maven',
    'gradle-received-401',
    "> Could not PUT 'https://oss.sonatype.org/service/local/staging/deploy/maven2/io/github/a914-gowtham/fcm-sender/1.0.3/fcm-sender-1.0.3.aar'. Received status code 401 from server: Unauthorized",
  ],
  [
    'maven',
    'gradle-received-401',
    "Caused by: org.gradle.internal.resource.transport.http.HttpErrorStatusCodeException: Could not GET 'https://maven.pkg.github.com/acme/lib/com/acme/sdk/1.5/sdk-1.5.pom'. Received status code 401 from server: Unauthorized",
  ],
  [
    'azure-devops',
    'anonymous-access',
    'X-TFS-ServiceError: TF400813%3a+Resource+not+available+for+anonymous+access.+Client+authentication+required.',
  ],
  [
    'azure-devops',
    'anonymous-access',
    'TF400813: Resource not available for anonymous access. Client authentication required.',
  ],
  [
    'azure-devops',
    'user-not-authorized',
    `{"$id":"1","innerException":null,"message":"TF400813: The user 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa' is not authorized to access this resource.","typeName":"Microsoft.TeamFoundation.Framework.Server.UnauthorizedRequestException, Microsoft.TeamFoundation.Framework.Server","typeKey":"UnauthorizedRequestException","errorCode":0,"eventId":3000}`,
  ],
  [
    'azure-devops',
    'user-not-authorized',
    "ERROR: TF400813: The user '' is not authorized to access this resource.",
  ],
  [
    'azure-devops',
    'sign-in-page-instead-of-401',
    '<html xmlns="http://www.w3.org/1999/xhtml">\n<head><title>\n\t\n            Visual Studio Team Services | Sign In\n        \n</title>',
  ],
  [
    'azure-devops',
    'sign-in-page-instead-of-401',
    'HTTP/1.1 203 Non-Authoritative Information\n\n<!DOCTYPE html><html><head><title>Azure DevOps Services | Sign In</title>',
  ],
  [
    'bitbucket-server',
    'incorrect-password',
    '{"errors":[{"context":null,"message":"Authentication failed. Please check your credentials and try again.","exceptionName":"com.atlassian.bitbucket.auth.IncorrectPasswordAuthenticationException"}]}',
  ],
  [
    'bitbucket-server',
    'captcha-required',
    '{"errors":[{"context":null,"message":"CAPTCHA required. Your Bitbucket account has been locked. To unlock it and log in again you must solve a CAPTCHA.","exceptionName":"com.atlassian.bitbucket.auth.CaptchaRequiredAuthenticationException"}]}',
  ],
  ['bitbucket-server', 'captcha-required', 'fatal: remote error: CAPTCHA required'],
  [
    'bitbucket-server',
    'authorisation-exception',
    '{"errors":[{"context":null,"message":"You are not permitted to access this resource","exceptionName":"com.atlassian.bitbucket.AuthorisationException"}]}',
  ],
  ['deepl', 'wrong-endpoint-use-free', '{"message":"Wrong endpoint. Use https://api-free.deepl.com"}'],
  [
    'deepl',
    'wrong-endpoint-use-free',
    'Client error: `POST https://api.deepl.com/v2/translate` resulted in a `403 Forbidden` response:\n{"message":"Wrong endpoint. Use https://api-free.deepl.com"}',
  ],
  ['deepl', 'wrong-endpoint-use-pro', '{"message":"Wrong endpoint. Use https://api.deepl.com"}'],
  [
    'deepl',
    'legacy-auth-method',
    `{"message":"Legacy authentication method 'form body' is no longer supported. Please update to header-based authentication."}`,
  ],
  [
    'deepl',
    'legacy-auth-method',
    `{"message":"Legacy authentication method 'query parameter' is no longer supported. Please update to header-based authentication."}`,
  ],
  [
    'deepl',
    'client-authorization-failure',
    'deepl.exceptions.AuthorizationException: Authorization failure, check auth_key, message: Wrong endpoint. Use https://api.deepl.com',
  ],
  [
    'deepl',
    'client-authorization-failure',
    'DeepL.AuthorizationException: Authorization failure, check AuthKey',
  ],
  [
    'openweathermap',
    'one-call-3-subscription',
    '{"cod":401, "message": "Please note that using One Call 3.0 requires a separate subscription to the One Call by Call plan. Learn more here https://openweathermap.org/price."}',
  ],
  [
    'openweathermap',
    'invalid-api-key',
    '{"cod":401, "message": "Invalid API key. Please see https://openweathermap.org/faq#error401 for more info."}',
  ],
  [
    'openweathermap',
    'invalid-api-key',
    '{"cod":401, "message": "Invalid API key. Please see http://openweathermap.org/faq#error401 for more info."}',
  ],
  [
    'heroku',
    'invalid-credentials-provided',
    '{"id":"unauthorized","message":"Invalid credentials provided."}',
  ],
  [
    'heroku',
    'invalid-credentials-provided',
    'body: "{\\"id\\":\\"unauthorized\\",\\"error\\":\\"Invalid credentials provided.\\"}" (wrong API key?)',
  ],
  [
    'heroku',
    'invalid-credentials-provided',
    ' ›   Error: Invalid credentials provided.\n ›\n ›   Error ID: unauthorized',
  ],
  [
    'heroku',
    'verification-required',
    '{"id":"verification_required","message":"Please verify your account to install this add-on plan (please enter a credit card) For more information, see https://devcenter.heroku.com/categories/billing Verify now at https://heroku.com/verify","url":"https://heroku.com/verify"}',
  ],
  [
    'heroku',
    'verification-required',
    'Item could not be created:\n    You need to add a credit card to your account before completing this action, please visit https://heroku.com/verify',
  ],
  [
    'heroku',
    'no-access-to-app',
    'body: "{\\"id\\":\\"forbidden\\",\\"error\\":\\"You do not have access to the app myapp-staging.\\"}"',
  ],
  ['heroku', 'no-access-to-app', ' ▸    You do not have access to the app classi.'],
  [
    'rabbitmq',
    'guest-localhost-only',
    '{"error":"not_authorised","reason":"User can only log in via localhost"}',
  ],
  [
    'rabbitmq',
    'guest-localhost-only',
    "=WARNING REPORT==== 8-Apr-2016::17:06:03 ===\nHTTP access denied: user 'guest' - User can only log in via localhost",
  ],
  ['rabbitmq', 'not-management-user', '{"error":"not_authorised","reason":"Not management user"}'],
  [
    'rabbitmq',
    'not-management-user',
    "[warning] <0.5177.31> HTTP access denied: user 'user' - Not monitor user",
  ],
  ['rabbitmq', 'login-failed', '{"error":"not_authorized","reason":"Login failed"}'],
  [
    'rabbitmq',
    'login-failed',
    "=WARNING REPORT==== 14-Feb-2019::12:29:09 ===\nHTTP access denied: user 'Guest' - invalid credentials",
  ],
  [
    'rabbitmq',
    'amqp-access-refused',
    'com.rabbitmq.client.AuthenticationFailureException: ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile.',
  ],
  [
    'hasura',
    'jwt-invalid-signature',
    '{"errors":[{"extensions":{"path":"$","code":"invalid-jwt"},"message":"Could not verify JWT: JWSError JWSInvalidSignature"}]}',
  ],
  [
    'hasura',
    'jwt-expired',
    '{"errors":[{"extensions":{"path":"$","code":"invalid-jwt"},"message":"Could not verify JWT: JWTExpired"}]}',
  ],
  [
    'hasura',
    'jwt-not-yet-valid',
    '{"errors":[{"extensions":{"path":"$","code":"invalid-jwt"},"message":"Could not verify JWT: JWTNotYetValid"}]}',
  ],
  ['hasura', 'jwt-not-yet-valid', 'Could not verify JWT: JWTIssuedAtFuture'],
  ['hasura', 'jwt-wrong-audience-or-issuer', 'Could not verify JWT: JWTNotInAudience'],
  ['hasura', 'jwt-wrong-audience-or-issuer', 'Could not verify JWT: JWTNotInIssuer'],
  [
    'hasura',
    'invalid-admin-secret',
    'FATA[0001] error creating migrate instance: cannot create migrate instance: Data Error: {"path":"$","error":"invalid x-hasura-admin-secret/x-hasura-access-key","code":"access-denied"}',
  ],
  [
    'hasura',
    'admin-secret-required',
    '{"path":"$","error":"x-hasura-admin-secret/x-hasura-access-key required, but not found","code":"access-denied"}',
  ],
  [
    'hasura',
    'admin-secret-required',
    "unable to verify the users authentication: graphql: Missing 'Authorization' or 'Cookie' header in JWT authentication mode",
  ],
  [
    'hasura',
    'role-not-allowed',
    '{"errors":[{"extensions":{"path":"$","code":"access-denied"},"message":"Your requested role is not in allowed roles"}]}',
  ],
  [
    'minio',
    'access-key-not-found',
    'S3Error: The Access Key Id you provided does not exist in our records.\n    at Object.parseError (node_modules/minio/dist/main/xml-parsers.js:79:11)',
  ],
  [
    'minio',
    'request-time-too-skewed',
    "S3Error: The difference between the request time and the server's time is too large.",
  ],
  [
    'supabase',
    'no-api-key',
    '{"message":"No API key found in request","hint":"No `apikey` request header or url param was found."}',
  ],
  [
    'supabase',
    'no-api-key',
    'Unhandled Exception: GoTrueException(message: No API key found in request, statusCode: 401)',
  ],
  [
    'supabase',
    'invalid-api-key',
    '{"message":"Invalid API key","hint":"Double check your Supabase `anon` or `service_role` API key."}',
  ],
  ['supabase', 'jwt-expired', '{"code":"PGRST301","details":null,"hint":null,"message":"JWT expired"}'],
  [
    'supabase',
    'jwt-expired',
    'PostgrestException(message: JWT expired, code: PGRST301, details: Unauthorized, hint: null)',
  ],
  ['supabase', 'jwt-expired', '{"code":"PGRST303","details":null,"hint":null,"message":"JWT expired"}'],
  ['supabase', 'jwt-issued-at-future', '{"code":"PGRST303","message":"JWT issued at future"}'],
  ['supabase', 'jws-invalid-signature', '{"message":"JWSError JWSInvalidSignature"}'],
  [
    'supabase',
    'not-a-jwt',
    "postgrest.exceptions.APIError: {'message': 'Expected 3 parts in JWT; got 1', 'code': 'PGRST301', 'hint': None, 'details': None}",
  ],
  [
    'sentry',
    'cli-invalid-token',
    'error: API request failed\n  caused by: sentry reported an error: Invalid token (http status: 401)',
  ],
  ['sentry', 'cli-invalid-token', 'sentry reported an error: Invalid org token (http status: 401)'],
  ['sentry', 'cli-invalid-token', 'error: Invalid token: API request failed'],
  ['sentry', 'api-invalid-org-token', '{"detail":"Invalid org token"}'],
  [
    'pagerduty',
    'pdpyras-401',
    'pdpyras.PDClientError: Received 401 Unauthorized response from the API. The access key (*xxxx) might not be valid.',
  ],
  [
    'pagerduty',
    'go-client-401',
    'Get Service With Context returns error "HTTP response with status code 401 does not contain Content-Type: application/json"',
  ],
  [
    'datadog',
    'forbidden',
    '{"status":"error","code":403,"errors":["Forbidden"],"statuspage":"http://status.datadoghq.eu","twitter":"http://twitter.com/datadogops","email":"support@datadoghq.com"}',
  ],
  [
    'datadog',
    'forbidden',
    'Message: {"errors":["Forbidden"],"additionalProperties":{"status":"error","code":403,"statuspage":"http://status.datadoghq.com","twitter":"http://twitter.com/datadogops","email":"support@datadoghq.com"}}',
  ],
  [
    'datadog',
    'forbidden',
    'Body: {"status":"error","code":403,"errors":["Forbidden"],"statuspage":"http://status.us5.datadoghq.com","twitter":"http://twitter.com/datadogops"}',
  ],
  [
    'new-relic',
    'bad-api-key',
    '{"errors":[{"extensions":{"error_code":"BAD_API_KEY"},"message":"Bad API Key or no API Key provided"}]}',
  ],
  [
    'new-relic',
    'bad-api-key',
    'FATAL[2020-04-14T18:07:30Z] 401 response returned: Bad API Key or no API Key provided, null',
  ],
  ['new-relic', 'no-api-key-specified', 'Error: 401 response returned: No API key specified'],
  [
    'linear-app',
    'authentication-required',
    '{"errors":[{"message":"Authentication required, not authenticated","extensions":{"type":"authentication error","code":"AUTHENTICATION_ERROR","statusCode":401,"userPresentableMessage":"You need to authenticate to access this operation."}}]}',
  ],
  [
    'vercel',
    'missing-scope-access',
    'Could not upload deployment file ../pages/Users.ts, unexpected error: forbidden - Not authorized: Authorization is missing access to scope "rizowski". You must re-authenticate to this scope or use a token with access to this scope.',
  ],
  [
    'netlify',
    'cli-unauthorized',
    "Failed retrieving user account: Unauthorized. Double-check your login status with 'netlify status' or contact support with details of your error.",
  ],
  [
    'netlify',
    'cli-unauthorized',
    "Failed retrieving addons for site 5c3b9b0a-1111-2222-3333-444455556666: Unauthorized. Double-check your login status with 'netlify status' or contact support with details of your error.",
  ],
  ['fastly', 'credentials-missing-or-invalid', '{"msg":"Provided credentials are missing or invalid"}'],
];

/** Text any API (or proxy) writes; no signature may claim it. */
const GENERIC_TEXTS = [
  '401 Unauthorized',
  'Unauthorized',
  'HTTP/1.1 401 Unauthorized',
  'invalid token',
  'Invalid token',
  'Forbidden',
  '403 Forbidden',
  'Access denied',
  'Access Denied',
  'Invalid API key',
  'Invalid API Key',
  'Bad Request',
  'token expired',
  'Token has expired',
  'jwt expired',
  'JWT expired',
  'Permission denied',
  'permission denied',
  'Invalid credentials',
  'Invalid credentials provided.',
  'Bad credentials',
  'Authentication failed',
  'Authentication required',
  'Authentication is required',
  'Login failed',
  'Not authorized',
  'Not Authorized',
  'not_authorized',
  'invalid signature',
  'Invalid signature',
  'unauthorized: authentication required',
  'Missing Authorization header',
  'No API key found',
  '{"message":"Unauthorized"}',
  '{"error":"Unauthorized"}',
  '{"errors":["Forbidden"]}',
  '{"detail":"Invalid token"}',
  '{"detail":"Authentication credentials were not provided."}',
  '{"error":"invalid_token"}',
  '{"error":"invalid_grant"}',
  '{"message":"Invalid API key"}',
  '{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}',
  '{"status":401,"error":"Unauthorized","path":"/api/orders"}',
  'Bearer realm="api", error="invalid_token"',
  'Basic realm="Restricted"',
  'Basic realm="Artifactory Realm"',
  'Request failed with status code 401',
  'Response code 401 (Unauthorized)',
  '401 Client Error: Unauthorized for url: https://api.example.com/v1/items',
  'Error: Request failed with status code 403',
  'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  'The AWS Access Key Id you provided does not exist in our records.',
  'Signature expired',
  'Wrong endpoint',
  'Session expired',
  'invalid role',
  'Error 401 Unauthorized',
  'missing token',
  'API key is invalid',
  'Payment Required',
];

function signature(packId: string, id: string) {
  return byId.get(packId)?.errors.find((e) => e.id === id);
}

describe('provider packs, third set', () => {
  it('lists exactly the owned providers, in order, each once', () => {
    expect(PACKS_C.map((p) => p.id)).toEqual(OWNED);
    expect(packs).toHaveLength(OWNED.length);
  });

  it('is part of the built-in packs', () => {
    for (const id of OWNED)
      expect(
        allPacks.some((p) => p.id === id),
        id,
      ).toBe(true);
  });

  it.each(OWNED)('%s compiles through compilePacks on its own', (id) => {
    const input = PACKS_C.find((p) => p.id === id);
    expect(() => compilePacks([{ origin: `test:${id}`, pack: input }])).not.toThrow();
  });

  it.each(OWNED)('%s has an authentication reference first, auth methods and error signatures', (id) => {
    const pack = byId.get(id) as ProviderPack;
    expect(pack.docs[0]?.url).toMatch(/^https:\/\//);
    expect(pack.auth.length).toBeGreaterThan(0);
    expect(pack.errors.length).toBeGreaterThan(0);
    expect(new Set(pack.errors.map((e) => e.id)).size).toBe(pack.errors.length);
    for (const error of pack.errors) {
      expect(error.fix.length).toBeGreaterThan(0);
      expect(error.explain.length).toBeGreaterThan(40);
    }
  });

  it('names only credential formats the intake table or the pack itself knows, never the generic JWT format', () => {
    const unknown: string[] = [];
    for (const pack of packs) {
      for (const method of pack.auth) {
        for (const id of method.formats) {
          const own = pack.credentialFormats.some((f) => f.id === id);
          if ((!own && !formatById(id)) || id.startsWith('generic.')) unknown.push(`${pack.id}: ${id}`);
        }
      }
      for (const format of pack.credentialFormats) {
        if (!format.id.startsWith(`${pack.id}.`))
          unknown.push(`${pack.id}: ${format.id} outside the pack namespace`);
        if (formatById(format.id)) unknown.push(`${pack.id}: ${format.id} shadows a built-in format`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('gives every error signature at least one real example', () => {
    const covered = new Set(EXAMPLES.map(([pack, id]) => `${pack}/${id}`));
    const missing = packs
      .flatMap((p) => p.errors.map((e) => `${p.id}/${e.id}`))
      .filter((k) => !covered.has(k));
    expect(missing).toEqual([]);
  });

  it.each(EXAMPLES)('%s / %s recognises: %s', (packId, id, text) => {
    const sig = signature(packId, id);
    expect(sig, `${packId}/${id} exists`).toBeDefined();
    expect(sig?.match.test(text)).toBe(true);
  });

  it('keeps every signature off generic text', () => {
    const hits: string[] = [];
    for (const pack of packs) {
      for (const error of pack.errors) {
        for (const text of GENERIC_TEXTS)
          if (error.match.test(text)) hits.push(`${pack.id}/${error.id} ~ ${text}`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('votes for the right provider: no example matches another built-in pack’s signatures, except where the wording is shared', () => {
    // npm prints its own line around the registry's challenge; the Nexus realm name says which registry it was.
    // Grafana's invalid-key signature also takes any body that starts {"message":"Invalid API key", so Supabase's
    // answer (which adds a Supabase hint) reaches it too.
    const shared = new Set([
      'nexus/npm-needs-basic-realm ~ npm/unable-to-authenticate-need',
      'supabase/invalid-api-key ~ grafana/invalid-api-key',
    ]);
    const crossHits: string[] = [];
    for (const [packId, id, text] of EXAMPLES) {
      for (const pack of allPacks) {
        if (pack.id === packId) continue;
        for (const error of pack.errors) {
          if (error.match.test(text)) crossHits.push(`${packId}/${id} ~ ${pack.id}/${error.id}`);
        }
      }
    }
    expect(crossHits.filter((h) => !shared.has(h))).toEqual([]);
  });

  it('lets a message fire a second signature of its own pack only where one refines the other', () => {
    const expected = new Set([
      'nexus/npm-needs-basic-realm + basic-challenge',
      'deepl/client-authorization-failure + wrong-endpoint-use-pro',
    ]);
    const overlaps = new Set<string>();
    for (const [packId, id, text] of EXAMPLES) {
      for (const other of byId.get(packId)?.errors ?? []) {
        if (other.id !== id && other.match.test(text)) overlaps.add(`${packId}/${id} + ${other.id}`);
      }
    }
    expect([...overlaps].sort()).toEqual([...expected].sort());
  });

  it('runs every signature in linear time on long hostile input', () => {
    const hostile = [
      'a'.repeat(64 * 1024),
      `Code: 403. Errors:${' '.repeat(60_000)}`,
      `"errors":["Forbidden"]${'x'.repeat(60_000)}`,
      `Transfer failed for https://${'a'.repeat(60_000)}`,
      `${'* permission denied\\n'.repeat(3000)}`,
      `status.datadoghq.com${' "errors"'.repeat(6000)}`,
      `Could not verify JWT: ${'JWSError '.repeat(6000)}`,
      `\\"id\\":${'\\"'.repeat(20_000)}`,
    ];
    const started = performance.now();
    for (const pack of packs)
      for (const error of pack.errors) for (const text of hostile) error.match.test(text);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('resolves every host to its own pack, with the environment it declares', () => {
    expect(misresolvedHosts(packs, allKnowledge)).toEqual([]);
  });

  it('never lets two built-in packs claim the same host', () => {
    expect(hostClashes(allPacks)).toEqual([]);
  });

  it.each([
    ['api-free.deepl.com', 'deepl'],
    ['api.deepl.com', 'deepl'],
    ['api.openweathermap.org', 'openweathermap'],
    ['api.heroku.com', 'heroku'],
    ['dev.azure.com', 'azure-devops'],
    ['vssps.dev.azure.com', 'azure-devops'],
    ['contoso.visualstudio.com', 'azure-devops'],
    ['acme.jfrog.io', 'artifactory'],
    ['abcdefghijklmnop.supabase.co', 'supabase'],
    ['api.supabase.com', 'supabase'],
    ['my-project.hasura.app', 'hasura'],
    ['de.sentry.io', 'sentry'],
    ['o123456.ingest.us.sentry.io', 'sentry'],
    ['api.pagerduty.com', 'pagerduty'],
    ['api.eu.pagerduty.com', 'pagerduty'],
    ['api.datadoghq.com', 'datadog'],
    ['api.datadoghq.eu', 'datadog'],
    ['http-intake.logs.us5.datadoghq.com', 'datadog'],
    ['api.eu.newrelic.com', 'new-relic'],
    ['api.linear.app', 'linear-app'],
    ['api.vercel.com', 'vercel'],
    ['api.netlify.com', 'netlify'],
    ['api.fastly.com', 'fastly'],
    ['central.sonatype.com', 'maven'],
    ['s01.oss.sonatype.org', 'maven'],
    ['acme.rmq.cloudamqp.com', 'rabbitmq'],
  ])('matches %s to %s', (host, packId) => {
    expect(allKnowledge.matchHost(host)?.pack.id).toBe(packId);
  });

  it('keeps Datadog and New Relic sites and data centers apart by region', () => {
    const region = (host: string) => allKnowledge.matchHost(host)?.host.region;
    expect(region('api.datadoghq.com')).toBe('us1');
    expect(region('api.datadoghq.eu')).toBe('eu1');
    expect(region('api.us5.datadoghq.com')).toBe('us5');
    expect(region('http-intake.logs.us3.datadoghq.com')).toBe('us3');
    expect(region('http-intake.logs.datadoghq.com')).toBe('us1');
    expect(region('api.ddog-gov.com')).toBe('us1-fed');
    expect(region('api.newrelic.com')).toBe('us');
    expect(region('api.eu.newrelic.com')).toBe('eu');
    expect(signature('datadog', 'forbidden')?.explain).toMatch(/another site/);
    expect(signature('datadog', 'forbidden')?.fix.join(' ')).toMatch(/DD_SITE/);
    const headers = byId.get('datadog')?.auth.map((m) => m.name);
    expect(headers).toEqual(expect.arrayContaining(['DD-API-KEY', 'DD-APPLICATION-KEY']));
  });

  it('leaves self-hosted software without fixed hosts to headers, issuers and error wording', () => {
    for (const id of ['vault', 'jenkins', 'harbor', 'nexus', 'bitbucket-server', 'minio']) {
      const pack = byId.get(id) as ProviderPack;
      expect(pack.hosts, id).toEqual([]);
      expect(pack.headerNames.length + pack.issuers.length + pack.errors.length, id).toBeGreaterThan(0);
    }
    expect(byId.get('vault')?.headerNames).toEqual(
      expect.arrayContaining(['x-vault-token', 'x-vault-request', 'x-vault-namespace']),
    );
    expect(byId.get('jenkins')?.headerNames).toEqual(
      expect.arrayContaining(['x-jenkins', 'x-you-are-authenticated-as']),
    );
    expect(byId.get('artifactory')?.headerNames).toEqual(
      expect.arrayContaining(['x-jfrog-version', 'x-jfrog-art-api']),
    );
    expect(byId.get('harbor')?.headerNames).toContain('x-harbor-csrf-token');
    expect(byId.get('azure-devops')?.headerNames).toEqual(
      expect.arrayContaining(['x-tfs-fedauthredirect', 'x-vss-e2eid']),
    );
  });

  it('claims only header names no other built-in pack uses', () => {
    const owners = new Map<string, string[]>();
    for (const pack of allPacks)
      for (const header of pack.headerNames) owners.set(header, [...(owners.get(header) ?? []), pack.id]);
    const shared = [...owners].filter(([, ids]) => ids.length > 1 && ids.some((id) => OWNED.includes(id)));
    expect(shared).toEqual([]);
  });

  it.each([
    ['vault.service_token', `hvs.${'CAESIJ'.repeat(15)}`, true],
    ['vault.service_token', 'hvs.short', false],
    ['vault.batch_token', `hvb.${'AAAAAQ'.repeat(25)}`, true],
    ['deepl.free_key', '1c11fb40-01f7-47c7-a557-2c3d6c3657c5:fx', true],
    ['deepl.free_key', '1c11fb40-01f7-47c7-a557-2c3d6c3657c5', false],
    ['artifactory.api_key', `AKCp${'8IjfTOOrPulboDZF'.repeat(4)}wGN9k`, true],
    ['artifactory.reference_token', `cmVmdGtu${'OjAxOjE3MDA'.repeat(5)}x`, true],
    ['supabase.publishable_key', 'sb_publishable_Xy7TzQ2mVb9nLp4RcW1kJh_aB3dEfG', true],
    ['supabase.secret_key', 'sb_secret_Xy7TzQ2mVb9nLp4RcW1kJh_aB3dEfG', true],
    ['supabase.personal_access_token', `sbp_${'0123456789abcdef'.repeat(2)}01234567`, true],
    ['sentry.user_token', `sntryu_${'0123456789abcdef'.repeat(4)}`, true],
    ['new-relic.user_key', 'NRAK-ABCDEFGHIJKLMNOPQRSTUVWXYZ1', true],
    ['new-relic.license_key', `${'0123456789abcdef'.repeat(2)}0123NRAL`, true],
    ['new-relic.license_key', `${'0123456789abcdef'.repeat(2)}01234567`, false],
  ])('format %s whole-value test on %s → %s', (formatId, value, expected) => {
    const pack = packs.find((p) => p.credentialFormats.some((f) => f.id === formatId)) as ProviderPack;
    const format = pack.credentialFormats.find((f) => f.id === formatId);
    const whole = new RegExp(`^(?:${format?.pattern.source})$`, 'i');
    expect(whole.test(value)).toBe(expected);
  });

  it('sends DeepL keys to the host of their plan', () => {
    expect(signature('deepl', 'wrong-endpoint-use-free')?.cause).toBe('wrong_url_or_endpoint');
    expect(signature('deepl', 'wrong-endpoint-use-pro')?.cause).toBe('wrong_url_or_endpoint');
    expect(signature('deepl', 'wrong-endpoint-use-free')?.explain).toMatch(/:fx/);
    expect(signature('deepl', 'legacy-auth-method')?.cause).toBe('wrong_header_format');
    const header = byId.get('deepl')?.auth.find((m) => m.status === 'preferred');
    expect(header?.scheme).toBe('DeepL-Auth-Key');
    expect(
      byId
        .get('deepl')
        ?.auth.filter((m) => m.status === 'rejected')
        .map((m) => m.name),
    ).toEqual(['auth_key', 'auth_key']);
  });

  it('reads the Maven and Gradle client side, and explains the settings.xml server id', () => {
    const transfer = signature('maven', 'maven-transfer-401');
    expect(transfer?.cause).toBe('missing_credentials');
    expect(transfer?.severity).toBe('warning');
    expect(transfer?.explain).toMatch(/<server> whose <id>/);
    expect(byId.get('maven')?.pitfalls.join(' ')).toMatch(/<server><id> must equal the <repository><id>/);
    expect(signature('nexus', 'content-protected-by-token')?.cause).toBe('wrong_token_type');
    expect(byId.get('nexus')?.pitfalls.join(' ')).toMatch(/npm Bearer Token Realm/);
  });

  it('tells Azure DevOps PAT encoding and the 203 sign-in page', () => {
    const basic = byId.get('azure-devops')?.auth.find((m) => m.in === 'basic');
    expect(basic?.basicShape).toMatch(/^:personal_access_token/);
    expect(basic?.basicShape).toMatch(/newline/);
    const page = signature('azure-devops', 'sign-in-page-instead-of-401');
    expect(page?.explain).toMatch(/203 Non-Authoritative/);
    expect(page?.fix.join(' ')).toMatch(/X-TFS-FedAuthRedirect: Suppress/);
    expect(page?.fix.join(' ')).toMatch(/echo -n/);
    expect(signature('azure-devops', 'anonymous-access')?.cause).toBe('missing_credentials');
  });

  it('classifies service-specific refusals by their real cause', () => {
    expect(signature('rabbitmq', 'guest-localhost-only')?.cause).toBe('ip_blocked_or_restricted');
    expect(signature('rabbitmq', 'not-management-user')?.cause).toBe('insufficient_scope_or_permissions');
    expect(signature('openweathermap', 'one-call-3-subscription')?.cause).toBe('account_or_billing_state');
    expect(signature('openweathermap', 'invalid-api-key')?.explain).toMatch(/two hours/);
    expect(signature('openweathermap', 'invalid-api-key')?.severity).toBe('warning');
    expect(signature('heroku', 'verification-required')?.cause).toBe('account_or_billing_state');
    expect(signature('hasura', 'jwt-invalid-signature')?.cause).toBe('signature_or_key_mismatch');
    expect(signature('hasura', 'jwt-expired')?.cause).toBe('expired_token');
    expect(signature('supabase', 'jws-invalid-signature')?.cause).toBe('signature_or_key_mismatch');
    expect(signature('supabase', 'jwt-expired')?.cause).toBe('expired_token');
    expect(signature('supabase', 'not-a-jwt')?.cause).toBe('wrong_token_type');
    expect(signature('minio', 'request-time-too-skewed')?.cause).toBe('not_yet_valid_or_clock_skew');
    expect(signature('harbor', 'unauthorized-to-access-repository')?.cause).toBe(
      'insufficient_scope_or_permissions',
    );
    expect(signature('vault', 'ttl-capped-by-max-ttl')?.cause).toBe('expired_token');
    expect(signature('bitbucket-server', 'captcha-required')?.cause).toBe('account_or_billing_state');
  });

  it('keeps messages that several causes share at warning', () => {
    for (const [packId, id] of [
      ['vault', 'permission-denied'],
      ['jenkins', 'invalid-password-or-token'],
      ['artifactory', 'bad-credentials'],
      ['nexus', 'npm-needs-basic-realm'],
      ['azure-devops', 'user-not-authorized'],
      ['datadog', 'forbidden'],
      ['new-relic', 'bad-api-key'],
      ['linear-app', 'authentication-required'],
      ['fastly', 'credentials-missing-or-invalid'],
    ] as const) {
      const sig = signature(packId, id);
      expect(sig?.severity, `${packId}/${id}`).not.toBe('error');
      expect(sig?.confidence, `${packId}/${id}`).toBeLessThanOrEqual(0.75);
    }
  });

  it('tells Hasura’s wording from PostgREST’s for the same JOSE error', () => {
    const hasuraText = 'Could not verify JWT: JWSError JWSInvalidSignature';
    expect(signature('hasura', 'jwt-invalid-signature')?.match.test(hasuraText)).toBe(true);
    expect(signature('supabase', 'jws-invalid-signature')?.match.test(hasuraText)).toBe(false);
  });

  it('tells MinIO’s S3 wording from AWS’s', () => {
    const aws = 'The AWS Access Key Id you provided does not exist in our records.';
    expect(signature('minio', 'access-key-not-found')?.match.test(aws)).toBe(false);
    const awsSkew = 'The difference between the request time and the current time is too large.';
    expect(signature('minio', 'request-time-too-skewed')?.match.test(awsSkew)).toBe(false);
  });

  it('uses the schemes each API documents', () => {
    const scheme = (packId: string) =>
      byId.get(packId)?.auth.find((m) => m.status === 'preferred')?.scheme ?? null;
    expect(scheme('pagerduty')).toBe('Token');
    expect(byId.get('pagerduty')?.auth[0]?.credential).toMatch(/Token token=/);
    expect(byId.get('fastly')?.auth.find((m) => m.status === 'preferred')?.name).toBe('Fastly-Key');
    expect(byId.get('hasura')?.auth.some((m) => m.name === 'x-hasura-admin-secret')).toBe(true);
    expect(byId.get('new-relic')?.auth.find((m) => m.status === 'preferred')?.name).toBe('API-Key');
    const linearKey = byId.get('linear-app')?.auth.find((m) => m.formats.includes('linear.api_key'));
    expect(linearKey?.scheme).toBeUndefined();
    const artifactoryBearer = byId
      .get('artifactory')
      ?.auth.find((m) => m.scheme === 'Bearer' && m.formats.includes('artifactory.api_key'));
    expect(artifactoryBearer?.status).toBe('rejected');
    expect(byId.get('heroku')?.auth.find((m) => m.status === 'preferred')?.formats).toContain(
      'heroku.api_key',
    );
  });
});
