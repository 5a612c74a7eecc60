/**
 * .NET: Microsoft.IdentityModel (the IDX codes, with their wording, since intake may redact a code that
 * follows a `Jwt:`-like label), the SecurityToken*Exception types, and ASP.NET Core's JwtBearer handler.
 */
import type { LibraryErrorInput } from '../schema.js';
import { MALFORMED_EXPLAIN, MALFORMED_FIX, NEW_TOKEN_FIX, SIGNATURE_FIX } from './shared.js';

const IDX =
  'https://learn.microsoft.com/en-us/dotnet/api/microsoft.identitymodel.tokens.tokenvalidationparameters';
const JWT_BEARER =
  'https://learn.microsoft.com/en-us/aspnet/core/security/authentication/configure-jwt-bearer-authentication';
const LIBRARY = 'Microsoft.IdentityModel (.NET)';

export const DOTNET_ERRORS: LibraryErrorInput[] = [
  {
    id: 'identitymodel-expired',
    library: LIBRARY,
    match:
      '(?:\\bIDX10223: )?Lifetime validation failed\\. The token is expired|\\bIDX10223\\b|\\bSecurityTokenExpiredException\\b|\\bThe token expired at\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.94,
    explain:
      "The token's `exp` (ValidTo) is in the past for the API (beyond its `ClockSkew`, 5 minutes by default): the token expired.",
    fix: NEW_TOKEN_FIX,
    docs: [IDX, JWT_BEARER],
    examples: [
      "IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): '1/15/2026 11:00:00 AM', Current time (UTC): '1/15/2026 12:00:00 PM'.",
      'Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException: IDX10223',
      'Bearer error="invalid_token", error_description="The token expired at \'01/15/2026 11:00:00\'"',
    ],
  },
  {
    id: 'identitymodel-not-yet-valid',
    library: LIBRARY,
    match:
      '(?:\\bIDX10222: )?Lifetime validation failed\\. The token is not yet valid|\\bIDX10222\\b|\\bSecurityTokenNotYetValidException\\b|\\bThe token is not valid before\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.92,
    explain:
      "The token's `nbf` (ValidFrom) is in the future for the API: the API server's clock is behind the issuer's (beyond the 5-minute default `ClockSkew`). A host whose clock drifted (a VM, a container host, one OS but not another) shows exactly this.",
    fix: [
      "Compare the API host's clock with the issuer's (`date -u` / `w32tm /query /status`) and sync it with NTP.",
      'If small drift is expected, widen `TokenValidationParameters.ClockSkew`.',
    ],
    docs: [IDX],
    examples: [
      "IDX10222: Lifetime validation failed. The token is not yet valid. ValidFrom: '1/15/2026 12:05:00 PM', Current time: '1/15/2026 12:00:00 PM'.",
      'Bearer error="invalid_token", error_description="The token is not valid before \'01/15/2026 12:05:00\'"',
    ],
  },
  {
    id: 'identitymodel-lifetime-delegate',
    library: LIBRARY,
    match: '\\bIDX10230\\b|Lifetime validation failed\\. Delegate returned false',
    cause: 'expired_token',
    severity: 'warning',
    confidence: 0.55,
    explain:
      "The API's own `LifetimeValidator` rejected the token's lifetime; most custom validators reject expired tokens.",
    fix: [
      "Check the token's `exp`/`nbf` against what the API's `LifetimeValidator` accepts; get a fresh token.",
    ],
    docs: [IDX],
    examples: ["IDX10230: Lifetime validation failed. Delegate returned false, securitytoken: '…'."],
  },
  {
    id: 'identitymodel-no-expiration',
    library: LIBRARY,
    match:
      '\\bIDX10225\\b|The token is missing an Expiration Time|\\bSecurityTokenNoExpirationException\\b|\\bThe token has no expiration\\b',
    cause: 'wrong_token_type',
    severity: 'warning',
    confidence: 0.55,
    explain:
      'The token has no `exp` claim, which the API requires: it is probably not an access token issued for this API.',
    fix: [
      'Decode the token and check what issued it; request an access token for this API from its identity provider.',
    ],
    docs: [IDX],
    examples: [
      "IDX10225: Lifetime validation failed. The token is missing an Expiration Time. Tokentype: 'System.IdentityModel.Tokens.Jwt.JwtSecurityToken'.",
    ],
  },
  {
    id: 'identitymodel-audience',
    library: LIBRARY,
    match:
      "\\bIDX10214\\b|Audience validation failed\\. Audiences:|\\bSecurityTokenInvalidAudienceException\\b|\\bThe audience '[^'\\n]{0,200}' is invalid\\b",
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.94,
    explain:
      "The token's `aud` is not in the API's `ValidAudience(s)`: the token was requested for another resource (another API's scope, a generic resource, the client itself), or the API expects a different identifier (`api://…` vs the bare client ID).",
    fix: [
      "Decode the token and compare `aud` with the API's `ValidAudience`/`Audience` setting.",
      "Request the token with a scope of this API (e.g. `api://<api-client-id>/.default` or the API's own scope) so that `aud` is this API, or add the token's audience to `ValidAudiences` if it is meant to be accepted.",
    ],
    docs: [IDX, JWT_BEARER],
    examples: [
      "Microsoft.IdentityModel.Tokens.SecurityTokenInvalidAudienceException: IDX10214: Audience validation failed. Audiences: 'https://graph.microsoft.com'. Did not match: validationParameters.ValidAudience: 'api://my-api' or validationParameters.ValidAudiences: 'null'.",
      'Bearer error="invalid_token", error_description="The audience \'empty\' is invalid"',
    ],
  },
  {
    id: 'identitymodel-audience-missing',
    library: LIBRARY,
    match: "\\bIDX1020[67]\\b|Unable to validate audience\\. The 'audiences' parameter is (?:empty|null)",
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.82,
    explain:
      'The token has no `aud` claim, so it was not issued for any API (often an ID token or a token requested without a resource/scope).',
    fix: ['Request an access token for this API (with its scope/resource) and send that.'],
    docs: [IDX],
    examples: ["IDX10206: Unable to validate audience. The 'audiences' parameter is empty."],
  },
  {
    id: 'identitymodel-audience-not-configured',
    library: LIBRARY,
    match:
      '\\bIDX10208\\b|Unable to validate audience\\. validationParameters\\.ValidAudience is null or whitespace',
    cause: 'server_misconfiguration',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The API has no valid audience configured (`ValidAudience`/`Audience` is empty in this environment), so it rejects every token.',
    fix: [
      'Set `Audience` (JwtBearerOptions) or `TokenValidationParameters.ValidAudience` in the API configuration for this environment.',
    ],
    docs: [IDX, JWT_BEARER],
    examples: [
      'IDX10208: Unable to validate audience. validationParameters.ValidAudience is null or whitespace and validationParameters.ValidAudiences is null.',
    ],
  },
  {
    id: 'identitymodel-issuer',
    library: LIBRARY,
    match:
      "\\bIDX10205\\b|Issuer validation failed\\. Issuer:|\\bSecurityTokenInvalidIssuerException\\b|\\bThe issuer '[^'\\n]{0,200}' is invalid\\b",
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.93,
    explain:
      "The token's `iss` is not in the API's `ValidIssuer(s)`: another tenant, the v1 vs v2 endpoint (`sts.windows.net/…` vs `login.microsoftonline.com/…/v2.0`), or an issuer URL that differs between how the API and the client reach the identity server (localhost vs container name).",
    fix: [
      "Decode the token and compare `iss` with the API's `Authority`/`ValidIssuer`, character for character.",
      'Make the API and the client use the same issuer URL (or list both in `ValidIssuers`); for Entra ID, set `accessTokenAcceptedVersion` to match.',
    ],
    docs: [IDX, JWT_BEARER],
    examples: [
      "IDX10205: Issuer validation failed. Issuer: 'https://sts.windows.net/abc/'. Did not match: validationParameters.ValidIssuer: 'https://login.microsoftonline.com/abc/v2.0' or validationParameters.ValidIssuers: 'null'.",
      'Bearer error="invalid_token", error_description="The issuer \'http://localhost:5000\' is invalid"',
    ],
  },
  {
    id: 'identitymodel-issuer-missing',
    library: LIBRARY,
    match: "\\bIDX10211\\b|Unable to validate issuer\\. The 'issuer' parameter is null or whitespace",
    cause: 'wrong_audience_or_issuer',
    severity: 'warning',
    confidence: 0.7,
    explain: 'The token has no `iss` claim: it was not issued by the identity provider the API trusts.',
    fix: ['Request the token from the identity provider the API is configured with.'],
    docs: [IDX],
    examples: ["IDX10211: Unable to validate issuer. The 'issuer' parameter is null or whitespace"],
  },
  {
    id: 'identitymodel-issuer-not-configured',
    library: LIBRARY,
    match:
      '\\bIDX10204\\b|Unable to validate issuer\\. validationParameters\\.ValidIssuer is null or whitespace',
    cause: 'server_misconfiguration',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The API has no valid issuer configured (no `Authority` metadata and no `ValidIssuer`), so it rejects every token.',
    fix: [
      'Set `Authority` (so the issuer comes from the discovery document) or `TokenValidationParameters.ValidIssuer(s)`.',
    ],
    docs: [IDX, JWT_BEARER],
    examples: [
      'IDX10204: Unable to validate issuer. validationParameters.ValidIssuer is null or whitespace AND validationParameters.ValidIssuers is null.',
    ],
  },
  {
    id: 'identitymodel-no-keys',
    library: LIBRARY,
    match: '\\bIDX10500\\b|Signature validation failed\\. No security keys were provided',
    cause: 'server_misconfiguration',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The API has no keys to check signatures with: its `Authority` metadata (JWKS) could not be loaded or no `IssuerSigningKey` is configured.',
    fix: [
      'Check that the API can reach `<Authority>/.well-known/openid-configuration` and its `jwks_uri`, or configure `IssuerSigningKey`.',
    ],
    docs: [IDX, JWT_BEARER],
    examples: [
      'IDX10500: Signature validation failed. No security keys were provided to validate the signature.',
    ],
  },
  {
    id: 'identitymodel-key-not-found',
    library: LIBRARY,
    match:
      "\\bIDX1050[13]\\b|\\bIDX10511\\b|\\bIDX1051[67]\\b|Signature validation failed\\. (?:Unable to match key|Keys tried|Token does not have a kid|The token's kid is missing)|\\bSecurityTokenSignatureKeyNotFoundException\\b|\\bThe signature key was not found\\b",
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.9,
    explain:
      "None of the API's signing keys matches the token's `kid`: the token was signed by another issuer or tenant (or for another app's custom signing key), or by a key the API has not loaded yet after a rotation. Tokens meant for Microsoft Graph can never be validated by your API.",
    fix: [
      "Decode the token header: its `kid` must be in the JWKS of the issuer the API trusts; get the token from that issuer/tenant for this API's scope.",
      'If keys were rotated, restart the API or let it refresh its metadata.',
    ],
    docs: [IDX, JWT_BEARER],
    examples: [
      "IDX10501: Signature validation failed. Unable to match key: kid: 'abc123'.",
      "IDX10503: Signature validation failed. Token does not have a kid. Keys tried: 'System.Text.StringBuilder'.",
      "IDX10511: Signature validation failed. Keys tried: 'Microsoft.IdentityModel.Tokens.RsaSecurityKey'. kid: 'xyz'.",
      'Bearer error="invalid_token", error_description="The signature key was not found"',
    ],
  },
  {
    id: 'identitymodel-signature',
    library: LIBRARY,
    match:
      '\\bIDX1050[48]\\b|\\bSecurityTokenInvalidSignatureException\\b|\\bThe signature is invalid\\b|Signature validation failed\\. Signature is improperly formatted|Unable to validate signature, token does not have a signature',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.88,
    explain:
      'The signature does not verify with the key the API holds: a different symmetric secret than the issuer used, a token from another issuer, or an unsigned token.',
    fix: SIGNATURE_FIX,
    docs: [IDX, JWT_BEARER],
    examples: [
      'Microsoft.IdentityModel.Tokens.SecurityTokenInvalidSignatureException: IDX10504: Unable to validate signature, token does not have a signature',
      'Bearer error="invalid_token", error_description="The signature is invalid"',
    ],
  },
  {
    id: 'identitymodel-signature-failed',
    library: LIBRARY,
    match: '\\bSignature validation failed\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.82,
    tier: 'generic',
    explain:
      "The API could not verify the token's signature with the keys it has: the token was signed by another key or issuer.",
    fix: SIGNATURE_FIX,
    docs: [IDX],
    examples: ['AuthenticationFailed: Signature validation failed.'],
  },
  {
    id: 'identitymodel-malformed',
    library: LIBRARY,
    match:
      '\\bIDX12741\\b|\\bIDX12709\\b|\\bIDX1410[01]\\b|must have three segments \\(JWS\\) or five segments \\(JWE\\)|\\bJWT is not well formed\\b|\\bSecurityTokenMalformedException\\b|No SecurityTokenValidator available for token',
    cause: 'wrong_header_format',
    severity: 'warning',
    confidence: 0.65,
    explain: MALFORMED_EXPLAIN,
    fix: MALFORMED_FIX,
    docs: [IDX],
    examples: [
      "IDX12741: JWT: '[PII of type 'System.String' is hidden]' must have three segments (JWS) or five segments (JWE).",
      'IDX14100: JWT is not well formed, there are no dots (.).',
      'Bearer was not authenticated. Failure message: No SecurityTokenValidator available for token.',
    ],
  },
  {
    id: 'identitymodel-empty-token',
    library: LIBRARY,
    match:
      "\\bIDX10000: The parameter '(?:token|securityToken|jwtEncodedString)' cannot be a 'null' or an empty",
    cause: 'missing_credentials',
    severity: 'warning',
    confidence: 0.65,
    explain:
      'The token handler was given an empty token: the API read nothing from the request where it looks for the token.',
    fix: [
      'Send the token as `Authorization: Bearer <YOUR_TOKEN>` and check that nothing in front of the API strips the header.',
    ],
    docs: [IDX],
    examples: ["IDX10000: The parameter 'token' cannot be a 'null' or an empty object."],
  },
  {
    id: 'identitymodel-metadata',
    library: LIBRARY,
    match: "\\bIDX20803\\b|Unable to obtain configuration from: '",
    cause: 'server_misconfiguration',
    severity: 'error',
    confidence: 0.85,
    explain:
      "The API could not download its identity provider's metadata (`/.well-known/openid-configuration`), so it cannot validate any token: the `Authority` URL is wrong or unreachable from the API host (DNS, proxy, TLS).",
    fix: [
      'From the API host, `curl <Authority>/.well-known/openid-configuration`; fix the `Authority` setting or the network path to it.',
    ],
    docs: [JWT_BEARER],
    examples: [
      "IDX20803: Unable to obtain configuration from: 'https://login.example.com/.well-known/openid-configuration'.",
    ],
  },
  {
    id: 'identitymodel-key-size',
    library: LIBRARY,
    match:
      "\\bIDX10603\\b|\\bIDX10720\\b|requires the SecurityKey\\.KeySize to be greater than|the key size must be greater than: '",
    cause: 'server_misconfiguration',
    severity: 'warning',
    confidence: 0.7,
    explain: 'The signing secret configured for HS256 is too short, so the library refuses to use it.',
    fix: [
      'Use a symmetric key of at least 256 bits (32 bytes) for HS256, the same on the issuer and the API.',
    ],
    docs: [IDX],
    examples: [
      "IDX10720: Unable to create KeyedHashAlgorithm for algorithm 'HS256', the key size must be greater than: '256' bits, key has '128' bits.",
    ],
  },
  {
    id: 'aspnet-middleware-order',
    library: 'ASP.NET Core',
    match:
      '\\bUseAuthorization\\(\\)[\\s\\S]{0,600}?\\bUseAuthentication\\(\\)|\\bUseAuthentication must be called before UseAuthorization\\b',
    cause: 'server_misconfiguration',
    severity: 'error',
    confidence: 0.9,
    explain:
      'ASP.NET Core runs middleware in the order it is added. `UseAuthorization()` comes before `UseAuthentication()`, so when the `[Authorize]` check runs nobody has read the token yet: every user is anonymous and every protected endpoint answers 401, however valid the token.',
    fix: [
      'Order the pipeline as `app.UseRouting(); app.UseCors(); app.UseAuthentication(); app.UseAuthorization(); app.MapControllers();` — authentication first, then authorization, both after routing and before the endpoints.',
    ],
    docs: [
      'https://learn.microsoft.com/en-us/aspnet/core/fundamentals/middleware/#middleware-order',
      JWT_BEARER,
    ],
    examples: [
      'app.UseRouting();\napp.UseAuthorization();\napp.UseAuthentication();\napp.MapControllers();',
      'app.UseAuthorization(); app.UseAuthentication();',
    ],
    near: ['app.UseRouting();\napp.UseAuthentication();\napp.UseAuthorization();\napp.MapControllers();'],
  },
  {
    id: 'aspnet-no-default-scheme',
    library: 'ASP.NET Core',
    match:
      '\\bNo authenticationScheme was specified, and there was no Default(?:Challenge|Authenticate|Forbid|SignIn)?Scheme found\\b|\\bNo authentication handler is registered for the scheme\\b|\\bNo sign-in authentication handler is registered\\b',
    cause: 'server_misconfiguration',
    severity: 'error',
    confidence: 0.9,
    explain:
      'ASP.NET Core has no default authentication scheme (or no handler for the scheme an `[Authorize]` names): `AddAuthentication()` was called without a scheme, or the handler (`AddJwtBearer`, `AddCookie`) was registered under another name, so no token is ever read.',
    fix: [
      'Register the handler and make it the default: `builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(…)`, or name the same scheme in `[Authorize(AuthenticationSchemes = "…")]`.',
    ],
    docs: [JWT_BEARER],
    examples: [
      'System.InvalidOperationException: No authenticationScheme was specified, and there was no DefaultChallengeScheme found. The default schemes can be set using either AddAuthentication(string defaultScheme) or AddAuthentication(Action<AuthenticationOptions> configureOptions).',
      "InvalidOperationException: No authentication handler is registered for the scheme 'Bearer'. The registered schemes are: Cookies.",
    ],
  },
  {
    id: 'aspnet-anonymous-challenged',
    library: 'ASP.NET Core',
    match: '\\bDenyAnonymousAuthorizationRequirement\\b|\\bAuthenticationScheme: \\w{1,60} was challenged\\b',
    // A logged authentication failure ("Bearer was not authenticated. Failure message: IDX10223 …") is the reason then.
    unless:
      '\\bwas not authenticated\\. Failure message\\b|\\bIDX1\\d{4}\\b|\\bSecurityToken\\w{0,40}Exception\\b|\\bAuthentication failed\\b|\\bFailed to validate the token\\b|\\bBearer error="?invalid_token',
    notWhenNoneSent: true,
    cause: 'server_misconfiguration',
    severity: 'warning',
    confidence: 0.5,
    explain:
      'The `[Authorize]` check found an anonymous user and challenged, and nothing in the log says the token was looked at and rejected. So authentication did not run for this request: `UseAuthentication()` is missing or placed after `UseAuthorization()`, the default scheme is not the JwtBearer one, or the token never reached the handler (no `Authorization: Bearer …` header arrived).',
    fix: [
      'Check `Program.cs`: `app.UseAuthentication()` must come before `app.UseAuthorization()`, and `AddAuthentication(JwtBearerDefaults.AuthenticationScheme)` must name the scheme you registered.',
      'Turn on `Microsoft.AspNetCore.Authentication` debug logging: a token that is read and rejected logs "Bearer was not authenticated. Failure message: …"; no such line means the handler never saw a token.',
    ],
    docs: [
      'https://learn.microsoft.com/en-us/aspnet/core/fundamentals/middleware/#middleware-order',
      JWT_BEARER,
    ],
    examples: [
      'Authorization failed. These requirements were not met:\nDenyAnonymousAuthorizationRequirement: Requires an authenticated user.',
      'info: Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler[12]\n      AuthenticationScheme: Bearer was challenged.',
    ],
    near: ['AuthenticationScheme: Bearer was forbidden.'],
  },
];
