/**
 * The provider packs' error signatures, read against one text: which match (honouring their statuses), and
 * how close each pack is to this paste (the detected provider, a provider the paste names, or another one).
 */
import type { DiagnosisContext } from '../../diagnose/context.js';
import { mentionedHosts } from '../../diagnose/facts.js';
import type { ProviderKnowledge } from '../../providers/knowledge.js';
import { LiteralIndex } from '../../providers/literal.js';
import type { ErrorSignature, ProviderPack } from '../../providers/schema.js';
import type { ScanText } from './scan.js';

export interface SignatureHit {
  pack: ProviderPack;
  signature: ErrorSignature;
  index: number;
  length: number;
  /** The text has no status but the paste's statuses are all outside the signature's. */
  statusDoubt: boolean;
}

export function signatureHits(ctx: DiagnosisContext, text: ScanText): SignatureHit[] {
  const hits: SignatureHit[] = [];
  for (const { pack, signature } of ctx.knowledge.signatureIndex().candidates(text.scan)) {
    let statusDoubt = false;
    if (signature.status) {
      if (text.status !== undefined) {
        if (!signature.status.includes(text.status)) continue;
      } else if (ctx.facts.statuses.size > 0) {
        statusDoubt = !signature.status.some((s) => ctx.facts.statuses.has(s));
      }
    }
    const m = signature.match.exec(text.scan);
    if (m) hits.push({ pack, signature, index: m.index, length: m[0].length, statusDoubt });
  }
  return hits;
}

/** How the paste relates to a pack: `detected` provider, `named` in the paste, `other` (another was detected), `unknown`. */
export type Affinity = 'detected' | 'named' | 'other' | 'unknown';

export function affinityOf(ctx: DiagnosisContext, pack: ProviderPack, named: ReadonlySet<string>): Affinity {
  if (ctx.provider?.pack.id === pack.id) return 'detected';
  if (named.has(pack.id)) return 'named';
  return ctx.provider ? 'other' : 'unknown';
}

const SCAN_LIMIT = 64 * 1024;

/**
 * Packs the paste names: one of their hosts appears in a URL or text, or their name does ("Salesforce",
 * "Provider: openai"). Weaker than detection, but enough to stand behind a signature that matched in prose.
 */
const NAMED = new WeakMap<DiagnosisContext, Set<string>>();

export function namedPacks(ctx: DiagnosisContext): Set<string> {
  let named = NAMED.get(ctx);
  if (!named) {
    named = findNamedPacks(ctx);
    NAMED.set(ctx, named);
  }
  return new Set(named);
}

function findNamedPacks(ctx: DiagnosisContext): Set<string> {
  const named = new Set<string>();
  const texts = [...ctx.facts.answers, ...ctx.facts.prose].map((t) => t.text.slice(0, SCAN_LIMIT));
  const hosts = [...mentionedHosts(ctx.facts)];
  for (const view of ctx.facts.requests) if (view.request.url?.host) hosts.push(view.request.url.host);
  for (const host of hosts) {
    const match = ctx.knowledge.matchHost(host);
    if (match) named.add(match.pack.id);
  }
  const joined = texts.join('\n');
  for (const pack of nameIndex(ctx.knowledge).candidates(joined)) {
    if (named.has(pack.id)) continue;
    if (nameOf(pack).test(joined)) named.add(pack.id);
  }
  return named;
}

const NAME_INDEXES = new WeakMap<ProviderKnowledge, LiteralIndex<ProviderPack>>();

/** Packs indexed by the literals of their name patterns, so one pass over the paste finds the named ones. */
function nameIndex(knowledge: ProviderKnowledge): LiteralIndex<ProviderPack> {
  let index = NAME_INDEXES.get(knowledge);
  if (!index) {
    index = new LiteralIndex(knowledge.packs, nameOf);
    NAME_INDEXES.set(knowledge, index);
  }
  return index;
}

const NAME_CACHE = new WeakMap<ProviderPack, RegExp>();
const GENERIC_WORDS = /\b(?:rest|web|http|apis?|platform|cloud|services?|v\d+)\b/gi;

/** The pack's id or its name without generic words ("GitHub REST API" → "GitHub"), as a whole-word pattern. */
function nameOf(pack: ProviderPack): RegExp {
  let re = NAME_CACHE.get(pack);
  if (!re) {
    const words = pack.name.replace(GENERIC_WORDS, ' ').replace(/\s+/g, ' ').trim();
    const names = [
      ...(pack.id.length >= 3 ? [pack.id.replace(/-/g, '[ -]?')] : []),
      ...(words.length >= 4 ? [literal(words)] : []),
    ];
    if (names.length === 0) names.push('(?!)');
    re = new RegExp(`\\b(?:${names.join('|')})\\b`, 'i');
    NAME_CACHE.set(pack, re);
  }
  return re;
}

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s');
}
