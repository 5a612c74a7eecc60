/**
 * What analytics learns from one handled event, as data. Derived purely from the event, the state before and
 * after it and the effects it produced, so it can be tested as a table and recomputed from a replay.
 *
 * A fact holds only vocabulary: taxonomy causes, rule ids, provider pack ids, checklist step ids, escalation
 * reasons and numbers. Never a user id, a session id, text or a credential fingerprint: counts are all that
 * analytics keeps, so "forget me" has nothing of a user's to delete there.
 */
import { z } from 'zod';
import { StepIdSchema } from '../checklist/steps.js';
import type { Effect } from '../conversation/effects.js';
import type { ConversationEvent } from '../conversation/events.js';
import type { Attempt, FixedBy, SessionState } from '../conversation/state.js';
import { type Cause, CauseSchema } from '../diagnose/taxonomy.js';

/**
 * Rule and provider ids as the code and packs spell them (`jwt-expired`, `github`). Anything else is not an
 * id and is dropped, so a bug upstream cannot smuggle text into the counts (or into Redis field names).
 */
export const AnalyticsIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._:-]{0,79}$/);

export const EscalationReasonSchema = z.enum(['requested', 'exhausted', 'stuck']);

export const FactSchema = z.discriminatedUnion('type', [
  /** A conversation began (a first message, or a restart). */
  z.object({ type: z.literal('session_started') }),
  /** A paste was diagnosed: the causes and rules of its errors and warnings, and the provider. */
  z.object({
    type: z.literal('diagnosed'),
    provider: AnalyticsIdSchema.nullable(),
    causes: z.array(CauseSchema),
    rules: z.array(AnalyticsIdSchema),
  }),
  /**
   * A paste continued the previous one (sent within the paste window) and replaced its diagnosis: the
   * earlier diagnosis is taken back out of the counts, so one paste sent in two messages counts once.
   */
  z.object({
    type: z.literal('diagnosis_replaced'),
    provider: AnalyticsIdSchema.nullable(),
    causes: z.array(CauseSchema),
    rules: z.array(AnalyticsIdSchema),
  }),
  z.object({ type: z.literal('escalated'), reason: EscalationReasonSchema }),
  /** Someone on the support team claimed an escalation, `waitedMs` after it was raised. */
  z.object({ type: z.literal('claimed'), waitedMs: z.number().int().nonnegative().optional() }),
  z.object({
    type: z.literal('fixed'),
    fixedBy: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('step'), step: StepIdSchema }),
      z.object({ kind: z.literal('finding'), rule: AnalyticsIdSchema, cause: CauseSchema }),
      z.object({ kind: z.literal('unknown') }),
    ]),
    /** From the first message to "fixed". */
    durationMs: z.number().int().nonnegative(),
  }),
]);
export type Fact = z.infer<typeof FactSchema>;
export type FactType = Fact['type'];
type FixedByFact = Extract<Fact, { type: 'fixed' }>['fixedBy'];

/** Never throws: whatever does not fit the schema is left out. */
export function factsOf(
  event: ConversationEvent,
  before: SessionState | null,
  after: SessionState | null,
  effects: readonly Effect[],
): Fact[] {
  const facts: Fact[] = [];
  if (after && (!before || before.session !== after.session)) facts.push({ type: 'session_started' });
  if (event.type === 'message' && event.paste && after) {
    const previous = event.continues ? before?.attempts.at(-1) : undefined;
    // A restart in between would make `before` another session: its attempts were not replaced.
    if (previous && before?.session === after.session)
      facts.push({ type: 'diagnosis_replaced', ...facetsOf(previous) });
    facts.push({ type: 'diagnosed', ...facetsOf(event.paste.attempt) });
  }
  for (const effect of effects) {
    switch (effect.type) {
      case 'escalate':
        facts.push({ type: 'escalated', reason: effect.packet.reason });
        break;
      case 'claimed': {
        const raised = after?.escalation?.id === effect.escalation ? after.escalation.at : undefined;
        const waited = raised === undefined ? undefined : wholeMs(effect.at - raised);
        facts.push({ type: 'claimed', ...(waited !== undefined ? { waitedMs: waited } : {}) });
        break;
      }
      case 'outcome':
        facts.push({
          type: 'fixed',
          fixedBy: fixedByOf(effect.outcome.fixedBy),
          durationMs: wholeMs(effect.outcome.durationMs) ?? 0,
        });
        break;
      default:
        break;
    }
  }
  // Belt and braces: only what validates leaves this function.
  return facts.filter((fact) => FactSchema.safeParse(fact).success);
}

function fixedByOf(fixedBy: FixedBy): FixedByFact {
  if (fixedBy.kind !== 'finding') return fixedBy;
  const cause = CauseSchema.safeParse(fixedBy.cause);
  return cause.success && validId(fixedBy.rule)
    ? { kind: 'finding', rule: fixedBy.rule, cause: cause.data }
    : { kind: 'unknown' };
}

/** The errors and warnings of an attempt: context (info) findings explain, they are not causes. */
function facetsOf(attempt: Attempt): { provider: string | null; causes: Cause[]; rules: string[] } {
  const counted = attempt.findings.filter((f) => f.severity !== 'info');
  return {
    provider: attempt.provider !== null && validId(attempt.provider) ? attempt.provider : null,
    causes: [...new Set(counted.map((f) => f.cause))],
    rules: [...new Set(counted.map((f) => f.rule).filter(validId))],
  };
}

function validId(value: string): boolean {
  return AnalyticsIdSchema.safeParse(value).success;
}

function wholeMs(value: number): number | undefined {
  return Number.isFinite(value) ? Math.max(0, Math.round(value)) : undefined;
}
