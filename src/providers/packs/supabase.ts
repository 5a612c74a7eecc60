import type { ProviderPackInput } from '../schema.js';

const API_KEYS_DOC = 'https://supabase.com/docs/guides/api/api-keys';
const JWT_DOC = 'https://supabase.com/docs/guides/auth/jwts';
const POSTGREST_ERRORS_DOC = 'https://docs.postgrest.org/en/latest/references/errors.html';
const NEW_KEYS_ISSUE = 'https://github.com/supabase/supabase-py/issues/1228';

export const supabase = {
  id: 'supabase',
  name: 'Supabase (PostgREST Data API, Auth, Storage)',
  hosts: [
    {
      host: '*.supabase.co',
      note: 'project APIs: https://<project-ref>.supabase.co/rest/v1, /auth/v1, /storage/v1, /functions/v1',
    },
    { host: 'api.supabase.com', basePath: '/v1', note: 'Management API (personal access tokens sbp_…)' },
  ],
  auth: [
    {
      in: 'header',
      name: 'apikey',
      credential:
        'the project API key: publishable (sb_publishable_…) or secret (sb_secret_…), or the legacy anon / service_role JWT',
      formats: ['supabase.publishable_key', 'supabase.secret_key'],
      status: 'preferred',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential:
        'a user access token (a JWT from Supabase Auth) to act as that user; legacy anon/service_role keys are JWTs too',
      status: 'accepted',
      note: 'With the new sb_… keys, send only the apikey header (or a user JWT as Bearer); an sb_ key is not a JWT.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a personal access token for the Management API (api.supabase.com)',
      formats: ['supabase.personal_access_token'],
      status: 'accepted',
    },
  ],
  // `apikey` is also Kong's and other gateways' header, so only the client library's own header identifies Supabase.
  headerNames: ['x-client-info'],
  credentialFormats: [
    {
      id: 'supabase.publishable_key',
      name: 'Supabase publishable key (client-safe, replaces anon)',
      pattern: 'sb_publishable_[A-Za-z0-9_-]{20,80}',
      prefix: 'sb_publishable_',
      tokenType: 'publishable_key',
    },
    {
      id: 'supabase.secret_key',
      name: 'Supabase secret key (server-only, replaces service_role)',
      pattern: 'sb_secret_[A-Za-z0-9_-]{20,80}',
      prefix: 'sb_secret_',
      tokenType: 'secret_key',
    },
    {
      id: 'supabase.personal_access_token',
      name: 'Supabase personal access token (Management API)',
      pattern: 'sbp_[a-f0-9]{40}',
      prefix: 'sbp_',
      tokenType: 'personal_token',
    },
  ],
  errors: [
    {
      id: 'no-api-key',
      situation: 'a request to the project API without the apikey header',
      match: String.raw`No API key found in request|No \x60apikey\x60 request header or url param was found`,
      status: [401],
      cause: 'missing_credentials',
      confidence: 0.9,
      explain:
        'Every request to the project’s API gateway needs the project key in the apikey header (or apikey query parameter), even when an Authorization header carries a user JWT. Generic PostgREST clients and hand-written fetch calls often send only Authorization.',
      fix: [
        'Add `apikey: <PUBLISHABLE_OR_ANON_KEY>` to the request (supabase-js adds it for you when created with createClient(url, key)).',
      ],
      docs: [API_KEYS_DOC],
    },
    {
      id: 'invalid-api-key',
      situation: 'an apikey the project does not accept',
      match: String.raw`"message"\s*:\s*"Invalid API key"\s*,\s*"hint"\s*:\s*"Double check your Supabase|Double check your Supabase \x60anon\x60 or \x60service_role\x60 API key`,
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'The apikey is not a key of this project: copied from another project or environment, cut short, or a legacy anon/service_role key after the legacy keys were disabled or the JWT secret was rotated.',
      fix: [
        'Copy the key again from Project Settings → API Keys of the project whose URL you call, and use it in both the apikey header and the client constructor.',
      ],
      docs: [API_KEYS_DOC],
    },
    {
      id: 'jwt-expired',
      situation: 'the user’s access token is past its exp',
      match: String.raw`"code"\s*:\s*"PGRST30[13]"[^}]{0,200}?JWT expired|JWT expired[^}\n]{0,200}?PGRST30[13]`,
      status: [401],
      cause: 'expired_token',
      confidence: 0.9,
      explain:
        'PostgREST rejected the JWT in Authorization because its exp has passed (Supabase access tokens last an hour by default). The client kept using a stored session without refreshing it, or the device clock is wrong.',
      fix: [
        'Refresh the session before calling (supabase-js does this with autoRefreshToken; on servers call auth.refreshSession() or get a new token), and retry with the new access token.',
      ],
      docs: [JWT_DOC, POSTGREST_ERRORS_DOC],
    },
    {
      id: 'jwt-issued-at-future',
      situation: 'the JWT’s iat lies in the future by the server’s clock',
      match: 'JWT issued at future',
      status: [401],
      cause: 'not_yet_valid_or_clock_skew',
      confidence: 0.85,
      explain:
        'PostgREST refuses tokens whose iat is in the future beyond a small allowed skew: the clock of whatever signed the token is ahead of the database API’s clock (for self-signed tokens, your server’s clock).',
      fix: [
        'Synchronise the clock of the system that signs tokens; for tokens from Supabase Auth itself, compare the token’s iat with the Date header of the API response and report a platform clock problem if they differ.',
      ],
      docs: [POSTGREST_ERRORS_DOC],
    },
    {
      id: 'jws-invalid-signature',
      situation: 'a JWT signed with another secret or key than the project verifies with',
      // Hasura prints the same library error after "Could not verify JWT: "; that one is the Hasura pack's.
      match: '(?<!Could not verify JWT: )JWSError JWSInvalidSignature',
      status: [401],
      cause: 'signature_or_key_mismatch',
      confidence: 0.85,
      explain:
        'PostgREST could not verify the JWT’s signature: the token was signed with another project’s secret, with a JWT secret that has since been rotated, or by your own code with a key other than the project’s (self-hosted: the JWT_SECRET of the API differs from the one Auth signs with).',
      fix: [
        'Use a token issued by this project’s Auth (or signed with its current JWT secret / signing key); after rotating the secret, sign users in again and update ANON_KEY/SERVICE_ROLE_KEY to keys generated from the new secret.',
      ],
      docs: [JWT_DOC, POSTGREST_ERRORS_DOC],
    },
    {
      id: 'not-a-jwt',
      situation: 'something other than a JWT in the Authorization header',
      match: String.raw`Expected 3 parts in JWT; got \d{1,2}`,
      status: [401],
      cause: 'wrong_token_type',
      confidence: 0.8,
      explain:
        'PostgREST tried to read the Bearer value as a JWT and it does not have the three dot-separated parts. The usual reason: a new-style key (sb_publishable_… or sb_secret_…) — which is not a JWT — sent as `Authorization: Bearer`; or a placeholder, empty or truncated token.',
      fix: [
        'Send sb_… keys only in the apikey header and put a user access token (JWT) in Authorization, or drop the Authorization header; upgrade client libraries that copy the key into Authorization.',
      ],
      docs: [API_KEYS_DOC, NEW_KEYS_ISSUE],
    },
  ],
  tokenLifetimes: [
    { token: 'Auth access token', seconds: 3600, text: '1 hour by default (JWT expiry setting)' },
  ],
  docs: [
    { title: 'API keys', url: API_KEYS_DOC },
    { title: 'JWTs', url: JWT_DOC },
    { title: 'PostgREST errors', url: POSTGREST_ERRORS_DOC },
  ],
  pitfalls: [
    'The publishable/anon key is for clients and respects Row Level Security; the secret/service_role key bypasses RLS and belongs only on servers.',
    'New sb_publishable_/sb_secret_ keys are not JWTs: put them in the apikey header, never as `Authorization: Bearer`.',
    'Every project API request needs the apikey header, even with a user JWT in Authorization.',
    'Keys belong to one project: a key from staging fails on production’s URL with “Invalid API key”.',
  ],
  rotate: {
    url: 'https://supabase.com/docs/guides/api/api-keys',
    steps: [
      'In the dashboard open Project Settings › API Keys.',
      'Create a new secret key (`sb_secret_…`), move your servers to it, then delete the leaked one.',
      "Legacy `service_role` and `anon` keys are JWTs signed with the project's JWT secret; replacing them means rotating that secret, which also signs every user out.",
    ],
  },
} satisfies ProviderPackInput;
