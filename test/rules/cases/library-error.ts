import { compilePacks, ProviderKnowledge } from '../../../src/providers/knowledge.js';
import { github } from '../../../src/providers/packs/github.js';
import rule from '../../../src/rules/library-error.js';
import { defineCases, type InvalidCase, type RuleCase } from '../../support/rule-cases.js';

/**
 * Only the GitHub seed pack: the rule leaves messages a provider pack explains to provider-error, so the
 * cases must not depend on which built-in packs exist.
 */
const knowledge = new ProviderKnowledge(compilePacks([{ origin: 'test:github', pack: github }]));
const withKnowledge = <C extends RuleCase>(c: C): C => ({ ...c, knowledge });

const JWT =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoxNzY4NDc0ODAwfQ.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2ln';
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** An OpenID Connect ID token: its audience is the client app, and it carries a `nonce`. */
const ID_TOKEN = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64({ iss: 'https://login.example.com/', aud: 'spa-client-7', sub: 'user-42', nonce: 'n-0S6WzA2Mj', exp: 1800000000 })}.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2ln`;
const DRF_TOKEN = '9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b';

const response = (status: string, body: string) => `HTTP/1.1 ${status}
Content-Type: application/json

${body}`;

const invalid: InvalidCase[] = [
  {
    name: "an audience check that fails only on a stray space in the API's configuration",
    paste: `GET https://orders.example.test/api/orders\n\nfail: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[1]\n      Authentication failed.\nMicrosoft.IdentityModel.Tokens.SecurityTokenInvalidAudienceException: IDX10214: Audience validation failed. Audiences: 'orders-api'. Did not match: validationParameters.ValidAudience: 'orders-api ' or validationParameters.ValidAudiences: 'null'.`,
    expect: {
      cause: 'server_misconfiguration',
      severity: 'error',
      detail: ['differ only by whitespace'],
      fix: ['configured valid audience'],
    },
  },
  // Kerberos / SPNEGO
  {
    name: 'SPNEGO: Kerberos refuses the ticket because the clocks drifted',
    paste: `2025-03-04 08:12:09 WARN  SpnegoAuthenticationProcessingFilter : Negotiate Header was invalid
org.springframework.security.authentication.BadCredentialsException: Kerberos validation not successful
Caused by: GSSException: Failure unspecified at GSS-API level (Mechanism level: Clock skew too great (37))`,
    expect: {
      cause: 'not_yet_valid_or_clock_skew',
      severity: 'error',
      minConfidence: 0.8,
      detail: ['Clock skew too great', 'Kerberos'],
      fix: ['timedatectl set-ntp true'],
    },
  },
  {
    name: 'SPNEGO: the browser answered Negotiate with an NTLM token',
    paste: `GSSException: Defective token detected (Mechanism level: GSSHeader did not find the right tag)
Negotiate Header was invalid: Negotiate TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAO5CAAAADw==`,
    expect: {
      cause: 'wrong_token_type',
      severity: 'warning',
      detail: ['NTLM'],
      fix: ['Local Intranet zone'],
    },
  },
  {
    name: 'Kerberos: the keytab is stale (key version moved on)',
    paste: 'KrbException: Specified version of key is not available (44)',
    expect: { cause: 'server_misconfiguration', severity: 'warning', fix: ['klist -k'] },
  },
  // Infrastructure
  {
    name: 'Vault: renewals capped at max_ttl, then permission denied: the token reached its end of life',
    paste: `[WARN]  agent.auth.handler: TTL of "30m" exceeded the effective max_ttl of "4m10s"; TTL value is capped accordingly
[ERROR] (view) vault.read(kv/data/billing): Error making API request.
URL: GET https://vault.example.net:8200/v1/kv/data/billing
Code: 403. Errors:

* permission denied`,
    expect: { cause: 'expired_token', severity: 'warning', detail: ['max_ttl'], fix: ['token_period'] },
  },
  {
    name: 'Vault: permission denied alone is a permissions lead that names the expiry alternative',
    paste: `Error reading kv/data/app: Error making API request.

URL: GET https://vault.example.net:8200/v1/kv/data/app
Code: 403. Errors:

* permission denied`,
    expect: {
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      detail: ['expired'],
      fix: ['vault token lookup'],
    },
  },
  {
    name: 'RabbitMQ: the management API wants a user tag',
    paste: response('401 Unauthorized', '{"error":"not_authorised","reason":"Not management user"}'),
    expect: { cause: 'insufficient_scope_or_permissions', severity: 'error', fix: ['set_user_tags'] },
  },
  {
    name: 'Jenkins: anonymous is missing a permission although credentials were sent: they were lost',
    paste: `curl -i -u ci-bot:${JWT} https://jenkins.example.org/job/api/build
${response('403 Forbidden', '<title>Error 403 anonymous is missing the Job/Build permission</title>')}`,
    expect: { cause: 'credentials_dropped_in_transit', severity: 'warning', detail: ['Job/Build'] },
  },
  {
    name: 'Maven: the failing repository id has no <server> in settings.xml',
    paste: `[ERROR] Failed to execute goal org.apache.maven.plugins:maven-deploy-plugin:3.1.1:deploy (default-deploy) on project ledger: Failed to deploy artifacts: Could not transfer artifact org.example:ledger:jar:1.4.0 from/to corp-releases (https://repo.example.org/repository/releases/): status code: 401, reason phrase: Unauthorized (401)

settings.xml:
<servers>
  <server>
    <id>corp</id>
    <username>deployer</username>
    <password>not-shown</password>
  </server>
</servers>`,
    expect: {
      cause: 'missing_credentials',
      severity: 'error',
      detail: ['corp-releases', '`corp`'],
      fix: ['Rename the `<server><id>` to `corp-releases`'],
    },
  },
  {
    name: 'Maven: a 401 with a matching <server>: the password there is what was refused',
    paste: `Could not transfer artifact org.example:ledger:pom:1.4.0 from/to corp-releases (https://repo.example.org/repository/releases/): status code: 401, reason phrase: Unauthorized (401)
<server><id>corp-releases</id><username>deployer</username><password>x</password></server>`,
    expect: { cause: 'invalid_credentials', severity: 'warning', detail: ['did send its credentials'] },
  },
  {
    name: 'npm: publishing needs a one-time password (2FA), not another token',
    paste: `npm ERR! code E401
npm ERR! 401 Unauthorized - PUT https://registry.npmjs.org/@acme%2fwidgets - You must provide a one-time pass. Upgrade your client to npm@latest in order to use 2FA.`,
    expect: { cause: 'other', severity: 'error', detail: ['second factor'], fix: ['granular access token'] },
  },
  {
    name: 'PostgreSQL: no pg_hba.conf line for this client address',
    paste:
      'psql: error: connection to server at "db.example.net" (10.4.0.9), port 5432 failed: FATAL:  no pg_hba.conf entry for host "10.4.7.21", user "reporter", database "sales", SSL off',
    expect: { cause: 'ip_blocked_or_restricted', severity: 'error', fix: ['hostssl'] },
  },
  // GraphQL, Postgres REST layers, gRPC, gateways, Firebase
  {
    name: 'Hasura (Haskell jose): the JWT signature does not verify',
    paste: `POST https://graphql.example.dev/v1/graphql
{"errors":[{"extensions":{"path":"$","code":"invalid-jwt"},"message":"Could not verify JWT: JWSError JWSInvalidSignature"}]}`,
    expect: {
      cause: 'signature_or_key_mismatch',
      severity: 'error',
      detail: ['JWSInvalidSignature', 'Haskell jose'],
      fix: ['HASURA_GRAPHQL_JWT_SECRET'],
    },
  },
  {
    name: 'PostgREST: the JWT expired (and is not attributed to jsonwebtoken)',
    paste: response(
      '401 Unauthorized',
      '{"code":"PGRST303","details":null,"hint":null,"message":"JWT expired"}',
    ),
    expect: { cause: 'expired_token', severity: 'error', detail: ['PostgREST'] },
  },
  {
    name: 'Supabase Auth: the anon key sent where a user token belongs',
    paste: response(
      '403 Forbidden',
      '{"code":403,"error_code":"bad_jwt","msg":"invalid claim: missing sub claim"}',
    ),
    expect: { cause: 'wrong_token_type', severity: 'error', fix: ['session.access_token'] },
  },
  {
    name: 'gRPC: UNAUTHENTICATED with a library reason inside is explained by the reason',
    paste: 'rpc error: code = Unauthenticated desc = token is expired',
    expect: { cause: 'expired_token' },
  },
  {
    name: 'gRPC: a client that refuses to send a token over plaintext',
    paste:
      'failed to call Orders.List: rpc error: code = Unauthenticated desc = transport: cannot send secure credentials on an insecure connection',
    expect: { cause: 'wrong_url_or_endpoint', severity: 'error', fix: ['TLS channel'] },
  },
  {
    name: 'Envoy jwt_authn: no key in the JWKS for the token',
    paste: response('401 Unauthorized', "Jwks doesn't have key to match kid or alg from Jwt"),
    expect: { cause: 'signature_or_key_mismatch', severity: 'error', detail: ['Envoy'] },
  },
  {
    name: 'Firebase Admin: the ID token comes from another project',
    paste:
      'Error: Firebase ID token has incorrect "aud" (audience) claim. Expected "ledger-prod" but got "ledger-staging". Make sure the ID token comes from the same Firebase project as the service account used to authenticate this SDK.',
    expect: { cause: 'wrong_audience_or_issuer', severity: 'error', fix: ['same project'] },
  },
  {
    name: 'Google APIs: an API key where an OAuth token is required',
    paste: response(
      '401 Unauthorized',
      '{"error":{"code":401,"message":"API keys are not supported by this API. Expected OAuth2 access token or other authentication credentials that assert a principal.","status":"UNAUTHENTICATED"}}',
    ),
    expect: { cause: 'wrong_token_type', severity: 'error' },
  },
  {
    name: 'Entra ID: the client secret expired',
    paste:
      "MsalServiceException: AADSTS7000222: The provided client secret keys for app 'f00d' are expired. Visit the Azure portal to create new keys for your app.",
    expect: { cause: 'expired_token', severity: 'error', fix: ['new client secret'] },
  },
  // Signed requests
  {
    name: 'an exchange API: the signed request timestamp is outside the window (clock)',
    paste: `2025-05-02 10:14:55 ERROR bot: GET https://api.exchange.example/v5/account -> 401 {"msg":"Timestamp request expired","code":"50102"}
System clock synchronized: no`,
    expect: { cause: 'not_yet_valid_or_clock_skew', severity: 'error', fix: ['timedatectl set-ntp true'] },
  },
  {
    name: 'a generic server: the request timestamp is outside the allowed window',
    paste: response(
      '401 Unauthorized',
      '{"error":"unauthorized","message":"request timestamp is outside the allowed window"}',
    ),
    expect: { cause: 'not_yet_valid_or_clock_skew', severity: 'error' },
  },
  {
    name: 'a generic server says the endpoint is the wrong one for this key',
    paste: response('403 Forbidden', '{"message":"Wrong endpoint. Use https://eu.api.example.io"}'),
    expect: { cause: 'wrong_url_or_endpoint', severity: 'error', fix: ['host the message names'] },
  },
  // Refinements
  {
    name: 'a login route that answers "invalid credentials" is a wrong password, not a guarded public route',
    paste: `curl -i -X POST https://shop.example.org/api/login -d 'user=a&password=b'
${response('401 Unauthorized', '{"detail":"Invalid username/password."}')}`,
    expect: { cause: 'invalid_credentials', severity: 'error' },
  },
  {
    name: 'IdentityModel cannot match the kid, and the token in the log is a refresh token',
    paste: `Microsoft.IdentityModel.Tokens.SecurityTokenSignatureKeyNotFoundException: IDX10501: Signature validation failed. Unable to match key:
kid: 'b1d2'.
token: '{"alg":"HS256","typ":"JWT","kid":"b1d2"}.{"exp":1768474800,"iss":"https://sso.example.org/realms/shop","typ":"Refresh","azp":"shop-app"}'.`,
    expect: {
      cause: 'wrong_token_type',
      severity: 'error',
      detail: ['refresh token'],
      fix: ['access_token'],
    },
  },
  {
    name: 'express-jwt demands a token on the login route: the middleware covers a public route',
    paste: `curl -i -X POST http://localhost:3000/api/users/login -H 'Content-Type: application/json' -d '{"email":"ana@example.org","password":"pw"}'
${response('401 Unauthorized', 'UnauthorizedError: No authorization token was found')}`,
    expect: {
      cause: 'server_misconfiguration',
      severity: 'warning',
      detail: ['/api/users/login'],
      fix: ['req.originalUrl'],
    },
  },
  {
    name: 'FastAPI saw no bearer token although the request sent exactly that: the header was lost',
    paste: `curl -i -L http://api.example.net/v2/items -H "Authorization: Bearer ${JWT}"
${response('401 Unauthorized', '{"detail":"Not authenticated"}')}`,
    expect: {
      cause: 'credentials_dropped_in_transit',
      severity: 'warning',
      detail: ['did not reach the app'],
    },
  },
  {
    name: 'Devise with a Bearer token sent: no strategy on the route reads it',
    paste: `curl -i https://app.example.com/api/v1/reports -H "Authorization: Bearer Qm9vdGgtMTIzNDU2Nzg5MA"
${response('401 Unauthorized', '{"errors":["You need to sign in or sign up before continuing."]}')}`,
    expect: { cause: 'wrong_header_format', severity: 'warning', fix: ['access-token', 'client', 'uid'] },
  },
  {
    name: 'an invalid password after the user says the login moved to SSO: an API token is needed',
    paste: `Our Jenkins sign-in now goes through Okta since January, and the deploy script broke:
curl -i -u dana:Winter2025! https://ci.example.org/job/deploy/build
${response('401 Unauthorized', '<title>Error 401 Invalid password/token for user: dana</title>')}`,
    expect: { cause: 'wrong_token_type', severity: 'warning', detail: ['SSO'], fix: ['API token'] },
  },
  {
    name: 'invalid_client for a client assertion outside its time window is the clock, not a bad secret',
    paste: `{"error":"invalid_client","error_description":"AADSTS700024: Client assertion is not within its valid time range. Current time: 2026-01-15T12:00:00Z, assertion valid from 2026-01-15T12:07:00Z"}`,
    expect: { cause: 'not_yet_valid_or_clock_skew', severity: 'error', detail: ['AADSTS700024', 'clock'] },
  },
  {
    name: 'a Node stack trace: jsonwebtoken says the token expired',
    paste: `POST /api/orders 401
TokenExpiredError: jwt expired
    at /srv/app/node_modules/jsonwebtoken/verify.js:190:21
    at getSecret (/srv/app/node_modules/jsonwebtoken/verify.js:97:14)`,
    expect: {
      cause: 'expired_token',
      severity: 'error',
      minConfidence: 0.8,
      detail: ['jwt expired', 'jsonwebtoken'],
      fix: ['Get a new token'],
    },
  },
  {
    name: 'DRF saw no credential although one was sent: it was dropped on the way',
    paste: `curl -i -H "Authorization: Token ${DRF_TOKEN}" https://shop.example.org/api/v1/orders/
${response('401 Unauthorized', '{"detail":"Authentication credentials were not provided."}')}`,
    expect: {
      cause: 'credentials_dropped_in_transit',
      severity: 'warning',
      evidence: 'response.body',
      detail: ['Authentication credentials were not provided', 'Django REST framework', '(40 chars)'],
      fix: ['WSGIPassAuthorization On'],
    },
  },
  {
    name: 'DRF saw no credential and none was sent',
    paste: `curl -i https://shop.example.org/api/v1/orders/
${response('401 Unauthorized', '{"detail":"Authentication credentials were not provided."}')}`,
    expect: { cause: 'missing_credentials', severity: 'error', fix: ['Authorization: Token <YOUR_TOKEN>'] },
  },
  {
    name: 'an ASP.NET Core log: IDX10205 issuer validation failed',
    paste: `fail: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[3]
      Exception occurred while processing message.
      Microsoft.IdentityModel.Tokens.SecurityTokenInvalidIssuerException: IDX10205: Issuer validation failed. Issuer: 'https://login.example.net/tenant-b/v2.0'. Did not match: validationParameters.ValidIssuer: 'https://login.example.net/tenant-a/v2.0'`,
    expect: {
      cause: 'wrong_audience_or_issuer',
      severity: 'error',
      detail: ['IDX10205', 'Microsoft.IdentityModel'],
    },
  },
  {
    name: 'Spring Security in a response body: Jwt expired at',
    paste: `curl -i -H "Authorization: Bearer ${JWT}" https://orders.internal.example.com/api/orders
${response('401 Unauthorized', '{"timestamp":"2026-01-15T12:00:01Z","status":401,"error":"Unauthorized","message":"An error occurred while attempting to decode the Jwt: Jwt expired at 2026-01-15T11:00:00Z"}')}`,
    expect: {
      cause: 'expired_token',
      severity: 'error',
      evidence: 'response.body',
      detail: ['Jwt expired at', 'Spring Security'],
      fix: ["curl -H 'Authorization: Bearer <YOUR_TOKEN>' https://orders.internal.example.com/api/orders"],
    },
  },
  {
    name: 'an audience error while the token sent is an ID token: the token type is the mistake',
    paste: `curl -i -H "Authorization: Bearer ${ID_TOKEN}" https://api.example.com/v1/reports
${response('401 Unauthorized', '{"message":"jwt audience invalid. expected: https://api.example.com"}')}`,
    expect: {
      cause: 'wrong_token_type',
      severity: 'error',
      detail: ['jwt audience invalid', 'ID token', '`nonce`'],
      fix: ['access token issued for this API'],
    },
  },
  {
    name: 'an audience error, and the user says the audience is their client ID',
    paste: `jwt.exceptions.InvalidAudienceError: Audience doesn't match
I decoded the token: its aud equals the client_id of our mobile app.`,
    expect: { cause: 'wrong_token_type', severity: 'error', detail: ["Audience doesn't match", 'ID token'] },
  },
  {
    name: 'the AWS CLI: SignatureDoesNotMatch',
    paste: `$ aws s3 ls s3://reports-bucket
An error occurred (SignatureDoesNotMatch) when calling the ListObjectsV2 operation: The request signature we calculated does not match the signature you provided. Check your key and signing method.`,
    expect: { cause: 'signature_or_key_mismatch', severity: 'error', detail: ['AWS'] },
  },
  {
    name: 'golang-jwt: token used before issued',
    paste: 'level=error msg="auth failed" err="token has invalid claims: token used before issued"',
    expect: { cause: 'not_yet_valid_or_clock_skew', severity: 'error', detail: ['golang-jwt'] },
  },
  {
    name: 'Auth0 names the scopes it wanted',
    paste: response(
      '403 Forbidden',
      '{"statusCode":403,"error":"Forbidden","message":"Insufficient scope, expected any of: read:users,read:user_idp_tokens","errorCode":"insufficient_scope"}',
    ),
    expect: {
      cause: 'insufficient_scope_or_permissions',
      severity: 'error',
      detail: ['read:users,read:user_idp_tokens'],
    },
  },
  {
    name: 'a Google refresh token that expired or was revoked',
    paste: `google.auth.exceptions.RefreshError: ('invalid_grant: Token has been expired or revoked.', {'error': 'invalid_grant', 'error_description': 'Token has been expired or revoked.'})`,
    expect: { cause: 'expired_token', severity: 'error', fix: ['In production'] },
  },
  {
    name: 'jwt-auth (Laravel) got no token although one was sent: Apache dropped it',
    paste: `curl -i -H "Authorization: Bearer ${JWT}" https://crm.example.com/api/me
${response('401 Unauthorized', '{"error":"Token not provided"}')}`,
    expect: { cause: 'credentials_dropped_in_transit', severity: 'warning', fix: ['CGIPassAuth On'] },
  },
  {
    name: 'a "no credentials" answer without the request is only a lead (one may have been sent)',
    paste: `{"detail":"Authentication credentials were not provided."}
Our Django app answers this for every call since we moved it to the new server.`,
    expect: {
      cause: 'missing_credentials',
      severity: 'warning',
      detail: ['If the request did carry a credential'],
      fix: ['WSGIPassAuthorization On'],
    },
  },
  {
    name: 'a bare "Invalid token" is only a lead',
    paste: response('401 Unauthorized', '{"error":"Invalid token"}'),
    expect: { cause: 'invalid_credentials', severity: 'warning', detail: ['Invalid token'] },
  },
  {
    name: 'a generic phrase in prose is a lead, not a verdict',
    paste: 'since this morning the dashboard API keeps answering 401 and the log line says token expired',
    expect: { cause: 'expired_token', severity: 'warning', evidence: 'prose[0]' },
  },
  {
    name: 'Elasticsearch with security on, client sent nothing',
    paste: `curl -i "http://localhost:9200/logs-*/_search?q=level:error"
${response(
  '401 Unauthorized',
  '{"error":{"root_cause":[{"type":"security_exception","reason":"missing authentication credentials for REST request [/logs-*/_search]"}],"type":"security_exception","reason":"missing authentication credentials for REST request [/logs-*/_search]"},"status":401}',
)}`,
    expect: { cause: 'missing_credentials', severity: 'error', fix: ['curl -u elastic:<PASSWORD>'] },
  },
  {
    name: 'ASP.NET Core: UseAuthorization placed before UseAuthentication',
    paste: `all [Authorize] actions give 401 even with a fresh token

var app = builder.Build();
app.UseRouting();
app.UseCors("spa");
app.UseAuthorization();
app.UseAuthentication();
app.MapControllers();`,
    expect: {
      cause: 'server_misconfiguration',
      severity: 'error',
      detail: ['UseAuthorization()', 'UseAuthentication()', 'anonymous'],
      fix: ['app.UseAuthentication(); app.UseAuthorization();'],
    },
  },
  {
    name: 'ASP.NET Core: no default challenge scheme',
    paste: `fail: Microsoft.AspNetCore.Diagnostics.DeveloperExceptionPageMiddleware[1]
      An unhandled exception has occurred while executing the request.
      System.InvalidOperationException: No authenticationScheme was specified, and there was no DefaultChallengeScheme found. The default schemes can be set using either AddAuthentication(string defaultScheme) or AddAuthentication(Action<AuthenticationOptions> configureOptions).`,
    expect: {
      cause: 'server_misconfiguration',
      severity: 'error',
      fix: ['JwtBearerDefaults.AuthenticationScheme'],
    },
  },
  {
    name: 'ASP.NET Core: challenged with no logged token failure is a lead',
    paste: `dbug: Microsoft.AspNetCore.Authorization.DefaultAuthorizationService[2]
      Authorization failed. These requirements were not met:
      DenyAnonymousAuthorizationRequirement: Requires an authenticated user.
info: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[12]
      AuthenticationScheme: Bearer was challenged.`,
    expect: {
      cause: 'server_misconfiguration',
      severity: 'warning',
      detail: ['DenyAnonymousAuthorizationRequirement', 'nothing in the log'],
      fix: ['before `app.UseAuthorization()`', 'was not authenticated'],
    },
  },
  {
    name: 'a Stripe webhook handler that hashes the parsed body',
    paste: `POST /webhooks/stripe 400
StripeSignatureVerificationError: No signatures found matching the expected signature for payload. Are you passing the raw request body you received from Stripe?
    at Object.verifyHeader (/srv/node_modules/stripe/cjs/Webhooks.js:117:19)`,
    expect: {
      cause: 'signature_or_key_mismatch',
      severity: 'error',
      detail: ['No signatures found matching'],
      fix: ['raw request body', 'signing secret', 'constant-time'],
    },
  },
  {
    name: 'a hand-written handler logs a webhook HMAC mismatch',
    paste: `[2025-09-02 08:12:44] app.WARNING: inventory webhook hmac mismatch {"expected":"Zm9v","got":"YmFy"}`,
    expect: { cause: 'signature_or_key_mismatch', severity: 'error', fix: ['raw request body'] },
  },
  {
    name: 'GitHub webhook signature does not match',
    paste: `Error: [@octokit/webhooks] signature does not match event payload and secret
    at verifyAndReceive (node_modules/@octokit/webhooks/dist-node/index.js:412:11)`,
    expect: { cause: 'signature_or_key_mismatch', fix: ['sha256='] },
  },
  {
    name: 'Slack request signing fails',
    paste: `[ERROR]  bolt-app Invalid request signature detected (signature: v0=1a2b, timestamp: 1768478400)
POST /slack/events 401`,
    expect: { cause: 'signature_or_key_mismatch', severity: 'error', fix: ['Signing Secret'] },
  },
  {
    name: 'Docker has no login for the registry',
    paste: `$ docker push registry.internal.example:5000/tools/linter:3.2
The push refers to repository [registry.internal.example:5000/tools/linter]
denied: no basic auth credentials`,
    expect: {
      cause: 'missing_credentials',
      severity: 'error',
      detail: ['no basic auth credentials'],
      fix: ['docker login <registry-host>', '--password-stdin'],
    },
  },
  {
    name: 'a Docker credential helper that is not installed',
    paste: `$ docker login ghcr.io -u octo
Password:
Error saving credentials: error storing credentials - err: exec: "docker-credential-desktop": executable file not found in $PATH, out: \`\``,
    expect: { cause: 'other', severity: 'warning', fix: ['credsStore'] },
  },
  {
    name: 'Firefox: the CORS preflight answered 401',
    paste: `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.fernhill.io/v1/session. (Reason: CORS preflight response did not succeed). Status code: 401.`,
    expect: {
      cause: 'credentials_dropped_in_transit',
      severity: 'error',
      fix: ['Answer OPTIONS before authentication'],
    },
  },
  {
    name: 'AWS answers SignatureDoesNotMatch for an expired signature: the clock, not the key',
    paste: `$ aws s3 ls s3://ledger-archive/
An error occurred (SignatureDoesNotMatch) when calling the ListObjectsV2 operation: Signature expired: 20260115T101500Z is now earlier than 20260115T114000Z (20260115T115500Z - 15 min.)`,
    expect: { cause: 'not_yet_valid_or_clock_skew', severity: 'error', fix: ['Sync the clock'] },
  },
];

const valid: RuleCase[] = [
  {
    name: 'a Kerberos ticket lifetime is not a refusal',
    paste: 'krb5.conf: ticket_lifetime = 10h, renew_lifetime = 7d',
  },
  {
    name: 'Vault: a token lookup that succeeded',
    paste:
      'Key                 Value\n---                 -----\nttl                 767h59m\nrenewable           true',
  },
  {
    name: 'a timestamp field in a payload is not a signed-request window',
    paste: 'the event timestamp is 1736899200 and the order id is 42',
  },
  {
    name: 'a docs link is not a "use this endpoint" message',
    paste: response(
      '401 Unauthorized',
      '{"message":"Unauthorized, see https://docs.example.com/auth for details"}',
    ),
  },
  {
    name: 'a 2FA mention in prose is not a server demanding a one-time password',
    paste: 'We have 2FA enabled on the npm org but publishing from CI works fine.',
  },
  {
    name: 'the user says the message went away',
    paste: "after the fix I don't get jwt expired anymore, but the page is blank",
  },
  { name: 'a question, not a report', paste: 'we get a 401 from the reports API, is the token expired?' },
  {
    name: 'the challenge is left to the www-authenticate rule',
    paste: `curl -i -H "Authorization: Bearer ${JWT}" https://api.example.com/v1/me
HTTP/1.1 401 Unauthorized
WWW-Authenticate: Bearer error="invalid_token", error_description="The token expired at '01/15/2026 11:00:00'"
Content-Length: 0`,
  },
  {
    name: 'a provider pack already explains the message (GitHub "Bad credentials")',
    paste: `curl -i https://api.github.com/user -H "Authorization: Bearer ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"
${response('401 Unauthorized', '{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}')}`,
  },
  {
    name: 'token lifetimes are not errors',
    paste: response('200 OK', '{"access_token":"…","token_type":"Bearer","expires_in":3600}'),
  },
  {
    name: 'talking about expiry settings',
    paste: 'we sign with jwt.sign(payload, key, { expiresIn: "1h" }) and the jwt expires in 1h',
  },
  {
    name: 'ASP.NET Core: the middleware in the right order, no refusal logged',
    paste: `app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();`,
  },
  {
    name: 'ASP.NET Core: challenged, and the request visibly sent no token',
    paste: `curl -i https://localhost:7081/api/timesheets
HTTP/1.1 401 Unauthorized
WWW-Authenticate: Bearer

info: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[12]
      AuthenticationScheme: Bearer was challenged.`,
  },
  {
    name: 'a webhook whose signature verified',
    paste: 'webhook signature verified for evt_1Q2w3E, processing order',
  },
  {
    name: 'Docker login succeeded',
    paste: `$ docker login registry.internal.example:5000
Login Succeeded`,
  },
];

export default defineCases({ rule, invalid: invalid.map(withKnowledge), valid: valid.map(withKnowledge) });
