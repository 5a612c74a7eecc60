/**
 * What every guide builder shares: the guide context read field by field (a bad field is dropped, never a
 * reason to fail), and the few ways a value from it may appear in a guide. Guides only ever read the
 * fields GuideContextSchema documents, so anything else that ends up in a context object by mistake (a raw
 * token, a whole Evidence value) never reaches the text.
 */
import { type Guide, GuideContextSchema } from '../guide.js';

export interface ProviderContext {
  id: string;
  name: string;
  docs: { title: string; url: string }[];
  pitfalls: string[];
  dashboard?: string;
}

export interface ResolvedContext {
  provider?: ProviderContext;
  request?: { method: string; url?: string; host?: string };
  example?: string;
  support?: { url?: string; channel?: string };
}

export type GuideBody = Omit<Guide, 'step' | 'title'>;
export type HowToPart = GuideBody['howTo'][number];
export type GuideBuilder = (ctx: ResolvedContext) => GuideBody;
export type Link = Guide['links'][number];

const shape = GuideContextSchema.shape;

export function resolveContext(context: unknown): ResolvedContext {
  if (typeof context !== 'object' || context === null) return {};
  const input = context as Record<string, unknown>;
  const out: ResolvedContext = {};
  const provider = shape.provider.safeParse(input.provider);
  if (provider.success && provider.data) {
    const p = provider.data;
    out.provider = {
      id: p.id,
      name: p.name,
      docs: p.docs,
      pitfalls: p.pitfalls,
      ...(p.dashboard !== undefined ? { dashboard: p.dashboard } : {}),
    };
  }
  const request = shape.request.safeParse(input.request);
  if (request.success && request.data) out.request = request.data;
  const example = shape.example.safeParse(input.example);
  if (example.success && example.data !== undefined && example.data.trim() !== '') out.example = example.data;
  const support = shape.support.safeParse(input.support);
  if (support.success && support.data) out.support = support.data;
  return out;
}

/** Control characters and line breaks (a value that spans lines would break the chat layout). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** A value from the context as plain text: one line, at most `max` characters. */
export function plain(value: string, max = 200): string {
  const text = value.replace(CONTROL, ' ').replace(/ {2,}/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A value from the context inside `inline code`: no backticks, so it cannot close the span. */
export function code(value: string, max = 200): string {
  return `\`${plain(value.replace(/`/g, "'"), max)}\``;
}

/** The value when it is an absolute http(s) URL without spaces, else undefined. */
export function httpUrl(value: string | undefined): string | undefined {
  if (value === undefined || value.length > 2048 || !/^https?:\/\/[^\s]+$/i.test(value)) return undefined;
  try {
    new URL(value);
    return value;
  } catch {
    return undefined;
  }
}

/** A hostname safe to put in a command line (letters, digits, dots, dashes). */
const HOSTNAME = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/i;

export function hostOf(ctx: ResolvedContext): string | undefined {
  const host = ctx.request?.host?.trim().replace(/\.$/, '');
  if (host && HOSTNAME.test(host)) return host.toLowerCase();
  const url = httpUrl(ctx.request?.url);
  if (!url) return undefined;
  const parsed = new URL(url).hostname;
  return HOSTNAME.test(parsed) ? parsed : undefined;
}

/** The user's URL when it is a plain http(s) URL short enough for chat. */
export function requestUrl(ctx: ResolvedContext): string | undefined {
  const url = httpUrl(ctx.request?.url?.trim());
  return url && url.length <= 300 ? url : undefined;
}

/** POSIX shell single quoting: safe for any value in bash, zsh and sh. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/** The URL for a command line: the user's own when known, else their host, else a stand-in. */
export function commandUrl(ctx: ResolvedContext): string {
  const url = requestUrl(ctx);
  if (url) return shellQuote(url);
  const host = hostOf(ctx);
  return host ? `https://${host}/` : 'https://api.example.com/';
}

/** The provider's authentication reference (its first docs link). */
export function authReference(ctx: ResolvedContext): Link | undefined {
  const provider = ctx.provider;
  const doc = provider?.docs[0];
  const url = httpUrl(doc?.url);
  if (!provider || !doc || !url) return undefined;
  return { label: `${plain(provider.name, 80)}: ${plain(doc.title, 120)}`, url };
}

/** Every provider docs link, the authentication reference first. */
export function providerLinks(ctx: ResolvedContext): Link[] {
  const provider = ctx.provider;
  if (!provider) return [];
  return provider.docs.flatMap((doc) => {
    const url = httpUrl(doc.url);
    return url ? [{ label: `${plain(provider.name, 80)}: ${plain(doc.title, 120)}`, url }] : [];
  });
}

/** The links that are present, each URL once. */
export function links(...candidates: (Link | undefined)[]): Link[] {
  const seen = new Set<string>();
  const out: Link[] = [];
  for (const link of candidates) {
    if (!link || seen.has(link.url)) continue;
    seen.add(link.url);
    out.push(link);
  }
  return out;
}

/** The provider's name for prose, or a neutral stand-in. */
export function apiName(ctx: ResolvedContext): string {
  return ctx.provider ? plain(ctx.provider.name, 80) : 'the API';
}
