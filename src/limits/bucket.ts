/** The token-bucket arithmetic both limiters share (the Redis one repeats it in Lua, in one round trip). */
import { createHash } from 'node:crypto';
import { MINUTE_MS } from './types.js';

export interface BucketState {
  tokens: number;
  at: number;
}

/** Tokens in a bucket at `now`: what it held plus the refill since, never more than its size. */
export function refill(state: BucketState | undefined, perMinute: number, now: number): number {
  if (!state) return perMinute;
  const elapsed = Math.max(0, now - state.at);
  return Math.min(perMinute, state.tokens + (elapsed * perMinute) / MINUTE_MS);
}

/** How long until a bucket holding `tokens` has one whole token again. */
export function waitForToken(tokens: number, perMinute: number): number {
  // The epsilon keeps float noise (20000.000000004) from adding a millisecond.
  return Math.max(1, Math.ceil(((1 - tokens) * MINUTE_MS) / perMinute - 1e-6));
}

/** Keys are hashed: a limiter's keys must not name the users they limit. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 22);
}
