import rule from '../../../src/rules/empty-credential.js';
import { defineCases } from '../../support/rule-cases.js';

const URL = 'https://api.acme.test/v2/orders';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a -v trace shows the header went out empty after $TOKEN',
      paste: `$ curl -v -H "Authorization: Bearer $ACME_TOKEN" ${URL}\n> GET /v2/orders HTTP/1.1\n> Host: api.acme.test\n> Authorization: Bearer\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer realm="orders"\n`,
      expect: {
        cause: 'placeholder_or_unexpanded',
        severity: 'error',
        evidence: 'exchanges[1].request.headers.authorization',
        detail: ['nothing after it', '`$ACME_TOKEN`', 'empty or unset'],
        fix: ['echo "${#ACME_TOKEN}"', 'export ACME_TOKEN='],
      },
    },
    {
      name: 'Bearer typed with nothing after it',
      paste: `curl -H 'Authorization: Bearer ' ${URL}`,
      expect: {
        cause: 'missing_credentials',
        severity: 'error',
        detail: ['scheme `Bearer` and nothing after it'],
      },
    },
    {
      name: '-u with nothing on either side',
      paste: `curl -u : ${URL}`,
      expect: {
        evidence: 'request.auth',
        detail: ['`-u :`', 'Basic Og=='],
        fix: ['-u <USERNAME>:<PASSWORD>'],
      },
    },
    {
      name: '`Bearer undefined` from JavaScript',
      paste: `const token = process.env.ACME_TOKEN;\nconst res = await fetch("${URL}", { headers: { Authorization: "Bearer " + undefined } });\nconsole.log(res.status); // 401`,
      expect: {
        cause: 'placeholder_or_unexpanded',
        severity: 'error',
        detail: ['`undefined`', 'null or undefined'],
        fix: ['not awaited'],
      },
    },
    {
      name: 'Python None in an f-string, seen in a log line',
      paste: `GET ${URL} HTTP/1.1\nAuthorization: Bearer None\n\nHTTP/1.1 401 Unauthorized\n`,
      expect: { severity: 'error', detail: ['`None`', 'None when the request was built'] },
    },
    {
      name: 'a prefix assignment expanded too late',
      paste: `ACME_TOKEN=9f8e7d6c5b4a39281706f5e4d3c2b1a0 curl -H "Authorization: Bearer $ACME_TOKEN" ${URL}\n{"error":"unauthorized"} 401`,
      expect: {
        severity: 'error',
        detail: ['expands `$ACME_TOKEN` before that assignment takes effect'],
        fix: ['export ACME_TOKEN=<YOUR_TOKEN>'],
      },
    },
    {
      name: 'the paste sets the variable to empty',
      paste: `export ACME_TOKEN=\ncurl -H "Authorization: Bearer $ACME_TOKEN" ${URL}`,
      expect: { detail: ['sets ACME_TOKEN to an empty value'], fix: ['ACME_TOKEN=<YOUR_TOKEN>'] },
    },
    {
      name: 'an empty key parameter',
      paste: `curl "https://api.acme.test/v2/orders?api_key="\nHTTP/1.1 401 Unauthorized\n`,
      expect: { evidence: 'request.url.query.api_key', detail: ['`api_key=` with nothing after it'] },
    },
    {
      name: 'printed output shows the header went out as Bearer None',
      paste: `token = os.getenv("BILLING_TOKEN")
resp = requests.get("https://api.billingly.io/v1/invoices", headers={"Authorization": f"Bearer {token}"})
print(resp.status_code, resp.request.headers["Authorization"])

output:
401 Bearer None`,
      expect: {
        cause: 'placeholder_or_unexpanded',
        severity: 'error',
        detail: ['`Bearer None`', 'BILLING_TOKEN'],
        fix: ['BILLING_TOKEN'],
      },
    },
    {
      name: 'a server log shows Bearer undefined',
      paste: `[api] 2026-01-15T11:59:58Z GET /v2/me 401 authorization="Bearer undefined" ua=node-fetch/1.0`,
      expect: { detail: ['`Bearer undefined`'], fix: ['fail early'] },
    },
  ],
  valid: [
    { name: 'a token', paste: `curl -H "Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0" ${URL}` },
    {
      name: 'a variable whose value is unknown here',
      paste: `curl -H "Authorization: Bearer $ACME_TOKEN" ${URL}`,
    },
    { name: '-u with a user only (curl asks for the password)', paste: `curl -u admin ${URL}` },
    {
      name: 'a Stripe-style key as the username with an empty password',
      paste: 'curl https://api.stripe.com/v1/charges -u sk_test_51Hq3xYzAbCdEfGhIjKlMnOpQrStUv:',
    },
    {
      name: 'the variable is set to a value in the paste',
      paste: `export ACME_TOKEN=9f8e7d6c5b4a39281706f5e4d3c2b1a0\ncurl -H "Authorization: Bearer $ACME_TOKEN" ${URL}`,
    },
    { name: 'an empty non-credential parameter', paste: `curl "https://api.acme.test/v2/orders?page="` },
    {
      name: 'an empty header on a request that succeeded',
      paste: `$ curl -i -H 'Authorization: Bearer ' https://api.acme.test/health\nHTTP/1.1 200 OK\n\nok\n`,
    },
    {
      name: 'a literal "Bearer null" inside code is not what was sent',
      paste: `const headers = token ? { Authorization: \`Bearer \${token}\` } : { Authorization: "Bearer null" };`,
    },
  ],
});
