import type { ProviderPackInput } from '../schema.js';

const KEYS_DOC = 'https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/';
const NERDGRAPH_DOC =
  'https://docs.newrelic.com/docs/apis/nerdgraph/get-started/introduction-new-relic-nerdgraph/';
const DATA_CENTER_DOC =
  'https://docs.newrelic.com/docs/accounts/accounts-billing/account-setup/choose-your-data-center/';

export const newRelic = {
  id: 'new-relic',
  name: 'New Relic APIs (NerdGraph, REST v2, ingest)',
  hosts: [
    { host: 'api.newrelic.com', region: 'us', note: 'NerdGraph (/graphql) and REST API v2, US data center' },
    { host: 'api.eu.newrelic.com', region: 'eu', note: 'NerdGraph and REST API v2, EU data center' },
    { host: 'metric-api.newrelic.com', region: 'us', note: 'Metric API (license key)' },
    { host: 'metric-api.eu.newrelic.com', region: 'eu', note: 'Metric API, EU (license key)' },
    { host: 'log-api.newrelic.com', region: 'us', note: 'Log API (license key)' },
    { host: 'log-api.eu.newrelic.com', region: 'eu', note: 'Log API, EU (license key)' },
    { host: 'insights-collector.newrelic.com', region: 'us', note: 'Event API (license or insert key)' },
    { host: 'insights-collector.eu01.nr-data.net', region: 'eu', note: 'Event API, EU' },
    { host: 'otlp.nr-data.net', region: 'us', note: 'OTLP endpoint (license key in the api-key header)' },
    { host: 'otlp.eu01.nr-data.net', region: 'eu', note: 'OTLP endpoint, EU' },
  ],
  auth: [
    {
      in: 'header',
      name: 'API-Key',
      credential:
        'a user key (NRAK-…) for NerdGraph and the REST API; an ingest license key for the data ingest APIs',
      formats: ['new-relic.user_key', 'new-relic.license_key'],
      status: 'preferred',
    },
    {
      in: 'header',
      name: 'X-Api-Key',
      credential: 'a user key (NRAK-…) for the REST API v2',
      formats: ['new-relic.user_key'],
      status: 'accepted',
    },
    {
      in: 'header',
      name: 'X-Insert-Key',
      credential: 'an insert key (NRII-…), legacy, for the Event API',
      formats: ['new-relic.insert_key'],
      status: 'deprecated',
    },
    {
      in: 'header',
      name: 'API-Key',
      credential: 'a browser key (NRJS-…) sent to an API',
      formats: ['new-relic.browser_key'],
      status: 'rejected',
      note: 'Browser keys only work for the browser agent.',
    },
  ],
  headerNames: ['x-insert-key', 'x-license-key', 'x-query-key'],
  credentialFormats: [
    {
      id: 'new-relic.user_key',
      name: 'New Relic user key (NRAK-)',
      pattern: 'NRAK-[A-Z0-9]{27}',
      prefix: 'NRAK-',
      tokenType: 'user_token',
    },
    {
      id: 'new-relic.insert_key',
      name: 'New Relic insert key (NRII-, legacy)',
      pattern: 'NRII-[A-Za-z0-9_-]{32}',
      prefix: 'NRII-',
      tokenType: 'api_key',
    },
    {
      id: 'new-relic.browser_key',
      name: 'New Relic browser key (NRJS-)',
      pattern: 'NRJS-[a-f0-9]{19}',
      prefix: 'NRJS-',
      tokenType: 'publishable_key',
    },
    {
      id: 'new-relic.license_key',
      name: 'New Relic ingest license key (40 characters ending in NRAL)',
      pattern: '[a-f0-9]{36}NRAL',
      tokenType: 'api_key',
    },
  ],
  errors: [
    {
      id: 'bad-api-key',
      situation: 'NerdGraph refused the key',
      match: String.raw`Bad API Key or no API Key provided|"error_code"\s*:\s*"BAD_API_KEY"`,
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'NerdGraph only takes a user key (NRAK-…): a license/ingest key, an insert key (NRII-…), an old admin key (NRAA-…) or a browser key gets this answer, as does a user key sent to the other data center (EU accounts use api.eu.newrelic.com) or a key that was deleted.',
      fix: [
        'Create a user key (API keys → Create a key → User) and send it as `API-Key: NRAK-…` to api.newrelic.com/graphql, or to api.eu.newrelic.com/graphql for EU accounts.',
      ],
      docs: [KEYS_DOC, NERDGRAPH_DOC, DATA_CENTER_DOC],
    },
    {
      id: 'no-api-key-specified',
      situation: 'a New Relic client or API received no key',
      match: '401 response returned: No API key specified',
      cause: 'missing_credentials',
      confidence: 0.85,
      explain:
        'The request carried no key the API reads: the environment variable (NEW_RELIC_API_KEY) is unset where the tool runs, or the key was put in a header this API does not read.',
      fix: ['Set NEW_RELIC_API_KEY to a user key (NRAK-…) for NerdGraph, or send `API-Key: <KEY>` directly.'],
      docs: [KEYS_DOC],
    },
  ],
  docs: [
    { title: 'New Relic API keys', url: KEYS_DOC },
    { title: 'NerdGraph', url: NERDGRAPH_DOC },
    { title: 'US and EU data centers', url: DATA_CENTER_DOC },
  ],
  pitfalls: [
    'Each API wants its own key type: NerdGraph a user key (NRAK-), ingest APIs a license key (ending NRAL), the browser agent a browser key (NRJS-).',
    'EU accounts use the EU hosts (api.eu.newrelic.com, metric-api.eu.newrelic.com, …); US keys and hosts do not mix.',
    'Admin keys (NRAA-) are deprecated; use user keys.',
  ],
  rotate: {
    url: 'https://docs.newrelic.com/docs/apis/intro-apis/new-relic-api-keys/',
    steps: [
      'Open the API keys page (your user menu › API keys) in the right account.',
      'Create a new key of the same type (user key or license key), deploy it, then delete the old one.',
      "The account's original license key cannot be deleted; New Relic support can rotate it.",
    ],
  },
} satisfies ProviderPackInput;
