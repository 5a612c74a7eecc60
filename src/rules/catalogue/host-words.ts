/**
 * The user's words about an environment or a region, held against the hosts the paste's requests go to:
 * "the sandbox token" sent to a production host, or "our EU region" while the request goes to the default
 * host, contradicts; words that name exactly where the request goes say nothing new.
 */
import type { DiagnosisContext } from '../../diagnose/context.js';
import type { Evidence } from '../../intake/evidence.js';
import { envWord, hostEnvironment, isProduction, targets } from '../helpers/hosts.js';

export interface HostComparison {
  /** The request goes where the words say. */
  agrees: boolean;
  /** The request goes somewhere else: the words explain the failure. */
  contradicts: boolean;
  note?: string;
  pointer?: string;
}

/** The hosts a paste calls: its requests, and URLs in client errors and log lines. */
export function calledHosts(ctx: DiagnosisContext, evidence: Evidence): Host[] {
  const seen = new Set<string>();
  const hosts: Host[] = [];
  for (const t of targets(ctx, evidence.clientErrors, { text: true })) {
    const host = t.host.toLowerCase();
    if (seen.has(host)) continue;
    seen.add(host);
    hosts.push({ host, pointer: t.pointer });
  }
  return hosts;
}

export function hostAgainst(
  kind: 'host-environment' | 'host-region',
  groups: Record<string, string> | undefined,
  hosts: readonly Host[],
  ctx: DiagnosisContext,
): HostComparison | undefined {
  if (kind === 'host-region') return byRegion(groups?.region, hosts);
  return byEnvironment(groups?.env, hosts, ctx);
}

export type Host = { host: string; pointer: string };

const NOT_PRODUCTION =
  /^(?:sandbox|test|testnet|test[ -]?mode|test environment|developer sandbox|dev|development|staging|teste|prueba)$/i;
const PRODUCTION = /^(?:live|live mode|production|prod|produ[cç][aã]o|producci[oó]n|produktion|produzione)$/i;

function byEnvironment(
  word: string | undefined,
  hosts: readonly Host[],
  ctx: DiagnosisContext,
): HostComparison | undefined {
  if (!word) return undefined;
  const saysProduction = PRODUCTION.test(word.trim());
  if (!saysProduction && !NOT_PRODUCTION.test(word.trim())) return undefined;
  for (const { host, pointer } of hosts) {
    const env = hostEnvironment(host, ctx.knowledge)?.environment;
    if (!env) continue;
    if (isProduction(env) === saysProduction) return { agrees: true, contradicts: false };
    return {
      agrees: false,
      contradicts: true,
      pointer,
      note: `The request goes to ${host}, a ${envWord(env)} host, while your words say the credential is a ${saysProduction ? 'production' : 'sandbox/test'} one.`,
    };
  }
  return undefined;
}

/** Region words and host labels, each mapped to the regions it names (Ireland is in the EU). */
const REGION_OF: Record<string, string[]> = {
  eu: ['eu'],
  eu1: ['eu'],
  eu2: ['eu'],
  emea: ['eu'],
  europe: ['eu'],
  european: ['eu'],
  frankfurt: ['eu', 'de'],
  de: ['eu', 'de'],
  ie: ['eu', 'ie'],
  ie1: ['eu', 'ie'],
  ireland: ['eu', 'ie'],
  dublin: ['eu', 'ie'],
  uk: ['uk'],
  london: ['uk'],
  us: ['us'],
  us1: ['us'],
  us2: ['us'],
  us3: ['us'],
  us5: ['us'],
  au: ['au'],
  au1: ['au'],
  sydney: ['au'],
  australia: ['au'],
  ap1: ['ap'],
  apac: ['ap'],
  singapore: ['ap'],
  sg: ['ap'],
  jp: ['jp'],
  japan: ['jp'],
  tokyo: ['jp'],
  in: ['in'],
  india: ['in'],
  mumbai: ['in'],
  ca: ['ca'],
  canada: ['ca'],
  br: ['br'],
  brazil: ['br'],
};

function regionsOfWords(word: string): string[] {
  const w = word.toLowerCase().trim();
  // AWS-style names: eu-central-1, us-east-1.
  const aws = /^([a-z]{2})-[a-z]{2,10}-\d$/.exec(w);
  if (aws) return REGION_OF[aws[1]!] ?? [aws[1]!];
  return REGION_OF[w] ?? [];
}

function regionsOfHost(host: string): string[] {
  const labels = host.split('.').flatMap((l) => l.split('-'));
  return [...new Set(labels.flatMap((l) => REGION_OF[l] ?? []))];
}

function byRegion(word: string | undefined, hosts: readonly Host[]): HostComparison | undefined {
  if (!word) return undefined;
  const said = regionsOfWords(word);
  if (said.length === 0) return undefined;
  // The default region of most APIs: naming it points nowhere unless a host is in another region.
  const onlyUs = said.every((r) => r === 'us');
  for (const { host, pointer } of hosts) {
    const hostRegions = regionsOfHost(host);
    if (hostRegions.some((r) => said.includes(r))) return { agrees: true, contradicts: false };
    if (hostRegions.length === 0 && onlyUs) continue;
    return {
      agrees: false,
      contradicts: true,
      pointer,
      note:
        hostRegions.length === 0
          ? `The request goes to ${host}, a host without a region in its name (usually the provider's default, US, region), not to the ${word.toUpperCase()} region's host.`
          : `The request goes to ${host}, a host of another region than ${word.toUpperCase()}.`,
    };
  }
  return onlyUs ? { agrees: true, contradicts: false } : undefined;
}
