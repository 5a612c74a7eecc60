import rule from '../../../src/rules/authorization-scheme-missing.js';
import { defineCases } from '../../support/rule-cases.js';

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NSIsImV4cCI6MjUwMDAwMDAwMH0.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2ln';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a bare JWT in the Authorization header',
      paste: `curl -H "Authorization: ${JWT}" http://localhost:3000/api/auth/me`,
      expect: {
        cause: 'wrong_header_format',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['no scheme'],
        fix: ['Authorization: Bearer <YOUR_TOKEN>', 'http://localhost:3000/api/auth/me'],
      },
    },
    {
      name: 'the scheme a GitHub token needs is named',
      paste: 'curl -H "Authorization: ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789" https://api.github.com/user',
      expect: { fix: ['Authorization: Bearer <YOUR_TOKEN>', 'https://api.github.com/user'] },
    },
  ],
  valid: [
    { name: 'a Bearer token', paste: `curl -H "Authorization: Bearer ${JWT}" https://api.example.com/me` },
    { name: 'an API key in its own header', paste: `curl -H "X-API-Key: ${JWT}" https://api.example.com/me` },
    { name: 'no request at all', paste: `the token is ${JWT}` },
  ],
});
