/** JavaScript / TypeScript: fetch, axios, got, ky, superagent, node http(s), XMLHttpRequest, jQuery, Headers. */
import { applyConfig, clientFrom, isConfig, type Recognizer, urlAndOptions, verb } from './builders.js';

const FETCH = /^(?:window\.|globalThis\.|self\.)?(?:fetch|nodeFetch|\$fetch|ofetch|fetchWithAuth)$/;
const CONFIG_CALL = /^(?:axios|axios\.request|\$\.ajax|jQuery\.ajax|request|needle\.request)$/;
const CLIENT_FACTORY = /^(?:axios|got|ky|ofetch|\$fetch)\.(?:create|extend)$/;
const LIB_ROOT = /^(?:axios|got|ky|superagent|request|needle|\$|jQuery|\$http)$/;

export const recognizeJs: Recognizer = (c, ch) => {
  const s = ch.segs[0]!;
  const path = s.path;
  const a0 = s.args[0];
  if (!ch.isNew && FETCH.test(path) && a0) {
    // `fetch(new Request(…))` / `fetch(req)`: the Request is read where it is built.
    const named = c.p.path(a0.s);
    if (c.p.is(a0.s, 'new') || (named?.end === a0.e && c.named.get(named.text)?.kind === 'req'))
      return { next: 1 };
    return { target: urlAndOptions(c, s), next: 1 };
  }
  if (!ch.isNew && CONFIG_CALL.test(path) && a0) {
    if (path === 'request' && c.p.lang !== 'js') return undefined;
    return { target: urlAndOptions(c, s), next: 1 };
  }
  if (!ch.isNew && CLIENT_FACTORY.test(path)) return { target: clientFrom(c, s), next: 1 };
  if (!ch.isNew && (path === 'got' || path === 'ky') && a0) return { target: urlAndOptions(c, s), next: 1 };
  if (
    !ch.isNew &&
    LIB_ROOT.test(s.recv) &&
    a0 &&
    /^(?:get|post|put|patch|delete|del|head|options)$/.test(s.name)
  ) {
    // `axios.defaults.…` earlier in the paste made `axios` a client with default headers.
    const defaults = c.named.get(s.recv);
    return { target: verb(c, defaults?.kind === 'client' ? defaults : undefined, s), next: 1 };
  }
  // node `https.request(options, cb)` / `http.get(url, options, cb)`.
  if (
    !ch.isNew &&
    /^https?\.(?:request|get)$/.test(path) &&
    a0 &&
    (c.p.lang === 'js' || c.p.lang === 'unknown')
  ) {
    const r = c.newRequest(s.open, s.name === 'get' ? { method: 'GET' } : {});
    if (s.name === 'get') r.methodExplicit = false;
    for (const a of s.args) {
      const entries = c.v.obj(a.s, a.e);
      if (entries && isConfig(entries)) applyConfig(c, r, entries, `${s.recv}:`);
      else if (a === a0) r.url = c.value(a.s, a.e);
    }
    return { target: r, next: 1 };
  }
  if (ch.isNew && path === 'XMLHttpRequest') return { target: c.newRequest(s.open), next: 1 };
  // `new Request(url, init)` (fetch API); Guzzle's `new Request('GET', url, headers)` is read by the PHP reader.
  if (
    ch.isNew &&
    path === 'Request' &&
    a0 &&
    c.p.lang !== 'php' &&
    !c.p.tok(a0.s)?.v.match(/^['"](?:GET|POST|PUT|PATCH|DELETE|HEAD)['"]$/)
  ) {
    return { target: urlAndOptions(c, s), next: 1 };
  }
  if (/^(?:Headers|HttpHeaders|HTTPHeaders)$/.test(path) && (ch.isNew || c.p.lang === 'kotlin')) {
    const name = c.p.assignedTo(ch.start);
    if (!name) return { next: ch.segs.length };
    const h = c.newHeaders(ch.start, name);
    if (a0) c.headersFrom(h, a0.s, a0.e);
    return { target: h, next: 1 };
  }
  return undefined;
};
