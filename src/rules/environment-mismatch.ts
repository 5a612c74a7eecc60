/**
 * Test and live are separate worlds: a sandbox credential is unknown to the production host and vice versa,
 * and the answer is a plain 401. Three signals name an environment — the credential (its format: `sk_test_`,
 * a user pack's `acme_live_…`), the host (the pack's host entry,
 * or labels such as `sandbox`, `staging`, `test` in the name), and configuration in the paste
 * (`'mode' => 'live'`, `environment: 'production'`, `sandbox: false`, `Environment.SANDBOX`), and what the
 * user says about the credential ("my Sandbox client id", "the token from our dev-1.oktapreview.com org").
 * When two of them disagree about the request that failed, that is the 401; the user's words alone make it
 * an error only together with a request the paste shows failing at a host a pack places in the other
 * environment. (A JWT's issuer environment is the jwt-issuer-environment rule's.)
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { TextView } from '../diagnose/facts.js';
import type { Credential, Evidence } from '../intake/evidence.js';
import { packForFormat } from '../providers/detect.js';
import type { ProviderPack } from '../providers/schema.js';
import { curlExample } from './helpers/fix.js';
import {
  environmentFromLabels,
  envWord,
  type HostEnvironment,
  hostEnvironment,
  isLocalHost,
  isProduction,
  packFormatOf,
  requestFor,
  resend,
  scanTexts,
  type Target,
  targets,
  withHost,
} from './helpers/hosts.js';
import { credentialStatements } from './helpers/stated-environment.js';
import type { RuleReport } from './types.js';
import { defineRule } from './types.js';

type Side = 'production' | 'nonproduction';

interface Stated {
  side: Side;
  env: string;
  /** The words as written, for the detail. */
  said: string;
  view: TextView;
  /**
   * `config`: a setting in code or configuration; `said`: the user's words about the credential ("my live
   * keys"); `host`: a host the user says the credential comes from or works on.
   */
  how: 'config' | 'said' | 'host';
  /** For `host`: the pack that tags that host; the statement speaks only about that provider's hosts. */
  pack?: ProviderPack;
}

/** `'mode' => 'live'`, `PAYPAL_MODE=sandbox`, `environment: "production"`, `env=prod`. */
const KEYED =
  /(?<![\w.])["']?((?:[a-z]{2,20}[_-])?(?:mode|env|environment|stage))["']?\s*(?:=>|:=|=|:)\s*["'`]?(live|production|prod|sandbox|test|testing|staging|stage|development|dev)\b["'`]?/gi;
/** `sandbox: false`, `'test_mode' => true`, `isSandbox = true`, `live_mode: true`. */
const FLAG =
  /(?<![\w.])["']?(sandbox|is[_-]?sandbox|use[_-]?sandbox|sandbox[_-]?mode|test[_-]?mode|is[_-]?test(?:[_-]?mode)?|use[_-]?test|live[_-]?mode|is[_-]?live|use[_-]?live|production|is[_-]?production|use[_-]?production|production[_-]?mode)["']?\s*(?:=>|:=|=|:)\s*["']?(true|false|1|0|yes|no|on|off)\b/gi;
/** SDK enums and constructors: `Environment.SANDBOX`, `SquareEnvironment.Production`, `new LiveEnvironment(`. */
const SDK_ENUM =
  /\b[A-Za-z]{0,30}Environment(?:\.|::)(SANDBOX|Sandbox|PRODUCTION|Production|LIVE|Live|TEST|Test|STAGING|Staging|DEVELOPMENT|Development)\b|\bnew (Sandbox|Live|Production)Environment\s*\(/g;
/** Application environments say where the app runs, not which API environment it calls. */
const APP_ENV_KEY =
  /^(?:node|rails|app|flask|aspnetcore|dotnet|rack|mix|django|laravel|symfony|spring|go|vite|next)[_-]/i;

export default defineRule({
  meta: {
    id: 'environment-mismatch',
    cause: 'wrong_environment',
    severity: 'error',
    title: 'Test and live (sandbox and production) are mixed',
    description:
      'The credential, the host and the configuration must all be for the same environment. A sandbox/test credential is unknown to the production host and a live credential to the sandbox host, and either way the API answers 401.',
    docs: [],
    checklist: ['right-credential', 'url'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const stated = statements(ctx);
    const done = new Set<string>();
    for (const target of targets(ctx, evidence.clientErrors, { text: true })) {
      if (done.has(target.host) || isLocalHost(target.host)) continue;
      const host = environmentOf(target.host, ctx);
      if (!host) continue;
      const hostSide = sideOf(host.environment);
      const r =
        credentialMismatch(evidence, ctx, target, host, hostSide) ??
        statedMismatch(ctx, target, host, hostSide, stated);
      if (r) {
        done.add(target.host);
        reports.push(r);
      }
    }
    return reports;
  },
});

/**
 * The host's environment: the pack's word when the pack tells its environments apart by host, else what the
 * host's labels say (`api.staging.acme.io` under a pack that lists only `*.acme.io`).
 */
function environmentOf(host: string, ctx: DiagnosisContext): HostEnvironment | undefined {
  const known = hostEnvironment(host, ctx.knowledge);
  if (known && meaningful(known)) return known;
  const environment = environmentFromLabels(host);
  return environment && !isProduction(environment) ? { environment, source: 'labels' } : undefined;
}

/** A host entry speaks for an environment only when its API has more than one (Stripe uses one host for both). */
function meaningful(host: HostEnvironment): boolean {
  if (host.source === 'labels') return true;
  const pack = host.match!.pack;
  return (
    pack.hosts.some((h) => !isProduction(h.environment)) &&
    pack.hosts.some((h) => isProduction(h.environment))
  );
}

function credentialMismatch(
  evidence: Evidence,
  ctx: DiagnosisContext,
  target: Target,
  host: HostEnvironment,
  hostSide: Side,
): RuleReport | undefined {
  const candidates = target.view ? target.view.credentials : evidence.credentials;
  for (const credential of candidates) {
    const env = credentialEnvironment(credential, ctx, host.match?.pack);
    if (!env || sideOf(env.environment) === hostSide) continue;
    // A host known only by its labels must still be the credential's own provider's (a Stripe key sent to
    // some company's staging server is not an environment mix-up).
    if (host.source === 'labels' && (hostSide === 'production' || !related(target.host, env))) continue;
    const counterpart = counterpartHost(target.host, host, sideOf(env.environment));
    const fixed = counterpart ? withHost(target.raw, target.host, counterpart.host) : undefined;
    return {
      confidence: 0.85,
      detail: `${env.what} (${credential.display}) is a ${envWord(env.environment)} credential, but ${target.host} is ${hostDescription(host)}. Each environment has its own credentials, so the ${envWord(host.environment)} host does not know this one.`,
      evidence: [credentialPointer(credential), target.pointer],
      fix: [
        fixed
          ? `To use this credential, call the ${envWord(env.environment)} host${counterpart!.guess ? ' (probably)' : ''}: ${fixed}`
          : `Call the ${envWord(env.environment)} host of this API with this credential.`,
        ...(fixed ? [curlExample(requestFor(target, fixed), resend(credential))] : []),
        `Or keep ${target.host} and use a ${envWord(host.environment)} credential from the same dashboard section.`,
      ],
    };
  }
  return undefined;
}

function statedMismatch(
  ctx: DiagnosisContext,
  target: Target,
  host: HostEnvironment,
  hostSide: Side,
  all: readonly Stated[],
): RuleReport | undefined {
  // A host the user names speaks only about its own provider's hosts.
  const stated = all.filter((s) => !s.pack || s.pack.id === host.match?.pack.id);
  // Prefer a setting over the user's words; a paste that states both environments is not a clear conflict.
  const conflicting =
    stated.find((s) => s.side !== hostSide && s.how === 'config') ??
    stated.find((s) => s.side !== hostSide && s.how === 'host') ??
    stated.find((s) => s.side !== hostSide);
  if (!conflicting || stated.some((s) => s.side === hostSide)) return undefined;
  const failed =
    target.status === 401 ||
    target.status === 403 ||
    (target.status === undefined &&
      (ctx.facts.saw401 || ctx.facts.answers.some((a) => a.kind === 'error_body')));
  const counterpart = counterpartHost(target.host, host, conflicting.side);
  const fixed = counterpart ? withHost(target.raw, target.host, counterpart.host) : undefined;
  const config = conflicting.how === 'config';
  // The user's words decide only together with a request (or a client's log of it) that the paste shows
  // failing against a host some pack places in the other environment.
  const shown = !target.pointer.startsWith('prose');
  const firm = config || (shown && host.source === 'pack');
  const want = capitalize(envWord(conflicting.env));
  const have = envWord(host.environment);
  const where = fixed ? ` (${counterpart!.guess ? 'probably ' : ''}${fixed})` : '';
  const statement =
    conflicting.how === 'host'
      ? `you say the credential comes from or works on \`${conflicting.said}\`, a ${envWord(conflicting.env)} host of ${conflicting.pack?.name ?? 'this API'}`
      : `${config ? 'the configuration says' : 'you say'} \`${conflicting.said}\` (${envWord(conflicting.env)})`;
  return {
    severity: failed && firm ? 'error' : 'warning',
    confidence: failed ? (config ? 0.75 : firm ? 0.7 : 0.5) : 0.4,
    detail: `The request went to ${target.host}, ${hostDescription(host)}, but ${statement}. ${want} credentials are not valid on the ${have} host${config ? '; often the setting is defined but not passed to the client that makes this call, which then falls back to its default environment' : ''}.`,
    evidence: [target.pointer, conflicting.view.pointer],
    fix: [
      config
        ? `Make the setting reach the client that makes this call (pass the configured context/client object to every call), so the request goes to the ${envWord(conflicting.env)} host${where}.`
        : `Call the ${envWord(conflicting.env)} host with ${envWord(conflicting.env)} credentials${where}.`,
      config
        ? `Or, if ${have} is what you want, use ${have} credentials and switch the setting too.`
        : `Or, if ${have} is what you want, use credentials created in the ${have} environment (its own dashboard, org or app).`,
    ],
  };
}

function credentialEnvironment(
  credential: Credential,
  ctx: DiagnosisContext,
  hostPack: ProviderPack | undefined,
): { environment: string; what: string; provider?: string; pack?: ProviderPack } | undefined {
  const format = credential.format;
  if (format?.environment) {
    const owner = packForFormat(ctx.knowledge, format.id, format.provider);
    // Another provider's key at this host is a different problem (another rule's).
    if (hostPack && owner && owner.id !== hostPack.id) return undefined;
    return {
      environment: format.environment,
      what: `The ${format.name}`,
      provider: format.provider,
      ...(owner ? { pack: owner } : {}),
    };
  }
  // User packs' own formats, when nothing upstream named the credential yet.
  const own = packFormatOf(credential, hostPack ? [hostPack] : ctx.knowledge.packs);
  if (own?.format.environment)
    return {
      environment: own.format.environment,
      what: `The ${own.format.name}`,
      provider: own.pack.id,
      pack: own.pack,
    };
  return undefined;
}

function statements(ctx: DiagnosisContext): Stated[] {
  const out: Stated[] = [];
  for (const view of scanTexts(ctx)) {
    for (const m of view.text.matchAll(KEYED)) {
      if (APP_ENV_KEY.test(m[1]!)) continue;
      push(out, m[2]!, m[0], view, 'config');
    }
    for (const m of view.text.matchAll(FLAG)) {
      const on = /^(?:true|1|yes|on)$/i.test(m[2]!);
      const sandboxKey = /sandbox|test/i.test(m[1]!);
      push(out, sandboxKey === on ? 'sandbox' : 'production', m[0], view, 'config');
    }
    for (const m of view.text.matchAll(SDK_ENUM)) push(out, (m[1] ?? m[2])!, m[0], view, 'config');
  }
  for (const s of credentialStatements(ctx)) {
    out.push({
      side: sideOf(s.environment),
      env: s.environment,
      said: s.said,
      view: s.view,
      how: s.via === 'host' ? 'host' : 'said',
      ...(s.pack ? { pack: s.pack } : {}),
    });
  }
  return out;
}

function push(out: Stated[], word: string, said: string, view: TextView, how: Stated['how']): void {
  const env = normalizeEnv(word);
  if (!env) return;
  out.push({ side: sideOf(env), env, said: said.trim().replace(/\s+/g, ' '), view, how });
}

function normalizeEnv(word: string): string | undefined {
  const w = word.toLowerCase();
  if (w === 'live' || w === 'production' || w === 'prod') return 'production';
  if (w === 'sandbox') return 'sandbox';
  if (w === 'test' || w === 'testing') return 'test';
  if (w === 'staging' || w === 'stage') return 'staging';
  if (w === 'development' || w === 'dev') return 'development';
  return undefined;
}

function sideOf(env: string): Side {
  return isProduction(env) ? 'production' : 'nonproduction';
}

function hostDescription(host: HostEnvironment): string {
  const env = envWord(host.environment);
  return host.source === 'pack' ? `a ${env} host of ${host.match!.pack.name}` : `a ${env} host by its name`;
}

/** The same API's host for the other environment: from the pack, else by removing the environment label. */
function counterpartHost(
  host: string,
  env: HostEnvironment,
  want: Side,
): { host: string; guess: boolean } | undefined {
  if (env.source === 'pack') {
    const hosts = env.match!.pack.hosts.filter((h) => sideOf(h.environment) === want && !h.region);
    const other = hosts.find((h) => !h.host.startsWith('*.'));
    if (other) return { host: other.host, guess: false };
    // Tenant hosts (`acme.okta.com` / `acme.oktapreview.com`): the same tenant label under the other suffix.
    const own = env.match!.host.host;
    const wildcard = hosts.find((h) => h.host.startsWith('*.'));
    if (!own.startsWith('*.') || !wildcard) return undefined;
    const tenant = host.slice(0, host.length - (own.length - 1));
    return tenant ? { host: `${tenant}.${wildcard.host.slice(2)}`, guess: true } : undefined;
  }
  if (want !== 'production') return undefined;
  const labels = host.split('.');
  const i = labels.findIndex(
    (l, k) => k > 0 && k < labels.length - 2 && environmentFromLabels(`${l}.x`) !== undefined,
  );
  let guess: string | undefined;
  if (i > 0) guess = [...labels.slice(0, i), ...labels.slice(i + 1)].join('.');
  else {
    const stripped = labels.map((l, k) =>
      k === labels.length - 1
        ? l
        : l.replace(/-(?:sandbox|staging|stage|stg|test|dev|uat|qa)$|sandbox$/i, ''),
    );
    const joined = stripped.join('.');
    if (joined !== host && stripped.every((l) => l.length > 0)) guess = joined;
  }
  return guess && guess.split('.').length >= 2 ? { host: guess, guess: true } : undefined;
}

function related(host: string, env: { provider?: string; pack?: ProviderPack }): boolean {
  const domain = host.split('.').slice(-2).join('.');
  if (env.pack?.hosts.some((h) => h.host.replace(/^\*\./, '').split('.').slice(-2).join('.') === domain))
    return true;
  const name = env.provider?.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (
    name !== undefined &&
    name.length >= 3 &&
    host
      .replace(/[^a-z0-9.]/g, '')
      .split('.')
      .some((l) => l.includes(name))
  );
}

function credentialPointer(credential: Credential): string {
  return credential.where[0]?.pointer ?? `credentials.${credential.id}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
