/**
 * Host and URL helpers for the transport and place rules: which URLs a paste shows being called (requests,
 * client error logs), how two hosts differ, which environment a host name belongs to, and the text a rule
 * may scan (what servers and clients said, what the user wrote), capped so that no rule scans megabytes.
 */
import type { DiagnosisContext } from '../../diagnose/context.js';
import { header, type RequestView, type TextView } from '../../diagnose/facts.js';
import type { Credential, Exchange, Request } from '../../intake/evidence.js';
import type { HostMatch, ProviderKnowledge } from '../../providers/knowledge.js';
import type { Environment, PackCredentialFormat, ProviderPack } from '../../providers/schema.js';
import type { curlExample } from './fix.js';

/** A URL some request of the paste went to. */
export interface Target {
  raw: string;
  scheme: string;
  host: string;
  /** Explicit port only. */
  port?: number;
  path: string;
  pointer: string;
  /** The request itself, when the URL came from one (not from a log line). */
  view?: RequestView;
  status?: number;
}

const MAX_URL = 4096;

const URL_IN_TEXT = /\bhttps?:\/\/[^\s'"`<>()[\]{}]{3,2000}/gi;
const AUTH_STATUS_ON_LINE = /\b40[13]\b|unauthori[sz]ed|forbidden/i;

/**
 * Requests (CONNECT tunnels excepted) and client-error URLs, one entry per distinct URL, in paste order; with
 * `text`, also URLs named in error messages and the user's words (after those), with the status when their
 * line says 401/403.
 */
const TARGETS = new WeakMap<DiagnosisContext, WeakMap<object, Map<boolean, Target[]>>>();

/** Memoised per diagnosis: most place rules start from the same list. */
export function targets(
  ctx: DiagnosisContext,
  clientErrors: readonly { url?: string; status?: number }[],
  options: { text?: boolean } = {},
): Target[] {
  let byErrors = TARGETS.get(ctx);
  if (!byErrors) {
    byErrors = new WeakMap();
    TARGETS.set(ctx, byErrors);
  }
  let byText = byErrors.get(clientErrors);
  if (!byText) {
    byText = new Map();
    byErrors.set(clientErrors, byText);
  }
  const text = options.text === true;
  let found = byText.get(text);
  if (!found) {
    found = findTargets(ctx, clientErrors, { text });
    byText.set(text, found);
  }
  return [...found];
}

function findTargets(
  ctx: DiagnosisContext,
  clientErrors: readonly { url?: string; status?: number }[],
  options: { text?: boolean },
): Target[] {
  const out: Target[] = [];
  const seen = new Set<string>();
  for (const view of ctx.facts.requests) {
    const url = view.request.url;
    if (view.request.method === 'CONNECT' || !url?.valid || !url.host || !url.scheme) continue;
    if (!/^https?$/i.test(url.scheme)) continue;
    const key = url.raw;
    if (seen.has(key)) continue;
    seen.add(key);
    const status = view.exchange.response?.status;
    out.push({
      raw: url.raw,
      scheme: url.scheme.toLowerCase(),
      host: url.host.toLowerCase(),
      ...(url.port === undefined ? {} : { port: url.port }),
      path: url.path ?? '/',
      pointer: `${view.pointer}.url`,
      view,
      ...(status === undefined ? {} : { status }),
    });
  }
  clientErrors.forEach((error, i) => {
    if (!error.url || seen.has(error.url)) return;
    const parsed = parseUrl(error.url);
    if (!parsed) return;
    seen.add(error.url);
    out.push({
      ...parsed,
      pointer: `clientErrors[${i}]`,
      ...(error.status === undefined ? {} : { status: error.status }),
    });
  });
  if (options.text) {
    for (const view of scanTexts(ctx)) {
      let n = 0;
      for (const m of view.text.matchAll(URL_IN_TEXT)) {
        if (++n > 10) break;
        const parsed = parseUrl(m[0]);
        if (!parsed || seen.has(parsed.raw)) continue;
        seen.add(parsed.raw);
        const lineStart = view.text.lastIndexOf('\n', m.index) + 1;
        const lineEnd = view.text.indexOf('\n', m.index);
        const line = view.text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
        const status = AUTH_STATUS_ON_LINE.test(line) ? 401 : view.status;
        out.push({ ...parsed, pointer: view.pointer, ...(status === undefined ? {} : { status }) });
      }
    }
  }
  return out;
}

export function parseUrl(raw: string): Omit<Target, 'pointer'> | undefined {
  const text = raw.trim().replace(/(?<![.,;:)'"`])[.,;:)'"`]+$/, '');
  if (text.length > MAX_URL || !/^https?:\/\//i.test(text) || !URL.canParse(text)) return undefined;
  const u = new URL(text);
  if (!u.hostname) return undefined;
  return {
    raw: text,
    scheme: u.protocol.slice(0, -1).toLowerCase(),
    host: u.hostname.toLowerCase().replace(/^\[|\]$/g, ''),
    ...(u.port === '' ? {} : { port: Number(u.port) }),
    path: u.pathname || '/',
  };
}

/** A request-shaped value for `curlExample` when the URL came from a log line rather than a request. */
export function requestFor(target: Target, raw = target.raw): Request {
  const base = target.view?.request;
  if (base?.url) return { ...base, url: { ...base.url, raw } };
  return {
    method: 'GET',
    methodExplicit: false,
    url: { raw, valid: true, query: [] },
    headers: [],
    cookies: [],
    options: {},
  };
}

/** The URL with its host replaced, kept as the user wrote it otherwise. */
export function withHost(raw: string, host: string, replacement: string): string {
  const at = raw.toLowerCase().indexOf(host.toLowerCase(), raw.indexOf('//') + 2);
  return at < 0 ? raw : `${raw.slice(0, at)}${replacement}${raw.slice(at + host.length)}`;
}

/** The URL with `https` instead of `http` (and an explicit :80 dropped). */
export function withHttps(raw: string): string {
  return raw.replace(/^http:\/\//i, 'https://').replace(/^(https:\/\/[^/?#]+):80(?=[/?#]|$)/i, '$1');
}

/** The URL with its path replaced (query and fragment kept). */
export function withPath(raw: string, path: string, newPath: string): string {
  const start = raw.indexOf('/', raw.indexOf('//') + 2);
  if (start < 0) return `${raw}${newPath}`;
  const at = raw.indexOf(path, start);
  return at < 0 ? raw : `${raw.slice(0, at)}${newPath}${raw.slice(at + path.length)}`;
}

export function isLocalHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.endsWith('.local') ||
    host.endsWith('.internal') ||
    /^\d{1,3}(\.\d{1,3}){3}$/.test(host) ||
    host.includes(':') ||
    !host.includes('.')
  );
}

/** `scheme://host[:port]`, the port written only when it is not the scheme's default. */
export function origin(scheme: string, host: string, port: number | undefined): string {
  const standard = (scheme === 'https' && port === 443) || (scheme === 'http' && port === 80);
  return `${scheme}://${host}${port === undefined || standard ? '' : `:${port}`}`;
}

const ENV_WORDS: Record<string, Environment> = {
  sandbox: 'sandbox',
  sbx: 'sandbox',
  staging: 'staging',
  stage: 'staging',
  stg: 'staging',
  uat: 'staging',
  preprod: 'staging',
  preproduction: 'staging',
  test: 'test',
  testing: 'test',
  qa: 'test',
  dev: 'development',
  develop: 'development',
  development: 'development',
  prod: 'production',
  production: 'production',
  live: 'production',
};

/**
 * The environment a host name says it belongs to (`api.sandbox.paypal.com`, `test.salesforce.com`,
 * `connect.squareupsandbox.com`, `api-staging.example.com`), or undefined when its labels do not say. The
 * top-level label is ignored: `.dev` and `.test` are domains, not environments.
 */
export function environmentFromLabels(host: string): Environment | undefined {
  const labels = host.toLowerCase().split('.').slice(0, -1);
  for (const label of labels) {
    // IdP tenants (`dev-123456.okta.com`, `dev-x7k2q9.us.auth0.com`) carry generated names, not environments.
    if (/^[a-z]+-(?=[a-z0-9]*\d)[a-z0-9]{4,}$/.test(label)) continue;
    for (const word of label.split('-')) {
      const env = ENV_WORDS[word];
      if (env) return env;
    }
  }
  // "sandbox" glued to a brand (squareupsandbox) is still unambiguous; "test" or "dev" inside a word is not.
  if (labels.some((l) => l.includes('sandbox'))) return 'sandbox';
  return undefined;
}

export interface HostEnvironment {
  environment: Environment;
  /** `pack`: the host is listed in a pack; `labels`: read off the host name. */
  source: 'pack' | 'labels';
  match?: HostMatch;
}

/** The environment of a host: the pack's word when a pack lists it, else what its labels say. */
export function hostEnvironment(host: string, knowledge: ProviderKnowledge): HostEnvironment | undefined {
  const match = knowledge.matchHost(host);
  // A pack host that is an exact or wildcard match speaks for the environment; labels only fill the gaps.
  if (match) return { environment: match.host.environment, source: 'pack', match };
  const environment = environmentFromLabels(host);
  return environment ? { environment, source: 'labels' } : undefined;
}

export function isProduction(env: string): boolean {
  return env === 'production' || env === 'live';
}

/** `sandbox`, `staging` … as a word for prose; `live` and `production` both read "production". */
export function envWord(env: string): string {
  return isProduction(env) ? 'production' : env;
}

const MAX_TEXT = 64 * 1024;

/** What servers and clients said, then what the user wrote; each capped at 64 KB. */
export function scanTexts(ctx: DiagnosisContext, include: { prose?: boolean } = {}): TextView[] {
  const list = include.prose === false ? ctx.facts.answers : [...ctx.facts.answers, ...ctx.facts.prose];
  return list.map(capped);
}

function capped(t: TextView): TextView {
  return t.text.length > MAX_TEXT ? { ...t, text: t.text.slice(0, MAX_TEXT) } : t;
}

/** IPv4 (masked `X.X.X.X` too) or IPv6 addresses named in a message. */
const IPV4 =
  /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d|x{1,3})\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d|x{1,3})(?![\w.])/i;
const IPV6 = /(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi;

export function ipIn(text: string): { ip: string; version: 4 | 6 } | undefined {
  const v4 = IPV4.exec(text);
  if (v4) return { ip: v4[0], version: 4 };
  // Clock times (`12:30:45`) look like IPv6 too; a real address has `::` or at least five colons.
  for (const m of text.matchAll(IPV6)) {
    const ip = m[0];
    if (ip.replace(/:/g, '').length < 2) continue;
    if (ip.includes('::') || ip.split(':').length >= 6) return { ip, version: 6 };
  }
  return undefined;
}

/** One followed redirect: a 3xx with a Location, and the exchange that came after it in the chain. */
export interface RedirectLink {
  /** Index into `evidence.exchanges` of the 3xx. */
  fromIndex: number;
  toIndex: number;
  status: number;
  location: string;
  /** The absolute URL the 3xx was answering, when known. */
  fromUrl?: string;
  /** The Location resolved against `fromUrl`. */
  toUrl: string;
}

/**
 * The redirects the paste shows: an exchange with `hop` n > 0 continues the chain of the exchange right before
 * it (curl -v / -iL traces, HAR, pasted proxy histories). `curl -iL` output attaches the first 3xx to the
 * command's own exchange, which then has no hop number.
 */
export function redirectLinks(exchanges: readonly Exchange[]): RedirectLink[] {
  const links: RedirectLink[] = [];
  for (let i = 1; i < exchanges.length; i++) {
    const next = exchanges[i]!;
    const prev = exchanges[i - 1]!;
    if (next.hop === undefined || next.hop === 0 || (prev.hop ?? 0) !== next.hop - 1) continue;
    const response = prev.response;
    if (!response || response.status < 300 || response.status > 399) continue;
    const location = header(response.headers, 'location')?.value.trim();
    if (!location) continue;
    const fromUrl = prev.request?.url?.valid ? prev.request.url.raw : undefined;
    let toUrl = location;
    if (fromUrl && URL.canParse(location, fromUrl)) toUrl = new URL(location, fromUrl).href;
    else if (!URL.canParse(location)) continue;
    links.push({
      fromIndex: i - 1,
      toIndex: i,
      status: response.status,
      location,
      ...(fromUrl ? { fromUrl } : {}),
      toUrl,
    });
  }
  return links;
}

/** The last exchange of the chain that starts with `index` (following hop numbers). */
export function chainEnd(exchanges: readonly Exchange[], index: number): number {
  let end = index;
  while (end + 1 < exchanges.length && exchanges[end + 1]!.hop === (exchanges[end]!.hop ?? 0) + 1) end++;
  return end;
}

/** `scheme://host:port` of an absolute URL, or undefined. */
export function originOf(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const u = new URL(url);
  const scheme = u.protocol.slice(0, -1).toLowerCase();
  return origin(scheme, u.hostname.toLowerCase(), u.port === '' ? undefined : Number(u.port));
}

/**
 * How to send `credential` again in a curl example, mirroring where the user had it: the same header name and
 * scheme, the same cookie or query parameter, `-u` for Basic; a placeholder always stands for the secret.
 */
export function resend(credential: Credential | undefined): Parameters<typeof curlExample>[1] {
  const w = credential?.where.find(
    (o) => o.location !== 'code' && o.location !== 'env' && o.location !== 'text',
  );
  const scheme = credential?.scheme ? `${credential.scheme} ` : '';
  switch (w?.location) {
    case 'header':
      return { header: `${w.name ?? 'Authorization'}: ${scheme}<YOUR_TOKEN>` };
    case 'cookie':
      return { header: `Cookie: ${w.name ?? 'session'}=<YOUR_SESSION_COOKIE>` };
    case 'query':
      return { query: { name: w.name ?? 'api_key', value: '<YOUR_TOKEN>' } };
    case 'basic_flag':
    case 'userinfo':
      return { basic: `${credential?.basic?.username || 'user'}:<YOUR_PASSWORD>` };
    case 'bearer_flag':
      return { header: 'Authorization: Bearer <YOUR_TOKEN>' };
    default:
      if (credential?.basic) return { basic: `${credential.basic.username || 'user'}:<YOUR_PASSWORD>` };
      return { header: `${w?.name ?? 'Authorization'}: ${scheme || 'Bearer '}<YOUR_TOKEN>` };
  }
}

/** What the user wrote, capped like `scanTexts`. */
export function proseTexts(ctx: DiagnosisContext): TextView[] {
  return ctx.facts.prose.map(capped);
}

/** The line around a match, trimmed to a readable length, for quoting in a detail. */
export function quoteAround(text: string, index: number, length: number): string {
  const lineStart = text.lastIndexOf('\n', index) + 1;
  const start = Math.max(lineStart, index - 120);
  const nl = text.indexOf('\n', index + length);
  const lineEnd = nl < 0 ? text.length : nl;
  const end = Math.min(lineEnd, index + length + 160);
  // A closing full stop would double up with the sentence the quote sits in.
  const words = text.slice(start, end).replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return `${start > lineStart ? '…' : ''}${words}${end < lineEnd ? '…' : ''}`;
}

const anchored = new WeakMap<RegExp, RegExp>();

/** A format describes the whole value, not a part of it. */
function whole(pattern: RegExp): RegExp {
  let re = anchored.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gy]/g, ''));
    anchored.set(pattern, re);
  }
  return re;
}

/**
 * The pack credential format (user packs' own shapes) a credential matches, for credentials that intake's
 * built-in table could not name. The raw value is only tested, never kept or shown.
 */
export function packFormatOf(
  credential: Credential,
  packs: readonly ProviderPack[],
): { pack: ProviderPack; format: PackCredentialFormat } | undefined {
  const raw = credential.secret?.reveal();
  if (!raw || raw.length > 4096) return undefined;
  for (const pack of packs) {
    for (const format of pack.credentialFormats) if (whole(format.pattern).test(raw)) return { pack, format };
  }
  return undefined;
}

/** A line that starts like a log or error output: `FooError:`, `error:`, `401:`, `HTTP/1.1`, JSON. */
const ERROR_LINE =
  /^\s*(?:[\w.$\\]{0,80}(?:Error|Exception|error|exception)\b|\d{3}\b|HTTP\/|[[{"']|\w{0,20}(?:error|ERROR|Error):|(?:[Ff]atal|[Uu]ncaught|[Uu]nhandled) (?:error|exception)\b|An error occurred\b)|"(?:message|error|error_message|msg)"\s*:/;

/** Whether the line around `index` reads like a quoted server or client error rather than the user's own words. */
export function looksQuoted(text: string, index: number): boolean {
  const start = text.lastIndexOf('\n', index) + 1;
  const nl = text.indexOf('\n', index);
  return ERROR_LINE.test(text.slice(start, nl < 0 ? undefined : nl));
}
