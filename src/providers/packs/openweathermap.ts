import type { ProviderPackInput } from '../schema.js';

const FAQ_401 = 'https://openweathermap.org/faq#error401';
const APPID_DOC = 'https://openweathermap.org/appid';
const ONE_CALL_3_DOC = 'https://openweathermap.org/api/one-call-3';
const PRICE_DOC = 'https://openweathermap.org/price';

export const openweathermap = {
  id: 'openweathermap',
  name: 'OpenWeatherMap API',
  hosts: [
    { host: 'api.openweathermap.org', note: 'current weather, forecasts, One Call, geocoding' },
    { host: 'pro.openweathermap.org', note: 'APIs of paid subscriptions' },
    { host: 'history.openweathermap.org', note: 'historical data (paid subscriptions)' },
    { host: 'tile.openweathermap.org', note: 'map tiles' },
    { host: 'maps.openweathermap.org', note: 'weather maps 2.0' },
    // The API's own error bodies link here (faq#error401, price): it is the provider's site, not a mistyped host.
    {
      host: 'openweathermap.org',
      note: 'website: API keys, pricing and FAQ; the API is api.openweathermap.org',
    },
  ],
  auth: [
    {
      in: 'query',
      name: 'appid',
      credential: 'the API key (32 hex digits) from the account’s API keys page',
      status: 'preferred',
      note: 'The parameter name is appid; older examples use APPID, which is accepted too.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'the API key in an Authorization header',
      status: 'rejected',
      note: 'OpenWeatherMap reads the key from the appid query parameter.',
    },
  ],
  errors: [
    {
      id: 'one-call-3-subscription',
      situation: 'One Call API 3.0 called without the separate “One Call by Call” subscription',
      match: String.raw`using One Call 3\.0 requires a separate subscription`,
      status: [401],
      cause: 'account_or_billing_state',
      confidence: 0.95,
      explain:
        'The key is valid, but One Call API 3.0 is a separate product: the account needs the “One Call by Call” subscription (it has a free daily allowance, but requires payment details). Other endpoints keep working with the same key. After subscribing it can take a while before the key is enabled for 3.0.',
      fix: [
        'Subscribe to “One Call by Call” on openweathermap.org/price (set a daily call limit to stay in the free tier), wait for the subscription to reach the key, then retry the same request.',
      ],
      docs: [ONE_CALL_3_DOC, PRICE_DOC, FAQ_401],
    },
    {
      id: 'invalid-api-key',
      situation: 'OpenWeatherMap did not accept the appid',
      match: String.raw`Invalid API key\. Please see https?://openweathermap\.org/faq#error401`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'OpenWeatherMap did not accept the key for this request. A new key is only activated some time after it is created (up to about two hours); otherwise the key is mistyped, was deleted or disabled on the API keys page, or belongs to a plan that does not include this API (paid-only APIs answer the same way for free keys).',
      fix: [
        'If the key was created just now, wait up to two hours and retry.',
        'Otherwise copy the key again from the account’s API keys page and check that the plan includes the API you call; pass it as `appid=<API_KEY>`.',
      ],
      docs: [FAQ_401, APPID_DOC],
    },
  ],
  docs: [
    { title: 'FAQ: API calls return error 401', url: FAQ_401 },
    { title: 'How to use the API key', url: APPID_DOC },
    { title: 'One Call API 3.0', url: ONE_CALL_3_DOC },
  ],
  pitfalls: [
    'New API keys take a while to activate (from minutes up to about two hours); until then every call answers 401 “Invalid API key”.',
    'One Call API 3.0 needs its own “One Call by Call” subscription even though other APIs work with the same key.',
    'The key goes in the appid query parameter, not in a header.',
  ],
  rotate: {
    url: 'https://home.openweathermap.org/api_keys',
    steps: [
      'Generate a new key on the API keys page and switch your app to it; a new key can take a couple of hours to activate.',
      'Delete the old key once the new one works.',
    ],
  },
} satisfies ProviderPackInput;
