import rule from '../../../src/rules/github-app-jwt-claims.js';
import { at, fakeJwt } from '../../support/jwt-fakes.js';
import { defineCases } from '../../support/rule-cases.js';

// The cases' clock is 2026-01-15T12:00:00Z.
const iat = at('2026-01-15T11:59:00Z');
const exp = at('2026-01-15T12:08:00Z');
const url = 'https://api.github.com/app/installations/5551234/access_tokens';
const send = (jwt: string) =>
  `curl -X POST -H "Authorization: Bearer ${jwt}" -H "Accept: application/vnd.github+json" ${url}`;

export default defineCases({
  rule,
  invalid: [
    {
      name: 'an hour-long App JWT',
      paste: `${send(fakeJwt({ iss: '873211', iat, exp: at('2026-01-15T12:59:00Z') }))}\n{"message":"'Expiration time' claim ('exp') is too far in the future","status":"401"}`,
      expect: {
        cause: 'not_yet_valid_or_clock_skew',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['valid for 1 h', 'more than 10 min ahead'],
        fix: ['iat: now - 60, exp: now + 540'],
      },
    },
    {
      name: 'an App JWT signed with HS256',
      paste: send(fakeJwt({ iss: '873211', iat, exp }, { alg: 'HS256' })),
      expect: { cause: 'signature_or_key_mismatch', severity: 'error', detail: ['`HS256`', 'RS256'] },
    },
    {
      name: 'the app name as iss',
      paste: `${send(fakeJwt({ iss: 'my-deploy-bot', iat, exp }))}\n{"message":"A JSON web token could not be decoded","status":"401"}`,
      expect: {
        cause: 'wrong_audience_or_issuer',
        severity: 'warning',
        detail: ['`iss` `my-deploy-bot`', 'App ID'],
      },
    },
    {
      name: 'no iss at all',
      paste: send(fakeJwt({ iat, exp })),
      expect: { cause: 'wrong_audience_or_issuer', severity: 'error', detail: ['no `iss` claim'] },
    },
  ],
  valid: [
    { name: 'a correct App JWT with the App ID', paste: send(fakeJwt({ iss: '873211', iat, exp })) },
    {
      name: 'a correct App JWT with the Client ID',
      paste: send(fakeJwt({ iss: 'Iv23liAbCdEfGh123456', iat, exp })),
    },
    { name: 'a numeric iss', paste: send(fakeJwt({ iss: 873211, iat, exp })) },
    {
      name: 'an hour-long JWT sent to another API',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ iss: 'x', iat, exp: at('2026-01-15T12:59:00Z') }, { alg: 'HS256' })}" https://api.example.com/v1/me`,
    },
  ],
});
