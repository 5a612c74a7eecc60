/** The limiter of one process: the embedded default when REDIS_URL is unset. */
import { type BucketState, hashKey, refill, waitForToken } from './bucket.js';
import { MINUTE_MS, type RateDecision, type RateLimit, type RateLimiter } from './types.js';

export interface MemoryRateLimiterOptions {
  /** Buckets kept at most; the least recently used go first (a full bucket forgets nothing by going). */
  maxKeys?: number;
}

export class MemoryRateLimiter implements RateLimiter {
  readonly #buckets = new Map<string, BucketState>();
  /** Refusal notices already given: key → until when. */
  readonly #notices = new Map<string, number>();
  readonly #maxKeys: number;

  constructor(options: MemoryRateLimiterOptions = {}) {
    this.#maxKeys = options.maxKeys ?? 100_000;
  }

  async take(
    limits: readonly RateLimit[],
    options: { now: number; notifyAs: string },
  ): Promise<RateDecision> {
    const { now } = options;
    const keys = limits.map((l) => hashKey(l.key));
    const tokens = limits.map((l, i) => refill(this.#buckets.get(keys[i]!), l.perMinute, now));
    const empty = tokens.findIndex((t) => t < 1);
    if (empty >= 0) {
      const limit = limits[empty]!;
      const retryAfterMs = waitForToken(tokens[empty]!, limit.perMinute);
      const notice = hashKey(`${limit.scope}\n${limit.key}\n${options.notifyAs}`);
      const until = this.#notices.get(notice);
      const notify = until === undefined || until <= now;
      if (notify) this.#remember(this.#notices, notice, now + retryAfterMs);
      return { ok: false, scope: limit.scope, perMinute: limit.perMinute, retryAfterMs, notify };
    }
    keys.forEach((key, i) => {
      this.#remember(this.#buckets, key, { tokens: tokens[i]! - 1, at: now });
    });
    this.#sweep(now);
    return { ok: true };
  }

  async close(): Promise<void> {
    this.#buckets.clear();
    this.#notices.clear();
  }

  #remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > this.#maxKeys) map.delete(map.keys().next().value!);
  }

  /** A bucket untouched for a minute is full again: the same as no bucket. */
  #sweep(now: number): void {
    for (const [key, state] of this.#buckets) {
      if (now - state.at < MINUTE_MS) break;
      this.#buckets.delete(key);
    }
    for (const [key, until] of this.#notices) {
      if (until > now) break;
      this.#notices.delete(key);
    }
  }
}
