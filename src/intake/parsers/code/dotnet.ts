/** C#: HttpClient, HttpRequestMessage, RestSharp (RestClient / RestRequest). */
import { applyConfig, clientFrom, type Recognizer } from './builders.js';

export const recognizeDotnet: Recognizer = (c, ch) => {
  const s = ch.segs[0]!;
  const path = s.path;
  const a0 = s.args[0];
  const a1 = s.args[1];
  if (ch.isNew && (path === 'HttpClient' || path === 'System.Net.Http.HttpClient')) {
    return { target: clientFrom(c, s, a0 && c.urlish(a0.s, a0.e) ? a0 : undefined), next: 1 };
  }
  if (ch.isNew && path === 'HttpRequestMessage') {
    const r = c.newRequest(s.open);
    if (a0) c.setMethod(r, c.p.text(a0.s, a0.e).replace(/['"]/g, ''), true);
    if (a1) r.url = c.value(a1.s, a1.e);
    if (s.init) {
      const entries = c.v.obj(s.init[0], s.init[1]);
      if (entries) applyConfig(c, r, entries);
    }
    return { target: r, next: 1 };
  }
  if (ch.isNew && path === 'RestClient' && c.p.lang !== 'ruby') {
    return { target: clientFrom(c, s, a0 && !a0.name ? a0 : undefined), next: 1 };
  }
  if (ch.isNew && path === 'RestRequest') {
    const r = c.newRequest(s.open);
    for (const a of s.args) {
      const text = c.p.text(a.s, a.e);
      if (/^Method\.\w+$/.test(text)) c.setMethod(r, text, true);
      else if (!r.url) r.url = c.value(a.s, a.e);
    }
    return { target: r, next: 1 };
  }
  return undefined;
};
