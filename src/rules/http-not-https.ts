/**
 * `http://` where the API only speaks https. The API either refuses plain http outright or answers with a
 * redirect to https; a client that follows it strips the Authorization header on the scheme change (curl
 * since 7.83, browsers, most libraries) and turns a POST into a GET on 301/302, so the request that reaches
 * the https URL is unauthenticated. The cause is the URL: call https directly.
 */
import { exchangePrefix as prefix } from '../diagnose/facts.js';
import type { Evidence, Exchange } from '../intake/evidence.js';
import { curlExample } from './helpers/fix.js';
import {
  chainEnd,
  isLocalHost,
  redirectLinks,
  requestFor,
  resend,
  type Target,
  targets,
  withHttps,
} from './helpers/hosts.js';
import type { RuleReport } from './types.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    id: 'http-not-https',
    cause: 'wrong_url_or_endpoint',
    severity: 'error',
    title: 'The request uses http:// instead of https://',
    description:
      'The URL starts with `http://` but the API is served over https. The server refuses plain http or redirects it to https; following that redirect, clients drop the `Authorization` header (and turn POST into GET), so what arrives is unauthenticated. Use the `https://` URL.',
    docs: [
      'https://everything.curl.dev/http/redirects.html',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Redirections#permanent_redirections',
    ],
    checklist: ['url'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const seenHosts = new Set<string>();

    // What the paste shows: an http URL answered with a redirect to https.
    for (const link of redirectLinks(evidence.exchanges)) {
      if (
        !link.fromUrl?.toLowerCase().startsWith('http://') ||
        !link.toUrl.toLowerCase().startsWith('https://')
      )
        continue;
      const from = evidence.exchanges[link.fromIndex]!;
      const host = from.request?.url?.host?.toLowerCase();
      if (!host || seenHosts.has(host) || assumedScheme(evidence, from)) continue;
      const end = evidence.exchanges[chainEnd(evidence.exchanges, link.toIndex)]!;
      const finalStatus = end.response?.status;
      if (finalStatus !== undefined && finalStatus < 400) continue;
      if (finalStatus === undefined && !ctx.facts.saw401) continue;
      seenHosts.add(host);
      const view = ctx.facts.requests.find((v) => v.exchange === from);
      const credential = view?.credentials[0];
      const https = link.toUrl;
      const methodChanged = from.request?.method === 'POST' && [301, 302, 303].includes(link.status);
      const lost = credentialLost(evidence, link.fromIndex, link.toIndex, credential?.id);
      // The credential went along and the POST stayed a POST: the 401 is not the redirect's doing.
      const harmless = lost === false && !methodChanged;
      const followed = [
        credential && lost !== false ? `the client did not re-send ${credential.display}` : undefined,
        credential && lost === false ? `the client re-sent ${credential.display}` : undefined,
        methodChanged ? 'the POST became a GET (the body was dropped)' : undefined,
      ].filter(Boolean);
      reports.push({
        severity: harmless ? 'warning' : 'error',
        confidence: harmless ? 0.35 : 0.85,
        detail: `${link.fromUrl} is plain http; the server answered ${link.status} with \`Location: ${link.location}\`.${followed.length ? ` Following it, ${followed.join(' and ')}.` : ''}${finalStatus ? ` The https request got ${finalStatus}.` : ''}${harmless ? ' The credential did reach the https URL, so look for the 401’s cause elsewhere; still, call https directly.' : ''}`,
        evidence: [
          `${prefix(link.fromIndex)}request.url`,
          `${prefix(link.fromIndex)}response.headers.location`,
        ],
        fix: [
          `Use the https URL from the start: ${https}`,
          curlExample(
            from.request && { ...from.request, url: { ...from.request.url!, raw: https } },
            resend(credential),
          ),
          'Change the base URL in your configuration or environment variable as well, not just in this command.',
        ],
      });
    }

    // No trace: an http URL to a host whose pack says the API is https-only.
    for (const target of targets(ctx, evidence.clientErrors)) {
      if (target.scheme !== 'http' || isLocalHost(target.host) || seenHosts.has(target.host)) continue;
      if (target.view && assumedScheme(evidence, target.view.exchange)) continue;
      const match = ctx.knowledge.matchHost(target.host);
      if (!match?.pack.requiresHttps) continue;
      seenHosts.add(target.host);
      reports.push(packReport(target, match.pack.name, ctx.facts.saw401));
    }
    return reports;
  },
});

function packReport(target: Target, api: string, saw401: boolean): RuleReport {
  const https = withHttps(target.raw);
  const request = target.view?.request;
  const follows = request?.options.followRedirects === true && !request.options.locationTrusted;
  const credential = target.view?.credentials[0];
  return {
    severity: saw401 ? 'error' : 'warning',
    confidence: saw401 ? 0.8 : 0.6,
    detail: `${target.raw} uses plain http, but ${api} only serves its API over https (${target.host} redirects or refuses http).${follows ? ' With `-L` and no `--location-trusted`, curl follows the redirect to https and leaves the Authorization header and cookies behind.' : ''}${credential ? ` ${credential.display} went over an unencrypted connection: consider rotating it.` : ''}`,
    evidence: [target.pointer],
    fix: [`Use ${https}`, curlExample(requestFor(target, https), resend(credential))],
  };
}

/**
 * Whether the credential sent before the redirect is missing after it: true or false when the next request is
 * shown, undefined when only the response is (`curl -iL`), where curl's rules say it was dropped unless
 * `--location-trusted` was given.
 */
function credentialLost(
  evidence: Evidence,
  fromIndex: number,
  toIndex: number,
  credential: string | undefined,
): boolean | undefined {
  if (!credential) return undefined;
  const to = evidence.exchanges[toIndex]!;
  if (!to.request) {
    const options = evidence.exchanges[fromIndex]!.request?.options;
    return options?.locationTrusted ? false : undefined;
  }
  return !evidence.credentials.some((c) => c.id === credential && c.where.some((w) => w.exchange === to.id));
}

/** The paste never said http or https for a raw HTTP message; intake guessed, so no claim rests on it. */
function assumedScheme(evidence: Evidence, exchange: Exchange): boolean {
  return evidence.notes.some((n) => n.code === 'http_message.scheme_assumed' && n.line === exchange.line);
}
