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
  {
    name: 'invalid_client for a client assertion outside its time window is not a bad secret',
    paste: `{"error":"invalid_client","error_description":"AADSTS700024: Client assertion is not within its valid time range. Current time: 2026-01-15T12:00:00Z, assertion valid from 2026-01-15T12:07:00Z"}`,
  },
];

export default defineCases({ rule, invalid: invalid.map(withKnowledge), valid: valid.map(withKnowledge) });
