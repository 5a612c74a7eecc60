import { describe, expect, it } from 'vitest';
import { detect } from '../../src/intake/detect.js';

const kinds = (text: string) => detect(text).segments.map((s) => [s.kind, s.startLine, s.endLine]);

describe('detect', () => {
  it.each([
    ['one-line curl', 'curl -H "a: b" https://x.test', [['curl', 1, 1]]],
    [
      'curl with backslash continuations, then its -v trace, then prose',
      'curl -v \\\n  -H "Authorization: Bearer x" \\\n  https://x.test\n> GET / HTTP/1.1\n> Host: x.test\n>\n< HTTP/1.1 401 Unauthorized\n< content-type: application/json\n<\n{"message":"Bad credentials"}\nwhat is wrong?',
      [
        ['curl', 1, 3],
        ['curl_trace', 4, 10],
        ['text', 11, 11],
      ],
    ],
    [
      'an open quote keeps the command going across lines',
      'curl -d \'{\n  "a": 1\n}\' https://x.test\nthanks',
      [
        ['curl', 1, 3],
        ['text', 4, 4],
      ],
    ],
    [
      'a here-document belongs to the command',
      'curl -d @- https://x.test <<EOF\n{"a":1}\nEOF',
      [['curl', 1, 3]],
    ],
    ['commands joined by && across lines', 'export T=1 &&\ncurl https://x.test', [['curl', 1, 2]]],
    ['env prefix before curl', 'TOKEN=abc curl https://x.test', [['curl', 1, 1]]],
    ['Windows cmd continuation', 'curl "https://x.test" ^\n  -H "a: b" ^\n  --compressed', [['curl', 1, 3]]],
    ['PowerShell curl.exe with backticks', 'curl.exe `\n  -H "a: b" `\n  https://x.test', [['curl', 1, 3]]],
    [
      'PowerShell Invoke-WebRequest with a multi-line hashtable',
      'Invoke-WebRequest -Uri "https://x.test" -Headers @{\n  "Authorization" = "Bearer x"\n}',
      [['powershell', 1, 3]],
    ],
    ['HTTPie', 'http GET https://x.test Authorization:"Bearer x"', [['httpie', 1, 1]]],
    ['prose that starts with "http" is not HTTPie', 'http requests fail with 401 for me', [['text', 1, 1]]],
    [
      'raw request followed by its response',
      'GET /v1/me HTTP/1.1\nHost: api.x.test\nAuthorization: Bearer x\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer\n\n{"error":"invalid_token"}',
      [['http_request', 1, 8]],
    ],
    ['a response alone', 'HTTP/2 401\ncontent-type: text/plain\n\nnope', [['http_response', 1, 4]]],
    [
      'devtools pseudo headers',
      ':authority: api.x.test\n:method: GET\n:path: /v1/me',
      [['http_request', 1, 3]],
    ],
    ['a JSON error body', '{\n  "error": "invalid_token"\n}', [['json_body', 1, 3]]],
    ['a HAR file', '{"log":{"version":"1.2","entries":[]}}', [['har', 1, 1]]],
    ['broken JSON is text', '{"error": "x"\nnothing closes', [['text', 1, 2]]],
    ['a markdown bullet is not a trace', '* step one\n* step two', [['text', 1, 2]]],
    [
      'inline curl inside prose',
      'I ran `curl -H "x: y" https://x.test` and got 401',
      [
        ['curl', 1, 1],
        ['text', 1, 1],
      ],
    ],
    [
      'two commands separated by prose',
      'first:\ncurl https://a.test\nthen:\ncurl https://b.test',
      [
        ['text', 1, 1],
        ['curl', 2, 2],
        ['text', 3, 3],
        ['curl', 4, 4],
      ],
    ],
  ])('%s', (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it('joins option lines that lost their trailing backslash, and says so', () => {
    const result = detect('curl https://x.test\n  -H "Authorization: Bearer x"\n  -H "Accept: */*"');
    expect(result.segments.map((s) => s.kind)).toEqual(['curl']);
    expect(result.segments[0]?.text).toContain('https://x.test \\\n');
    expect(result.notes.map((n) => n.code)).toEqual(['shell.missing_continuation']);
  });

  it('stays linear on a megabyte of unbalanced braces and open quotes', () => {
    const text = '{"a": [\n'.repeat(60_000);
    expect(detect(text).segments.length).toBeGreaterThan(0);
    const quotes = `curl -d '${'x\n'.repeat(200_000)}`;
    expect(detect(quotes).segments[0]?.kind).toBe('curl');
  });
});
