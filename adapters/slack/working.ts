/**
 * "Working…" for slow answers only: when a message has no reply a second after it was accepted, an
 * hourglass reaction goes on it, and comes off when the reply goes out (or when the engine settles the
 * event without a reply, e.g. in a conversation a human took over). Fast answers show nothing.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import { classifySlackError } from './api-errors.js';

const REACTION = 'hourglass_flowing_sand';

interface Pending {
  channel: string;
  ts: string;
  timer: NodeJS.Timeout | undefined;
  /** Set once the reaction was asked for; resolves to whether it is on the message. */
  added?: Promise<boolean>;
}

export class WorkingIndicator {
  readonly #pending = new Map<string, Pending>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
    private readonly afterMs: number,
  ) {}

  /** Starts the clock for `event` (the user's message `ts` in `channel`); false if it already runs. */
  start(event: string, message: { channel: string; ts: string }): boolean {
    if (this.#pending.has(event)) return false;
    const pending: Pending = { ...message, timer: undefined };
    pending.timer = setTimeout(() => this.#show(event, pending), this.afterMs);
    pending.timer.unref();
    this.#pending.set(event, pending);
    return true;
  }

  /**
   * The reply for `event` went out, the engine settled it without one, or it was a duplicate: stop the
   * clock, take the reaction off.
   */
  async done(event: string): Promise<void> {
    const pending = this.#pending.get(event);
    if (!pending) return;
    this.#pending.delete(event);
    clearTimeout(pending.timer);
    if (!pending.added || !(await pending.added)) return;
    try {
      await this.client.reactions.remove({ channel: pending.channel, timestamp: pending.ts, name: REACTION });
    } catch (error) {
      this.log.warn(
        { event, channel: pending.channel, code: classifySlackError(error).code },
        'could not remove the working reaction',
      );
    }
  }

  clear(): void {
    for (const pending of this.#pending.values()) clearTimeout(pending.timer);
    this.#pending.clear();
  }

  #show(event: string, pending: Pending): void {
    if (this.#pending.get(event) !== pending) return;
    pending.added = this.client.reactions
      .add({ channel: pending.channel, timestamp: pending.ts, name: REACTION })
      .then(
        () => true,
        (error: unknown) => {
          this.log.warn(
            { event, channel: pending.channel, code: classifySlackError(error).code },
            'could not add the working reaction',
          );
          return false;
        },
      );
  }
}
