import rule from '../../../src/rules/placeholder-credential.js';
import { defineCases } from '../../support/rule-cases.js';

const URL = 'https://api.acme.test/v2/orders';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a Postman variable copied into a terminal',
      paste: `curl --location '${URL}' --header 'Authorization: Bearer {{access_token}}'`,
      expect: {
        cause: 'placeholder_or_unexpanded',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['`{{access_token}}`', 'template variable'],
        fix: ['environment that defines `access_token`'],
      },
    },
    {
      name: 'a GitHub Actions expression outside its workflow',
      paste: `curl -H 'Authorization: Bearer \${{ secrets.ACME_TOKEN }}' ${URL}\n{"message":"Bad credentials"} 401`,
      expect: {
        severity: 'warning',
        detail: ['GitHub Actions expression'],
        fix: ['In a terminal or script', 'Settings → Secrets and variables → Actions'],
      },
    },
    {
      name: "Stripe's published documentation key",
      paste: 'curl https://api.stripe.com/v1/charges -u sk_test_4eC39HqLyjWDarjtT1zdp7dc:',
      expect: {
        severity: 'error',
        evidence: 'request.auth',
        detail: ['example key published in documentation'],
      },
    },
    {
      name: '[object Object] from string interpolation',
      paste: `GET /v2/orders HTTP/1.1\nHost: api.acme.test\nAuthorization: Bearer [object Object]\n\nHTTP/1.1 401 Unauthorized\n`,
      expect: { severity: 'error', detail: ['[object Object]'], fix: ['not the object'] },
    },
    {
      name: 'a docs placeholder seen on the wire in a -v trace',
      paste: `$ curl -v -H "Authorization: Bearer YOUR_ACCESS_TOKEN" ${URL}\n> GET /v2/orders HTTP/1.1\n> Host: api.acme.test\n> Authorization: Bearer YOUR_ACCESS_TOKEN\n>\n< HTTP/1.1 401 Unauthorized\n`,
      expect: {
        severity: 'error',
        detail: ['`YOUR_ACCESS_TOKEN`', 'went over the wire'],
        minConfidence: 0.85,
      },
    },
    {
      name: 'a docs placeholder in a command (may be a hand redaction: warning)',
      paste: `curl -H "X-API-Key: YOUR_API_KEY" ${URL}`,
      expect: {
        severity: 'warning',
        evidence: 'request.headers.x-api-key',
        detail: ['If you replaced your key only for this paste'],
        fix: ['Replace `YOUR_API_KEY`'],
      },
    },
    {
      name: 'a key prefix with x-es after it',
      paste: 'curl https://api.openai.com/v1/models -H "Authorization: Bearer sk-proj-xxxxxxxxxxxxxxxxxxxx"',
      expect: {
        severity: 'warning',
        detail: ['key prefix followed by placeholder text'],
        fix: ['copy the whole key'],
      },
    },
    {
      name: 'the name of the variable instead of its value (a missing $)',
      paste: `curl -H "Authorization: Bearer ACCESS_TOKEN" ${URL}`,
      expect: { severity: 'warning', fix: ['`$ACCESS_TOKEN` in a shell'] },
    },
    {
      name: 'a .env line still holding the sample value',
      paste: `ACME_API_KEY=your_api_key_here\ncurl -H "X-API-Key: $ACME_API_KEY" ${URL}`,
      expect: {
        severity: 'error',
        evidence: 'request.headers.x-api-key',
        detail: ['sets ACME_API_KEY to `your_api_key_here`'],
        fix: ['Set ACME_API_KEY to your real credential'],
      },
    },
    {
      name: 'a hand-masked value is only information',
      paste: "curl -u '[...]:[...]' https://acme.atlassian.net/rest/api/2/myself\n401 Unauthorized",
      expect: { severity: 'info', detail: ['`[...]`', 'masked value'] },
    },
  ],
  valid: [
    {
      name: 'a real-looking token',
      paste: `curl -H "Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0" ${URL}`,
    },
    {
      name: 'a GitHub Actions expression inside a workflow (Actions substitutes it)',
      paste: `jobs:\n  sync:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          curl -H "Authorization: Bearer \${{ secrets.ACME_TOKEN }}" ${URL}\n`,
    },
    {
      name: 'a single-quoted shell variable (shell-variable-not-expanded)',
      paste: `curl -H 'Authorization: Bearer $ACME_TOKEN' ${URL}`,
    },
    { name: 'an empty value (empty-credential)', paste: `curl -H 'Authorization: Bearer ' ${URL}` },
    {
      name: '`Bearer undefined` (empty-credential)',
      paste: `curl -H 'Authorization: Bearer undefined' ${URL}`,
    },
    {
      name: 'a placeholder only in prose, not sent',
      paste: 'The docs say to send `Authorization: Bearer <token>` but mine fails with 401.',
    },
    {
      name: 'a placeholder on a request that succeeded',
      paste: `$ curl -i -H "Authorization: Bearer YOUR_TOKEN" https://api.acme.test/public/ping\nHTTP/1.1 200 OK\n\npong\n`,
    },
  ],
});
