/** Python: requests, httpx, aiohttp, urllib, http.client, urllib3. */
import { clientFrom, type Recognizer, urlAndOptions, verb } from './builders.js';

const LIB_ROOT = /^(?:requests|httpx|urllib3|grequests)$/;
const CLIENTS =
  /^(?:requests\.Session|requests\.session|Session|httpx\.Client|httpx\.AsyncClient|Client|AsyncClient|aiohttp\.ClientSession|ClientSession|urllib3\.PoolManager|PoolManager)$/;
const REQUEST = /^(?:urllib\.request\.Request|urllib2\.Request|request\.Request|Request)$/;
const CONNECTION = /^(?:http\.client\.|httplib\.)?(HTTPS?)Connection$/;

export const recognizePython: Recognizer = (c, ch) => {
  const s = ch.segs[0]!;
  const path = s.path;
  const a0 = s.args[0];
  if (ch.isNew) return undefined;
  if (LIB_ROOT.test(s.recv) && a0 && /^(?:get|post|put|patch|delete|head|options|request)$/.test(s.name)) {
    return { target: verb(c, undefined, s), next: 1 };
  }
  if (CLIENTS.test(path) && (c.p.lang === 'python' || path.includes('.'))) {
    // `Client(token=…)` is an SDK client, not an HTTP one: leave it to the SDK reader.
    if (path === 'Client' && !s.args.some((a) => a.name && /^(?:base_url|headers|auth)$/.test(a.name)))
      return undefined;
    return { target: clientFrom(c, s), next: 1 };
  }
  if (REQUEST.test(path) && a0 && c.p.lang === 'python') {
    const r = urlAndOptions(c, s);
    // `Request(url, data, headers)` positionally.
    const a2 = s.args[2];
    if (a2 && !a2.name) c.headersFrom(r, a2.s, a2.e);
    return { target: r, next: 1 };
  }
  const conn = CONNECTION.exec(path);
  if (conn && a0) {
    const host = c.value(a0.s, a0.e);
    const scheme = conn[1] === 'HTTPS' ? 'https://' : 'http://';
    const base = host.literal ? { ...host, text: scheme + host.text, inner: scheme + host.text } : host;
    const client = c.newClient(s.open, base);
    return { target: client, next: 1 };
  }
  return undefined;
};
