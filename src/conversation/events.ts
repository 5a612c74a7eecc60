/**
 * What reaches the reducer. Adapters hand the engine raw platform text; the engine prepares it
 * (`prepare.ts`: intake, diagnosis, redaction) before it is queued, so an event — and so a queue payload —
 * never holds a raw credential.
 */
import { z } from 'zod';
import { AttemptSchema, TimerNameSchema } from './state.js';

/** Where a conversation lives: one thread (or DM, or terminal) on one platform. */
export const ConversationRefSchema = z.object({
  platform: z.enum(['terminal', 'slack', 'discord']),
  workspace: z.string().optional(),
  channel: z.string(),
  thread: z.string().optional(),
});
export type ConversationRef = z.infer<typeof ConversationRefSchema>;

export function conversationKey(ref: ConversationRef): string {
  return [ref.platform, ref.workspace ?? '-', ref.channel, ref.thread ?? '-'].join(':');
}

/** A credential found in a paste, as far as a warning about it needs. */
export const LeakSchema = z.object({
  fingerprint: z.string(),
  /** "GitHub classic personal access token". */
  label: z.string().optional(),
  rotate: z.object({
    provider: z.string().optional(),
    url: z.string().optional(),
    steps: z.array(z.string()),
  }),
});
export type Leak = z.infer<typeof LeakSchema>;

/** A paste, diagnosed and redacted. */
export const PreparedPasteSchema = z.object({
  attempt: AttemptSchema,
  leaks: z.array(LeakSchema),
});
export type PreparedPaste = z.infer<typeof PreparedPasteSchema>;

const base = {
  /** The platform's event id: the idempotency key. */
  id: z.string().min(1),
  at: z.number(),
  user: z.string().min(1),
};

export const MessageEventSchema = z.object({
  type: z.literal('message'),
  ...base,
  /** The message as typed when it is short (a command or a question); redacted, capped. */
  text: z.string(),
  /** Set when the message holds something to diagnose. */
  paste: PreparedPasteSchema.optional(),
  /** The paste continues the user's previous message (sent within the paste window): read together. */
  continues: z.boolean().default(false),
  /** Posted where others can read it (a channel), as opposed to a DM or the terminal. */
  shared: z.boolean().default(false),
  /**
   * Who wrote the text, when not the user (a shortcut or context menu on a colleague's message): a leaked
   * credential is theirs to rotate, so the private warning goes to them.
   */
  author: z.string().min(1).optional(),
  /** The input was cut at the size cap. */
  truncated: z.boolean().default(false),
  /** Reading the paste failed (a bug, not the user's fault): the user is asked to try again. */
  unreadable: z.boolean().default(false),
});

export const ActionEventSchema = z.object({
  type: z.literal('action'),
  ...base,
  /** Unvalidated: an unknown id gets a polite answer. */
  action: z.string(),
  session: z.string().optional(),
  turn: z.number().int().optional(),
});

export const TimerEventSchema = z.object({
  type: z.literal('timer'),
  ...base,
  timer: TimerNameSchema,
  /** The timer's id as scheduled; a timer that was cancelled or replaced does nothing. */
  timerId: z.string(),
});

/** A person on the support team took over an escalation (the "claim" button in the support channel). */
export const ClaimEventSchema = z.object({
  type: z.literal('claim'),
  ...base,
  /** The escalation claimed; a claim of an escalation that is over (resumed, restarted) does nothing. */
  escalation: z.string(),
  /** How the claimer is shown to the user (a display name; renderers escape it). */
  name: z.string().max(80),
});

/** The claimer hands an escalation back (the "release" button): it waits for someone else again. */
export const ReleaseEventSchema = z.object({
  type: z.literal('release'),
  ...base,
  /** Only the current claimer's release counts; anyone else's changes nothing. */
  escalation: z.string(),
  name: z.string().max(80),
});

export const ConversationEventSchema = z.discriminatedUnion('type', [
  MessageEventSchema,
  ActionEventSchema,
  TimerEventSchema,
  ClaimEventSchema,
  ReleaseEventSchema,
]);
export type ConversationEvent = z.infer<typeof ConversationEventSchema>;
export type ConversationEventInput = z.input<typeof ConversationEventSchema>;
export type MessageEvent = z.infer<typeof MessageEventSchema>;
export type ActionEvent = z.infer<typeof ActionEventSchema>;
export type TimerEvent = z.infer<typeof TimerEventSchema>;
export type ClaimEvent = z.infer<typeof ClaimEventSchema>;
export type ReleaseEvent = z.infer<typeof ReleaseEventSchema>;

/** A queue payload: the event and where it belongs. */
export const EventJobSchema = z.object({
  conversation: ConversationRefSchema,
  event: ConversationEventSchema,
});
export type EventJob = z.infer<typeof EventJobSchema>;
