import type { ProviderPackInput } from '../schema.js';

const ACCESS_TOKEN_DOC = 'https://developer.spotify.com/documentation/web-api/concepts/access-token';
const AUTHORIZATION_DOC = 'https://developer.spotify.com/documentation/web-api/concepts/authorization';
const CHANGES_2024 = 'https://developer.spotify.com/blog/2024-11-27-changes-to-the-web-api';

export const spotify = {
  id: 'spotify',
  name: 'Spotify Web API',
  hosts: [
    { host: 'api.spotify.com', basePath: '/v1' },
    { host: 'accounts.spotify.com', note: 'authorisation and token endpoint (/api/token)' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an access token from the client-credentials or authorisation-code (PKCE) flow',
      status: 'preferred',
    },
    {
      in: 'basic',
      credential: 'client ID and client secret, only at accounts.spotify.com/api/token',
      basicShape: 'client_id:client_secret',
      status: 'accepted',
    },
  ],
  errors: [
    {
      id: 'access-token-expired',
      situation: 'an access token older than one hour',
      match: String.raw`"message"\s*:\s*"The access token expired"|api\.spotify\.com/v1/[^\s]{0,200}:?\s{0,3}The access token expired`,
      status: [401],
      cause: 'expired_token',
      confidence: 0.95,
      explain: 'Spotify access tokens live one hour; this one is past that.',
      fix: [
        'Get a new token: refresh it (authorisation-code flow) or request a new client-credentials token, which cannot be refreshed.',
      ],
      docs: [ACCESS_TOKEN_DOC],
    },
    {
      id: 'invalid-access-token',
      situation: 'a token Spotify does not recognise (mistyped, revoked, or not a Spotify token)',
      match: String.raw`"status"\s*:\s*401\s*,\s*"message"\s*:\s*"Invalid access token"`,
      status: [401],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'Spotify could not match the bearer value to a token: it is truncated or mistyped, was revoked, or is something else (client ID, client secret, authorisation code).',
      fix: [
        'Request a token at https://accounts.spotify.com/api/token and send its access_token: `curl -H "Authorization: Bearer <ACCESS_TOKEN>" https://api.spotify.com/v1/browse/new-releases`.',
      ],
      docs: [ACCESS_TOKEN_DOC],
    },
    {
      id: 'no-token-provided',
      situation: 'no Authorization header reached the Web API',
      match: String.raw`"message"\s*:\s*"No token provided"`,
      status: [401],
      cause: 'missing_credentials',
      confidence: 0.9,
      explain: 'The Web API got no access token with this request.',
      fix: ['Send the token as `Authorization: Bearer <ACCESS_TOKEN>` on every call.'],
      docs: [ACCESS_TOKEN_DOC],
    },
    {
      id: 'only-bearer-supported',
      situation: 'a malformed Authorization header (wrong scheme, or an empty / undefined token)',
      match: 'Only valid bearer authentication supported',
      status: [400],
      cause: 'wrong_header_format',
      confidence: 0.85,
      explain:
        'The Web API only takes `Authorization: Bearer <token>`. It answers 400 when the header uses another scheme (Basic with client credentials) or the token part is empty or not a token, for example when the token request failed and “undefined” was sent.',
      fix: [
        'Make sure the token request succeeded and send `Authorization: Bearer <ACCESS_TOKEN>`; client ID and secret belong only in the token request.',
      ],
      docs: [ACCESS_TOKEN_DOC],
    },
    {
      id: 'user-authentication-required',
      situation: 'a client-credentials (app) token used on an endpoint that needs a user',
      match: 'This request requires user authentication',
      status: [401],
      cause: 'wrong_token_type',
      confidence: 0.85,
      explain:
        'The endpoint acts on a user’s data (/me, playback, library), but the token came from the client-credentials flow and has no user.',
      fix: ['Get a user token with the authorisation-code (PKCE) flow and the scopes the endpoint lists.'],
      docs: [AUTHORIZATION_DOC],
    },
    {
      id: 'insufficient-client-scope',
      situation: 'a user token without the scope this endpoint needs',
      match: 'Insufficient client scope',
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        'The token was issued without a scope the endpoint requires (for example user-modify-playback-state).',
      fix: [
        'Request the missing scope in the authorisation URL, let the user consent again, and use the new token.',
      ],
      docs: [AUTHORIZATION_DOC],
    },
    {
      id: 'invalid-client',
      situation: 'wrong client ID or client secret at the token endpoint',
      match: String.raw`"error"\s*:\s*"invalid_client"\s*,\s*"error_description"\s*:\s*"Invalid client(?: secret)?"`,
      status: [400],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'accounts.spotify.com rejected the client credentials: the ID or secret is wrong, or the Basic header was built from something other than base64(client_id:client_secret).',
      fix: [
        'Copy both values from the app in the Spotify Developer Dashboard and send `-u <CLIENT_ID>:<CLIENT_SECRET>` to https://accounts.spotify.com/api/token.',
      ],
      docs: [ACCESS_TOKEN_DOC],
    },
    {
      id: 'refresh-token-revoked',
      situation: 'the refresh token was revoked (user removed the app, or it was superseded)',
      match: String.raw`"error_description"\s*:\s*"Refresh token revoked"|invalid_grant[:\s(]{1,3}Refresh token revoked`,
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'The refresh token no longer works: the user removed the app’s access or a newer grant replaced it.',
      fix: ['Send the user through the authorisation flow again and store the new refresh token.'],
      docs: [AUTHORIZATION_DOC],
    },
  ],
  tokenLifetimes: [{ token: 'access token', seconds: 3600, text: '1 hour' }],
  scopes: [
    { method: 'GET', path: '^/v1/me/player(?:/|$)', scopes: ['user-read-playback-state'] },
    { method: 'PUT', path: '^/v1/me/player(?:/|$)', scopes: ['user-modify-playback-state'] },
    {
      method: 'GET',
      path: '^/v1/me/player/currently-playing',
      scopes: ['user-read-currently-playing'],
    },
    { method: 'GET', path: '^/v1/me/playlists', scopes: ['playlist-read-private'] },
    { method: 'GET', path: '^/v1/me/tracks', scopes: ['user-library-read'] },
    { method: 'PUT', path: '^/v1/me/tracks', scopes: ['user-library-modify'] },
    { method: 'GET', path: '^/v1/me/top/', scopes: ['user-top-read'] },
    {
      method: 'POST',
      path: '^/v1/playlists/[^/]{1,64}/tracks',
      scopes: ['playlist-modify-public', 'playlist-modify-private'],
    },
  ],
  endpoints: [
    {
      path: '^/v1/(?:recommendations|audio-features|audio-analysis)(?:/|$)',
      host: 'api.spotify.com',
      status: 'removed',
      message:
        'Since 27 November 2024, apps in development mode and apps created after that date get 403 or 404 from recommendations, audio features and audio analysis.',
      cause: 'account_or_billing_state',
      fix: [
        'These endpoints have no replacement for new apps; only apps with extended quota access granted earlier keep them.',
      ],
      docs: [CHANGES_2024],
    },
    {
      path: '^/v1/(?:artists/[^/]{1,64}/related-artists|browse/featured-playlists|browse/categories/[^/]{1,64}/playlists)',
      host: 'api.spotify.com',
      status: 'removed',
      message:
        'Since 27 November 2024, related artists, featured playlists and category playlists are unavailable to new and development-mode apps.',
      cause: 'account_or_billing_state',
      fix: ['Drop these calls, or use an app that had extended quota access before the change.'],
      docs: [CHANGES_2024],
    },
  ],
  docs: [
    { title: 'Access token', url: ACCESS_TOKEN_DOC },
    { title: 'Authorization (flows and scopes)', url: AUTHORIZATION_DOC },
    { title: 'Changes to the Web API (27 November 2024)', url: CHANGES_2024 },
  ],
  pitfalls: [
    'Client-credentials tokens cannot call /me or other user endpoints and cannot be refreshed — request a new one.',
    'Only the authorisation-code flows (with or without PKCE) return refresh tokens.',
    'Access tokens expire after one hour; long-running jobs must refresh.',
  ],
  rotate: {
    url: 'https://developer.spotify.com/dashboard',
    steps: [
      'Open your app in the Developer Dashboard › Settings.',
      'Rotate (reset) the client secret, then update your app; tokens are requested with the new secret from then on.',
    ],
  },
} satisfies ProviderPackInput;
