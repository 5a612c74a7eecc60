import type { ProviderPackInput } from '../schema.js';

const TOKENS_DOCS = 'https://developer.squareup.com/docs/build-basics/access-tokens';
const STATUS_DOCS = 'https://developer.squareup.com/docs/oauth-api/token-introspection';
const ERRORS_DOCS = 'https://developer.squareup.com/reference/square/enums/ErrorCode';

export const square = {
  id: 'square',
  name: 'Square API',
  hosts: [
    { host: 'connect.squareup.com', basePath: '/v2', environment: 'production' },
    { host: 'connect.squareupsandbox.com', basePath: '/v2', environment: 'sandbox' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a personal or OAuth access token (EAAA…), plus a Square-Version: YYYY-MM-DD header',
      formats: ['square.access_token', 'square.legacy_access_token'],
      status: 'preferred',
      note: 'Sandbox and production tokens look the same; each only works on its own host.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an application ID (sq0idp-… / sandbox-sq0idb-…) or application secret (sq0csp-…)',
      formats: ['square.application_id', 'square.sandbox_application_id', 'square.application_secret'],
      status: 'rejected',
      note: 'Application IDs identify the app and the secret is for the OAuth token exchange; neither is an access token.',
    },
  ],
  headerNames: ['square-version'],
  errors: [
    {
      id: 'unauthorized',
      situation: 'an invalid token, or a token from the other environment',
      match: String.raw`"detail"\s*:\s*"This request could not be authorized|AUTHENTICATION_ERROR[^}]{0,120}This request could not be authorized`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Square did not accept the token. Besides a wrong or revoked token, a sandbox token sent to connect.squareup.com (or a production token to the sandbox host) gives exactly this answer, because the two look identical.',
      fix: [
        'Check in the Developer Console which environment the token comes from and call the matching host.',
        'Confirm the token with POST /oauth2/token/status before blaming the endpoint.',
      ],
      docs: [TOKENS_DOCS, STATUS_DOCS],
    },
    {
      id: 'malformed-authorization',
      situation: 'the Authorization header is not exactly "Bearer TOKEN"',
      match: 'Authorization.{0,2} http header of your request was malformed',
      status: [401],
      cause: 'wrong_header_format',
      explain:
        'Square expects exactly `Authorization: Bearer <TOKEN>`; the header had another scheme, extra quotes or spaces, or the token alone.',
      fix: ['Send `Authorization: Bearer <ACCESS_TOKEN>` with a single space and no quotation marks.'],
      docs: [TOKENS_DOCS],
    },
    {
      id: 'access-token-expired',
      situation: 'an expired OAuth access token',
      match: String.raw`"code"\s*:\s*"ACCESS_TOKEN_EXPIRED"|The provided OAuth access token has expired`,
      status: [401],
      cause: 'expired_token',
      explain: 'OAuth access tokens expire after 30 days; this one has.',
      fix: [
        'Renew it with POST /oauth2/token (grant_type=refresh_token) and renew well before the 30 days are up.',
      ],
      docs: [ERRORS_DOCS, STATUS_DOCS],
    },
    {
      id: 'access-token-revoked',
      situation: 'a revoked access token',
      match: String.raw`"code"\s*:\s*"ACCESS_TOKEN_REVOKED"`,
      status: [401],
      cause: 'invalid_credentials',
      explain: 'The seller or the application revoked this access token.',
      fix: ['Have the seller authorize the application again to obtain a new token.'],
      docs: [ERRORS_DOCS],
    },
    {
      id: 'insufficient-scopes',
      situation: 'a token without the OAuth permission the endpoint needs',
      match: String.raw`"code"\s*:\s*"INSUFFICIENT_SCOPES"`,
      status: [401, 403],
      cause: 'insufficient_scope_or_permissions',
      explain:
        'The token is valid but the seller did not grant the permission the message names (for example MERCHANT_PROFILE_READ).',
      fix: ['Request the missing scope in the OAuth authorization URL and have the seller authorize again.'],
      docs: [ERRORS_DOCS, STATUS_DOCS],
    },
    {
      id: 'application-disabled',
      situation: 'the client or application was disabled',
      match: String.raw`"code"\s*:\s*"(?:CLIENT|APPLICATION)_DISABLED"`,
      cause: 'account_or_billing_state',
      explain: 'Square disabled the calling application or client, so its tokens are refused.',
      fix: ['Check the application status in the Developer Console and contact Square developer support.'],
      docs: [ERRORS_DOCS],
    },
    {
      id: 'v1-token',
      situation: 'a token or application created before 2016-03-30 used with v2 endpoints',
      match: String.raw`"code"\s*:\s*"V1_(?:ACCESS_TOKEN|APPLICATION)"`,
      cause: 'wrong_token_type',
      explain: 'The token or application predates the v2 API and cannot call it.',
      fix: ['Create a new application (or token) in the Developer Console and use its credentials.'],
      docs: [ERRORS_DOCS],
    },
  ],
  tokenLifetimes: [
    { token: 'OAuth access token', seconds: 2592000, text: '30 days (renew with the refresh token)' },
  ],
  scopes: [
    { method: 'GET', path: '^/v2/locations', scopes: ['MERCHANT_PROFILE_READ'] },
    { method: 'GET', path: '^/v2/payments', scopes: ['PAYMENTS_READ'] },
    { method: 'POST', path: '^/v2/payments', scopes: ['PAYMENTS_WRITE'] },
    { method: 'GET', path: '^/v2/customers', scopes: ['CUSTOMERS_READ'] },
    { method: 'POST', path: '^/v2/customers/search$', scopes: ['CUSTOMERS_READ'] },
    { method: 'POST', path: '^/v2/customers', scopes: ['CUSTOMERS_WRITE'] },
    { method: 'POST', path: '^/v2/orders/search$', scopes: ['ORDERS_READ'] },
    { method: 'POST', path: '^/v2/orders$', scopes: ['ORDERS_WRITE'] },
  ],
  docs: [
    { title: 'Access tokens', url: TOKENS_DOCS },
    { title: 'Token introspection (RetrieveTokenStatus)', url: STATUS_DOCS },
    {
      title: 'ObtainToken response',
      url: 'https://developer.squareup.com/reference/square/objects/ObtainTokenResponse',
    },
    { title: 'Error codes', url: ERRORS_DOCS },
  ],
  pitfalls: [
    'Sandbox and production tokens look identical (both EAAA…); the host decides: a sandbox token sent to connect.squareup.com returns UNAUTHORIZED.',
    'Use POST /oauth2/token/status to see the scopes and expiry of a token before blaming the endpoint.',
    'The application ID is not an access token.',
  ],
  rotate: {
    url: 'https://developer.squareup.com/docs/build-basics/access-tokens',
    steps: [
      'Open the Developer Console at `https://developer.squareup.com/apps`, select the application and switch to Sandbox or Production.',
      'On the Credentials page, replace the personal access token and update your app; the old token stops working.',
      "For OAuth access tokens, revoke them with the OAuth API's `RevokeToken` endpoint and have the seller authorize again.",
    ],
  },
} satisfies ProviderPackInput;
