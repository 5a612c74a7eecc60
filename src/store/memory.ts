/**
 * The embedded session store: one process, bounded, nothing to install. Values are kept as JSON text so a
 * caller can never change stored state through a reference, and so it behaves exactly like Redis.
 */
import { KeyedMutex } from './mutex.js';
import { checkTtl, decode, encode, lockOptions, storeClosed } from './shared.js';
import type { SessionStore, StoreOptions } from './types.js';

export const DEFAULT_MAX_ENTRIES = 10_000;
/** Expired values are invisible at once; this only bounds how long their memory lingers. */
const SWEEP_EVERY_MS = 60_000;

interface Entry {
  text: string;
  expiresAt: number;
  user: string | undefined;
}

export class MemorySessionStore implements SessionStore {
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  /** Map order is recency order: the first entry is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  private readonly byUser = new Map<string, Set<string>>();
  private readonly mutex = new KeyedMutex();
  private nextSweepAt = 0;
  private closed = false;

  constructor(options: StoreOptions) {
    this.ttlMs = checkTtl(options.ttlMs);
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) {
      throw new RangeError('maxEntries must be a whole number ≥ 1');
    }
  }

  async get(key: string): Promise<unknown | undefined> {
    this.assertOpen();
    const entry = this.live(key, Date.now());
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return decode(entry.text);
  }

  async set(key: string, value: unknown, options: { ttlMs?: number; user?: string } = {}): Promise<void> {
    this.assertOpen();
    const text = encode(value);
    const now = Date.now();
    const expiresAt = now + checkTtl(options.ttlMs ?? this.ttlMs);
    this.remove(key);
    this.entries.set(key, { text, expiresAt, user: options.user });
    if (options.user !== undefined) this.usersKeys(options.user).add(key);
    this.sweep(now);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.remove(oldest);
    }
  }

  async delete(key: string): Promise<void> {
    this.assertOpen();
    this.remove(key);
  }

  async keysOfUser(user: string): Promise<string[]> {
    this.assertOpen();
    const now = Date.now();
    const keys = [...(this.byUser.get(user) ?? [])];
    return keys.filter((key) => this.live(key, now) !== undefined).sort();
  }

  async withLock<T>(
    key: string,
    fn: () => Promise<T>,
    options?: { waitMs?: number; leaseMs?: number },
  ): Promise<T> {
    this.assertOpen();
    const { waitMs, leaseMs } = lockOptions(options);
    const release = await this.mutex.acquire(key, waitMs, leaseMs);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.entries.clear();
    this.byUser.clear();
  }

  /** The entry if it has not expired; an expired one is dropped on sight. */
  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.expiresAt <= now) {
      this.remove(key);
      return undefined;
    }
    return entry;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    if (entry.user === undefined) return;
    const keys = this.byUser.get(entry.user);
    keys?.delete(key);
    if (keys?.size === 0) this.byUser.delete(entry.user);
  }

  private usersKeys(user: string): Set<string> {
    let keys = this.byUser.get(user);
    if (keys === undefined) {
      keys = new Set();
      this.byUser.set(user, keys);
    }
    return keys;
  }

  /** Drops expired entries now and then, on writes, so no timer is needed. */
  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + Math.min(this.ttlMs, SWEEP_EVERY_MS);
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.remove(key);
  }

  private assertOpen(): void {
    if (this.closed) throw storeClosed();
  }
}
