import type { ProviderPackInput } from '../schema.js';

export const github = {
  id: 'github',
  name: 'GitHub REST API',
  hosts: [
    { host: 'api.github.com' },
    { host: 'uploads.github.com' },
    { host: 'github.com', note: 'web and OAuth endpoints; the REST API lives on api.github.com' },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a personal access token, OAuth or GitHub App token',
      formats: [
        'github.classic_pat',
        'github.fine_grained_pat',
        'github.oauth_token',
        'github.user_token',
        'github.installation_token',
      ],
      status: 'preferred',
    },
    {
      in: 'header',
      scheme: 'token',
      credential: 'a personal access token or OAuth token (legacy spelling; not for GitHub App JWTs)',
      status: 'accepted',
    },
    {
      in: 'basic',
      credential: 'CLIENT_ID:CLIENT_SECRET, only for /applications/{client_id}/… endpoints',
      basicShape: 'client_id:client_secret',
      status: 'accepted',
    },
  ],
  headerNames: ['x-github-api-version'],
  errors: [
    {
      id: 'requires-authentication',
      situation: 'no token on an endpoint that requires authentication',
      match: 'Requires authentication',
      status: [401],
      cause: 'missing_credentials',
      explain: 'GitHub received no usable credential on this request.',
      fix: ['Send the token as `Authorization: Bearer <YOUR_TOKEN>`.'],
    },
    {
      id: 'bad-credentials',
      situation: 'an invalid, revoked, expired or mistyped token',
      match: 'Bad credentials',
      status: [401],
      cause: 'invalid_credentials',
      explain:
        'GitHub read the token but does not accept it: it is mistyped, revoked, expired, or was deleted when it leaked.',
      fix: [
        'Check the token at https://github.com/settings/tokens (expired tokens are listed there).',
        'Generate a new token and replace the old one everywhere it is configured.',
      ],
    },
    {
      id: 'jwt-not-decoded',
      situation: 'a GitHub App JWT that GitHub cannot read (wrong iss, algorithm, or claims)',
      match: 'A JSON web token could not be decoded',
      status: [401],
      cause: 'wrong_audience_or_issuer',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'GitHub could not accept the App JWT. Most often its `iss` is not the App ID (or Client ID) of the app whose private key signed it; an algorithm other than RS256 or a lifetime over 10 minutes gives the same answer.',
      fix: [
        "Set `iss` to the GitHub App ID (or its Client ID), sign with RS256 using that app's private key, `iat` 60 s in the past, `exp` at most 10 minutes later.",
      ],
    },
  ],
  tokenLifetimes: [
    { token: 'GitHub App installation access token (ghs_)', seconds: 3600, text: '1 hour, not configurable' },
    { token: 'GitHub App JWT', seconds: 600, text: 'at most 10 minutes; set iat ~60 s in the past' },
  ],
  docs: [
    {
      title: 'Authenticating to the REST API',
      url: 'https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api',
    },
  ],
} satisfies ProviderPackInput;
