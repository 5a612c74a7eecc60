import type { ProviderPackInput } from '../schema.js';

const AUTH_DOCS = 'https://docs.stripe.com/api/authentication';
const KEYS_DOCS = 'https://docs.stripe.com/keys';

const SERVER_KEYS = [
  'stripe.secret_key_live',
  'stripe.secret_key_test',
  'stripe.restricted_key_live',
  'stripe.restricted_key_test',
];

export const stripe = {
  id: 'stripe',
  name: 'Stripe API',
  hosts: [
    {
      host: 'api.stripe.com',
      basePath: '/v1',
      note: 'one host for both modes: test or live is chosen by the key (sk_test_/sk_live_), not the URL',
    },
    { host: 'files.stripe.com', basePath: '/v1', note: 'file uploads; same keys as api.stripe.com' },
    { host: 'connect.stripe.com', note: 'Connect OAuth (/oauth/token, /oauth/deauthorize)' },
  ],
  auth: [
    {
      in: 'basic',
      credential: 'a secret or restricted key (sk_… / rk_…) as the username, empty password',
      basicShape: 'api key as username, empty password (curl -u sk_test_…:)',
      formats: SERVER_KEYS,
      status: 'preferred',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a secret or restricted key (sk_… / rk_…)',
      formats: SERVER_KEYS,
      status: 'accepted',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a publishable key (pk_…)',
      formats: ['stripe.publishable_key_live', 'stripe.publishable_key_test'],
      status: 'rejected',
      note: 'Publishable keys only work from Stripe.js and the mobile SDKs (tokens, PaymentMethods, confirming intents); server endpoints refuse them.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a webhook signing secret (whsec_…)',
      formats: ['stripe.webhook_secret'],
      status: 'rejected',
      note: 'The signing secret only verifies webhook signatures; it is never an API key.',
    },
    {
      in: 'header',
      name: 'Stripe-Account',
      credential: 'a connected account ID (acct_…), sent with the platform secret key',
      status: 'accepted',
      note: 'Acts on a connected account; not a credential by itself.',
    },
  ],
  headerNames: ['stripe-version', 'stripe-account', 'stripe-context'],
  errors: [
    {
      id: 'invalid-api-key',
      situation: 'an invalid, deleted or mistyped key',
      // Stripe always echoes the masked key (sk_test_****1234, *****ined, nil) after the colon.
      match: String.raw`Invalid API Key provided: ["'\[]{0,2}(?:[prs]k_|\*|nil\b)(?![^\n]{0,160}contains at least one space)`,
      status: [401],
      cause: 'invalid_credentials',
      explain:
        'Stripe does not know this key: it is mistyped, truncated, was rolled or deleted, or belongs to another account. The message echoes the last characters of the key that was actually sent.',
      fix: [
        'Compare the key ending in the message with the key in the Dashboard (Developers › API keys) for the right account and mode.',
        'Roll a new key if the old one was deleted, and update every environment that holds it.',
      ],
      docs: [KEYS_DOCS],
    },
    {
      id: 'key-contains-space',
      situation: 'the key contains whitespace (copied with a space or newline)',
      match: 'This key contains at least one space',
      status: [401],
      cause: 'wrong_header_format',
      explain: 'The key Stripe received has a space inside or around it, so it cannot match any key.',
      fix: [
        'Remove the spaces and line breaks around the key where it is configured (.env files, secrets, CI variables).',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'no-api-key',
      situation: 'no key at all',
      match: String.raw`You did not provide an API key(?!, though)|No API key provided\.\s{0,4}\(HINT: set your API key using "stripe\.api_key`,
      status: [401],
      cause: 'missing_credentials',
      explain:
        'Stripe received no key. SDKs send nothing when the configured key variable is empty; raw requests send nothing when the -u or Authorization header is missing.',
      fix: [
        'Pass the secret key to the client (`new Stripe(process.env.STRIPE_SECRET_KEY)`) and make sure the variable is set where the code runs.',
        'With curl: `curl https://api.stripe.com/v1/customers -u "$STRIPE_SECRET_KEY:"` (the trailing colon matters).',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'empty-key-value',
      situation:
        'the Authorization header was sent but carried an empty or placeholder value ("null", "undefined")',
      match: 'You did not provide an API key, though you did set your Authorization header to',
      status: [401],
      cause: 'placeholder_or_unexpanded',
      explain:
        'The request had an Authorization header, but its value was not a key (the message quotes it, often "null" or "undefined"): the variable holding the key was not loaded.',
      fix: [
        'Load the environment (.env, secret store) before creating the Stripe client, and fail at start-up when the key is missing.',
      ],
      docs: [AUTH_DOCS],
    },
    {
      id: 'publishable-key-used',
      situation: 'a publishable key used on a secret-key endpoint',
      match: 'cannot be made with a publishable API key',
      status: [401, 403],
      cause: 'wrong_token_type',
      explain:
        'A publishable key (pk_…) reached a server endpoint. Publishable keys are for Stripe.js and the mobile SDKs only.',
      fix: [
        'Use the secret key (sk_…) or a restricted key (rk_…) on the server; keep pk_… in the browser or app.',
      ],
      docs: [KEYS_DOCS],
    },
    {
      id: 'expired-api-key',
      situation: 'a rolled key after its expiry, or an expired restricted/CLI key',
      match: 'Expired API Key provided',
      status: [401],
      cause: 'expired_token',
      confidence: 0.85,
      explain:
        'The key was valid once but has expired: it was rolled and its grace period ended, or it was a restricted key with an expiry (the Stripe CLI creates keys that expire after 90 days).',
      fix: [
        'Use the current key from the Dashboard (or run `stripe login` again for the CLI) and update every environment that holds the old one.',
      ],
      docs: ['https://stripe.com/docs/error-codes/api-key-expired', KEYS_DOCS],
    },
    {
      id: 'restricted-key-permission',
      situation: 'a restricted key without the permission the endpoint needs',
      match:
        'does not have the required permissions for this endpoint|restricted API key does not have any Connect permissions',
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      explain:
        "The restricted key is valid but lacks this resource's permission; the message names the missing one (rak_…_read / rak_…_write). Some endpoints cannot be used with restricted keys at all.",
      fix: [
        'Edit the restricted key in the Dashboard and grant the permission named in the message, or use the secret key for that call.',
      ],
      docs: [
        'https://docs.stripe.com/changelog/2016-10-19/insufficient-permissions-throw-403-error',
        KEYS_DOCS,
      ],
    },
    {
      id: 'no-access-to-account',
      situation: 'Stripe-Account names an account the key cannot act on',
      match: "does not have access to account '?acct_",
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'The key cannot act on the connected account in Stripe-Account: the account ID is wrong, belongs to another platform or the other mode (test vs live), or the account disconnected the platform.',
      fix: [
        'Check the acct_… value and that it was created in the same mode as the key.',
        'If the account disconnected your platform, it must connect again.',
      ],
      docs: [AUTH_DOCS],
    },
  ],
  docs: [
    { title: 'Authentication', url: AUTH_DOCS },
    { title: 'API keys', url: KEYS_DOCS },
    {
      title: 'Insufficient permissions return 403 (2016-10-19)',
      url: 'https://docs.stripe.com/changelog/2016-10-19/insufficient-permissions-throw-403-error',
    },
  ],
  pitfalls: [
    "pk_ keys are public and only for client SDKs; any server call (charges, customers, …) with pk_ fails with the 'publishable API key' error.",
    "Test and live are fully separate datasets; an ID created with a test key is 'No such …' under a live key and the other way round.",
    'A leftover environment variable or cached config often mixes test and live keys between frontend and backend.',
    'curl -u sk_…: needs the trailing colon or curl prompts for a password.',
    'Live secret and restricted keys are shown only once; a lost key must be rolled.',
    'Stripe answers a completely unauthenticated request with 401 and WWW-Authenticate: Basic realm="Stripe".',
  ],
  rotate: {
    url: 'https://dashboard.stripe.com/apikeys',
    steps: [
      'Open Developers › API keys in the Dashboard, in the mode of the key (test or live).',
      'Choose Roll key on the secret or restricted key; make the old key expire now if it leaked, or after a short overlap while you deploy.',
      'Copy the new key at once (live keys are shown only once) and update every environment that holds the old one.',
      "Check the Dashboard's request logs for calls you did not make.",
    ],
  },
} satisfies ProviderPackInput;
