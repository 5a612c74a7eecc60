/**
 * The host is almost, but not quite, a known API host: a slip of one or two characters (`api.githbu.com`,
 * `api.stripe.co`), a wrong top-level domain, or the website's domain instead of the API's (`stripe.com` for
 * `api.stripe.com`). Known hosts come from the provider packs in force, user packs included. A typo host
 * that answers at all is someone else's server, which has now seen the credential.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { Credential } from '../intake/evidence.js';
import { packForFormat } from '../providers/detect.js';
import type { ProviderKnowledge } from '../providers/knowledge.js';
import type { ProviderPack } from '../providers/schema.js';
import { editDistance } from './helpers/edit-distance.js';
import { curlExample } from './helpers/fix.js';
import {
  isLocalHost,
  packFormatOf,
  requestFor,
  resend,
  scanTexts,
  type Target,
  targets,
  withHost,
} from './helpers/hosts.js';
import type { RuleReport } from './types.js';
import { defineRule } from './types.js';

interface KnownHost {
  host: string;
  pack: ProviderPack;
  /** For `*.googleapis.com`: the suffix `googleapis.com`, compared with the same number of trailing labels. */
  wildcard: boolean;
}

interface Candidate {
  known: KnownHost;
  corrected: string;
  kind: 'typo' | 'tld' | 'website';
  distance: number;
}

const DNS_FAILURE =
  /\bENOTFOUND\b|Could not resolve host|getaddrinfo|Name or service not known|nodename nor servname|NXDOMAIN|No such host is known|UnknownHostException|Temporary failure in name resolution|ERR_NAME_NOT_RESOLVED|no such host\b/i;

const index = new WeakMap<ProviderKnowledge, KnownHost[]>();

function knownHosts(knowledge: ProviderKnowledge): KnownHost[] {
  let list = index.get(knowledge);
  if (!list) {
    list = knowledge.packs.flatMap((pack) =>
      pack.hosts.map((h) =>
        h.host.startsWith('*.')
          ? { host: h.host.slice(2), pack, wildcard: true }
          : { host: h.host, pack, wildcard: false },
      ),
    );
    index.set(knowledge, list);
  }
  return list;
}

export default defineRule({
  meta: {
    id: 'host-typo',
    cause: 'wrong_url_or_endpoint',
    severity: 'warning',
    title: 'The host looks like a mistyped API host',
    description:
      'The request goes to a host that differs from a known API host by one or two characters, by its top-level domain, or is the website domain instead of the API domain. Whatever answers there is not the API, so its 401 says nothing about the credential — and if anything answered, the credential was sent to a stranger.',
    docs: ['https://owasp.org/www-community/attacks/Typosquatting'],
    checklist: ['url', 'dns'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const done = new Set<string>();
    const dns = scanTexts(ctx).find((t) => DNS_FAILURE.test(t.text));
    for (const target of targets(ctx, evidence.clientErrors, { text: true })) {
      if (done.has(target.host) || isLocalHost(target.host) || ctx.knowledge.matchHost(target.host)) continue;
      const candidate = nearestCached(target.host, ctx.knowledge);
      if (!candidate) continue;
      const r = report(target, candidate, ctx, dns?.pointer);
      // Two slips without anything else pointing at that provider is as likely another company's real host.
      if (candidate.kind === 'typo' && candidate.distance === 2 && r.severity !== 'error') continue;
      done.add(target.host);
      reports.push(r);
    }
    return reports;
  },
});

/** Answers per knowledge, bounded: the same hosts come back paste after paste, and the search is pure. */
const answers = new WeakMap<ProviderKnowledge, Map<string, Candidate | null>>();
const MAX_REMEMBERED = 10_000;

function nearestCached(host: string, knowledge: ProviderKnowledge): Candidate | undefined {
  let memo = answers.get(knowledge);
  if (!memo) {
    memo = new Map();
    answers.set(knowledge, memo);
  }
  const known = memo.get(host);
  if (known !== undefined) return known ?? undefined;
  const found = nearest(host, knownHosts(knowledge));
  if (memo.size >= MAX_REMEMBERED) memo.clear();
  memo.set(host, found ?? null);
  return found;
}

function nearest(host: string, known: readonly KnownHost[]): Candidate | undefined {
  let best: Candidate | undefined;
  const labels = host.split('.');
  for (const k of known) {
    let candidate: Candidate | undefined;
    if (k.wildcard) {
      // Compare the registrable tail (`googelapis.com`) and keep the user's own subdomain.
      const n = k.host.split('.').length;
      if (labels.length <= n) continue;
      const tail = labels.slice(-n).join('.');
      const d = editDistance(tail, k.host, allowed(k.host));
      if (d >= 1 && d <= allowed(k.host))
        candidate = {
          known: k,
          corrected: [...labels.slice(0, -n), k.host].join('.'),
          kind: 'typo',
          distance: d,
        };
    } else if (sameButTld(host, k.host)) {
      candidate = { known: k, corrected: k.host, kind: 'tld', distance: 1 };
    } else {
      const d = editDistance(host, k.host, allowed(k.host));
      // `api2.` or `us3.` beside `api.`: numbered siblings are real hosts of the same provider, not slips.
      if (d >= 1 && d <= allowed(k.host) && host.replace(/\d/g, '') === k.host.replace(/\d/g, '')) continue;
      if (d >= 1 && d <= allowed(k.host))
        candidate = { known: k, corrected: k.host, kind: 'typo', distance: d };
      else if (k.host === `api.${host.replace(/^www\./, '')}`)
        candidate = { known: k, corrected: k.host, kind: 'website', distance: 4 };
    }
    if (candidate && (!best || candidate.distance < best.distance)) best = candidate;
  }
  return best;
}

/** Short hosts tolerate no slip at all (too many real hosts are one letter apart); long ones two. */
function allowed(host: string): number {
  return host.length >= 12 ? 2 : host.length >= 7 ? 1 : 0;
}

function sameButTld(a: string, b: string): boolean {
  const la = a.split('.');
  const lb = b.split('.');
  // Only for hosts with a subdomain: `github.io` is a different, real site, `api.github.io` is not.
  return la.length >= 3 && la.length === lb.length && la.slice(0, -1).join('.') === lb.slice(0, -1).join('.');
}

function report(
  target: Target,
  c: Candidate,
  ctx: DiagnosisContext,
  dnsPointer: string | undefined,
): RuleReport {
  const credential = target.view?.credentials[0];
  const pack = c.known.pack;
  const ownedCredential = credential && belongsTo(credential, pack, ctx.knowledge);
  const detected = ctx.provider?.pack.id === pack.id && ctx.provider.via.some((v) => v !== 'mention');
  const corroborated = ownedCredential || dnsPointer !== undefined || detected;
  const fixed = withHost(target.raw, target.host, c.corrected);
  const how =
    c.kind === 'typo'
      ? `is ${c.distance === 1 ? 'one character' : 'two characters'} away from ${pack.name}'s host \`${c.corrected}\``
      : c.kind === 'tld'
        ? `has the wrong top-level domain for ${pack.name} (\`${c.corrected}\`)`
        : `is the website's domain; ${pack.name} is served from \`${c.corrected}\``;
  const why = [
    ownedCredential ? `the credential (${credential!.display}) is a ${pack.name} credential` : undefined,
    dnsPointer ? 'the host does not resolve' : undefined,
  ].filter(Boolean);
  const answered = target.status !== undefined && !dnsPointer;
  const fix = [`Use ${fixed}`, curlExample(requestFor(target, fixed), resend(credential))];
  if (answered && credential && c.kind !== 'website')
    fix.push(
      `Something at ${target.host} answered and received ${credential.display}: revoke it and create a new one.`,
    );
  fix.push(
    'Fix the base URL where it is configured (environment variable, SDK option, config file), not only here.',
  );
  return {
    severity: corroborated ? 'error' : 'warning',
    confidence: corroborated ? 0.85 : c.kind === 'website' ? 0.6 : 0.55,
    title: c.kind === 'website' ? 'The request goes to the website, not the API host' : undefined,
    detail: `\`${target.host}\` ${how}${why.length ? `, and ${why.join(' and ')}` : ''}. The request never reached the API.`,
    evidence: [target.pointer, ...(dnsPointer ? [dnsPointer] : [])],
    fix,
    docs: pack.docs[0] ? [pack.docs[0].url] : [],
  };
}

function belongsTo(credential: Credential, pack: ProviderPack, knowledge: ProviderKnowledge): boolean {
  const format = credential.format ?? credential.lookalike;
  if (format) return packForFormat(knowledge, format.id, format.provider)?.id === pack.id;
  return packFormatOf(credential, [pack]) !== undefined;
}
