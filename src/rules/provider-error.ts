/**
 * What the API itself said, read with its provider pack: every pack's error signatures are matched against
 * the error bodies, client errors, response bodies and challenges (and, a little less firmly, the user's
 * prose, where people retype or paste the message). The detected provider's signatures speak with their
 * full weight; another provider's still count when their words match, but less surely, since the same
 * words can mean something else elsewhere.
 */
import { CAUSES, type Cause } from '../diagnose/taxonomy.js';
import {
  type Affinity,
  affinityOf,
  namedPacks,
  type SignatureHit,
  signatureHits,
} from './catalogue/pack-signatures.js';
import {
  demote,
  excerpt,
  negatedBefore,
  quote,
  retryExample,
  type ScanText,
  scanTexts,
  sentState,
  soleCredential,
} from './catalogue/scan.js';
import { defineRule, type RuleReport } from './types.js';

/** How much of a signature's confidence survives, by how the pack relates to the paste. */
const AFFINITY_WEIGHT: Record<Affinity, number> = { detected: 1, named: 0.9, unknown: 0.8, other: 0.65 };
const PROSE_WEIGHT = 0.9;
/** Causes a new or different credential fixes: their fix ends with a retry of the user's own request. */
const RETRY_CAUSES = new Set<Cause>([
  'invalid_credentials',
  'expired_token',
  'wrong_token_type',
  'wrong_audience_or_issuer',
  'wrong_environment',
]);

const KIND_WORDS: Record<ScanText['kind'], string> = {
  error_body: 'answered',
  response_body: 'answered',
  client_error: 'answered (client error)',
  challenge: 'challenged with',
  prose: 'said (as quoted in your paste)',
};

export default defineRule({
  meta: {
    id: 'provider-error',
    cause: 'other',
    otherCauses: CAUSES.filter((c) => c !== 'other'),
    severity: 'error',
    title: "The API's error message says why",
    description:
      "Matches what the server answered (error bodies, client errors, response bodies, `WWW-Authenticate`) against the error signatures of the provider packs: each provider's own words for a missing, wrong, expired or under-scoped credential, with what they mean and how to fix them.",
    checklist: ['provider-docs', 'right-credential'],
  },
  check(_evidence, ctx) {
    if (!ctx.knowledge.packs.some((p) => p.errors.length > 0)) return [];
    const best = new Map<string, { hit: SignatureHit; text: ScanText }>();
    for (const text of scanTexts(ctx)) {
      for (const hit of signatureHits(ctx, text)) {
        if (text.kind === 'prose' && negatedBefore(text.scan, hit.index)) continue;
        const key = `${hit.pack.id}/${hit.signature.id}`;
        const held = best.get(key);
        // What a server said beats what the prose repeats; otherwise the first occurrence stands.
        if (!held || (held.text.kind === 'prose' && text.kind !== 'prose')) best.set(key, { hit, text });
      }
    }
    if (best.size === 0) return [];
    const named = namedPacks(ctx);
    return [...best.values()].map(({ hit, text }): RuleReport => {
      const { pack, signature } = hit;
      const credential = soleCredential(ctx, text);
      const affinity = affinityOf(ctx, pack, named);
      let severity = signature.severity;
      let confidence = signature.confidence * AFFINITY_WEIGHT[affinity];
      if (text.kind === 'prose') confidence *= PROSE_WEIGHT;
      if (hit.statusDoubt) confidence *= 0.85;
      if (affinity === 'other' || (affinity === 'unknown' && text.kind === 'prose'))
        severity = demote(severity);
      const notes: string[] = [];
      if (affinity === 'other' && ctx.provider)
        notes.push(
          `These are ${pack.name}'s words, but the paste looks like ${ctx.provider.pack.name}, so read them with care.`,
        );
      if (sentState(ctx, text) === 'placeholder') {
        severity = demote(severity);
        notes.push(
          'The request sent a placeholder or empty value, so this answer is most likely about that.',
        );
      }
      const said = excerpt(text.scan, hit.index, hit.length);
      const sent =
        credential && RETRY_CAUSES.has(signature.cause)
          ? ` The credential sent was ${credential.display}.`
          : '';
      const retry = RETRY_CAUSES.has(signature.cause) ? retryExample(ctx) : undefined;
      return {
        cause: signature.cause,
        severity,
        confidence,
        title: `${pack.name}: ${signature.situation}`,
        detail: `${pack.name} ${KIND_WORDS[text.kind]} ${quote(said)}. ${signature.explain}${sent}${notes.length ? ` ${notes.join(' ')}` : ''}`,
        evidence: [text.pointer],
        fix: retry ? [...signature.fix, retry] : signature.fix,
        docs: [...signature.docs, ...(pack.docs[0] ? [pack.docs[0].url] : [])],
      };
    });
  },
});
