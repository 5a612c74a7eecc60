/**
 * The 401 came out of a cache. A CDN, reverse proxy or browser stored an earlier 401 (often one from a
 * request that really had no credential) and now serves it to requests whose credential is fine: they never
 * reach the API. Caches say so in their headers (`Age`, `X-Cache: Hit`, `CF-Cache-Status: HIT`,
 * `X-Varnish` with two ids, RFC 9211 `Cache-Status`); a 401 marked `public` or with `s-maxage`, and with no
 * `Vary: Authorization`, can be stored and handed to every caller. A browser's own marker on the 401
 * ("(from disk cache)", "(from ServiceWorker)") settles it whatever a CDN header says, and a 304 answering a
 * conditional request revalidates a stored 401.
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
/** Chrome "(from disk cache)" / "(from ServiceWorker)", Firefox "Transferred: cached", Safari "Source: Memory Cache". */
const BROWSER_CACHE =
  /\((?:from )?(?:disk|memory|prefetch) cache\)|\(?from ServiceWorker\)?|\bTransferred\s{0,4}:?\s{0,4}cached\b|\bSource:\s{0,4}(?:Memory|Disk) Cache\b/i;
/** The marker on the same line as the auth failure: the 401 itself was read from the cache. */
const MARKED_401 =
  /\b40[13]\b[^\n]{0,80}(?:\((?:from )?(?:disk|memory|prefetch) cache\)|from ServiceWorker)/i;
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
      const report = fromBrowser(view) ?? fromHeaders(view, ctx);
      if (report) reports.push(report);
    }
    if (reports.length === 0) {
      const revalidated = notModified(ctx);
      if (revalidated) reports.push(revalidated);
    }
    if (reports.length === 0 && ctx.facts.saw401) {
      const texts = scanTexts(ctx);
      const marked = texts.find((t) => MARKED_401.test(t.text));
      const browser = marked ?? texts.find((t) => BROWSER_CACHE.test(t.text));
      const hint = browser ?? ctx.facts.prose.find((t) => USER_CACHE_HINT.test(t.text.slice(0, 64 * 1024)));
      if (hint) {
        reports.push({
          // The 401 line itself says it came from the browser's cache: the server never saw this request.
          severity: marked ? 'error' : 'warning',
          confidence: marked ? 0.8 : browser ? 0.6 : 0.4,
          detail: marked
            ? 'The browser reports the 401 itself as read from its own cache ("from disk/memory cache" or "from ServiceWorker"): the request was never sent, so the credential it would carry was never checked.'
            : browser
              ? 'The browser reports the response as coming from its own cache ("from disk/memory cache"): the 401 shown was not fetched with the current credential.'
              : 'You describe the 401 going away once a cache is cleared: a stored 401 is being replayed to requests that should succeed.',
          evidence: [hint.pointer],
          fix: BROWSER_FIX,
        });
      }
    }
    return reports;
  },
});

const BROWSER_FIX = [
  'Reload with the cache disabled (DevTools → Network → "Disable cache") or add a cache-busting query parameter to confirm.',
  'Make the API send `Cache-Control: no-store` on 401/403 responses so no cache keeps them; if a service worker answers, exclude API calls from its cache (or bump its cache version).',
];

/**
 * DevTools marks a response read from the browser's own cache in its status line. That settles it even when a
 * CDN header says MISS: the CDN header was stored with the response when it was first fetched.
 */
function fromBrowser(view: ResponseView): RuleReport | undefined {
  const line = view.response.statusText ?? '';
  const marker = BROWSER_CACHE.exec(line);
  if (!marker) return undefined;
  const p = `${view.pointer}.headers.`;
  const fields = view.response.headers;
  const cc = header(fields, 'cache-control');
  const kept = cc && !/\bno-store\b/i.test(cc.value) && /\bmax-age\s*=\s*"?[1-9]/i.test(cc.value);
  const cdn = fields.find((f) => CACHE_HEADER.test(f.name) && MISS_VALUE.test(f.value));
  const sw = /ServiceWorker/i.test(marker[0]);
  return {
    severity: 'error',
    confidence: 0.85,
    title: sw ? "The 401 came from the service worker's cache" : "The 401 came from the browser's cache",
    detail: `DevTools shows this ${view.response.status} as \`${marker[0].trim()}\`: the browser did not send the request, it replayed a ${view.response.status} it had stored earlier (from before the login or token refresh), so the current credential was never checked.${kept ? ` The response allowed that: \`${cc.name}: ${cc.value}\` lets the browser keep it and reuse it without asking the server.` : ''}${cdn ? ` \`${cdn.name}: ${cdn.value}\` does not contradict this: it is the CDN's note from when the browser first fetched the response, stored along with it.` : ''}`,
    evidence: [`${view.pointer}.status`, ...(kept ? [`${p}cache-control`] : [])],
    fix: [
      ...BROWSER_FIX,
      ...(kept
        ? [
            'Never give a 401/403 (or any per-user response) a `max-age` or `public`: send `Cache-Control: no-store` on them, and `private, no-cache` on authenticated 200s.',
          ]
        : []),
    ],
  };
}

/**
 * A 304 Not Modified answering a conditional request (`If-None-Match` / `If-Modified-Since`) while the paste
 * shows a 401: the client revalidated a stored response, and what it shows is the stored 401 body.
 */
function notModified(ctx: DiagnosisContext): RuleReport | undefined {
  if (!ctx.facts.saw401) return undefined;
  const view = ctx.facts.responses.find((r) => r.response.status === 304);
  if (!view) return undefined;
  const request = ctx.facts.requests.find((r) => r.exchange === view.exchange);
  const conditional = request?.request.headers.find((f) =>
    /^if-(?:none-match|modified-since)$/i.test(f.name),
  );
  const url = request?.request.url?.raw;
  const same = ctx.facts.responses.some(
    (r) =>
      r.response.status === 401 &&
      ctx.facts.requests.find((q) => q.exchange === r.exchange)?.request.url?.raw === url,
  );
  return {
    severity: same && conditional ? 'error' : 'warning',
    confidence: same && conditional ? 0.75 : 0.45,
    detail: `The server answered 304 Not Modified${conditional ? ` to a conditional request (\`${conditional.name}: ${conditional.value}\`)` : ''}: the client was told to reuse what it had stored${same ? ', and what it had stored for this URL is a 401' : ''}. The 401 seen is a cached copy, not the server's answer to the current credential.`,
    evidence: [
      `${view.pointer}.status`,
      ...(conditional && request ? [`${request.pointer}.headers.${conditional.name.toLowerCase()}`] : []),
    ],
    fix: [
      ...BROWSER_FIX,
      'Do not send `ETag`/`Last-Modified` on 401/403 responses (or vary them by credential), so a revalidation cannot turn a stored 401 into the answer for a logged-in request.',
    ],
  };
}

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
