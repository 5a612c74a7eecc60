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
import { matchPrefix, PrefixIndex, valuePrefix } from './prefix-index.js';

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

/** The table by each pattern's literal prefix: a value is only tested against formats it could be. */
const FORMATS_BY_PREFIX = new PrefixIndex(CREDENTIAL_FORMATS, (f) => valuePrefix(f.pattern));

/** Formats a value may be a damaged copy of, longest prefix first (the table's order among equals). */
const LOOKALIKES = new PrefixIndex(
  CREDENTIAL_FORMATS.filter((f) => {
    const prefix = f.visiblePrefix;
    return prefix !== undefined && prefix.length >= 4 && !LOOSE_PREFIXES.has(prefix);
  }).sort((a, b) => (b.visiblePrefix?.length ?? 0) - (a.visiblePrefix?.length ?? 0)),
  (f) => f.visiblePrefix ?? '',
);

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

  const entry = FORMATS_BY_PREFIX.find(bare, (f) => matchesContext(f, hint) && f.pattern.test(bare));
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
  const near = LOOKALIKES.find(bare);
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

interface Scanner {
  /** The format's rank in the table: where two formats claim overlapping text, the earlier one wins. */
  rank: number;
  formatId: string;
  prefix: string;
  /** The format's `scan` pattern, made sticky to test one position of the text. */
  at: RegExp;
}

/**
 * Scanners by the first two characters of their prefix, as `code << 7 | next`. Every `scan` pattern starts
 * with at least two literal ASCII characters (the format table checks it), so one pass over the text finds
 * every place a match can start; running each of the table's patterns over the whole paste cost ninety
 * passes. Two characters, not one: most letters start some prefix, few pairs do.
 */
const SCANNERS_BY_PAIR: (Scanner[] | undefined)[] = new Array(128 * 128).fill(undefined);
CREDENTIAL_FORMATS.forEach((entry, rank) => {
  if (!entry.scan) return;
  const prefix = matchPrefix(entry.scan);
  const pair = (prefix.charCodeAt(0) << 7) | prefix.charCodeAt(1);
  const at = new RegExp(entry.scan.source, `${entry.scan.flags.replace('g', '')}y`);
  SCANNERS_BY_PAIR[pair] ??= [];
  SCANNERS_BY_PAIR[pair].push({ rank, formatId: entry.id, prefix, at });
});
const JWT_RANK = CREDENTIAL_FORMATS.findIndex((f) => f.id === JWT_FORMAT_ID);
const PRIVATE_KEY_RANK = CREDENTIAL_FORMATS.findIndex((f) => f.id === PRIVATE_KEY_FORMAT_ID);

/**
 * Finds credentials in free text (logs, prose, code) by format prefixes only, so commit hashes, UUIDs and
 * other random-looking strings are left alone. Every pattern is prefix-anchored with bounded repetition.
 * Where two formats claim overlapping text, the one earlier in the table wins.
 */
export function scanText(text: string): TextMatch[] {
  const found: RankedMatch[] = [];
  // Each format's matches do not overlap one another, as with a global regex: it resumes after its last.
  const resumeAt = new Map<Scanner, number>();
  let next = text.charCodeAt(0);
  for (let i = 0; i + 1 < text.length; i++) {
    const code = next;
    next = text.charCodeAt(i + 1);
    if ((code | next) >= 128) continue;
    const scanners = SCANNERS_BY_PAIR[(code << 7) | next];
    if (scanners === undefined) continue;
    for (const scanner of scanners) {
      if (!text.startsWith(scanner.prefix, i) || i < (resumeAt.get(scanner) ?? 0)) continue;
      scanner.at.lastIndex = i;
      const m = scanner.at.exec(text);
      if (!m) continue;
      const end = i + m[0].length;
      found.push({ start: i, end, value: m[0], formatId: scanner.formatId, rank: scanner.rank });
      resumeAt.set(scanner, end);
    }
  }
  // Object literals rather than spreads here and below: a spread is a runtime call per match.
  for (const m of scanJwts(text)) {
    found.push({ start: m.start, end: m.end, value: m.value, formatId: JWT_FORMAT_ID, rank: JWT_RANK });
  }
  for (const m of scanPrivateKeys(text)) {
    found.push({
      start: m.start,
      end: m.end,
      value: m.value,
      formatId: PRIVATE_KEY_FORMAT_ID,
      rank: PRIVATE_KEY_RANK,
    });
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
  return kept.map((m) => ({ start: m.start, end: m.end, value: m.value, formatId: m.formatId }));
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

/** The characters `isJwtChar` accepts, as a sticky pattern: the engine walks a long run faster than a loop. */
const JWT_RUN = /[0-9A-Za-z_.-]*/y;

/** `eyJ….eyJ….…` runs: JWS (two or three parts) and five-part JWE, with a header that decodes. */
function scanJwts(text: string): Span[] {
  const spans: Span[] = [];
  // A log or HAR file repeats one token in every request: decode each distinct run once.
  const seen = new Map<string, string | undefined>();
  // Usually the same run as the last one: a comparison, where a map lookup would hash the whole run.
  let lastRun: string | undefined;
  let lastValue: string | undefined;
  let from = 0;
  for (let at = text.indexOf('eyJ', from); at !== -1; at = text.indexOf('eyJ', from)) {
    if (at > 0 && isJwtChar(text.charCodeAt(at - 1))) {
      from = at + 3;
      continue;
    }
    JWT_RUN.lastIndex = at;
    const run = JWT_RUN.exec(text)?.[0] ?? '';
    from = at + run.length;
    let value: string | undefined;
    if (run === lastRun) {
      value = lastValue;
    } else {
      value = seen.get(run);
      if (value === undefined && !seen.has(run)) {
        value = jwtIn(run);
        seen.set(run, value);
      }
      lastRun = run;
      lastValue = value;
    }
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
  // Undecodable but shaped like a signed token (a garbled or hand-edited JWT): still hide it.
  if (!info)
    return signature !== undefined && signature.length >= 16
      ? `${header}.${payload}.${signature}`
      : undefined;
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
