/**
 * The platform-neutral reply: what the engine says, as data. Renderers (terminal, Slack Block Kit, Discord
 * embeds and components) live with their adapters and turn it into what the platform shows, within its
 * limits. Text is plain with `inline code` only; renderers escape everything else, so nothing a user pasted
 * can turn into a mention or a link.
 */
import { z } from 'zod';
import { FindingSchema } from '../diagnose/finding.js';

/** The buttons the engine offers. Typed answers map to the same ids (`src/conversation/intents.ts`). */
export const ACTION_IDS = [
  'walk',
  'fixed',
  'still_401',
  'skip',
  'show_how',
  'human',
  'restart',
  'resume',
  'help',
  'forget',
] as const;
export const ActionIdSchema = z.enum(ACTION_IDS);
export type ActionId = z.infer<typeof ActionIdSchema>;

export const ActionSchema = z.object({
  id: ActionIdSchema,
  label: z.string().max(75),
  style: z.enum(['primary', 'danger', 'default']).default('default'),
  /**
   * Which session and turn the button belongs to: a click on a button from an older turn or session is
   * stale and answered politely. Ids only, never user data (Discord's custom_id is 100 chars).
   */
  session: z.string().max(40),
  turn: z.number().int().nonnegative(),
});
export type Action = z.infer<typeof ActionSchema>;

/** A finding as shown to users: everything but the confidence, which is for ranking and analytics. */
export const FindingViewSchema = FindingSchema.omit({ confidence: true });
export type FindingView = z.infer<typeof FindingViewSchema>;

export const PartSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text: z.string() }),
  z.object({
    type: z.literal('text'),
    text: z.string(),
    tone: z.enum(['plain', 'info', 'success', 'warning', 'muted']).default('plain'),
  }),
  z.object({ type: z.literal('list'), items: z.array(z.string()), ordered: z.boolean().default(false) }),
  z.object({ type: z.literal('code'), text: z.string(), language: z.string().optional() }),
  z.object({ type: z.literal('findings'), findings: z.array(FindingViewSchema) }),
  z.object({
    type: z.literal('links'),
    links: z.array(z.object({ label: z.string(), url: z.string() })),
  }),
  z.object({
    type: z.literal('step'),
    step: z.string(),
    /** 1-based position in the walk, and how many steps the walk has. */
    index: z.number().int().positive(),
    total: z.number().int().positive(),
    title: z.string(),
    /** Why the walk put this step here ("a finding points here: …"). */
    reason: z.string().optional(),
  }),
  z.object({ type: z.literal('actions'), actions: z.array(ActionSchema) }),
]);
export type Part = z.infer<typeof PartSchema>;

export const ReplySchema = z.object({
  /**
   * `private`: only the user should see it (Slack `chat.postEphemeral`, Discord ephemeral); platforms that
   * cannot do that send it by direct message or, in a terminal, just print it.
   */
  visibility: z.enum(['public', 'private']).default('public'),
  /** For a private reply: who sees it, when not the conversation's user (a colleague's paste in a thread). */
  to: z.string().optional(),
  /**
   * A stable name for this reply within the conversation (`diagnosis`), so a later reply with
   * `replaces` set to it can edit the message in place where the platform allows.
   */
  key: z.string().optional(),
  replaces: z.string().optional(),
  /** A short plain-text version for notifications and platforms that show no rich content. */
  summary: z.string(),
  parts: z.array(PartSchema),
});
export type Reply = z.infer<typeof ReplySchema>;
export type ReplyInput = z.input<typeof ReplySchema>;
