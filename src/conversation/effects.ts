/**
 * What the reducer asks the world to do, as data: the engine host carries it out (timers on the queue,
 * escalations to the configured channel, deletions in the store, outcomes to analytics).
 */
import { z } from 'zod';
import { StepIdSchema } from '../checklist/steps.js';
import { FindingViewSchema } from '../reply/model.js';
import { AnswerSchema, AttemptSchema, FixedBySchema, TimerNameSchema } from './state.js';

/** Everything a human needs to take over, redacted: nothing in it can hold a raw credential. */
export const EscalationPacketSchema = z.object({
  id: z.string(),
  session: z.string(),
  user: z.string(),
  reason: z.enum(['requested', 'exhausted', 'stuck']),
  at: z.number(),
  provider: z.string().nullable(),
  /** One line for a ticket title. */
  headline: z.string(),
  /** The latest findings, most likely first. */
  findings: z.array(FindingViewSchema),
  attempts: z.array(AttemptSchema),
  /** Every step of the walk, with the user's answer where there is one. */
  steps: z.array(
    z.object({
      step: StepIdSchema,
      title: z.string(),
      status: z.enum(['suspect', 'unknown', 'ruled_out']),
      reason: z.string().optional(),
      answers: z.array(AnswerSchema.shape.answer),
    }),
  ),
  timings: z.object({
    startedAt: z.number(),
    firstReplyAt: z.number().optional(),
    escalatedAt: z.number(),
    /** From the first message to the escalation. */
    durationMs: z.number(),
  }),
});
export type EscalationPacket = z.infer<typeof EscalationPacketSchema>;

export const OutcomeSchema = z.object({
  session: z.string(),
  at: z.number(),
  fixedBy: FixedBySchema,
  provider: z.string().nullable(),
  /** The top finding's cause when there was one. */
  cause: z.string().optional(),
  /** From the first message to "fixed". */
  durationMs: z.number(),
  stepsAnswered: z.number().int(),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

export const EffectSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('schedule'),
    timer: TimerNameSchema,
    /** Unique per scheduling, so a cancelled timer's id is never reused. */
    id: z.string(),
    at: z.number(),
  }),
  z.object({ type: z.literal('cancel'), timer: TimerNameSchema, id: z.string() }),
  z.object({ type: z.literal('escalate'), packet: EscalationPacketSchema }),
  z.object({ type: z.literal('resume'), escalation: z.string() }),
  /** Someone on the support team took the escalation over (recorded for on-call follow-up). */
  z.object({
    type: z.literal('claimed'),
    escalation: z.string(),
    user: z.string(),
    at: z.number(),
    // Optional: outboxes written before these fields existed must still read back.
    name: z.string().optional(),
    /** The packet as it stands now (later pastes included), for routes that show it again (a webhook). */
    packet: EscalationPacketSchema.optional(),
  }),
  /** The claimer handed the escalation back: it waits for someone else again. */
  z.object({
    type: z.literal('released'),
    escalation: z.string(),
    user: z.string(),
    name: z.string(),
    at: z.number(),
    packet: EscalationPacketSchema,
  }),
  /** Nobody has claimed the escalation yet: tell the support team again (the `count`th reminder). */
  z.object({
    type: z.literal('renotify'),
    packet: EscalationPacketSchema,
    count: z.number().int().positive(),
    /** How long it has waited unclaimed, for "still unclaimed after 30 min". */
    waitingMs: z.number().nonnegative(),
    at: z.number(),
  }),
  /** Delete everything kept about this user: sessions, queued jobs, analytics entries. */
  z.object({ type: z.literal('forget'), user: z.string() }),
  z.object({ type: z.literal('outcome'), outcome: OutcomeSchema }),
]);
export type Effect = z.infer<typeof EffectSchema>;

/** A re-notification of an escalation nobody claimed, as routes (platforms, the webhook) receive it. */
export interface EscalationNotice {
  /** 1 for the first reminder. */
  renotify: number;
  /** How long it has waited unclaimed. */
  waitingMs: number;
  /** When the reminder was due. */
  at: number;
}
