import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeCode } from '../../src/intake/parsers/code/index.js';
import { parse, requestsOf } from '../support/code-helpers.js';
import { noteCodes } from '../support/segments.js';

const code: [string, string][] = [
  ['a fetch one-liner', `fetch("https://api.example.com/v1/me", { headers: { Authorization: "Bearer x" } })`],
  ['a Python requests call', `import requests\nr = requests.get(url, headers=headers)\nprint(r.status_code)`],
  [
    'a Java builder',
    `HttpRequest request = HttpRequest.newBuilder()\n    .uri(URI.create(url))\n    .build();`,
  ],
  ['Go', `req, err := http.NewRequest("GET", url, nil)\nreq.Header.Set("Authorization", "Bearer "+token)`],
  ['PHP', `<?php\n$ch = curl_init();\ncurl_setopt($ch, CURLOPT_URL, $url);`],
  ['C#', `var client = new HttpClient();\nclient.DefaultRequestHeaders.Add("x-api-key", key);`],
  ['Ruby', `require "net/http"\nreq = Net::HTTP::Get.new(uri)\nreq["Authorization"] = "Bearer #{token}"`],
  [
    'code with a question above it',
    `why does this 401?\nconst res = await axios.get(url, { headers });\nconsole.log(res.data);`,
  ],
];

const notCode: [string, string][] = [
  ['prose that mentions fetch', `I'm calling fetch() with my token and it keeps failing with 401.`],
  ['prose starting with a call-like word', `fetch() returns 401 every time since yesterday`],
  ['a curl command', `curl -H "Authorization: Bearer abc" https://api.example.com/v1/me`],
  ['a prompt-prefixed curl command', `$ curl -s -u user:pass https://api.example.com`],
  ['a JSON body', `{\n  "error": "invalid_token",\n  "error_description": "The access token expired"\n}`],
  [
    'a Node stack trace',
    `    at Object.<anonymous> (/app/index.js:12:3)\n    at Module._compile (node:internal/modules/cjs/loader:1105:14)`,
  ],
  [
    'a Java stack trace',
    `Exception in thread "main" java.io.IOException: Server returned HTTP response code: 401\n\tat sun.net.www.protocol.http.HttpURLConnection.getInputStream(HttpURLConnection.java:1900)`,
  ],
  [
    'a Python traceback',
    `Traceback (most recent call last):\n  File "app.py", line 3, in <module>\nrequests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.example.com`,
  ],
  ['log lines', `2024-05-01T12:00:00Z ERROR request failed status=401\n2024-05-01T12:00:01Z INFO retrying`],
  ['raw HTTP', `GET /v1/me HTTP/1.1\nHost: api.example.com\nAuthorization: Bearer abc`],
  ['a .env file', `API_KEY=abc123\nAPI_URL=https://api.example.com`],
  ['empty text', ''],
];

describe('looksLikeCode', () => {
  it.each(code)('recognises %s', (_name, text) => expect(looksLikeCode(text)).toBe(true));
  it.each(notCode)('does not fire on %s', (_name, text) => expect(looksLikeCode(text)).toBe(false));
});

describe('parseCode on things that are not requests', () => {
  it.each([
    ['prose mentioning fetch', `I tried fetch('https://api.example.com') and then axios but both fail.`],
    ['a stack trace line', `    at fetch (node:internal/deps/undici/undici:12345:11)`],
    ['a curl command', `curl -H "Authorization: Bearer abc" https://api.example.com/v1/me`],
    ['a log line with a URL', `2024-05-01 ERROR GET https://api.example.com/v1/me -> 401`],
  ])('finds no request in %s', (_name, text) => {
    expect(requestsOf(text)).toEqual([]);
  });

  it('notes when nothing was found', () => {
    expect(noteCodes(parse('const x = 1;'))).toContain('code.no_request');
  });

  it('notes an unterminated string and still reads the request', () => {
    const f = parse(`fetch("https://api.example.com/me", { headers: { "X-Key": "abc } })`);
    expect(noteCodes(f)).toContain('code.unterminated_string');
    expect(f.exchanges?.[0]?.request?.url).toBe('https://api.example.com/me');
  });

  it('reads headers set on a request it never saw created', () => {
    const f = parse(`req.Header.Set("Authorization", "Bearer "+token)`);
    expect(f.exchanges?.[0]?.request?.headers[0]).toMatchObject({
      name: 'Authorization',
      value: 'Bearer ${token}',
    });
    expect(noteCodes(f)).toContain('code.request_not_found');
  });
});

describe('robustness', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const f = parse(text);
        expect(f.kinds).toEqual(['code']);
        looksLikeCode(text);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on code-shaped fragments', () => {
    const pieces = fc.constantFrom(
      'fetch(',
      'axios.get(',
      '{',
      '}',
      '(',
      ')',
      '[',
      ']',
      '"',
      "'",
      '`',
      '${',
      'f"{',
      '#{',
      ' = ',
      ':=',
      '.',
      '->',
      '::',
      ',',
      '\n',
      'headers',
      'Authorization',
      'token',
      'new ',
      'req.Header.Set(',
      '"Bearer "',
      ' + ',
      'process.env.X',
      '%s',
      ' % ',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 80 }), (parts) => {
        const f = parse(parts.join(''));
        for (const ex of f.exchanges ?? []) expect(Array.isArray(ex.request?.headers)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    ['open brackets', '('.repeat(200_000)],
    ['quotes', '"'.repeat(200_000)],
    ['template openers', '`${'.repeat(70_000)],
    ['one long line of assignments', 'a = -e "b'.repeat(25_000)],
    ['a long chain', `a${'.b()'.repeat(40_000)}`],
    ['many requests', 'fetch("https://x/", {headers: {Authorization: t}})\n'.repeat(4_000)],
  ])('stays fast on %s', (_name, text) => {
    const start = performance.now();
    parse(text);
    looksLikeCode(text);
    expect(performance.now() - start).toBeLessThan(3000);
  });
});
