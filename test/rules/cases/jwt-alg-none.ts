import rule from '../../../src/rules/jwt-alg-none.js';
import { fakeJwt } from '../../support/jwt-fakes.js';
import { defineCases } from '../../support/rule-cases.js';

const unsigned = fakeJwt({ sub: 'admin', role: 'admin' }, { alg: 'none' });
const unsignedUpper = fakeJwt({ sub: 'u' }, { alg: 'NONE' });

export default defineCases({
  rule,
  invalid: [
    {
      name: 'an unsigned token sent with curl',
      paste: `curl -H "Authorization: Bearer ${unsigned}" https://api.example.dev/admin/users\nHTTP/1.1 401 Unauthorized`,
      expect: {
        cause: 'signature_or_key_mismatch',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['"alg": "none"', 'no signature'],
        fix: ["algorithm: 'RS256'"],
      },
    },
    {
      name: 'NONE in capitals, pasted only',
      paste: `my token: ${unsignedUpper} (built by our test helper)`,
      expect: { severity: 'warning', detail: ['"alg": "NONE"'] },
    },
  ],
  valid: [
    {
      name: 'an RS256 token',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ sub: 'u' })}" https://api.example.dev/me`,
    },
    {
      name: 'an HS256 token',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ sub: 'u' }, { alg: 'HS256' })}" https://api.example.dev/me`,
    },
    {
      name: 'a JWE (encrypted, five parts)',
      paste: `Authorization: Bearer eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..b3BhcXVlaXZ2.Y2lwaGVydGV4dGNpcGhlcnRleHQ.dGFnZ2dnZ2dnZ2dnZ2dn`,
    },
  ],
});
