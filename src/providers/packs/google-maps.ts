import type { ProviderPackInput } from '../schema.js';

const JS_KEY_DOCS = 'https://developers.google.com/maps/documentation/javascript/get-api-key';
const WEB_SERVICE_KEY_DOCS =
  'https://developers.google.com/maps/documentation/places/web-service/get-api-key';
const JS_ERRORS_DOCS = 'https://developers.google.com/maps/documentation/javascript/error-messages';
const BILLING_DOCS = 'https://developers.google.com/maps/gmp-get-started';

export const googleMaps = {
  id: 'google-maps',
  name: 'Google Maps Platform',
  hosts: [
    {
      host: 'maps.googleapis.com',
      note: 'web services (Geocoding, Directions, Places legacy, Static Maps, …) and the Maps JavaScript API',
    },
    { host: 'places.googleapis.com', basePath: '/v1', note: 'Places API (New)' },
    { host: 'routes.googleapis.com', note: 'Routes API' },
    { host: 'roads.googleapis.com', note: 'Roads API' },
    { host: 'addressvalidation.googleapis.com', note: 'Address Validation API' },
  ],
  auth: [
    {
      in: 'query',
      name: 'key',
      credential: 'an API key (AIza…)',
      formats: ['google.api_key'],
      status: 'preferred',
      note: 'Legacy web services and the Maps JavaScript API take the key as ?key=.',
    },
    {
      in: 'header',
      name: 'X-Goog-Api-Key',
      credential: 'an API key (AIza…)',
      formats: ['google.api_key'],
      status: 'accepted',
      note: 'Places API (New) and Routes take the key in this header, together with X-Goog-FieldMask.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an OAuth access token (Places API (New) and other newer APIs)',
      formats: ['google.oauth_access_token'],
      status: 'accepted',
    },
  ],
  headerNames: ['x-goog-fieldmask'],
  errors: [
    {
      id: 'api-key-required',
      situation: 'no API key on a Maps request',
      match: String.raw`You must use an API key to authenticate each request to Google Maps Platform APIs|\bMissingKeyMapError\b`,
      status: [200],
      cause: 'missing_credentials',
      confidence: 0.85,
      explain:
        'Google Maps received no API key. Legacy web services report this as HTTP 200 with status REQUEST_DENIED.',
      fix: ['Add `key=<YOUR_API_KEY>` to the request (or the script URL for the JavaScript API).'],
      docs: [JS_KEY_DOCS, 'http://g.co/dev/maps-no-account'],
    },
    {
      id: 'project-not-authorized',
      situation: "the API is not enabled on the key's project, or not in the key's API restrictions",
      match: String.raw`This API project is not authorized to use this API|\bApiNotActivatedMapError\b`,
      status: [200],
      cause: 'account_or_billing_state',
      severity: 'warning',
      confidence: 0.7,
      explain:
        "Each Maps API (Geocoding, Directions, Places, …) must be enabled separately on the key's project, and allowed by the key's API restrictions. A key that works for the JavaScript API can fail for Directions.",
      fix: [
        'Enable the specific API in the Cloud Console (APIs & Services › Library) for the project that owns the key.',
        'If the key has API restrictions, add this API to them.',
      ],
      docs: [WEB_SERVICE_KEY_DOCS],
    },
    {
      id: 'referer-restricted-key-on-server',
      situation: 'an HTTP-referrer-restricted key used for a server-side web service call',
      match: 'API keys with referer restrictions cannot be used with this API',
      status: [200],
      cause: 'ip_blocked_or_restricted',
      explain: 'This web service cannot be called with a key restricted to HTTP referrers (browser keys).',
      fix: [
        'Create a separate server key restricted by IP address for web-service calls; keep the referrer key in the browser.',
      ],
      docs: [WEB_SERVICE_KEY_DOCS],
    },
    {
      id: 'key-restriction-mismatch',
      situation: "the request does not match the key's IP, referrer or app restriction",
      match: String.raw`This IP, site or mobile application is not authorized to use this API key|\bRefererNotAllowedMapError\b|\bApiTargetBlockedMapError\b`,
      status: [200],
      cause: 'ip_blocked_or_restricted',
      explain:
        'The key has application or API restrictions that this request does not satisfy; the message names the IP address or referrer Google saw.',
      fix: [
        'Add the IP address or site from the message to the key restrictions, or use a key whose restriction fits where the call comes from.',
      ],
      docs: [WEB_SERVICE_KEY_DOCS, JS_ERRORS_DOCS],
    },
    {
      id: 'invalid-key',
      situation: 'an invalid API key',
      match: String.raw`The provided API key is invalid|\bInvalidKeyMapError\b`,
      status: [200, 403],
      cause: 'invalid_credentials',
      explain: 'Google Maps does not know this key: mistyped, deleted, or copied incompletely.',
      fix: ['Copy the key again from Google Maps Platform › Credentials and replace it where configured.'],
      docs: [WEB_SERVICE_KEY_DOCS, JS_ERRORS_DOCS],
    },
    {
      id: 'expired-key',
      situation: 'an expired API key (Maps JavaScript API)',
      match: String.raw`\bExpiredKeyMapError\b`,
      cause: 'expired_token',
      explain: 'The Maps JavaScript API reports that the key has expired or is not recognised.',
      fix: ['Generate a new key in the Cloud Console and update the script URL.'],
      docs: [JS_ERRORS_DOCS],
    },
    {
      id: 'billing-not-enabled',
      situation: 'no billing account on the project',
      match: String.raw`You must enable Billing on the Google Cloud Project|\bBillingNotEnabledMapError\b`,
      status: [200],
      cause: 'account_or_billing_state',
      explain:
        'Maps Platform requires a billing account on the project; without one even a valid key is denied.',
      fix: [
        'Enable billing on the project that owns the key (https://console.cloud.google.com/project/_/billing/enable).',
      ],
      docs: [BILLING_DOCS],
    },
  ],
  docs: [
    { title: 'Get an API key (Maps JavaScript API)', url: JS_KEY_DOCS },
    { title: 'Set up the Places API (New)', url: WEB_SERVICE_KEY_DOCS },
    { title: 'Maps JavaScript API error messages', url: JS_ERRORS_DOCS },
    { title: 'Getting started with Google Maps Platform', url: BILLING_DOCS },
    { title: 'Maps Platform without a billing account', url: 'http://g.co/dev/maps-no-account' },
  ],
  pitfalls: [
    'Legacy Maps web services report auth failures as HTTP 200 with status REQUEST_DENIED in the JSON body: check the body, not the status code.',
    'A browser key restricted by HTTP referrer cannot be reused for server-side web-service calls; create a separate IP-restricted server key.',
    'Each Maps API (Geocoding, Directions, Elevation, Places, …) must be enabled separately on the project; a key working for Maps JavaScript may fail for Directions.',
    'Maps requires a billing account on the project; without it even a valid key is denied.',
  ],
  rotate: {
    url: 'https://console.cloud.google.com/apis/credentials',
    steps: [
      'Open APIs & Services › Credentials (Google Maps Platform › Keys & Credentials) in the project that owns the key.',
      'Create a new key with the same application and API restrictions, and switch your apps and websites to it.',
      'Delete the old key once traffic has moved, and keep every key restricted to your websites, apps or IP addresses.',
    ],
  },
} satisfies ProviderPackInput;
