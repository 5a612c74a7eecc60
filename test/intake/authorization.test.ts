import { describe, expect, it } from 'vitest';
import { splitAuthorization } from '../../src/intake/credentials/authorization.js';

describe('splitAuthorization', () => {
  it.each([
    ['Bearer abc.def', { scheme: 'Bearer', credential: 'abc.def', problems: [] }],
    ['token ghp_x', { scheme: 'token', credential: 'ghp_x', problems: [] }],
    ['Bot abc', { scheme: 'Bot', credential: 'abc', problems: [] }],
    ['abcdef123', { credential: 'abcdef123', problems: ['scheme_missing'] }],
    ['Bearer: abc', { scheme: 'Bearer', credential: 'abc', problems: ['scheme_colon'] }],
    ['Bearer Bearer abc', { scheme: 'Bearer', credential: 'abc', problems: ['scheme_repeated'] }],
    ['Bearer "abc"', { scheme: 'Bearer', credential: 'abc', problems: ['quoted'] }],
    ["Bearer 'abc", { scheme: 'Bearer', credential: 'abc', problems: ['quoted'] }],
    ['Bearer abc def', { scheme: 'Bearer', credential: 'abc def', problems: ['inner_whitespace'] }],
    ['Bearer abc\n', { scheme: 'Bearer', credential: 'abc', problems: ['newline', 'edge_whitespace'] }],
    ['Bearer ', { scheme: 'Bearer', credential: '', problems: ['edge_whitespace', 'empty'] }],
    ['', { credential: '', problems: ['empty'] }],
    ['Bearer abc%3D%3D', { scheme: 'Bearer', credential: 'abc%3D%3D', problems: ['url_encoded'] }],
    ['Bearer abc\u00e9', { scheme: 'Bearer', credential: 'abc\u00e9', problems: ['non_ascii'] }],
    [
      'Digest username="u", realm="r", nonce="n", response="x"',
      { scheme: 'Digest', credential: 'username="u", realm="r", nonce="n", response="x"', problems: [] },
    ],
    [
      'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc',
      {
        scheme: 'AWS4-HMAC-SHA256',
        credential: 'Credential=AKID/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc',
        problems: [],
      },
    ],
  ])('%j', (value, expected) => {
    expect(splitAuthorization(value)).toEqual(expected);
  });
});
