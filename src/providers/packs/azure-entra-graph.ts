import type { ProviderPackInput } from '../schema.js';

const ACCESS_TOKENS_DOCS = 'https://learn.microsoft.com/entra/identity-platform/access-tokens';
const LIFETIMES_DOCS = 'https://learn.microsoft.com/entra/identity-platform/configurable-token-lifetimes';
const GRAPH_AUTH_DOCS = 'https://learn.microsoft.com/graph/auth-v2-service';
const ERROR_CODES_DOCS = 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes';
const CERT_CREDS_DOCS = 'https://learn.microsoft.com/entra/identity-platform/certificate-credentials';

const aadsts = (codes: string): string => String.raw`\bAADSTS(?:${codes})\b`;

export const azureEntraGraph = {
  id: 'azure-entra-graph',
  name: 'Microsoft Entra ID (Azure AD), Microsoft Graph, Azure Resource Manager',
  hosts: [
    { host: 'login.microsoftonline.com', note: 'token endpoint: /<tenant>/oauth2/v2.0/token' },
    { host: 'login.windows.net', note: 'older authority alias for login.microsoftonline.com' },
    {
      host: 'graph.microsoft.com',
      basePath: '/v1.0',
      note: 'Microsoft Graph (token audience https://graph.microsoft.com)',
    },
    {
      host: 'management.azure.com',
      note: 'Azure Resource Manager (token audience https://management.azure.com)',
    },
    { host: 'graph.windows.net', note: 'Azure AD Graph, retired: use Microsoft Graph' },
    { host: 'login.microsoftonline.us', region: 'us-government' },
    { host: 'graph.microsoft.us', region: 'us-government' },
    { host: 'management.usgovcloudapi.net', region: 'us-government' },
    { host: 'login.partner.microsoftonline.cn', region: 'china' },
    { host: 'microsoftgraph.chinacloudapi.cn', region: 'china' },
    { host: 'management.chinacloudapi.cn', region: 'china' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential:
        'an Entra access token (JWT) whose audience is this API (https://graph.microsoft.com, https://management.azure.com, …)',
      status: 'preferred',
      note: 'A token only works for the resource it was requested for (scope <resource>/.default).',
    },
    {
      in: 'body',
      name: 'client_secret',
      credential: 'the client secret VALUE of the app registration, on the token endpoint only',
      formats: ['azure.entra_client_secret'],
      status: 'accepted',
      note: 'The "Secret ID" GUID shown next to it is not the secret.',
    },
    {
      in: 'body',
      name: 'client_assertion',
      credential:
        'a JWT signed with the app certificate (client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer)',
      status: 'accepted',
    },
  ],
  issuers: [
    { match: '^https://login\\.microsoftonline\\.com/[0-9a-f-]{36}/v2\\.0$' },
    { match: '^https://sts\\.windows\\.net/[0-9a-f-]{36}/$' },
  ],
  errors: [
    {
      id: 'aadsts-app-not-found',
      situation: 'the client ID does not exist in the tenant the request went to',
      match: aadsts('700016'),
      status: [400, 401],
      cause: 'wrong_environment',
      confidence: 0.85,
      explain:
        'Entra found no application with this client ID in the tenant of the authority URL: the request went to another tenant than the one where the app is registered (or consented), or the value is not the Application (client) ID — the Object ID and the Secret ID are GUIDs too.',
      fix: [
        'Use the Application (client) ID from the app registration overview, and the Directory (tenant) ID of that same tenant in the token URL.',
        'For a multi-tenant app used in another tenant, have an admin of that tenant consent to it first.',
      ],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-invalid-client-secret',
      situation: 'a wrong client secret, or the secret ID pasted instead of its value',
      match: aadsts('7000215'),
      status: [401],
      cause: 'invalid_credentials',
      explain:
        'The client secret is not valid for this app. Most often the "Secret ID" (a GUID) was copied instead of the secret value, which is shown only once when created.',
      fix: [
        'Create a new client secret under Certificates & secrets, copy its Value column immediately, and configure that.',
      ],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-client-secret-expired',
      situation: 'the client secret has expired',
      match: aadsts('7000222'),
      status: [401],
      cause: 'expired_token',
      explain: 'Every client secret of this app registration that was sent has passed its expiry date.',
      fix: [
        'Create a new client secret (or use a certificate) and replace the expired one everywhere it is configured.',
      ],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-client-credential-missing',
      situation: 'a confidential client sent neither client_secret nor client_assertion',
      match: aadsts('7000218'),
      status: [401],
      cause: 'missing_credentials',
      confidence: 0.85,
      explain:
        'The app is a confidential client, but the token request carried no client secret or assertion.',
      fix: [
        'Add client_secret (or client_assertion) to the token request body, or enable public client flows if this is a desktop/mobile app.',
      ],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-grant-revoked',
      situation: 'a refresh token revoked by a password change or reset',
      match: aadsts('50173'),
      status: [400],
      cause: 'invalid_credentials',
      confidence: 0.9,
      explain:
        "The refresh token was revoked: the user changed or reset the password, or an admin revoked the user's sessions.",
      fix: ['Sign in again interactively to get new tokens.'],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-refresh-token-expired',
      situation: 'a refresh token or authorization code that expired from inactivity',
      match: aadsts('700082|70008|700081'),
      status: [400],
      cause: 'expired_token',
      confidence: 0.9,
      explain:
        'The refresh token (or authorization code) expired: unused for too long, or past its maximum age.',
      fix: [
        'Sign in again interactively; make background jobs use client credentials instead of a stored user refresh token.',
      ],
      docs: [ERROR_CODES_DOCS, LIFETIMES_DOCS],
    },
    {
      id: 'aadsts-assertion-time-range',
      situation:
        'a client assertion outside its valid time range (the signing clock is off, or the assertion was used too late)',
      match: aadsts('700024'),
      status: [400, 401],
      cause: 'not_yet_valid_or_clock_skew',
      confidence: 0.85,
      explain:
        "Entra compared the client assertion's nbf and exp (a certificate-signed JWT, or a federated token such as a GitHub Actions or Kubernetes OIDC token) with its own clock and the current time is outside them. The message gives all three times: a valid-from later than Entra's current time means the clock of the machine that signed it runs ahead (or a VM resumed with a stale clock); an expiry before it means the assertion was created too early and reused.",
      fix: [
        'Synchronise the clock of the machine or container that signs the assertion (enable NTP / host time sync), and set nbf/iat from UTC time.',
        'Create a fresh assertion right before each token request instead of reusing one (federated tokens from CI expire within minutes).',
      ],
      docs: [CERT_CREDS_DOCS, ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-obo-assertion-time-range',
      situation: 'an on-behalf-of or bearer assertion (usually the user’s access token) that has expired',
      match: String.raw`\bAADSTS(?:50013|50012)\b[^\n]{0,40}assertion is not within its valid time range`,
      status: [400, 401],
      cause: 'expired_token',
      severity: 'warning',
      confidence: 0.75,
      explain:
        "The assertion passed to Entra (in the on-behalf-of flow, the user's access token your API received) is outside its validity window: it has expired, or — less often — a clock is off.",
      fix: [
        'Pass a current access token as the assertion (ask the client to refresh its token), and make sure the API does not cache user tokens past their expiry.',
      ],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-assertion-audience',
      situation: 'an on-behalf-of assertion issued for another application',
      match: String.raw`\bAADSTS50013\b[^\n]{0,40}Assertion audience does not match`,
      status: [400, 401],
      cause: 'wrong_audience_or_issuer',
      confidence: 0.9,
      explain:
        "In the on-behalf-of flow the assertion must be a token issued for the API that exchanges it; this one's aud names another application (often a Microsoft Graph token, or a token for the front end, passed on).",
      fix: [
        "Have the client request its token for your API's scope (api://<api-client-id>/<scope>), and exchange that token, with your API's own client ID and secret.",
      ],
      docs: [
        ERROR_CODES_DOCS,
        'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-on-behalf-of-flow',
      ],
    },
    {
      id: 'aadsts-assertion-signature',
      situation: 'a client assertion or on-behalf-of assertion whose signature does not verify',
      match: String.raw`\bAADSTS(?:50013|700027)\b[^\n]{0,60}signature validation`,
      status: [400, 401],
      cause: 'signature_or_key_mismatch',
      confidence: 0.8,
      explain:
        'Entra could not verify the assertion signature: the certificate used to sign it is not uploaded to the app registration, or the key was rotated.',
      fix: [
        'Upload the certificate whose private key signs the assertion to Certificates & secrets, and set the x5t/kid header to its thumbprint.',
      ],
      docs: [CERT_CREDS_DOCS],
    },
    {
      id: 'aadsts-resource-not-found',
      situation: 'the requested resource (scope) does not exist in the tenant',
      match: aadsts('500011'),
      status: [400],
      cause: 'wrong_audience_or_issuer',
      confidence: 0.85,
      explain:
        'The scope names a resource (API) that has no service principal in this tenant: a typo in the App ID URI, an API not consented in this tenant, or the wrong tenant.',
      fix: [
        'Check the scope (for example https://graph.microsoft.com/.default or api://<api-client-id>/.default) and that the API is registered or consented in the tenant you authenticate against.',
      ],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-tenant-not-found',
      situation: 'the tenant in the authority URL does not exist',
      match: aadsts('90002'),
      status: [400],
      cause: 'wrong_environment',
      confidence: 0.9,
      explain:
        'The tenant ID or domain in the token URL is not a tenant in this cloud (typo, deleted tenant, or a tenant of a national cloud).',
      fix: [
        'Use the Directory (tenant) ID from the app registration overview in https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token.',
      ],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-multitenant-common',
      situation: 'a single-tenant app (or an app-only flow) used with the /common endpoint',
      match: aadsts('50194|50059'),
      status: [400],
      cause: 'wrong_environment',
      confidence: 0.85,
      explain:
        'The request does not name a tenant: the app is single-tenant, or the flow (client credentials) has no user to pick one, so /common (or /organizations) cannot be used.',
      fix: ['Replace /common with the tenant ID in the authority URL, or make the app multi-tenant.'],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-consent-required',
      situation: 'the user or admin has not consented to the permissions',
      match: aadsts('65001'),
      status: [400],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain: 'The app asked for permissions nobody has consented to in this tenant.',
      fix: ['Grant admin consent under API permissions, or let the user consent interactively.'],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-invalid-scope',
      situation: 'an invalid or missing scope on the token request',
      match: aadsts('70011'),
      status: [400],
      cause: 'wrong_audience_or_issuer',
      confidence: 0.8,
      explain:
        'The scope parameter is missing or not valid for this flow (client credentials need <resource>/.default).',
      fix: ['For app-only tokens use scope=https://graph.microsoft.com/.default (or <your API>/.default).'],
      docs: [GRAPH_AUTH_DOCS],
    },
    {
      id: 'aadsts-invalid-user-password',
      situation: 'a wrong username or password (ROPC)',
      match: aadsts('50126'),
      status: [400],
      cause: 'invalid_credentials',
      explain: 'Entra rejected the username/password pair.',
      fix: [
        'Check the user principal name and password; prefer a flow without passwords (client credentials, device code).',
      ],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-mfa-required',
      situation: 'multi-factor authentication is required but the flow cannot do it',
      match: aadsts('50076|50079'),
      status: [400],
      cause: 'other',
      confidence: 0.85,
      explain:
        'Policy requires MFA (or MFA registration) for this sign-in; the username/password (ROPC) flow cannot perform MFA, so it fails.',
      fix: ['Use an interactive or device-code flow for users, or client credentials for unattended jobs.'],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-user-not-in-tenant',
      situation: 'the user does not exist in the tenant of the request',
      match: aadsts('50034|50020'),
      status: [400],
      cause: 'wrong_environment',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'The account is not a member (or guest) of the tenant the request went to: wrong tenant in the authority URL, a personal account on a work-only app — or simply a mistyped user name.',
      fix: ['Authenticate against the tenant the account belongs to, or invite the account as a guest.'],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-conditional-access',
      situation: 'a Conditional Access policy (location, device or client app) blocked token issuance',
      match: aadsts('53003|53000|53001|530003'),
      status: [400],
      cause: 'ip_blocked_or_restricted',
      confidence: 0.8,
      explain:
        'A Conditional Access policy blocked the token: the location/IP, device, client app or missing MFA did not satisfy it.',
      fix: [
        'Check the sign-in log entry for the policy that applied, and call from a compliant location/device or ask an admin for an exclusion.',
      ],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-federated-credential-mismatch',
      situation:
        'a federated (workload identity) token whose issuer, subject or audience matches no federated credential of the app',
      match: aadsts('70021|700211|700212|700213'),
      status: [400, 401],
      cause: 'wrong_audience_or_issuer',
      confidence: 0.85,
      explain:
        'The external token (GitHub Actions, Kubernetes, another cloud) was valid, but no federated credential on the app registration or managed identity has this issuer, subject and audience. With GitHub Actions the subject changes with the trigger: repo:<org>/<repo>:ref:refs/heads/<branch>, :environment:<name>, :pull_request.',
      fix: [
        'Compare the iss, sub and aud of the federated token with the federated credential (the message names the value that did not match) and add a credential for that exact subject.',
      ],
      docs: ['https://learn.microsoft.com/entra/workload-id/workload-identity-federation', ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-code-already-redeemed',
      situation: 'an authorization code redeemed a second time',
      match: aadsts('54005'),
      status: [400],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'An authorization code works once; this one was already exchanged (a retried request, a page reload, or two handlers redeeming the same callback).',
      fix: ['Redeem each code once, keep the tokens it returned, and start a new sign-in to get a new code.'],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-token-request-parameter-missing',
      situation: 'a token request body without a required parameter (often sent as JSON instead of a form)',
      match: String.raw`\bAADSTS900144\b[^\n]{0,40}The request body must contain the following parameter`,
      status: [400],
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.7,
      explain:
        "Entra's token endpoint reads only application/x-www-form-urlencoded bodies. A JSON body, a parameter in the query string, or an empty variable leaves the named parameter (grant_type, client_id, scope…) missing.",
      fix: [
        'Send the token request as a form: `curl -d grant_type=client_credentials -d client_id=<CLIENT_ID> -d client_secret=<CLIENT_SECRET> -d scope=https://graph.microsoft.com/.default https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token`.',
      ],
      docs: [GRAPH_AUTH_DOCS],
    },
    {
      id: 'aadsts-user-not-assigned',
      situation: 'the user is not assigned to the application',
      match: aadsts('50105'),
      status: [400],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        'The enterprise application requires user assignment ("Assignment required?" = Yes) and this user (or a group of theirs) is not assigned to it.',
      fix: [
        'Ask a tenant admin to assign the user or one of their groups under Enterprise applications > Users and groups.',
      ],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-resource-not-in-permissions',
      situation: 'a scope for an API the app registration does not list in its API permissions',
      match: aadsts('650057'),
      status: [400],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        "The app asked for a scope of an API that is not among the app registration's configured API permissions, so Entra will not issue the token.",
      fix: [
        'Add the API and permission under API permissions of the app registration (and grant admin consent when needed), or request a scope that is configured.',
      ],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'aadsts-account-disabled',
      situation: 'a disabled or locked user, or a disabled application',
      match: aadsts('50057|50053|7000112'),
      cause: 'account_or_billing_state',
      confidence: 0.8,
      explain:
        'The user account is disabled or locked, or the application is disabled, so Entra issues no token.',
      fix: ['Ask a tenant admin to re-enable the user or application (or wait for the lockout to end).'],
      docs: [ERROR_CODES_DOCS],
    },
    {
      id: 'graph-invalid-audience',
      situation: 'a token for another resource sent to Microsoft Graph',
      match: String.raw`Access token validation failure\. Invalid audience`,
      status: [401],
      cause: 'wrong_audience_or_issuer',
      explain:
        'The token was requested for another resource (your own API, graph.windows.net, ARM) and Graph refuses it.',
      fix: [
        'Request the token with scope https://graph.microsoft.com/.default (or the delegated Graph scopes).',
      ],
      docs: [GRAPH_AUTH_DOCS, ACCESS_TOKENS_DOCS],
    },
    {
      id: 'graph-token-expired',
      situation: 'an expired (or not yet valid) token sent to Graph',
      match:
        'Access token has expired or is not yet valid|CompactToken validation failed with reason code: 80049228|Lifetime validation failed, the token is expired',
      status: [401],
      cause: 'expired_token',
      confidence: 0.85,
      explain: 'The access token is past its expiry (they last 60–90 minutes), or the clock is far off.',
      fix: [
        'Acquire a new token (MSAL acquireTokenSilent / a new client-credentials request) for each run instead of reusing one.',
      ],
      docs: [LIFETIMES_DOCS],
    },
    {
      id: 'graph-token-empty',
      situation: 'an empty bearer token sent to Graph',
      match: String.raw`"message"\s*:\s*"Access token is empty`,
      status: [401],
      cause: 'missing_credentials',
      confidence: 0.85,
      explain: 'The Authorization header had no token after "Bearer" (an empty variable).',
      fix: ['Check the variable that holds the token is set before building the header.'],
      docs: [GRAPH_AUTH_DOCS],
    },
    {
      id: 'graph-token-unparseable',
      situation: 'a bearer value Graph cannot parse as a token',
      match: 'CompactToken parsing failed with error code|IDX14100: JWT is not well formed',
      status: [401],
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'The value after "Bearer" is not a token Graph can read: "Bearer" written twice, quotes or whitespace around it, a placeholder, or a truncated token.',
      fix: [
        'Send exactly `Authorization: Bearer <access token>` with the token as returned by the token endpoint.',
      ],
      docs: [ACCESS_TOKENS_DOCS],
    },
    {
      id: 'graph-insufficient-privileges',
      situation: 'a Graph permission or admin consent is missing',
      match: String.raw`\bAuthorization_RequestDenied\b|Insufficient privileges to complete the operation|"code"\s*:\s*"ErrorAccessDenied"`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      explain:
        'The token is valid but lacks the Graph permission (or admin consent) this call needs; application and delegated permissions are granted separately.',
      fix: [
        'Add the permission listed for this endpoint in the Graph reference (Application type for client-credentials tokens) and grant admin consent, then request a new token.',
      ],
      docs: [GRAPH_AUTH_DOCS],
    },
    {
      id: 'arm-wrong-tenant',
      situation: 'an ARM token from another tenant than the subscription',
      match: String.raw`\bInvalidAuthenticationTokenTenant\b|The access token is from the wrong issuer`,
      status: [401],
      cause: 'wrong_environment',
      explain:
        'The token was issued by another tenant than the one the subscription belongs to; the message names the tenant to use.',
      fix: [
        'Request the token from the tenant named in the message (https://login.microsoftonline.com/<that tenant>/…) or `az login --tenant <id>`.',
      ],
      docs: [ACCESS_TOKENS_DOCS],
    },
    {
      id: 'arm-token-expired',
      situation: 'an expired token sent to Azure Resource Manager',
      match: String.raw`\bExpiredAuthenticationToken\b|The access token expiry UTC time '[^']{1,40}' is earlier than current UTC time`,
      status: [401],
      cause: 'expired_token',
      explain:
        'The ARM token expired, typically during a long-running deployment or script that fetched it once.',
      fix: ['Refresh the token before each call (SDK credentials do this), or split long operations.'],
      docs: [LIFETIMES_DOCS],
    },
    {
      id: 'arm-wrong-audience',
      situation: 'a token for another resource sent to Azure Resource Manager',
      match: String.raw`\bInvalidAuthenticationTokenAudience\b|The access token has been obtained (?:for|from) wrong audience or resource`,
      status: [401],
      cause: 'wrong_audience_or_issuer',
      explain:
        'ARM only accepts tokens for https://management.azure.com/ (or https://management.core.windows.net/).',
      fix: ['Request the token with scope https://management.azure.com/.default.'],
      docs: [ACCESS_TOKENS_DOCS],
    },
    {
      id: 'arm-authorization-failed',
      situation: 'the principal lacks an Azure RBAC role for the action',
      match: String.raw`"code"\s*:\s*"AuthorizationFailed"|does not have authorization to perform action '`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        'The token is valid, but the user or service principal has no role assignment that allows this action at this scope.',
      fix: [
        'Assign a role with the named action to the principal at the subscription, resource group or resource scope (`az role assignment create`).',
      ],
      docs: ['https://learn.microsoft.com/azure/role-based-access-control/troubleshooting'],
    },
  ],
  tokenLifetimes: [
    {
      token: 'access token',
      text: 'random 60–90 minutes (average 75) by default; may differ with client or Conditional Access settings',
    },
    { token: 'SAML token', seconds: 3600, text: '1 hour' },
  ],
  scopes: [
    {
      method: 'GET',
      path: '^/(?:v1\\.0|beta)/me$',
      scopes: [
        'User.Read',
        'User.ReadWrite',
        'User.ReadBasic.All',
        'User.Read.All',
        'User.ReadWrite.All',
        'Directory.Read.All',
        'Directory.ReadWrite.All',
      ],
    },
    {
      method: 'GET',
      path: '^/(?:v1\\.0|beta)/users(?:/|$)',
      scopes: [
        'User.ReadBasic.All',
        'User.Read.All',
        'User.ReadWrite.All',
        'Directory.Read.All',
        'Directory.ReadWrite.All',
      ],
    },
    {
      method: 'GET',
      path: '^/(?:v1\\.0|beta)/me/messages',
      scopes: ['Mail.ReadBasic', 'Mail.Read', 'Mail.ReadWrite'],
    },
    { method: 'POST', path: '^/(?:v1\\.0|beta)/(?:me|users/[^/]{1,200})/sendMail$', scopes: ['Mail.Send'] },
    {
      method: 'GET',
      path: '^/(?:v1\\.0|beta)/groups(?:/|$)',
      scopes: [
        'GroupMember.Read.All',
        'Group.Read.All',
        'Group.ReadWrite.All',
        'Directory.Read.All',
        'Directory.ReadWrite.All',
      ],
    },
  ],
  endpoints: [
    {
      path: '^/',
      host: 'graph.windows.net',
      status: 'deprecated',
      message:
        'Azure AD Graph (graph.windows.net) is deprecated and being retired; its tokens and endpoints are replaced by Microsoft Graph.',
      cause: 'wrong_url_or_endpoint',
      fix: [
        'Call the Microsoft Graph equivalent on https://graph.microsoft.com with a token for scope https://graph.microsoft.com/.default.',
      ],
      docs: [GRAPH_AUTH_DOCS],
    },
  ],
  docs: [
    { title: 'Microsoft identity platform access tokens', url: ACCESS_TOKENS_DOCS },
    { title: 'Configurable token lifetimes', url: LIFETIMES_DOCS },
    { title: 'Get access without a user (Microsoft Graph)', url: GRAPH_AUTH_DOCS },
    { title: 'Entra authentication and authorization error codes', url: ERROR_CODES_DOCS },
    { title: 'Certificate credentials', url: CERT_CREDS_DOCS },
  ],
  pitfalls: [
    "'Invalid audience' means the token was requested for a different resource: use scope https://graph.microsoft.com/.default for Graph, not the old graph.windows.net or your own API ID.",
    "AADSTS7000215 usually means the client secret's ID (a GUID) was pasted instead of its value.",
    'Graph 403 Authorization_RequestDenied is a permissions or admin-consent issue (application vs delegated permission), not a bad token.',
    "Multi-tenant users must request tokens from the subscription's tenant authority, otherwise ARM returns InvalidAuthenticationTokenTenant.",
    'Access tokens cannot be revoked and live until expiry; scripts running past about an hour must refresh.',
    'Error codes and texts may change; https://login.microsoftonline.com/error?code=<number> shows the current description of any AADSTS code.',
  ],
  rotate: {
    url: 'https://entra.microsoft.com/',
    steps: [
      'In the Microsoft Entra admin center open App registrations, select the app, then Certificates & secrets.',
      'Add a new client secret (or certificate), deploy it, then delete the old one.',
      "Tokens already issued stay valid until they expire; for a user's tokens, use Revoke sessions on the user's page.",
      'Check the service principal sign-in logs for use of the old secret.',
    ],
  },
} satisfies ProviderPackInput;
