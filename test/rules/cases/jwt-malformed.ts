import rule from '../../../src/rules/jwt-malformed.js';
import { B64URL, b64url, generator } from '../../support/credential-fakes.js';
import { fakeJwt } from '../../support/jwt-fakes.js';
import { defineCases } from '../../support/rule-cases.js';

// A generator of this file's own, so its fakes do not depend on which files loaded before it.
const random = generator(102);

const whole = fakeJwt({ sub: 'user-7', scope: 'read' }, { alg: 'HS256' });
const [head = '', body = '', signature = ''] = whole.split('.');
const shortSignature = `${head}.${body}.${signature.slice(0, 20)}`;
const noSignature = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ sub: 'user-7', exp: 1893456000 })}`;
const padded = `${head}.${Buffer.from(JSON.stringify({ sub: 'u-1', n: 12 })).toString('base64')}.${signature}`;
const glued = `${whole}.${whole.slice(0, 30)}`;
const auth0Jwe = `${b64url({ alg: 'dir', enc: 'A256GCM', iss: 'https://dev-k3x9q.us.auth0.com/' })}..UzRrZXlpdnZhbHVl.${'Q2lwaGVy'.repeat(8)}.dGFnMTIzNDU2Nzg5MDEy`;
const otherJwe = `${b64url({ alg: 'RSA-OAEP-256', enc: 'A128CBC-HS256', kid: 'k1' })}.${random(B64URL, 342)}.aXZpdml2aXZpdml2aXZp.${'Y2lwaGVy'.repeat(6)}.dGFndGFndGFndGFn`;
const notJson = `${head}.${b64url('just some text, not json')}.${signature}`;

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a signature cut to 20 characters',
      paste: `curl -H "Authorization: Bearer ${shortSignature}" https://api.example.com/v1/me`,
      expect: {
        cause: 'invalid_credentials',
        severity: 'warning',
        evidence: 'request.headers.authorization',
        detail: ['20-character signature', 'HS256 signatures are 43'],
        fix: ['Copy the complete token', 'tr -cd .'],
      },
    },
    {
      name: 'the signature part is missing',
      paste: `curl -H "Authorization: Bearer ${noSignature}" https://api.example.com/v1/me`,
      expect: { detail: ['two parts', 'signature'] },
    },
    {
      name: 'standard base64 with padding',
      paste: `curl -H "Authorization: Bearer ${padded}" https://api.example.com/v1/me`,
      expect: { cause: 'wrong_header_format', detail: ['`=` padding'], fix: ['base64url'] },
    },
    {
      name: 'something glued after the token',
      paste: `curl -H "Authorization: Bearer ${glued}" https://api.example.com/v1/me`,
      expect: { severity: 'error', detail: ['parts', 'exactly 3'] },
    },
    {
      name: 'an Auth0 token requested without an audience',
      paste: `fetch("https://api.acme-widgets.com/v1/widgets", { headers: { Authorization: "Bearer ${auth0Jwe}" } })`,
      expect: {
        cause: 'wrong_audience_or_issuer',
        severity: 'error',
        detail: ['encrypted', 'no `audience`'],
        fix: ['audience'],
      },
    },
    {
      name: 'another JWE',
      paste: `curl -H "Authorization: Bearer ${otherJwe}" https://api.example.com/v1/me`,
      expect: { cause: 'wrong_token_type', severity: 'warning', detail: ['five-part encrypted token'] },
    },
    {
      name: 'claims that are not JSON',
      paste: `curl -H "Authorization: Bearer ${notJson}" https://api.example.com/v1/me`,
      expect: { cause: 'invalid_credentials', detail: ['do not decode to a JSON object'] },
    },
  ],
  valid: [
    {
      name: 'a whole token',
      paste: `curl -H "Authorization: Bearer ${whole}" https://api.example.com/v1/me`,
    },
    {
      name: 'an unsigned alg:none token (another rule)',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ sub: 'u' }, { alg: 'none' })}" https://api.example.com/v1/me`,
    },
    {
      name: 'a token masked in the paste',
      paste: 'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.xxxxx.xxxxx" https://api.example.com/v1/me',
    },
    {
      name: 'an RSA-3072 signature is longer, not broken',
      paste: `Bearer ${fakeJwt({ sub: 'u' }, { alg: 'RS256' }, 'A'.repeat(512))}`,
    },
  ],
});
