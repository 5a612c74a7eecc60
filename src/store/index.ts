/** Picks the session store from the config: Redis when a URL is given, else the embedded memory store. */
import { MemorySessionStore } from './memory.js';
import { RedisSessionStore } from './redis.js';
import type { SessionStore } from './types.js';

export { DEFAULT_MAX_ENTRIES, MemorySessionStore } from './memory.js';
export { REDIS_CLIENT_OPTIONS, RedisSessionStore, type RedisStoreOptions, redisKeys } from './redis.js';
export { DEFAULT_LEASE_MS, DEFAULT_WAIT_MS } from './shared.js';
export type { SessionStore, StoreOptions } from './types.js';

export interface CreateSessionStoreOptions {
  /** REDIS_URL; unset or empty means the memory store. */
  redisUrl?: string | undefined;
  /** Redis key namespace, e.g. `authdoctor:`. */
  keyPrefix: string;
  ttlMs: number;
  /** Memory store bound (ignored by Redis, which has its own eviction policy). */
  maxEntries?: number | undefined;
}

export function createSessionStore(options: CreateSessionStoreOptions): SessionStore {
  if (options.redisUrl) {
    return new RedisSessionStore(options.redisUrl, { keyPrefix: options.keyPrefix, ttlMs: options.ttlMs });
  }
  return new MemorySessionStore({ ttlMs: options.ttlMs, maxEntries: options.maxEntries });
}
