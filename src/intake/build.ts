/**
 * Turns the parsers' raw fragments into one Evidence value: finds the credentials in every request,
 * wraps them as Secrets, and scrubs every string that leaves intake. Nothing raw gets past this file.
 */

import { splitAuthorization } from './credentials/authorization.js';
import { scanText } from './credentials/classify.js';
import { eachKeyedSecret, forgetNames } from './credentials/keyed.js';
import {
  isCredentialCookie,
  isCredentialHeader,
  isCredentialKey,
  isCredentialParam,
} from './credentials/names.js';
import { CredentialRegistry } from './credentials/registry.js';
import { scanTextFormats, type TextFormat } from './credentials/text-formats.js';
import type {
  Challenge,
  ErrorBody,
  Evidence,
  Exchange,
  Field,
  Occurrence,
  Request,
  Response,
  Url,
} from './evidence.js';
import type { Kind } from './kinds.js';
import { type Note, note } from './notes.js';
import { extractErrorBody } from './parsers/error-body.js';
import { parseChallenges } from './parsers/www-authenticate.js';
import type { Fragment, RawExchange, RawHeader, RawRequest, RawRequestOptions, RawResponse } from './raw.js';

const MAX_BODY_CHARS = 4096;
const MAX_EXCHANGES = 50;
const MAX_LIST = 50;
const MAX_NOTES = 100;

export interface BuildInput {
  text: string;
  /** Free-text regions no structural parser claimed. */
  prose: { line: number; text: string }[];
  fragments: Fragment[];
  notes: Note[];
  bytes: number;
  truncated: boolean;
  /** Prefixed formats from outside the format table (provider packs), looked for in free text too. */
  textFormats?: readonly TextFormat[];
}

export function buildEvidence(input: BuildInput): Evidence {
  forgetNames();
  const registry = new CredentialRegistry();
  // Built on first use: only a credential found by scanning free text needs a line number from an offset.
  let lineAt: ((offset: number) => number) | undefined;
  const merged = merge(input.fragments);
  const notes = [...input.notes, ...merged.notes];

  if (merged.exchanges.length > MAX_EXCHANGES) {
    notes.push(
      note(
        'intake.too_many_exchanges',
        `The paste holds ${merged.exchanges.length} requests and responses; I read the first ${MAX_EXCHANGES}.`,
      ),
    );
  }
  const exchanges = merged.exchanges
    .slice(0, MAX_EXCHANGES)
    .map((raw, i) => buildExchange(raw, i, registry, notes));

  for (const loose of merged.looseCredentials) {
    const at: Occurrence = {
      location: loose.context,
      pointer: loose.name ? `${loose.context}.${loose.name}` : `${loose.context}@${loose.line ?? 0}`,
    };
    if (loose.name) at.name = loose.name;
    if (loose.line) at.line = loose.line;
    registry.register(loose.value, at, { origin: loose.origin });
  }

  for (const body of merged.bodies)
    registerKeyedSecrets(body.text, registry, 'body', `bodies@${body.line ?? 0}`);
  registerKeyedSecrets(input.text, registry, 'text', 'text');
  for (const hit of scanText(input.text)) {
    if (registry.has(hit.value)) continue;
    lineAt ??= lineLocator(input.text);
    const line = lineAt(hit.start);
    registry.register(hit.value, { location: 'text', pointer: `text@${line}`, line });
  }
  for (const hit of scanTextFormats(input.text, input.textFormats)) {
    if (registry.has(hit.value)) continue;
    lineAt ??= lineLocator(input.text);
    const line = lineAt(hit.start);
    registry.register(hit.value, { location: 'text', pointer: `text@${line}`, line });
  }

  // Loops and Object.assign here and below rather than flatMap and object spreads: both take V8's slow
  // generic paths, at a cost that showed on small pastes.
  const errorBodies: ErrorBody[] = [];
  for (const b of merged.bodies.slice(0, MAX_LIST)) {
    const fields = extractErrorBody(b.text);
    if (!fields) continue;
    const body: ErrorBody = Object.assign({}, fields, { text: clip(b.text).text });
    if (b.status !== undefined && body.status === undefined) body.status = b.status;
    if (b.line !== undefined) body.line = b.line;
    errorBodies.push(body);
  }

  const challenges: Challenge[] = [];
  for (const c of merged.challenges.slice(0, MAX_LIST)) {
    const parsed = parseChallenges(c.value);
    challenges.push(...parsed.challenges);
    notes.push(...parsed.notes.map((n) => (c.line && !n.line ? { ...n, line: c.line } : n)));
  }

  if (registry.dropped > 0) {
    notes.push(
      note(
        'intake.too_many_credentials',
        `Found more than ${registry.size} credentials; ${registry.dropped} more were not listed.`,
      ),
    );
  }
  const kinds: Kind[] = merged.kinds.length > 0 ? merged.kinds : ['text'];
  const shownNotes = dedupeNotes(notes);
  const evidence: Evidence = {
    version: 1,
    kinds,
    exchanges,
    credentials: registry.credentials,
    clientErrors: merged.clientErrors.slice(0, MAX_LIST),
    errorBodies,
    challenges,
    prose: capProse(input.prose),
    notes:
      shownNotes.length > MAX_NOTES
        ? [
            ...shownNotes.slice(0, MAX_NOTES),
            note('intake.too_many_notes', `${shownNotes.length - MAX_NOTES} more notes were left out.`),
          ]
        : shownNotes,
    redactions: registry.redactions,
    input: { bytes: input.bytes, lines: countLines(input.text), truncated: input.truncated },
  };
  return scrubDeep(evidence, registry);
}

interface Merged {
  kinds: Kind[];
  exchanges: RawExchange[];
  clientErrors: NonNullable<Fragment['clientErrors']>;
  bodies: NonNullable<Fragment['bodies']>;
  challenges: NonNullable<Fragment['challenges']>;
  looseCredentials: NonNullable<Fragment['looseCredentials']>;
  notes: Note[];
}

function merge(fragments: Fragment[]): Merged {
  const out: Merged = {
    kinds: [],
    exchanges: [],
    clientErrors: [],
    bodies: [],
    challenges: [],
    looseCredentials: [],
    notes: [],
  };
  for (const f of fragments) {
    for (const k of f.kinds ?? []) if (!out.kinds.includes(k)) out.kinds.push(k);
    if (f.exchanges) for (const x of f.exchanges) out.exchanges.push(x);
    if (f.clientErrors) for (const x of f.clientErrors) out.clientErrors.push(x);
    if (f.bodies) for (const x of f.bodies) out.bodies.push(x);
    if (f.challenges) for (const x of f.challenges) out.challenges.push(x);
    if (f.looseCredentials) for (const x of f.looseCredentials) out.looseCredentials.push(x);
    if (f.notes) for (const x of f.notes) out.notes.push(x);
  }
  return out;
}

function buildExchange(
  raw: RawExchange,
  index: number,
  registry: CredentialRegistry,
  notes: Note[],
): Exchange {
  const id = `x${index + 1}`;
  const base = `exchanges[${index}]`;
  const exchange: Exchange = { id, source: raw.source };
  if (raw.line !== undefined) exchange.line = raw.line;
  if (raw.hop !== undefined) exchange.hop = raw.hop;
  if (raw.request) exchange.request = buildRequest(raw.request, `${base}.request`, id, registry, raw.line);
  if (raw.response)
    exchange.response = buildResponse(raw.response, `${base}.response`, id, registry, notes, raw.line);
  return exchange;
}

// Occurrences and registry hints are built without object spreads (a runtime call each): they are made
// for every value registered.
function occurrence(
  location: Occurrence['location'],
  pointer: string,
  exchange: string,
  name?: string,
  line?: number,
): Occurrence {
  const at: Occurrence = { location, pointer, exchange };
  if (name !== undefined) at.name = name;
  if (line !== undefined) at.line = line;
  return at;
}

function buildRequest(
  raw: RawRequest,
  pointer: string,
  exchange: string,
  registry: CredentialRegistry,
  line?: number,
): Request {
  const headers = raw.headers.map((h) => buildHeader(h, `${pointer}.headers`, exchange, registry, line));
  const request: Request = {
    method: (raw.method ?? 'GET').toUpperCase(),
    methodExplicit: raw.methodExplicit ?? false,
    headers,
    cookies: [],
    options: {},
  };
  if (raw.removedHeaders) request.removedHeaders = raw.removedHeaders;
  if (raw.url !== undefined) request.url = buildUrl(raw.url, `${pointer}.url`, exchange, registry, line);

  for (const cookie of raw.cookies ?? []) {
    request.cookies.push(
      buildCookie(cookie.name, cookie.value, `${pointer}.cookies`, exchange, registry, line),
    );
  }
  for (const h of raw.headers) {
    if (h.name.toLowerCase() !== 'cookie') continue;
    for (const pair of splitCookies(h.value)) {
      request.cookies.push(
        buildCookie(pair.name, pair.value, `${pointer}.cookies`, exchange, registry, line),
      );
    }
  }

  if (raw.basicAuth) {
    const cred = registry.registerBasicPair(
      raw.basicAuth.user,
      raw.basicAuth.password,
      occurrence('basic_flag', `${pointer}.auth`, exchange, 'password', line),
      raw.basicAuth.origin,
    );
    const auth: NonNullable<Request['auth']> = {
      scheme: basicLike(raw.options?.authScheme),
      user: registry.displayFor(raw.basicAuth.user) ?? raw.basicAuth.user,
    };
    if (cred) auth.credential = cred.id;
    request.auth = auth;
  }
  if (raw.bearer) {
    const cred = registry.register(
      raw.bearer.token,
      occurrence('bearer_flag', `${pointer}.auth`, exchange, 'bearer', line),
      { scheme: 'Bearer', origin: raw.bearer.origin },
    );
    const auth: NonNullable<Request['auth']> = { scheme: 'bearer' };
    if (cred) auth.credential = cred.id;
    request.auth = auth;
  }
  if (!request.auth && raw.options?.authScheme) request.auth = { scheme: raw.options.authScheme };

  if (raw.body) {
    const text = raw.body.text === undefined ? undefined : clip(raw.body.text);
    request.body = { kind: raw.body.kind, truncated: text?.truncated ?? false };
    if (text) request.body.text = text.text;
    if (raw.body.file !== undefined) request.body.file = raw.body.file;
    if (raw.body.fields) {
      request.body.fields = raw.body.fields.map((f) => {
        const field: Field = { name: f.name, value: f.file ? `@${f.file}` : f.value };
        if (!f.file && isCredentialKey(f.name) && f.value !== '') {
          const cred = registry.register(
            f.value,
            occurrence('body', `${pointer}.body.${f.name}`, exchange, f.name, line),
          );
          if (cred) {
            field.credential = cred.id;
            field.value = cred.display;
          }
        }
        return field;
      });
    }
    if (raw.body.text) registerKeyedSecrets(raw.body.text, registry, 'body', `${pointer}.body`, exchange);
  }

  const o = raw.options ?? {};
  // Field by field, not a loop reading o[key]: parsers hand over options of many shapes, and those
  // computed reads of mostly absent keys showed in profiles of small pastes.
  const options: Request['options'] = {};
  if (o.followRedirects !== undefined) options.followRedirects = o.followRedirects;
  if (o.locationTrusted !== undefined) options.locationTrusted = o.locationTrusted;
  if (o.insecure !== undefined) options.insecure = o.insecure;
  if (o.verbose !== undefined) options.verbose = o.verbose;
  if (o.include !== undefined) options.include = o.include;
  if (o.dataAsQuery !== undefined) options.dataAsQuery = o.dataAsQuery;
  if (o.maxRedirs !== undefined) options.maxRedirs = o.maxRedirs;
  if (o.awsSigv4 !== undefined) options.awsSigv4 = o.awsSigv4;
  if (o.authScheme !== undefined) options.authScheme = o.authScheme;
  if (o.cookieFiles !== undefined) options.cookieFiles = o.cookieFiles;
  if (o.cookieJar !== undefined) options.cookieJar = o.cookieJar;
  if (o.httpVersion !== undefined) options.httpVersion = o.httpVersion;
  if (o.proxy !== undefined) {
    options.proxy = o.proxy;
    const proxyUrl = buildUrl(o.proxy, `${pointer}.options.proxy`, exchange, registry, line);
    options.proxy = proxyUrl.raw;
    if (proxyUrl.userinfo?.credential) options.proxyCredential = proxyUrl.userinfo.credential;
  }
  if (o.proxyUser !== undefined) {
    const [user, ...rest] = o.proxyUser.split(':');
    const cred = registry.registerBasicPair(
      user ?? '',
      rest.length > 0 ? rest.join(':') : undefined,
      occurrence('proxy', `${pointer}.options.proxyUser`, exchange, 'proxy-user', line),
    );
    if (cred) options.proxyCredential = cred.id;
  }
  request.options = options;
  return request;
}

function basicLike(scheme: RawRequestOptions['authScheme']): NonNullable<Request['auth']>['scheme'] {
  return scheme === undefined || scheme === 'bearer' ? 'basic' : scheme;
}

function buildHeader(
  h: RawHeader,
  pointer: string,
  exchange: string,
  registry: CredentialRegistry,
  line?: number,
): Field {
  const lower = h.name.toLowerCase();
  const field: Field = { name: h.name, value: h.value };
  if (h.origin && h.origin.kind !== 'literal') field.origin = h.origin;
  const at = `${pointer}.${lower}`;
  if (lower === 'authorization' || lower === 'proxy-authorization') {
    const parts = splitAuthorization(h.value);
    const cred = registry.register(
      parts.credential,
      occurrence(lower === 'authorization' ? 'authorization' : 'proxy', at, exchange, h.name, line),
      { problems: parts.problems, scheme: parts.scheme, origin: h.origin },
    );
    if (cred) {
      field.credential = cred.id;
      field.value = replaceIn(h.value, parts.credential, cred.display);
    }
    return field;
  }
  if (lower === 'set-cookie') {
    const first = splitCookies(h.value.split(';')[0] ?? '')[0];
    if (first && first.value !== '') {
      const cred = registry.register(first.value, occurrence('cookie', at, exchange, first.name, line));
      if (cred) {
        field.credential = cred.id;
        field.value = replaceIn(h.value, first.value, cred.display);
      }
    }
    return field;
  }
  if (lower === 'cookie') return field;
  // `Authorisation: Bearer …`: read like Authorization, so the scheme and the token's format stay visible.
  if (
    /^(?:x-|proxy-)?auth[a-z]{0,12}$/.test(lower.trim()) &&
    isCredentialHeader(lower) &&
    /^\s*[A-Za-z][\w-]{1,20} +\S/.test(h.value)
  ) {
    const parts = splitAuthorization(h.value);
    const cred = registry.register(parts.credential, occurrence('header', at, exchange, h.name, line), {
      problems: parts.problems.filter((p) => p !== 'scheme_missing'),
      scheme: parts.scheme,
      origin: h.origin,
    });
    if (cred) {
      field.credential = cred.id;
      field.value = replaceIn(h.value, parts.credential, cred.display);
    }
    return field;
  }
  if (isCredentialHeader(h.name)) {
    const value = h.value.trim();
    const cred = registry.register(value, occurrence('header', at, exchange, h.name, line), {
      problems: value === h.value ? [] : ['edge_whitespace'],
      origin: h.origin,
    });
    if (cred) {
      field.credential = cred.id;
      field.value = replaceIn(h.value, value, cred.display);
    }
  }
  return field;
}

function buildCookie(
  name: string,
  value: string,
  pointer: string,
  exchange: string,
  registry: CredentialRegistry,
  line?: number,
): Field {
  const field: Field = { name, value };
  if (value !== '' && isCredentialCookie(name, value)) {
    const cred = registry.register(value, occurrence('cookie', `${pointer}.${name}`, exchange, name, line));
    if (cred) {
      field.credential = cred.id;
      field.value = cred.display;
    }
  }
  return field;
}

function buildUrl(
  raw: string,
  pointer: string,
  exchange: string,
  registry: CredentialRegistry,
  line?: number,
): Url {
  const url: Url = { raw, valid: false, query: [] };
  let shown = raw;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (parsed) {
    url.valid = true;
    url.scheme = parsed.protocol.replace(/:$/, '');
    url.host = parsed.hostname.toLowerCase();
    if (parsed.port !== '') url.port = Number(parsed.port);
    url.path = parsed.pathname;
    if (parsed.username !== '' || parsed.password !== '') {
      const user = safeDecode(parsed.username);
      const password = parsed.password === '' ? undefined : safeDecode(parsed.password);
      const cred = registry.registerBasicPair(
        user,
        password,
        occurrence('userinfo', `${pointer}.userinfo`, exchange, 'password', line),
      );
      url.userinfo = { user: registry.displayFor(user) ?? user };
      if (cred) url.userinfo.credential = cred.id;
      if (cred && parsed.password !== '')
        shown = replaceIn(shown, `:${parsed.password}@`, `:${cred.display}@`);
    }
  }
  const q = raw.indexOf('?');
  if (q >= 0) {
    const hash = raw.indexOf('#', q);
    const query = raw.slice(q + 1, hash < 0 ? undefined : hash);
    for (const pair of query.split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const name = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
      const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
      const field: Field = { name, value: safeDecode(rawValue) };
      if (isCredentialParam(name) && rawValue !== '') {
        const cred = registry.register(
          field.value,
          occurrence('query', `${pointer}.query.${name}`, exchange, name, line),
        );
        if (cred) {
          field.credential = cred.id;
          shown = replaceIn(
            shown,
            `${pair.slice(0, eq + 1)}${rawValue}`,
            `${pair.slice(0, eq + 1)}${cred.display}`,
          );
          field.value = cred.display;
        }
      }
      url.query.push(field);
    }
  }
  url.raw = shown;
  return url;
}

function buildResponse(
  raw: RawResponse,
  pointer: string,
  exchange: string,
  registry: CredentialRegistry,
  notes: Note[],
  line?: number,
): Response {
  const headers = raw.headers.map((h) => buildHeader(h, `${pointer}.headers`, exchange, registry, line));
  const challenges: Challenge[] = [];
  for (const h of raw.headers) {
    if (h.name.toLowerCase() !== 'www-authenticate') continue;
    const parsed = parseChallenges(h.value);
    challenges.push(...parsed.challenges);
    notes.push(...parsed.notes.map((n) => (line && !n.line ? { ...n, line } : n)));
  }
  const response: Response = { status: raw.status, headers, challenges };
  if (raw.httpVersion !== undefined) response.httpVersion = raw.httpVersion;
  if (raw.statusText !== undefined) response.statusText = raw.statusText;
  if (raw.body !== undefined && raw.body.trim() !== '') {
    const clipped = clip(raw.body);
    response.body = { text: clipped.text, truncated: clipped.truncated };
    registerKeyedSecrets(raw.body, registry, 'body', `${pointer}.body`, exchange);
    const fields = extractErrorBody(raw.body);
    if (fields) response.error = Object.assign({}, fields, { text: clipped.text });
  }
  return response;
}

/** Registers the secrets `eachKeyedSecret` finds in `text` that are not known yet. */
function registerKeyedSecrets(
  text: string,
  registry: CredentialRegistry,
  location: 'body' | 'text',
  pointer: string,
  exchange?: string,
): void {
  eachKeyedSecret(text, (name, value) => {
    if (registry.has(value)) return;
    const at: Occurrence = { location, pointer: `${pointer}.${name}`, name };
    if (exchange) at.exchange = exchange;
    registry.register(value, at);
  });
}

function splitCookies(header: string): { name: string; value: string }[] {
  return header
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const eq = p.indexOf('=');
      return eq < 0 ? { name: p, value: '' } : { name: p.slice(0, eq).trim(), value: p.slice(eq + 1).trim() };
    });
}

function replaceIn(text: string, raw: string, display: string): string {
  return raw === '' ? text : text.split(raw).join(display);
}

function clip(text: string): { text: string; truncated: boolean } {
  return text.length > MAX_BODY_CHARS
    ? { text: `${text.slice(0, MAX_BODY_CHARS)}…`, truncated: true }
    : { text, truncated: false };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

function dedupeNotes(notes: Note[]): Note[] {
  const seen = new Set<string>();
  return notes.filter((n) => {
    const key = `${n.code}|${n.line ?? ''}|${n.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const MAX_PROSE_CHARS = 16 * 1024;
/**
 * Every rule reads every prose entry, so their count, not only their length, bounds the work: thousands of
 * one-character lines (`{`) cost as much as a long paste would. Lines without a letter or digit say
 * nothing a rule reads and are left out.
 */
const MAX_PROSE_ENTRIES = 1_000;
const WORDLESS = /^[^\p{L}\p{N}]*$/u;

function capProse(prose: BuildInput['prose']): Evidence['prose'] {
  const out: Evidence['prose'] = [];
  let left = MAX_PROSE_CHARS;
  for (const p of prose) {
    if (left <= 0 || out.length >= MAX_PROSE_ENTRIES) break;
    if (WORDLESS.test(p.text)) continue;
    const text = p.text.length > left ? `${p.text.slice(0, left)}…` : p.text;
    out.push({ line: p.line, text });
    left -= text.length;
  }
  return out;
}

function countLines(text: string): number {
  if (text === '') return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/**
 * The safety net: every string in the evidence passes through the scrubber, whatever produced it. The
 * evidence was built here and is not shared yet, so it is scrubbed in place.
 *
 * The strings are first searched all at once for the values to hide: usually none is left (the builder
 * already shows fingerprints), and one search of their concatenation costs a fraction of a search per
 * string. Only when some value is found is each string scrubbed, and only a string holding one changes.
 * The walk records where each string sits, so that second step revisits no object.
 */
function scrubDeep<T>(value: T, registry: CredentialRegistry): T {
  if (!registry.scrubs) return value;
  const found: FoundStrings = { strings: [], holders: [], keys: [] };
  collectStrings(value, found);
  const { strings, holders, keys } = found;
  const left = registry.hiddenValuesIn(strings.join('\u0000'));
  if (left.length === 0) return value;
  // A string shorter than every value left cannot hold one: most strings are names, ids and methods.
  let shortest = Number.POSITIVE_INFINITY;
  for (const raw of left) shortest = Math.min(shortest, raw.length);
  // A body is held twice (the response's text and its error's): scrub each long string once.
  const scrubbedLong = new Map<string, string>();
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i]!;
    if (s.length < shortest) continue;
    let scrubbed = s.length >= MIN_MEMO_LENGTH ? scrubbedLong.get(s) : undefined;
    if (scrubbed === undefined) {
      scrubbed = includesAny(s, left) ? registry.scrub(s) : s;
      if (s.length >= MIN_MEMO_LENGTH) scrubbedLong.set(s, scrubbed);
    }
    // A store to an unchanged slot costs as much as the visit.
    if (scrubbed !== s) (holders[i] as Record<string | number, unknown>)[keys[i]!] = scrubbed;
  }
  return value;
}

const MIN_MEMO_LENGTH = 256;

function includesAny(text: string, values: string[]): boolean {
  for (const v of values) if (v.length <= text.length && text.includes(v)) return true;
  return false;
}

interface FoundStrings {
  strings: string[];
  /** The array or object holding `strings[i]`, under `keys[i]`. */
  holders: object[];
  keys: (string | number)[];
}

/**
 * Every string in the arrays and plain objects under `node` (not inside class instances such as Secret),
 * with where it is held.
 */
function collectStrings(node: unknown, found: FoundStrings): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const v: unknown = node[i];
      if (typeof v === 'string') {
        found.strings.push(v);
        found.holders.push(node);
        found.keys.push(i);
      } else if (typeof v === 'object' && v !== null) collectStrings(v, found);
    }
  } else if (typeof node === 'object' && node !== null && Object.getPrototypeOf(node) === Object.prototype) {
    const record = node as Record<string, unknown>;
    // for…in rather than Object.keys: no array per object, and a plain object inherits no enumerable keys.
    for (const key in record) {
      const v = record[key];
      if (typeof v === 'string') {
        found.strings.push(v);
        found.holders.push(record);
        found.keys.push(key);
      } else if (typeof v === 'object' && v !== null) collectStrings(v, found);
    }
  }
}
