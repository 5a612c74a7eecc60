import type { ProviderPackInput } from '../schema.js';

const AUTH_DOCS = 'https://developer.paypal.com/api/rest/authentication/';
const NOT_AUTHORIZED_DOCS = 'https://developer.paypal.com/api/rest/troubleshooting/rest_not_authorized';

export const paypal = {
  id: 'paypal',
  name: 'PayPal REST APIs',
  hosts: [
    { host: 'api-m.paypal.com', environment: 'production' },
    {
      host: 'api.paypal.com',
      environment: 'production',
      note: 'legacy live host; api-m.paypal.com is current',
    },
    { host: 'api-m.sandbox.paypal.com', environment: 'sandbox' },
    {
      host: 'api.sandbox.paypal.com',
      environment: 'sandbox',
      note: 'legacy sandbox host; api-m.sandbox.paypal.com is current',
    },
  ],
  auth: [
    {
      in: 'basic',
      credential:
        'the REST app client ID and secret, only on POST /v1/oauth2/token (grant_type=client_credentials)',
      basicShape: 'client_id:client_secret',
      status: 'preferred',
      note: 'Sandbox and live apps have different credentials, each valid only on its own host.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an OAuth access token (A21AA…) from /v1/oauth2/token',
      formats: ['paypal.access_token'],
      status: 'preferred',
      note: 'Bound to the environment (sandbox or live) that issued it.',
    },
  ],
  headerNames: ['paypal-request-id', 'paypal-auth-assertion', 'paypal-partner-attribution-id'],
  errors: [
    {
      id: 'invalid-client',
      situation: 'wrong client ID/secret, or sandbox credentials against the live host (or the reverse)',
      match: String.raw`"error_description"\s*:\s*"Client Authentication failed"`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'The token endpoint rejected the client ID/secret pair. Most often the pair is valid but belongs to the other environment: sandbox credentials only work on api-m.sandbox.paypal.com, live ones on api-m.paypal.com.',
      fix: [
        'Check which environment the app credentials come from (Developer Dashboard › Apps & Credentials, Sandbox/Live toggle) and call the matching host.',
        'Copy the client ID and secret again without spaces; the secret is shown separately from the ID.',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'client-credentials-missing',
      situation: 'no or empty client credentials on the token call',
      match: String.raw`"error_description"\s*:\s*"Client credentials are missing"`,
      status: [401],
      cause: 'missing_credentials',
      explain: 'The token request carried no client ID/secret (no Basic header, or empty values).',
      fix: [
        'Send them as Basic auth: `curl https://api-m.sandbox.paypal.com/v1/oauth2/token -u "CLIENT_ID:CLIENT_SECRET" -d grant_type=client_credentials`.',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'authentication-failure',
      situation: 'a REST call without an Authorization header, or with an invalid token',
      match: String.raw`"name"\s*:\s*"AUTHENTICATION_FAILURE"|Authentication failed due to missing authorization header, or invalid authentication credentials`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'PayPal gives the same answer for a missing header and an invalid token; a token from the other environment or an expired token also lands here.',
      fix: [
        'Send `Authorization: Bearer <ACCESS_TOKEN>` with a fresh token from /v1/oauth2/token on the same host.',
      ],
      docs: ['https://developer.paypal.com/api/payments/v2/errors/authentication_failure', AUTH_DOCS],
    },
    {
      id: 'token-not-in-cache',
      situation: 'an expired access token, or one issued by the other environment',
      match: 'Access Token not found in cache',
      status: [401],
      cause: 'expired_token',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'PayPal does not know this access token anymore. Tokens last about 9 hours; an app that fetched one token at start-up and kept it fails this way. A sandbox token sent to the live host looks the same.',
      fix: [
        'Request a new token when `expires_in` runs out (or on this error) instead of caching one forever.',
        'Make sure the token came from the same environment as the host you call.',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'not-authorized',
      situation: 'the token lacks the permission or feature for this call',
      match: String.raw`"name"\s*:\s*"NOT_AUTHORIZED"|Authorization failed due to insufficient permissions`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        'The token is valid but the app or account is not allowed this operation (a feature not enabled for the app, or a resource created by another app).',
      fix: [
        'Enable the feature for the app in the Developer Dashboard, then request a new token so it carries the new scope.',
        'Use the same app credentials that created the resource (order, payment) you are acting on.',
      ],
      docs: [NOT_AUTHORIZED_DOCS],
    },
    {
      id: 'permission-denied-v1',
      situation: 'v1 APIs: no permission for the operation',
      match: 'No permission for the requested operation',
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'The token may not act on this resource; the most common reason is that another app (client ID) created the payment than the one executing it.',
      fix: ['Use the client ID that created the payment to execute, capture or refund it.'],
      docs: [NOT_AUTHORIZED_DOCS],
    },
  ],
  tokenLifetimes: [{ token: 'OAuth access token', text: 'about 9 hours (expires_in around 32400 s)' }],
  endpoints: [
    {
      path: '^/v1/payments/payment(?:/|$)',
      status: 'deprecated',
      message: 'The v1 Payments API is deprecated; new integrations use the Orders v2 API.',
      fix: ['Create and capture payments with /v2/checkout/orders.'],
    },
  ],
  docs: [
    { title: 'Authentication', url: AUTH_DOCS },
    { title: 'REST not authorized troubleshooting', url: NOT_AUTHORIZED_DOCS },
    {
      title: 'AUTHENTICATION_FAILURE',
      url: 'https://developer.paypal.com/api/payments/v2/errors/authentication_failure',
    },
  ],
  pitfalls: [
    'Sandbox credentials only work against api-m.sandbox.paypal.com and live credentials against api-m.paypal.com; a mismatch yields invalid_client.',
    "Apps that fetch one token at start-up and cache it forever start failing with 'Access Token not found in cache' after the token expires.",
    'The client ID alone is not an API credential; the secret is required for the token call.',
  ],
  rotate: {
    url: 'https://developer.paypal.com/api/rest/authentication/',
    steps: [
      'In the PayPal Developer Dashboard open Apps & Credentials, choose Sandbox or Live, and select the REST app.',
      'Add a new client secret for the app (or create a new app), deploy it, then remove the old secret.',
      'Access tokens from `/v1/oauth2/token` expire on their own; request new ones with the new secret.',
    ],
  },
} satisfies ProviderPackInput;
