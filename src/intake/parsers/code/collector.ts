/**
 * The requests, clients and header objects a snippet builds, filled in by the recognisers as they walk the
 * code, and turned into `RawExchange`s at the end (client defaults + header objects + per-request headers).
 */

import { type Note, note } from '../../notes.js';
import type {
  RawBody,
  RawExchange,
  RawHeader,
  RawLooseCredential,
  RawRequest,
  ValueOrigin,
} from '../../raw.js';
import type { Program } from './program.js';
import { combine, type Piece, Values } from './values.js';

export interface Bag {
  headers: RawHeader[];
  basicAuth?: NonNullable<RawRequest['basicAuth']>;
  authScheme?: 'basic' | 'digest' | 'ntlm' | 'negotiate' | 'bearer';
  cookies?: { name: string; value: string }[];
  params: string[];
  /** Identifiers seen in the arguments that built this, checked against header objects at the end. */
  refs: Set<string>;
}

interface Base {
  line: number;
  bag: Bag;
  name?: string;
}
export interface ReqRec extends Base {
  kind: 'req';
  method?: string;
  methodExplicit: boolean;
  url?: Piece;
  /** A base URL given with this request (axios `baseURL`, node `hostname`). */
  base?: Piece;
  client?: ClientRec;
  body?: RawBody;
}
export interface ClientRec extends Base {
  kind: 'client';
  base?: Piece;
  used: boolean;
}
export interface HeadersRec extends Base {
  kind: 'headers';
  used: boolean;
}
export type Target = ReqRec | ClientRec | HeadersRec;

const HEADER_SUFFIX =
  /(?:\.|->|::)(?:Header|Headers|headers|header|DefaultRequestHeaders|defaults\.headers(?:\.common|\.get|\.post|\.put|\.patch|\.delete)?|defaults)$/;
/** Tokens of one argument read for header references: far more than any real argument holds. */
const MAX_REF_TOKENS = 1024;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT'];
const ABSOLUTE = /^(?:[a-z][\w+.-]*:\/\/|\{\{|\$\{|<|%7B%7B)/i;

/** Header names that only make sense as HTTP headers, so a `.set(name, value)` on anything carries one. */
export function isAuthHeaderName(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9-]{0,60}$/.test(name)) return false;
  return (
    /^(?:authorization|proxy-authorization|cookie|x-[\w-]+)$/i.test(name) ||
    /key|token|auth|secret|session/i.test(name)
  );
}

export class Collector {
  readonly v: Values;
  readonly requests: ReqRec[] = [];
  readonly clients: ClientRec[] = [];
  readonly headerObjs: HeadersRec[] = [];
  readonly named = new Map<string, Target>();
  readonly loose: RawLooseCredential[] = [];
  readonly notes: Note[] = [];
  private readonly emptyNoted = new Set<string>();

  constructor(readonly p: Program) {
    this.v = new Values(p);
  }

  line(i: number): number {
    return this.p.tok(i)?.line ?? 1;
  }

  value(s: number, e: number): Piece {
    const v = this.v.value(s, e);
    if (v.emptyVars) {
      for (const name of v.emptyVars) {
        if (this.emptyNoted.has(name)) continue;
        this.emptyNoted.add(name);
        this.notes.push(
          note(
            'code.empty_variable',
            `\`${name}\` is null, undefined or empty where it is used, so the request sends no real credential.`,
            this.line(s),
          ),
        );
      }
    }
    return v;
  }

  newRequest(at: number, init: { method?: string; url?: Piece; client?: ClientRec } = {}): ReqRec {
    const r: ReqRec = { kind: 'req', line: this.line(at), bag: newBag(), methodExplicit: false };
    if (init.method) this.setMethod(r, init.method, true);
    if (init.url) r.url = init.url;
    if (init.client) {
      r.client = init.client;
      init.client.used = true;
    }
    this.requests.push(r);
    return r;
  }

  newClient(at: number, base?: Piece): ClientRec {
    const c: ClientRec = { kind: 'client', line: this.line(at), bag: newBag(), used: false };
    if (base) c.base = base;
    this.clients.push(c);
    return c;
  }

  newHeaders(at: number, name?: string): HeadersRec {
    const h: HeadersRec = { kind: 'headers', line: this.line(at), bag: newBag(), used: false };
    if (name) this.name(h, name);
    this.headerObjs.push(h);
    return h;
  }

  name(t: Target, name: string): void {
    t.name = name;
    this.named.set(name, t);
  }

  /**
   * What a call receiver refers to: `req.Header` → the request `req`, `session.headers` → the client
   * `session`, `axios.defaults.headers.common` → axios' defaults. Unknown receivers that are plainly header
   * containers become header objects when `create` is set.
   */
  receiver(recv: string, at: number, create: boolean): Target | undefined {
    const direct = this.named.get(recv);
    if (direct) return direct;
    const base = recv.replace(HEADER_SUFFIX, '');
    if (base !== recv) {
      const t = this.named.get(base);
      if (t) return t;
      if (/\.defaults/.test(recv) || /DefaultRequestHeaders$/.test(recv)) {
        const c = this.newClient(at);
        this.name(c, base);
        return c;
      }
    }
    if (!create || !recv) return undefined;
    return this.newHeaders(at, recv);
  }

  setHeader(t: Target, name: string, v: Piece, mode: 'set' | 'add' = 'add'): void {
    if (!name) return;
    if (mode === 'set') {
      const lower = name.toLowerCase();
      t.bag.headers = t.bag.headers.filter((h) => h.name.toLowerCase() !== lower);
    }
    t.bag.headers.push(header(name, v));
  }

  /** A header from key and value ranges; a Go `[]string{…}` value contributes its first item. */
  headerFromRanges(
    t: Target,
    k: { s: number; e: number },
    val: { s: number; e: number },
    mode: 'set' | 'add',
  ): void {
    const name = this.value(k.s, k.e).text;
    this.setHeader(t, name, this.scalar(val.s, val.e), mode);
  }

  /** The value of an expression, or of the first item when it is a list literal. */
  scalar(s: number, e: number): Piece {
    const p = this.p;
    if (p.is(s, '{') || p.is(s, '[')) {
      const items = this.v.list(s, e);
      const first = items?.[0];
      if (first) return this.value(first.s, first.e);
    }
    return this.value(s, e);
  }

  /** A `"Name: value"` header line, as in curl option arrays and `curl_slist_append`. */
  headerLine(t: Target, s: number, e: number): void {
    const v = this.value(s, e);
    const colon = v.text.indexOf(':');
    if (colon <= 0) return;
    const name = v.text.slice(0, colon).trim();
    if (!/^[\w-]+$/.test(name)) return;
    const rest = v.text.slice(colon + 1).replace(/^ /, '');
    this.setHeader(t, name, { ...v, text: rest, inner: rest });
  }

  /** Headers from an object, a header object variable, or a list of `"Name: value"` lines. */
  headersFrom(t: Target, s: number, e: number): void {
    const p = this.p;
    const single = p.path(s);
    if (single && single.end === e) {
      const known = this.named.get(single.text);
      if (known?.kind === 'headers') {
        known.used = true;
        t.bag.refs.add(single.text);
        return;
      }
    }
    this.collectRefs(t, s, e);
    const entries = this.v.obj(s, e);
    if (entries?.length) {
      for (const en of entries) this.setHeader(t, en.key, this.scalar(en.s, en.e));
      return;
    }
    const items = this.v.list(s, e);
    if (items) for (const it of items) this.headerLine(t, it.s, it.e);
  }

  /** Identifiers in [s, e) that may name header objects built elsewhere (`new HttpEntity<>(headers)`). */
  collectRefs(t: Target, s: number, e: number): void {
    const p = this.p;
    // An unclosed call's argument runs to the end of the paste, and every call in it reads it again: without
    // a bound, thousands of pasted `requests.get(` lines were quadratic (found by `npm run fuzz`).
    const end = Math.min(e, s + MAX_REF_TOKENS);
    for (let j = s; j < end && t.bag.refs.size < 20; j++) {
      const tok = p.tok(j)!;
      if (tok.k === 'id' && !p.isMember(j)) t.bag.refs.add(p.path(j)?.text ?? tok.v);
    }
  }

  setBasic(t: Target, user: Piece, password: Piece | undefined, scheme?: Bag['authScheme']): void {
    const parts = password ? [user, password] : [user];
    const origin = combine(parts).origin;
    const basic: NonNullable<RawRequest['basicAuth']> = { user: user.text };
    if (password) basic.password = password.text;
    if (origin) basic.origin = origin;
    t.bag.basicAuth = basic;
    if (scheme) t.bag.authScheme = scheme;
  }

  /** `user:pass` in one string (node `auth: 'u:p'`, `CURLOPT_USERPWD`). */
  setBasicString(t: Target, v: Piece): void {
    const colon = v.text.indexOf(':');
    const user = colon < 0 ? v.text : v.text.slice(0, colon);
    const basic: NonNullable<RawRequest['basicAuth']> = { user };
    if (colon >= 0) basic.password = v.text.slice(colon + 1);
    if (v.origin) basic.origin = v.origin;
    t.bag.basicAuth = basic;
  }

  /** `setBearerAuth(token)` and friends: what is sent is the header `Authorization: Bearer <token>`. */
  setBearer(t: Target, token: Piece, scheme = 'Bearer'): void {
    this.setHeader(
      t,
      'Authorization',
      combine([{ text: `${scheme} `, inner: `${scheme} `, literal: true }, token]),
      'set',
    );
  }

  setUrl(t: Target, v: Piece): void {
    if (t.kind === 'req') t.url = v;
    else if (t.kind === 'client') t.base = v;
  }

  setMethod(r: ReqRec, raw: string, explicit: boolean): void {
    const m = methodWord(raw);
    if (!m) return;
    r.method = m;
    r.methodExplicit = explicit;
  }

  setBody(r: Target, kind: RawBody['kind'], s: number, e: number): void {
    if (r.kind !== 'req') return;
    const v = this.p.tok(s)?.k === 'str' || this.p.path(s)?.end === e ? this.value(s, e) : undefined;
    const text = (v?.text ?? this.p.text(s, e)).slice(0, 4000);
    r.body = { kind, text };
  }

  addParams(t: Target, s: number, e: number): void {
    const entries = this.v.obj(s, e);
    if (!entries) return;
    for (const en of entries) t.bag.params.push(`${en.key}=${this.scalar(en.s, en.e).text}`);
  }

  addCookies(t: Target, s: number, e: number): void {
    const entries = this.v.obj(s, e);
    if (!entries) return;
    t.bag.cookies ??= [];
    for (const en of entries) t.bag.cookies.push({ name: en.key, value: this.scalar(en.s, en.e).text });
  }

  /** Turns everything collected into exchanges. */
  exchanges(): RawExchange[] {
    const used = new Set<HeadersRec>();
    const out: { line: number; request: RawRequest }[] = [];
    for (const r of this.requests) {
      const req = this.build(r, used);
      if (!req.url && req.headers.length === 0 && !req.basicAuth) continue;
      out.push({ line: r.line, request: req });
    }
    const orphans = this.headerObjs.filter((h) => !h.used && !used.has(h) && h.bag.headers.length > 0);
    if (orphans.length) {
      const only = out.length === 1 ? out[0] : undefined;
      for (const h of orphans) {
        if (only) mergeInto(only.request, h.bag);
        else {
          const request: RawRequest = { headers: [...h.bag.headers] };
          out.push({ line: h.line, request });
          this.notes.push(
            note(
              'code.request_not_found',
              'The code sets headers, but the call that sends them is not in the paste; they are read on their own.',
              h.line,
            ),
          );
        }
      }
    }
    for (const c of this.clients) {
      if (c.used || (c.bag.headers.length === 0 && !c.bag.basicAuth)) continue;
      const request: RawRequest = { headers: [...c.bag.headers] };
      if (c.base) request.url = c.base.text;
      if (c.bag.basicAuth) request.basicAuth = c.bag.basicAuth;
      out.push({ line: c.line, request });
      this.notes.push(
        note(
          'code.client_defaults_only',
          'The code configures a client with credentials but makes no request with it in the paste; its defaults are shown as the request.',
          c.line,
        ),
      );
    }
    out.sort((a, b) => a.line - b.line);
    return out.map(({ line, request }) => ({ source: 'code', line, request }));
  }

  private build(r: ReqRec, used: Set<HeadersRec>): RawRequest {
    const layers: Bag[] = [];
    if (r.client) {
      layers.push(...this.refBags(r.client.bag, used), r.client.bag);
    }
    layers.push(...this.refBags(r.bag, used), r.bag);
    const headers: RawHeader[] = [];
    for (const layer of layers) {
      const names = new Set(layer.headers.map((h) => h.name.toLowerCase()));
      for (let k = headers.length - 1; k >= 0; k--) {
        if (names.has(headers[k]!.name.toLowerCase())) headers.splice(k, 1);
      }
      headers.push(...layer.headers);
    }
    const req: RawRequest = { headers };
    const method = r.method;
    req.method = method ?? 'GET';
    req.methodExplicit = method !== undefined && r.methodExplicit;
    const url = this.url(r, layers);
    if (url) req.url = url;
    for (const layer of layers) {
      if (layer.basicAuth) req.basicAuth = layer.basicAuth;
      if (layer.authScheme) req.options = { ...req.options, authScheme: layer.authScheme };
      if (layer.cookies) req.cookies = [...(req.cookies ?? []), ...layer.cookies];
    }
    if (r.body) req.body = r.body;
    return req;
  }

  private refBags(bag: Bag, used: Set<HeadersRec>): Bag[] {
    const out: Bag[] = [];
    const seen = new Set<HeadersRec>();
    const visit = (name: string, depth: number) => {
      const t = this.named.get(name);
      if (t?.kind === 'headers') {
        if (!seen.has(t)) {
          seen.add(t);
          used.add(t);
          out.push(t.bag);
        }
        return;
      }
      // One step through a variable: `entity = new HttpEntity<>(body, headers)`.
      if (t || depth > 0) return;
      const a = this.p.lookup(name, this.p.toks.length);
      if (!a) return;
      for (let j = a.s; j < a.e && j < a.s + 200; j++) {
        const tok = this.p.tok(j)!;
        if (tok.k === 'id' && !this.p.isMember(j)) visit(tok.v, depth + 1);
      }
    };
    for (const name of bag.refs) visit(name, 0);
    return out;
  }

  private url(r: ReqRec, layers: Bag[]): string | undefined {
    const base = r.base ?? r.client?.base;
    let url = r.url?.text;
    if (url !== undefined && base && !ABSOLUTE.test(url)) url = joinUrl(base.text, url);
    else if (url === undefined && base) url = base.text;
    if (url === undefined) return undefined;
    const params = layers.flatMap((l) => l.params);
    if (params.length) url += (url.includes('?') ? '&' : '?') + params.join('&');
    return url;
  }

  /** Looks like something a client would be called with as a URL or path. */
  urlish(s: number, e: number): boolean {
    const p = this.p;
    const t = p.tok(s);
    if (!t) return false;
    if (t.k === 'str') {
      const text = this.v.value(s, Math.min(e, s + 1)).text;
      return /^(?:https?:\/\/|\/|\{\{|\$\{|[\w-]+(?:\.[\w-]+)+\/)/.test(text) || text.includes('://');
    }
    const path = p.path(s);
    if (path && path.end === e) {
      const v = this.v.value(s, e);
      if (v.literal) return /^(?:https?:\/\/|\/|\{\{)/.test(v.text);
      return /url|uri|endpoint|path|route|api|link/i.test(path.text);
    }
    return p.tok(s)?.k === 'id' && /url|uri|endpoint|path/i.test(p.text(s, e));
  }

  /** Credentials passed outside any request: SDK keys, config values, credential-named variables. */
  addLoose(name: string | undefined, v: Piece, line: number): void {
    if (this.loose.some((l) => l.name === name && l.value === v.text)) return;
    const cred: RawLooseCredential = { value: v.text, context: 'code', line };
    if (name) cred.name = name;
    const origin: ValueOrigin | undefined =
      v.origin ?? (v.nullish || v.text === '' ? { kind: 'literal' } : undefined);
    if (origin) cred.origin = origin;
    this.loose.push(cred);
  }
}

function newBag(): Bag {
  return { headers: [], params: [], refs: new Set() };
}

function header(name: string, v: Piece): RawHeader {
  const h: RawHeader = { name, value: v.text };
  if (v.origin) h.origin = v.origin;
  return h;
}

function mergeInto(req: RawRequest, bag: Bag): void {
  const names = new Set(bag.headers.map((h) => h.name.toLowerCase()));
  req.headers = [...req.headers.filter((h) => !names.has(h.name.toLowerCase())), ...bag.headers];
  if (bag.basicAuth && !req.basicAuth) req.basicAuth = bag.basicAuth;
}

export function methodWord(raw: string): string | undefined {
  const m = /(?:^|[.:])([A-Za-z]+)$/.exec(raw.trim());
  // Go's `http.MethodGet`.
  const word = m?.[1]?.replace(/^Method(?=[A-Z])/, '').toUpperCase();
  return word && METHODS.includes(word) ? word : undefined;
}

function joinUrl(base: string, path: string): string {
  if (!path) return base;
  return `${base.replace(/(?<!\/)\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
