/**
 * Where conversation state lives between events. The memory store is the embedded default; the Redis store
 * lets several processes share conversations and survive restarts. Both pass one contract suite
 * (`test/store/contract.ts`), so the engine cannot tell them apart.
 *
 * Values are plain JSON (already redacted by the engine); stores never look inside them except through the
 * `index` callback the engine gives, which names the user a session belongs to (for `forget me`).
 */
export interface SessionStore {
  /** The value stored under `key`, or undefined (never stored, expired, deleted). */
  get(key: string): Promise<unknown | undefined>;
  /** Stores `value` for `ttlMs` (default: the store's TTL); a later `set` replaces it and restarts the TTL. */
  set(key: string, value: unknown, options?: { ttlMs?: number; user?: string }): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key stored with `options.user === user` that has not expired or been deleted. */
  keysOfUser(user: string): Promise<string[]>;
  /**
   * Runs `fn` while holding an exclusive lock on `key`, so two events of one conversation are never
   * processed at once, across processes for the Redis store. Waits for the lock (up to `waitMs`), then
   * throws an `AuthdoctorError` with code ERR_LOCK_TIMEOUT. A holder that dies releases it after `leaseMs`.
   */
  withLock<T>(key: string, fn: () => Promise<T>, options?: { waitMs?: number; leaseMs?: number }): Promise<T>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Default time to live of a value (the issue: 7 days). */
  ttlMs: number;
  /** Memory store: how many keys it keeps; the least recently used go first. */
  maxEntries?: number;
}
