import { EncryptJWT, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { inspectJwt } from '../../src/intake/credentials/jwt.js';
import type { JwtInfo } from '../../src/intake/evidence.js';
import { B64URL, b64url, random } from '../support/credential-fakes.js';

const CLAIMS = {
  sub: 'user-42',
  aud: 'https://api.example.com',
  iss: 'https://issuer.example.com',
  scope: 'read',
};
const EXP = 2_000_000_000;
const hmacKey = new TextEncoder().encode(random(B64URL, 48));

let hs256 = '';
let rs256 = '';
let es256 = '';
let unsecured = '';
let jwe = '';

beforeAll(async () => {
  hs256 = await new SignJWT(CLAIMS)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setExpirationTime(EXP)
    .sign(hmacKey);
  const rsa = await generateKeyPair('RS256');
  rs256 = await new SignJWT(CLAIMS)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuedAt(1_700_000_000)
    .sign(rsa.privateKey);
  const ec = await generateKeyPair('ES256');
  es256 = await new SignJWT(CLAIMS).setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey);
  unsecured = new UnsecuredJWT(CLAIMS).setExpirationTime(EXP).encode();
  jwe = await new EncryptJWT(CLAIMS)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .encrypt(new Uint8Array(32).fill(7));
});

const parts = (token: string) => token.split('.') as [string, string, string];

/** What a user would notice: how many parts, whether signed, the error, and a claim or two. */
function summary(info: JwtInfo | undefined) {
  return (
    info && {
      parts: info.parts,
      signaturePresent: info.signaturePresent,
      error: info.error,
      alg: info.header?.alg,
      sub: info.claims?.sub,
    }
  );
}

describe('decodable tokens', () => {
  it('reads header and claims of an HS256 token without verifying it', () => {
    const info = inspectJwt(hs256);
    expect(summary(info)).toEqual({
      parts: 3,
      signaturePresent: true,
      error: undefined,
      alg: 'HS256',
      sub: 'user-42',
    });
    expect(info?.claims?.exp).toBe(EXP);
    expect(info?.header?.typ).toBe('JWT');
  });

  it('reads an RS256 token and keeps its kid', () => {
    const info = inspectJwt(rs256);
    expect(summary(info)).toEqual({
      parts: 3,
      signaturePresent: true,
      error: undefined,
      alg: 'RS256',
      sub: 'user-42',
    });
    expect(info?.header?.kid).toBe('k1');
    expect(info?.claims?.iat).toBe(1_700_000_000);
  });

  it('reads an ES256 token', () => {
    expect(summary(inspectJwt(es256))).toMatchObject({
      error: undefined,
      alg: 'ES256',
      signaturePresent: true,
    });
  });

  it('reads an unsecured alg:none token with its empty signature as complete', () => {
    expect(unsecured.endsWith('.')).toBe(true);
    expect(summary(inspectJwt(unsecured))).toEqual({
      parts: 3,
      signaturePresent: false,
      error: undefined,
      alg: 'none',
      sub: 'user-42',
    });
  });

  it('ignores whitespace around the token', () => {
    expect(inspectJwt(`  ${hs256}\n`)?.claims?.sub).toBe('user-42');
  });

  it('accepts an RSA signature of a 1024-bit key as complete', () => {
    const [h, p] = parts(rs256);
    expect(inspectJwt(`${h}.${p}.${random(B64URL, 171)}`)?.error).toBeUndefined();
  });
});

describe('broken tokens say how they are broken', () => {
  it.each<[string, () => string, Partial<NonNullable<ReturnType<typeof summary>>>]>([
    [
      'signature cut off after the second dot',
      () => `${parts(hs256)[0]}.${parts(hs256)[1]}.`,
      { error: 'truncated', signaturePresent: false, sub: 'user-42' },
    ],
    [
      'no second dot at all',
      () => `${parts(hs256)[0]}.${parts(hs256)[1]}`,
      { parts: 2, error: 'truncated', sub: 'user-42' },
    ],
    ['only the header', () => parts(hs256)[0], { parts: 1, error: 'truncated', alg: 'HS256' }],
    [
      'HS256 signature cut short',
      () => hs256.slice(0, -10),
      { error: 'truncated', signaturePresent: true, sub: 'user-42' },
    ],
    ['RS256 signature cut short', () => rs256.slice(0, rs256.lastIndexOf('.') + 200), { error: 'truncated' }],
    [
      'signature cut to an impossible base64 length',
      () => `${parts(rs256)[0]}.${parts(rs256)[1]}.${parts(rs256)[2].slice(0, 341)}`,
      { error: 'truncated' },
    ],
    [
      'payload cut short',
      () => `${parts(hs256)[0]}.${parts(hs256)[1].slice(0, -7)}.${parts(hs256)[2]}`,
      { error: 'truncated', sub: undefined },
    ],
    [
      'payload in standard base64 with padding',
      () =>
        `${parts(hs256)[0]}.${Buffer.from(JSON.stringify({ sub: 'x>>>?' })).toString('base64')}.${parts(hs256)[2]}`,
      { error: 'bad_base64' },
    ],
    [
      'payload padded with =',
      () => `${parts(hs256)[0]}.${b64url({ sub: 'abc' })}==.${parts(hs256)[2]}`,
      { error: 'bad_base64', sub: 'abc' },
    ],
    [
      'payload that is not JSON',
      () => `${parts(hs256)[0]}.${b64url('hello world')}.${parts(hs256)[2]}`,
      { error: 'bad_json' },
    ],
    [
      'payload that is a JSON array',
      () => `${parts(hs256)[0]}.${b64url('[1,2]')}.${parts(hs256)[2]}`,
      { error: 'bad_json' },
    ],
    ['signature with a character outside base64url', () => `${hs256.slice(0, -1)}+`, { error: 'bad_base64' }],
    [
      'token wrapped over two lines',
      () => `${hs256.slice(0, 30)}\n${hs256.slice(30)}`,
      { error: 'bad_base64' },
    ],
    [
      'a fourth part',
      () => `${hs256}.${random(B64URL, 10)}`,
      { parts: 4, error: 'wrong_part_count', sub: 'user-42' },
    ],
    ['a trailing dot after the signature', () => `${hs256}.`, { parts: 4, error: 'wrong_part_count' }],
  ])('%s', (_label, build, expected) => {
    expect(summary(inspectJwt(build()))).toMatchObject(expected);
  });

  it('recognises an encrypted token (JWE) and reads only its header', () => {
    const info = inspectJwt(jwe);
    expect(summary(info)).toEqual({
      parts: 5,
      signaturePresent: false,
      error: 'encrypted',
      alg: 'dir',
      sub: undefined,
    });
    expect(info?.header?.enc).toBe('A256GCM');
  });
});

describe('values that are not JWTs', () => {
  it.each([
    ['an opaque token', random(B64URL, 40)],
    ['three dotted parts without eyJ', `${random(B64URL, 20)}.${random(B64URL, 20)}.${random(B64URL, 20)}`],
    ['eyJ followed by garbage', `eyJ${random(B64URL, 30)}.${random(B64URL, 30)}.${random(B64URL, 30)}`],
    [
      'base64 JSON without an algorithm (a Grafana-style key)',
      b64url({ k: random(B64URL, 20), n: 'ci', id: 1 }),
    ],
    ['empty', ''],
  ])('%s', (_label, value) => {
    expect(inspectJwt(value)).toBeUndefined();
  });
});
