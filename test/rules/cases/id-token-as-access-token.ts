import rule from '../../../src/rules/id-token-as-access-token.js';
import { at, fakeJwt } from '../../support/jwt-fakes.js';
import { defineCases } from '../../support/rule-cases.js';

const oktaId = fakeJwt({
  iss: 'https://acme-books.okta.com/oauth2/default',
  aud: '0oa8f3k2m1XyZ7abc4x7',
  sub: '00u1a2b3c4',
  nonce: 'n-0S6_WzA2Mj',
  at_hash: 'MTIzNDU2Nzg5MGFiY2RlZg',
  auth_time: at('2026-01-15T11:00:00Z'),
  exp: at('2026-01-15T13:00:00Z'),
});
const cognitoId = fakeJwt({
  iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab12Cd34E',
  aud: '5k2j3h4g5f6d7s8a9q0w1e2r3t',
  token_use: 'id',
  email: 'dev@example.com',
});
const keycloakAccess = fakeJwt({
  iss: 'https://sso.example.org/realms/main',
  typ: 'Bearer',
  azp: 'web',
  nonce: 'abc',
  scope: 'openid',
});
const googleId = fakeJwt({
  iss: 'https://accounts.google.com',
  aud: 'https://report-svc-abc123-ew.a.run.app',
  nonce: 'x',
  email: 'svc@p.iam.gserviceaccount.com',
});
const firebaseId = fakeJwt({
  iss: 'https://securetoken.google.com/my-app-123',
  aud: 'my-app-123',
  auth_time: 1,
  nonce: 'n',
});
const unmarked = fakeJwt({ iss: 'https://login.example.com/', aud: 'spa', sub: 'u1' });

export default defineCases({
  rule,
  invalid: [
    {
      name: 'an Okta ID token sent to your API, which answers with an audience error',
      paste: `curl -H "Authorization: Bearer ${oktaId}" https://api.acme-books.com/v1/loans\n{"error":"invalid_token","error_description":"Invalid audience"}`,
      expect: {
        cause: 'wrong_token_type',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['ID token', '`nonce`', '`at_hash`', '`0oa8f3k2m1XyZ7abc4x7`'],
        fix: ['access token', '<ACCESS_TOKEN>', 'https://api.acme-books.com/v1/loans'],
      },
    },
    {
      name: 'an ID token with no server answer is a warning',
      paste: `curl -H "Authorization: Bearer ${oktaId}" https://api.acme-books.com/v1/loans`,
      expect: { severity: 'warning', minConfidence: 0.6 },
    },
    {
      name: 'a Cognito ID token carries the authorizer caveat',
      paste: `curl -H "Authorization: ${cognitoId}" https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/items`,
      expect: {
        severity: 'warning',
        detail: ['`token_use: id`', 'Cognito authorizer *without* OAuth scopes'],
      },
    },
    {
      name: 'a token kept under an idToken name and sent as the bearer',
      paste: `const idToken = "${unmarked}";\nfetch("https://api.example.com/orders", { headers: { Authorization: \`Bearer \${idToken}\` } });`,
      expect: { severity: 'warning', detail: ['`id_token`/`idToken` name'] },
    },
    {
      name: 'a shell variable named ID_TOKEN as the bearer',
      paste: `ID_TOKEN=${unmarked}\ncurl -H "Authorization: Bearer $ID_TOKEN" https://api.example.com/orders`,
      expect: { severity: 'warning', detail: ['`id_token`/`idToken` name'] },
    },
  ],
  valid: [
    {
      name: 'a Keycloak access token (typ Bearer) even with a nonce',
      paste: `curl -H "Authorization: Bearer ${keycloakAccess}" https://api.example.org/v1/x`,
    },
    {
      name: 'a Google ID token for Cloud Run',
      paste: `curl -H "Authorization: Bearer ${googleId}" https://report-svc-abc123-ew.a.run.app/run`,
    },
    {
      name: 'a Firebase ID token to its backend',
      paste: `curl -H "Authorization: Bearer ${firebaseId}" https://api.my-app.com/me`,
    },
    {
      name: 'an ID token posted to a sign-in endpoint',
      paste: `curl -X POST https://api.example.com/auth/google -d id_token=${oktaId}`,
    },
    { name: 'an ID token only pasted', paste: `id_token: ${oktaId}` },
    {
      name: 'an unmarked token',
      paste: `curl -H "Authorization: Bearer ${unmarked}" https://api.example.com/orders`,
    },
  ],
});
