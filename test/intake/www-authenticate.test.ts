import { describe, expect, it } from 'vitest';
import { parseChallenges } from '../../src/intake/parsers/www-authenticate.js';
import { expectNeverThrows } from '../support/never-throws.js';
import { noteCodes } from '../support/segments.js';

interface Case {
  name: string;
  value: string;
  challenges: { scheme: string; token68?: string; params: Record<string, string> }[];
  notes?: string[];
}

const cases: Case[] = [
  {
    name: 'RFC 9110 §11.6.1: three challenges, a quoted param with escaped quotes',
    value: 'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"',
    challenges: [
      { scheme: 'Newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
      { scheme: 'Basic', params: { realm: 'simple' } },
    ],
  },
  {
    name: 'RFC 7617 Basic with charset',
    value: 'Basic realm="foo", charset="UTF-8"',
    challenges: [{ scheme: 'Basic', params: { realm: 'foo', charset: 'UTF-8' } }],
  },
  {
    name: 'RFC 6750 expired token, comma inside a quoted string',
    value: 'Bearer realm="x", error="invalid_token", error_description="The token expired, please renew"',
    challenges: [
      {
        scheme: 'Bearer',
        params: { realm: 'x', error: 'invalid_token', error_description: 'The token expired, please renew' },
      },
    ],
  },
  {
    name: 'RFC 7616 Digest with a qop list and unquoted algorithm',
    value:
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    challenges: [
      {
        scheme: 'Digest',
        params: {
          realm: 'http-auth@example.org',
          qop: 'auth, auth-int',
          algorithm: 'SHA-256',
          nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
          opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
        },
      },
    ],
  },
  {
    name: 'Elasticsearch: three schemes, the first without a comma between its params',
    value: 'Basic realm="security" charset="UTF-8", Bearer realm="security", ApiKey',
    challenges: [
      { scheme: 'Basic', params: { realm: 'security', charset: 'UTF-8' } },
      { scheme: 'Bearer', params: { realm: 'security' } },
      { scheme: 'ApiKey', params: {} },
    ],
    notes: ['www_authenticate.missing_comma'],
  },
  {
    name: 'token68 with padding, then another challenge',
    value: 'Negotiate YIIBhgYGKwYBBQUCoIIBejCCAXag==, NTLM',
    challenges: [
      { scheme: 'Negotiate', token68: 'YIIBhgYGKwYBBQUCoIIBejCCAXag==', params: {} },
      { scheme: 'NTLM', params: {} },
    ],
  },
  {
    name: 'bare schemes, case kept as sent',
    value: 'negotiate, ntlm',
    challenges: [
      { scheme: 'negotiate', params: {} },
      { scheme: 'ntlm', params: {} },
    ],
  },
  {
    name: 'BWS around "=" and empty list elements',
    value: ' , ,Basic   realm = "x" ,, , Bearer',
    challenges: [
      { scheme: 'Basic', params: { realm: 'x' } },
      { scheme: 'Bearer', params: {} },
    ],
  },
  {
    name: 'param names lowercased, values kept',
    value: 'Bearer Realm="API", Error="invalid_token", SCOPE="read write"',
    challenges: [{ scheme: 'Bearer', params: { realm: 'API', error: 'invalid_token', scope: 'read write' } }],
  },
  {
    name: 'DPoP nonce challenge with algs list',
    value:
      'DPoP error="use_dpop_nonce", error_description="Authorization server requires nonce in DPoP proof", algs="ES256 PS256"',
    challenges: [
      {
        scheme: 'DPoP',
        params: {
          error: 'use_dpop_nonce',
          error_description: 'Authorization server requires nonce in DPoP proof',
          algs: 'ES256 PS256',
        },
      },
    ],
  },
  {
    name: 'several header lines joined by ", "',
    value: 'Bearer realm="example", error="insufficient_scope", scope="repo", Basic realm="GitHub"',
    challenges: [
      { scheme: 'Bearer', params: { realm: 'example', error: 'insufficient_scope', scope: 'repo' } },
      { scheme: 'Basic', params: { realm: 'GitHub' } },
    ],
  },
  {
    name: 'unquoted URL value (Google style)',
    value: 'Bearer realm="https://accounts.google.com/", error=invalid_token, error_uri=https://x.test/e?a=b',
    challenges: [
      {
        scheme: 'Bearer',
        params: {
          realm: 'https://accounts.google.com/',
          error: 'invalid_token',
          error_uri: 'https://x.test/e?a=b',
        },
      },
    ],
  },
  {
    name: 'docker registry token challenge',
    value:
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/x:pull"',
    challenges: [
      {
        scheme: 'Bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/x:pull',
        },
      },
    ],
  },
  {
    name: 'duplicate param: first kept, noted',
    value: 'Bearer realm="a", realm="b"',
    challenges: [{ scheme: 'Bearer', params: { realm: 'a' } }],
    notes: ['www_authenticate.duplicate_param'],
  },
  {
    name: 'unterminated quote: rest taken, noted',
    value: 'Bearer realm="api", error="invalid_token, error_description=x',
    challenges: [{ scheme: 'Bearer', params: { realm: 'api', error: 'invalid_token, error_description=x' } }],
    notes: ['www_authenticate.unterminated_quote'],
  },
  {
    name: 'param before any scheme is skipped, the challenge after it kept',
    value: 'realm="x", Basic realm="y"',
    challenges: [{ scheme: 'Basic', params: { realm: 'y' } }],
    notes: ['www_authenticate.param_without_scheme'],
  },
  {
    name: 'two schemes with no comma between them',
    value: 'Basic realm="a" Bearer',
    challenges: [
      { scheme: 'Basic', params: { realm: 'a' } },
      { scheme: 'Bearer', params: {} },
    ],
    notes: ['www_authenticate.missing_comma'],
  },
  {
    name: 'garbage characters are skipped up to the next comma',
    value: '@@@ junk, Basic realm="ok"',
    challenges: [{ scheme: 'Basic', params: { realm: 'ok' } }],
    notes: ['www_authenticate.unexpected_char'],
  },
  {
    name: 'empty value',
    value: '   ',
    challenges: [],
    notes: ['www_authenticate.empty'],
  },
];

describe('parseChallenges', () => {
  it.each(cases)('$name', ({ value, challenges, notes }) => {
    const result = parseChallenges(value);
    expect(result.challenges).toEqual(challenges);
    expect(noteCodes(result).sort()).toEqual([...(notes ?? [])].sort());
  });

  it('keeps an own "__proto__" key instead of changing the prototype', () => {
    const [challenge] = parseChallenges('Basic __proto__="x"').challenges;
    expect(Object.hasOwn(challenge?.params ?? {}, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(challenge?.params)).toBe(Object.prototype);
  });

  it('stays linear on a huge hostile value', () => {
    const hostile = `Bearer ${'a="'.repeat(100_000)} ${',x'.repeat(100_000)} ${'\\'.repeat(100_000)}`;
    const started = performance.now();
    const result = parseChallenges(hostile);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result.challenges[0]?.scheme).toBe('Bearer');
  });
});

it('never throws on arbitrary text built from the awkward pieces', () => {
  expectNeverThrows(parseChallenges, ['"', '\\', ',', '=', ' ', 'Basic', 'realm', 'a', '\n']);
});
