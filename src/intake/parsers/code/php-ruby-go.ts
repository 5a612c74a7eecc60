/**
 * PHP (Guzzle, PHP/libcurl `curl_setopt`, Laravel `Http::`), Ruby (Net::HTTP, Faraday, HTTParty,
 * RestClient), Go (net/http, resty) and Swift (`URLRequest`).
 */
import { clientFrom, type Recognizer, urlAndOptions, verb } from './builders.js';
import { type Collector, methodWord, type ReqRec } from './collector.js';
import type { Arg } from './program.js';

export const recognizePhp: Recognizer = (c, ch) => {
  const s = ch.segs[0]!;
  const path = s.path;
  const [a0, a1, a2] = s.args;
  if (ch.isNew && /^(?:GuzzleHttp\\)?Client$/.test(path) && (c.p.lang === 'php' || path.includes('\\'))) {
    return { target: clientFrom(c, s), next: 1 };
  }
  if (
    ch.isNew &&
    /^(?:GuzzleHttp\\Psr7\\)?Request$/.test(path) &&
    a0 &&
    a1 &&
    methodWord(c.value(a0.s, a0.e).text)
  ) {
    const r = c.newRequest(s.open, { method: c.value(a0.s, a0.e).text, url: c.value(a1.s, a1.e) });
    if (a2) c.headersFrom(r, a2.s, a2.e);
    return { target: r, next: 1 };
  }
  if (path === 'curl_init' || path === 'curl_easy_init') {
    const r = c.newRequest(s.open);
    if (a0) r.url = c.value(a0.s, a0.e);
    return { target: r, next: 1 };
  }
  if ((path === 'curl_setopt' || path === 'curl_easy_setopt') && a0 && a1 && a2) {
    const r = curlHandle(c, a0);
    curlOption(c, r, c.p.text(a1.s, a1.e), a2);
    return { next: 1 };
  }
  if (path === 'curl_setopt_array' && a0 && a1) {
    const r = curlHandle(c, a0);
    for (const en of c.v.obj(a1.s, a1.e) ?? []) curlOption(c, r, en.key, en);
    return { next: 1 };
  }
  if (path === 'curl_slist_append' && a0 && a1) {
    // `headers = curl_slist_append(headers, "Authorization: …")` (libcurl in C).
    const name = c.p.text(a0.s, a0.e);
    const h = c.named.get(name) ?? c.newHeaders(s.open, name);
    c.headerLine(h, a1.s, a1.e);
    return { next: 1 };
  }
  // Laravel: `Http::withToken($t)->get($url)`.
  if (/^(?:Illuminate\\Support\\Facades\\)?Http$/.test(s.recv))
    return { target: c.newRequest(s.open), next: 0 };
  return undefined;
};

function curlHandle(c: Collector, a: Arg): ReqRec {
  const name = c.p.text(a.s, a.e);
  const known = c.named.get(name);
  if (known?.kind === 'req') return known;
  const r = c.newRequest(a.s);
  c.name(r, name);
  return r;
}

function curlOption(c: Collector, r: ReqRec, option: string, v: { s: number; e: number }): void {
  switch (option.replace(/^.*\\/, '')) {
    case 'CURLOPT_URL':
      r.url = c.value(v.s, v.e);
      break;
    case 'CURLOPT_HTTPHEADER':
      c.headersFrom(r, v.s, v.e);
      break;
    case 'CURLOPT_CUSTOMREQUEST':
      c.setMethod(r, c.value(v.s, v.e).text, true);
      break;
    case 'CURLOPT_POST':
      if (!/^(?:0|false|FALSE)$/.test(c.p.text(v.s, v.e))) c.setMethod(r, 'POST', true);
      break;
    case 'CURLOPT_USERPWD':
      c.setBasicString(r, c.value(v.s, v.e));
      break;
    case 'CURLOPT_XOAUTH2_BEARER':
      c.setBearer(r, c.value(v.s, v.e));
      break;
    case 'CURLOPT_POSTFIELDS':
      c.setBody(r, 'raw', v.s, v.e);
      break;
    case 'CURLOPT_COOKIE':
      c.setHeader(r, 'Cookie', c.value(v.s, v.e));
      break;
    default:
      break;
  }
}

const NET_HTTP = /^Net::HTTP::(Get|Post|Put|Patch|Delete|Head|Options)\.new$/;

export const recognizeRuby: Recognizer = (c, ch) => {
  const s = ch.segs[0]!;
  const path = s.path;
  const [a0, a1] = s.args;
  const m = NET_HTTP.exec(path);
  if (m && a0) {
    const r = c.newRequest(s.open, { method: m[1]!, url: c.value(a0.s, a0.e) });
    if (a1) c.headersFrom(r, a1.s, a1.e);
    return { target: r, next: 1 };
  }
  if ((path === 'Net::HTTP.get' || path === 'Net::HTTP.get_response') && a0) {
    const r = c.newRequest(s.open, { url: c.value(a0.s, a0.e) });
    r.methodExplicit = false;
    return { target: r, next: 1 };
  }
  if (path === 'Net::HTTP.new' || path === 'Net::HTTP.start') return { target: c.newClient(s.open), next: 1 };
  if (path === 'Faraday.new' || path === 'Faraday::Connection.new') {
    return { target: clientFrom(c, s, a0 && !a0.name ? a0 : undefined), next: 1 };
  }
  if (/^(?:HTTParty|RestClient)$/.test(s.recv) && a0 && /^(?:get|post|put|patch|delete|head)$/.test(s.name)) {
    const r = verb(c, undefined, s);
    // `RestClient.get(url, headers)` / `RestClient.post(url, payload, headers)`.
    const headers =
      s.recv === 'RestClient' ? s.args[r.method === 'GET' || r.method === 'DELETE' ? 1 : 2] : undefined;
    if (headers && !headers.name) c.headersFrom(r, headers.s, headers.e);
    return { target: r, next: 1 };
  }
  if (path === 'RestClient::Request.execute') return { target: urlAndOptions(c, s), next: 1 };
  return undefined;
};

export const recognizeGo: Recognizer = (c, ch) => {
  const s = ch.segs[0]!;
  const path = s.path;
  if (path === 'http.NewRequest' || path === 'http.NewRequestWithContext') {
    const args = path === 'http.NewRequest' ? s.args : s.args.slice(1);
    const [m, u] = args;
    const r = c.newRequest(s.open);
    if (m) c.setMethod(r, methodText(c, m), true);
    if (u) r.url = c.value(u.s, u.e);
    return { target: r, next: 1 };
  }
  const simple = /^http\.(Get|Post|Head|PostForm)$/.exec(path);
  if (simple && s.args[0] && c.p.lang !== 'js') {
    const method = simple[1] === 'PostForm' ? 'POST' : simple[1]!;
    return { target: c.newRequest(s.open, { method, url: c.value(s.args[0].s, s.args[0].e) }), next: 1 };
  }
  if (path === 'resty.New') return { target: c.newClient(s.open), next: 1 };
  if (path === 'http.Client' && s.init) return { target: c.newClient(s.open), next: 1 };
  return undefined;
};

/** `"GET"`, `http.MethodGet`, or a variable holding one (`method := "GET"` in Postman's Go export). */
function methodText(c: Collector, a: Arg): string {
  const v = c.value(a.s, a.e);
  return v.literal ? v.text : c.p.text(a.s, a.e);
}

export const recognizeSwift: Recognizer = (c, ch) => {
  const s = ch.segs[0]!;
  if (s.path !== 'URLRequest' && s.path !== 'NSMutableURLRequest') return undefined;
  const url = s.args.find((a) => a.name === 'url') ?? s.args[0];
  const r = c.newRequest(s.open);
  if (url) r.url = c.value(url.s, url.e);
  return { target: r, next: 1 };
};
