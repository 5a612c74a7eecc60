/**
 * The vocabulary shared by HTTP libraries across languages: builder methods (`.header(k, v)`,
 * `.setBearerAuth(t)`, `.uri(u)`), option objects (`{ headers, auth, baseURL, params }`, `headers=`,
 * `'base_uri' =>`), and property or index assignments (`req['Authorization'] = …`).
 */
import type { ClientRec, Collector, ReqRec, Target } from './collector.js';
import { isAuthHeaderName, methodWord } from './collector.js';
import type { Arg, Assign, Chain, Seg } from './program.js';
import type { Entry, Piece } from './values.js';

const HEADER_PAIR = new Set([
  'header',
  'addHeader',
  'setHeader',
  'set',
  'append',
  'add',
  'Add',
  'TryAddWithoutValidation',
  'AddHeader',
  'AddOrUpdateHeader',
  'add_header',
  'putHeader',
  'defaultHeader',
  'setRequestHeader',
  'setRequestProperty',
  'addRequestProperty',
  'withHeader',
  'SetHeader',
  'Set',
  'add_field',
  'put',
  'addValue',
  'setValue',
  'putHeader',
]);
const REPLACING = new Set([
  'set',
  'Set',
  'setHeader',
  'SetHeader',
  'header',
  'setRequestProperty',
  'setValue',
  'put',
]);
const HEADER_OBJECT = new Set([
  'headers',
  'withHeaders',
  'defaultHeaders',
  'SetHeaders',
  'setHeaders',
  'update',
  'set',
  'AddHeaders',
  'putAll',
]);
const BEARER = new Set([
  'setBearerAuth',
  'bearerAuth',
  'withToken',
  'SetAuthToken',
  'bearer_auth',
  'setBearer',
  'setBearerToken',
  'oauth2',
]);
const BASIC = new Set([
  'setBasicAuth',
  'SetBasicAuth',
  'basicAuth',
  'basic_auth',
  'withBasicAuth',
  'setBasicAuthentication',
]);
const URL_SETTERS = new Set(['uri', 'url', 'setUrl', 'setURI', 'setUri', 'RequestUri', 'url_prefix']);
const BASE_SETTERS = new Set([
  'baseUrl',
  'baseURL',
  'SetBaseURL',
  'setBaseUrl',
  'setBaseURL',
  'base_url',
  'BaseAddress',
  'SetHostURL',
  'prefixUrl',
]);
const METHOD_SETTERS = new Set(['method', 'setRequestMethod', 'Method', 'httpMethod', 'SetMethod']);
const BODY_SETTERS = new Set(['body', 'send', 'json', 'SetBody', 'setBody', 'data', 'bodyValue']);
/** Pair setters whose names are too common to trust unless the key is a header name or the target holds headers. */
const WEAK_PAIR = new Set(['set', 'add', 'put', 'Add', 'Set', 'append']);

/** Method names that send a request through a client: `client.get(url)`, `client.GetAsync(url)`, … */
const VERBS: Record<string, string> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
  del: 'DELETE',
  head: 'HEAD',
  options: 'OPTIONS',
  GET: 'GET',
  POST: 'POST',
  PUT: 'PUT',
  PATCH: 'PATCH',
  DELETE: 'DELETE',
  HEAD: 'HEAD',
  Get: 'GET',
  Post: 'POST',
  Put: 'PUT',
  Patch: 'PATCH',
  Delete: 'DELETE',
  Head: 'HEAD',
  GetAsync: 'GET',
  GetStringAsync: 'GET',
  GetFromJsonAsync: 'GET',
  GetByteArrayAsync: 'GET',
  GetStreamAsync: 'GET',
  PostAsync: 'POST',
  PostAsJsonAsync: 'POST',
  PutAsync: 'PUT',
  PutAsJsonAsync: 'PUT',
  PatchAsync: 'PATCH',
  DeleteAsync: 'DELETE',
  getForObject: 'GET',
  getForEntity: 'GET',
  postForObject: 'POST',
  postForEntity: 'POST',
  get_response: 'GET',
  getAsync: 'GET',
  postAsync: 'POST',
};
/** Calls that send a request object built earlier: `client.Do(req)`, `client.SendAsync(request)`. */
const SENDERS = new Set([
  'Do',
  'do',
  'send',
  'sendAsync',
  'SendAsync',
  'Send',
  'Execute',
  'ExecuteAsync',
  'ExecuteGetAsync',
  'ExecutePostAsync',
  'execute',
  'request',
  'newCall',
  'urlopen',
  'dataTask',
  'data',
  'fetch',
]);

/** Calls that put a header or credential on whatever they are called on. */
export function isHeaderOp(name: string, argCount: number): boolean {
  if (argCount >= 2 && HEADER_PAIR.has(name)) return true;
  return (
    argCount >= 1 && (BEARER.has(name) || BASIC.has(name) || (HEADER_OBJECT.has(name) && name !== 'set'))
  );
}

export function isVerb(name: string): boolean {
  return Object.hasOwn(VERBS, name) || name === 'exchange' || name === 'request' || name === 'fetch';
}

/** Applies one builder call to what the chain has built so far; may start a request from a client. */
export function applySeg(c: Collector, t: Target, seg: Seg): Target {
  const { name: n, args: a } = seg;
  const a0 = a[0];
  const a1 = a[1];
  if (!a0) {
    if (
      (t.kind === 'client' && (isVerb(n) || n === 'R' || n === 'newRequest')) ||
      (t.kind === 'req' && isVerb(n))
    ) {
      return verb(c, t, seg);
    }
    return t;
  }
  // Faraday: `f.request :authorization, 'Bearer', token`.
  if (n === 'request' && c.p.is(a0.s, ':') && c.p.tok(a0.s + 1)?.v === 'authorization' && a1) {
    const a2 = a[2];
    if (a2) c.setBearer(t, c.value(a2.s, a2.e), c.value(a1.s, a1.e).text.replace(/^:?bearer$/i, 'Bearer'));
    else c.setHeader(t, 'Authorization', c.value(a1.s, a1.e), 'set');
    return t;
  }
  if (n === 'open' && a1 && t.kind === 'req') {
    c.setMethod(t, c.value(a0.s, a0.e).text, true);
    t.url = c.value(a1.s, a1.e);
    return t;
  }
  const weak = WEAK_PAIR.has(n) && t.kind !== 'headers' && !looksLikeHeaderKey(c, a0);
  if (HEADER_PAIR.has(n) && a1 && !weak) {
    if (a1.name === 'forHTTPHeaderField') c.headerFromRanges(t, a1, a0, 'set');
    else c.headerFromRanges(t, a0, a1, REPLACING.has(n) ? 'set' : 'add');
    return t;
  }
  if (n === 'headers' && a.length >= 2 && a.length % 2 === 0) {
    for (let k = 0; k + 1 < a.length; k += 2) c.headerFromRanges(t, a[k]!, a[k + 1]!, 'add');
    return t;
  }
  if (HEADER_OBJECT.has(n)) {
    const param = lambdaParam(c, a0);
    if (param) c.named.set(param, t);
    else c.headersFrom(t, a0.s, a0.e);
    return t;
  }
  if (BEARER.has(n)) {
    c.setBearer(t, c.value(a0.s, a0.e));
    return t;
  }
  if (BASIC.has(n) || (n === 'auth' && a1)) {
    c.setBasic(t, c.value(a0.s, a0.e), a1 ? c.value(a1.s, a1.e) : undefined);
    return t;
  }
  if (n === 'auth' || n === 'Authenticator' || n === 'authenticator') {
    auth(c, t, a0.s, a0.e);
    return t;
  }
  if (URL_SETTERS.has(n)) {
    c.setUrl(t, c.value(a0.s, a0.e));
    return t;
  }
  if (BASE_SETTERS.has(n)) {
    setBase(t, c.value(a0.s, a0.e));
    return t;
  }
  if (METHOD_SETTERS.has(n) && t.kind === 'req') {
    c.setMethod(t, c.value(a0.s, a0.e).text, true);
    return t;
  }
  if (isVerb(n) && (t.kind === 'client' || t.kind === 'req')) return verb(c, t, seg);
  if (BODY_SETTERS.has(n)) {
    c.setBody(t, 'raw', a0.s, a0.e);
    return t;
  }
  if (n === 'query' || n === 'params' || n === 'SetQueryParams') c.addParams(t, a0.s, a0.e);
  return t;
}

/** A string argument that reads as a header name (`'X-Api-Key'`), not a URL or path. */
function looksLikeHeaderKey(c: Collector, a: Arg): boolean {
  return c.p.tok(a.s)?.k === 'str' && a.e === a.s + 1 && /^[A-Za-z][\w-]*$/.test(c.value(a.s, a.e).text);
}

/** `headers(h -> h.setBearerAuth(t))`: the lambda parameter names the request's headers. */
function lambdaParam(c: Collector, a: Arg): string | undefined {
  const p = c.p;
  const t0 = p.tok(a.s);
  if (t0?.k === 'id' && (p.is(a.s + 1, '->') || p.is(a.s + 1, '=>'))) return t0.v;
  if (p.is(a.s, '(') && p.tok(a.s + 1)?.k === 'id' && p.is(a.s + 2, ')') && p.is(a.s + 3, '=>')) {
    return p.tok(a.s + 1)!.v;
  }
  // Ruby / Kotlin blocks `{ |h| … }` / `{ h -> … }`.
  if (p.is(a.s, '{') && p.is(a.s + 1, '|') && p.tok(a.s + 2)?.k === 'id') return p.tok(a.s + 2)!.v;
  return undefined;
}

function setBase(t: Target, v: Piece): void {
  if (t.kind !== 'headers') t.base = v;
}

/**
 * A request sent through a client or library root (`axios.post(url, data, config)`, `requests.get(url,
 * headers=…)`, `$client->request('GET', '/x', [...])`, `restTemplate.exchange(url, HttpMethod.GET, …)`).
 */
export function verb(c: Collector, t: Target | undefined, seg: Seg): ReqRec {
  const client: ClientRec | undefined = t?.kind === 'client' ? t : undefined;
  const r: ReqRec = t?.kind === 'req' ? t : c.newRequest(seg.open, client ? { client } : {});
  const n = seg.name;
  const positional = seg.args.filter((x) => !x.name);
  let rest = positional;
  const m0 = positional[0]
    ? methodWord(c.p.text(positional[0].s, positional[0].e).replace(/['"`]/g, ''))
    : undefined;
  if (VERBS[n]) c.setMethod(r, VERBS[n]!, true);
  if (m0 && positional[1] && (n === 'request' || n === 'fetch' || n === 'Request' || n === 'NewRequest')) {
    c.setMethod(r, m0, true);
    rest = positional.slice(1);
  }
  const url = rest[0];
  if (url && c.urlish(url.s, url.e)) {
    r.url = c.value(url.s, url.e);
    rest = rest.slice(1);
  } else if (url && !r.url && t?.kind !== 'req' && c.p.tok(url.s)?.k !== 'op') {
    r.url = c.value(url.s, url.e);
    rest = rest.slice(1);
  }
  if (n === 'exchange' && rest[0]) {
    const m = methodWord(c.p.text(rest[0].s, rest[0].e));
    if (m) c.setMethod(r, m, true);
  }
  // `conn.request("GET", "/path", body, headers)` (Python http.client): headers are the 4th argument.
  if (n === 'request' && c.p.lang === 'python' && rest.length >= 2) {
    c.headersFrom(r, rest[1]!.s, rest[1]!.e);
    rest = [];
  }
  const isWrite = r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH';
  for (const [k, arg] of rest.entries()) {
    const entries = c.v.obj(arg.s, arg.e);
    if (entries && isConfig(entries) && !(isWrite && k === 0 && c.p.lang === 'js' && rest.length > 1)) {
      applyConfig(c, r, entries);
    } else if (isWrite && k === 0) {
      c.setBody(r, entries ? 'json' : 'raw', arg.s, arg.e);
      c.collectRefs(r, arg.s, arg.e);
    } else {
      c.collectRefs(r, arg.s, arg.e);
    }
  }
  const named = seg.args.filter((x) => x.name);
  if (named.length) applyConfig(c, r, named.map(argEntry(c)));
  return r;
}

function argEntry(c: Collector) {
  return (a: Arg): Entry => ({ key: a.name!, s: a.s, e: a.e, line: c.line(a.s) });
}

const CONFIG_KEYS =
  /^(?:headers|header|auth|params|baseURL|baseUrl|base_url|base_uri|method|type|json|data|body|url|uri|query|searchParams|cookies|timeout|hostname|host|path|username|password|prefixUrl|responseType|withCredentials|credentials|form_params|basic_auth|httpAgent|mode)$/;

export function isConfig(entries: Entry[]): boolean {
  return entries.some((e) => CONFIG_KEYS.test(e.key));
}

/** Options objects and keyword arguments: `{ method, headers, auth, baseURL, params, body }`. */
export function applyConfig(c: Collector, t: Target, entries: Entry[], scheme = 'https:'): void {
  let host: string | undefined;
  let port: string | undefined;
  let path: string | undefined;
  let protocol: string | undefined;
  let user: Entry | undefined;
  let pass: Entry | undefined;
  for (const en of entries) {
    const k = en.key.toLowerCase().replace(/[-_]/g, '');
    const val = () => c.value(en.s, en.e);
    switch (k) {
      case 'url':
      case 'uri':
      case 'requesturi':
      case 'endpoint':
        if (t.kind === 'client') t.base = val();
        else c.setUrl(t, val());
        break;
      case 'baseurl':
      case 'baseuri':
      case 'baseaddress':
      case 'prefixurl':
        setBase(t, val());
        break;
      case 'method':
      case 'type':
      case 'httpmethod':
        if (t.kind === 'req') c.setMethod(t, val().text, true);
        break;
      case 'headers':
      case 'header':
      case 'defaultheaders':
        c.headersFrom(t, en.s, en.e);
        break;
      case 'auth':
      case 'basicauth':
      case 'authenticator':
        auth(c, t, en.s, en.e);
        break;
      case 'username':
      case 'user':
        user = en;
        break;
      case 'password':
      case 'pass':
        pass = en;
        break;
      case 'params':
      case 'query':
      case 'searchparams':
      case 'qs':
      case 'queryparams':
        c.addParams(t, en.s, en.e);
        break;
      case 'json':
        c.setBody(t, 'json', en.s, en.e);
        break;
      case 'data':
      case 'body':
      case 'content':
        c.setBody(t, c.v.obj(en.s, en.e) && c.p.lang === 'python' ? 'form' : 'raw', en.s, en.e);
        c.collectRefs(t, en.s, en.e);
        break;
      case 'form':
      case 'formparams':
        c.setBody(t, 'form', en.s, en.e);
        break;
      case 'multipart':
      case 'files':
        c.setBody(t, 'multipart', en.s, en.e);
        break;
      case 'cookies':
        c.addCookies(t, en.s, en.e);
        break;
      case 'hostname':
      case 'host':
        host = val().text;
        break;
      case 'port':
        port = val().text;
        break;
      case 'path':
        path = val().text;
        break;
      case 'protocol':
        protocol = val().text;
        break;
      default:
        break;
    }
  }
  if (host !== undefined && t.kind === 'req') {
    const origin = `${protocol ?? scheme}//${host}${port ? `:${port}` : ''}`;
    t.url = { text: `${origin}${path ?? ''}`, inner: '', literal: true };
  }
  if (user) c.setBasic(t, c.value(user.s, user.e), pass ? c.value(pass.s, pass.e) : undefined);
}

const AUTH_CLASSES: Record<string, 'basic' | 'digest' | 'ntlm' | 'bearer'> = {
  HTTPBasicAuth: 'basic',
  BasicAuth: 'basic',
  HttpBasicAuthenticator: 'basic',
  HTTPDigestAuth: 'digest',
  DigestAuth: 'digest',
  HttpNtlmAuth: 'ntlm',
  JwtAuthenticator: 'bearer',
  BearerAuth: 'bearer',
  OAuth2AuthorizationRequestHeaderAuthenticator: 'bearer',
};

/** `auth=('u', 'p')`, `auth: { username, password }`, `'auth' => ['u', 'p', 'digest']`, `HTTPBasicAuth(u, p)`. */
export function auth(c: Collector, t: Target, s: number, e: number): void {
  const p = c.p;
  const start = p.is(s, 'new') ? s + 1 : s;
  const path = p.path(start);
  const cls = path ? AUTH_CLASSES[path.parts.at(-1)!] : undefined;
  if (path && cls && p.is(path.end, '(')) {
    const args = p.args(path.end);
    const a0 = args[0];
    if (!a0) return;
    if (cls === 'bearer') c.setBearer(t, c.value(a0.s, a0.e));
    else c.setBasic(t, c.value(a0.s, a0.e), args[1] ? c.value(args[1].s, args[1].e) : undefined, cls);
    return;
  }
  // Tuples and lists (`('u', 'p')`, `['u', 'p', 'digest']`) are positional; only hashes are keyed.
  const keyedForm =
    p.is(s, '{') || (p.is(s, '[') && c.v.obj(s, e)?.some((x) => /^(?:username|user)$/i.test(x.key)));
  const entries = keyedForm ? c.v.obj(s, e) : undefined;
  const userKey = entries?.find((x) => /^(?:username|user|login)$/i.test(x.key));
  if (entries && userKey) {
    const passKey = entries.find((x) => /^(?:password|pass)$/i.test(x.key));
    c.setBasic(t, c.value(userKey.s, userKey.e), passKey ? c.value(passKey.s, passKey.e) : undefined);
    return;
  }
  const items = keyedForm ? undefined : c.v.list(s, e);
  if (items && items.length >= 2) {
    const scheme = items[2] ? c.value(items[2].s, items[2].e).text.toLowerCase() : undefined;
    c.setBasic(
      t,
      c.value(items[0]!.s, items[0]!.e),
      c.value(items[1]!.s, items[1]!.e),
      scheme === 'digest' || scheme === 'ntlm' ? scheme : undefined,
    );
    return;
  }
  const v = c.value(s, e);
  if (v.literal && v.text.includes(':')) c.setBasicString(t, v);
}

/** A call that sends a request object built earlier: links it to the client it goes through. */
export function send(c: Collector, seg: Seg): boolean {
  if (!SENDERS.has(seg.name)) return false;
  const client = c.named.get(seg.recv);
  let linked = false;
  for (const a of seg.args) {
    const path = c.p.path(a.s);
    const r = path && path.end === a.e ? c.named.get(path.text) : undefined;
    if (r?.kind !== 'req') continue;
    linked = true;
    if (client?.kind === 'client' && !r.client) {
      r.client = client;
      client.used = true;
    }
  }
  return linked;
}

/** Effects of `x[k] = v` and `a.b = v` statements on requests, clients and header objects. */
export function assignment(c: Collector, a: Assign): void {
  if (a.index) {
    const [is, ie] = a.index;
    const key = ie > is ? c.value(is, ie).text : '';
    const headerish = /(?:headers?|Headers?|common)$/.test(a.name) || isAuthHeaderName(key);
    const t = c.receiver(a.name, a.at, headerish);
    if (!t) return;
    if (ie === is) c.headerLine(t, a.s, a.e);
    else if (key) c.setHeader(t, key, c.scalar(a.s, a.e), 'set');
    return;
  }
  const dot = Math.max(a.name.lastIndexOf('.'), a.name.lastIndexOf('->'));
  if (dot < 0) {
    plainAssignment(c, a);
    return;
  }
  const recv = a.name.slice(0, dot);
  const last = a.name.slice(dot + (a.name[dot] === '.' ? 1 : 2));
  if (
    /(?:DefaultRequestHeaders|Headers|headers|Header|common)$/.test(recv) &&
    /^[A-Za-z][\w-]*$/.test(last)
  ) {
    const t = c.receiver(recv, a.at, true);
    if (t) c.setHeader(t, last, c.scalar(a.s, a.e), 'set');
    return;
  }
  const t = c.receiver(recv, a.at, false);
  if (!t) return;
  if (BASE_SETTERS.has(last)) setBase(t, c.value(a.s, a.e));
  else if (URL_SETTERS.has(last) || last === 'URL') c.setUrl(t, c.value(a.s, a.e));
  else if (METHOD_SETTERS.has(last) && t.kind === 'req') c.setMethod(t, c.value(a.s, a.e).text, true);
  else if (last === 'auth' || last === 'Authenticator') auth(c, t, a.s, a.e);
  else if (last === 'headers' || last === 'Headers' || last === 'allHTTPHeaderFields')
    c.headersFrom(t, a.s, a.e);
}

/** Right-hand sides that build a map or list in place (a call to anything else is not a header object). */
const COLLECTION =
  /^(?:[[{]|(?:new\s+)?(?:dict|array|mapOf|hashMapOf|mutableMapOf|Map\.of|ImmutableMap\.of|listOf|List\.of|Arrays\.asList|HashMap|Dictionary|Hash|http\.Header)\b|map\s*\[)/;

/** `headers = {...}` / `$headers = array('Authorization: …')`: a header object later passed to a request. */
function plainAssignment(c: Collector, a: Assign): void {
  const p = c.p;
  if (!/headers?$/i.test(a.name.replace(/^\$/, ''))) return;
  if (!COLLECTION.test(p.text(a.s, Math.min(a.e, a.s + 3)))) return;
  const entries = c.v.obj(a.s, a.e);
  const items = entries ? undefined : c.v.list(a.s, a.e);
  if (!entries && !items) return;
  const h = c.newHeaders(a.at, a.name);
  c.headersFrom(h, a.s, a.e);
}

/** What a recogniser made of the first call of a chain; `next` is the first call left for `applySeg`. */
export interface Start {
  target?: Target;
  next: number;
}
export type Recognizer = (c: Collector, ch: Chain) => Start | undefined;

/** A request whose URL is the first argument and whose options object (if any) is the second. */
export function urlAndOptions(
  c: Collector,
  seg: Seg,
  init: { method?: string; client?: ClientRec } = {},
): ReqRec {
  const r = c.newRequest(seg.open, init);
  const [a0, a1] = seg.args;
  if (a0) {
    const entries = c.v.obj(a0.s, a0.e);
    if (entries && isConfig(entries)) applyConfig(c, r, entries);
    else r.url = c.value(a0.s, a0.e);
  }
  if (a1) {
    const entries = c.v.obj(a1.s, a1.e);
    if (entries && isConfig(entries)) applyConfig(c, r, entries);
  }
  const named = seg.args.filter((x) => x.name);
  if (named.length) applyConfig(c, r, named.map(argEntry(c)));
  return r;
}

/** A client built from keyword arguments or an options object (`httpx.Client(base_url=…)`, `axios.create({…})`). */
export function clientFrom(c: Collector, seg: Seg, base?: Arg): ClientRec {
  const client = c.newClient(seg.open);
  if (base) client.base = c.value(base.s, base.e);
  for (const a of seg.args) {
    if (a === base) continue;
    if (a.name) {
      applyConfig(c, client, [argEntry(c)(a)]);
      continue;
    }
    const entries = c.v.obj(a.s, a.e);
    if (entries) applyConfig(c, client, entries);
  }
  if (seg.init) {
    const entries = c.v.obj(seg.init[0], seg.init[1]);
    if (entries) applyConfig(c, client, entries);
  }
  return client;
}
