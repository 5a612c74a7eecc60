import { describe, expect, it } from 'vitest';
import { type BasicDecoded, decodeBasic } from '../../src/intake/credentials/basic.js';

const b64 = (text: string, encoding: BufferEncoding = 'utf8') =>
  Buffer.from(text, encoding).toString('base64');

describe('decodeBasic', () => {
  it.each<[string, string, BasicDecoded]>([
    ['a well-formed pair', b64('alice:s3cret'), { username: 'alice', password: 's3cret', hasColon: true }],
    [
      '`echo` without -n: a trailing newline',
      b64('alice:s3cret\n'),
      { username: 'alice', password: 's3cret', hasColon: true, error: 'trailing_newline' },
    ],
    [
      'a Windows trailing CRLF',
      b64('alice:s3cret\r\n'),
      { username: 'alice', password: 's3cret', hasColon: true, error: 'trailing_newline' },
    ],
    [
      'user:pass sent without encoding',
      'alice:s3cret',
      { username: 'alice', password: 's3cret', hasColon: true, error: 'not_encoded' },
    ],
    ['text that is not base64', 'not base64!', { username: '', hasColon: false, error: 'not_base64' }],
    ['an impossible base64 length', 'abcde', { username: '', hasColon: false, error: 'not_base64' }],
    ['nothing after the scheme', '   ', { username: '', hasColon: false, error: 'empty' }],
    [
      'no colon: the API key alone',
      b64('sk_live_key_without_colon'),
      { username: 'sk_live_key_without_colon', hasColon: false },
    ],
    ['an empty password', b64('alice:'), { username: 'alice', password: '', hasColon: true }],
    ['an API key as the username', b64('key123:'), { username: 'key123', password: '', hasColon: true }],
    [
      'a colon inside the password',
      b64('alice:pa:ss'),
      { username: 'alice', password: 'pa:ss', hasColon: true },
    ],
    [
      'a UTF-8 password',
      b64('jürgen:pässwörd'),
      { username: 'jürgen', password: 'pässwörd', hasColon: true },
    ],
    [
      'a Latin-1 encoded password',
      b64('jürgen:pw', 'latin1'),
      { username: 'jürgen', password: 'pw', hasColon: true, error: 'not_utf8' },
    ],
    [
      'base64url instead of base64',
      Buffer.from('user:pa>>?~').toString('base64url'),
      { username: 'user', password: 'pa>>?~', hasColon: true, error: 'base64url' },
    ],
    [
      'padding left off',
      b64('bob:pw1').replace(/=+$/, ''),
      { username: 'bob', password: 'pw1', hasColon: true, error: 'bad_padding' },
    ],
    [
      'encoded twice',
      b64(b64('alice:s3cret')),
      { username: 'alice', password: 's3cret', hasColon: true, error: 'double_encoded' },
    ],
    [
      'surrounding whitespace',
      `  ${b64('alice:s3cret')} `,
      { username: 'alice', password: 's3cret', hasColon: true },
    ],
  ])('%s', (_label, blob, expected) => {
    expect(decodeBasic(blob)).toEqual(expected);
  });

  it('flags binary that decodes to control characters', () => {
    const blob = Buffer.from([0x01, 0x02, 0x3a, 0x03, 0x04, 0x05]).toString('base64');
    expect(decodeBasic(blob)).toMatchObject({ error: 'control_chars', hasColon: true });
  });

  it('treats a JWT sent with the Basic scheme as not base64', () => {
    expect(decodeBasic('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln').error).toBe('not_base64');
  });

  it('prefers the newline finding over the alphabet finding', () => {
    const blob = Buffer.from('user:pa>>?~\n').toString('base64url');
    expect(decodeBasic(blob)).toMatchObject({
      username: 'user',
      password: 'pa>>?~',
      error: 'trailing_newline',
    });
  });

  it('decodes a megabyte without trouble', () => {
    const big = b64(`u:${'p'.repeat(1_000_000)}`);
    expect(decodeBasic(big).password).toHaveLength(1_000_000);
  });
});
