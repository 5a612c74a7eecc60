/**
 * Interactions the bot has acknowledged and may still answer through (a token lives 15 minutes), keyed by
 * the event id the engine knows them by (the interaction id). Replies caused by one complete it: the first
 * public reply fills a deferred reply's "thinking" message (@original), private ones become ephemeral
 * follow-ups.
 *
 * The listener that acknowledged an interaction and the worker that delivers its replies may be different
 * processes, so a live interaction is kept in the session store (`discord:live:<interaction id>`) until 14
 * minutes after it arrived, token included: the token is the app's own short-lived webhook token for that
 * one interaction, not a user's secret, and it is useless once the TTL is up. Its `settled` and `pending`
 * fields change as replies go out; a delivery loads the record, changes it and saves it back, which is safe
 * because the engine delivers one conversation's events one at a time.
 *
 * Each interaction is acknowledged exactly once, by the process it arrived at; `acknowledge` guards that in
 * memory.
 */
import { z } from 'zod';
import type { Logger } from '../../src/log.js';
import type { SessionStore } from '../../src/store/types.js';
import type { DiscordPayload } from './render.js';
import type { InteractionHook } from './rest.js';

/** Interaction tokens live 15 minutes; stop using one a little before. */
export const INTERACTION_TTL_MS = 14 * 60_000;

export interface LiveInteraction extends InteractionHook {
  id: string;
  user: string;
  /** The channel the interaction happened in: follow-ups appear there. */
  channelId: string;
  /** `conversationKey` of the conversation it belongs to; replies for another one never use it. */
  conversation: string;
  /**
   * `reply`: a deferred reply (slash command, context menu, modal) whose @original the first public reply
   * fills; `update`: a deferred component update (buttons), complete as it is.
   */
  mode: 'reply' | 'update';
  /** For `reply`: @original has been filled or removed, so private replies may follow. */
  settled: boolean;
  /** For `reply` in a guild channel: the thread to start on @original once it is filled. */
  threadOn?: { channelId: string; messageId: string };
  /** Private replies and notes waiting for @original: a follow-up sent before it would replace it. */
  pending: DiscordPayload[];
  expiresAt: number;
}

/** A payload as JSON: attached files as base64. */
const StoredPayloadSchema = z.object({
  content: z.string().optional(),
  embeds: z.array(z.record(z.string(), z.unknown())),
  components: z.array(z.record(z.string(), z.unknown())),
  files: z.array(z.object({ name: z.string(), data: z.string() })),
});
type StoredPayload = z.infer<typeof StoredPayloadSchema>;

const StoredLiveSchema = z.object({
  id: z.string().min(1),
  applicationId: z.string().min(1),
  token: z.string().min(1),
  user: z.string().min(1),
  channelId: z.string().min(1),
  conversation: z.string().min(1),
  mode: z.enum(['reply', 'update']),
  settled: z.boolean(),
  threadOn: z.object({ channelId: z.string(), messageId: z.string() }).optional(),
  pending: z.array(StoredPayloadSchema).max(50),
  expiresAt: z.number(),
});
type StoredLive = z.infer<typeof StoredLiveSchema>;

export class LiveInteractions {
  readonly #store: SessionStore;
  readonly #log: Logger;
  readonly #acknowledged = new Map<string, number>();

  constructor(
    store: SessionStore,
    log: Logger,
    readonly now: () => number = Date.now,
  ) {
    this.#store = store;
    this.#log = log;
  }

  /** Marks an interaction acknowledged; false when it already was (it must not be acknowledged again). */
  acknowledge(id: string): boolean {
    const now = this.now();
    // Insertion order is expiry order, so the sweep stops at the first entry still alive.
    for (const [seen, expires] of this.#acknowledged) {
      if (expires > now) break;
      this.#acknowledged.delete(seen);
    }
    if (this.#acknowledged.has(id)) return false;
    this.#acknowledged.set(id, now + INTERACTION_TTL_MS);
    return true;
  }

  /** Stores a new live interaction (or its changed `settled`/`pending`); an expired one is not kept. */
  async save(entry: LiveInteraction): Promise<void> {
    const ttlMs = entry.expiresAt - this.now();
    if (ttlMs <= 0) return;
    await this.#store.set(liveKey(entry.id), toStored(entry), {
      ttlMs: Math.min(ttlMs, INTERACTION_TTL_MS),
      user: entry.user,
    });
  }

  /** The live interaction behind `event`, if it belongs to `conversation` and its token still works. */
  async get(event: string, conversation: string): Promise<LiveInteraction | undefined> {
    const entry = await this.#load(event);
    return entry?.conversation === conversation ? entry : undefined;
  }

  /** The webhook of interaction `id` while its token works: for editing a message sent through it. */
  async hook(id: string): Promise<InteractionHook | undefined> {
    try {
      const entry = await this.#load(id);
      return entry ? { applicationId: entry.applicationId, token: entry.token } : undefined;
    } catch (error) {
      // The message is edited through the channel instead.
      this.#log.warn({ code: (error as { code?: unknown }).code ?? 'error' }, 'Discord: store read failed');
      return undefined;
    }
  }

  clear(): void {
    this.#acknowledged.clear();
  }

  async #load(id: string): Promise<LiveInteraction | undefined> {
    const result = StoredLiveSchema.safeParse(await this.#store.get(liveKey(id)));
    if (!result.success || result.data.expiresAt <= this.now()) return undefined;
    return fromStored(result.data);
  }
}

const liveKey = (id: string) => `discord:live:${id}`;

function toStored(entry: LiveInteraction): StoredLive {
  return { ...entry, pending: entry.pending.map(storePayload) };
}

function fromStored(stored: StoredLive): LiveInteraction {
  const { threadOn, pending, ...rest } = stored;
  return { ...rest, ...(threadOn ? { threadOn } : {}), pending: pending.map(loadPayload) };
}

function storePayload(payload: DiscordPayload): StoredPayload {
  return {
    ...(payload.content !== undefined ? { content: payload.content } : {}),
    embeds: payload.embeds as unknown as StoredPayload['embeds'],
    components: payload.components as unknown as StoredPayload['components'],
    files: payload.files.map((f) => ({ name: f.name, data: f.data.toString('base64') })),
  };
}

/** Our own payloads read back: their embeds and components were built by render.ts. */
function loadPayload(stored: StoredPayload): DiscordPayload {
  return {
    ...(stored.content !== undefined ? { content: stored.content } : {}),
    embeds: stored.embeds as unknown as DiscordPayload['embeds'],
    components: stored.components as unknown as DiscordPayload['components'],
    files: stored.files.map((f) => ({ name: f.name, data: Buffer.from(f.data, 'base64') })),
    allowedMentions: { parse: [] },
  };
}
