/**
 * The 401 came out of a cache. A CDN, reverse proxy or browser stored an earlier 401 (often one from a
 * request that really had no credential) and now serves it to requests whose credential is fine: they never
 * reach the API. Caches say so in their headers (`Age`, `X-Cache: Hit`, `CF-Cache-Status: HIT`,
 * `X-Varnish` with two ids, RFC 9211 `Cache-Status`); a 401 marked `public` or with `s-maxage`, and with no
 * `Vary: Authorization`, can be stored and handed to every caller.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { header, type ResponseView } from '../diagnose/facts.js';
import type { Field } from '../intake/evidence.js';
import { curlExample } from './helpers/fix.js';
import { resend, scanTexts } from './helpers/hosts.js';
import type { RuleReport } from './types.js';
import { defineRule } from './types.js';

/** Names of cache-report headers: X-Cache, CF-Cache-Status, X-Cache-Status, X-Proxy-Cache, CDN-Cache, X-Vercel-Cache… */
const CACHE_HEADER = /^(?:[a-z0-9]+-){0,3}cache(?:-status)?$/i;
const HIT_VALUE =
  /(?:^|[^a-z])(?:refresh)?hit(?![a-z])|(?:^|[^a-z])(?:stale|revalidated|updating)(?![a-z])|^fresh\b/i;
const MISS_VALUE = /(?:^|[^a-z])(?:miss|bypass|dynamic|expired|pass|none)(?![a-z])/i;
const CACHE_STATUS_HIT = /;\s*hit\b/i;
const BROWSER_CACHE = /\((?:from )?(?:disk|memory|prefetch) cache\)|\bfrom ServiceWorker\b/i;
const USER_CACHE_HINT =
  /\b(?:works?|worked|fixed|goes away) (?:again )?(?:after|when|once|if) (?:I |we )?(?:clear(?:ed|ing)?|purg(?:ed|ing|e)|invalidat(?:ed|ing|e)) (?:the |my |our )?(?:browser |cdn |cloudfront |cloudflare |varnish |proxy )?cache\b|\bcache[- ]?bust/i;

interface Signals {
  hit?: { field: Field; why: string };
  age?: number;
  cacheable?: { field: Field; why: string };
  varyAuth: boolean;
  /** A cache said it did not answer from storage (MISS, BYPASS, DYNAMIC…): an `Age` alone is then not trusted. */
  miss: boolean;
  cdn?: string;
}

export default defineRule({
  meta: {
    id: 'cached-401',
    cause: 'cached_response',
    severity: 'error',
    title: 'The 401 was served from a cache',
    description:
      'The response headers show that a cache (CDN, reverse proxy or browser) answered, not the API: an earlier 401 was stored and is being replayed, so a correct credential never reaches the server. A 401 marked cacheable (`public`, `s-maxage`) without `Vary: Authorization` invites exactly this.',
    docs: [
      'https://www.rfc-editor.org/rfc/rfc9111#name-storing-responses-to-authen',
      'https://www.rfc-editor.org/rfc/rfc9211',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Age',
    ],
    checklist: ['cookies-cache'],
  },
  check(_evidence, ctx) {
    const reports: RuleReport[] = [];
    for (const view of ctx.facts.responses) {
      const { status } = view.response;
      if (status !== 401 && status !== 403) continue;
      const report = fromHeaders(view, ctx);
      if (report) reports.push(report);
    }
    if (reports.length === 0 && ctx.facts.saw401) {
      const browser = scanTexts(ctx).find((t) => BROWSER_CACHE.test(t.text));
      const hint = browser ?? ctx.facts.prose.find((t) => USER_CACHE_HINT.test(t.text.slice(0, 64 * 1024)));
      if (hint) {
        reports.push({
          severity: 'warning',
          confidence: browser ? 0.6 : 0.4,
          detail: browser
            ? 'The browser reports the response as coming from its own cache ("from disk/memory cache"): the 401 shown was not fetched with the current credential.'
            : 'You describe the 401 going away once a cache is cleared: a stored 401 is being replayed to requests that should succeed.',
          evidence: [hint.pointer],
          fix: [
            'Reload with the cache disabled (DevTools → Network → "Disable cache") or add a cache-busting query parameter to confirm.',
            'Make the API send `Cache-Control: no-store` on 401/403 responses so no cache keeps them.',
          ],
        });
      }
    }
    return reports;
  },
});

function fromHeaders(view: ResponseView, ctx: DiagnosisContext): RuleReport | undefined {
  const s = signals(view.response.headers);
  const hit = s.hit !== undefined;
  const aged = !s.miss && s.age !== undefined && s.age > 0;
  if (!hit && !aged && !s.cacheable) return undefined;

  const request = ctx.facts.requests.find((r) => r.exchange === view.exchange);
  const credential = request?.credentials[0];
  const unauthenticated = request !== undefined && request.credentials.length === 0;
  const p = `${view.pointer}.headers.`;
  const evidence: string[] = [];
  const seen: string[] = [];
  if (s.hit) {
    evidence.push(`${p}${s.hit.field.name.toLowerCase()}`);
    seen.push(`\`${s.hit.field.name}: ${s.hit.field.value}\` (${s.hit.why})`);
  }
  if (aged) {
    evidence.push(`${p}age`);
    seen.push(`\`Age: ${s.age}\` (the response had been stored for ${s.age} s)`);
  }
  if (s.cacheable) {
    evidence.push(`${p}${s.cacheable.field.name.toLowerCase()}`);
    seen.push(`\`${s.cacheable.field.name}: ${s.cacheable.field.value}\` (${s.cacheable.why})`);
  }
  const vary = s.varyAuth
    ? ''
    : ' There is no `Vary: Authorization`: unless the cache is configured to key on that header, it serves the stored 401 whatever credential is sent.';
  const status = view.response.status;

  let severity: RuleReport['severity'];
  let confidence: number;
  let lead: string;
  if (hit || aged) {
    severity = unauthenticated ? 'warning' : hit || s.cacheable ? 'error' : 'warning';
    confidence = unauthenticated ? 0.5 : hit ? 0.85 : s.cacheable ? 0.8 : 0.65;
    lead = `This ${status} came from ${s.cdn ?? 'a cache'}, not from the API: ${seen.join(', ')}.${credential ? ` The credential sent (${credential.display}) was never checked by the server.` : ''}`;
  } else {
    severity = 'warning';
    confidence = 0.4;
    lead = `This ${status} is marked cacheable: ${seen.join(', ')}. A shared cache${s.cdn ? ` (${s.cdn})` : ''} may store it and serve it to later requests, including ones with a valid credential.`;
  }

  const url = request?.request.url?.valid ? request.request.url.raw : undefined;
  const busted = url ? `${url}${url.includes('?') ? '&' : '?'}nocache=$(date +%s)` : undefined;
  const fix = [
    busted
      ? `Confirm by bypassing the cache: ${curlExample(request && { ...request.request, url: { ...request.request.url!, raw: busted } }, resend(credential))}`
      : 'Confirm by repeating the request with a cache-busting query parameter (e.g. `?nocache=<timestamp>`).',
    purgeStep(s.cdn, url),
    'At the API, send `Cache-Control: no-store` (or at least `private`) on every 401/403, and `Vary: Authorization` (or include the Authorization header in the CDN cache key) on responses that depend on the credential.',
  ];
  return { severity, confidence, detail: `${lead}${vary}`, evidence, fix };
}

function signals(fields: readonly Field[]): Signals {
  const s: Signals = { varyAuth: false, miss: false };
  for (const field of fields) {
    const name = field.name.toLowerCase();
    const value = field.value;
    if (!s.hit && CACHE_HEADER.test(name) && name !== 'cache-control' && HIT_VALUE.test(value)) {
      s.hit = { field, why: 'a cache hit' };
    } else if (CACHE_HEADER.test(name) && MISS_VALUE.test(value)) {
      s.miss = true;
    } else if (!s.hit && name === 'cache-status' && CACHE_STATUS_HIT.test(value)) {
      s.hit = { field, why: 'RFC 9211: served from the cache' };
    } else if (!s.hit && name === 'x-varnish' && /^\s*\d+\s+\d+\s*$/.test(value)) {
      s.hit = { field, why: 'two transaction ids: Varnish answered from its cache' };
    } else if (!s.hit && name === 'x-cache-hits' && /[1-9]/.test(value)) {
      s.hit = { field, why: 'served from the cache before' };
    } else if (name === 'age') {
      const age = Number.parseInt(value, 10);
      if (Number.isFinite(age)) s.age = age;
    } else if (name === 'cache-control') {
      const why = cacheable(value);
      if (why) s.cacheable = { field, why };
    } else if (name === 'vary') {
      if (/(?:^|,)\s*(?:authorization|cookie|\*)\s*(?:,|$)/i.test(value)) s.varyAuth = true;
    }
    s.cdn ??= cdnOf(name, value);
  }
  if (!s.cacheable) {
    const expires = header(fields, 'expires');
    const date = header(fields, 'date');
    const cc = header(fields, 'cache-control')?.value ?? '';
    if (expires && date && !/no-store|no-cache|private/i.test(cc)) {
      const e = Date.parse(expires.value);
      const d = Date.parse(date.value);
      if (Number.isFinite(e) && Number.isFinite(d) && e > d)
        s.cacheable = { field: expires, why: 'fresh until then' };
    }
  }
  return s;
}

/** Why a Cache-Control value lets a shared cache keep a 401, or undefined when it does not. */
function cacheable(value: string): string | undefined {
  if (/\b(?:no-store|private)\b/i.test(value)) return undefined;
  const sMax = /\bs-maxage\s*=\s*"?(\d{1,10})/i.exec(value);
  if (sMax && Number(sMax[1]) > 0) return 'shared caches may store it';
  const max = /\bmax-age\s*=\s*"?(\d{1,10})/i.exec(value);
  if (/\bpublic\b/i.test(value) && !/\bno-cache\b/i.test(value) && (!max || Number(max[1]) > 0))
    return '`public` lets shared caches store it even for a request that carried Authorization';
  return undefined;
}

function cdnOf(name: string, value: string): string | undefined {
  if (name.startsWith('x-amz-cf-') || /cloudfront/i.test(value)) return 'CloudFront';
  if (name.startsWith('cf-')) return 'Cloudflare';
  if (name === 'x-varnish' || (name === 'via' && /varnish/i.test(value))) return 'Varnish';
  if (name === 'x-served-by' && /cache-/i.test(value)) return 'Fastly';
  if (name.startsWith('x-akamai') || /TCP_(?:MEM_)?HIT|akamai/i.test(value)) return 'Akamai';
  if (name === 'x-vercel-cache') return 'Vercel';
  if (name === 'cdn-cache' || /bunnycdn/i.test(value)) return 'BunnyCDN';
  if (name === 'x-cache-status' || name === 'x-proxy-cache') return 'an nginx proxy cache';
  if (name === 'x-cache' && /squid/i.test(value)) return 'a Squid proxy';
  return undefined;
}

function purgeStep(cdn: string | undefined, url: string | undefined): string {
  const path = url && URL.canParse(url) ? new URL(url).pathname : '/the/path';
  switch (cdn) {
    case 'CloudFront':
      return `Invalidate the stored 401: \`aws cloudfront create-invalidation --distribution-id <ID> --paths '${path}'\`; set the error caching minimum TTL for 401/403 to 0 and add Authorization to the cache policy if responses differ per caller.`;
    case 'Cloudflare':
      return 'Purge the URL in Cloudflare (Caching → Configuration → Custom Purge) and add a Cache Rule that bypasses the cache for requests with an Authorization header.';
    case 'Varnish':
      return `Ban the stored object (\`varnishadm "ban req.url ~ ^${path}"\`) and pass requests carrying Authorization in vcl_recv (the builtin VCL does; a custom one may not).`;
    case 'Fastly':
      return 'Purge the URL (`curl -X PURGE <URL>` or the Fastly API) and do not cache 401/403 responses in your service configuration.';
    case 'an nginx proxy cache':
      return 'Clear the nginx proxy cache entry and add `proxy_no_cache $http_authorization; proxy_cache_bypass $http_authorization;` so authenticated requests skip the cache.';
    default:
      return `Purge the cached response for ${url ?? 'that URL'} in ${cdn ?? 'the cache that answered (CDN, reverse proxy or the browser)'}.`;
  }
}
