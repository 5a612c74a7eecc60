import type { ProviderPackInput } from '../schema.js';

const QUICKSTART_DOCS = 'https://mailchimp.com/developer/marketing/guides/quick-start/';
const FUNDAMENTALS_DOCS = 'https://mailchimp.com/developer/marketing/docs/fundamentals/';
const ERRORS_DOCS = 'https://mailchimp.com/developer/marketing/docs/errors/';
const OAUTH_DOCS = 'https://mailchimp.com/developer/marketing/guides/access-user-data-oauth-2/';
const API_KEYS_HELP = 'https://mailchimp.com/help/about-api-keys/';

export const mailchimp = {
  id: 'mailchimp',
  name: 'Mailchimp Marketing API',
  hosts: [
    {
      host: '*.api.mailchimp.com',
      basePath: '/3.0',
      note: 'one host per data center: https://<dc>.api.mailchimp.com/3.0, where <dc> (us1, us6, us14, …) is the suffix after the dash in the API key',
    },
    {
      host: 'login.mailchimp.com',
      note: 'OAuth 2: /oauth2/authorize, /oauth2/token, and /oauth2/metadata, which names the data center of an access token',
    },
  ],
  auth: [
    {
      in: 'basic',
      credential: 'any string as the username and the API key as the password',
      basicShape: 'anystring:<api key> (the username is ignored; the key ends in -<dc>, e.g. -us14)',
      formats: ['mailchimp.api_key'],
      status: 'preferred',
      note: 'The key only works on the host of its own data center: a key ending in -us14 goes to https://us14.api.mailchimp.com.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an API key, or an OAuth 2 access token of a connected Mailchimp account',
      formats: ['mailchimp.api_key'],
      status: 'accepted',
      note: 'OAuth access tokens carry no data center suffix: read it (the "dc" field) from https://login.mailchimp.com/oauth2/metadata with the token.',
    },
    {
      in: 'header',
      scheme: 'apikey',
      credential: 'the API key after the word apikey (`Authorization: apikey <key>`)',
      formats: ['mailchimp.api_key'],
      status: 'accepted',
      note: 'An older form seen in many examples; Basic auth is the documented one.',
    },
  ],
  credentialFormats: [
    {
      id: 'mailchimp.api_key',
      name: 'Mailchimp Marketing API key (32 hex digits, a dash and its data center)',
      pattern: '[0-9a-f]{32}-[a-z]{2}[0-9]{1,3}',
      tokenType: 'api_key',
    },
  ],
  errors: [
    {
      id: 'api-key-missing',
      situation: 'no API key reached Mailchimp',
      // Title and detail together: "API key missing" alone is what many APIs say.
      match: String.raw`\bAPI Key Missing"?[\s\S]{0,120}?Your request did not include an API key|\bAPIKeyMissing\b`,
      status: [401],
      cause: 'missing_credentials',
      confidence: 0.85,
      explain:
        'Mailchimp found no API key on the request: no Authorization header, an empty variable, or the key sent somewhere it does not read (a query parameter or the JSON body, as API v2 used to take it).',
      fix: [
        'Send the key with Basic auth, any username: `curl --user "anystring:<API_KEY>" https://<dc>.api.mailchimp.com/3.0/ping`.',
      ],
      docs: [ERRORS_DOCS, QUICKSTART_DOCS],
    },
    {
      id: 'api-key-invalid-or-wrong-datacenter',
      situation: 'a key sent to another data center than its own, or a wrong or revoked key',
      match: String.raw`Your API key may be invalid, or you(?:'|’|\\')ve attempted to access the wrong data ?center|\bAPIKeyInvalid\b`,
      status: [401],
      cause: 'wrong_environment',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Mailchimp gives this one answer for two different mistakes. Either the key went to another data center than its own — the part after the dash (…-us14) must match the host (https://us14.api.mailchimp.com) or the SDK’s "server" setting — or the key itself is wrong, revoked or from another account. Compare the suffix with the host first: that is the mistake SDK configurations make most.',
      fix: [
        'Use the data center from the key’s suffix as the host or SDK server: key …-us14 → https://us14.api.mailchimp.com/3.0 (Python: `client.set_config({"api_key": key, "server": key.split("-")[-1]})`).',
        'If the suffix already matches, create a new API key under Profile > Extras > API keys and use it in full, suffix included.',
      ],
      docs: [ERRORS_DOCS, FUNDAMENTALS_DOCS],
    },
    {
      id: 'wrong-datacenter',
      situation: 'a valid key sent to another data center’s host',
      match: String.raw`API key provided is linked to (?:a different data ?center|data ?center ['"]?[a-z]{2}[0-9]{1,3})|\bWrongDatacenter\b|"?title"?\s*[:=]\s*["']?Wrong Datacenter\b`,
      status: [403],
      cause: 'wrong_environment',
      confidence: 0.9,
      explain:
        "The key is valid but belongs to another data center than the host the request went to; when the message names one (…linked to datacenter 'us6'), that is the host to call.",
      fix: [
        'Call https://<dc>.api.mailchimp.com/3.0 with <dc> taken from the key’s suffix (or the data center the message names), or set the SDK’s server to it.',
      ],
      docs: [ERRORS_DOCS, FUNDAMENTALS_DOCS],
    },
    {
      id: 'legacy-invalid-api-key',
      situation: 'an invalid, disabled or deleted API key, as the retired API 2.0 and its clients word it',
      match: String.raw`\bInvalid Mailchimp API key\b|\bInvalid_ApiKey\b`,
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'The key is not usable: it was disabled or deleted under Profile > Extras > API keys (Mailchimp also disables keys it finds published), or it is not a Mailchimp Marketing key at all. This wording comes from API 2.0, which was retired; current integrations use API 3.0.',
      fix: [
        'Create a new API key under Profile > Extras > API keys and replace the old one everywhere it is configured.',
      ],
      docs: [API_KEYS_HELP],
    },
    {
      id: 'account-disabled',
      situation: 'the Mailchimp account, or its API access, is disabled',
      match: String.raw`\bUserDisabled\b|\bUser Disabled"?[\s\S]{0,120}?This account has been disabled|API Access has been disabled for this account`,
      status: [401, 403],
      cause: 'account_or_billing_state',
      confidence: 0.85,
      explain:
        'Mailchimp refuses the call because of the account’s state (closed, suspended by compliance, or API access turned off), not because of the key.',
      fix: [
        'The account owner has to resolve the account status with Mailchimp support; a new key will not help.',
      ],
      docs: [ERRORS_DOCS],
    },
  ],
  docs: [
    { title: 'Marketing API quick start (authentication)', url: QUICKSTART_DOCS },
    { title: 'API fundamentals: data centers and authentication', url: FUNDAMENTALS_DOCS },
    { title: 'Errors', url: ERRORS_DOCS },
    { title: 'Access data on behalf of other users with OAuth 2', url: OAUTH_DOCS },
    { title: 'About API keys', url: API_KEYS_HELP },
  ],
  pitfalls: [
    'The data center suffix of the key (…-us14) must match the host (https://us14.api.mailchimp.com) or the SDK’s server setting; a mismatch gives the same 401 "API Key Invalid" as a wrong key.',
    'Basic auth takes any username: `--user "anystring:<API_KEY>"`; the key goes in the password, suffix included.',
    'OAuth access tokens have no suffix: get the data center from https://login.mailchimp.com/oauth2/metadata.',
    'Mailchimp Transactional (Mandrill, md-… keys on mandrillapp.com) is a separate API with separate keys.',
  ],
  rotate: {
    url: 'https://mailchimp.com/help/about-api-keys/',
    steps: [
      'Open Profile › Extras › API keys.',
      'Create a new key and update your integration.',
      'Delete the old key; requests made with it fail at once.',
    ],
  },
} satisfies ProviderPackInput;
