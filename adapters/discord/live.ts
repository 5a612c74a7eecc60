/**
 * Interactions the bot has acknowledged and may still answer through (a token lives 15 minutes), keyed by
 * the event id the engine knows them by (the interaction id). Replies caused by one complete it: the first
 * public reply fills a deferred reply's "thinking" message (@original), private ones become ephemeral
 * follow-ups. Each interaction is acknowledged exactly once; `acknowledged` guards that.
 */
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

export class LiveInteractions {
  readonly #byEvent = new Map<string, LiveInteraction>();
  readonly #acknowledged = new Map<string, number>();

  constructor(readonly now: () => number = Date.now) {}

  /** Marks an interaction acknowledged; false when it already was (it must not be acknowledged again). */
  acknowledge(id: string): boolean {
    this.#sweep();
    if (this.#acknowledged.has(id)) return false;
    this.#acknowledged.set(id, this.now() + INTERACTION_TTL_MS);
    return true;
  }

  add(entry: LiveInteraction): void {
    this.#sweep();
    this.#byEvent.set(entry.id, entry);
  }

  /** The live interaction behind `event`, if it belongs to `conversation` and its token still works. */
  get(event: string, conversation: string): LiveInteraction | undefined {
    const entry = this.#byEvent.get(event);
    if (!entry || entry.conversation !== conversation || entry.expiresAt <= this.now()) return undefined;
    return entry;
  }

  clear(): void {
    this.#byEvent.clear();
    this.#acknowledged.clear();
  }

  /** Insertion order is expiry order, so the sweep stops at the first entry still alive. */
  #sweep(): void {
    const now = this.now();
    for (const [id, entry] of this.#byEvent) {
      if (entry.expiresAt > now) break;
      this.#byEvent.delete(id);
    }
    for (const [id, expires] of this.#acknowledged) {
      if (expires > now) break;
      this.#acknowledged.delete(id);
    }
  }
}
