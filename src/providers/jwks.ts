/**
 * Optional JWT signature check against the issuer's JWKS (helper-owned; interface fixed here).
 *
 * Only tokens whose `iss` is on the operator's allowlist are checked; the request URLs are built from the
 * allowlist entry, never from the paste, so a paste cannot point the bot anywhere. Tokens from other
 * issuers produce no verdict at all (not even `not_allowlisted`): the check is optional and silent output
 * beats "we did not check" on every paste. Discovery (`<issuer>/.well-known/openid-configuration`) and the
 * key set go through the guarded GET (the outbound address policy, no redirects, deadline, size cap), are
 * validated with zod, and are cached per issuer so a busy bot does not fetch per paste. Nothing here
 * throws: every problem becomes an `unreachable` verdict that says why.
 */
import { z } from 'zod';
import type { SignatureVerdict } from '../diagnose/context.js';
import type { Credential, Evidence } from '../intake/evidence.js';
import { type OutboundPolicy, outboundPolicy } from '../net/outbound.js';
import { type Jwk, JwkSchema, type Outcome, printable, verifyToken } from './jwks-verify.js';
import { describeUrl, getJson, type SafeGetOptions } from './safe-get.js';

export interface SignatureCheckOptions {
  /** Allowlisted issuer URLs (https). Only tokens whose `iss` is one of these are checked. */
  issuers: readonly string[];
  timeoutMs?: number;
  /**
   * Which addresses discovery may reach (AUTHDOCTOR_OUTBOUND_ALLOW); plain http only to a host it lists.
   * Default: public addresses over https only.
   */
  outbound?: OutboundPolicy;
}

const PUBLIC_ONLY = outboundPolicy({ allow: [] });

const DEFAULT_TIMEOUT_MS = 3000;
const MAX_BYTES = 512 * 1024;
/** Issuers rotate keys on a scale of days and announce new ones ahead of use: minutes of caching is safe. */
const TTL_MS = 5 * 60_000;
/** A failing issuer is asked again soon, but not on every paste while it is down. */
const FAILURE_TTL_MS = 30_000;
/** An unknown kid may be a key published since we fetched: refetch, at most this often. */
const REFRESH_COOLDOWN_MS = 60_000;
const MAX_CACHED_ISSUERS = 100;
const MAX_KEYS = 100;
/** Tokens checked per paste; a paste with more is unusual and not worth a burst of requests. */
const MAX_TOKENS = 8;

const DiscoverySchema = z.object({
  issuer: z.string().max(2048).optional(),
  jwks_uri: z.string().min(1).max(2048),
});
const JwksSchema = z.object({ keys: z.array(z.unknown()).max(MAX_KEYS) });

type KeySet = { ok: true; keys: Jwk[]; source: string } | { ok: false; reason: string };
interface CacheEntry {
  fetchedAt: number;
  expires: number;
  /** The promise itself is cached, so concurrent pastes share one fetch. */
  value: Promise<KeySet>;
}
const cache = new Map<string, CacheEntry>();

/** Forgets every cached key set (tests, and an operator reloading configuration). */
export function clearJwksCache(): void {
  cache.clear();
}

/**
 * `https://login.example.com/tenant/` → `https://login.example.com/tenant`: scheme and host as URL
 * normalises them, one trailing slash dropped. Anything with credentials, a query or a fragment is not an
 * issuer. `allowHttp`: whether plain http is acceptable (for a URL, when the outbound policy lists it).
 */
export function normaliseIssuer(
  raw: string,
  allowHttp: boolean | ((url: URL) => boolean),
): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  const httpOk = typeof allowHttp === 'function' ? allowHttp(url) : allowHttp;
  if (url.protocol !== 'https:' && !(httpOk && url.protocol === 'http:')) return undefined;
  if (url.username || url.password || url.search || url.hash || raw.includes('?') || raw.includes('#'))
    return undefined;
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/$/, '')}`;
}

export async function checkSignatures(
  evidence: Evidence,
  options: SignatureCheckOptions,
): Promise<SignatureVerdict[]> {
  try {
    const policy = options.outbound ?? PUBLIC_ONLY;
    const allowHttp = (url: URL) => policy.lists(url);
    const allowlist = new Set(options.issuers.flatMap((i) => normaliseIssuer(i, allowHttp) ?? []));
    if (allowlist.size === 0) return [];
    const get: SafeGetOptions = {
      timeoutMs: Math.min(Math.max(Math.trunc(options.timeoutMs ?? DEFAULT_TIMEOUT_MS), 1), 60_000),
      maxBytes: MAX_BYTES,
      policy,
    };
    const tokens = evidence.credentials
      .flatMap((credential) => {
        const issuer = issuerOf(credential, allowHttp);
        return issuer && allowlist.has(issuer) ? [{ credential, issuer }] : [];
      })
      .slice(0, MAX_TOKENS);
    return await Promise.all(tokens.map((t) => checkOne(t.credential, t.issuer, get)));
  } catch {
    return [];
  }
}

/** The normalised issuer of a token worth checking: a complete three-part JWS with a raw value. */
function issuerOf(credential: Credential, allowHttp: (url: URL) => boolean): string | undefined {
  const jwt = credential.jwt;
  // A token intake found broken (cut off, bad base64) is reported by other rules; its "bad signature"
  // would only repeat that less clearly.
  if (!jwt || !credential.secret || jwt.parts !== 3 || jwt.error || !jwt.header) return undefined;
  const iss = jwt.claims?.iss;
  return typeof iss === 'string' && iss.length <= 2048 ? normaliseIssuer(iss, allowHttp) : undefined;
}

async function checkOne(
  credential: Credential,
  issuer: string,
  get: SafeGetOptions,
): Promise<SignatureVerdict> {
  const raw = credential.secret?.reveal().trim() ?? '';
  const verdict = (outcome: Outcome): SignatureVerdict => ({
    credential: credential.id,
    issuer: printable(credential.jwt?.claims?.iss ?? issuer, 200),
    ...outcome,
    detail: scrub(outcome.detail, raw),
  });
  const header = credential.jwt?.header ?? {};
  try {
    const set = await keySet(issuer, get);
    if (!set.ok)
      return verdict({
        outcome: 'unreachable',
        detail: `the issuer's keys could not be fetched: ${set.reason}`,
      });
    let outcome = await verifyToken(raw, header, set.keys, set.source);
    if (
      outcome.outcome === 'kid_not_found' ||
      (outcome.outcome === 'bad_signature' && header.kid === undefined)
    ) {
      const fresh = await keySet(issuer, get, true);
      if (fresh !== set && fresh.ok) outcome = await verifyToken(raw, header, fresh.keys, fresh.source);
    }
    return verdict(outcome);
  } catch {
    return verdict({ outcome: 'unreachable', detail: 'the signature check failed unexpectedly' });
  }
}

function keySet(issuer: string, get: SafeGetOptions, refresh = false): Promise<KeySet> {
  const key = `${get.policy.key} ${issuer}`;
  const now = Date.now();
  const entry = cache.get(key);
  if (entry && entry.expires > now && !(refresh && now - entry.fetchedAt >= REFRESH_COOLDOWN_MS))
    return entry.value;
  const value = loadKeySet(issuer, get).catch(
    (): KeySet => ({ ok: false, reason: 'the key set could not be loaded' }),
  );
  const fresh: CacheEntry = { fetchedAt: now, expires: now + TTL_MS, value };
  cache.delete(key);
  cache.set(key, fresh);
  // Map iteration is insertion order: the first key is the least recently fetched.
  if (cache.size > MAX_CACHED_ISSUERS) cache.delete(cache.keys().next().value!);
  void value.then((result) => {
    if (!result.ok) fresh.expires = Math.min(fresh.expires, now + FAILURE_TTL_MS);
  });
  return value;
}

async function loadKeySet(issuer: string, get: SafeGetOptions): Promise<KeySet> {
  const discoveryUrl = new URL(`${issuer}/.well-known/openid-configuration`);
  const discovery = await getJson(discoveryUrl, get);
  if (!discovery.ok) return { ok: false, reason: discovery.reason };
  const doc = DiscoverySchema.safeParse(discovery.json);
  if (!doc.success)
    return {
      ok: false,
      reason: `${describeUrl(discoveryUrl)} is not an OpenID Connect discovery document (no jwks_uri)`,
    };
  // OpenID Connect Discovery §4.3: a document naming another issuer must not be used (issuer mix-up).
  if (
    doc.data.issuer !== undefined &&
    normaliseIssuer(doc.data.issuer, (url) => get.policy.lists(url)) !== issuer
  ) {
    return {
      ok: false,
      reason: `${describeUrl(discoveryUrl)} names a different issuer ("${printable(doc.data.issuer, 120)}"), so its keys were not used`,
    };
  }
  let jwksUrl: URL;
  try {
    jwksUrl = new URL(doc.data.jwks_uri);
  } catch {
    return { ok: false, reason: `the jwks_uri in ${describeUrl(discoveryUrl)} is not a URL` };
  }
  const jwks = await getJson(jwksUrl, get);
  if (!jwks.ok) return { ok: false, reason: jwks.reason };
  const set = JwksSchema.safeParse(jwks.json);
  if (!set.success)
    return {
      ok: false,
      reason: `${describeUrl(jwksUrl)} is not a JWK set (a "keys" array of at most ${MAX_KEYS})`,
    };
  // One malformed key should not hide the others.
  const keys = set.data.keys.flatMap((k) => {
    const parsed = JwkSchema.safeParse(k);
    return parsed.success ? [parsed.data] : [];
  });
  return { ok: true, keys, source: describeUrl(jwksUrl) };
}

/** Belt and braces: no message leaves this module with the token or its signature in it. */
function scrub(text: string, raw: string): string {
  let out = text;
  const signature = raw.slice(raw.lastIndexOf('.') + 1);
  for (const s of [raw, signature]) if (s.length >= 8) out = out.split(s).join('[redacted]');
  return out;
}
