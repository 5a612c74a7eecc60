import type { ProviderPackInput } from '../schema.js';

const AUTH_DOC = 'https://developer.pagerduty.com/docs/authentication';
const API_REFERENCE = 'https://developer.pagerduty.com/api-reference/';

export const pagerduty = {
  id: 'pagerduty',
  name: 'PagerDuty REST API',
  hosts: [
    { host: 'api.pagerduty.com', region: 'us', note: 'REST API v2 (US service region)' },
    {
      host: 'events.pagerduty.com',
      region: 'us',
      note: 'Events API v2: routing key in the body, no Authorization',
    },
    { host: 'api.eu.pagerduty.com', region: 'eu', note: 'REST API v2 (EU service region)' },
    { host: 'events.eu.pagerduty.com', region: 'eu', note: 'Events API v2 (EU service region)' },
    { host: '*.pagerduty.com', note: 'account subdomains (web UI)' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Token',
      credential: 'a REST API key, written as `Token token=<API_KEY>`',
      status: 'preferred',
      note: 'The scheme word is Token and the value is token=<key>; send Accept: application/vnd.pagerduty+json;version=2.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an OAuth access token from a PagerDuty app (not an API key)',
      status: 'accepted',
    },
    {
      in: 'body',
      name: 'routing_key',
      credential: 'an integration (routing) key, for the Events API v2 only',
      status: 'accepted',
    },
  ],
  errors: [
    {
      id: 'pdpyras-401',
      situation: 'the REST API refused the API key (python client wording)',
      match: String.raw`Received 401 Unauthorized response from the API\. The access key \([^)\n]{1,40}\) might not be valid`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'PagerDuty did not accept the REST API key: it was deleted or regenerated, belongs to another account or service region (EU accounts use api.eu.pagerduty.com), or is an integration (routing) key, which only works in Events API bodies.',
      fix: [
        'Create a REST API key (Integrations → API Access Keys) in the account you call and send it as `Authorization: Token token=<API_KEY>`.',
      ],
      docs: [AUTH_DOC],
    },
    {
      id: 'go-client-401',
      situation: 'the REST API answered 401 (Go client wording)',
      match: 'HTTP response with status code 401 does not contain Content-Type: application/json',
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'The Go client reports PagerDuty’s 401 this way because the 401 body is not JSON; the cause is the credential: a wrong, deleted or read-only-for-this-call key, or one sent without the `Token token=` form.',
      fix: ['Check the key and send it as `Authorization: Token token=<API_KEY>`.'],
      docs: [AUTH_DOC],
    },
  ],
  docs: [
    { title: 'Authentication', url: AUTH_DOC },
    { title: 'API reference', url: API_REFERENCE },
  ],
  pitfalls: [
    'REST API keys use the scheme `Token token=<key>`, not Bearer (Bearer is for OAuth tokens).',
    'Read-only API keys get 403 on anything but GET.',
    'Integration (routing) keys are for the Events API body only; they do not authenticate the REST API.',
    'Accounts in the EU service region use api.eu.pagerduty.com and events.eu.pagerduty.com.',
  ],
  rotate: {
    url: 'https://developer.pagerduty.com/docs/authentication',
    steps: [
      "Account keys: Integrations › API Access Keys; user tokens: your profile's User Settings.",
      'Create a new key, update your integration, then delete the old key.',
    ],
  },
} satisfies ProviderPackInput;
