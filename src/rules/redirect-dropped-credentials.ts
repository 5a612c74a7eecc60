/**
 * A redirect took the credential away. HTTP clients deliberately forget `Authorization` and cookies when a
 * redirect leads elsewhere, so a token is not leaked to whatever host a Location names: curl (since 7.83 also
 * on a scheme or port change) unless `--location-trusted`, browsers and fetch on a cross-origin redirect,
 * Python requests, axios/follow-redirects, Go and OkHttp on a host change. The request that reaches the final
 * URL carries no credential, and the 401 it gets says nothing about the token itself.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { exchangePrefix, headers } from '../diagnose/facts.js';
import type { Credential, Evidence, Exchange, Request } from '../intake/evidence.js';
import { curlExample, describePlace } from './helpers/fix.js';
import { chainEnd, originOf, type RedirectLink, redirectLinks, resend, scanTexts } from './helpers/hosts.js';
import type { RuleReport } from './types.js';
import { defineRule } from './types.js';

/** Where curl forgets a credential on a cross-origin redirect; other custom headers (X-API-Key) it keeps. */
const CURL_DROPS = new Set(['authorization', 'cookie', 'userinfo', 'basic_flag', 'bearer_flag']);
const SENT = new Set([
  'authorization',
  'header',
  'cookie',
  'userinfo',
  'basic_flag',
  'bearer_flag',
  'query',
  'body',
]);

/** A redirect mentioned in a log or by the user (`[<Response [301]>]`, "Moved Permanently", "redirected"). */
const REDIRECT_TEXT =
  /<Response \[30[12378]\]>|\b30[12378] (?:Moved Permanently|Found|See Other|Temporary Redirect|Permanent Redirect)\b|\bredirect(?:ed|s|ing)?\b(?![ _-]?ur[il])|\bresponse\.redirected\b/i;
const CODE_CLIENTS: { match: RegExp; name: string; rule: string }[] = [
  {
    match: /\brequests\.(?:get|post|put|patch|delete|request|Session)\b|import requests\b/,
    name: 'Python requests',
    rule: 'drops the Authorization header when a redirect goes to another host (and on an https → http downgrade)',
  },
  {
    match: /\baxios\b|follow-redirects/,
    name: 'axios (follow-redirects)',
    rule: 'drops Authorization and cookies when a redirect goes to another host or downgrades to http',
  },
  {
    match: /\bfetch\s*\(|\bundici\b|\bnode-fetch\b/,
    name: 'fetch',
    rule: 'removes the Authorization header on a cross-origin redirect',
  },
  {
    match: /\bhttp\.(?:Get|Post|NewRequest|Client)\b|net\/http/,
    name: "Go's net/http",
    rule: 'drops Authorization, cookies and WWW-Authenticate when a redirect leaves the original domain',
  },
  {
    match: /\bOkHttpClient\b|\bokhttp3\b/,
    name: 'OkHttp',
    rule: 'drops Authorization when a redirect goes to another host, port or scheme',
  },
];

export default defineRule({
  meta: {
    id: 'redirect-dropped-credentials',
    cause: 'credentials_dropped_in_transit',
    severity: 'error',
    title: 'A redirect dropped the credential',
    description:
      'The request was redirected (3xx with a `Location`) to another host, port or scheme, and the client did not send the `Authorization` header or cookie again on the next request: clients strip credentials on such redirects on purpose, so the final URL answered 401. Call the final URL directly.',
    docs: [
      'https://everything.curl.dev/http/redirects.html',
      'https://curl.se/docs/CVE-2022-27774.html',
      'https://fetch.spec.whatwg.org/#http-redirect-fetch',
      'https://requests.readthedocs.io/en/latest/api/#requests.Session.rebuild_auth',
    ],
    checklist: ['url', 'credentials-present'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const exchanges = evidence.exchanges;
    const chainsDone = new Set<number>();
    const links = redirectLinks(exchanges);
    for (const link of links) {
      const start = chainStart(exchanges, link.fromIndex);
      if (chainsDone.has(start)) continue;
      const report = checkLink(
        evidence,
        link,
        credentialsOf(evidence, exchanges[link.fromIndex]!),
        ctx.facts.saw401,
      );
      if (report) {
        chainsDone.add(start);
        reports.push(report);
      }
    }
    if (links.length === 0) {
      const fromCode = codeClientReport(ctx);
      if (fromCode) reports.push(fromCode);
    }
    return reports;
  },
});

function checkLink(
  evidence: Evidence,
  link: RedirectLink,
  sent: Credential[],
  saw401: boolean,
): RuleReport | undefined {
  const exchanges = evidence.exchanges;
  const from = exchanges[link.fromIndex]!;
  const to = exchanges[link.toIndex]!;
  if (sent.length === 0) return undefined;
  const end = exchanges[chainEnd(exchanges, link.toIndex)]!;
  const finalStatus = end.response?.status;
  // The chain ended well, or somewhere that is not about authentication: nothing lost that mattered.
  if (finalStatus !== undefined && finalStatus !== 401 && finalStatus !== 403 && finalStatus !== 407)
    return undefined;
  if (finalStatus === undefined && !saw401) return undefined;

  const fromOrigin = link.fromUrl ? originOf(link.fromUrl) : undefined;
  const toOrigin = originOf(link.toUrl);
  const crossOrigin = fromOrigin !== undefined && toOrigin !== undefined && fromOrigin !== toOrigin;
  const finalUrl = finalUrlOf(exchanges, link);
  const curl = curlOptions(evidence, from);

  let dropped: Credential[];
  let shown: boolean;
  if (to.request) {
    const kept = new Set(credentialsOf(evidence, to).map((c) => c.id));
    dropped = sent.filter((c) => !kept.has(c.id));
    // Header names survive redaction even where a value was not recognised as a credential.
    if (dropped.length > 0 && hasHeader(to.request, dropped)) return undefined;
    shown = true;
  } else {
    // Only the responses are shown (`curl -iL`): what curl sent next follows from its rules.
    if (!curl || curl.locationTrusted || !crossOrigin) return undefined;
    dropped = sent.filter((c) => c.where.some((w) => CURL_DROPS.has(w.location)));
    shown = false;
  }
  // A form POST answered with a redirect elsewhere (post/redirect/get) is not meant to carry its body on.
  if (!samePath(link)) dropped = dropped.filter((c) => !c.where.every((w) => w.location === 'body'));
  if (dropped.length === 0) return undefined;
  const credential = dropped[0]!;
  const postToGet =
    from.request?.method === 'POST' &&
    (to.request ? to.request.method === 'GET' : [301, 302, 303].includes(link.status));

  const what = `${describePlace(credential)} (${credential.display})`;
  const where = crossOrigin
    ? `from ${fromOrigin} to another ${changeWord(fromOrigin!, toOrigin!)} (${toOrigin})`
    : `to ${link.toUrl}`;
  const who = !crossOrigin
    ? 'The next request'
    : curl
      ? curl.locationTrusted
        ? 'Even with `--location-trusted`, the next request'
        : 'curl follows `-L` redirects without `--location-trusted` by stripping `Authorization` and cookies when the host, port or scheme changes, so the next request'
      : from.source === 'har'
        ? 'The browser strips `Authorization` on a cross-origin redirect, so the next request'
        : 'The next request';
  const detail = `${from.request?.url?.raw ?? 'The request'} answered ${link.status} with \`Location: ${link.location}\` — a redirect ${where}. ${who} ${shown ? 'went out without' : 'was sent without'} ${what}${finalStatus ? `, and ${finalUrl} answered ${finalStatus}` : ''}.${postToGet ? ` The ${link.status} also turned the POST into a GET, so the request body was not sent again either.` : ''}`;

  const example = curlExample(retarget(from.request, finalUrl), resend(credential));
  const fix = [
    `Call the final URL directly so no redirect is involved: ${finalUrl}`,
    example,
    crossOrigin
      ? `Only if you trust ${toOrigin} with this credential: \`curl --location-trusted\` (or your client's equivalent) re-sends it after the redirect. Otherwise update the base URL in your configuration.`
      : 'Check what between you and the server (a proxy or the client library) removes the header on the redirect.',
  ];
  return {
    severity: crossOrigin ? 'error' : 'warning',
    confidence: crossOrigin ? (shown ? 0.92 : 0.85) : 0.55,
    title: crossOrigin ? 'A redirect to another origin dropped the credential' : undefined,
    detail,
    evidence: [
      `${exchangePrefix(link.fromIndex)}response.headers.location`,
      `${exchangePrefix(link.toIndex)}${to.request ? 'request' : 'response'}`,
    ],
    fix,
  };
}

/** A credential sent from code, a redirect mentioned in the output: the client likely stripped it. */
function codeClientReport(ctx: DiagnosisContext): RuleReport | undefined {
  if (!ctx.facts.saw401) return undefined;
  const view = ctx.facts.requests.find((v) => v.exchange.source === 'code' && v.credentials.length > 0);
  if (!view) return undefined;
  const mention = scanTexts(ctx).find((t) => REDIRECT_TEXT.test(t.text));
  if (!mention) return undefined;
  const all = scanTexts(ctx)
    .map((t) => t.text)
    .join('\n');
  const client = CODE_CLIENTS.find((c) => c.match.test(all));
  const credential = view.credentials[0]!;
  const url = view.request.url?.raw;
  return {
    severity: 'warning',
    confidence: 0.4,
    detail: `The code sends ${describePlace(credential)} (${credential.display})${url ? ` to ${url}` : ''}, and the output shows a redirect. ${client ? `${client.name} ${client.rule}` : 'HTTP clients strip the Authorization header when a redirect goes to another host'}, so the request that got the 401 probably carried no credential.`,
    evidence: [mention.pointer, view.pointer],
    fix: [
      'Print the final URL and the redirect history (e.g. `r.url` and `r.history` in requests, `response.url` in fetch) and call that final URL directly.',
      `Use the canonical base URL${url?.startsWith('http://') ? ' (with https://)' : ''} so no redirect happens; do not re-add the header on every redirect unless you trust the target host.`,
    ],
  };
}

function credentialsOf(evidence: Evidence, exchange: Exchange): Credential[] {
  return evidence.credentials.filter((c) =>
    c.where.some((w) => w.exchange === exchange.id && SENT.has(w.location)),
  );
}

function hasHeader(request: Request, dropped: readonly Credential[]): boolean {
  return dropped.every((c) => {
    const w = c.where.find((o) => o.location === 'authorization' || o.location === 'header');
    return w?.name !== undefined && headers(request.headers, w.name).length > 0;
  });
}

function curlOptions(evidence: Evidence, from: Exchange): Request['options'] | undefined {
  if (from.source === 'curl') return from.request?.options;
  if (from.source !== 'curl_trace') return undefined;
  // The trace's own hops carry no options; the pasted command (if any) does.
  const command = evidence.exchanges.find((x) => x.source === 'curl' && x.request);
  return command?.request?.options ?? {};
}

function samePath(link: RedirectLink): boolean {
  if (!link.fromUrl || !URL.canParse(link.fromUrl) || !URL.canParse(link.toUrl)) return false;
  return new URL(link.fromUrl).pathname === new URL(link.toUrl).pathname;
}

function finalUrlOf(exchanges: readonly Exchange[], link: RedirectLink): string {
  const end = exchanges[chainEnd(exchanges, link.toIndex)]!;
  return end.request?.url?.valid ? end.request.url.raw : link.toUrl;
}

function retarget(request: Request | undefined, url: string): Request | undefined {
  if (!request?.url) return request;
  return { ...request, url: { ...request.url, raw: url, valid: true } };
}

function chainStart(exchanges: readonly Exchange[], index: number): number {
  let start = index;
  while (start > 0 && (exchanges[start]!.hop ?? 0) > 0) start--;
  return start;
}

function changeWord(from: string, to: string): string {
  const [fs, fh] = from.split('://') as [string, string];
  const [ts, th] = to.split('://') as [string, string];
  const host = (o: string) => o.replace(/:\d+$/, '');
  if (host(fh) !== host(th)) return 'host';
  if (fs !== ts) return `scheme (${fs} → ${ts})`;
  return 'port';
}
