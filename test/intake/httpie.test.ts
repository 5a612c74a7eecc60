import { describe, expect, it } from 'vitest';
import { httpieRequest, httpieUrl, parseHttpie, splitItem } from '../../src/intake/parsers/httpie.js';
import type { RawRequest } from '../../src/intake/raw.js';
import { expectNeverThrows } from '../support/never-throws.js';
import { noteCodes, segmentOf } from '../support/segments.js';

const parse = (text: string) => parseHttpie(segmentOf('httpie', text));

function requestOf(text: string): RawRequest | undefined {
  return parse(text).exchanges?.[0]?.request;
}

const commands: { name: string; command: string; want: Partial<RawRequest> }[] = [
  {
    name: 'GET with a bearer header',
    command: "http https://api.github.com/user 'Authorization:Bearer ghp_abc'",
    want: {
      method: 'GET',
      methodExplicit: false,
      url: 'https://api.github.com/user',
      headers: [{ name: 'Authorization', value: 'Bearer ghp_abc' }],
    },
  },
  {
    name: 'localhost shorthand with an explicit method and JSON fields',
    command: 'http POST :3000/api/login email=a@b.c password=hunter2 remember:=true',
    want: {
      method: 'POST',
      methodExplicit: true,
      url: 'http://localhost:3000/api/login',
      body: {
        kind: 'json',
        text: '{"email": "a@b.c", "password": "hunter2", "remember": true}',
        fields: [
          { name: 'email', value: 'a@b.c' },
          { name: 'password', value: 'hunter2' },
          { name: 'remember', value: 'true' },
        ],
      },
    },
  },
  {
    name: 'data items imply POST',
    command: 'http example.org name=x',
    want: { method: 'POST', methodExplicit: false, url: 'http://example.org' },
  },
  {
    name: 'a host name is not mistaken for a method',
    command: 'http localhost name=x',
    want: { method: 'POST', url: 'http://localhost' },
  },
  {
    name: 'the https command defaults to https',
    command: 'https api.example.com/v1/me',
    want: { url: 'https://api.example.com/v1/me' },
  },
  {
    name: 'query items',
    command: "http GET api.example.com/search q==auth 'api_key==abc 123'",
    want: { url: 'http://api.example.com/search?q=auth&api_key=abc 123' },
  },
  {
    name: '-a user:pass is basic auth',
    command: 'http -a alice:s3cret https://api.example.com/',
    want: { basicAuth: { user: 'alice', password: 's3cret' }, options: { authScheme: 'basic' } },
  },
  {
    name: '-A bearer -a TOKEN is a bearer token',
    command: 'http -A bearer -a "$API_TOKEN" https://api.example.com/',
    want: {
      bearer: { token: '$API_TOKEN', origin: { kind: 'shell_variable', names: ['API_TOKEN'] } },
      options: { authScheme: 'bearer' },
    },
  },
  {
    name: '--auth-type=digest keeps user and password',
    command: 'http --auth-type=digest --auth=bob:pw https://httpbin.org/digest-auth/auth/bob/pw',
    want: { basicAuth: { user: 'bob', password: 'pw' }, options: { authScheme: 'digest' } },
  },
  {
    name: 'form, follow, verify=no, verbose',
    command:
      'http -v -f --follow --verify=no POST https://login.example.com/oauth/token grant_type=client_credentials client_id=abc',
    want: {
      body: {
        kind: 'form',
        text: 'grant_type=client_credentials&client_id=abc',
        fields: [
          { name: 'grant_type', value: 'client_credentials' },
          { name: 'client_id', value: 'abc' },
        ],
      },
      options: { verbose: true, followRedirects: true, insecure: true },
    },
  },
  {
    name: 'file upload makes it multipart',
    command: 'http -f POST example.org/upload name=x cv@~/cv.pdf',
    want: {
      body: {
        kind: 'multipart',
        fields: [
          { name: 'name', value: 'x' },
          { name: 'cv', value: '', file: '~/cv.pdf' },
        ],
      },
    },
  },
  {
    name: 'single-quoted $VAR is sent literally',
    command: "http api.example.com 'Authorization:Bearer $TOKEN'",
    want: {
      headers: [
        {
          name: 'Authorization',
          value: 'Bearer $TOKEN',
          origin: { kind: 'shell_literal_variable', names: ['TOKEN'] },
        },
      ],
    },
  },
  {
    name: 'a variable set earlier in the paste is filled in',
    command: 'export TOKEN=abc123\nhttp api.example.com "Authorization:Bearer $TOKEN"',
    want: {
      headers: [
        {
          name: 'Authorization',
          value: 'Bearer abc123',
          origin: { kind: 'shell_variable', names: ['TOKEN'] },
        },
      ],
    },
  },
  {
    name: 'xh with --bearer',
    command: 'xh --bearer tok123 :8080/me',
    want: { url: 'http://localhost:8080/me', bearer: { token: 'tok123' }, options: { authScheme: 'bearer' } },
  },
  {
    name: 'empty header with ";" and a header named with an escaped colon',
    command: "http example.org 'X-Empty;' 'foo\\:bar:baz'",
    want: {
      headers: [
        { name: 'X-Empty', value: '' },
        { name: 'foo:bar', value: 'baz' },
      ],
    },
  },
  {
    name: 'a shell prompt before the command',
    command: '$ http --offline PUT example.org/x X-Api-Key:k',
    want: { method: 'PUT', headers: [{ name: 'X-Api-Key', value: 'k' }] },
  },
];

describe('parseHttpie', () => {
  it.each(commands)('$name', ({ command, want }) => {
    const fragment = parse(command);
    expect(fragment.kinds).toEqual(['httpie']);
    expect(fragment.exchanges?.[0]?.source).toBe('httpie');
    expect(requestOf(command)).toMatchObject(want);
  });

  it('notes a header written "Name:" that HTTPie removes instead of sending', () => {
    const fragment = parse('http example.org Authorization:');
    expect(fragment.exchanges?.[0]?.request?.headers).toEqual([]);
    expect(noteCodes(fragment)).toContain('httpie.header_unset');
  });

  it('notes a session, whose saved auth is invisible', () => {
    expect(noteCodes(parse('http --session=dev example.org'))).toEqual(['httpie.session']);
  });

  it('reports each command on its own line', () => {
    const fragment = parse('http a.example\n\nhttp b.example');
    expect(fragment.exchanges?.map((e) => [e.line, e.request?.url])).toEqual([
      [1, 'http://a.example'],
      [3, 'http://b.example'],
    ]);
  });

  it.each([
    ['no command', 'echo hello'],
    ['an unrelated program named like a flag', 'httpd -k start'],
  ])('finds nothing in %s', (_, text) => {
    const fragment = parse(text);
    expect(fragment.exchanges).toBeUndefined();
    expect(noteCodes(fragment)).toEqual(['httpie.no_command']);
  });

  it('does not throw on an option missing its value', () => {
    expect(requestOf('http example.org -a')).toBeDefined();
  });
});

describe('httpieRequest over plain argv', () => {
  it('works without the tokenizer', () => {
    expect(
      httpieRequest('https', ['-A', 'bearer', '-a', 'T', 'POST', 'api.example.com', 'X-Id:1']).request,
    ).toEqual({
      method: 'POST',
      methodExplicit: true,
      url: 'https://api.example.com',
      headers: [{ name: 'X-Id', value: '1' }],
      bearer: { token: 'T' },
      options: { authScheme: 'bearer' },
    });
  });

  it.each([
    [':3000/x', 'http://localhost:3000/x'],
    [':/x', 'http://localhost/x'],
    [':', 'http://localhost'],
    ['example.org', 'http://example.org'],
    ['https://example.org', 'https://example.org'],
  ])('URL %s → %s', (raw, want) => {
    expect(httpieUrl(raw)).toBe(want);
  });

  it.each([
    ['a:=@b.json', { key: 'a', separator: ':=@', value: 'b.json' }],
    ['a=@b.txt', { key: 'a', separator: '=@', value: 'b.txt' }],
    ['a==b=c', { key: 'a', separator: '==', value: 'b=c' }],
    ['Authorization:Bearer a:b', { key: 'Authorization', separator: ':', value: 'Bearer a:b' }],
    ['url=http://x', { key: 'url', separator: '=', value: 'http://x' }],
  ])('item %s', (text, want) => {
    expect(splitItem(text)).toEqual(want);
  });
});

it('never throws on arbitrary text built from the awkward pieces', () => {
  expectNeverThrows(parse, [
    'http ',
    '-a',
    ' ',
    '-A',
    'bearer',
    ':',
    '=',
    '@',
    ';',
    '"',
    "'",
    '$X',
    '\\',
    '--auth=',
    '\n',
  ]);
});
