/**
 * Reading a JWT defensively — it is user text, and any claim may have any type — and the words and hosts the
 * token rules build their findings from: claims, ID-token signals, durations and instants, related hosts.
 */
import type { DiagnosisContext } from '../../diagnose/context.js';
import type { Credential, JwtInfo } from '../../intake/evidence.js';

// ---------------------------------------------------------------------------------------------------------
// Claims

export type Claims = Record<string, unknown>;

export function claimsOf(jwt: JwtInfo | undefined): Claims {
  return jwt?.claims ?? {};
}

export function headerOf(jwt: JwtInfo | undefined): Claims {
  return jwt?.header ?? {};
}

export function stringClaim(claims: Claims, name: string): string | undefined {
  const v = claims[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Values beyond this are milliseconds written where seconds belong (`Date.now()` instead of `/ 1000`). */
const MILLISECONDS_FROM = 1e11;

/** A NumericDate claim in milliseconds since the epoch, and whether it was written in milliseconds. */
export function timeClaim(claims: Claims, name: string): { ms: number; inMilliseconds: boolean } | undefined {
  const v = claims[name];
  // Beyond 1e14 it is neither seconds nor milliseconds of any plausible date.
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v >= 1e14) return undefined;
  return v >= MILLISECONDS_FROM ? { ms: v, inMilliseconds: true } : { ms: v * 1000, inMilliseconds: false };
}

/** `aud` as a list (a string or an array of strings). */
export function audiences(claims: Claims): string[] {
  const aud = claims.aud;
  if (typeof aud === 'string') return aud === '' ? [] : [aud];
  if (Array.isArray(aud)) return aud.filter((a): a is string => typeof a === 'string' && a !== '');
  return [];
}

/** Claims that carry granted scopes or roles, by convention of the issuers that use them. */
const SCOPE_CLAIMS = ['scope', 'scp', 'scopes', 'roles', 'permissions'] as const;

/** The scopes and roles a token carries, and whether it has any claim for them at all. */
export function scopesOf(claims: Claims): { scopes: string[]; hasClaim: boolean } {
  const scopes = new Set<string>();
  let hasClaim = false;
  for (const name of SCOPE_CLAIMS) {
    const v = claims[name];
    if (typeof v === 'string') {
      hasClaim = true;
      for (const s of v.split(/[\s,]+/)) if (s) scopes.add(s);
    } else if (Array.isArray(v)) {
      hasClaim = true;
      for (const s of v) if (typeof s === 'string' && s) scopes.add(s);
    }
  }
  // Keycloak puts roles under realm_access.roles and resource_access.<client>.roles.
  const realm = claims.realm_access;
  if (isRecord(realm) && Array.isArray(realm.roles)) {
    hasClaim = true;
    for (const s of realm.roles) if (typeof s === 'string') scopes.add(s);
  }
  return { scopes: [...scopes], hasClaim };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * What says a JWT is an OpenID Connect ID token rather than an access token. `strong` signals occur only in
 * ID tokens; `access` signals only in access tokens (and cancel the verdict).
 */
export function idTokenSignals(jwt: JwtInfo | undefined): { strong: string[]; access: string[] } {
  const claims = claimsOf(jwt);
  const header = headerOf(jwt);
  const strong: string[] = [];
  const access: string[] = [];
  if (claims.token_use === 'id') strong.push('`token_use: id` (Amazon Cognito ID token)');
  if (claims.typ === 'ID') strong.push('`typ: ID` (Keycloak ID token)');
  if ('at_hash' in claims) strong.push('`at_hash` (the hash of the access token issued with it)');
  if ('c_hash' in claims) strong.push('`c_hash` (the hash of the authorization code)');
  if ('nonce' in claims) strong.push('`nonce` (from the login request)');
  const typ = typeof header.typ === 'string' ? header.typ.toLowerCase() : '';
  if (typ === 'at+jwt' || typ === 'application/at+jwt') access.push('header `typ: at+jwt`');
  if (claims.token_use === 'access') access.push('`token_use: access`');
  if (claims.typ === 'Bearer') access.push('`typ: Bearer`');
  if ('scp' in claims || 'scope' in claims) access.push('a `scope`/`scp` claim');
  return { strong, access };
}

/**
 * The variable, field or env name the value was kept under (`REFRESH_TOKEN=…`, `const idToken = …`,
 * `"Bearer $ID_TOKEN"`), as opposed to the header or parameter it was sent in.
 */
export function storedAs(credential: Credential, pattern: RegExp): boolean {
  const kept = credential.where.some(
    (w) =>
      w.name !== undefined &&
      (w.location === 'env' || w.location === 'code' || w.location === 'text') &&
      pattern.test(w.name),
  );
  return kept || (credential.origin?.names ?? []).some((n) => pattern.test(n));
}

const ID_TOKEN_NAME = /(?:^|[^a-z])id_?token|^idtoken/i;

/** ID token by its claims, or by the name it was stored under (`id_token`, `idToken`, `$ID_TOKEN`). */
export function looksLikeIdToken(credential: Credential): { signals: string[]; named: boolean } | undefined {
  const { strong, access } = idTokenSignals(credential.jwt);
  if (access.length > 0) return undefined;
  const named = storedAs(credential, ID_TOKEN_NAME);
  if (strong.length === 0 && !named) return undefined;
  return { signals: strong, named };
}

// ---------------------------------------------------------------------------------------------------------
// Time in words

/** `2 h 14 min`, `45 s`, `3 d 4 h`, `2.1 years`: two units at most, as people say it. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(Math.abs(ms) / 1000));
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) {
    const s = total % 60;
    return s && minutes < 10 ? `${minutes} min ${s} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const m = minutes % 60;
    return m ? `${hours} h ${m} min` : `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  if (days < 365) {
    const h = hours % 24;
    return h && days < 10 ? `${days} d ${h} h` : `${days} d`;
  }
  return `${(days / 365.25).toFixed(1)} years`;
}

/** `2026-01-15 09:46 UTC`. */
export function formatInstant(ms: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return 'an invalid date';
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "at the time of the paste" or "on 2019-09-15" when the clock is a whole day. */
export function clockWords(ctx: DiagnosisContext): string {
  if (ctx.clock.uncertaintyMs === 0) return 'now';
  return `on ${new Date(ctx.clock.now).toISOString().slice(0, 10)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Hosts

/** The hostname of a URL-shaped string (`https://x.example.com/a`, `api://guid` has none). */
export function urlHost(text: string): string | undefined {
  const m = /^https?:\/\/([^/?#:\s]{1,253})/i.exec(text.trim());
  return m?.[1]?.toLowerCase().replace(/\.$/, '');
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Local, private or cluster-internal: its names are logical, so an `aud` URL need not name it. */
export function isInternalHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.startsWith('[') || IPV4.test(h)) return true;
  if (!h.includes('.')) return true;
  return /\.(?:local|internal|lan|home|svc|cluster\.local|test|example|invalid|corp|intranet)$/.test(h);
}

/** Second-level labels under which registrable domains sit one level deeper (`acme.co.uk`). */
const SECOND_LEVEL = /^(?:co|com|net|org|gov|edu|ac|ne|or|go)$/;

/** Approximate registrable domain: `api.acme.co.uk` → `acme.co.uk`, `api.acme.com` → `acme.com`. */
export function siteOf(host: string): string {
  const labels = host.toLowerCase().split('.');
  const n = labels.length;
  if (n <= 2) return labels.join('.');
  const take = SECOND_LEVEL.test(labels[n - 2] ?? '') && (labels[n - 1] ?? '').length === 2 ? 3 : 2;
  return labels.slice(n - take).join('.');
}

/** The same host, one inside the other (`acme.com` and `api.acme.com`), or the same registrable domain. */
export function relatedHosts(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`) || siteOf(x) === siteOf(y);
}
