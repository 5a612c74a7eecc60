/**
 * Names a credential: which provider's format it has (and so its environment and token type), whether it is
 * a placeholder, what its JWT says. And finds credentials in free text by their distinctive prefixes.
 */
import type { CredentialFormat, JwtInfo } from '../evidence.js';
import { verifyChecksum } from './checksum.js';
import {
  CREDENTIAL_FORMATS,
  type FormatEntry,
  formatById,
  JWT_FORMAT_ID,
  PRIVATE_KEY_FORMAT_ID,
} from './formats.js';
import { inspectJwt } from './jwt.js';
import { detectPlaceholder, type Placeholder, type PlaceholderReason } from './placeholder.js';

export interface CredentialHint {
  /** Where the value was found: an `Occurrence` location such as `authorization`, `basic_flag`, `env`. */
  location?: string;
  /** The header, parameter, cookie or variable name it was found under. */
  name?: string;
  /** The auth scheme written before it (`Bearer`, `SSWS`, `Basic`). */
  scheme?: string;
}

export interface Classification {
  format?: CredentialFormat;
  /**
   * Set when no format matched but the value starts with a format's distinctive prefix: a token of that kind
   * that was cut short, padded, or mistyped.
   */
  lookalike?: CredentialFormat;
  placeholder?: Placeholder;
  jwt?: JwtInfo;
  /** The format's public prefix, which a fingerprint may show. */
  visiblePrefix?: string;
}

/** Values longer than this are bodies or documents, not credentials (a PEM private key fits). */
const MAX_CREDENTIAL_LENGTH = 70_000;

/**
 * Placeholder reasons that can be a real, if weak, password: `admin:password`, Elasticsearch's historical
 * `elastic:changeme`. Where a password is expected they are not called placeholders.
 */
const PASSWORD_WORDS: ReadonlySet<PlaceholderReason> = new Set(['name_not_value', 'instruction']);
const PASSWORD_LOCATIONS = new Set(['basic_flag', 'userinfo', 'proxy']);

/** Prefixes too common in unrelated values to call a value "almost" that format. */
const LOOSE_PREFIXES = new Set(['secret_', 'key-', 'pat', 'pat-', 'pubkey-', '00D']);

export function classifyCredential(value: string, hint: CredentialHint = {}): Classification {
  const bare = unwrapQuotes(value.trim());
  const out: Classification = {};

  const placeholder = detectPlaceholder(bare);
  if (placeholder && !(PASSWORD_WORDS.has(placeholder.reason) && expectsPassword(hint))) {
    out.placeholder = placeholder;
  }
  if (bare.length > MAX_CREDENTIAL_LENGTH) return out;

  const jwt = inspectJwt(bare);
  if (jwt) out.jwt = jwt;

  const entry = CREDENTIAL_FORMATS.find((f) => matchesContext(f, hint) && f.pattern.test(bare));
  if (entry) {
    out.format = toFormat(entry, bare, jwt);
    if (entry.visiblePrefix && bare.startsWith(entry.visiblePrefix)) out.visiblePrefix = entry.visiblePrefix;
    return out;
  }
  if (jwt) {
    const generic = formatById(JWT_FORMAT_ID);
    if (generic) out.format = toFormat(generic, bare, jwt);
    return out;
  }
  const near = lookalikeOf(bare);
  if (near) {
    out.lookalike = toFormat(near, bare, undefined);
    if (near.visiblePrefix) out.visiblePrefix = near.visiblePrefix;
  }
  return out;
}

function unwrapQuotes(text: string): string {
  const quoted = /^(["'`])([\s\S]*)\1$/.exec(text);
  return quoted ? (quoted[2] ?? '').trim() : text;
}

function expectsPassword(hint: CredentialHint): boolean {
  return (
    (hint.location !== undefined && PASSWORD_LOCATIONS.has(hint.location)) ||
    (hint.name !== undefined && /pass|pwd/i.test(hint.name))
  );
}

function matchesContext(entry: FormatEntry, hint: CredentialHint): boolean {
  if (!entry.context) return true;
  return (
    (hint.name !== undefined && entry.context.test(hint.name)) ||
    (hint.scheme !== undefined && entry.context.test(hint.scheme))
  );
}

function lookalikeOf(value: string): FormatEntry | undefined {
  let best: FormatEntry | undefined;
  for (const entry of CREDENTIAL_FORMATS) {
    const prefix = entry.visiblePrefix;
    if (!prefix || prefix.length < 4 || LOOSE_PREFIXES.has(prefix) || !value.startsWith(prefix)) continue;
    if (!best || prefix.length > (best.visiblePrefix?.length ?? 0)) best = entry;
  }
  return best;
}

function toFormat(entry: FormatEntry, value: string, jwt: JwtInfo | undefined): CredentialFormat {
  const format: CredentialFormat = {
    id: entry.id,
    provider: entry.provider,
    name: entry.name,
    source: entry.source,
  };
  if (entry.environment) format.environment = entry.environment;
  const tokenType = entry.id === JWT_FORMAT_ID && jwt ? jwtTokenType(jwt) : entry.tokenType;
  if (tokenType) format.tokenType = tokenType;
  if (entry.checksum && entry.visiblePrefix && entry.pattern.test(value)) {
    format.checksum = verifyChecksum(entry.checksum, value, entry.visiblePrefix);
  }
  return format;
}

/** What a JWT says it is, from the conventions issuers use to mark ID, access and refresh tokens. */
function jwtTokenType(jwt: JwtInfo): CredentialFormat['tokenType'] {
  const typ = typeof jwt.header?.typ === 'string' ? jwt.header.typ.toLowerCase() : '';
  if (typ === 'at+jwt' || typ === 'application/at+jwt') return 'access_token';
  const claims = jwt.claims ?? {};
  // Amazon Cognito
  if (claims.token_use === 'id') return 'id_token';
  if (claims.token_use === 'access') return 'access_token';
  // Keycloak
  if (claims.typ === 'ID') return 'id_token';
  if (claims.typ === 'Bearer') return 'access_token';
  if (claims.typ === 'Refresh' || claims.typ === 'Offline') return 'refresh_token';
  // OpenID Connect ID tokens carry the hash of their access token or the login nonce; access tokens do not.
  if ('at_hash' in claims || 'nonce' in claims) return 'id_token';
  return undefined;
}

export interface TextMatch {
  start: number;
  end: number;
  value: string;
  formatId: string;
}

interface RankedMatch extends TextMatch {
  rank: number;
}

/**
 * Finds credentials in free text (logs, prose, code) by format prefixes only, so commit hashes, UUIDs and
 * other random-looking strings are left alone. One pass per format; every pattern is prefix-anchored with
 * bounded repetition. Where two formats claim overlapping text, the one earlier in the table wins.
 */
export function scanText(text: string): TextMatch[] {
  const found: RankedMatch[] = [];
  CREDENTIAL_FORMATS.forEach((entry, rank) => {
    if (!entry.scan || (entry.visiblePrefix && !text.includes(entry.visiblePrefix))) return;
    for (const m of text.matchAll(entry.scan)) {
      found.push({ start: m.index, end: m.index + m[0].length, value: m[0], formatId: entry.id, rank });
    }
  });
  const rankOf = (id: string): number => CREDENTIAL_FORMATS.findIndex((f) => f.id === id);
  for (const m of scanJwts(text)) found.push({ ...m, formatId: JWT_FORMAT_ID, rank: rankOf(JWT_FORMAT_ID) });
  for (const m of scanPrivateKeys(text)) {
    found.push({ ...m, formatId: PRIVATE_KEY_FORMAT_ID, rank: rankOf(PRIVATE_KEY_FORMAT_ID) });
  }
  return resolveOverlaps(found);
}

function resolveOverlaps(found: RankedMatch[]): TextMatch[] {
  found.sort((a, b) => a.start - b.start || a.rank - b.rank);
  const kept: RankedMatch[] = [];
  for (const m of found) {
    const last = kept[kept.length - 1];
    if (last && m.start < last.end) {
      if (m.rank < last.rank) kept[kept.length - 1] = m;
      continue;
    }
    kept.push(m);
  }
  return kept.map(({ rank: _rank, ...m }) => m);
}

type Span = Omit<TextMatch, 'formatId'>;

function isJwtChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    code === 45 || // -
    code === 95 || // _
    code === 46 // .
  );
}

/** `eyJ….eyJ….…` runs: JWS (two or three parts) and five-part JWE, with a header that decodes. */
function scanJwts(text: string): Span[] {
  const spans: Span[] = [];
  let from = 0;
  for (let at = text.indexOf('eyJ', from); at !== -1; at = text.indexOf('eyJ', from)) {
    if (at > 0 && isJwtChar(text.charCodeAt(at - 1))) {
      from = at + 3;
      continue;
    }
    let end = at;
    while (end < text.length && isJwtChar(text.charCodeAt(end))) end++;
    from = end;
    const value = jwtIn(text.slice(at, end));
    if (value) spans.push({ start: at, end: at + value.length, value });
  }
  return spans;
}

function jwtIn(run: string): string | undefined {
  const parts = run.split('.');
  const [header = '', payload = '', signature, ...rest] = parts;
  if (header.length < 10) return undefined;
  if (parts.length >= 5) {
    const jwe = parts.slice(0, 5).join('.');
    if (inspectJwt(jwe)?.error === 'encrypted') return jwe;
  }
  if (!payload.startsWith('eyJ')) return undefined;
  const info = inspectJwt(`${header}.${payload}.`);
  if (!info) return undefined;
  if (signature === undefined) return `${header}.${payload}`;
  // `h.p.` is an unsigned token; with any other algorithm the dot ends a sentence.
  if (signature === '')
    return info.header?.alg === 'none' && rest.length === 0
      ? `${header}.${payload}.`
      : `${header}.${payload}`;
  return `${header}.${payload}.${signature}`;
}

const PEM_BEGIN = '-----BEGIN ';
const PEM_LABEL = /^[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?$/;
const MAX_PEM = 65_536;

/** PEM private key blocks; a block whose END line is missing (a cut-off paste) runs to the next blank line. */
function scanPrivateKeys(text: string): Span[] {
  const spans: Span[] = [];
  const labelsWithoutEnd = new Set<string>();
  let from = 0;
  for (let at = text.indexOf(PEM_BEGIN, from); at !== -1; at = text.indexOf(PEM_BEGIN, from)) {
    const labelStart = at + PEM_BEGIN.length;
    const labelEnd = text.indexOf('-----', labelStart);
    const label = labelEnd === -1 ? '' : text.slice(labelStart, labelEnd);
    if (labelEnd === -1 || labelEnd - labelStart > 60 || !PEM_LABEL.test(label)) {
      from = labelStart;
      continue;
    }
    const endMarker = `-----END ${label}-----`;
    const markerAt = labelsWithoutEnd.has(label) ? -1 : text.indexOf(endMarker, labelEnd + 5);
    let end: number;
    if (markerAt !== -1 && markerAt - at <= MAX_PEM) {
      end = markerAt + endMarker.length;
    } else {
      if (markerAt === -1) labelsWithoutEnd.add(label);
      const blank = text.indexOf('\n\n', labelEnd);
      end = Math.min(blank === -1 ? text.length : blank, at + MAX_PEM);
    }
    spans.push({ start: at, end, value: text.slice(at, end) });
    from = end;
  }
  return spans;
}
