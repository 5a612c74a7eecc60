/**
 * A conversation's state: plain JSON, versioned, validated whenever it is read back from a store. It holds
 * only redacted data: pastes as redacted text, findings, answers. A state from another schema version (an
 * upgrade) is read as no state, and the conversation starts over, rather than misread.
 */
import { z } from 'zod';
import { StepStatusSchema } from '../checklist/assess.js';
import { GuideContextSchema } from '../checklist/guide.js';
import { StepIdSchema } from '../checklist/steps.js';
import { KindSchema } from '../intake/kinds.js';
import { FindingViewSchema } from '../reply/model.js';

export const STATE_VERSION = 1;

export const PhaseSchema = z.enum([
  /** Waiting for the first paste. */
  'awaiting_paste',
  /** A diagnosis was given; the walk is offered. */
  'diagnosed',
  /** Walking the checklist one step at a time. */
  'walking',
  /** Handed to a human: the bot stays quiet until asked to resume. */
  'escalated',
  /** The user said it is fixed. */
  'fixed',
]);
export type Phase = z.infer<typeof PhaseSchema>;

/** One paste and what the bot made of it. */
export const AttemptSchema = z.object({
  at: z.number(),
  kinds: z.array(KindSchema),
  provider: z.string().nullable(),
  /** Redacted and capped: what a human would read in the escalation. */
  text: z.string(),
  /** What intake understood, line by line (redacted). */
  summary: z.array(z.string()),
  findings: z.array(FindingViewSchema),
  checklist: z.array(StepStatusSchema),
  notes: z.array(z.string()),
  /** HTTP statuses seen in responses, in order. */
  statuses: z.array(z.number().int()),
  /** Fingerprints of the credentials sent. */
  credentials: z.array(z.string()),
  /** The earliest `exp` of a JWT sent, in ms since the epoch. */
  tokenExpiresAt: z.number().optional(),
  guide: GuideContextSchema,
});
export type Attempt = z.infer<typeof AttemptSchema>;

export const PlanItemSchema = z.object({
  step: StepIdSchema,
  status: z.enum(['suspect', 'unknown']),
  reason: z.string().optional(),
});
export type PlanItem = z.infer<typeof PlanItemSchema>;

export const AnswerSchema = z.object({
  step: StepIdSchema,
  answer: z.enum(['fixed', 'still_401', 'skipped', 'shown']),
  at: z.number(),
});
export type Answer = z.infer<typeof AnswerSchema>;

export const FixedBySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('step'), step: StepIdSchema }),
  z.object({ kind: z.literal('finding'), rule: z.string(), cause: z.string() }),
  z.object({ kind: z.literal('unknown') }),
]);
export type FixedBy = z.infer<typeof FixedBySchema>;

export const TimerNameSchema = z.enum(['follow_up', 'token_expiry', 'escalation_renotify']);
export type TimerName = z.infer<typeof TimerNameSchema>;

export const MAX_ESCALATION_HISTORY = 20;

export const EscalationHistorySchema = z.object({
  type: z.enum(['claimed', 'released']),
  user: z.string(),
  name: z.string(),
  at: z.number(),
});
export type EscalationHistory = z.infer<typeof EscalationHistorySchema>;

export const SessionStateSchema = z.object({
  v: z.literal(STATE_VERSION),
  /** Changes on restart, so buttons from before a restart are recognised as stale. */
  session: z.string(),
  /** The user who started the conversation. */
  user: z.string(),
  phase: PhaseSchema,
  /** Counts step presentations; a button carries the turn it was shown in. */
  turn: z.number().int().nonnegative(),
  createdAt: z.number(),
  updatedAt: z.number(),
  firstReplyAt: z.number().optional(),
  attempts: z.array(AttemptSchema),
  walk: z
    .object({
      plan: z.array(PlanItemSchema),
      /** Steps the evidence rules out, with the reason, shown once when the walk starts. */
      skipped: z.array(z.object({ step: StepIdSchema, reason: z.string() })),
      cursor: z.number().int().nonnegative(),
      startedAt: z.number(),
    })
    .optional(),
  answers: z.array(AnswerSchema),
  /** Consecutive "still 401" answers. */
  streak: z.number().int().nonnegative(),
  /** The phase to go back to on "resume" after an escalation. */
  before: PhaseSchema.optional(),
  escalation: z
    .object({
      id: z.string(),
      at: z.number(),
      reason: z.enum(['requested', 'exhausted', 'stuck']),
      /** The person on the support team who took it over. */
      claimedBy: z.object({ user: z.string(), name: z.string(), at: z.number() }).optional(),
      /** Claims and releases, oldest first (capped): who held it when, for on-call follow-up. */
      history: z.array(EscalationHistorySchema).max(MAX_ESCALATION_HISTORY).optional(),
      /** Re-notifications sent since it was last unclaimed (on-call reminders; capped). */
      renotified: z.number().int().nonnegative().optional(),
      /** Since when nobody has it: the escalation, or the last release. */
      unclaimedSince: z.number().optional(),
    })
    .optional(),
  outcome: z.object({ at: z.number(), fixedBy: FixedBySchema }).optional(),
  /** Fingerprints already warned about, so one leak gets one warning. */
  warned: z.array(z.string()),
  /** Pending timers by name, with the id to cancel them by. */
  timers: z.partialRecord(TimerNameSchema, z.object({ id: z.string(), at: z.number() })),
  /** Timers that already fired once in this session. */
  fired: z.array(TimerNameSchema),
});
export type SessionState = z.infer<typeof SessionStateSchema>;

/** Reads a stored value; anything unreadable or of another version is no state. */
export function readState(value: unknown): SessionState | null {
  const parsed = SessionStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
