import rule from '../../../src/rules/jwt-expired.js';
import { at, fakeJwt } from '../../support/jwt-fakes.js';
import { defineCases } from '../../support/rule-cases.js';

// The cases' clock is 2026-01-15T12:00:00Z.
const twoHoursAgo = fakeJwt({
  iss: 'https://id.example-shop.com/',
  sub: 'user-42',
  aud: 'https://api.example-shop.com',
  iat: at('2026-01-15T08:46:00Z'),
  exp: at('2026-01-15T09:46:00Z'),
});
const lastYear = fakeJwt(
  { sub: 'svc', iat: at('2025-03-01T10:00:00Z'), exp: at('2025-03-02T10:00:00Z') },
  { alg: 'HS256' },
);
const valid = fakeJwt({ sub: 'u', iat: at('2026-01-15T11:30:00Z'), exp: at('2026-01-15T12:30:00Z') });
const sameDay = fakeJwt(
  { id: 7, iat: at('2019-09-15T14:55:18Z'), exp: at('2019-09-15T15:55:18Z') },
  { alg: 'HS256' },
);
const secondsAgo = fakeJwt({ sub: 'u', iat: at('2026-01-15T11:00:30Z'), exp: at('2026-01-15T11:59:30Z') });
const installationJwt = fakeJwt({
  iss: '123456',
  iat: at('2026-01-15T11:40:00Z'),
  exp: at('2026-01-15T11:50:00Z'),
});

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a token that expired two hours ago, sent with curl',
      paste: `curl -H "Authorization: Bearer ${twoHoursAgo}" https://api.example-shop.com/v2/orders\n{"error":"invalid_token"}`,
      expect: {
        cause: 'expired_token',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: [
          'expired 2 h 14 min ago',
          '2026-01-15 09:46 UTC',
          'issued at 2026-01-15 08:46 UTC',
          'valid for 1 h',
        ],
        fix: [
          'refresh',
          '<NEW_TOKEN>',
          'https://api.example-shop.com/v2/orders',
          '`https://id.example-shop.com/`',
        ],
        minConfidence: 0.9,
      },
    },
    {
      name: 'a token from last year in a verbose trace, with a date-only clock',
      now: '2026-01-15',
      paste: `> GET /internal/report HTTP/1.1\n> Host: reports.example.org\n> Authorization: Bearer ${lastYear}\n>\n< HTTP/1.1 401 Unauthorized\n< Content-Length: 0`,
      expect: {
        severity: 'error',
        detail: ['expired at 2025-03-02 10:00 UTC', 'at least 318 d before 2026-01-15'],
      },
    },
    {
      name: "judged by the server's Date header when the paste has it",
      paste: `> GET /v2/orders HTTP/1.1\n> Host: api.example-shop.com\n> Authorization: Bearer ${twoHoursAgo}\n>\n< HTTP/1.1 401 Unauthorized\n< Date: Thu, 15 Jan 2026 10:00:00 GMT\n< WWW-Authenticate: Bearer error="invalid_token"\n<`,
      expect: {
        severity: 'error',
        evidence: 'response.headers.date',
        detail: ['14 min before the server answered', 'Thu, 15 Jan 2026 10:00:00 GMT'],
      },
    },
    {
      name: 'an expired token in an environment file is a warning',
      paste: `API_TOKEN=${twoHoursAgo}\nAPI_URL=https://api.example-shop.com`,
      expect: { severity: 'warning', evidence: 'env.API_TOKEN', detail: ['pasted, not seen in a request'] },
    },
    {
      name: 'expired a few seconds ago: within leeway, so a warning',
      paste: `curl https://api.example.com/me -H 'Authorization: Bearer ${secondsAgo}'`,
      expect: { severity: 'warning', detail: ['expired 30 s ago', 'leeway'] },
    },
    {
      name: 'the provider lifetime is named (GitHub App JWT)',
      paste: `curl -H "Authorization: Bearer ${installationJwt}" https://api.github.com/app/installations`,
      expect: { severity: 'error', fix: ['GitHub App JWT', 'at most 10 minutes'] },
    },
    {
      name: 'a date-only clock and a token that expires that day: info only',
      now: '2019-09-15',
      paste: `curl -X GET "http://localhost:3000/api/auth/me" -H "Authorization: Bearer ${sameDay}"`,
      expect: { severity: 'info', detail: ['expires at 2019-09-15 15:55 UTC', 'depends on the time of day'] },
    },
  ],
  valid: [
    {
      name: 'valid when the server answered, expired since',
      paste: `> GET /v2/orders HTTP/1.1\n> Host: api.example-shop.com\n> Authorization: Bearer ${twoHoursAgo}\n>\n< HTTP/1.1 403 Forbidden\n< Date: Thu, 15 Jan 2026 09:30:00 GMT\n<`,
    },
    {
      name: 'a token valid for another half hour',
      paste: `curl -H "Authorization: Bearer ${valid}" https://api.example.com/me`,
    },
    {
      name: 'a token issued and expiring after a date-only clock',
      now: '2019-09-14',
      paste: `curl -H "Authorization: Bearer ${sameDay}" http://localhost:3000/api/auth/me`,
    },
    {
      name: 'a token without exp',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ sub: 'x', iat: at('2020-01-01T00:00:00Z') })}" https://api.example.com/me`,
    },
    {
      name: 'exp in milliseconds is far in the future, not expired',
      paste: `curl -H "Authorization: Bearer ${fakeJwt({ sub: 'x', exp: Date.parse('2026-01-15T13:00:00Z') })}" https://api.example.com/me`,
    },
    {
      name: 'an opaque token',
      paste: 'curl -H "Authorization: Bearer 8f14e45fceea167a5a36dedd4bea2543" https://api.example.com/me',
    },
  ],
});
