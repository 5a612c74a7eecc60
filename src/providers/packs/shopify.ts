import type { ProviderPackInput } from '../schema.js';

const AUTH_DOC =
  'https://shopify.dev/docs/apps/build/authentication-authorization/access-token-types/generate-app-access-tokens-admin';

export const shopify = {
  id: 'shopify',
  name: 'Shopify Admin API',
  hosts: [
    {
      host: '*.myshopify.com',
      basePath: '/admin',
      note: 'each shop has its own host; development stores use the same pattern',
    },
  ],
  auth: [
    {
      in: 'header',
      name: 'X-Shopify-Access-Token',
      credential:
        'an Admin API access token (shpat_… for custom apps, or the OAuth token of an installed app)',
      formats: ['shopify.admin_access_token', 'shopify.custom_app_token'],
      status: 'preferred',
      note: 'the token belongs to one shop: it only works on that shop’s myshopify.com host',
    },
    {
      in: 'header',
      name: 'X-Shopify-Access-Token',
      credential: 'a legacy private app password (shppa_…)',
      formats: ['shopify.private_app_password'],
      status: 'deprecated',
      note: 'private apps were replaced by custom apps',
    },
    {
      in: 'basic',
      credential: 'legacy private app API key and password',
      basicShape: 'api_key:password (https://<api_key>:<password>@<shop>.myshopify.com/admin/…)',
      status: 'deprecated',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an Admin API token sent as `Authorization: Bearer`',
      status: 'rejected',
      note: 'the Admin API reads the token from X-Shopify-Access-Token',
    },
    {
      in: 'header',
      name: 'X-Shopify-Access-Token',
      credential: 'the app’s API secret key (shpss_…) or API key',
      formats: ['shopify.shared_secret'],
      status: 'rejected',
      note: 'secrets are for the OAuth handshake and HMAC checks, never an access token',
    },
  ],
  headerNames: ['x-shopify-access-token', 'x-shopify-storefront-access-token'],
  errors: [
    {
      id: 'invalid-api-key-or-token',
      situation:
        'a wrong, revoked or uninstalled-app token, a token of another shop, or the API key / secret used as a token',
      match: 'Invalid API key or access token|realm="?Shopify API Authentication',
      status: [401],
      cause: 'invalid_credentials',
      // Shopify says this whenever no token it accepts arrived, including a token sent in a header it does not
      // read (Authorization: Bearer), so other rules may name a more precise cause.
      confidence: 0.8,
      explain:
        'Shopify did not recognise a token for this shop. Either none arrived where it reads one (the Admin API reads only X-Shopify-Access-Token; a token in `Authorization: Bearer` is ignored and gets this same answer), or the value is mistyped, was revoked when the app was uninstalled or the token rotated, belongs to another shop, or is the app’s API key / secret key rather than an access token.',
      fix: [
        'Send an Admin API access token (custom apps: shpat_…) in the X-Shopify-Access-Token header to the shop it was issued for: `curl -H "X-Shopify-Access-Token: <ADMIN_API_TOKEN>" https://<shop>.myshopify.com/admin/api/<version>/shop.json`.',
        'If the app was uninstalled or the token was only shown once and lost, reinstall the app (or rotate the token) to get a new one.',
      ],
      docs: [AUTH_DOC],
    },
    {
      id: 'shop-unavailable',
      situation: 'the shop is frozen for an unpaid bill, paused, closed or cancelled',
      match: String.raw`\bUnavailable Shop\b`,
      status: [402, 403],
      cause: 'account_or_billing_state',
      confidence: 0.9,
      explain:
        'Shopify refuses API calls for this shop because of its account state, not the token: 402 Payment Required means the store is frozen (an unpaid Shopify bill) or paused; 403 with the same words means the store is closed, cancelled or suspended. Other shops keep working with their tokens.',
      fix: [
        'Ask the store owner to log in to the Shopify admin and settle the outstanding bill (or reopen / un-pause the store); the same token works again once the shop is active.',
        'Until then, treat 402/403 "Unavailable Shop" as a shop state in your integration (pause syncing) rather than rotating tokens.',
      ],
      docs: ['https://shopify.dev/docs/api/usage/response-codes'],
    },
    {
      id: 'shop-locked',
      situation: 'the shop is locked (repeated rate-limit abuse, a suspected compromise or fraud review)',
      match: 'This (?:store|shop) is unavailable',
      status: [423],
      cause: 'account_or_billing_state',
      confidence: 0.8,
      explain:
        'Shopify answers 423 Locked for a shop that is locked: after repeatedly exceeding API limits, or while the account is under review for a compromise or fraud risk. No token works until Shopify unlocks it.',
      fix: ['The store owner has to contact Shopify Support to unlock the shop; stop retrying until then.'],
      docs: ['https://shopify.dev/docs/api/usage/response-codes'],
    },
    {
      id: 'merchant-approval-required',
      situation: 'the app asks for data its granted access scopes do not cover',
      match: 'requires merchant approval for [a-z_]{1,60} scope',
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      explain:
        'The token is valid but the app was not granted the access scope this call needs. Adding a scope to the app configuration does nothing until the merchant approves it again.',
      fix: [
        'Add the named scope (for example read_orders) to the app’s configured access scopes.',
        'Reinstall or re-authorise the app on the shop so the merchant approves the new scope, then use the new token.',
      ],
      docs: [AUTH_DOC],
    },
    {
      id: 'graphql-access-denied',
      situation: 'a GraphQL Admin API field needs a scope the app does not have',
      match: String.raw`Access denied for [A-Za-z_]{1,60} field\.`,
      cause: 'insufficient_scope_or_permissions',
      explain:
        'The GraphQL Admin API refused a field because the token lacks the access scope named in the message.',
      fix: [
        'Grant the access scope named after “Required access” to the app, reinstall or re-authorise it, and retry with the new token.',
      ],
      docs: [AUTH_DOC],
    },
  ],
  scopes: [
    {
      method: 'GET',
      path: '^/admin/api/[^/]{1,20}/orders',
      scopes: ['read_orders', 'write_orders'],
    },
    { method: 'POST', path: '^/admin/api/[^/]{1,20}/orders', scopes: ['write_orders'] },
    {
      method: 'GET',
      path: '^/admin/api/[^/]{1,20}/products',
      scopes: ['read_products', 'write_products'],
    },
    { method: 'POST', path: '^/admin/api/[^/]{1,20}/products', scopes: ['write_products'] },
    {
      method: 'GET',
      path: '^/admin/api/[^/]{1,20}/customers',
      scopes: ['read_customers', 'write_customers'],
    },
  ],
  docs: [
    { title: 'Generate access tokens for the Admin API', url: AUTH_DOC },
    {
      title: 'Custom apps created in the Shopify admin (legacy)',
      url: 'https://shopify.dev/docs/apps/build/authentication-authorization/legacy/admin-custom-apps',
    },
  ],
  pitfalls: [
    'The Admin API reads the token from X-Shopify-Access-Token, not from Authorization: Bearer.',
    'The app’s API key and API secret key (shpss_…) are not access tokens; pasting them into the token header gives “Invalid API key or access token”.',
    'After adding access scopes the app must be reinstalled or re-authorised; until then calls fail with “requires merchant approval for <scope> scope”.',
    'Tokens are per shop: a token from shop A sent to shop B’s myshopify.com host is rejected.',
    'A 402 “Unavailable Shop” is the shop’s billing state (frozen for an unpaid bill, or paused), and 423 a locked shop: the token is fine and only the store owner or Shopify can fix it.',
    'A custom app’s Admin API token is shown only once; if it was not saved it has to be rotated or the app reinstalled.',
    'Since 1 January 2026 merchants can no longer create new custom apps in the Shopify admin (existing ones keep working); new integrations use Dev Dashboard apps with OAuth or client-credentials tokens.',
  ],
  rotate: {
    url: 'https://shopify.dev/docs/apps/build/authentication-authorization/client-secrets/rotate-revoke-client-credentials',
    steps: [
      "A custom app's Admin API access token cannot be revoked on its own: uninstall the app from the store and install it again to get a new token (shown once).",
      "For an app's client secret, generate a new secret on the app's page in the Dev Dashboard or Partner Dashboard, move your app to it, then revoke the old one.",
      'Update the new values everywhere they are stored.',
    ],
  },
} satisfies ProviderPackInput;
