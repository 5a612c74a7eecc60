/**
 * HAR 1.2 files (browser devtools "Save all as HAR", Charles, Fiddler, Postman). A page load holds hundreds
 * of entries and only a few matter: the requests that failed on authentication and the redirects that led
 * to them. Those are kept, in order, with their place in the redirect chain; the rest is counted.
 */
import { z } from 'zod';
import { parseJsonContainer } from '../json.js';
import { type Note, note } from '../notes.js';
import type { Fragment, RawExchange, RawHeader, RawRequest, RawResponse, Segment } from '../raw.js';
import { headerValue, rawBody } from './header-lines.js';

export const MAX_KEPT_ENTRIES = 20;
/** How much of a body is searched for words about authentication. */
const SCAN_CHARS = 4000;
/** Redirect chains longer than curl's and browsers' defaults (50, 20) are loops, not chains. */
const MAX_CHAIN = 50;

const NameValueSchema = z.object({ name: z.string(), value: z.string() });

const HarEntrySchema = z.object({
  request: z.object({
    method: z.string(),
    url: z.string(),
    httpVersion: z.string().optional(),
    headers: z.array(NameValueSchema),
    cookies: z.array(NameValueSchema).optional(),
    queryString: z.array(NameValueSchema).optional(),
    postData: z
      .object({
        mimeType: z.string().optional(),
        text: z.string().optional(),
        params: z
          .array(
            z.object({
              name: z.string(),
              value: z.string().optional(),
              fileName: z.string().optional(),
              contentType: z.string().optional(),
            }),
          )
          .optional(),
      })
      .optional(),
  }),
  response: z.object({
    status: z.number(),
    statusText: z.string().optional(),
    httpVersion: z.string().optional(),
    headers: z.array(NameValueSchema),
    content: z
      .object({
        size: z.number().optional(),
        mimeType: z.string().optional(),
        text: z.string().optional(),
        encoding: z.string().optional(),
      })
      .optional(),
    redirectURL: z.string().optional(),
    _fromCache: z.string().optional(),
  }),
  /** Chrome and Firefox: the browser answered from its cache ("disk" or "memory"), the server was not asked. */
  _fromCache: z.string().optional(),
});
type HarEntry = z.infer<typeof HarEntrySchema>;

const HarSchema = z.object({ log: z.object({ entries: z.array(z.unknown()) }) });

/**
 * A synthetic response header carrying HAR's `_fromCache` ("disk" / "memory"): the Evidence response has no
 * field for it, and rules already read headers. A real server never sends this name.
 */
export const FROM_CACHE_HEADER = 'x-authdoctor-from-cache';
const FROM_CACHE_VALUES = new Set(['disk', 'memory']);

/** A single entry or a list of entries copied out of a HAR, without the `log.entries` wrapper. */
export function isBareHarEntries(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every(looksLikeEntry);
  return looksLikeEntry(value);
}

function looksLikeEntry(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { request, response } = value as { request?: unknown; response?: unknown };
  return (
    typeof request === 'object' &&
    request !== null &&
    typeof (request as { url?: unknown }).url === 'string' &&
    typeof response === 'object' &&
    response !== null &&
    typeof (response as { status?: unknown }).status === 'number'
  );
}

/** The entries list, and whether the user picked the entries (bare ones) rather than saving a whole page. */
function entriesOf(har: unknown): { entries: unknown[]; picked: boolean } | undefined {
  const parsed = HarSchema.safeParse(har);
  if (parsed.success) return { entries: parsed.data.log.entries, picked: false };
  if (!isBareHarEntries(har)) return undefined;
  return { entries: Array.isArray(har) ? har : [har], picked: true };
}

const AUTH_WORDS =
  /unauthori[sz]ed|unauthenticated|authenticat|authoriz|credential|token|api[ _-]?key|forbidden|permission|signature|expired|invalid_client|invalid_grant|access[ _]denied|login|scope/i;

interface Entry {
  index: number;
  har: HarEntry;
  body: string | undefined;
}

export function parseHar(segment: Segment, har: unknown): Fragment {
  const notes: Note[] = [];
  const found = entriesOf(har);
  if (found === undefined) {
    notes.push(note('har.invalid', 'This HAR file has no readable log.entries list.', segment.startLine));
    return { kinds: ['har'], exchanges: [], notes };
  }
  const raw = found.entries;
  const entries: Entry[] = [];
  let invalid = 0;
  raw.forEach((value, index) => {
    const entry = HarEntrySchema.safeParse(value);
    if (entry.success) entries.push({ index, har: entry.data, body: responseText(entry.data) });
    else invalid++;
  });
  if (invalid > 0) {
    notes.push(
      note(
        'har.invalid_entry',
        `${invalid} of ${raw.length} HAR entries lack a request or response and were skipped.`,
      ),
    );
  }

  // Entries the user copied one by one are all meant to be read, failing or not.
  const kept =
    found.picked && entries.length <= MAX_KEPT_ENTRIES ? pickedEntries(entries) : keptEntries(entries);
  const capped = kept.slice(0, MAX_KEPT_ENTRIES);
  if (kept.length > capped.length) {
    notes.push(
      note(
        'har.capped',
        `The HAR has ${kept.length} failing requests and redirects; only the first ${capped.length} were read.`,
      ),
    );
  }
  const failing = entries.filter((entry) => isFailure(entry)).length;
  if (failing === 0 && entries.length > 0 && !found.picked) {
    notes.push(
      note(
        'har.no_failure',
        `None of the ${entries.length} requests in this HAR failed on authentication (401, 403, 407).`,
      ),
    );
  }
  const skipped = entries.length - capped.length;
  if (skipped > 0 && capped.length > 0) {
    notes.push(
      note(
        'har.skipped_entries',
        `Read ${capped.length} of ${entries.length} requests in the HAR (the failing ones and the redirects that led to them); skipped ${skipped}.`,
      ),
    );
  }
  const exchanges = capped.map(({ entry, hop }) => toExchange(entry, hop));
  return { kinds: ['har'], exchanges, notes };
}

function responseText(entry: HarEntry): string | undefined {
  const content = entry.response.content;
  const text = content?.text;
  if (text === undefined || text === '') return undefined;
  return content?.encoding === 'base64' ? Buffer.from(text, 'base64').toString('utf8') : text;
}

function isFailure(entry: Entry): boolean {
  const { status, headers } = entry.har.response;
  if (status === 401 || status === 403 || status === 407) return true;
  if (status >= 400 && status <= 599) return talksAboutAuth(headers, entry.body);
  return status === 200 && okFalse(entry.body);
}

function talksAboutAuth(headers: readonly RawHeader[], body: string | undefined): boolean {
  for (const header of headers) {
    const name = header.name.toLowerCase();
    if (name === 'www-authenticate' || name === 'proxy-authenticate') return true;
    if ((name.includes('auth') || name.includes('error')) && AUTH_WORDS.test(header.value)) return true;
  }
  return body !== undefined && AUTH_WORDS.test(body.slice(0, SCAN_CHARS));
}

/** Slack and others answer 200 with `{"ok":false,"error":"invalid_auth"}`. */
function okFalse(body: string | undefined): boolean {
  if (body === undefined || !body.trimStart().startsWith('{') || !body.includes('"ok"')) return false;
  const value = parseJsonContainer(body);
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

function isRedirect(entry: Entry): boolean {
  const status = entry.har.response.status;
  return status >= 300 && status <= 399;
}

function redirectTarget(entry: Entry): string | undefined {
  const { redirectURL, headers } = entry.har.response;
  const location =
    redirectURL !== undefined && redirectURL !== '' ? redirectURL : headerValue(headers, 'location');
  if (location === undefined || !URL.canParse(location, entry.har.request.url)) return undefined;
  return new URL(location, entry.har.request.url).href;
}

function normalizedUrl(url: string): string {
  return URL.canParse(url) ? new URL(url).href : url;
}

/** The failing entries and, before each, the redirects that led to it; hop 0 is where the chain started. */
function keptEntries(entries: readonly Entry[]): { entry: Entry; hop: number }[] {
  const redirectTo = new Map<string, Entry>();
  const hops = new Map<Entry, number>();
  for (const entry of entries) {
    if (isFailure(entry)) {
      const chain: Entry[] = [];
      const seen = new Set<Entry>([entry]);
      let url = normalizedUrl(entry.har.request.url);
      for (let previous = redirectTo.get(url); previous !== undefined && !seen.has(previous); ) {
        if (chain.length >= MAX_CHAIN) break;
        chain.unshift(previous);
        seen.add(previous);
        url = normalizedUrl(previous.har.request.url);
        previous = redirectTo.get(url);
      }
      chain.push(entry);
      chain.forEach((link, hop) => {
        if (!hops.has(link)) hops.set(link, hop);
      });
    }
    if (isRedirect(entry)) {
      const target = redirectTarget(entry);
      if (target !== undefined) redirectTo.set(target, entry);
    }
  }
  return entries.filter((entry) => hops.has(entry)).map((entry) => ({ entry, hop: hops.get(entry)! }));
}

/** Every entry, with the hop of those that are part of a redirect chain leading to a failure. */
function pickedEntries(entries: readonly Entry[]): { entry: Entry; hop?: number }[] {
  const hops = new Map(keptEntries(entries).map(({ entry, hop }) => [entry, hop]));
  return entries.map((entry) => {
    const hop = hops.get(entry);
    return hop === undefined ? { entry } : { entry, hop };
  });
}

function toExchange(entry: Entry, hop: number | undefined): RawExchange {
  return {
    source: 'har',
    ...(hop === undefined ? {} : { hop }),
    request: toRequest(entry.har),
    response: toResponse(entry),
  };
}

/** HTTP/2 pseudo headers (`:authority`) repeat the method and URL; they are not headers a rule should see. */
function realHeaders(headers: readonly RawHeader[]): RawHeader[] {
  return headers.filter((header) => !header.name.startsWith(':')).map(({ name, value }) => ({ name, value }));
}

function toRequest(har: HarEntry): RawRequest {
  const { method, url, cookies, postData } = har.request;
  const headers = realHeaders(har.request.headers);
  const request: RawRequest = { method, url, headers };
  // The cookies list repeats the Cookie header; it only adds something when that header is missing.
  if (cookies !== undefined && cookies.length > 0 && headerValue(headers, 'cookie') === undefined) {
    request.cookies = cookies.map(({ name, value }) => ({ name, value }));
  }
  if (postData?.text !== undefined && postData.text !== '') {
    request.body = rawBody(postData.text, postData.mimeType ?? headerValue(headers, 'content-type'));
  } else if (postData?.params !== undefined && postData.params.length > 0) {
    const multipart = postData.mimeType?.toLowerCase().includes('multipart/') ?? false;
    request.body = {
      kind: multipart ? 'multipart' : 'form',
      fields: postData.params.map(({ name, value, fileName }) => ({
        name,
        value: value ?? '',
        ...(fileName === undefined ? {} : { file: fileName }),
      })),
    };
  }
  return request;
}

function toResponse(entry: Entry): RawResponse {
  const { status, statusText, httpVersion, headers } = entry.har.response;
  const response: RawResponse = {
    ...(httpVersion === undefined || httpVersion === '' ? {} : { httpVersion }),
    status,
    ...(statusText === undefined || statusText === '' ? {} : { statusText }),
    headers: realHeaders(headers),
  };
  const fromCache = (entry.har._fromCache ?? entry.har.response._fromCache)?.toLowerCase();
  if (fromCache !== undefined && FROM_CACHE_VALUES.has(fromCache)) {
    response.headers.push({ name: FROM_CACHE_HEADER, value: fromCache });
  }
  if (entry.body !== undefined) response.body = entry.body;
  return response;
}
