import { describe, expect, it } from 'vitest';
import { parseClientLog } from '../../src/intake/parsers/client-log.js';
import type { RawClientError } from '../../src/intake/raw.js';
import { expectNeverThrows } from '../support/never-throws.js';
import { segmentOf } from '../support/segments.js';

const parse = (text: string, startLine = 1) => parseClientLog(segmentOf('error_log', text, startLine));

interface Case {
  name: string;
  text: string;
  /** The first client error found, as a user would read it. */
  error: Partial<RawClientError>;
  count?: number;
}

const cases: Case[] = [
  {
    name: 'axios one-liner',
    text: 'AxiosError: Request failed with status code 401',
    error: { client: 'axios', status: 401, message: 'Request failed with status code 401', line: 1 },
  },
  {
    name: 'old axios in a browser console',
    text: 'Uncaught (in promise) Error: Request failed with status code 401\n    at createError (createError.js:16)',
    error: { client: 'axios', status: 401 },
  },
  {
    name: 'undici fetch failed with its cause',
    text: [
      'TypeError: fetch failed',
      '    at Object.fetch (node:internal/deps/undici/undici:11730:11)',
      '    at async main (/app/index.js:3:15) {',
      '  cause: Error: getaddrinfo ENOTFOUND api.example.test',
      '      at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26) {',
      '    errno: -3008,',
      "    code: 'ENOTFOUND',",
      "    syscall: 'getaddrinfo',",
      "    hostname: 'api.example.test'",
      '  }',
      '}',
    ].join('\n'),
    error: {
      client: 'undici',
      message: 'fetch failed: Error: getaddrinfo ENOTFOUND api.example.test',
      line: 1,
    },
    count: 1,
  },
  {
    name: 'fetch: an Error thrown on !response.ok',
    text: 'Error: HTTP 401 Unauthorized\n    at getUser (/app/src/api.ts:12:11)',
    error: { client: 'fetch', status: 401, message: 'Unauthorized' },
  },
  {
    name: 'fetch: MDN-style "HTTP error! status"',
    text: 'Uncaught (in promise) Error: HTTP error! status: 401',
    error: { client: 'fetch', status: 401 },
  },
  {
    name: 'got',
    text: 'HTTPError: Response code 401 (Unauthorized)\n    at Request.<anonymous> (/app/node_modules/got/dist/source/as-promise/index.js:118:42)',
    error: { client: 'got', status: 401, message: 'Unauthorized' },
  },
  {
    name: 'Python requests at the end of a traceback',
    text: [
      'Traceback (most recent call last):',
      '  File "main.py", line 9, in <module>',
      '    r.raise_for_status()',
      '  File "/usr/lib/python3/site-packages/requests/models.py", line 1021, in raise_for_status',
      '    raise HTTPError(http_error_msg, response=self)',
      'requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.github.com/user',
    ].join('\n'),
    error: {
      client: 'python-requests',
      status: 401,
      message: 'Unauthorized',
      url: 'https://api.github.com/user',
      line: 6,
    },
    count: 1,
  },
  {
    name: 'Python requests message pasted alone',
    text: '401 Client Error: Unauthorized for url: https://x.atlassian.net/rest/api/2/search?jql=project=%22G%22&maxResults=100',
    error: {
      client: 'python-requests',
      status: 401,
      url: 'https://x.atlassian.net/rest/api/2/search?jql=project=%22G%22&maxResults=100',
    },
  },
  {
    name: 'httpx',
    text: "httpx.HTTPStatusError: Client error '401 Unauthorized' for url 'https://api.openai.com/v1/models'\nFor more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/401",
    error: { client: 'httpx', status: 401, message: 'Unauthorized', url: 'https://api.openai.com/v1/models' },
    count: 1,
  },
  {
    name: 'aiohttp',
    text: "aiohttp.client_exceptions.ClientResponseError: 401, message='Unauthorized', url=URL('https://discord.com/api/v10/users/@me')",
    error: {
      client: 'aiohttp',
      status: 401,
      message: 'Unauthorized',
      url: 'https://discord.com/api/v10/users/@me',
    },
  },
  {
    name: 'urllib',
    text: 'urllib.error.HTTPError: HTTP Error 401: Unauthorized',
    error: { client: 'urllib', status: 401, message: 'Unauthorized' },
  },
  {
    name: 'Java HttpURLConnection inside a stack trace',
    text: [
      'Exception in thread "main" java.io.IOException: Server returned HTTP response code: 401 for URL: https://api.example.com/v1/items',
      '\tat sun.net.www.protocol.http.HttpURLConnection.getInputStream0(HttpURLConnection.java:1924)',
      '\tat Main.main(Main.java:14)',
    ].join('\n'),
    error: { client: 'java', status: 401, url: 'https://api.example.com/v1/items' },
    count: 1,
  },
  {
    name: 'Spring RestTemplate with the body in quotes',
    text: 'org.springframework.web.client.HttpClientErrorException$Unauthorized: 401 Unauthorized: "{"error":"invalid_token","error_description":"Access token expired"}"',
    error: { client: 'spring', status: 401, message: 'Unauthorized' },
  },
  {
    name: 'Spring WebClient',
    text: 'org.springframework.web.reactive.function.client.WebClientResponseException$Unauthorized: 401 Unauthorized from GET https://graph.microsoft.com/v1.0/me',
    error: {
      client: 'spring',
      status: 401,
      method: 'GET',
      url: 'https://graph.microsoft.com/v1.0/me',
    },
  },
  {
    name: 'OkHttp response toString',
    text: 'D/OkHttp: Response{protocol=h2, code=401, message=, url=https://api.example.com/v2/profile}',
    error: { client: 'okhttp', status: 401, url: 'https://api.example.com/v2/profile' },
  },
  {
    name: 'Retrofit HttpException',
    text: 'retrofit2.HttpException: HTTP 401 Unauthorized',
    error: { client: 'java', status: 401, message: 'Unauthorized' },
  },
  {
    name: '.NET HttpRequestException',
    text: 'Unhandled exception. System.Net.Http.HttpRequestException: Response status code does not indicate success: 401 (Unauthorized).\n   at System.Net.Http.HttpResponseMessage.EnsureSuccessStatusCode()',
    error: { client: 'dotnet', status: 401, message: 'Unauthorized' },
    count: 1,
  },
  {
    name: '.NET WebException',
    text: 'System.Net.WebException: The remote server returned an error: (401) Unauthorized.',
    error: { client: 'dotnet', status: 401, message: 'Unauthorized' },
  },
  {
    name: 'Go url.Error',
    text: 'Get "https://api.example.com/v1/me": x509: certificate signed by unknown authority',
    error: {
      client: 'go',
      method: 'GET',
      url: 'https://api.example.com/v1/me',
      message: 'x509: certificate signed by unknown authority',
    },
  },
  {
    name: 'Go unexpected status code',
    text: '2024/05/01 10:00:00 unexpected status code 401: {"message":"Invalid token"}',
    error: { client: 'go', status: 401 },
  },
  {
    name: 'Go oauth2 token fetch',
    text: 'oauth2: cannot fetch token: 401 Unauthorized\nResponse: {"error":"invalid_client","error_description":"Invalid client secret"}',
    error: { client: 'go', status: 401, message: 'Unauthorized' },
  },
  {
    name: 'Guzzle with the body on the next line',
    text: 'GuzzleHttp\\Exception\\ClientException: Client error: `GET https://api.example.com/v1/me` resulted in a `401 Unauthorized` response:\n{"message":"Unauthenticated."}',
    error: {
      client: 'guzzle',
      status: 401,
      method: 'GET',
      url: 'https://api.example.com/v1/me',
      message: 'Unauthorized',
    },
  },
  {
    name: 'Guzzle logged as JSON with the URL split from its backtick',
    text: '"exception":"[object] (GuzzleHttp\\\\Exception\\\\ClientException(code: 401): Client error: `POST https://fcm.googleapis.com/fcm/send\n` resulted in a `401 INVALID_KEY` response:',
    error: {
      client: 'guzzle',
      status: 401,
      method: 'POST',
      url: 'https://fcm.googleapis.com/fcm/send',
      message: 'INVALID_KEY',
    },
    count: 1,
  },
  {
    name: 'Ruby Net::HTTP',
    text: '#<Net::HTTPUnauthorized 401 Unauthorized readbody=true>',
    error: { client: 'ruby', status: 401, code: 'Net::HTTPUnauthorized' },
  },
  {
    name: 'Ruby RestClient',
    text: 'RestClient::Unauthorized: 401 Unauthorized',
    error: { client: 'ruby', status: 401, message: 'Unauthorized', code: 'RestClient::Unauthorized' },
  },
  {
    name: 'Ruby Faraday',
    text: 'Faraday::UnauthorizedError: the server responded with status 401',
    error: { client: 'ruby', status: 401, code: 'Faraday::UnauthorizedError' },
  },
  {
    name: 'npm: the code line and the request line are one failure',
    text: [
      'npm ERR! code E401',
      'npm ERR! 401 Unauthorized - GET https://registry.npmjs.org/@acme%2fprivate - authentication token not provided',
      '',
      'npm ERR! A complete log of this run can be found in: /root/.npm/_logs/debug.log',
    ].join('\n'),
    error: {
      client: 'npm',
      status: 401,
      code: 'E401',
      method: 'GET',
      url: 'https://registry.npmjs.org/@acme%2fprivate',
      message: 'Unauthorized - authentication token not provided',
      line: 1,
    },
    count: 1,
  },
  {
    name: 'npm 10 "npm error"',
    text: 'npm error code E401\nnpm error 401 Unauthorized - PUT https://npm.pkg.github.com/@acme%2fpkg - unauthenticated',
    error: { client: 'npm', status: 401, method: 'PUT', code: 'E401' },
    count: 1,
  },
  {
    name: 'npm-debug.log numbered lines',
    text: '41 error node v0.10.33\n42 error code E401\n43 error Request was not authorized : pipeline-routing',
    error: {
      client: 'npm',
      code: 'E401',
      status: 401,
      message: 'Request was not authorized : pipeline-routing',
    },
    count: 1,
  },
  {
    name: 'git over HTTPS',
    text: "remote: Invalid username or password.\nfatal: Authentication failed for 'https://github.com/acme/app.git/'",
    error: {
      client: 'git',
      status: 401,
      url: 'https://github.com/acme/app.git/',
      message: 'Invalid username or password.; Authentication failed',
    },
    count: 1,
  },
  {
    name: 'git with the password-removal notice',
    text: [
      'remote: Support for password authentication was removed on August 13, 2021.',
      'remote: Please see https://docs.github.com/get-started/getting-started-with-git/about-remote-repositories#cloning-with-https-urls for information on currently recommended modes of authentication.',
      "fatal: Authentication failed for 'https://github.com/acme/app.git/'",
    ].join('\n'),
    error: { client: 'git', url: 'https://github.com/acme/app.git/', line: 1 },
    count: 1,
  },
  {
    name: 'docker login',
    text: 'Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password',
    error: {
      client: 'docker',
      status: 401,
      method: 'GET',
      url: 'https://registry-1.docker.io/v2/',
      message: 'unauthorized: incorrect username or password',
    },
  },
  {
    name: 'docker push',
    text: 'The push refers to repository [docker.io/acme/app]\nunauthorized: authentication required',
    error: {
      client: 'docker',
      status: 401,
      message: 'authentication required',
      code: 'unauthorized',
      line: 2,
    },
  },
  {
    name: 'buildx token fetch',
    text: 'failed to fetch oauth token: unexpected status from GET request to https://auth.docker.io/token?scope=repository%3Aacme%2Fapp%3Apull%2Cpush&service=registry.docker.io: 401 Unauthorized: access token has insufficient scopes',
    error: {
      client: 'docker',
      status: 401,
      method: 'GET',
      url: 'https://auth.docker.io/token?scope=repository%3Aacme%2Fapp%3Apull%2Cpush&service=registry.docker.io',
      message: 'Unauthorized: access token has insufficient scopes',
    },
  },
  {
    name: 'browser console network line',
    text: 'GET https://api.example.com/v1/user 401 (Unauthorized)    xhr.js:247',
    error: { client: 'browser', status: 401, method: 'GET', url: 'https://api.example.com/v1/user' },
  },
  {
    name: 'curl -f',
    text: 'curl: (22) The requested URL returned error: 401',
    error: { client: 'curl', status: 401, code: 'CURLE 22' },
  },
  {
    name: 'generic "401 Unauthorized" in prose, with the URL',
    text: 'I keep getting 401 Unauthorized when calling https://api.example.com/v1/me, any idea?',
    error: { client: 'generic', status: 401, url: 'https://api.example.com/v1/me' },
  },
  {
    name: 'generic status field (Spotify inspect dump)',
    text: "{ [WebapiError: Unauthorized] name: 'WebapiError', message: 'Unauthorized', statusCode: 401 }",
    error: { client: 'generic', status: 401 },
  },
  {
    name: 'generic "Status Code: 401"',
    text: 'Model: OpenAI GPT-4.1\nProvider: openai\nStatus Code: 401',
    error: { client: 'generic', status: 401, line: 3 },
  },
  {
    name: 'generic status line from a log',
    text: '[2024-05-01 10:00:01] upstream replied HTTP/1.1 401 Unauthorized',
    error: { client: 'generic', status: 401 },
  },
  {
    name: 'PayPal: "Got Http response code 401 when accessing"',
    text: "Fatal error: Uncaught exception 'PayPal\\Exception\\PayPalConnectionException' with message 'Got Http response code 401 when accessing https://api.sandbox.paypal.com/v1/oauth2/token.'",
    error: { client: 'generic', status: 401, url: 'https://api.sandbox.paypal.com/v1/oauth2/token' },
  },
  {
    name: 'bare "401: reason"',
    text: '401: Remote IP is not authorized for this request; called from IP X.X.X.X',
    error: {
      client: 'generic',
      status: 401,
      message: 'Remote IP is not authorized for this request; called from IP X.X.X.X',
    },
  },
  {
    name: 'status at the start of a line, then the reason (OpenAI via a proxy)',
    text: 'Status Code: 401\n\n401 Incorrect API key provided: sk-****lETQ. You can find your API key at https://platform.openai.com/account/api-keys.',
    error: { client: 'generic', status: 401, line: 1 },
    count: 2,
  },
  {
    name: 'named authentication exception (openai python v0)',
    text: 'openai.error.AuthenticationError: No such organization: Personal.',
    error: {
      client: 'generic',
      code: 'openai.error.AuthenticationError',
      message: 'No such organization: Personal.',
    },
  },
  {
    name: 'Salesforce session error code',
    text: 'INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session',
    error: { client: 'generic', code: 'INVALID_SESSION_ID' },
  },
  {
    name: 'line numbers follow the segment start',
    text: 'some prose\nurllib.error.HTTPError: HTTP Error 403: Forbidden',
    error: { client: 'urllib', status: 403, line: 11 },
  },
];

describe('parseClientLog: one case per client', () => {
  it.each(cases)('$name', ({ text, error, count, name }) => {
    const start = name.startsWith('line numbers') ? 10 : 1;
    const fragment = parse(text, start);
    expect(fragment.kinds).toContain('error_log');
    expect(fragment.clientErrors?.[0]).toMatchObject(error);
    if (count !== undefined) expect(fragment.clientErrors).toHaveLength(count);
  });
});

const AXIOS_DUMP = [
  'AxiosError: Request failed with status code 401',
  '    at settle (/app/node_modules/axios/dist/node/axios.cjs:1966:12)',
  '    at IncomingMessage.handleStreamEnd (/app/node_modules/axios/dist/node/axios.cjs:3065:11)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5) {',
  "  code: 'ERR_BAD_REQUEST',",
  '  config: {',
  '    transitional: {',
  '      silentJSONParsing: true,',
  '      clarifyTimeoutError: false',
  '    },',
  "    adapter: [ 'xhr', 'http' ],",
  '    timeout: 0,',
  '    headers: Object [AxiosHeaders] {',
  "      Accept: 'application/json, text/plain, */*',",
  "      Authorization: 'Bearer abc.def.ghi',",
  "      'User-Agent': 'axios/1.6.2',",
  "      'Accept-Encoding': 'gzip, compress, deflate, br'",
  '    },',
  "    method: 'get',",
  "    url: 'https://api.example.com/v1/me',",
  '    data: undefined',
  '  },',
  '  request: <ref *1> ClientRequest {',
  "    _header: 'GET /v1/me HTTP/1.1\\r\\n' +",
  "      'Accept: application/json\\r\\n',",
  '    [Symbol(kOutHeaders)]: [Object: null prototype] { accept: [Array] }',
  '  },',
  '  response: {',
  '    status: 401,',
  "    statusText: 'Unauthorized',",
  '    headers: Object [AxiosHeaders] {',
  "      'content-type': 'application/json',",
  '      \'www-authenticate\': \'Bearer realm="api", error="invalid_token"\',',
  "      'content-length': '52'",
  '    },',
  "    config: { url: 'https://api.example.com/v1/me', headers: [Object] },",
  '    request: <ref *1> ClientRequest { status: 200 },',
  "    data: { error: 'invalid_token', message: 'Token expired' }",
  '  }',
  '}',
  '',
  'Node.js v20.11.0',
].join('\n');

describe('parseClientLog: dumps and multi-line output', () => {
  it('reads an AxiosError dump: code, URL, method, request and response headers, body', () => {
    const fragment = parse(AXIOS_DUMP);
    expect(fragment.clientErrors).toEqual([
      {
        client: 'axios',
        status: 401,
        message: 'Request failed with status code 401',
        code: 'ERR_BAD_REQUEST',
        url: 'https://api.example.com/v1/me',
        method: 'GET',
        line: 1,
      },
    ]);
    expect(fragment.exchanges?.[0]?.request?.headers).toContainEqual({
      name: 'Authorization',
      value: 'Bearer abc.def.ghi',
    });
    expect(fragment.exchanges?.[0]?.response?.status).toBe(401);
    expect(fragment.challenges).toEqual([{ value: 'Bearer realm="api", error="invalid_token"', line: 1 }]);
    expect(fragment.bodies).toEqual([
      { text: "{ error: 'invalid_token', message: 'Token expired' }", status: 401, line: 38 },
    ]);
    expect(fragment.kinds).toEqual(['error_log', 'www_authenticate']);
  });

  it('reads the fields of an AxiosError dump whose stack and brace were trimmed', () => {
    const text = [
      'AxiosError: Request failed with status code 401',
      "  config: { method: 'post', url: 'https://api.example.com/token', headers: { Authorization: 'Basic YTpi' } },",
      '  response: { status: 401, data: { error: "invalid_client" } }',
      'and then it retried',
      'HTTP/1.1 500 Internal Server Error',
    ].join('\n');
    const fragment = parse(text);
    expect(fragment.clientErrors?.map((e) => [e.client, e.method, e.url, e.line])).toEqual([
      ['axios', 'POST', 'https://api.example.com/token', 1],
      ['generic', undefined, undefined, 5],
    ]);
    expect(fragment.exchanges?.[0]?.request?.headers).toEqual([
      { name: 'Authorization', value: 'Basic YTpi' },
    ]);
    expect(fragment.bodies).toEqual([{ text: '{ error: "invalid_client" }', status: 401, line: 3 }]);
  });

  it('reads a fetch Response dump without reporting its fields as separate errors', () => {
    const text = [
      'Response {',
      '  status: 401,',
      "  statusText: 'Unauthorized',",
      '  headers: Headers {},',
      "  body: ReadableStream { locked: false, state: 'readable', supportsBYOB: true },",
      '  bodyUsed: false,',
      '  ok: false,',
      '  redirected: false,',
      "  type: 'basic',",
      "  url: 'https://api.example.com/v1/me'",
      '}',
    ].join('\n');
    expect(parse(text).clientErrors).toEqual([
      {
        client: 'fetch',
        status: 401,
        message: 'Unauthorized',
        url: 'https://api.example.com/v1/me',
        line: 1,
      },
    ]);
  });

  it('reads a JSON body printed under the error and gives it the error status', () => {
    const text = [
      'Error while calling the API',
      'HTTPError: Response code 401 (Unauthorized)',
      '{',
      '  "error": "invalid_token",',
      '  "status": 401',
      '}',
      'Retrying...',
    ].join('\n');
    const fragment = parse(text);
    expect(fragment.clientErrors).toHaveLength(1);
    expect(fragment.bodies).toEqual([
      { text: '{\n  "error": "invalid_token",\n  "status": 401\n}', status: 401, line: 3 },
    ]);
  });

  it('keeps the Elasticsearch body on the same line as the error', () => {
    const text =
      'php artisan elastic:migrate:refresh\n\n401 Unauthorized: {"error":{"type":"security_exception","reason":"missing authentication credentials for REST request [/users]"},"status":401}';
    const fragment = parse(text);
    expect(fragment.clientErrors?.[0]).toEqual({
      client: 'generic',
      message: '401 Unauthorized',
      status: 401,
      line: 3,
    });
    expect(fragment.bodies?.[0]).toMatchObject({ status: 401, line: 3 });
  });

  it('reads the Spring body once, from the quotes', () => {
    const text =
      'org.springframework.web.client.HttpClientErrorException$Unauthorized: 401 Unauthorized: "{"error":"invalid_token"}"';
    expect(parse(text).bodies).toEqual([{ text: '{"error":"invalid_token"}', status: 401, line: 1 }]);
  });

  it('finds loose WWW-Authenticate lines and npm\'s "need:" challenge', () => {
    const text = [
      'npm ERR! code E401',
      'npm ERR! Unable to authenticate, need: Basic realm="GitHub Package Registry"',
      'and the proxy log says',
      'WWW-Authenticate: Bearer realm="corp", error="invalid_token"',
    ].join('\n');
    const fragment = parse(text);
    expect(fragment.challenges).toEqual([
      { value: 'Basic realm="GitHub Package Registry"', line: 2 },
      { value: 'Bearer realm="corp", error="invalid_token"', line: 4 },
    ]);
    expect(fragment.kinds).toEqual(['error_log', 'www_authenticate']);
    expect(fragment.clientErrors).toHaveLength(1);
  });

  it('reports each failure once in a Java trace with "Caused by" repeats', () => {
    const line =
      'java.io.IOException: Server returned HTTP response code: 401 for URL: https://api.example.com/v1/items';
    const text = `${line}\n\tat Main.main(Main.java:14)\nCaused by: ${line}\n\tat sun.net.www.Foo(Foo.java:1)`;
    expect(parse(text).clientErrors).toHaveLength(1);
  });

  it('finds two different clients mixed with prose', () => {
    const text = [
      'First I tried the CLI:',
      'npm ERR! code E401',
      'Then Python:',
      '',
      '',
      '',
      '',
      '',
      '',
      'requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://api.example.com/x',
    ].join('\n');
    expect(parse(text).clientErrors?.map((e) => [e.client, e.status])).toEqual([
      ['npm', 401],
      ['python-requests', 403],
    ]);
  });
});

describe('parseClientLog: what must not be mistaken for a client error', () => {
  it.each([
    ['plain prose', 'My app works locally but not in production. Any idea?'],
    ['a 200 status line', 'HTTP/1.1 200 OK'],
    ['a successful status field', 'status: 200'],
    ['a stack frame', '    at Object.<anonymous> (/app/index.js:1:1)'],
    [
      'an unrelated Python error',
      "FileNotFoundError: [Errno 2] No such file or directory: 'users.list.json'",
    ],
    ['a remote line without auth words', 'remote: Counting objects: 100% (3/3), done.'],
    ['a non-error JSON object', '{"id": 1, "status": "active"}'],
    ['a bare number', 'I waited 401 seconds'],
  ])('%s', (_, text) => {
    expect(parse(text)).toEqual({});
  });

  it('does not read the fields of a pretty-printed error body as separate errors', () => {
    const text = '{\n  "message": "Request failed with status code 401",\n  "status": 401\n}';
    const fragment = parse(text);
    expect(fragment.clientErrors).toBeUndefined();
    expect(fragment.bodies).toHaveLength(1);
  });
});

describe('parseClientLog: robustness', () => {
  it.each([
    ['empty', ''],
    ['binary', '\u0000\u0001\u0002{\u0000"'],
    [
      'an unterminated dump',
      "AxiosError: Request failed with status code 401 {\n  code: 'ERR_BAD_REQUEST',\n  config: {",
    ],
    ['a huge line', `AxiosError: ${'a'.repeat(500_000)}`],
  ])('does not throw on %s', (_, text) => {
    expect(() => parse(text)).not.toThrow();
  });

  it('stays fast on a megabyte of hostile lines', () => {
    const lines = [
      `${'Authentication'.repeat(300)}: x`,
      `status ${'0'.repeat(3000)}`,
      `Client error: \`GET ${'x'.repeat(3000)}`,
      `${'{'.repeat(3000)}`,
      `unexpected status from GET request to ${'a:'.repeat(1500)}`,
    ];
    const text = Array.from({ length: 80 }, () => lines.join('\n')).join('\n');
    const started = performance.now();
    parse(text);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

it('never throws on arbitrary text built from the awkward pieces', () => {
  expectNeverThrows(parse, [
    '{',
    '}',
    '\n',
    ' ',
    "'",
    '"',
    ':',
    'AxiosError',
    'Response {',
    '401',
    'status',
    'npm ERR! ',
    'remote: ',
    'Client error: `GET ',
    'at x {',
    '[cause]',
    'WWW-Authenticate: ',
  ]);
});
