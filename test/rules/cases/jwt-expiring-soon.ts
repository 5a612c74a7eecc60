import rule from '../../../src/rules/jwt-expiring-soon.js';
import { at, fakeJwt } from '../../support/jwt-fakes.js';
import { defineCases } from '../../support/rule-cases.js';

// The cases' clock is 2026-01-15T12:00:00Z.
const inFourMinutes = fakeJwt({ sub: 'u', iat: at('2026-01-15T11:04:00Z'), exp: at('2026-01-15T12:04:00Z') });
const inFortySeconds = fakeJwt({ sub: 'u', exp: at('2026-01-15T12:00:40Z') }, { alg: 'ES256' });

export default defineCases({
  rule,
  invalid: [
    {
      name: 'four minutes left on a token sent with curl',
      paste: `curl -H "Authorization: Bearer ${inFourMinutes}" https://api.example.net/v1/jobs`,
      expect: {
        cause: 'expired_token',
        severity: 'warning',
        evidence: 'request.headers.authorization',
        detail: ['expires in 4 min', '2026-01-15 12:04 UTC'],
        fix: ['before it runs out'],
      },
    },
    {
      name: 'less than the skew allowance left',
      paste: `Authorization: Bearer ${inFortySeconds}`,
      expect: { detail: ['expires in 40 s', 'clock-skew allowance'] },
    },
    {
      name: 'a wider window from the options',
      options: { expiringSoonSeconds: 3600 },
      paste: `const token = "${fakeJwt({ sub: 'u', exp: at('2026-01-15T12:45:00Z') })}";`,
      expect: { severity: 'warning', detail: ['expires in 45 min'] },
    },
  ],
  valid: [
    {
      name: 'an hour left',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ sub: 'u', exp: at('2026-01-15T13:00:00Z') })}" https://api.example.net/v1/jobs`,
    },
    {
      name: 'already expired (another rule says so)',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ sub: 'u', exp: at('2026-01-15T11:58:00Z') })}" https://api.example.net/v1/jobs`,
    },
    {
      name: 'a date-only clock cannot say minutes',
      now: '2026-01-15',
      paste: `curl -H "Authorization: Bearer ${inFourMinutes}" https://api.example.net/v1/jobs`,
    },
  ],
});
