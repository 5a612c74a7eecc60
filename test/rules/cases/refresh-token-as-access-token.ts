import rule from '../../../src/rules/refresh-token-as-access-token.js';
import { ALNUM, checksummedToken, generator } from '../../support/credential-fakes.js';
import { fakeJwt } from '../../support/jwt-fakes.js';
import { defineCases } from '../../support/rule-cases.js';

// A generator of this file's own, so its fakes do not depend on which files loaded before it.
const random = generator(104);

const ghr = checksummedToken('ghr_', random(ALNUM, 30));
const slackRefresh = `xoxe-1-${random(ALNUM, 140)}`;
const keycloakRefresh = fakeJwt(
  { iss: 'https://sso.example.org/realms/shop', typ: 'Refresh', azp: 'web' },
  { alg: 'HS256' },
);
const simplejwtRefresh = fakeJwt({ token_type: 'refresh', user_id: 4, jti: 'a1' }, { alg: 'HS256' });
const plain = fakeJwt({ sub: 'u', scope: 'read' });

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a GitHub refresh token as the bearer',
      paste: `curl -H "Authorization: Bearer ${ghr}" https://api.github.com/user`,
      expect: {
        cause: 'wrong_token_type',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['GitHub App refresh token', 'api.github.com'],
        fix: ['https://github.com/login/oauth/access_token', '<ACCESS_TOKEN>'],
      },
    },
    {
      name: 'a Slack refresh token in the token form field',
      paste: `curl -X POST https://slack.com/api/chat.postMessage -d token=${slackRefresh} -d channel=C0123 -d text=hi`,
      expect: { severity: 'error', evidence: 'request.body.token', fix: ['oauth.v2.access'] },
    },
    {
      name: 'a Keycloak refresh token',
      paste: `curl -H "Authorization: Bearer ${keycloakRefresh}" https://api.example.org/orders`,
      expect: { detail: ['`typ` claim is `Refresh`'], fix: ['https://sso.example.org/realms/shop'] },
    },
    {
      name: 'a simplejwt refresh token',
      paste: `http GET http://127.0.0.1:8000/api/profile/ "Authorization: Bearer ${simplejwtRefresh}"`,
      expect: { detail: ['`token_type` claim is `refresh`'] },
    },
    {
      name: 'a value named refresh_token sent as the bearer',
      paste: `REFRESH_TOKEN=${random(ALNUM, 48)}\ncurl -H "Authorization: Bearer $REFRESH_TOKEN" https://api.example.com/v1/me`,
      expect: { severity: 'warning', detail: ['`refresh_token` name'] },
    },
  ],
  valid: [
    {
      name: 'a refresh token sent to the token endpoint',
      paste: `curl -X POST https://sso.example.org/realms/shop/protocol/openid-connect/token -d grant_type=refresh_token -d refresh_token=${keycloakRefresh} -d client_id=web`,
    },
    {
      name: 'a refresh token in a refresh endpoint header',
      paste: `curl -X POST -H "Authorization: Bearer ${simplejwtRefresh}" http://127.0.0.1:8000/api/token/refresh/`,
    },
    {
      name: 'an access token',
      paste: `curl -H "Authorization: Bearer ${plain}" https://api.example.org/orders`,
    },
    { name: 'a refresh token only pasted', paste: `GITHUB_REFRESH_TOKEN=${ghr}` },
  ],
});
