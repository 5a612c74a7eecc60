/**
 * A JWT the server cannot even parse: cut short when copied, re-encoded with the wrong base64 alphabet,
 * glued to something else, or encrypted (JWE) where the API expects a signed token it can read.
 *
 * Causes: a cut or altered token is the wrong value (`invalid_credentials`); a token damaged by encoding on
 * the way (padding, `+`/`/`, URL-escapes, line breaks) is `wrong_header_format`; an encrypted token is the
 * wrong kind of token, and Auth0's encrypted token means it was issued for no API at all (no `audience`).
 * A user may also shorten a token on purpose before pasting it, so damage that only copying explains is a
 * warning; a part count no signed JWT can have, sent in a request, is an error.
 */
import type { Credential, JwtInfo } from '../intake/evidence.js';
import { headerOf, urlHost } from './helpers/jwt.js';
import { describeToken, type Placement, placements, sentAsToken } from './helpers/token-placement.js';
import { defineRule, type RuleReport } from './types.js';

/** Signature lengths (base64url characters) of fixed-size algorithms, for "N of M characters". */
const SIGNATURE_LENGTH: Record<string, number> = {
  HS256: 43,
  HS384: 64,
  HS512: 86,
  ES256: 86,
  ES384: 128,
  ES512: 176,
  EdDSA: 86,
  RS256: 342,
  PS256: 342,
};

/** Field sizes that cut values: a cookie (4 KB) or a column, buffer or UI field of a round size. */
const ROUND_LIMITS = new Set([128, 255, 256, 500, 512, 1000, 1024, 2000, 2048, 4000, 4096, 8192]);

const RECOPY = [
  'Copy the complete token again from where it was issued (the token response, the SDK, the storage it was saved to), not from a log line, a terminal or a chat message that wraps or cuts long lines.',
  'Check its length and shape before sending: `printf %s "$TOKEN" | wc -c` and `printf %s "$TOKEN" | tr -cd . | wc -c` (a signed JWT has exactly 2 dots).',
];

export default defineRule({
  meta: {
    id: 'jwt-malformed',
    cause: 'invalid_credentials',
    otherCauses: ['wrong_header_format', 'wrong_token_type', 'wrong_audience_or_issuer'],
    severity: 'warning',
    title: 'The JWT is malformed',
    description:
      'A signed JWT is three base64url parts joined by dots: header, claims and signature. A token cut short, padded or re-encoded with the standard base64 alphabet, glued to other text, or encrypted (five parts) cannot be parsed or verified by the API, which answers 401.',
    docs: [
      'https://www.rfc-editor.org/rfc/rfc7515#section-7.1',
      'https://www.rfc-editor.org/rfc/rfc7519#section-7.2',
    ],
    checklist: ['right-credential', 'header-format'],
  },
  check(evidence, ctx) {
    const broken = evidence.credentials.filter(
      (c) =>
        c.jwt?.error !== undefined &&
        !c.placeholder &&
        !masked(c) &&
        !fragmentOfAnother(c, evidence.credentials),
    );
    const reports: RuleReport[] = [];
    for (const p of placements(broken, ctx)) {
      const jwt = p.credential.jwt;
      if (!jwt) continue;
      const report = reportFor(p, jwt);
      if (report) reports.push(report);
    }
    return reports;
  },
});

function reportFor(p: Placement, jwt: JwtInfo): RuleReport | undefined {
  const token = describeToken(p, p.sent ? 'The JWT sent' : 'The JWT');
  const raw = p.credential.secret?.reveal() ?? '';
  const parts = raw.split('.');
  switch (jwt.error) {
    case 'truncated':
      return {
        confidence: p.sent ? 0.6 : 0.45,
        title: 'The JWT was cut short',
        detail: `${token} ${truncation(jwt, parts)}${limitHint(p, raw.length)} A token shortened on purpose for this paste can be ignored; a token cut like this in the real request fails every check.`,
        evidence: [p.pointer],
        fix: RECOPY,
      };
    case 'bad_base64': {
      const chars = badCharacters(raw);
      return {
        cause: 'wrong_header_format',
        confidence: p.sent ? 0.6 : 0.45,
        title: 'The JWT is not base64url',
        detail: `${token} contains ${chars.length ? chars.join(', ') : 'characters outside base64url'}. JWT parts are base64url without padding (\`A–Z a–z 0–9 - _\`); strict servers reject anything else.`,
        evidence: [p.pointer],
        fix: [
          'Send the token exactly as issued. If your code builds it, encode parts with base64url and no padding: Node `Buffer.from(json).toString("base64url")`, Python `base64.urlsafe_b64encode(data).rstrip(b"=")`.',
          'If the token came from a URL or a form, URL-decode it first; strip line breaks and quotes from values read from files (`tr -d "\\r\\n"`).',
        ],
      };
    }
    case 'bad_json':
      return {
        confidence: p.sent ? 0.55 : 0.4,
        title: 'The JWT does not decode to JSON',
        detail: `${token} has base64url parts, but its header or claims do not decode to a JSON object: the token was edited, or two values were joined.`,
        evidence: [p.pointer],
        fix: RECOPY,
      };
    case 'wrong_part_count': {
      const count = jwt.parts;
      const inRequest = sentAsToken(p);
      return {
        severity: inRequest ? 'error' : 'warning',
        confidence: inRequest ? 0.75 : 0.5,
        title: 'The JWT has the wrong number of parts',
        detail: `${token} has ${count} dot-separated parts; a signed JWT has exactly 3 (header.claims.signature)${parts[parts.length - 1] === '' ? ' — it ends with a stray `.`' : ', so something was appended to it or two tokens were joined'}. No JWT library parses it.`,
        evidence: [p.pointer],
        fix: [
          'Send only the token: `header.claims.signature`, nothing before or after (a trailing `.` from the end of a sentence counts).',
          ...RECOPY.slice(1),
        ],
      };
    }
    case 'encrypted':
      return encryptedReport(p, jwt, token);
    default:
      return undefined;
  }
}

/** Parts blanked out by hand before pasting (`xxxxx`, `*****`, `REDACTED`): the user hid it, nothing broke. */
const MASK =
  /^(?:(.)\1{2,}|redacted|hidden|removed|snip(?:ped)?|secret|signature|sig|payload|claims|header|token)$/i;

function masked(credential: Credential): boolean {
  const raw = credential.secret?.reveal();
  return raw?.split('.').some((part) => MASK.test(part)) ?? false;
}

/**
 * The front of a token that is also in the paste whole (free-text scanning stops at `=` or a line break
 * that the header value kept): the whole one is what was sent and is judged on its own.
 */
function fragmentOfAnother(credential: Credential, all: readonly Credential[]): boolean {
  if (!credential.where.every((w) => w.location === 'text')) return false;
  const raw = credential.secret?.reveal();
  if (!raw) return false;
  return all.some((other) => other !== credential && (other.secret?.reveal() ?? '').startsWith(raw));
}

function truncation(jwt: JwtInfo, parts: string[]): string {
  if (jwt.parts === 1)
    return 'has no `.` at all: only the header survived, the claims and signature are missing.';
  if (jwt.parts === 2 && !jwt.claims) return 'stops inside its claims, and the signature is missing.';
  if (jwt.parts === 2) return 'has two parts; the signature (the third part) is missing.';
  if (!jwt.claims) return 'stops inside its claims: the JSON does not close.';
  const alg = headerOf(jwt).alg;
  const got = (parts[2] ?? '').length;
  const want = typeof alg === 'string' ? SIGNATURE_LENGTH[alg] : undefined;
  if (got === 0) return 'ends with `.` and no signature.';
  if (want) {
    const atLeast = /^(?:RS|PS)/.test(String(alg)) ? 'at least ' : '';
    return `has a ${got}-character signature; ${alg} signatures are ${atLeast}${want} characters.`;
  }
  return `has a ${got}-character signature, too short for its algorithm.`;
}

function limitHint(p: Placement, length: number): string {
  if (p.where?.location === 'cookie' && length >= 3800)
    return ` At ${length} characters it is at the 4 KB cookie limit: browsers drop or cut larger cookies, so keep big tokens out of cookies or split them.`;
  if (ROUND_LIMITS.has(length))
    return ` Exactly ${length} characters is a typical field or column limit: look for a setting, database column or buffer that size.`;
  return '';
}

function badCharacters(raw: string): string[] {
  const found: string[] = [];
  if (raw.includes('=')) found.push('`=` padding');
  if (/[+/]/.test(raw)) found.push('`+` or `/` (the standard base64 alphabet)');
  if (/%[0-9A-Fa-f]{2}/.test(raw)) found.push('`%xx` escapes (it was URL-encoded)');
  if (/\s/.test(raw)) found.push('whitespace or a line break');
  if (/["'\\]/.test(raw)) found.push('quotes or backslashes');
  return found;
}

/** Auth0 returns an encrypted token (header `iss` on its domain) when the login asked for no `audience`. */
const AUTH0 = /(?:^|\.)auth0\.com$/i;

function encryptedReport(p: Placement, jwt: JwtInfo, token: string): RuleReport {
  const header = headerOf(jwt);
  const issHost = typeof header.iss === 'string' ? urlHost(header.iss) : undefined;
  const enc = typeof header.enc === 'string' ? header.enc : 'an encryption algorithm';
  const target = p.view?.request.url?.host?.toLowerCase();
  if (issHost && AUTH0.test(issHost)) {
    const elsewhere = p.sent && target !== undefined && target !== issHost;
    return {
      cause: 'wrong_audience_or_issuer',
      severity: elsewhere ? 'error' : 'warning',
      confidence: elsewhere ? 0.8 : 0.55,
      title: 'An Auth0 token issued without an audience',
      detail: `${token} is encrypted (JWE, \`enc: ${enc}\`) by Auth0 (${issHost}). Auth0 issues this kind of token when the login or token request names no \`audience\`: it is only good for Auth0's own /userinfo, and your API cannot read or accept it.`,
      evidence: [p.pointer],
      fix: [
        "Request the token with your API's identifier as the audience: `audience=https://your-api-identifier` in the /authorize or /oauth/token call (in the SDK, `authorizationParams: { audience }` for auth0-spa-js / auth0-react, `audience` in the Auth0Provider).",
        'The new access token is a signed JWT (three parts) whose `aud` contains that identifier; send it instead.',
      ],
      docs: ['https://auth0.com/docs/secure/tokens/access-tokens/get-access-tokens'],
    };
  }
  const inRequest = sentAsToken(p);
  return {
    cause: 'wrong_token_type',
    confidence: inRequest ? 0.5 : 0.35,
    title: 'The token is encrypted (JWE), not a signed JWT',
    detail: `${token} is a five-part encrypted token (JWE, \`enc: ${enc}\`). An API that expects a signed JWT (three parts) cannot read its claims and rejects it; only a server holding the decryption key accepts a JWE.`,
    evidence: [p.pointer],
    fix: [
      'Check what the API expects: most accept a signed access token (JWS). Ask the identity provider for one issued to this API (the right `audience`/resource), or configure the API with the decryption key if JWE is intended.',
    ],
  };
}
