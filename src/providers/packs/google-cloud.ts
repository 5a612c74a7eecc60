import type { ProviderPackInput } from '../schema.js';

const AUTH_DOCS = 'https://cloud.google.com/docs/authentication';
const OAUTH_EXPIRY_DOCS = 'https://developers.google.com/identity/protocols/oauth2#expiration';
const SA_DOCS = 'https://developers.google.com/identity/protocols/oauth2/service-account';
const API_KEYS_DOCS = 'https://cloud.google.com/docs/authentication/api-keys';
const ERRORS_DOCS = 'https://cloud.google.com/apis/design/errors';

export const googleCloud = {
  id: 'google-cloud',
  name: 'Google Cloud / Google APIs (googleapis.com)',
  hosts: [
    {
      host: '*.googleapis.com',
      note: 'Google APIs (storage, aiplatform, generativelanguage, …); each API is enabled per project',
    },
    { host: 'oauth2.googleapis.com', note: 'OAuth token endpoint (/token)' },
    { host: 'accounts.google.com', note: 'OAuth consent; /o/oauth2/token is the older token endpoint' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an OAuth 2.0 access token (ya29.…) for a user or service account',
      formats: ['google.oauth_access_token'],
      status: 'preferred',
      note: 'Limited by the token scopes and the IAM roles of the principal.',
    },
    {
      in: 'query',
      name: 'key',
      credential: 'an API key (AIza…), only for APIs that accept API keys',
      formats: ['google.api_key'],
      status: 'accepted',
      note: 'API keys identify a project, not a principal; APIs that need a principal (Vertex AI, Cloud Storage writes, …) refuse them.',
    },
    {
      in: 'header',
      name: 'x-goog-api-key',
      credential: 'an API key (AIza…)',
      formats: ['google.api_key'],
      status: 'accepted',
    },
    {
      in: 'body',
      name: 'assertion',
      credential:
        'a JWT signed with a service account key, exchanged at oauth2.googleapis.com/token (grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer)',
      status: 'accepted',
      note: 'The service account key file is used to mint tokens; it is never sent as a bearer token itself.',
    },
  ],
  headerNames: ['x-goog-api-key', 'x-goog-user-project'],
  errors: [
    {
      id: 'credentials-missing',
      situation: 'no credentials on a call that needs them',
      match: 'Request is missing required authentication credential',
      status: [401],
      cause: 'missing_credentials',
      explain: 'The request reached Google with no access token, API key or cookie.',
      fix: [
        'Send `Authorization: Bearer $(gcloud auth print-access-token)` (or let a client library use Application Default Credentials).',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'api-keys-not-supported',
      situation: 'an API key sent to an API that needs a principal (OAuth)',
      match: 'API keys are not supported by this API',
      status: [401],
      cause: 'wrong_token_type',
      explain:
        'This API only accepts OAuth access tokens that identify a user or service account; an API key carries no identity.',
      fix: [
        'Use a service account or user credentials (Application Default Credentials) and send the access token as `Authorization: Bearer …`.',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'access-token-expired',
      situation: 'an expired OAuth access token',
      match: String.raw`"reason"\s*:\s*"ACCESS_TOKEN_EXPIRED"`,
      status: [401],
      cause: 'expired_token',
      explain: 'Google access tokens (ya29.…) live about an hour; this one has expired.',
      fix: ['Let the client library refresh tokens, or request a new one before the hour is up.'],
      docs: [OAUTH_EXPIRY_DOCS],
    },
    {
      id: 'access-token-type-unsupported',
      situation: 'a token of the wrong kind, for example an ID token instead of an access token',
      match: String.raw`\bACCESS_TOKEN_TYPE_UNSUPPORTED\b`,
      status: [401],
      cause: 'wrong_token_type',
      explain:
        'Google APIs need an OAuth access token; this was another kind of token (most often an ID token, a JWT starting with eyJ).',
      fix: ['Request an access token (for example `gcloud auth print-access-token`), not an identity token.'],
      docs: [AUTH_DOCS],
    },
    {
      id: 'invalid-credentials',
      situation: 'an expired, revoked or malformed bearer token',
      match: 'Request had invalid authentication credentials',
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Google did not accept the bearer token. An expired access token (they last about an hour) is the most common reason; a revoked or truncated token, or an ID token in place of an access token, give the same message.',
      fix: [
        'Get a fresh access token and retry; check the `reason` in the error details (ACCESS_TOKEN_EXPIRED, ACCESS_TOKEN_TYPE_UNSUPPORTED).',
      ],
      docs: [AUTH_DOCS, OAUTH_EXPIRY_DOCS],
    },
    {
      id: 'insufficient-scopes',
      situation: 'a token without the OAuth scope the API needs',
      match: String.raw`Request had insufficient authentication scopes|\bACCESS_TOKEN_SCOPE_INSUFFICIENT\b|Bearer realm="https://accounts\.google\.com/[^"]{0,40}",\s?error="?insufficient_scope`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      explain: 'The token is valid but was granted without the scope this API needs.',
      fix: [
        'Request the token again with the needed scope (user consent or service account scopes); regenerating keys does not help.',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'api-key-invalid',
      situation: 'an invalid API key',
      match: String.raw`API key not valid\. Please pass a valid API key|\bAPI_KEY_INVALID\b`,
      status: [400],
      cause: 'invalid_credentials',
      explain:
        'Google does not know this API key (mistyped, deleted, or from another project). Note that it answers 400, not 401.',
      fix: ['Copy the key again from APIs & Services › Credentials in the project that has the API enabled.'],
      docs: [API_KEYS_DOCS],
    },
    {
      id: 'api-key-expired',
      situation: 'an expired API key',
      match: String.raw`API key expired\. Please renew the API key`,
      status: [400],
      cause: 'expired_token',
      explain: 'The API key has expired.',
      fix: ['Create a new API key (or renew the key) and replace it where configured.'],
      docs: [API_KEYS_DOCS],
    },
    {
      id: 'service-disabled',
      situation: 'the API is not enabled in the project the key or token belongs to',
      match: String.raw`has not been used in project [^ ]{1,64} before or it is disabled|\bSERVICE_DISABLED\b|\baccessNotConfigured\b`,
      status: [403],
      cause: 'account_or_billing_state',
      explain:
        'The credential is fine but the API is disabled in its project. The message names the project: it is the project of the key or token (or x-goog-user-project), which may not be the one you expect.',
      fix: [
        'Enable the API at the link in the message (or `gcloud services enable <api>.googleapis.com --project <id>`), wait a few minutes, retry.',
      ],
      docs: ['https://cloud.google.com/endpoints/docs/openapi/enable-api'],
    },
    {
      id: 'billing-disabled',
      situation: 'billing is not enabled on the project',
      match: String.raw`requires billing to be enabled|\bBILLING_DISABLED\b|has billing disabled`,
      status: [403],
      cause: 'account_or_billing_state',
      explain:
        'The project behind the credential has no active billing account, so the API refuses the call.',
      fix: [
        'Link a billing account to the project (Billing › Linked account), then retry after a few minutes.',
      ],
      docs: ['https://cloud.google.com/billing/docs/how-to/modify-project'],
    },
    {
      id: 'api-key-restricted',
      situation: 'an API key restricted to other referrers, IPs, apps or APIs',
      match: String.raw`\bAPI_KEY_(?:HTTP_REFERRER|IP_ADDRESS|ANDROID_APP|IOS_APP|SERVICE)_BLOCKED\b|Requests from referer [^ ]{1,200} are blocked|Requests from this (?:Android|iOS) client application [^ ]{1,200} are blocked|\bipRefererBlocked\b|The request did not specify any referer`,
      status: [403],
      cause: 'ip_blocked_or_restricted',
      explain:
        'The API key has application or API restrictions, and this request does not satisfy them: no or another Referer header, another IP address, another app, or an API not in the key allow-list. Server-side calls never send a browser Referer.',
      fix: [
        'Use a separate key for servers, restricted by IP address, and keep referrer-restricted keys in browsers.',
        'Check the key restrictions in APIs & Services › Credentials and add this API or origin if it should be allowed.',
      ],
      docs: [API_KEYS_DOCS],
    },
    {
      id: 'permission-denied-iam',
      situation: 'the principal lacks an IAM permission',
      match: String.raw`Permission '[A-Za-z0-9_.]{3,120}' denied on resource|does not have [a-z]{2,40}\.[A-Za-z.]{2,80} access to|The caller does not have permission`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        'The token is valid, but the user or service account behind it lacks the IAM permission for this resource.',
      fix: [
        'Grant a role containing the named permission to the principal on the project or resource (`gcloud projects add-iam-policy-binding`), and check which principal the token belongs to.',
      ],
      docs: ['https://cloud.google.com/iam/docs/troubleshooting-access'],
    },
    {
      id: 'jwt-time-invalid',
      situation: 'a service account JWT assertion with bad iat/exp (clock skew)',
      match: String.raw`Invalid JWT: Token must be a short-lived token \(60 minutes\) and in a reasonable timeframe`,
      status: [400],
      cause: 'not_yet_valid_or_clock_skew',
      confidence: 0.85,
      explain:
        "The service account assertion's iat/exp are off Google's clock or more than 60 minutes apart; almost always the local clock is wrong (a suspended VM or container).",
      fix: ['Synchronise the machine clock (NTP) and keep exp at most 3600 s after iat.'],
      docs: [SA_DOCS],
    },
    {
      id: 'jwt-signature-invalid',
      situation: 'a service account JWT signed with a wrong or deleted key',
      match: 'Invalid JWT Signature',
      status: [400],
      cause: 'signature_or_key_mismatch',
      explain:
        'The assertion was signed with a key Google does not have for this service account (deleted key, or a key file of another account).',
      fix: [
        'Create a new key for the service account (or use the matching key file) and check client_email matches it.',
      ],
      docs: [SA_DOCS],
    },
    {
      id: 'refresh-token-expired-or-revoked',
      situation: 'a refresh token that expired or was revoked',
      match: 'Token has been expired or revoked',
      status: [400],
      cause: 'expired_token',
      severity: 'warning',
      confidence: 0.8,
      explain:
        'The refresh token no longer works: revoked by the user, unused for six months, invalidated by a password change (Gmail scopes), or issued by an OAuth app in Testing status, whose refresh tokens die after 7 days.',
      fix: [
        'Run the consent flow again to get a new refresh token; publish the OAuth app to Production if tokens keep dying weekly.',
      ],
      docs: [OAUTH_EXPIRY_DOCS],
    },
    {
      id: 'oauth-client-not-found',
      situation: 'an OAuth client ID that does not exist',
      match: 'The OAuth client was not found',
      status: [401],
      cause: 'invalid_credentials',
      explain:
        'Google does not know the client_id sent to the token or authorization endpoint (mistyped, deleted, or from another project).',
      fix: ['Copy the client ID and secret again from APIs & Services › Credentials.'],
      docs: [AUTH_DOCS],
    },
    {
      id: 'unauthorized-client-delegation',
      situation: 'a service account not allowed domain-wide delegation for the requested scopes',
      match: 'Client is unauthorized to retrieve access tokens using this method',
      status: [401],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'The service account asked for a token on behalf of a user (sub claim) or for scopes that the Workspace admin has not authorized for its client ID.',
      fix: [
        'In the Workspace admin console (Security › API controls › Domain-wide delegation) authorize the service account client ID for exactly these scopes.',
      ],
      docs: [SA_DOCS],
    },
  ],
  tokenLifetimes: [
    { token: 'OAuth access token (ya29.)', seconds: 3600, text: 'about 1 hour (expires_in 3599–3600)' },
    { token: 'service account JWT assertion', seconds: 3600, text: 'at most 60 minutes between iat and exp' },
    {
      token: "refresh token from an External OAuth app in 'Testing' publishing status",
      seconds: 604800,
      text: '7 days (unless only openid/email/profile scopes)',
    },
    {
      token: 'refresh token, production app',
      text: 'until revoked, unused for 6 months, password change (Gmail scopes), or the per-client/per-user token limit is exceeded',
    },
  ],
  docs: [
    { title: 'Authentication methods at Google', url: AUTH_DOCS },
    { title: 'OAuth 2.0: refresh token expiration', url: OAUTH_EXPIRY_DOCS },
    { title: 'Using OAuth 2.0 for server to server applications', url: SA_DOCS },
    { title: 'API keys', url: API_KEYS_DOCS },
    { title: 'API errors', url: ERRORS_DOCS },
  ],
  pitfalls: [
    'An invalid API key returns 400 INVALID_ARGUMENT, not 401: rules keyed on 401 will miss it.',
    'A missing scope is 403 with ACCESS_TOKEN_SCOPE_INSUFFICIENT; consent again with the needed scope rather than regenerating keys.',
    "Apps left in 'Testing' consent status issue refresh tokens that die after 7 days: a weekly invalid_grant.",
    "'Invalid JWT: Token must be a short-lived token' almost always means the local clock is off (suspended VM or container).",
    'Some APIs (for example Vertex AI) reject API keys and need an OAuth principal; the error says API keys are not supported.',
    "gRPC clients surface the same failures as '16 UNAUTHENTICATED' and '7 PERMISSION_DENIED'.",
    'The project named in SERVICE_DISABLED and BILLING_DISABLED errors is the project of the credential (or x-goog-user-project), not necessarily the project that owns the resource.',
  ],
  rotate: {
    url: 'https://console.cloud.google.com/apis/credentials',
    steps: [
      'API keys: in APIs & Services › Credentials, create a new key with the same restrictions, switch your apps to it, then delete the old key.',
      'Service account keys: open IAM & Admin › Service accounts › the account › Keys › Add key, then delete the old key (`gcloud iam service-accounts keys delete KEY_ID --iam-account=SA_EMAIL`).',
      'User credentials: run `gcloud auth revoke` for the old account, then `gcloud auth login` (or `gcloud auth application-default login`) again.',
      "Check Cloud Audit Logs for the service account's activity and the API metrics for unexpected use of a key.",
    ],
  },
} satisfies ProviderPackInput;
