/**
 * Java and Kotlin: java.net.http `HttpRequest.newBuilder()`, OkHttp `Request.Builder()`, Spring
 * `RestTemplate` / `WebClient`, `HttpURLConnection`, Unirest and RestAssured.
 */
import { clientFrom, type Recognizer, verb } from './builders.js';

export const recognizeJvm: Recognizer = (c, ch) => {
  const s = ch.segs[0]!;
  const path = s.path;
  const a0 = s.args[0];
  if (path === 'HttpRequest.newBuilder' || path === 'HttpRequest.Builder') {
    const r = c.newRequest(s.open);
    if (a0) r.url = c.value(a0.s, a0.e);
    return { target: r, next: 1 };
  }
  if (path === 'Request.Builder' || path === 'okhttp3.Request.Builder' || path === 'Request.Builder.new') {
    return { target: c.newRequest(s.open), next: 1 };
  }
  if (
    path === 'WebClient.create' ||
    path === 'WebClient.builder' ||
    path === 'RestClient.create' ||
    path === 'RestClient.builder'
  ) {
    return { target: clientFrom(c, s, path.endsWith('create') ? a0 : undefined), next: 1 };
  }
  if (ch.isNew && (path === 'RestTemplate' || path === 'OkHttpClient' || path === 'OkHttpClient.Builder')) {
    return { target: c.newClient(s.open), next: 1 };
  }
  if (path === 'HttpClient.newHttpClient' || path === 'HttpClient.newBuilder') {
    return { target: c.newClient(s.open), next: 1 };
  }
  // `(HttpURLConnection) url.openConnection()`: the URL is the receiver.
  if (s.name === 'openConnection' && s.recv && !ch.isNew) {
    const r = c.newRequest(s.open);
    r.url = c.value(ch.start, s.open - 2);
    return { target: r, next: 1 };
  }
  if (ch.isNew && path === 'URL' && a0 && ch.segs[1]?.name === 'openConnection') {
    const r = c.newRequest(s.open);
    r.url = c.value(a0.s, a0.e);
    return { target: r, next: 2 };
  }
  if (/^(?:rest|restTemplate|template|this\.restTemplate|restOperations)$/i.test(s.recv) && a0) {
    if (
      /^(?:exchange|getForObject|getForEntity|postForObject|postForEntity|put|delete|patchForObject)$/.test(
        s.name,
      )
    ) {
      const r = verb(c, c.named.get(s.recv), s);
      for (const a of s.args) c.collectRefs(r, a.s, a.e);
      if (s.name === 'put') c.setMethod(r, 'PUT', true);
      if (s.name === 'delete') c.setMethod(r, 'DELETE', true);
      return { target: r, next: 1 };
    }
  }
  if (
    (path === 'Unirest' || s.recv === 'Unirest') &&
    a0 &&
    /^(?:get|post|put|patch|delete|head)$/.test(s.name)
  ) {
    return { target: verb(c, undefined, s), next: 1 };
  }
  // RestAssured: `given().header(…).auth().oauth2(t).when().get(url)`.
  if ((path === 'given' || path === 'RestAssured.given') && s.args.length === 0 && ch.segs.length > 1) {
    return { target: c.newRequest(s.open), next: 1 };
  }
  return undefined;
};
