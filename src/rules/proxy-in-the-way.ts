/**
 * A proxy between the client and the API answered, or stands in the way. A 407 (or `Proxy-Authenticate`) is
 * the proxy asking for its own credentials, which the API token does not satisfy; a 401 whose headers name a
 * proxy product (Squid, Zscaler, Blue Coat…) came from an intercepting proxy, not the API. A proxy option or
 * TLS-interception symptoms (`-k`, "self signed certificate in certificate chain") say one is in the path,
 * where it may strip or replace the Authorization header.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { header, type RequestView, type TextView } from '../diagnose/facts.js';
import type { Field } from '../intake/evidence.js';
import { scanTexts } from './helpers/hosts.js';
import type { RuleReport } from './types.js';
import { defineRule } from './types.js';

const PROXY_407 =
  /\b407\b[^\n]{0,40}proxy|proxy authentication required|\bCONNECT tunnel failed, response 407|Tunnel connection failed: 407|Unable to tunnel through proxy|\bProxyError\b[^\n]{0,80}\b407\b|ERR_PROXY_AUTH|\bProxy-Authenticate\b/i;
/** Products that intercept or forward corporate traffic, as they name themselves in Server / Via / headers. */
const PROXY_PRODUCT =
  /\b(squid|zscaler|blue ?coat|proxysg|mcafee web gateway|skyhigh|forcepoint|websense|fortigate|fortiweb|fortiproxy|netskope|cisco (?:wsa|ironport)|ironport|palo ?alto|sophos|barracuda|privoxy|ccproxy|isa server|microsoft-isa|forefront tmg|webmarshal|umbrella|iboss|symantec web)\b/i;
const PROXY_HEADERS =
  /^(?:x-squid-error|x-zscaler-[\w-]+|x-bluecoat-[\w-]+|x-netskope-[\w-]+|x-forcepoint-[\w-]+)$/i;
const TLS_INTERCEPTION =
  /self[- ]signed certificate in certificate chain|unable to get local issuer certificate|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|CERTIFICATE_VERIFY_FAILED|PKIX path building failed|SSL (?:inspection|interception)|TLS (?:inspection|interception)|\b(?:corporate|company|office|enterprise) (?:proxy|firewall|network)\b|\bbehind an? (?:corporate |company )?proxy\b/i;
const PROXY_ENV = /\b(?:https?|all)_proxy\s*=\s*\S+/i;

export default defineRule({
  meta: {
    id: 'proxy-in-the-way',
    cause: 'credentials_dropped_in_transit',
    severity: 'error',
    title: 'A proxy is answering or in the way',
    description:
      'The failure comes from a proxy between you and the API: a 407 asks for the proxy’s own credentials; a 401 carrying a proxy’s headers was written by an intercepting proxy; a configured or intercepting proxy may strip or replace the `Authorization` header before the API sees it.',
    docs: [
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/407',
      'https://everything.curl.dev/usingcurl/proxies/auth.html',
    ],
    checklist: ['network-restrictions', 'credentials-present'],
  },
  check(_evidence, ctx) {
    const strong = status407(ctx) ?? proxy401(ctx);
    if (strong) return [strong];
    const hint = proxyHint(ctx);
    return hint ? [hint] : [];
  },
});

function status407(ctx: DiagnosisContext): RuleReport | undefined {
  const response = ctx.facts.responses.find(
    (r) => r.response.status === 407 || header(r.response.headers, 'proxy-authenticate') !== undefined,
  );
  const text: TextView | undefined = response
    ? undefined
    : scanTexts(ctx, { prose: false }).find((t) => t.status === 407 || PROXY_407.test(t.text));
  if (!response && !text) return undefined;
  const request = proxiedRequest(ctx);
  const proxy = request?.request.options.proxy;
  const challenge = response ? header(response.response.headers, 'proxy-authenticate')?.value : undefined;
  const scheme = challenge?.split(/\s/)[0];
  const usedU = request?.request.auth?.scheme === 'basic' && !request.request.options.proxyCredential;
  const detail = `${response ? `The ${response.response.status}` : 'The 407'} came from the proxy${proxy ? ` (${proxy})` : ''}, not from the API: it wants its own credentials${challenge ? ` (\`Proxy-Authenticate: ${challenge}\`)` : ''} before it forwards anything, so the API never saw your request.${usedU ? ' `-u`/`--user` authenticates to the API server, not the proxy; the proxy needs `--proxy-user` (`-U`).' : ''}`;
  const fix = [
    `Give the proxy its credentials: \`curl ${proxy ? `-x ${proxy} ` : '-x http://<PROXY_HOST>:<PORT> '}--proxy-user '<PROXY_USER>:<PROXY_PASSWORD>' …\`, or \`HTTPS_PROXY=http://<PROXY_USER>:<PROXY_PASSWORD>@<PROXY_HOST>:<PORT>\` for other clients.`,
    /ntlm|negotiate|kerberos/i.test(scheme ?? '')
      ? `The proxy asks for ${scheme}: use \`--proxy-ntlm\` / \`--proxy-negotiate\` (or \`--proxy-anyauth\`) with your domain account.`
      : 'If the proxy uses NTLM or Kerberos (Windows domains), add `--proxy-anyauth`.',
    'If the API should not go through the proxy at all, add its host to `NO_PROXY` (or `--noproxy <host>`).',
  ];
  return {
    confidence: 0.9,
    title: 'The proxy asks for its own credentials (407)',
    detail,
    evidence: [response ? `${response.pointer}` : text!.pointer],
    fix,
  };
}

function proxy401(ctx: DiagnosisContext): RuleReport | undefined {
  for (const view of ctx.facts.responses) {
    if (view.response.status !== 401 && view.response.status !== 403) continue;
    const named = productHeader(view.response.headers, view.response.body?.text);
    if (!named) continue;
    return {
      severity: 'warning',
      confidence: 0.65,
      title: 'The 401 came from a proxy, not the API',
      detail: `This ${view.response.status} carries ${named.what}, which is ${named.product}, an intercepting proxy: the proxy rejected the request (or stripped the credential) before the API saw it.`,
      evidence: [
        named.field ? `${view.pointer}.headers.${named.field.name.toLowerCase()}` : `${view.pointer}.body`,
      ],
      fix: [
        `Ask the team that runs ${named.product} to let the API host through (bypass or allowlist it) and to leave the Authorization header untouched.`,
        'Compare with a request from outside that network (a phone hotspot, a cloud shell): if it works there, the proxy is the cause.',
      ],
    };
  }
  return undefined;
}

function proxyHint(ctx: DiagnosisContext): RuleReport | undefined {
  if (!ctx.facts.saw401) return undefined;
  const request = proxiedRequest(ctx);
  const insecure = ctx.facts.requests.find((r) => r.request.options.insecure);
  const tls = scanTexts(ctx).find((t) => TLS_INTERCEPTION.test(t.text) || PROXY_ENV.test(t.text));
  if (!request && !tls && !insecure) return undefined;
  const reasons: string[] = [];
  const evidence: string[] = [];
  if (request) {
    const plain = request.request.url?.scheme === 'http';
    reasons.push(
      `the request goes through the proxy ${request.request.options.proxy}${plain ? ' over plain http, so the proxy sees every header and may drop or replace Authorization' : ''}`,
    );
    evidence.push(`${request.pointer}.options.proxy`);
  }
  if (insecure) {
    reasons.push('`-k`/`--insecure` is used, typical when a TLS-inspecting proxy re-signs certificates');
    evidence.push(`${insecure.pointer}.options.insecure`);
  }
  if (tls) {
    reasons.push('the paste mentions a proxy or certificate errors typical of TLS interception');
    evidence.push(tls.pointer);
  }
  return {
    severity: request?.request.url?.scheme === 'http' ? 'warning' : 'info',
    confidence: request?.request.url?.scheme === 'http' ? 0.4 : 0.3,
    title: 'A proxy may be in the way',
    detail: `A proxy is likely in the path: ${reasons.join('; ')}. An intercepting or misconfigured proxy can answer 401 itself or forward the request without the Authorization header.`,
    evidence,
    fix: [
      'Run the request with `curl -v` and check who answers: a `Proxy-Authenticate`, `Via` or `Server` header naming a proxy product means the proxy, not the API, replied.',
      'Try once from outside the corporate network, or with `--noproxy <api host>`, to see whether the 401 follows the proxy.',
    ],
  };
}

function proxiedRequest(ctx: DiagnosisContext): RequestView | undefined {
  return ctx.facts.requests.find((r) => r.request.options.proxy);
}

function productHeader(
  fields: readonly Field[],
  body: string | undefined,
): { product: string; what: string; field?: Field } | undefined {
  for (const field of fields) {
    const name = field.name.toLowerCase();
    if (PROXY_HEADERS.test(name)) return { product: productName(name), what: `\`${field.name}\``, field };
    if (name === 'server' || name === 'via' || name === 'x-cache' || name === 'proxy-connection') {
      const m = PROXY_PRODUCT.exec(field.value);
      if (m) return { product: titled(m[1]!), what: `\`${field.name}: ${field.value}\``, field };
    }
  }
  const html = body?.slice(0, 8192);
  if (html && /<html/i.test(html)) {
    const m = PROXY_PRODUCT.exec(html);
    if (m) return { product: titled(m[1]!), what: `an HTML page signed by ${titled(m[1]!)}` };
  }
  return undefined;
}

function productName(header: string): string {
  const m = /x-(squid|zscaler|bluecoat|netskope|forcepoint)/i.exec(header);
  const names: Record<string, string> = {
    squid: 'Squid',
    zscaler: 'Zscaler',
    bluecoat: 'Blue Coat',
    netskope: 'Netskope',
    forcepoint: 'Forcepoint',
  };
  return names[m?.[1]?.toLowerCase() ?? ''] ?? 'a proxy';
}

function titled(name: string): string {
  return name.replace(/\b[a-z]/g, (c) => c.toUpperCase());
}
