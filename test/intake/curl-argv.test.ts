import { describe, expect, it } from 'vitest';
import { type CurlArgvContext, parseCurlArgv } from '../../src/intake/parsers/curl/argv.js';
import { longOption, shortOption } from '../../src/intake/parsers/curl/options.js';
import type { RawRequest } from '../../src/intake/raw.js';
import type { Word, WordPart } from '../../src/intake/shell/types.js';

/** An unquoted literal word. */
const w = (text: string, line = 1): Word => ({
  value: text,
  parts: [{ text, quote: 'none', kind: 'literal' }],
  line,
});
/** A word built from parts: strings are double-quoted literals, `$NAME` objects are variables. */
const parts = (...ps: WordPart[]): Word => ({ value: ps.map((p) => p.text).join(''), parts: ps, line: 1 });
const dq = (text: string): WordPart => ({ text, quote: 'double', kind: 'literal' });
const sq = (text: string): WordPart => ({ text, quote: 'single', kind: 'literal' });
const v = (name: string): WordPart => ({ text: `$${name}`, quote: 'double', kind: 'variable', name });
const cs = (text: string): WordPart => ({ text, quote: 'double', kind: 'command_substitution' });

type Arg = string | Word;

interface Case {
  name: string;
  args: Arg[];
  ctx?: Partial<CurlArgvContext>;
  requests: Partial<RawRequest>[];
  /** Note codes, in order; every case checks them (an empty list means no notes at all). */
  notes?: string[];
}

const U = 'https://api.example.com/v1/me';

const cases: Case[] = [
  // Short options and clusters
  {
    name: 'combined flags -sSL',
    args: ['-sSL', U],
    requests: [{ method: 'GET', url: U, options: { followRedirects: true } }],
  },
  {
    name: '-XPOST glued value',
    args: ['-XPOST', U],
    requests: [{ method: 'POST', methodExplicit: true, url: U }],
  },
  {
    name: '-HAuthorization:x glued header',
    args: ['-HAuthorization:x', U],
    requests: [{ headers: [{ name: 'Authorization', value: 'x' }] }],
  },
  {
    name: '-vL two flags',
    args: ['-vL', U],
    requests: [{ options: { verbose: true, followRedirects: true } }],
  },
  {
    name: '-u:pass empty user',
    args: ['-u:pass', U],
    requests: [{ basicAuth: { user: '', password: 'pass' } }],
  },
  {
    name: 'flag cluster ending in a value option: -sLu user:pw',
    args: ['-sLu', 'user:pw', U],
    requests: [{ basicAuth: { user: 'user', password: 'pw' }, options: { followRedirects: true } }],
  },
  {
    name: '-d@file glued file',
    args: ['-d@body.json', U],
    requests: [{ method: 'POST', body: { kind: 'file', file: 'body.json' } }],
    notes: [],
  },
  // Long options
  {
    name: '--flag value',
    args: ['--request', 'DELETE', '--url', U],
    requests: [{ method: 'DELETE', methodExplicit: true, url: U }],
  },
  {
    name: '--flag=value is read, with a note that curl rejects it',
    args: ['--header=X-Api-Key: k1', U],
    requests: [{ headers: [{ name: 'X-Api-Key', value: 'k1' }] }],
    notes: ['curl.equals_syntax'],
  },
  {
    name: 'unambiguous prefix --sil = --silent',
    args: ['--sil', U],
    requests: [{ url: U }],
    notes: ['curl.abbreviated_option'],
  },
  {
    name: 'ambiguous prefix --dat',
    args: ['--dat', 'x=1', U],
    requests: [{ method: 'GET', url: 'http://x=1' }, { url: U }],
    notes: ['curl.ambiguous_option'],
  },
  {
    name: '--no-location turns -L off',
    args: ['-L', '--no-location', U],
    requests: [{ options: { followRedirects: false } }],
  },
  {
    name: '-- ends options',
    args: ['--', '-not-an-option.example.com'],
    requests: [{ url: 'http://-not-an-option.example.com' }],
  },
  {
    name: '-K config file is not read',
    args: ['-K', 'secrets.cfg', U],
    requests: [{ url: U }],
    notes: ['curl.config_not_read'],
  },
  {
    name: 'unknown long and short options are notes, not failures',
    args: ['--frobnicate', '-W', '-H', 'A: b', U],
    requests: [{ headers: [{ name: 'A', value: 'b' }], url: U }],
    notes: ['curl.unknown_option', 'curl.unknown_option'],
  },
  {
    name: 'missing argument at the end',
    args: [U, '-H'],
    requests: [{ url: U, headers: [] }],
    notes: ['curl.missing_argument'],
  },
  {
    name: 'newer option names people paste (--expand-header, --ca-native, --variable)',
    args: ['--variable', 'tok=abc', '--ca-native', '--expand-header', 'X-Trace: {{tok}}', U],
    requests: [{ headers: [{ name: 'X-Trace', value: '{{tok}}' }] }],
  },
  // Requests and URLs
  {
    name: '--next separates requests and their options',
    args: ['-H', 'A: 1', 'https://a.example', '--next', '-H', 'B: 2', 'https://b.example'],
    requests: [
      { url: 'https://a.example', headers: [{ name: 'A', value: '1' }] },
      { url: 'https://b.example', headers: [{ name: 'B', value: '2' }] },
    ],
  },
  {
    name: '-: is --next',
    args: ['https://a.example', '-:', '-X', 'PUT', 'https://b.example'],
    requests: [{ method: 'GET' }, { method: 'PUT' }],
  },
  {
    name: 'several URLs share the options, one request each',
    args: ['-H', 'Authorization: Bearer t', 'https://a.example/x', 'https://b.example/y'],
    requests: [
      { url: 'https://a.example/x', headers: [{ name: 'Authorization', value: 'Bearer t' }] },
      { url: 'https://b.example/y', headers: [{ name: 'Authorization', value: 'Bearer t' }] },
    ],
  },
  {
    name: 'per-URL -T: the n-th upload goes to the n-th URL, named after the file when the path ends in /',
    args: [
      '-T',
      'a.txt',
      'https://h.example/dir/',
      '-T',
      'b.txt',
      'https://h.example/exact',
      'https://h.example/',
    ],
    requests: [
      { method: 'PUT', url: 'https://h.example/dir/a.txt', body: { kind: 'file', file: 'a.txt' } },
      { method: 'PUT', url: 'https://h.example/exact', body: { kind: 'file', file: 'b.txt' } },
      { method: 'GET', url: 'https://h.example/' },
    ],
  },
  {
    name: 'schemeless URLs get the scheme curl guesses',
    args: ['localhost:3000/api', 'ftp.example.com/f'],
    requests: [{ url: 'http://localhost:3000/api' }, { url: 'ftp://ftp.example.com/f' }],
  },
  {
    name: '--url-query is appended to every URL, encoded like --data-urlencode',
    args: ['--url-query', 'q=a b', '--url-query', '+raw=x y', 'https://s.example/?v=1', 'https://s.example'],
    requests: [{ url: 'https://s.example/?v=1&q=a+b&raw=x y' }, { url: 'https://s.example?q=a+b&raw=x y' }],
  },
  {
    name: 'no URL but credentials: still reported, with a note',
    args: ['-H', 'Authorization: Bearer t'],
    requests: [{ headers: [{ name: 'Authorization', value: 'Bearer t' }] }],
    notes: ['curl.no_url'],
  },
  // Methods
  {
    name: '-I is HEAD',
    args: ['-I', U],
    requests: [{ method: 'HEAD' }],
  },
  {
    name: '-I with -d: curl refuses both',
    args: ['-I', '-d', 'a=1', U],
    requests: [{ method: 'HEAD' }],
    notes: ['curl.conflicting_methods'],
  },
  {
    name: '-d implies POST and the form Content-Type',
    args: ['-d', 'a=1', '-d', 'b=2', U],
    requests: [
      {
        method: 'POST',
        methodExplicit: undefined,
        headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
        body: {
          kind: 'form',
          text: 'a=1&b=2',
          fields: [
            { name: 'a', value: '1' },
            { name: 'b', value: '2' },
          ],
        },
      },
    ],
  },
  {
    name: '-G moves data into the query and stays GET',
    args: ['-G', '-d', 'limit=10', '--data-urlencode', 'q=a b', 'https://s.example/search?x=1#top'],
    requests: [
      {
        method: 'GET',
        url: 'https://s.example/search?x=1&limit=10&q=a+b#top',
        headers: [],
        body: undefined,
        options: { dataAsQuery: true },
      },
    ],
  },
  {
    name: '-X GET with -d still sends the body',
    args: ['-X', 'GET', '-d', '{"a":1}', U],
    requests: [{ method: 'GET', methodExplicit: true, body: { kind: 'json', text: '{"a":1}' } }],
  },
  {
    name: '-T with -d: curl refuses, the upload is reported',
    args: ['-T', 'f.bin', '-d', 'x=1', 'https://h.example/up/'],
    requests: [{ method: 'PUT', url: 'https://h.example/up/f.bin', headers: [] }],
    notes: ['curl.conflicting_methods'],
  },
  {
    name: '--json: POST with JSON Content-Type and Accept, pieces concatenated',
    args: ['--json', '{"a":', '--json', '1}', U],
    requests: [
      {
        method: 'POST',
        headers: [
          { name: 'Content-Type', value: 'application/json' },
          { name: 'Accept', value: 'application/json' },
        ],
        body: { kind: 'json', text: '{"a":1}' },
      },
    ],
  },
  {
    name: '--json keeps a user Accept',
    args: ['--json', '{}', '-H', 'Accept: text/plain', U],
    requests: [
      {
        headers: [
          { name: 'Accept', value: 'text/plain' },
          { name: 'Content-Type', value: 'application/json' },
        ],
      },
    ],
  },
  // Headers
  {
    name: "-H 'Name;' sends an empty header",
    args: ['-H', 'X-Empty;', U],
    requests: [{ headers: [{ name: 'X-Empty', value: '' }] }],
  },
  {
    name: "-H 'Content-Type:' removes curl's own header",
    args: ['-H', 'Content-Type:', '-d', 'a=1', U],
    requests: [{ headers: [], body: { kind: 'form', text: 'a=1' } }],
    notes: ['curl.header_removed'],
  },
  {
    name: '-H @file is noted',
    args: ['-H', '@headers.txt', U],
    requests: [{ headers: [] }],
    notes: ['curl.header_file'],
  },
  {
    name: '-H without a colon is not sent, and the note does not repeat the value',
    args: ['-H', 'Bearer sk_live_abc123', U],
    requests: [{ headers: [] }],
    notes: ['curl.header_malformed'],
  },
  {
    name: '-A and -e are sent as headers; ;auto is not part of the Referer',
    args: ['-A', 'my-agent/1.0', '-e', 'https://ref.example/;auto', U],
    requests: [
      {
        headers: [
          { name: 'User-Agent', value: 'my-agent/1.0' },
          { name: 'Referer', value: 'https://ref.example/' },
        ],
      },
    ],
  },
  {
    name: '-H User-Agent replaces -A',
    args: ['-A', 'a', '-H', 'User-Agent: b', U],
    requests: [{ headers: [{ name: 'User-Agent', value: 'b' }] }],
  },
  {
    name: 'header value keeps inner text, leading space after the colon dropped',
    args: ['-H', 'Authorization:   Bearer  abc ', U],
    requests: [{ headers: [{ name: 'Authorization', value: 'Bearer  abc ' }] }],
  },
  {
    name: '-r is a Range header, a lone number gets the dash curl adds',
    args: ['-r', '600', U],
    requests: [{ headers: [{ name: 'Range', value: 'bytes=600-' }] }],
  },
  // Credentials
  {
    name: '-u user alone: curl prompts for the password',
    args: ['-u', 'alice', U],
    requests: [{ basicAuth: { user: 'alice' } }],
    notes: ['curl.password_prompt'],
  },
  {
    name: '-u splits at the first colon only',
    args: ['--user', 'api:key:with:colons', U],
    requests: [{ basicAuth: { user: 'api', password: 'key:with:colons' } }],
  },
  {
    name: '--oauth2-bearer',
    args: ['--oauth2-bearer', 'tok123', U],
    requests: [{ bearer: { token: 'tok123' } }],
  },
  {
    name: 'auth scheme flags, last one wins, --no-X clears',
    args: ['-u', 'a:b', '--digest', '--ntlm', '--no-ntlm', U],
    requests: [{ basicAuth: { user: 'a', password: 'b' }, options: undefined }],
  },
  {
    name: '--negotiate with -u :',
    args: ['--negotiate', '-u', ':', U],
    requests: [{ basicAuth: { user: '', password: '' }, options: { authScheme: 'negotiate' } }],
  },
  {
    name: '--anyauth and --basic',
    args: ['--anyauth', 'https://a.example', '--next', '--basic', 'https://b.example'],
    requests: [{ options: { authScheme: 'anyauth' } }, { options: { authScheme: 'basic' } }],
  },
  {
    name: '--aws-sigv4',
    args: ['--aws-sigv4', 'aws:amz:us-east-1:s3', '-u', 'AKID:secret', U],
    requests: [{ options: { awsSigv4: 'aws:amz:us-east-1:s3', authScheme: 'aws-sigv4' } }],
  },
  {
    name: '--netrc is noted',
    args: ['-n', U],
    requests: [{ url: U }],
    notes: ['curl.netrc'],
  },
  // Cookies
  {
    name: '-b with = is a cookie string, without is a file; -c is the jar',
    args: ['-b', 'session=abc; theme=dark', '-b', 'jar.txt', '-c', 'out.txt', U],
    requests: [
      {
        cookies: [
          { name: 'session', value: 'abc' },
          { name: 'theme', value: 'dark' },
        ],
        options: { cookieFiles: ['jar.txt'], cookieJar: 'out.txt' },
      },
    ],
  },
  // Data flags
  {
    name: '--data-raw keeps a leading @',
    args: ['--data-raw', '@not-a-file', U],
    requests: [{ body: { kind: 'raw', text: '@not-a-file' } }],
  },
  {
    name: '--data-binary @file',
    args: ['--data-binary', '@payload.bin', U],
    requests: [{ body: { kind: 'file', file: 'payload.bin' } }],
  },
  {
    name: '--data-ascii like -d',
    args: ['--data-ascii', 'grant_type=client_credentials', U],
    requests: [{ body: { kind: 'form', fields: [{ name: 'grant_type', value: 'client_credentials' }] } }],
  },
  {
    name: '--data-urlencode forms: name=value, =value, value, name@file',
    args: [
      '--data-urlencode',
      'q=a b&c',
      '--data-urlencode',
      '=x*y',
      '--data-urlencode',
      'plain~',
      '--data-urlencode',
      'doc@notes.txt',
      U,
    ],
    requests: [{ body: { kind: 'raw', text: 'q=a+b%26c&x%2Ay&plain~&doc=@notes.txt', file: 'notes.txt' } }],
  },
  {
    name: '-d @- with standard input shown in the paste',
    args: ['-d', '@-', U],
    ctx: { stdin: { text: 'hello\nworld\r\n' } },
    requests: [{ body: { kind: 'raw', text: 'helloworld' } }],
  },
  {
    name: '--data-binary @- keeps newlines from standard input',
    args: ['--data-binary', '@-', U],
    ctx: { stdin: { text: '{"a":1}\n' } },
    requests: [{ body: { kind: 'json', text: '{"a":1}\n' } }],
  },
  {
    name: '-d @- with no standard input in the paste',
    args: ['-d', '@-', U],
    requests: [{ body: { kind: 'file', file: '-' } }],
    notes: ['curl.stdin_unknown'],
  },
  {
    name: '-F fields, files, ;type= and quoted values; --form-string is literal',
    args: [
      '-F',
      'meta={"a":1};type=application/json',
      '-F',
      'file=@"my doc.pdf"',
      '--form-string',
      'raw=@x',
      U,
    ],
    requests: [
      {
        method: 'POST',
        headers: [],
        body: {
          kind: 'multipart',
          fields: [
            { name: 'meta', value: '{"a":1}' },
            { name: 'file', value: '@my doc.pdf', file: 'my doc.pdf' },
            { name: 'raw', value: '@x' },
          ],
        },
      },
    ],
  },
  {
    name: '-d and -F together: curl refuses, -d kept',
    args: ['-d', 'a=1', '-F', 'b=2', U],
    requests: [{ body: { kind: 'form', text: 'a=1' } }],
    notes: ['curl.conflicting_body'],
  },
  // Transport options
  {
    name: '-L --location-trusted --max-redirs',
    args: ['--location-trusted', '--max-redirs', '3', U],
    requests: [{ options: { followRedirects: true, locationTrusted: true, maxRedirs: 3 } }],
  },
  {
    name: '-k -x -U',
    args: ['-k', '-x', 'http://proxy.local:3128', '-U', 'pu:pp', U],
    requests: [{ options: { insecure: true, proxy: 'http://proxy.local:3128', proxyUser: 'pu:pp' } }],
  },
  {
    name: '--socks5-hostname becomes a socks5h proxy',
    args: ['--socks5-hostname', '127.0.0.1:9050', U],
    requests: [{ options: { proxy: 'socks5h://127.0.0.1:9050' } }],
  },
  {
    name: '-i and HTTP version flags',
    args: ['-i', '--http2', U, '--next', '-0', U],
    requests: [{ options: { include: true, httpVersion: '2' } }, { options: { httpVersion: '1.0' } }],
  },
  // Where values came from
  {
    name: 'double-quoted $TOKEN: shell_variable origin and a note',
    args: ['-H', parts(dq('Authorization: Bearer '), v('TOKEN')), U],
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
    notes: ['shell.variable'],
  },
  {
    name: "single-quoted '$TOKEN' is sent literally",
    args: ['-H', parts(sq('Authorization: token $PULUMI_ACCESS_TOKEN')), U],
    requests: [
      {
        headers: [
          {
            name: 'Authorization',
            value: 'token $PULUMI_ACCESS_TOKEN',
            origin: { kind: 'shell_literal_variable', names: ['PULUMI_ACCESS_TOKEN'] },
          },
        ],
      },
    ],
    notes: ['shell.single_quoted_variable'],
  },
  {
    name: 'command substitution in -u and a variable in --oauth2-bearer',
    args: ['-u', parts(cs('$(cat creds)')), '--oauth2-bearer', parts(v('BEARER')), U],
    requests: [
      {
        basicAuth: { user: '$(cat creds)', origin: { kind: 'command_substitution' } },
        bearer: { token: '$BEARER', origin: { kind: 'shell_variable', names: ['BEARER'] } },
      },
    ],
    notes: ['shell.command_substitution', 'curl.password_prompt', 'shell.variable'],
  },
  {
    name: 'a computed value in a header that carries no credential is not noted',
    args: ['-H', parts(dq('X-Request-Id: '), cs('$(uuidgen)')), '-H', parts(dq('X-Api-Key: '), v('KEY')), U],
    requests: [
      {
        headers: [
          { name: 'X-Request-Id', value: '$(uuidgen)', origin: { kind: 'command_substitution' } },
          { name: 'X-Api-Key', value: '$KEY', origin: { kind: 'shell_variable', names: ['KEY'] } },
        ],
      },
    ],
    notes: ['shell.variable'],
  },
  {
    name: 'an empty word is not a URL',
    args: ['', U],
    requests: [{ url: U }],
  },
  {
    name: 'GraphQL $variables in a single-quoted body are not shell variables',
    args: ['-d', parts(sq('{"query":"query($id: ID!) { node(id: $id) }"}')), U],
    requests: [{ body: { kind: 'json' } }],
    notes: [],
  },
  {
    name: 'an env-style $SECRET in a single-quoted form body is noted',
    args: ['-d', parts(sq('grant_type=client_credentials&client_secret=$CLIENT_SECRET')), U],
    requests: [{ body: { kind: 'form' } }],
    notes: ['shell.single_quoted_variable'],
  },
];

const words = (args: Arg[]): Word[] => args.map((a) => (typeof a === 'string' ? w(a) : a));

describe('parseCurlArgv', () => {
  it('has the table of cases the brief asks for', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('$name', ({ args, ctx, requests, notes }) => {
    const result = parseCurlArgv(words(args), { line: 1, ...ctx });
    expect(result.requests).toHaveLength(requests.length);
    requests.forEach((expected, i) => {
      const actual = result.requests[i];
      for (const [key, value] of Object.entries(expected)) {
        const field = actual?.[key as keyof RawRequest];
        if (value === undefined) expect(field, key).toBeUndefined();
        else if (key === 'headers') expect(field, key).toEqual(value);
        else expect(field, key).toMatchObject(value as object);
      }
    });
    expect(result.notes.map((n) => n.code)).toEqual(notes ?? []);
  });

  it('never puts a credential value into a note', () => {
    const secret = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';
    const lists: Arg[][] = [
      ['-H', `Bearer ${secret}`, U],
      ['-u', secret, U],
      [`--header=${secret}`, U],
      [`-${secret}`],
      ['-F', secret, U],
      [`--${secret}`, U],
    ];
    for (const args of lists) {
      const { notes } = parseCurlArgv(words(args), { line: 1 });
      expect(notes.length).toBeGreaterThan(0);
      for (const n of notes) expect(n.message).not.toContain(secret.slice(8));
    }
  });

  it('keeps notes on the line of the word they are about', () => {
    const { notes } = parseCurlArgv([w('-H', 3), w('@h.txt', 4), w(U, 5)], { line: 3 });
    expect(notes).toEqual([expect.objectContaining({ code: 'curl.header_file', line: 4 })]);
  });
});

describe('curl option table', () => {
  it.each([
    ['H', 'header', 'arg'],
    ['d', 'data', 'arg'],
    ['L', 'location', 'bool'],
    ['s', 'silent', 'bool'],
    [':', 'next', 'flag'],
    ['N', 'buffer', 'bool'],
  ])('-%s is --%s (%s)', (letter, name, kind) => {
    expect(shortOption(letter)).toMatchObject({ name, kind });
  });

  it.each([
    ['json', 'json', false, false],
    ['url-query', 'url-query', false, false],
    ['no-location', 'location', true, false],
    ['sil', 'silent', false, true],
    ['no-progress-meter', 'progress-meter', true, false],
    ['expand-data', 'data', false, false],
    ['ca-native', 'ca-native', false, false],
    ['ftp-ssl', 'ssl', false, false],
  ])('--%s resolves to %s', (typed, name, negated, abbreviated) => {
    const found = longOption(typed);
    expect(found.option?.name).toBe(name);
    expect(found.negated === true).toBe(negated);
    expect(found.abbreviated === true).toBe(abbreviated);
  });

  it.each(['no-url', 'no-http2', 'frobnicate', 'no-frobnicate'])('--%s is not an option', (typed) => {
    expect(longOption(typed).option).toBeUndefined();
  });

  it('reports an ambiguous prefix', () => {
    expect(longOption('data-').ambiguous).toEqual(
      expect.arrayContaining(['data-ascii', 'data-binary', 'data-raw', 'data-urlencode']),
    );
  });
});
