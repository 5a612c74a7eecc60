import { describe, expect, it } from 'vitest';
import { parsePowerShellWeb } from '../../src/intake/parsers/powershell-web.js';
import type { Fragment, RawRequest } from '../../src/intake/raw.js';
import { expectNeverThrows } from '../support/never-throws.js';
import { noteCodes, segmentOf } from '../support/segments.js';

function parse(text: string): Fragment {
  return parsePowerShellWeb(segmentOf('powershell', text));
}

function requestOf(text: string, index = 0): RawRequest | undefined {
  return parse(text).exchanges?.[index]?.request;
}

const CHROME = [
  '$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession',
  '$session.UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"',
  '$session.Cookies.Add((New-Object System.Net.Cookie("sessionid", "s3ss10n", "/", "app.example.com")))',
  '$session.Cookies.Add((New-Object System.Net.Cookie("csrftoken", "c5rf", "/", "app.example.com")))',
  'Invoke-WebRequest -UseBasicParsing -Uri "https://app.example.com/api/v1/me" `',
  '-WebSession $session `',
  '-Headers @{',
  '"authority"="app.example.com"',
  '  "method"="GET"',
  '  "path"="/api/v1/me"',
  '  "scheme"="https"',
  '  "accept"="application/json"',
  '  "authorization"="Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig"',
  '}',
].join('\n');

const POSTMAN = [
  '$headers = New-Object "System.Collections.Generic.Dictionary[[String],[String]]"',
  '$headers.Add("Content-Type", "application/json")',
  '$headers.Add("Authorization", "Bearer $env:API_TOKEN")',
  "$headers['X-Tenant'] = 'acme'",
  '',
  '$body = "{`"name`": `"x`"}"',
  '',
  "$response = Invoke-RestMethod 'https://api.example.com/v2/items' -Method 'POST' -Headers $headers -Body $body",
  '$response | ConvertTo-Json',
].join('\n');

const cases: { name: string; text: string; want: Partial<RawRequest> }[] = [
  {
    name: "Chrome's Copy as PowerShell: session cookies, user agent, headers without pseudo-headers",
    text: CHROME,
    want: {
      method: 'GET',
      methodExplicit: false,
      url: 'https://app.example.com/api/v1/me',
      headers: [
        { name: 'accept', value: 'application/json' },
        { name: 'authorization', value: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig' },
        { name: 'User-Agent', value: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' },
      ],
      cookies: [
        { name: 'sessionid', value: 's3ss10n' },
        { name: 'csrftoken', value: 'c5rf' },
      ],
    },
  },
  {
    name: "Postman's dictionary filled with .Add() and [] and a body variable",
    text: POSTMAN,
    want: {
      method: 'POST',
      methodExplicit: true,
      url: 'https://api.example.com/v2/items',
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        {
          name: 'Authorization',
          value: 'Bearer $env:API_TOKEN',
          origin: { kind: 'env', names: ['API_TOKEN'] },
        },
        { name: 'X-Tenant', value: 'acme' },
      ],
      body: { kind: 'json', text: '{"name": "x"}' },
    },
  },
  {
    name: 'iwr with an inline hashtable: semicolons, bare keys, single quotes',
    text: 'iwr -Uri https://api.example.com/x -Headers @{ Authorization = \'token ghp_abc\'; "X-Api-Key" = "k1" }',
    want: {
      headers: [
        { name: 'Authorization', value: 'token ghp_abc' },
        { name: 'X-Api-Key', value: 'k1' },
      ],
    },
  },
  {
    name: 'a hashtable variable holding a string variable',
    text: '$token = "abc123"\n$h = @{\n  Authorization = "Bearer $token"\n}\nirm https://api.example.com -Headers $h',
    want: { headers: [{ name: 'Authorization', value: 'Bearer abc123' }] },
  },
  {
    name: 'an unknown variable keeps its name as the origin',
    text: 'irm https://api.example.com -Headers @{ Authorization = "Bearer $accessToken" }',
    want: {
      headers: [
        {
          name: 'Authorization',
          value: 'Bearer $accessToken',
          origin: { kind: 'variable', names: ['accessToken'] },
        },
      ],
    },
  },
  {
    name: '-Authentication Bearer -Token from ConvertTo-SecureString',
    text: 'Invoke-RestMethod -Uri https://api.example.com/me -Authentication Bearer -Token (ConvertTo-SecureString "tok_123" -AsPlainText -Force)',
    want: { bearer: { token: 'tok_123' }, options: { followRedirects: true, authScheme: 'bearer' } },
  },
  {
    name: '-Token from a secure-string variable built from an environment variable',
    text: '$t = ConvertTo-SecureString $env:GH_TOKEN -AsPlainText -Force\nirm https://api.github.com/user -Authentication OAuth -Token $t',
    want: { bearer: { token: '$env:GH_TOKEN', origin: { kind: 'env', names: ['GH_TOKEN'] } } },
  },
  {
    name: '-Credential from a PSCredential with -Authentication Basic',
    text: [
      '$pw = ConvertTo-SecureString "p@ss" -AsPlainText -Force',
      '$cred = New-Object System.Management.Automation.PSCredential ("alice", $pw)',
      'Invoke-WebRequest https://api.example.com -Credential $cred -Authentication Basic',
    ].join('\n'),
    want: {
      basicAuth: { user: 'alice', password: 'p@ss' },
      options: { followRedirects: true, authScheme: 'basic' },
    },
  },
  {
    name: 'body hashtable is a form, options read, parameter prefix and case accepted',
    text: "irm -uri https://login.example.com/oauth2/token -METHOD post -Body @{grant_type='client_credentials'; client_id='id1'} -SkipCertificateCheck -MaximumRedirection 0 -ContentT 'application/x-www-form-urlencoded'",
    want: {
      method: 'POST',
      body: {
        kind: 'form',
        text: 'grant_type=client_credentials&client_id=id1',
        fields: [
          { name: 'grant_type', value: 'client_credentials' },
          { name: 'client_id', value: 'id1' },
        ],
      },
      headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded' }],
      options: { followRedirects: false, maxRedirs: 0, insecure: true },
    },
  },
  {
    name: 'ConvertTo-Json body, user agent, preserve authorization on redirect',
    text: "Invoke-RestMethod -Uri https://api.example.com/items -Method Post -Body (@{ name = 'x' } | ConvertTo-Json) -UserAgent 'bot/1.0' -PreserveAuthorizationOnRedirect",
    want: {
      body: { kind: 'json', text: '{"name":"x"}', fields: [{ name: 'name', value: 'x' }] },
      headers: [{ name: 'User-Agent', value: 'bot/1.0' }],
      options: { followRedirects: true, locationTrusted: true },
    },
  },
];

describe('parsePowerShellWeb', () => {
  it.each(cases)('$name', ({ text, want }) => {
    const fragment = parse(text);
    expect(fragment.kinds).toEqual(['powershell']);
    expect(fragment.exchanges).toHaveLength(1);
    expect(fragment.exchanges?.[0]?.source).toBe('powershell');
    expect(requestOf(text)).toMatchObject(want);
  });

  it('reports the line of the call, not of the setup', () => {
    expect(parse(POSTMAN).exchanges?.[0]?.line).toBe(8);
  });

  it('notes -Credential without -Authentication: PowerShell waits for a challenge', () => {
    const fragment = parse('irm https://api.example.com -Credential (Get-Credential)');
    expect(noteCodes(fragment).sort()).toEqual([
      'powershell.credential_not_preemptive',
      'powershell.credential_unknown',
    ]);
  });

  it('notes headers and sessions that come from outside the paste', () => {
    const fragment = parse('irm https://api.example.com -Headers $hdrs -WebSession $s');
    expect(noteCodes(fragment)).toEqual(['powershell.unknown_headers', 'powershell.unknown_session']);
    expect(requestOf('irm https://api.example.com -Headers $hdrs')?.headers).toEqual([]);
  });

  it('finds no request in a script without a web call', () => {
    const fragment = parse('$x = 1\nWrite-Host $x');
    expect(fragment.exchanges).toBeUndefined();
    expect(noteCodes(fragment)).toEqual(['powershell.no_command']);
  });

  it.each([
    ['an unterminated hashtable', 'irm https://x.test -Headers @{ "a" = "b'],
    ['a hashtable of garbage', 'irm https://x.test -Headers @{ = ; == ;; "k" }'],
    [
      'a cookie call with no arguments',
      '$s = New-Object Microsoft.PowerShell.Commands.WebRequestSession\n$s.Cookies.Add((New-Object System.Net.Cookie()))\niwr x.test -WebSession $s',
    ],
  ])('does not throw on %s', (_, text) => {
    expect(() => parse(text)).not.toThrow();
    expect(parse(text).exchanges).toHaveLength(1);
  });
});

it('never throws on arbitrary text built from the awkward pieces', () => {
  expectNeverThrows(parse, [
    'irm ',
    '-Headers ',
    '@{',
    '}',
    '"',
    "'",
    '=',
    ';',
    '$h',
    '$h.Add(',
    ')',
    '(',
    '-Token ',
    '`',
    '\n',
    '-Body ',
    ',',
  ]);
});
