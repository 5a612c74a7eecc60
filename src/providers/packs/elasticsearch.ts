import type { ProviderPackInput } from '../schema.js';

const AUTH_DOC = 'https://www.elastic.co/docs/api/doc/elasticsearch/authentication';
const API_KEY_DOC =
  'https://www.elastic.co/guide/en/elasticsearch/reference/current/security-api-create-api-key.html';

export const elasticsearch = {
  id: 'elasticsearch',
  name: 'Elasticsearch (security enabled)',
  // Self-hosted clusters (usually :9200) have no fixed host; Elastic Cloud deployments do.
  hosts: [
    { host: '*.cloud.es.io', note: 'Elastic Cloud deployment endpoints' },
    { host: '*.found.io', note: 'Elastic Cloud deployment endpoints (older domain)' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'ApiKey',
      credential: 'the `encoded` value returned by POST /_security/api_key, i.e. base64("<id>:<api_key>")',
      status: 'preferred',
    },
    {
      in: 'basic',
      credential: 'a native or file realm user and password (for example elastic)',
      basicShape: 'username:password',
      status: 'accepted',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a token-service access token or a service account token',
      status: 'accepted',
    },
    {
      in: 'header',
      scheme: 'ApiKey',
      credential: 'the raw api_key field alone (not base64 of id:api_key)',
      status: 'rejected',
      note: 'the ApiKey scheme needs both the id and the key, base64-encoded together',
    },
  ],
  headerNames: ['x-elastic-client-meta', 'es-security-runas-user'],
  errors: [
    {
      id: 'missing-authentication-credentials',
      situation: 'no credentials on a cluster with security enabled',
      match: 'missing authentication (?:credentials|token) for REST request',
      status: [401],
      cause: 'missing_credentials',
      confidence: 0.9,
      explain:
        'Elasticsearch received no credential at all. Elasticsearch 8 enables security by default, so clients that worked unauthenticated on 7.x get this after an upgrade; a typo in a client option (username vs user) also silently sends nothing.',
      fix: [
        'Send an API key (`curl -H "Authorization: ApiKey <ENCODED_API_KEY>" https://<host>:9200/`) or Basic credentials (`curl -u elastic:<PASSWORD> https://<host>:9200/`).',
      ],
      docs: [AUTH_DOC],
    },
    {
      id: 'unable-to-authenticate-user',
      situation: 'wrong password, or a user that does not exist in any realm',
      match: String.raw`unable to authenticate user \[`,
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'The Basic credentials were checked and rejected: the password is wrong or the user does not exist in the configured realms.',
      fix: [
        'Check the username and password (reset the elastic password with `bin/elasticsearch-reset-password -u elastic` if needed), or switch to an API key.',
      ],
      docs: [AUTH_DOC],
    },
    {
      id: 'api-key-expired',
      situation: 'an API key past its expiration',
      match: 'API key: api key (?:is|has) expired',
      status: [401],
      cause: 'expired_token',
      confidence: 0.9,
      explain: 'The API key was created with an expiration that has passed.',
      fix: [
        'Create a new API key (POST /_security/api_key, with a longer or no expiration) and send its `encoded` value.',
      ],
      docs: [API_KEY_DOC],
    },
    {
      id: 'api-key-not-found',
      situation: 'an API key id the cluster does not know (deleted, another cluster, or wrongly encoded)',
      match: 'API key: unable to find apikey with id',
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'The cluster has no API key with the id it decoded: the key was deleted or belongs to another cluster, or the header holds something other than base64("<id>:<api_key>").',
      fix: [
        'Send the `encoded` field of the create-API-key response unchanged, to the cluster that created the key.',
      ],
      docs: [API_KEY_DOC],
    },
    {
      id: 'api-key-invalidated',
      situation: 'an API key that was invalidated',
      match: 'API key: api key has been invalidated',
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.9,
      explain: 'The API key was invalidated and can no longer authenticate.',
      fix: ['Create a new API key and replace the old one everywhere it is configured.'],
      docs: [API_KEY_DOC],
    },
    {
      id: 'credentials-rejected-no-anonymous',
      situation: 'the credentials sent were rejected (wrong, expired or malformed API key or token)',
      match: 'unable to authenticate with provided credentials and anonymous access is not allowed',
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'A credential was sent but no realm accepted it. The additional_unsuccessful_credentials field says which: an API key that was not found (deleted, from another cluster, or not the base64 `encoded` value), an expired key, or a bad bearer token.',
      fix: [
        'Read additional_unsuccessful_credentials in the response; for API keys send the `encoded` value from the create response: `-H "Authorization: ApiKey <ENCODED_API_KEY>"`.',
      ],
      docs: [AUTH_DOC, API_KEY_DOC],
    },
    {
      id: 'action-unauthorized',
      situation: 'authenticated, but the user or API key lacks the privilege for this action',
      match: String.raw`action \[[^\]]{1,200}\] is unauthorized for (?:user|API key)`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.9,
      explain:
        'Authentication worked; the roles of the user (or the role descriptors of the API key) do not grant the named action on these indices. The message lists the privileges that would.',
      fix: [
        'Grant one of the privileges the message names to a role of the user, or create an API key whose role descriptors include it.',
      ],
      docs: [AUTH_DOC],
    },
    {
      id: 'plaintext-on-https',
      situation: 'plain http sent to a cluster that listens with TLS',
      match: 'received plaintext http traffic on an https channel',
      cause: 'wrong_url_or_endpoint',
      confidence: 0.9,
      explain:
        'The client spoke http:// to a port that expects TLS (the default since Elasticsearch 8), so the request never got to authentication.',
      fix: [
        'Use https:// and trust the cluster’s CA (`curl --cacert http_ca.crt -u elastic:<PASSWORD> https://<host>:9200/`).',
      ],
      docs: [AUTH_DOC],
    },
  ],
  tokenLifetimes: [
    { token: 'API key', text: 'never expires unless an expiration was set at creation' },
    { token: 'token-service access token', seconds: 1200, text: '20 minutes by default' },
  ],
  requiresHttps: false,
  docs: [
    { title: 'Elasticsearch API authentication', url: AUTH_DOC },
    { title: 'Create API key API', url: API_KEY_DOC },
  ],
  pitfalls: [
    'Elasticsearch 8 enables security (and TLS) by default; clients that worked unauthenticated on 7.x get 401 after upgrading.',
    'The ApiKey header needs the base64 `encoded` value (id:api_key), not the raw api_key alone.',
    'Client configuration typos (for example “username” vs “user”) silently send no credentials and produce “missing authentication credentials”.',
    'Amazon OpenSearch Service and AWS-hosted domains use SigV4 or their own users, not Elasticsearch API keys.',
  ],
  rotate: {
    url: 'https://www.elastic.co/guide/en/elasticsearch/reference/current/security-api-invalidate-api-key.html',
    steps: [
      'Invalidate the API key: in Kibana, Stack Management › API keys › Delete, or `DELETE /_security/api_key` with its id in `ids`.',
      'Create a new key with `POST /_security/api_key` and only the privileges it needs, then update your clients.',
      'For a leaked password, change it with `POST /_security/user/USERNAME/_password`.',
    ],
  },
} satisfies ProviderPackInput;
