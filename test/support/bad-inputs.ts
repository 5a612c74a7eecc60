/**
 * What users paste when things go wrong, for the platform tests: each must get one clear answer and crash
 * nothing. `expect` is what the answer says (a diagnosis, or a request for a paste).
 */
import { PASTES } from './conversation.js';

export interface BadInput {
  name: string;
  text: string;
  expect: RegExp;
}

const ASKS = /paste|nothing to diagnose|empty/i;

export const BAD_INPUTS: BadInput[] = [
  { name: 'empty', text: '', expect: ASKS },
  { name: 'only whitespace', text: ' \n\t \n', expect: ASKS },
  {
    name: 'binary noise',
    text: '\u0000\u0001\u0002\u0089PNG\r\n\u001a\n\u0000\u0000IHDR\u0000\uFFFD\uFFFD',
    expect: ASKS,
  },
  {
    name: 'a curl command with an unterminated quote',
    text: 'curl -H "Authorization: Bearer abc https://api.example.com/v1/me',
    expect: /401 diagnosis|credential|quote/i,
  },
  {
    name: 'a malformed JWT',
    text: 'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0.not-base64!!" https://api.example.com/me\n< HTTP/1.1 401 Unauthorized',
    expect: /JWT|token/i,
  },
  {
    name: 'a truncated trace',
    text: PASTES.missingHeader.slice(0, Math.floor(PASTES.missingHeader.length * 0.6)),
    expect: /401 diagnosis|credential|request/i,
  },
  {
    name: 'a mixed paste: prose, a command, a log line and JSON',
    text: `hi, this fails since today:\n${PASTES.missingHeader}\nERROR 2026-11-28 requests.exceptions.HTTPError: 401 Client Error\n{"error":"unauthorized"}`,
    expect: /No credential was sent/,
  },
];

/** About a megabyte of trace: more than any platform message holds, read as a file. */
export const HUGE_PASTE = `${PASTES.missingHeader}\n${'< x-debug-padding: '.padEnd(120, 'z')}\n`.repeat(8000);
