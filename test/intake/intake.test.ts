/** Whole pastes through the whole intake pipeline, as a user would send them. */
import { describe, expect, it } from 'vitest';
import { type Evidence, EvidenceSchema } from '../../src/intake/evidence.js';
import { intake } from '../../src/intake/index.js';
import { noteCodes } from '../support/segments.js';

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const fakeGithub = `ghp_${'x7Kq'.repeat(9)}`;
const fakeJwt = `${b64url({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${b64url({ iss: 'https://auth.example.test/', aud: 'https://api.example.test', exp: 1_700_000_000, scope: 'read' })}.${'s1G'.repeat(30)}`;

function read(text: string): Evidence {
  const evidence = intake(text);
  expect(EvidenceSchema.safeParse(evidence).success).toBe(true);
  return evidence;
}

describe('intake of whole pastes', () => {
  it('a curl command, its -v trace across a redirect, and the error body, read together', () => {
    const e = read(`curl -v -L -H "Authorization: token ${fakeGithub}" https://example.test/api/user
* Connected to example.test (203.0.113.5) port 443
* ALPN: server accepted h2
> GET /api/user HTTP/2
> Host: example.test
> authorization: token ${fakeGithub}
>
< HTTP/2 301
< location: https://api.example.test/user
<
* Issue another request to this URL: 'https://api.example.test/user'
> GET /user HTTP/2
> Host: api.example.test
>
< HTTP/2 401
< www-authenticate: Bearer realm="api", error="invalid_token"
< content-type: application/json
<
{"message":"Requires authentication"}
why does this fail?`);
    expect(e.kinds).toEqual(expect.arrayContaining(['curl', 'curl_trace']));
    const [command, hop0, hop1] = e.exchanges;
    expect(command?.source).toBe('curl');
    expect(command?.request?.options.followRedirects).toBe(true);
    expect(hop0?.hop).toBe(0);
    expect(hop0?.response?.status).toBe(301);
    expect(hop1?.hop).toBe(1);
    expect(hop1?.request?.url?.host).toBe('api.example.test');
    expect(hop1?.request?.headers.some((h) => h.name.toLowerCase() === 'authorization')).toBe(false);
    expect(hop1?.response?.challenges[0]).toMatchObject({
      scheme: 'Bearer',
      params: { error: 'invalid_token' },
    });
    expect(hop1?.response?.error?.message).toBe('Requires authentication');
    // One token, seen twice: one credential with two places.
    const tokens = e.credentials.filter((c) => c.format?.provider === 'github');
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.where.map((w) => w.pointer)).toEqual([
      'exchanges[0].request.headers.authorization',
      'exchanges[1].request.headers.authorization',
    ]);
    expect(tokens[0]?.scheme).toBe('token');
    expect(JSON.stringify(e)).not.toContain(fakeGithub);
  });

  it('a Slack message: link markup, entities, smart quotes and a mention are undone', () => {
    const e = read(
      `<@U0123ABCD> curl -H “Authorization: Bearer ${fakeJwt}” “<https://api.example.test/v1/me?a=1&amp;b=2|api.example.test/v1/me>”`,
    );
    const request = e.exchanges[0]?.request;
    expect(request?.url?.raw).toBe('https://api.example.test/v1/me?a=1&b=2');
    expect(request?.url?.query.map((q) => q.name)).toEqual(['a', 'b']);
    expect(noteCodes(e)).toEqual(expect.arrayContaining(['normalize.smart_quotes', 'normalize.chat_links']));
    const jwt = e.credentials[0];
    expect(jwt?.jwt?.claims).toMatchObject({ aud: 'https://api.example.test', exp: 1_700_000_000 });
    expect(jwt?.display).toMatch(/^JWT …/);
    expect(JSON.stringify(e)).not.toContain(fakeJwt);
  });

  it('$TOKEN inside single quotes is sent literally: a placeholder, with a note that says why', () => {
    const e = read(`curl -H 'Authorization: Bearer $API_TOKEN' https://api.example.test/v1/me`);
    const cred = e.credentials[0];
    expect(cred?.secret).toBeUndefined();
    expect(cred?.display).toBe('$API_TOKEN');
    expect(cred?.origin?.kind).toBe('shell_literal_variable');
    expect(noteCodes(e)).toContain('shell.single_quoted_variable');
  });

  it('$TOKEN inside double quotes is expanded by the shell: nothing secret was pasted', () => {
    const e = read(`curl -H "Authorization: Bearer $API_TOKEN" https://api.example.test/v1/me`);
    const cred = e.credentials[0];
    expect(cred?.secret).toBeUndefined();
    expect(cred?.placeholder).toBeUndefined();
    expect(cred?.origin).toEqual({ kind: 'shell_variable', names: ['API_TOKEN'] });
  });

  it.each([
    ['YOUR_API_KEY', 'curl -H "X-API-Key: YOUR_API_KEY" https://api.example.test'],
    ['<token>', "curl -H 'Authorization: Bearer <token>' https://api.example.test"],
    ['{{token}}', "curl -H 'Authorization: Bearer {{token}}' https://api.example.test"],
  ])('a placeholder (%s) is shown as sent, not fingerprinted', (text, paste) => {
    const cred = read(paste).credentials[0];
    expect(cred?.placeholder?.text).toBe(text);
    expect(cred?.display).toBe(text);
  });

  it('a Stripe publishable key used with -u is recognised with its environment', () => {
    const key = `pk_live_${'Ab12'.repeat(6)}`;
    const e = read(`curl https://api.stripe.com/v1/charges -u ${key}:`);
    const cred = e.credentials[0];
    expect(cred?.format).toMatchObject({
      provider: 'stripe',
      environment: 'live',
      tokenType: 'publishable_key',
    });
    expect(e.exchanges[0]?.request?.auth).toMatchObject({ scheme: 'basic', credential: cred?.id });
    expect(JSON.stringify(e)).not.toContain(key);
  });

  it('Basic credentials built with echo (no -n) carry the trailing newline', () => {
    const blob = Buffer.from('me@example.test:s3cretPassw0rd!\n').toString('base64');
    const e = read(`curl -H "Authorization: Basic ${blob}" https://example.atlassian.net/rest/api/3/myself`);
    expect(e.credentials[0]?.basic).toMatchObject({ username: 'me@example.test', error: 'trailing_newline' });
    expect(JSON.stringify(e)).not.toContain('s3cretPassw0rd!');
    expect(JSON.stringify(e)).not.toContain(blob);
  });

  it('an API key in the query string is hidden in the URL too', () => {
    const key = `AIza${'Qw3rTy9'.repeat(5)}`;
    const e = read(`curl "https://maps.googleapis.com/maps/api/geocode/json?address=x&key=${key}"`);
    const url = e.exchanges[0]?.request?.url;
    const q = url?.query.find((p) => p.name === 'key');
    expect(q?.credential).toBe(e.credentials[0]?.id);
    expect(url?.raw).toContain('key=AIza…');
    expect(e.credentials[0]?.format?.provider).toMatch(/google/);
    expect(JSON.stringify(e)).not.toContain(key);
  });

  it('a cookie and a bearer token in one request are two credentials', () => {
    const e = read(
      `curl https://app.example.test/api -H "Authorization: Bearer ${fakeJwt}" -H "Cookie: session=${'q'.repeat(8)}Zz9${'w'.repeat(20)}; theme=dark"`,
    );
    expect(e.credentials.map((c) => c.where[0]?.location).sort()).toEqual(['authorization', 'cookie']);
    expect(e.exchanges[0]?.request?.cookies.map((c) => c.name)).toEqual(['session', 'theme']);
  });

  it('a raw request and response copied from devtools', () => {
    const e = read(`GET /v1/me HTTP/1.1
Host: api.example.test
Authorization: Bearer ${fakeJwt}

HTTP/1.1 401 Unauthorized
WWW-Authenticate: Bearer realm="example", error="invalid_token", error_description="The access token expired"
Content-Type: application/json

{"error":"invalid_token","error_description":"The access token expired"}`);
    const x = e.exchanges[0];
    expect(x?.request?.url?.raw).toBe('https://api.example.test/v1/me');
    expect(x?.response?.status).toBe(401);
    expect(x?.response?.challenges[0]?.params.error_description).toBe('The access token expired');
    expect(x?.response?.error).toMatchObject({ error: 'invalid_token' });
  });

  it('code that builds the request, and the error it threw', () => {
    const e = read(`const res = await axios.get('https://api.example.test/v1/me', {
  headers: { Authorization: \`Bearer \${process.env.API_TOKEN}\` },
});

AxiosError: Request failed with status code 401
    at settle (node_modules/axios/lib/core/settle.js:19:12)`);
    expect(e.kinds).toEqual(expect.arrayContaining(['code', 'error_log']));
    const request = e.exchanges.find((x) => x.source === 'code')?.request;
    expect(request?.url?.host).toBe('api.example.test');
    expect(request?.headers.find((h) => h.name === 'Authorization')?.origin?.kind).toMatch(/env|variable/);
    expect(e.clientErrors[0]).toMatchObject({ client: 'axios', status: 401 });
  });

  it('a .env file with a live key', () => {
    const key = `sk_live_${'Zx9Cv8'.repeat(5)}`;
    const e = read(`STRIPE_SECRET_KEY=${key}\nSTRIPE_PUBLISHABLE_KEY=pk_test_${'a1'.repeat(12)}`);
    expect(e.kinds).toContain('env');
    expect(e.credentials.find((c) => c.where[0]?.name === 'STRIPE_SECRET_KEY')?.format?.environment).toBe(
      'live',
    );
    expect(JSON.stringify(e)).not.toContain(key);
  });

  it("Chrome's Copy as cURL (cmd)", () => {
    const e = read(`curl "https://api.example.test/v1/me" ^
  -H "accept: application/json" ^
  -H "authorization: Bearer ${fakeJwt}" ^
  -H ^"sec-ch-ua: ^\\^"Chromium^\\^";v=^\\^"124^\\^"^" ^
  --compressed`);
    const request = e.exchanges[0]?.request;
    expect(request?.url?.host).toBe('api.example.test');
    expect(request?.headers.find((h) => h.name === 'sec-ch-ua')?.value).toBe('"Chromium";v="124"');
    expect(e.credentials[0]?.jwt).toBeDefined();
  });

  it("Chrome's Copy as PowerShell", () => {
    const e = read(`$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession
$session.UserAgent = "Mozilla/5.0"
Invoke-WebRequest -UseBasicParsing -Uri "https://api.example.test/v1/me" \`
-WebSession $session \`
-Headers @{
"authorization"="Bearer ${fakeJwt}"
  "accept"="application/json"
}`);
    expect(e.kinds).toContain('powershell');
    expect(e.exchanges[0]?.request?.url?.host).toBe('api.example.test');
    expect(e.credentials[0]?.where[0]?.location).toBe('authorization');
  });

  it('a command split by lost backslashes keeps its headers and says what happened', () => {
    const e = read(`curl https://api.example.test/v1/me
  -H "Authorization: Bearer ${fakeJwt}"
  -H "Accept: application/json"`);
    expect(e.exchanges).toHaveLength(1);
    expect(e.exchanges[0]?.request?.headers.map((h) => h.name)).toEqual(['Authorization', 'Accept']);
    expect(noteCodes(e)).toContain('shell.missing_continuation');
  });

  it('a paste over the cap is read up to the cap, with a clear note', () => {
    const big = `curl -H "Authorization: Bearer ${fakeJwt}" https://api.example.test\n${'log line\n'.repeat(300_000)}`;
    const e = intake(big, { maxBytes: 64 * 1024 });
    expect(e.input.truncated).toBe(true);
    expect(e.notes.find((n) => n.code === 'input.too_large')?.message).toMatch(
      /2\.6 MB; I read the first 64 KB/,
    );
    expect(e.exchanges[0]?.request?.url?.host).toBe('api.example.test');
  });

  it('binary junk gets a note and no crash', () => {
    const e = read(`\u0000\u0001PNG\u0002${'\u0003'.repeat(20)}`);
    expect(noteCodes(e)).toContain('normalize.binary');
  });

  it('an empty paste asks for one', () => {
    expect(noteCodes(read('   \n'))).toEqual(['input.empty']);
  });
});

describe('intake keeps what curl was told to suppress', () => {
  it("-H 'Authorization:' removes the header curl would send", () => {
    const e = intake("curl -u me:pw -H 'Authorization:' https://api.example.test");
    expect(e.exchanges[0]?.request?.removedHeaders).toEqual(['authorization']);
    expect(e.notes.map((n) => n.code)).toContain('curl.header_removed');
  });
});

describe('intake of a command pasted with what it printed', () => {
  it('pairs `curl -i` with the response it printed, behind a `>` quote prompt', () => {
    const e = read(`> curl -i http://stream.example.test:8080/admin/
HTTP/1.1 401 Unauthorized
Access-Control-Allow-Credentials: true
Www-Authenticate: Basic realm="Admin"

Unauthorized`);
    expect(e.exchanges).toHaveLength(1);
    expect(e.exchanges[0]?.request?.url?.host).toBe('stream.example.test');
    expect(e.exchanges[0]?.response?.status).toBe(401);
    // CORS headers talk about credentials without carrying one.
    expect(e.credentials).toEqual([]);
  });

  it('reads a command behind a prompt with several spaces', () => {
    const e = read(`$  curl \\
  -H 'Authorization: token $API_TOKEN' \\
  https://api.example.test/user`);
    expect(e.kinds).toContain('curl');
    expect(e.credentials[0]?.origin?.kind).toBe('shell_literal_variable');
  });

  it('leaves a curl -v request line alone (its `>` is not a prompt)', () => {
    const e = read(`> GET /user HTTP/1.1
> Host: api.example.test
> Authorization: Bearer ${fakeGithub}
>
< HTTP/1.1 401 Unauthorized
<`);
    expect(e.kinds).toContain('curl_trace');
    expect(e.exchanges[0]?.request?.method).toBe('GET');
  });
});

describe('intake hides a key sent as the Basic username', () => {
  it('fingerprints `Authorization: Basic base64(KEY:)` instead of showing the decoded key', () => {
    const key = `sk_live_${'51HxY2zAbCdEfGhIjKlMnOpQrStUvW'}`;
    const e = read(
      `curl -H "Authorization: Basic ${Buffer.from(`${key}:`).toString('base64')}" https://api.stripe.com/v1/charges`,
    );
    expect(JSON.stringify(e)).not.toContain(key);
    expect(e.credentials[0]?.basic?.username).toMatch(/\(\d+ chars\)$/);
  });

  it('still shows an ordinary username', () => {
    const e = read(
      `curl -H "Authorization: Basic ${Buffer.from('alice@example.test:s3cr3t-Pa55word!').toString('base64')}" https://api.example.test/`,
    );
    expect(e.credentials[0]?.basic?.username).toBe('alice@example.test');
  });
});

describe('intake tells prose after a label from a secret', () => {
  it('keeps words and error codes after `token:` labels, and still hides passwords and keys', () => {
    const e = read(`failed to fetch oauth token: unexpected status from GET request
Tokens.Jwt: IDX10503: Signature validation failed.
password: hunterhunter
api_token: Zk29qLm3Xw8Rt5Yp1Vb7Nc4`);
    const prose = e.prose.map((p) => p.text).join('\n');
    expect(prose).toContain('oauth token: unexpected status');
    expect(prose).toContain('Jwt: IDX10503');
    expect(prose).not.toContain('hunterhunter');
    expect(prose).not.toContain('Zk29qLm3Xw8Rt5Yp1Vb7Nc4');
  });
});

describe('intake hides credentials sent under names it has to guess', () => {
  it.each(['Authorisation', 'Authorizaton', 'Authentication', 'X-Auth'])(
    '%s: Bearer … is a credential',
    (name) => {
      const e = read(`curl -H "${name}: Bearer ${fakeGithub}" https://api.example.test/`);
      expect(JSON.stringify(e)).not.toContain(fakeGithub);
    },
  );

  it('HubSpot `hapikey` in a URL and a base64-encoded JWT in text are hidden', () => {
    const key = 'c5e1a2b3-d4f5-4a6b-8c7d-9e0f1a2b3c4d';
    const encoded = Buffer.from(fakeJwt).toString('base64');
    const e = read(
      `curl "https://api.hubapi.com/contacts/v1/lists?hapikey=${key}"\ntoken from kubectl: ${encoded}`,
    );
    const printed = JSON.stringify(e);
    expect(printed).not.toContain(key);
    expect(printed).not.toContain(encoded.slice(0, 60));
  });

  it('does not take `$(kubectl …)` for a secret value', () => {
    const e = read(
      'TOKEN=$(kubectl get secret robot -o jsonpath="{.data.token}")\ncurl -H "Authorization: Bearer $TOKEN" https://k8s.example.test:6443/api',
    );
    expect(e.credentials.map((c) => c.display).join(' ')).not.toContain('kubectl');
    expect(JSON.stringify(e)).toContain('$(kubectl get secret robot');
  });
});
