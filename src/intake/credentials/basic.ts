/**
 * Decodes the blob after `Basic ` (RFC 7617: base64 of `user-id ":" password`) the way a strict server
 * would, and says how it deviates. Most hand-built Basic headers fail for one of a few reasons: the text
 * was never encoded, `echo` added a newline before `base64`, it was encoded twice, or base64url was used.
 */

export type BasicError =
  /** Nothing after the scheme. */
  | 'empty'
  /** Not base64 at all (bad characters, impossible length). */
  | 'not_base64'
  /** `user:pass` sent as is, without base64. */
  | 'not_encoded'
  /** Decodes to bytes that are not UTF-8 (read as Latin-1 instead). */
  | 'not_utf8'
  /** Decodes to text with control characters: binary, or not Basic credentials at all. */
  | 'control_chars'
  /** The decoded text ends in a newline: `echo 'user:pass' | base64` without `-n`. */
  | 'trailing_newline'
  /** base64 of base64 of `user:pass`. */
  | 'double_encoded'
  /** base64url alphabet (`-`, `_`) instead of base64 (`+`, `/`); many servers reject it. */
  | 'base64url'
  /** Missing or extra `=` padding. */
  | 'bad_padding';

export interface BasicDecoded {
  username: string;
  /** Absent when the decoded text has no colon. */
  password?: string;
  hasColon: boolean;
  error?: BasicError;
}

const BASE64_TEXT = /^[A-Za-z0-9+/_-]+={0,2}$/;

interface Base64Read {
  bytes: Buffer;
  urlAlphabet: boolean;
  badPadding: boolean;
}

export function decodeBasic(value: string): BasicDecoded {
  const blob = value.trim();
  if (blob === '') return { username: '', hasColon: false, error: 'empty' };
  const read = readBase64(blob);
  if (read === undefined) {
    if (blob.includes(':') && /^[\x20-\x7e]+$/.test(blob))
      return { ...splitPair(blob), error: 'not_encoded' };
    return { username: '', hasColon: false, error: 'not_base64' };
  }

  const errors: BasicError[] = [];
  let text = utf8(read.bytes);
  if (text === undefined) {
    errors.push('not_utf8');
    text = read.bytes.toString('latin1');
  }
  const withoutNewline = text.replace(/\r?\n$/, '');
  if (withoutNewline !== text) errors.push('trailing_newline');
  text = withoutNewline;
  // Tabs and spaces are legal in passwords; other control characters mean this was never `user:pass`.
  if (/[\x00-\x08\x0a-\x1f\x7f]/.test(text)) errors.push('control_chars');

  if (!text.includes(':') && errors.length === 0) {
    const inner = innerPair(text);
    if (inner !== undefined) return { ...splitPair(inner), error: 'double_encoded' };
  }
  if (read.urlAlphabet) errors.push('base64url');
  if (read.badPadding) errors.push('bad_padding');

  const pair = splitPair(text);
  const error = errors[0];
  return error === undefined ? pair : { ...pair, error };
}

function readBase64(blob: string): Base64Read | undefined {
  if (!BASE64_TEXT.test(blob)) return undefined;
  const urlAlphabet = /[-_]/.test(blob);
  if (urlAlphabet && /[+/]/.test(blob)) return undefined;
  const body = blob.replace(/(?<!=)=+$/, '');
  if (body.length % 4 === 1) return undefined;
  const padded = body.length % 4 === 0 ? body : body + '='.repeat(4 - (body.length % 4));
  return {
    bytes: Buffer.from(body, urlAlphabet ? 'base64url' : 'base64'),
    urlAlphabet,
    badPadding: blob !== padded,
  };
}

function utf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The text, if it is itself strict base64 of UTF-8 `user:pass`. */
function innerPair(text: string): string | undefined {
  const read = readBase64(text);
  if (read === undefined || read.urlAlphabet || read.badPadding) return undefined;
  const inner = utf8(read.bytes);
  return inner?.includes(':') && !/[\x00-\x1f\x7f]/.test(inner) ? inner : undefined;
}

function splitPair(text: string): BasicDecoded {
  const colon = text.indexOf(':');
  if (colon === -1) return { username: text, hasColon: false };
  return { username: text.slice(0, colon), password: text.slice(colon + 1), hasColon: true };
}
