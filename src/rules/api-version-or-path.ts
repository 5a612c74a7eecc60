/**
 * The host is right but the path is not: an endpoint the provider shut down or deprecated (pack `endpoints`),
 * a path outside the API's base path on that host (`api.openai.com/completions` without `/v1`), a version
 * segment written twice (`/v1/v1/`), or a server that says the API version is legacy or sunset. Many gateways
 * authenticate before they route, so a wrong or retired path comes back as 401/403 rather than 404.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { header } from '../diagnose/facts.js';
import { CAUSES } from '../diagnose/taxonomy.js';
import { curlExample } from './helpers/fix.js';
import { requestFor, resend, scanTexts, type Target, targets, withPath } from './helpers/hosts.js';
import type { RuleReport } from './types.js';
import { defineRule } from './types.js';

const VERSION = /^(?:v\d{1,3}(?:\.\d{1,3})?(?:beta\d*|alpha\d*)?|\d{4}-\d{2}(?:-\d{2})?)$/i;
/** Servers and docs announcing that an endpoint or API version is gone or going. */
const RETIRED = [
  /\bmigrate (?:from|off|away from) (?:the )?(?:legacy|deprecated|old)\b[^.\n]{0,80}/i,
  /\blegacy (?:HTTP |REST |server )?(?:API|APIs|endpoint|endpoints|protocol)\b[^.\n]{0,30}\b(?:deprecated|removed|retired|discontinued|shut ?down|turned (?:off|down)|disabled|no longer)\b[^.\n]{0,60}/i,
  /\b(?:this |the )?(?:endpoint|API version|version of (?:the|this) API|API)\b[^.\n]{0,40}\b(?:has been|was|is) (?:deprecated and (?:removed|disabled)|removed|retired|discontinued|shut ?down|sunset|decommissioned)\b[^.\n]{0,60}/i,
  /\b(?:endpoint|API version|API)\b[^.\n]{0,40}\bis no longer (?:available|supported|in service)\b[^.\n]{0,60}/i,
];

export default defineRule({
  meta: {
    id: 'api-version-or-path',
    cause: 'wrong_url_or_endpoint',
    // A pack's endpoint notice may name any cause (a retired endpoint that needs another token type…).
    otherCauses: CAUSES.filter((c) => c !== 'wrong_url_or_endpoint'),
    severity: 'warning',
    title: 'The API path or version is wrong or retired',
    description:
      'The request reaches the right host but not a live endpoint: the path misses (or doubles) the version segment the API lives under, or the endpoint was deprecated or shut down. Gateways that authenticate before routing answer such requests with 401/403 instead of 404.',
    docs: ['https://www.rfc-editor.org/rfc/rfc8594', 'https://www.rfc-editor.org/rfc/rfc9745'],
    checklist: ['url', 'provider-docs'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const done = new Set<string>();
    for (const target of targets(ctx, evidence.clientErrors)) {
      const key = `${target.host}${target.path}`;
      if (done.has(key)) continue;
      const r = notice(target, ctx) ?? basePath(target, ctx) ?? doubled(target);
      if (r) {
        done.add(key);
        reports.push(r);
      }
    }
    const sunset = sunsetHeader(ctx);
    if (sunset) reports.push(sunset);
    if (reports.length === 0 && ctx.facts.saw401) {
      const retired = retiredText(ctx);
      if (retired) reports.push(retired);
    }
    return reports;
  },
});

function notice(target: Target, ctx: DiagnosisContext): RuleReport | undefined {
  const pack = ctx.knowledge.matchHost(target.host)?.pack;
  if (!pack) return undefined;
  const hit = pack.endpoints.find(
    (e) => (!e.host || e.host.toLowerCase() === target.host) && e.path.test(target.path),
  );
  if (!hit) return undefined;
  const removed = hit.status === 'removed';
  return {
    cause: hit.cause,
    severity: removed ? 'error' : 'warning',
    confidence: removed ? 0.85 : 0.55,
    title: removed
      ? `${pack.name}: this endpoint was shut down`
      : `${pack.name}: this endpoint is deprecated`,
    detail: `${target.raw} is ${removed ? 'a removed' : 'a deprecated'} ${pack.name} endpoint: ${hit.message}`,
    evidence: [target.pointer],
    fix: hit.fix,
    docs: hit.docs,
  };
}

function basePath(target: Target, ctx: DiagnosisContext): RuleReport | undefined {
  const match = ctx.knowledge.matchHost(target.host);
  const base = match?.host.basePath?.replace(/(?<!\/)\/+$/, '');
  if (!match || !base || target.path === '/' || target.path === '') return undefined;
  if (target.path === base || target.path.startsWith(`${base}/`)) return undefined;
  const segments = target.path.split('/').filter(Boolean);
  const baseSegments = base.split('/').filter(Boolean);
  const first = segments[0] ?? '';
  let corrected: string;
  let what: string;
  const at = target.path.indexOf(`${base}/`);
  if (at > 0) {
    corrected = target.path.slice(at);
    what = `has \`${target.path.slice(0, at)}\` before the API's base path \`${base}\``;
  } else if (VERSION.test(first) && baseSegments.some((s) => VERSION.test(s))) {
    corrected = `${base}/${segments.slice(1).join('/')}`;
    what = `uses version \`/${first}\` where ${match.pack.name} serves \`${base}\``;
  } else {
    corrected = `${base}${target.path.startsWith('/') ? '' : '/'}${target.path}`;
    what = `is missing the API's base path \`${base}\``;
  }
  const url = withPath(target.raw, target.path, corrected);
  return {
    confidence: 0.6,
    detail: `The path \`${target.path}\` ${what} on ${target.host}. A request outside it does not reach a ${match.pack.name} endpoint (gateways that check credentials first answer 401/403 instead of 404).`,
    evidence: [target.pointer],
    fix: [`Use ${url}`, curlExample(requestFor(target, url), resend(target.view?.credentials[0]))],
  };
}

function doubled(target: Target): RuleReport | undefined {
  const segments = target.path.split('/');
  for (let i = 1; i + 1 < segments.length; i++) {
    const a = segments[i]!;
    const b = segments[i + 1]!;
    const same =
      a !== '' && a.toLowerCase() === b.toLowerCase() && (VERSION.test(a) || a.toLowerCase() === 'api');
    const twoVersions = VERSION.test(a) && VERSION.test(b) && /^v/i.test(a) && /^v/i.test(b);
    if (!same && !twoVersions) continue;
    const fixedPath = [...segments.slice(0, i + 1), ...segments.slice(i + 2)].join('/');
    const url = withPath(
      target.raw,
      target.path,
      same ? fixedPath : [...segments.slice(0, i), ...segments.slice(i + 1)].join('/'),
    );
    return {
      confidence: 0.55,
      detail: same
        ? `The path \`${target.path}\` has \`/${a}\` twice: the base URL already ends in \`/${a}\` and the path adds it again.`
        : `The path \`${target.path}\` has two version segments (\`/${a}/${b}\`): the base URL and the path each add one.`,
      evidence: [target.pointer],
      fix: [
        same ? `Use ${url}` : `Keep one version segment, e.g. ${url}`,
        'Configure the base URL without the version (or the paths without it), not both.',
      ],
    };
  }
  return undefined;
}

function sunsetHeader(ctx: DiagnosisContext): RuleReport | undefined {
  for (const view of ctx.facts.responses) {
    if (view.response.status < 400) continue;
    const sunset = header(view.response.headers, 'sunset');
    const deprecation = header(view.response.headers, 'deprecation');
    if (!sunset && !deprecation) continue;
    const when = sunset ? Date.parse(sunset.value) : Number.NaN;
    const past = Number.isFinite(when) && when + ctx.clock.uncertaintyMs < ctx.clock.now;
    const link = header(view.response.headers, 'link')?.value;
    const successor =
      link && /rel="?(?:successor-version|deprecation|alternate)"?/i.test(link) ? link : undefined;
    const url = view.exchange.request?.url?.raw;
    return {
      confidence: past ? 0.65 : 0.45,
      detail: `The server marks ${url ?? 'this endpoint'} as ${past ? 'past its sunset date' : 'deprecated'}: ${[sunset && `\`Sunset: ${sunset.value}\``, deprecation && `\`Deprecation: ${deprecation.value}\``].filter(Boolean).join(', ')}.${past ? ' A retired endpoint or API version often answers 401/403 to every request.' : ''}`,
      evidence: [`${view.pointer}.headers.${sunset ? 'sunset' : 'deprecation'}`],
      fix: [
        successor
          ? `Move to the successor the server names: \`Link: ${successor}\`.`
          : "Move to the endpoint or API version that replaces it (see the provider's changelog or migration guide).",
      ],
    };
  }
  return undefined;
}

function retiredText(ctx: DiagnosisContext): RuleReport | undefined {
  for (const view of scanTexts(ctx)) {
    for (const pattern of RETIRED) {
      const m = pattern.exec(view.text);
      if (!m) continue;
      const words = m[0].replace(/\s+/g, ' ').trim();
      const link =
        /https?:\/\/[^\s"'<>)]{1,300}(?:migrat|deprecat|sunset|upgrade|v\d)[^\s"'<>)]{0,200}/i.exec(
          view.text,
        )?.[0];
      return {
        confidence: view.kind === 'prose' ? 0.5 : 0.6,
        title: 'The endpoint or API version is retired',
        detail: `${view.kind === 'prose' ? 'The paste says' : 'The server says'} “${words}”. A retired API or endpoint rejects every credential, including valid ones, so the 401 will not go away by changing the key.`,
        evidence: [view.pointer],
        fix: [
          link
            ? `Follow the migration guide: ${link}`
            : "Follow the provider's migration guide to the current API version or endpoint.",
          'Expect the new API to need a different credential type as well (e.g. OAuth 2.0 access tokens instead of a legacy server key).',
        ],
      };
    }
  }
  return undefined;
}
