/**
 * Abuse limits on what one user, or one workspace together, may send. A token bucket per key: `perMinute`
 * messages in a burst, refilled evenly over the minute, so a person who pastes, answers and clicks is never
 * slowed while a script (or a loop in someone's bot) is stopped within one burst.
 *
 * Both limiters (memory, Redis) pass one contract suite (test/limits/contract.ts).
 */

export interface RateLimit {
  /** What is limited, for the reply: one person, or everyone in a workspace together. */
  scope: 'user' | 'workspace';
  /** Any string; limiters hash it, so no stored key names a user. */
  key: string;
  /** Burst size and refill per minute; at least 1. */
  perMinute: number;
}

export type RateDecision =
  | { ok: true }
  | {
      ok: false;
      /** The first limit that had no token left. */
      scope: RateLimit['scope'];
      perMinute: number;
      /** When one message will be let through again. */
      retryAfterMs: number;
      /**
       * True for the first refusal of this key (per `notifyAs`) until `retryAfterMs` has passed: that one is
       * answered, the rest of a flood are dropped quietly, so a flood cannot make the bot flood back.
       */
      notify: boolean;
    };

export interface RateLimiter {
  /**
   * Takes one token from every limit at once, or from none: a message refused by the workspace limit does
   * not use up its sender's own allowance.
   */
  take(limits: readonly RateLimit[], options: { now: number; notifyAs: string }): Promise<RateDecision>;
  close(): Promise<void>;
}

export const MINUTE_MS = 60_000;
