import { describe, expect, it } from 'vitest';
import { curlDialect, parseCurl } from '../../src/intake/parsers/curl/index.js';
import type { RawRequest } from '../../src/intake/raw.js';

const seg = (text: string, startLine = 1) => ({
  kind: 'curl' as const,
  text,
  startLine,
  endLine: startLine + text.split('\n').length - 1,
});

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';

interface Case {
  name: string;
  text: string;
  startLine?: number;
  requests: Partial<RawRequest>[];
  /** Exchange lines, when the case is about them. */
  lines?: number[];
  /** Note codes in order; every case checks them. */
  notes?: string[];
}

const chromeBash = `curl 'https://api.example.com/graphql' \\
  -H 'accept: */*' \\
  -H 'authorization: Bearer ${JWT}' \\
  -H 'content-type: application/json' \\
  -b 'session=s3cr3t; _ga=GA1.1' \\
  --data-raw '{"query":"{ me { id } }"}' \\
  --compressed`;

const chromeCmd = `curl ^"https://api.example.com/graphql^" ^
  -H ^"accept: */*^" ^
  -H ^"authorization: Bearer ${JWT}^" ^
  -H ^"content-type: application/json^" ^
  -b ^"session=s3cr3t; _ga=GA1.1^" ^
  --data-raw ^"^{^\\^"query^\\^":^\\^"^{ me ^{ id ^} ^}^\\^"^}^" ^
  --compressed`;

const chromeRequest: Partial<RawRequest> = {
  method: 'POST',
  url: 'https://api.example.com/graphql',
  headers: [
    { name: 'accept', value: '*/*' },
    { name: 'authorization', value: `Bearer ${JWT}` },
    { name: 'content-type', value: 'application/json' },
  ],
  cookies: [
    { name: 'session', value: 's3cr3t' },
    { name: '_ga', value: 'GA1.1' },
  ],
  body: { kind: 'json', text: '{"query":"{ me { id } }"}' },
};

const cases: Case[] = [
  { name: 'Chrome "Copy as cURL (bash)"', text: chromeBash, requests: [chromeRequest] },
  { name: 'Chrome "Copy as cURL (cmd)"', text: chromeCmd, requests: [chromeRequest] },
  {
    name: 'PowerShell curl.exe with backtick continuations and $env:',
    text: `curl.exe -X POST \`
  -H "Authorization: Bearer $env:API_TOKEN" \`
  -H "Content-Type: application/json" \`
  https://api.example.com/items`,
    requests: [
      {
        method: 'POST',
        url: 'https://api.example.com/items',
        headers: [
          {
            name: 'Authorization',
            value: 'Bearer $env:API_TOKEN',
            origin: { kind: 'shell_variable', names: ['API_TOKEN'] },
          },
          { name: 'Content-Type', value: 'application/json' },
        ],
      },
    ],
    notes: ['shell.variable'],
  },
  {
    name: 'PowerShell: `curl` with curl flags is the Invoke-WebRequest alias',
    text: 'PS C:\\work> curl -H "Authorization: Bearer abc" https://api.example.com/',
    requests: [{ headers: [{ name: 'Authorization', value: 'Bearer abc' }] }],
    notes: ['powershell.curl_alias'],
  },
  {
    name: 'PowerShell: Invoke-WebRequest parameters are not read as curl',
    text: "curl -Uri https://api.example.com/ -Headers @{Authorization='Bearer abc'}",
    requests: [],
    notes: ['powershell.invoke_webrequest'],
  },
  {
    name: 'TOKEN=x curl … expands $TOKEN before the assignment applies',
    text: 'TOKEN=abc curl -H "Authorization: Bearer $TOKEN" https://api.example.com/',
    requests: [
      {
        headers: [
          {
            name: 'Authorization',
            value: 'Bearer $TOKEN',
            origin: { kind: 'shell_variable', names: ['TOKEN'] },
          },
        ],
      },
    ],
    notes: ['shell.prefix_assignment', 'shell.variable'],
  },
  {
    name: 'export TOKEN=… on an earlier line fills the value in',
    text: 'export TOKEN=abc123\ncurl -H "Authorization: Bearer $TOKEN" https://api.example.com/',
    requests: [
      {
        headers: [
          {
            name: 'Authorization',
            value: 'Bearer abc123',
            origin: { kind: 'shell_variable', names: ['TOKEN'] },
          },
        ],
      },
    ],
    notes: ['shell.variable'],
  },
  {
    name: "single-quoted '$TOKEN' stays literal even when TOKEN is set",
    text: "TOKEN=abc; curl -H 'Authorization: Bearer $TOKEN' https://api.example.com/",
    requests: [
      {
        headers: [
          {
            name: 'Authorization',
            value: 'Bearer $TOKEN',
            origin: { kind: 'shell_literal_variable', names: ['TOKEN'] },
          },
        ],
      },
    ],
    notes: ['shell.single_quoted_variable'],
  },
  {
    name: '`a && curl …; curl …` keeps both curl commands',
    text: 'cd /tmp && curl -s https://a.example/one; curl -u u:p https://b.example/two',
    requests: [
      { url: 'https://a.example/one' },
      { url: 'https://b.example/two', basicAuth: { user: 'u', password: 'p' } },
    ],
  },
  {
    name: '`cat f | curl -d @-` reads the file',
    text: 'cat payload.json | curl -d @- -H "Content-Type: application/json" https://api.example.com/',
    requests: [{ body: { kind: 'file', file: 'payload.json' } }],
  },
  {
    name: '`echo … | curl --data-binary @-` reads the echoed text',
    text: 'echo \'{"a":1}\' | curl --data-binary @- https://api.example.com/',
    requests: [{ body: { kind: 'json', text: '{"a":1}\n' } }],
  },
  {
    name: 'here-document feeds @-',
    text: 'curl -X POST https://api.example.com/ --data-binary @- <<EOF\n{"name": "x"}\nEOF',
    requests: [{ body: { kind: 'json', text: '{"name": "x"}\n' } }],
  },
  {
    name: '< file feeds @-',
    text: 'curl --data-binary @- https://api.example.com/ < body.xml',
    requests: [{ body: { kind: 'file', file: 'body.xml' } }],
  },
  {
    name: 'a stray newline splits the command: read as one, with a note',
    text: 'curl -X POST https://api.example.com/v1/items\n  -H "Authorization: Bearer abc"\n  -d \'{"a":1}\'',
    requests: [
      {
        method: 'POST',
        url: 'https://api.example.com/v1/items',
        headers: [
          { name: 'Authorization', value: 'Bearer abc' },
          { name: 'Content-Type', value: 'application/x-www-form-urlencoded' },
        ],
      },
    ],
    notes: ['curl.split_command', 'curl.split_command'],
  },
  {
    name: 'the URL on its own line after the options',
    text: 'curl -H "X-Api-Key: k"\nhttps://api.example.com/v2/me',
    requests: [{ url: 'https://api.example.com/v2/me', headers: [{ name: 'X-Api-Key', value: 'k' }] }],
    notes: ['curl.split_command'],
  },
  {
    name: '$ prompt and > continuation prompts',
    text: '$ curl -i \\\n> -H "Authorization: token ghp_x" \\\n> https://api.github.com/user',
    requests: [
      { url: 'https://api.github.com/user', headers: [{ name: 'Authorization', value: 'token ghp_x' }] },
    ],
  },
  {
    name: '> prompt in front of curl',
    text: '> curl -i http://stream.example.com:8080/admin/',
    requests: [{ url: 'http://stream.example.com:8080/admin/', options: { include: true } }],
  },
  {
    name: 'sudo, env, time and a path to curl',
    text: 'sudo -E env HTTPS_PROXY=http://p:3128 time /usr/local/bin/curl -k https://internal.example/',
    requests: [{ url: 'https://internal.example/', options: { insecure: true } }],
  },
  {
    name: 'comments and unrelated commands around the curl',
    text: '# login first\nnpm run build\ncurl https://api.example.com/ # trailing comment\necho done',
    requests: [{ url: 'https://api.example.com/' }],
    lines: [3],
  },
  {
    name: 'exchange lines follow the segment start line',
    text: 'curl https://a.example/\n\ncurl https://b.example/',
    startLine: 10,
    requests: [{ url: 'https://a.example/' }, { url: 'https://b.example/' }],
    lines: [10, 12],
  },
];

describe('parseCurl', () => {
  it.each(cases)('$name', ({ text, startLine, requests, lines, notes }) => {
    const fragment = parseCurl(seg(text, startLine));
    const exchanges = fragment.exchanges ?? [];
    expect(exchanges.map((e) => e.source)).toEqual(requests.map(() => 'curl'));
    requests.forEach((expected, i) => {
      const actual = exchanges[i]?.request;
      for (const [key, value] of Object.entries(expected)) {
        const field = actual?.[key as keyof RawRequest];
        if (key === 'headers') expect(field, key).toEqual(value);
        else expect(field, key).toMatchObject(value as object);
      }
    });
    if (lines !== undefined) expect(exchanges.map((e) => e.line)).toEqual(lines);
    expect((fragment.notes ?? []).map((n) => n.code)).toEqual(notes ?? []);
    if (requests.length > 0) expect(fragment.kinds).toEqual(['curl']);
  });

  it.each([
    ['empty', ''],
    ['no curl at all', 'npm ERR! code E401\nnpm ERR! Unable to authenticate'],
    ['unterminated quote', "curl -H 'Authorization: Bearer abc https://x"],
    ['binary noise', '\u0000\u0001curl\u0002 -H \u0003'],
    ['a lone dash', 'curl -'],
    ['a first word named like an object property', 'constructor -x curl https://x'],
  ])('never throws: %s', (_name, text) => {
    expect(() => parseCurl(seg(text))).not.toThrow();
  });

  it.each([
    'wget https://example.com',
    'wget https://example.com/curl',
    'constructor -x curl https://x',
    'toString curl https://x',
    'xcurl https://x',
    'curl.exe.bak https://x',
  ])('reports when there is no curl command: %j', (text) => {
    const fragment = parseCurl(seg(text));
    expect(fragment.kinds).toBeUndefined();
    expect(fragment.notes?.map((n) => n.code)).toEqual(['curl.no_command']);
  });

  it.each([
    ['CURL https://x', 'CURL'],
    ['/usr/bin/curl https://x', 'a path'],
    ['C:\\tools\\curl.exe https://x', 'a Windows path'],
    ['sudo -u me curl https://x', 'a wrapper'],
  ])('finds the curl program in %j (%s)', (text) => {
    expect(parseCurl(seg(text)).exchanges?.map((e) => e.request?.url)).toEqual(['https://x']);
  });

  it.each([
    ['a redirect', "curl https://x -H 'A: b' > out.json 2>&1", []],
    ['a prompt', "$ curl https://x -H 'A: b'", []],
    ['an HTML body', "curl https://x -H 'A: b' -d '<a>1</a>'", ['Content-Type']],
  ])('keeps the command whole around %s', (_name, text, extra) => {
    const request = parseCurl(seg(text)).exchanges?.[0]?.request;
    expect(request?.url).toBe('https://x');
    expect(request?.headers.map((h) => h.name)).toEqual(['A', ...extra]);
  });

  it('reads a 1 MB command in linear time', () => {
    const body = 'a'.repeat(1_000_000);
    const started = performance.now();
    const fragment = parseCurl(seg(`curl -H 'X: y' --data-raw '${body}' https://api.example.com/`));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(fragment.exchanges?.[0]?.request?.body?.text?.length).toBe(1_000_000);
  });
});

describe('curlDialect', () => {
  it.each([
    ['curl "https://x" ^\n  -H "a: b"', 'cmd'],
    ['curl ^"https://x^"', 'cmd'],
    ['curl.exe -H "a: b" https://x', 'powershell'],
    ['curl -X POST `\n  https://x', 'powershell'],
    ['curl -H "X: $env:KEY" https://x', 'powershell'],
    ['PS C:\\> curl https://x', 'powershell'],
    ['curl https://x -d @- < `echo f.txt`', 'bash'],
    ["curl -H 'a: b' \\\n  https://x", 'bash'],
    ['curl https://x/setup.exe', 'bash'],
    ['C:\\bin\\curl.exe https://x', 'powershell'],
    ['curl https://x/a^b', 'bash'],
    ['curl -d "PS is" https://x', 'bash'],
  ])('%j is %s', (text, dialect) => {
    expect(curlDialect(text)).toBe(dialect);
  });
});
