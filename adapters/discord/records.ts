/**
 * What the Discord side remembers between events, in the engine's session store so that the process that
 * accepted an event and the one that delivers its replies may differ (shared over Redis):
 *
 *   discord:sent:<conversation>:<reply key>  the messages a keyed reply was sent as (for `replaces`), 24 h
 *   discord:threadless:<conversation>        its thread could not be started or used, 24 h
 *   discord:escalation:<claim>               a posted escalation (for the Claim redraw), the session TTL
 *   discord:source:<event>                   the message a paste came from (for the delete offer), 15 min
 *
 * (Live interactions are in live.ts.) Values are ids and the redacted escalation packet, never an
 * interaction token; they are indexed under their user where there is one, so "forget me" removes them.
 * Each is a convenience: a failed read or write is logged and the reply still goes out, less neatly.
 */
import { z } from 'zod';
import { EscalationPacketSchema } from '../../src/conversation/effects.js';
import type { Logger } from '../../src/log.js';
import type { SessionStore } from '../../src/store/types.js';

const DAY_MS = 24 * 3_600_000;
/** A paste's source is read by the replies to that one event, which come within minutes. */
const SOURCE_TTL_MS = 15 * 60_000;

const SnowflakeSchema = z.string().min(1).max(32);

const MessageSourceSchema = z.object({
  channelId: SnowflakeSchema,
  messageId: SnowflakeSchema,
  authorId: SnowflakeSchema,
  authorBot: z.boolean().optional(),
  canDelete: z.boolean(),
});
/** A message a paste came from (a mention, a watched post, a context-menu target): for the delete offer. */
export type MessageSource = z.infer<typeof MessageSourceSchema>;

const SentRefSchema = z.object({
  channelId: SnowflakeSchema,
  messageId: SnowflakeSchema,
  /**
   * Sent through an interaction (`ref`: `@original` or the follow-up's id): edited through it while the
   * interaction lives (its token is looked up in live.ts, never stored here), else through the channel.
   */
  hook: z.object({ interaction: SnowflakeSchema, ref: z.string().min(1).max(32) }).optional(),
});
/** A message the bot sent, editable later. */
export type SentRef = z.infer<typeof SentRefSchema>;
const SentRefsSchema = z.array(SentRefSchema).max(20);

const PostedEscalationSchema = z.object({
  packet: EscalationPacketSchema,
  where: z.object({ url: z.string().optional(), label: z.string() }),
  claimedBy: z.string().optional(),
});
/** An escalation posted in DISCORD_ESCALATION_CHANNEL, and who claimed it. */
export type PostedEscalation = z.infer<typeof PostedEscalationSchema>;

/** Message sources by event id: written by the listener, read when the event's private replies go out. */
export interface MessageSources {
  get(event: string): Promise<MessageSource | undefined>;
  set(event: string, source: MessageSource, user?: string): Promise<void>;
}

/**
 * Posted escalations by claim token. A Claim handler reads one, changes `claimedBy` and writes it back:
 * claims of one escalation are rare and a lost race only shows the other claimer's name.
 */
export interface PostedEscalations {
  get(claim: string): Promise<PostedEscalation | undefined>;
  set(claim: string, record: PostedEscalation): Promise<void>;
}

export class DiscordRecords {
  readonly sources: MessageSources;
  readonly escalations: PostedEscalations;
  readonly #store: SessionStore;
  readonly #log: Logger;

  constructor(store: SessionStore, options: { log: Logger; sessionTtlMs: number }) {
    this.#store = store;
    this.#log = options.log;
    this.sources = {
      get: async (event) => parsed(MessageSourceSchema, await this.#get(sourceKey(event))),
      set: (event, source, user) =>
        this.#set(sourceKey(event), source, { ttlMs: SOURCE_TTL_MS, ...(user ? { user } : {}) }),
    };
    this.escalations = {
      get: async (claim) => parsed(PostedEscalationSchema, await this.#get(escalationKey(claim))),
      set: (claim, record) =>
        this.#set(escalationKey(claim), record, { ttlMs: options.sessionTtlMs, user: record.packet.user }),
    };
  }

  async sentAs(conversation: string, key: string): Promise<SentRef[] | undefined> {
    const refs = parsed(SentRefsSchema, await this.#get(sentKey(conversation, key)));
    return refs && refs.length > 0 ? refs : undefined;
  }

  async rememberSent(conversation: string, key: string, refs: SentRef[], user: string): Promise<void> {
    await this.#set(sentKey(conversation, key), refs.slice(0, 20), { ttlMs: DAY_MS, user });
  }

  async isThreadless(conversation: string): Promise<boolean> {
    return (await this.#get(threadlessKey(conversation))) === true;
  }

  async markThreadless(conversation: string): Promise<void> {
    await this.#set(threadlessKey(conversation), true, { ttlMs: DAY_MS });
  }

  async #get(key: string): Promise<unknown> {
    try {
      return await this.#store.get(key);
    } catch (error) {
      this.#log.warn({ code: codeOf(error) }, 'Discord: store read failed');
      return undefined;
    }
  }

  async #set(key: string, value: unknown, options: { ttlMs: number; user?: string }): Promise<void> {
    try {
      await this.#store.set(key, value, options);
    } catch (error) {
      this.#log.warn({ code: codeOf(error) }, 'Discord: store write failed');
    }
  }
}

function parsed<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

const codeOf = (error: unknown) => (error as { code?: unknown }).code ?? 'error';

const sentKey = (conversation: string, key: string) => `discord:sent:${conversation}:${key}`;
const threadlessKey = (conversation: string) => `discord:threadless:${conversation}`;
const escalationKey = (claim: string) => `discord:escalation:${claim}`;
const sourceKey = (event: string) => `discord:source:${event}`;
