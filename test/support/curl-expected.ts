/**
 * curlconverter's expected outputs (`json/`, `parser/`, `http/` in its test fixtures) compared with the
 * requests `parseCurl` returns. Each comparison has a stable key (`http:headers`, `json:data`, …) so a
 * deliberate difference can be listed once, with its reason, and checked for staying true.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RawRequest } from '../../src/intake/raw.js';
import { listFixtures } from './fixtures.js';

export interface Difference {
  /** Fixture name without extension, e.g. `get_basic_auth`. */
  fixture: string;
  /** `source:field`, e.g. `http:headers`. */
  check: string;
  detail: string;
}

export { fixturesDir } from './fixtures.js';

/** The fixture names (without `.sh`) of the commands in `dir/curl_commands`. */
export function fixtureNames(dir: string): string[] {
  return listFixtures(path.join(dir, 'curl_commands')).map((f) => f.slice(0, -3));
}

type Pair = [string, string];

/** The headers a request puts on the wire because of how it was written: `-u`, `--oauth2-bearer`, `-b`. */
export function wireHeaders(request: RawRequest): Pair[] {
  const out: Pair[] = request.headers.map((h) => [h.name, h.value]);
  const has = (name: string) => out.some(([n]) => n.toLowerCase() === name);
  const scheme = request.options?.authScheme;
  if (!has('authorization')) {
    if (request.bearer !== undefined) out.push(['Authorization', `Bearer ${request.bearer.token}`]);
    else if (request.basicAuth !== undefined && (scheme === undefined || scheme === 'basic')) {
      const { user, password = '' } = request.basicAuth;
      out.push(['Authorization', `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`]);
    }
  }
  if (!has('cookie') && request.cookies !== undefined && request.cookies.length > 0) {
    out.push(['Cookie', request.cookies.map((c) => `${c.name}=${c.value}`).join('; ')]);
  }
  return out;
}

function splitUrl(url: string): { host: string; target: string } {
  const start = url.indexOf('://');
  const rest = start === -1 ? url : url.slice(start + 3);
  let end = rest.length;
  for (const ch of ['/', '?', '#']) {
    const i = rest.indexOf(ch);
    if (i !== -1 && i < end) end = i;
  }
  const authority = rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  const hash = rest.indexOf('#');
  const target = rest.slice(end, hash === -1 ? rest.length : hash);
  return { host: authority.slice(at + 1), target: target.startsWith('/') ? target : `/${target}` };
}

function cookiesOf(request: RawRequest): Pair[] {
  const out: Pair[] = (request.cookies ?? []).map((c) => [c.name, c.value]);
  for (const h of request.headers) {
    if (h.name.toLowerCase() !== 'cookie') continue;
    for (const piece of h.value.split(';')) {
      const pair = piece.trim();
      const eq = pair.indexOf('=');
      if (eq > 0) out.push([pair.slice(0, eq), pair.slice(eq + 1)]);
    }
  }
  return out;
}

const norm = (pairs: Pair[]): string[] => pairs.map(([n, v]) => `${n.toLowerCase()}: ${v.trim()}`).sort();

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function listDiff(expected: string[], actual: string[]): string {
  const missing = expected.filter((x) => !actual.includes(x));
  const extra = actual.filter((x) => !expected.includes(x));
  return `missing [${missing.join(' | ')}] extra [${extra.join(' | ')}]`;
}

class Checker {
  readonly differences: Difference[] = [];
  constructor(readonly fixture: string) {}

  same(check: string, expected: unknown, actual: unknown): void {
    if (JSON.stringify(expected) !== JSON.stringify(actual)) {
      this.differences.push({
        fixture: this.fixture,
        check,
        detail: `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
      });
    }
  }

  sameList(check: string, expected: string[], actual: string[]): void {
    if (!sameList(expected, actual)) {
      this.differences.push({ fixture: this.fixture, check, detail: listDiff(expected, actual) });
    }
  }
}

/** `http/*.txt`: the request curl sends; defaults curl adds by itself are compared only when we report them. */
const CURL_DEFAULTS = new Set(['user-agent', 'accept', 'content-length', 'accept-encoding', 'expect']);

function checkHttp(c: Checker, text: string, request: RawRequest | undefined): void {
  const lines = text.split('\n');
  // The request target can hold spaces (curlconverter writes unread stdin as `@`echo x``): split at the ends.
  const requestLine = lines[0] ?? '';
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' '));
  const expected: Pair[] = [];
  for (const line of lines.slice(1)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    expected.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  c.same('http:method', method, request?.method);
  const url = splitUrl(request?.url ?? '');
  c.same('http:target', target.startsWith('/') ? target : `/${target}`, url.target);
  const actual = request === undefined ? [] : wireHeaders(request);
  const ours = new Set(actual.map(([n]) => n.toLowerCase()));
  const hostHeader = actual.find(([n]) => n.toLowerCase() === 'host');
  const expectedHost = expected.find(([n]) => n.toLowerCase() === 'host');
  c.same('http:host', expectedHost?.[1], hostHeader?.[1] ?? url.host);
  const isBoundary = ([n, v]: Pair) =>
    n.toLowerCase() === 'content-type' && v.startsWith('multipart/form-data; boundary=');
  const kept = expected.filter(
    (p) =>
      p[0].toLowerCase() !== 'host' &&
      !(CURL_DEFAULTS.has(p[0].toLowerCase()) && !ours.has(p[0].toLowerCase())) &&
      !(isBoundary(p) && !ours.has('content-type')),
  );
  c.sameList('http:headers', norm(kept), norm(actual.filter(([n]) => n.toLowerCase() !== 'host')));
}

interface JsonExpected {
  raw_url?: string;
  method?: string;
  headers?: Record<string, string>;
  cookies?: Record<string, string>;
  data?: string | Record<string, string>;
  files?: Record<string, string>;
  auth?: [string, string];
}

function checkJson(c: Checker, expected: JsonExpected, request: RawRequest | undefined): void {
  c.same('json:method', expected.method, request?.method?.toLowerCase());
  c.same('json:url', expected.raw_url, request?.url);
  const headers = (request?.headers ?? []).filter((h) => h.name.toLowerCase() !== 'cookie');
  c.sameList(
    'json:headers',
    norm(Object.entries(expected.headers ?? {})),
    norm(headers.map((h) => [h.name, h.value])),
  );
  if (expected.cookies !== undefined) {
    c.sameList(
      'json:cookies',
      norm(Object.entries(expected.cookies)),
      norm(request ? cookiesOf(request) : []),
    );
  }
  const body = request?.body;
  const fields = body?.fields ?? [];
  if (typeof expected.data === 'string') c.same('json:data', expected.data, body?.text);
  else if (expected.data !== undefined) {
    c.sameList(
      'json:data',
      norm(Object.entries(expected.data)),
      norm(fields.filter((f) => f.file === undefined).map((f) => [f.name, f.value])),
    );
  }
  if (expected.files !== undefined) {
    c.sameList(
      'json:files',
      norm(Object.entries(expected.files)),
      norm(fields.flatMap((f): Pair[] => (f.file === undefined ? [] : [[f.name, f.file]]))),
    );
  }
  if (expected.auth !== undefined) {
    c.same(
      'json:auth',
      expected.auth,
      request?.basicAuth && [request.basicAuth.user, request.basicAuth.password],
    );
  }
}

interface ParserExpected {
  urls: { url: string; method: string }[];
  headers: { headers: Pair[] };
  cookies?: Pair[];
  cookieFiles?: string[];
}

function checkParser(c: Checker, expected: ParserExpected[], requests: RawRequest[]): void {
  const flat = expected.flatMap((e) => e.urls.map((u) => ({ e, u })));
  c.same('parser:count', flat.length, requests.length);
  flat.forEach(({ e, u }, i) => {
    const r = requests[i];
    c.same(`parser:method`, u.method, r?.method);
    c.same(`parser:url`, u.url, r?.url);
    c.sameList(
      'parser:headers',
      norm(e.headers.headers),
      norm((r?.headers ?? []).map((h) => [h.name, h.value])),
    );
    c.sameList('parser:cookies', norm(e.cookies ?? []), norm(r ? cookiesOf(r) : []));
    c.same('parser:cookieFiles', e.cookieFiles, r?.options?.cookieFiles);
  });
}

/** Every difference between our requests for one fixture and curlconverter's expected outputs for it. */
export function compareWithExpected(dir: string, fixture: string, requests: RawRequest[]): Difference[] {
  const c = new Checker(fixture);
  const file = (sub: string, ext: string) => path.join(dir, sub, `${fixture}.${ext}`);
  if (existsSync(file('http', 'txt'))) checkHttp(c, readFileSync(file('http', 'txt'), 'utf8'), requests[0]);
  if (existsSync(file('json', 'json'))) {
    checkJson(c, JSON.parse(readFileSync(file('json', 'json'), 'utf8')) as JsonExpected, requests[0]);
  }
  if (existsSync(file('parser', 'json'))) {
    checkParser(c, JSON.parse(readFileSync(file('parser', 'json'), 'utf8')) as ParserExpected[], requests);
  }
  return c.differences;
}

/** A listed, deliberate difference: which check of which fixture, and why we differ on purpose. */
export interface ListedDifference {
  fixture: string;
  check: string;
  reason: string;
}
