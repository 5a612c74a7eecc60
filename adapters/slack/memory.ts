/**
 * The little the Slack adapter remembers between events: which Slack messages a keyed reply was posted as
 * (so `replaces` can edit them), which threads the bot is in (so replies there continue without a mention)
 * and the escalations it posted (so a Claim can redraw them). Kept in the engine's session store when there
 * is one — shared with other processes over Redis, and indexed under the user so "forget me" removes it —
 * else in a bounded memory store. Losing any of it only degrades: a new message instead of an edit.
 * Also the parts of a split reply already posted, briefly, so a retry on any worker does not post them twice.
 */
import { createHash } from 'node:crypto';

import { z } from 'zod';
import { EscalationPacketSchema } from '../../src/conversation/effects.js';
import { type ConversationRef, conversationKey } from '../../src/conversation/events.js';
import type { Logger } from '../../src/log.js';
import { MemorySessionStore } from '../../src/store/memory.js';
import type { SessionStore } from '../../src/store/types.js';

const TsListSchema = z.array(z.string()).max(50);

const EscalationRecordSchema = z.object({
  packet: EscalationPacketSchema,
  where: z.object({ permalink: z.string().optional(), label: z.string() }),
  channel: z.string(),
  ts: z.string(),
  claimedBy: z.string().optional(),
});
export type EscalationRecord = z.infer<typeof EscalationRecordSchema>;

const RECENT_ENTRIES = 10_000;
/** A retry of a delivery comes within minutes (the queue's backoff); after that the parts are moot. */
export const PARTS_TTL_MS = 3_600_000;

export class SlackMemory {
  readonly #store: SessionStore;
  readonly #own: boolean;
  readonly #ttlMs: number;
  readonly #log: Logger;
  /** Threads this process accepted a message in, before the engine has stored anything for them. */
  readonly #recent = new Set<string>();
  /** Messages this process has started on: a re-sent event is dropped before any work (the engine would drop it too). */
  readonly #taken = new Set<string>();

  constructor(options: { store?: SessionStore | undefined; ttlMs: number; log: Logger }) {
    this.#own = !options.store;
    this.#store = options.store ?? new MemorySessionStore({ ttlMs: options.ttlMs, maxEntries: 20_000 });
    this.#ttlMs = options.ttlMs;
    this.#log = options.log;
  }

  rememberThread(ref: ConversationRef): void {
    bounded(this.#recent, conversationKey(ref));
  }

  /**
   * True the first time this process sees `id`; false while or after it is being handled here. `release`
   * undoes it when handling failed before the engine took the message, so Slack's retry is not lost.
   */
  take(id: string): boolean {
    if (this.#taken.has(id)) return false;
    bounded(this.#taken, id);
    return true;
  }

  release(id: string): void {
    this.#taken.delete(id);
  }

  /** Whether the bot has a conversation in this thread: the engine stores one per thread it answered. */
  async knowsThread(ref: ConversationRef): Promise<boolean> {
    const key = conversationKey(ref);
    if (this.#recent.has(key)) return true;
    return (await this.#get(key)) !== undefined;
  }

  async sentAs(ref: ConversationRef, key: string): Promise<string[] | undefined> {
    const parsed = TsListSchema.safeParse(await this.#get(sentKey(ref, key)));
    return parsed.success && parsed.data.length > 0 ? parsed.data : undefined;
  }

  async rememberSent(ref: ConversationRef, key: string, ts: string[], user: string): Promise<void> {
    await this.#set(sentKey(ref, key), ts.slice(0, 50), user);
  }

  async escalation(claim: string): Promise<EscalationRecord | undefined> {
    const parsed = EscalationRecordSchema.safeParse(await this.#get(escalationKey(claim)));
    return parsed.success ? parsed.data : undefined;
  }

  async rememberEscalation(claim: string, record: EscalationRecord, user: string): Promise<void> {
    await this.#set(escalationKey(claim), record, user);
  }

  /** The messages of a reply attempt already posted (`attempt`: event, reply key and summary). */
  async partsSent(attempt: string): Promise<string[]> {
    const parsed = TsListSchema.safeParse(await this.#get(partsKey(attempt)));
    return parsed.success ? parsed.data : [];
  }

  async rememberParts(attempt: string, ts: string[], user: string): Promise<void> {
    await this.#set(partsKey(attempt), ts.slice(0, 50), user, PARTS_TTL_MS);
  }

  async forgetParts(attempt: string): Promise<void> {
    try {
      await this.#store.delete(partsKey(attempt));
    } catch (error) {
      this.#log.warn(
        { code: (error as { code?: unknown }).code ?? 'error' },
        'Slack adapter: store delete failed',
      );
    }
  }

  async close(): Promise<void> {
    this.#recent.clear();
    this.#taken.clear();
    if (this.#own) await this.#store.close();
  }

  async #get(key: string): Promise<unknown> {
    try {
      return await this.#store.get(key);
    } catch (error) {
      this.#log.warn(
        { code: (error as { code?: unknown }).code ?? 'error' },
        'Slack adapter: store read failed',
      );
      return undefined;
    }
  }

  async #set(key: string, value: unknown, user: string, ttlMs = this.#ttlMs): Promise<void> {
    try {
      await this.#store.set(key, value, { ttlMs, user });
    } catch (error) {
      this.#log.warn(
        { code: (error as { code?: unknown }).code ?? 'error' },
        'Slack adapter: store write failed',
      );
    }
  }
}

/** Adds `key` as the most recent entry of `set`, dropping the oldest past RECENT_ENTRIES. */
function bounded(set: Set<string>, key: string): void {
  set.delete(key);
  set.add(key);
  if (set.size <= RECENT_ENTRIES) return;
  const oldest = set.values().next().value;
  if (oldest !== undefined) set.delete(oldest);
}

const sentKey = (ref: ConversationRef, key: string) => `slack:sent:${conversationKey(ref)}:${key}`;
const escalationKey = (claim: string) => `slack:escalation:${claim}`;
/** Hashed: the attempt holds the reply's summary, which has no business in a key name. */
const partsKey = (attempt: string) =>
  `slack:parts:${createHash('sha256').update(attempt).digest('hex').slice(0, 32)}`;
