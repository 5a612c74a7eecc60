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

describe('intake tells a reference in code from a secret', () => {
  it('keeps a reference cut at a stray quote (`process.`), and still hides the key', () => {
    const e = read(`const token = process.'env.ACME_TOKEN;
api_token: Zk29qLm3Xw8Rt5Yp1Vb7Nc4`);
    const values = e.credentials.map((c) => c.secret?.reveal());
    expect(values).not.toContain('process.');
    expect(values).toContain('Zk29qLm3Xw8Rt5Yp1Vb7Nc4');
  });

  it('does not take the part of a header value before a line continuation for a secret of its own', () => {
    const e = read(`curl -H 'Authorization: AWS4-HMA\\
C-SHA256 Credential=AKIAEXAMPLEKEYID1234/20260115/us-east-1/execute-api/aws4_request, Signature=0f1e2d3c4b5a69788796a5b4c3d2e1f0' https://api.acme.test/v2/orders`);
    expect(e.credentials.map((c) => c.secret?.reveal())).not.toContain('AWS4-HMA');
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

describe('intake knows credential query and header names', () => {
  const key = 'f3a9c1d27b8e4a6f9c0d1e2b3a4f5c6d';
  it.each(['appid', 'app_key', 'apiKey', 'api_key', 'access_key', 'api-key', 'x-api-key'])(
    'query parameter %s carries a credential',
    (name) => {
      const e = read(`curl "https://api.example.test/data?q=London&${name}=${key}"`);
      expect(JSON.stringify(e)).not.toContain(key);
      expect(e.credentials.length).toBeGreaterThan(0);
    },
  );

  it.each(['x-api-key', 'api-key', 'apiKey', 'access_key', 'app_key'])(
    'header %s carries a credential',
    (name) => {
      const e = read(`curl -H "${name}: ${key}" https://api.example.test/data`);
      expect(JSON.stringify(e)).not.toContain(key);
    },
  );
});

describe('intake reads an unexpanded pipeline macro as a placeholder', () => {
  it('`Bearer $(GRAFANA_TOKEN)` in a logged request is a template placeholder', () => {
    const e = read(`Request as sent:
GET /api/dashboards/uid/abc HTTP/1.1
Host: grafana.example.test
Authorization: Bearer $(GRAFANA_TOKEN)

HTTP/1.1 401 Unauthorized
content-type: application/json

{"message":"Unauthorized"}`);
    const cred = e.credentials.find((c) => c.where.some((w) => w.pointer.includes('authorization')));
    expect(cred?.placeholder?.reason).toBe('template');
  });
});

describe('intake notes a `$word` the shell expanded inside double quotes', () => {
  it('`-u "robot$ci-builder:…"`: origin names `ci`, and the note quotes the user name', () => {
    const e = read('curl -u "robot$ci-builder:s3cr3tPassw0rd99" https://registry.example.test/v2/');
    const user = e.credentials.find((c) => c.where.some((w) => w.name === 'username'));
    expect(user?.origin).toEqual({ kind: 'shell_variable', names: ['ci'] });
    const found = e.notes.find((n) => n.code === 'shell.expanded_in_double_quotes');
    expect(found?.message).toContain('`$ci` in `robot$ci-builder`');
    expect(found?.message).toContain('`robot-builder`');
    expect(JSON.stringify(e)).not.toContain('s3cr3tPassw0rd99');
  });

  it('a password or header value is not quoted back, only the variable name', () => {
    const e = read(
      'curl -u "deploy:Pa55w0rd$xyzQ9" https://registry.example.test/v2/\ncurl -H "X-Api-Key: k3Yq8Zr$abcWm2" https://api.example.test/',
    );
    const found = e.notes.filter((n) => n.code === 'shell.expanded_in_double_quotes');
    expect(found.map((n) => n.message.slice(0, 10))).toEqual(['`$xyzQ9` i', '`$abcWm2` ']);
    expect(JSON.stringify(found)).not.toContain('Pa55w0rd');
    expect(JSON.stringify(found)).not.toContain('k3Yq8Zr');
  });

  it.each([
    ['a whole-word variable', 'curl -H "Authorization: Bearer $TOKEN" https://api.example.test/'],
    ['single quotes', "curl -u 'robot$ci-builder:pw' https://registry.example.test/v2/"],
    ['a variable in the host', 'curl "https://api$ENV.example.test/v1?x=1"'],
    ['a query value that is a whole variable', 'curl "https://api.example.test/v1?key=$KEY"'],
    ['a body', `curl -d "name=ab$cd" https://api.example.test/`],
  ])('no note for %s', (_, paste) => {
    expect(noteCodes(read(paste))).not.toContain('shell.expanded_in_double_quotes');
  });

  it('a query value with `$` mid-word is noted', () => {
    const e = read('curl "https://api.example.test/v1?key=ab12$cdef"');
    expect(noteCodes(e)).toContain('shell.expanded_in_double_quotes');
  });
});

describe('intake hides a literal password that shares a word with a shell variable', () => {
  it('`-u "$USER:…"` keeps the password a secret', () => {
    const e = read('curl -u "$USER:Hunter2Passw0rdX" https://registry.example.test/v2/');
    expect(JSON.stringify(e)).not.toContain('Hunter2Passw0rdX');
    const password = e.credentials.find((c) => c.where.some((w) => w.name === 'password'));
    expect(password?.origin?.names).toEqual(['USER']);
  });
});

describe('intake reads REST Client / IntelliJ `.http` files', () => {
  const file = `@host = https://api.example.test
@token = ${fakeGithub}

### Who am I
# @name me
GET {{host}}/v1/me
Authorization: Bearer {{token}}
Accept: application/json

###

POST https://api.example.test/v1/items
Content-Type: application/json
X-Api-Key: k3Yq8Zr0abcWm2xYz9

{"name": "x"}

###
GET https://api.example.test/v1/items/1`;

  it('each request line without a version is a request; `###` separates them', () => {
    const e = read(file);
    expect(e.kinds).toContain('http_request');
    expect(e.exchanges.map((x) => [x.request?.method, x.request?.url?.raw])).toEqual([
      ['GET', 'https://api.example.test/v1/me'],
      ['POST', 'https://api.example.test/v1/items'],
      ['GET', 'https://api.example.test/v1/items/1'],
    ]);
    expect(e.exchanges[1]?.request?.body?.text).toBe('{"name": "x"}');
    expect(e.notes.map((n) => n.code)).not.toContain('code.no_request');
  });

  it('`{{token}}` stays a template placeholder, and the `@token` value is still hidden', () => {
    const e = read(file);
    const sent = e.credentials.find((c) => c.where.some((w) => w.location === 'authorization'));
    expect(sent?.placeholder?.reason).toBe('template');
    expect(JSON.stringify(e)).not.toContain(fakeGithub);
    expect(JSON.stringify(e)).not.toContain('k3Yq8Zr0abcWm2xYz9');
  });

  it('a lone `GET https://…` line with headers is a request', () => {
    const e = read('GET https://api.example.test/v1/me\nAuthorization: Bearer {{access_token}}');
    expect(e.exchanges[0]?.request?.url?.host).toBe('api.example.test');
    expect(e.credentials[0]?.placeholder?.reason).toBe('template');
  });

  it('`POST https://…` over a pasted error body names the call: the JSON is the answer, not a request body', () => {
    const e = read(
      'POST https://graphql.example.test/v1/graphql\n{"errors":[{"message":"Could not verify JWT: JWSError JWSInvalidSignature"}]}',
    );
    expect(e.exchanges.some((x) => x.request?.body !== undefined)).toBe(false);
    expect(JSON.stringify(e.errorBodies)).toContain('JWSInvalidSignature');
  });

  it.each([
    'GET /users returns 401 for me',
    '### Steps to reproduce\nI call GET /v1/me and it fails',
    '@john = can you look at this?',
  ])('prose is not a request: %s', (text) => {
    expect(read(text).exchanges).toEqual([]);
  });
});

describe('intake recognises Google OAuth tokens', () => {
  const refresh = `1//0g${'Xk9_Lm-2Qz'.repeat(10)}`;
  const access = `ya29.a0Ae${'Hk3-Zq_9Lm'.repeat(12)}`;
  it('a refresh token in a form body and an access token in a header', () => {
    const e = read(
      `curl -d "grant_type=refresh_token&refresh_token=${refresh}&client_id=x" https://oauth2.googleapis.com/token\ncurl -H "Authorization: Bearer ${access}" https://www.googleapis.com/drive/v3/files`,
    );
    const formats = e.credentials.map((c) => [c.format?.id, c.format?.tokenType]);
    expect(formats).toContainEqual(['google.oauth_refresh_token', 'refresh_token']);
    expect(formats).toContainEqual(['google.oauth_access_token', 'access_token']);
    expect(JSON.stringify(e)).not.toContain(refresh.slice(6, 40));
  });

  it('is found in free text too, and a short `1//0…` is not one', () => {
    expect(JSON.stringify(read(`my refresh token is ${refresh} ok`))).not.toContain(refresh.slice(6, 40));
    const short = read('see 1//0abc for details');
    expect(short.credentials).toEqual([]);
  });
});

describe('intake ends a JSON body where the JSON ends', () => {
  it('prose on the lines after a raw response body is prose, not body', () => {
    const e = read(`HTTP/1.1 401 Unauthorized
Content-Type: application/json

{"error": "invalid_token",
 "error_description": "The access token expired"}
I tried regenerating the key but it still fails.
any idea?`);
    const response = e.exchanges[0]?.response;
    expect(response?.body?.text).toBe(
      '{"error": "invalid_token",\n "error_description": "The access token expired"}',
    );
    expect(response?.error?.error).toBe('invalid_token');
    expect(e.prose.map((p) => p.text).join('\n')).toContain('I tried regenerating the key');
  });

  it('and after a curl -v body', () => {
    const e = read(`curl -v https://api.example.test/
> GET / HTTP/1.1
> Host: api.example.test
>
< HTTP/1.1 401 Unauthorized
< content-type: application/json
<
{"message":"Requires authentication"}
why does this fail?`);
    expect(e.exchanges.at(-1)?.response?.body?.text).toBe('{"message":"Requires authentication"}');
    expect(e.prose.map((p) => p.text).join('\n')).toContain('why does this fail?');
  });

  it('keeps a request and its response together, and text on the same line in the body', () => {
    const pair = read(`POST /token HTTP/1.1
Host: auth.example.test
Content-Type: application/json

{"grant_type": "client_credentials"}

HTTP/1.1 401 Unauthorized
Content-Type: application/json

{"error":"invalid_client"} (this is what I get)`);
    expect(pair.exchanges).toHaveLength(1);
    expect(pair.exchanges[0]?.request?.body?.text).toBe('{"grant_type": "client_credentials"}');
    expect(pair.exchanges[0]?.response?.body?.text).toBe('{"error":"invalid_client"} (this is what I get)');
  });
});

describe('intake ends a bodyless request at its headers', () => {
  it('keeps the server log pasted under a GET as the user’s text, not as a request body', () => {
    const e = read(`GET http://localhost:3721/identity
Authorization: Bearer ${fakeJwt}

API console:
fail: Microsoft.IdentityModel.Tokens.SecurityTokenInvalidAudienceException: IDX10214: Audience validation failed.`);
    expect(e.exchanges[0]?.request?.body).toBeUndefined();
    expect(e.prose.map((p) => p.text).join('\n')).toContain('IDX10214');
  });

  it('still reads the response that follows the request', () => {
    const e = read(`GET /v1/me HTTP/1.1
Host: api.example.test

HTTP/1.1 401 Unauthorized
WWW-Authenticate: Bearer error="invalid_token"
`);
    expect(e.exchanges[0]?.response?.status).toBe(401);
  });
});

describe('intake bounds the work a mangled paste can cause', () => {
  it('reads at most 32 URLs of one curl command, and says so', () => {
    const urls = Array.from({ length: 40 }, (_, i) => `https://api.example.com/v1/items/${i}`).join(' ');
    const e = intake(`curl -H "Authorization: Bearer abc" -d '{"a":1}' ${urls}`);
    expect(e.exchanges).toHaveLength(32);
    expect(e.notes.find((n) => n.code === 'curl.too_many_urls')?.message).toBe(
      'This curl command names 40 URLs; I read the first 32.',
    );
  });

  it('keeps no wordless prose lines, and at most 1,000 prose entries', () => {
    expect(intake('{\n'.repeat(5000)).prose).toEqual([]);
    // Lines that open a brace are read one by one, each its own prose entry; the braces are left out.
    const words = intake('hello\n{\n'.repeat(3000)).prose;
    expect(words).toHaveLength(1000);
    expect(words.every((p) => /hello/.test(p.text))).toBe(true);
  });
});
