/**
 * The parts of Slack's payloads the adapter reads, as zod schemas: whatever Slack (or a forged but signed
 * body) sends, a listener either gets these shapes or ignores the payload. Unknown fields are dropped.
 */
import { z } from 'zod';

const id = z.string().min(1).max(64);
const ts = z.string().regex(/^\d{1,12}\.\d{1,9}$/);

export const SlackFileSchema = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  title: z.string().optional(),
  mimetype: z.string().optional(),
  size: z.number().optional(),
  url_private: z.string().optional(),
  url_private_download: z.string().optional(),
  /** `hosted`, `snippet`, `post`; `tombstone` / `hidden_by_limit` have no content. */
  mode: z.string().optional(),
  /** `check_file_info` (Slack Connect): the event does not carry the file's URLs. */
  file_access: z.string().optional(),
});
export type SlackFile = z.infer<typeof SlackFileSchema>;

/** `message` and `app_mention` events: the fields both share. */
export const MessageEventSchema = z.object({
  type: z.enum(['message', 'app_mention']),
  subtype: z.string().optional(),
  channel: id,
  channel_type: z.string().optional(),
  user: id.optional(),
  bot_id: z.string().optional(),
  /** Slack cuts messages at 40,000 characters; intake caps whatever arrives. */
  text: z.string().optional(),
  ts,
  thread_ts: ts.optional(),
  /** Who wrote the thread's first message (set on replies). */
  parent_user_id: z.string().optional(),
  files: z.array(SlackFileSchema).max(20).optional(),
  hidden: z.boolean().optional(),
});
export type MessageEvent = z.infer<typeof MessageEventSchema>;

export const EventEnvelopeSchema = z.object({
  event_id: z.string().min(1).optional(),
  event: z.unknown(),
});

export const CommandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  user_id: id,
  channel_id: id,
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
});
export type SlashCommand = z.infer<typeof CommandSchema>;

const UserSchema = z.object({
  id,
  name: z.string().optional(),
  username: z.string().optional(),
});

export const BlockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: UserSchema,
  channel: z.object({ id }).optional(),
  container: z
    .object({
      type: z.string().optional(),
      message_ts: ts.optional(),
      channel_id: id.optional(),
      thread_ts: ts.optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  message: z
    .object({
      ts,
      thread_ts: ts.optional(),
      text: z.string().optional(),
      blocks: z.array(z.record(z.string(), z.unknown())).optional(),
    })
    .optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string().max(255),
        value: z.string().max(2000).optional(),
        action_ts: z.string().min(1).max(40).optional(),
      }),
    )
    .min(1),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
});
export type BlockActions = z.infer<typeof BlockActionsSchema>;

export const MessageShortcutSchema = z.object({
  type: z.literal('message_action'),
  callback_id: z.string(),
  trigger_id: z.string().min(1),
  user: UserSchema,
  channel: z.object({ id }),
  message: z.object({
    ts,
    thread_ts: ts.optional(),
    text: z.string().optional(),
    user: z.string().optional(),
    bot_id: z.string().optional(),
    files: z.array(SlackFileSchema).max(20).optional(),
  }),
  response_url: z.string().optional(),
});
export type MessageShortcut = z.infer<typeof MessageShortcutSchema>;

export const ViewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  user: UserSchema,
  view: z.object({
    id: z.string().min(1),
    callback_id: z.string(),
    private_metadata: z.string().max(3000).default(''),
    state: z.object({
      values: z.record(z.string(), z.record(z.string(), z.object({ value: z.string().nullish() }))),
    }),
  }),
});
export type ViewSubmission = z.infer<typeof ViewSubmissionSchema>;

/** What the paste modal carries from the command to its submission. */
export const ModalMetadataSchema = z.object({
  channel: id,
  response_url: z.string().optional(),
});
export type ModalMetadata = z.infer<typeof ModalMetadataSchema>;
