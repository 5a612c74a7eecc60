import type { ProviderPackInput } from '../schema.js';

const REST_AUTH_DOC = 'https://vercel.com/docs/rest-api#authentication';
const ACCESS_TOKEN_GUIDE = 'https://vercel.com/kb/guide/how-do-i-use-a-vercel-api-access-token';

export const vercel = {
  id: 'vercel',
  name: 'Vercel REST API',
  hosts: [{ host: 'api.vercel.com' }],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an access token from Account Settings → Tokens (scoped to a personal account or a team)',
      status: 'preferred',
      note: 'Team resources also need ?teamId=<team id> (or slug) on the request.',
    },
  ],
  errors: [
    {
      id: 'missing-scope-access',
      situation: 'the token has no access to the team (scope) the request addresses',
      match: String.raw`Authorization is missing access to scope "?[^"\s.]{1,100}"?\.? You must re-authenticate to this scope or use a token with access to this scope`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.9,
      explain:
        'Vercel tokens are created for a scope: the personal account or specific teams. This request works on a scope (a team) the token was not created for, or it lacks teamId so Vercel used another scope than the one the project lives in.',
      fix: [
        'Create a token whose scope includes the team (Account Settings → Tokens → Scope), and add `?teamId=<TEAM_ID>` to team requests.',
      ],
      docs: [ACCESS_TOKEN_GUIDE, REST_AUTH_DOC],
    },
  ],
  docs: [
    { title: 'REST API authentication', url: REST_AUTH_DOC },
    { title: 'Using a Vercel access token', url: ACCESS_TOKEN_GUIDE },
  ],
  pitfalls: [
    'Requests for team projects need teamId (or the team slug) and a token whose scope includes that team; otherwise Vercel answers 403 “Not authorized”.',
    'Tokens can expire: an expiration is chosen when the token is created.',
  ],
  rotate: {
    url: 'https://vercel.com/account/tokens',
    steps: [
      'Open Account Settings › Tokens.',
      'Delete the token, then create a new one scoped to the right team, with an expiration.',
      'Update it in CI (`VERCEL_TOKEN`) and anywhere else it is stored.',
    ],
  },
} satisfies ProviderPackInput;
