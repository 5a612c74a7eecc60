import rule from '../../../src/rules/jwt-not-yet-valid.js';
import { at, fakeJwt } from '../../support/jwt-fakes.js';
import { defineCases } from '../../support/rule-cases.js';

// The cases' clock is 2026-01-15T12:00:00Z.
const nbfAhead = fakeJwt({
  sub: 'device-9',
  nbf: at('2026-01-15T12:05:00Z'),
  iat: at('2026-01-15T12:05:00Z'),
  exp: at('2026-01-15T13:05:00Z'),
});
const iatAhead = fakeJwt(
  { sub: 'u', iat: at('2026-01-15T12:03:00Z'), exp: at('2026-01-15T13:03:00Z') },
  { alg: 'HS256' },
);
const iatMillis = fakeJwt({
  iss: '90210',
  iat: Date.parse('2026-01-15T11:59:00Z'),
  exp: at('2026-01-15T12:08:00Z'),
});

export default defineCases({
  rule,
  invalid: [
    {
      name: 'nbf five minutes ahead',
      paste: `curl -H "Authorization: Bearer ${nbfAhead}" https://api.example.io/v1/devices\nHTTP/1.1 401 Unauthorized`,
      expect: {
        cause: 'not_yet_valid_or_clock_skew',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['`nbf` (not before) 2026-01-15 12:05 UTC', '300 s'],
        fix: ['timedatectl', 'w32tm /resync', 'sntp', 'leeway'],
      },
    },
    {
      name: 'iat ahead, and the server complains about iat',
      paste: `curl -H "Authorization: Bearer ${iatAhead}" https://api.example.io/v1/me\n{"message":"Invalid value provided for claim [iat]"}`,
      expect: { severity: 'error', detail: ['`iat` (issued at)', '180 s', "server's answer"] },
    },
    {
      name: 'iat ahead alone is a warning',
      paste: `curl -H "Authorization: Bearer ${iatAhead}" https://api.example.io/v1/me`,
      expect: { severity: 'warning', detail: ['Libraries that check `iat`'] },
    },
    {
      name: "skew measured against the server's Date header",
      paste: `> GET /v1/devices HTTP/1.1\n> Host: api.example.io\n> Authorization: Bearer ${nbfAhead}\n>\n< HTTP/1.1 401 Unauthorized\n< Date: Thu, 15 Jan 2026 11:58:20 GMT\n<`,
      expect: {
        severity: 'error',
        evidence: 'response.headers.date',
        detail: ['400 s', "ahead of the server's own clock"],
      },
    },
    {
      name: 'iat written in milliseconds',
      paste: `curl -H "Authorization: Bearer ${iatMillis}" https://api.github.com/app`,
      expect: { detail: ['13-digit `iat`', 'milliseconds'], fix: ['Math.floor(Date.now() / 1000)'] },
    },
    {
      name: 'a date-only clock and a token minted days later',
      now: '2026-01-13',
      paste: `Authorization: Bearer ${nbfAhead}`,
      expect: { severity: 'warning', detail: ['after the end of 2026-01-13'] },
    },
  ],
  valid: [
    {
      name: 'iat 30 s ahead is within tolerance',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ sub: 'u', iat: at('2026-01-15T12:00:30Z'), exp: at('2026-01-15T13:00:00Z') })}" https://api.example.io/v1/me`,
    },
    {
      name: 'issued later on the same day as a date-only clock',
      now: '2026-01-15',
      paste: `curl -H "Authorization: Bearer ${nbfAhead}" https://api.example.io/v1/devices`,
    },
    {
      name: 'a token issued in the past',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ sub: 'u', nbf: at('2026-01-15T11:00:00Z'), iat: at('2026-01-15T11:00:00Z') })}" https://api.example.io/v1/me`,
    },
    {
      name: 'a generic "not valid" message does not make an iat finding',
      paste: `{"detail":"Given token not valid for any token type","code":"token_not_valid"}`,
    },
  ],
});
