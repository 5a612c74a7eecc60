import type { ProviderPackInput } from '../schema.js';

const JWT_DOC = 'https://hasura.io/docs/latest/auth/authentication/jwt/';
const ADMIN_SECRET_DOC = 'https://hasura.io/docs/latest/deployment/securing-graphql-endpoint/';
const ROLES_DOC = 'https://hasura.io/docs/latest/auth/authorization/permissions/';

export const hasura = {
  id: 'hasura',
  name: 'Hasura GraphQL Engine',
  hosts: [{ host: '*.hasura.app', note: 'Hasura Cloud projects (<project>.hasura.app/v1/graphql)' }],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a JWT from your auth server, verified with HASURA_GRAPHQL_JWT_SECRET',
      status: 'preferred',
      note: 'The JWT must carry x-hasura-default-role and x-hasura-allowed-roles in the claims namespace (https://hasura.io/jwt/claims by default).',
    },
    {
      in: 'header',
      name: 'x-hasura-admin-secret',
      credential: 'the admin secret (HASURA_GRAPHQL_ADMIN_SECRET); bypasses permissions — server-side only',
      status: 'accepted',
    },
  ],
  headerNames: ['x-hasura-admin-secret', 'x-hasura-role', 'x-hasura-access-key'],
  errors: [
    {
      id: 'jwt-invalid-signature',
      situation: 'the JWT was signed with another key than Hasura verifies with',
      match: 'Could not verify JWT: JWSError JWSInvalidSignature',
      cause: 'signature_or_key_mismatch',
      confidence: 0.9,
      explain:
        'Hasura checked the token signature against HASURA_GRAPHQL_JWT_SECRET and it did not match: the auth server signs with a different secret or key (two environment variables that should hold the same value, a secret with unescaped characters, a rotated key), the algorithm/type in the JWT secret differs from the token’s, or a jwk_url that serves other keys than the issuer uses. Decoding the token on jwt.io does not check this.',
      fix: [
        'Give Hasura exactly the key the issuer signs with: HASURA_GRAPHQL_JWT_SECRET=\'{"type":"HS256","key":"<same secret>"}\' for shared secrets, or {"jwk_url": "<issuer JWKS URL>"} for RS256/ES256 issuers (Auth0, Firebase, Cognito, Keycloak).',
      ],
      docs: [JWT_DOC],
    },
    {
      id: 'jwt-expired',
      situation: 'the JWT is past its exp',
      match: 'Could not verify JWT: JWTExpired',
      cause: 'expired_token',
      confidence: 0.9,
      explain:
        'The token’s exp is in the past by Hasura’s clock. Clients must refresh the token before it expires (many auth providers issue 5 to 60 minute tokens); if the token is brand new, Hasura’s host clock is wrong.',
      fix: [
        'Refresh the token before exp (or retry once with a fresh token on this error); check the server clock if fresh tokens fail.',
      ],
      docs: [JWT_DOC],
    },
    {
      id: 'jwt-not-yet-valid',
      situation: 'the JWT is not valid yet (nbf or iat in the future by Hasura’s clock)',
      match: 'Could not verify JWT: JWT(?:NotYetValid|IssuedAtFuture)',
      cause: 'not_yet_valid_or_clock_skew',
      confidence: 0.85,
      explain:
        'The token’s nbf or iat lies in the future by the clock of the Hasura host: the issuer’s and Hasura’s clocks disagree.',
      fix: [
        'Synchronise both clocks with NTP; set allowed_skew in the JWT config to tolerate small differences.',
      ],
      docs: [JWT_DOC],
    },
    {
      id: 'jwt-wrong-audience-or-issuer',
      situation: 'the JWT’s aud or iss does not match the JWT config',
      match: 'Could not verify JWT: JWTNotIn(?:Audience|Issuer)',
      cause: 'wrong_audience_or_issuer',
      confidence: 0.9,
      explain:
        'HASURA_GRAPHQL_JWT_SECRET sets audience or issuer, and the token carries another aud or iss (a token issued for another API, tenant or environment).',
      fix: [
        'Request the token for the audience Hasura expects, or set audience/issuer in the JWT config to the values your issuer really uses.',
      ],
      docs: [JWT_DOC],
    },
    {
      id: 'invalid-admin-secret',
      situation: 'the x-hasura-admin-secret header does not match HASURA_GRAPHQL_ADMIN_SECRET',
      match: 'invalid x-hasura-admin-secret/x-hasura-access-key',
      cause: 'invalid_credentials',
      confidence: 0.9,
      explain:
        'A secret was sent but it is not the server’s admin secret: another environment’s value, a variable that was not expanded, or special characters mangled by the shell or a .env file.',
      fix: [
        'Send the exact value of HASURA_GRAPHQL_ADMIN_SECRET in `x-hasura-admin-secret` (quote it in the shell), or use the CLI config.yaml admin_secret.',
      ],
      docs: [ADMIN_SECRET_DOC],
    },
    {
      id: 'admin-secret-required',
      situation: 'no admin secret and no JWT on a secured endpoint',
      match:
        "x-hasura-admin-secret/x-hasura-access-key required, but not found|Missing '?Authorization'? (?:or 'Cookie' )?header in JWT authentication mode",
      cause: 'missing_credentials',
      confidence: 0.85,
      explain:
        'The endpoint is secured and the request carried neither the admin secret nor a JWT (or the JWT is in a header or cookie the JWT config does not read). GraphQL clients often drop headers on websocket subscriptions, which need them in connectionParams.',
      fix: [
        'Send `Authorization: Bearer <JWT>` from clients, or `x-hasura-admin-secret` from trusted servers; for subscriptions pass the headers in the websocket connectionParams.',
      ],
      docs: [JWT_DOC, ADMIN_SECRET_DOC],
    },
    {
      id: 'role-not-allowed',
      situation: 'x-hasura-role names a role that is not in the token’s allowed roles',
      match: 'Your requested role is not in allowed roles',
      cause: 'insufficient_scope_or_permissions',
      confidence: 0.85,
      explain:
        'The request asks for a role (x-hasura-role header) that the JWT’s x-hasura-allowed-roles does not list, so Hasura refuses it.',
      fix: [
        'Add the role to x-hasura-allowed-roles when the token is issued (the user must log in again or refresh), or stop sending x-hasura-role so the default role applies.',
      ],
      docs: [JWT_DOC, ROLES_DOC],
    },
  ],
  requiresHttps: false,
  docs: [
    { title: 'Authentication using JWTs', url: JWT_DOC },
    { title: 'Securing the GraphQL endpoint (admin secret)', url: ADMIN_SECRET_DOC },
    { title: 'Permissions and roles', url: ROLES_DOC },
  ],
  pitfalls: [
    'HASURA_GRAPHQL_JWT_SECRET must hold the very key the auth server signs with; a token that decodes fine on jwt.io can still fail with JWSInvalidSignature.',
    'The Hasura claims (x-hasura-default-role, x-hasura-allowed-roles) must sit in the claims namespace the JWT config expects.',
    'The admin secret bypasses all permissions: never ship it to browsers or apps.',
  ],
} satisfies ProviderPackInput;
