import type { ProviderPackInput } from '../schema.js';

const API_DOCS = 'https://documentation.mailgun.com/docs/validate/api-overview';
const REGIONS_DOCS = 'https://www.mailgun.com/about/regions/';

export const mailgun = {
  id: 'mailgun',
  name: 'Mailgun API',
  hosts: [
    { host: 'api.mailgun.net', basePath: '/v3', region: 'us' },
    {
      host: 'api.eu.mailgun.net',
      basePath: '/v3',
      region: 'eu',
      note: 'domains and keys created in the EU region only work here',
    },
  ],
  auth: [
    {
      in: 'basic',
      credential: 'the private API key, with the literal username "api"',
      basicShape: 'api:<API_KEY>',
      formats: ['mailgun.api_key'],
      status: 'preferred',
      note: 'The username is always "api", never the account email. Keys belong to one region.',
    },
    {
      in: 'basic',
      credential: 'a domain sending key, with the username "api"',
      basicShape: 'api:<SENDING_KEY>',
      status: 'accepted',
      note: 'Only sends messages for its one domain; other endpoints refuse it.',
    },
    {
      in: 'basic',
      credential: 'the public validation key (pubkey-…)',
      basicShape: 'api:<PUBLIC_KEY>',
      formats: ['mailgun.public_key'],
      status: 'accepted',
      note: 'Only for email validation.',
    },
  ],
  errors: [
    {
      id: 'forbidden',
      situation: 'wrong key, wrong username, or a key of the other region',
      match: String.raw`details:\s{0,4}['"]Forbidden['"],\s{0,4}type:\s{0,4}['"]MailgunAPIError|"details"\s*:\s*"Forbidden"[^}]{0,80}MailgunAPIError`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'Mailgun answers a plain "Forbidden" for any rejected credential. Besides a wrong key or a username other than "api", an EU-region domain or key used against api.mailgun.net (the SDK default) fails exactly this way.',
      fix: [
        'For EU domains set the client URL to https://api.eu.mailgun.net (for example `mailgun.client({ username: "api", key, url: "https://api.eu.mailgun.net" })`).',
        'Check the username is "api" and the key is the private API key of the same region.',
      ],
      docs: [API_DOCS, REGIONS_DOCS],
    },
    {
      id: 'php-credentials-incorrect',
      situation: 'mailgun-php: the API rejected the credentials',
      match: String.raw`(?:Mailgun|HttpClientException)[^\n]{0,200}Your credentials are incorrect`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'The PHP SDK reports a 401: the key is wrong, or it belongs to the other region (EU domains need the EU endpoint).',
      fix: [
        'Check the key, and create the client with the EU endpoint (`Mailgun::create($key, "https://api.eu.mailgun.net")`) for EU domains.',
      ],
      docs: [API_DOCS],
    },
    {
      id: 'domain-not-found',
      situation: 'the sending domain does not exist in the region the request went to',
      match: String.raw`"message"\s*:\s*"Domain not found: `,
      status: [404],
      cause: 'wrong_environment',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'The domain is not known on this regional endpoint: it is registered in the other region, or misspelled.',
      fix: [
        'Use the endpoint of the region the domain was created in (api.eu.mailgun.net for EU domains), and check the domain name.',
      ],
      docs: [REGIONS_DOCS],
    },
  ],
  docs: [
    { title: 'API overview', url: API_DOCS },
    { title: 'Regions', url: REGIONS_DOCS },
  ],
  pitfalls: [
    "EU accounts and domains must call api.eu.mailgun.net; SDKs default to the US host and get 401 'Forbidden' with a perfectly valid key.",
    "The Basic auth username must be 'api', not the account email.",
    'A domain sending key cannot manage domains, events or other endpoints.',
  ],
  rotate: {
    url: 'https://documentation.mailgun.com/docs/mailgun/api-reference/authentication',
    steps: [
      "In the Mailgun dashboard open your account menu › API Security; domain sending keys are in that domain's settings.",
      'Add a new key, update your app, then delete the old key.',
      'Check the sending logs for messages you did not send.',
    ],
  },
} satisfies ProviderPackInput;
