/**
 * The shared session store: several authdoctor processes see one set of conversations, and they survive a
 * restart. Layout, under `${keyPrefix}v${version}:` (the version changes with the value format, so new code
 * never reads old-format values):
 *   session:<key>  JSON `{"u": user | null, "v": value}` with a PX TTL
 *   user:<user>    set of session keys stored for that user; lives as long as the longest of them
 *   lock:<key>     random token of the current lock holder, PX lease
 * Values are never logged and never put in error messages (they may hold what users pasted).
 */
import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { AuthdoctorError, ErrorCodes } from '../errors.js';
import { checkTtl, decode, encode, lockOptions, lockTimeout, sleep, storeClosed } from './shared.js';
import type { SessionStore } from './types.js';

export interface RedisStoreOptions {
  /** Namespace for every key, e.g. `authdoctor:`. */
  keyPrefix: string;
  /** Default time to live of a value. */
  ttlMs: number;
  /** Value format version, part of every key (default 1). */
  version?: number;
}

/**
 * A bot should report a dead Redis within seconds, not queue commands for ever; it keeps reconnecting in
 * the background, so a restarted Redis is picked up again without restarting authdoctor.
 */
export const REDIS_CLIENT_OPTIONS = {
  connectTimeout: 3_000,
  commandTimeout: 5_000,
  maxRetriesPerRequest: 1,
  retryStrategy: (times: number) => Math.min(times * 200, 2_000),
} satisfies RedisOptions;

export function redisKeys(keyPrefix: string, version = 1) {
  const base = `${keyPrefix}v${version}:`;
  return {
    session: (key: string) => `${base}session:${key}`,
    user: (user: string) => `${base}user:${user}`,
    lock: (key: string) => `${base}lock:${key}`,
  };
}

/** Stores the value and indexes it under its user; the index only ever lengthens its TTL. */
const SET_WITH_USER = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[2], ARGV[2]) end
return 1`;

/**
 * Lists a user's live keys and drops the rest from the index, atomically so a concurrent `set` cannot lose
 * its index entry. A key belongs to the user while its stored envelope starts with that user's header.
 */
const KEYS_OF_USER = `
local live = {}
for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local text = redis.call('GET', ARGV[1] .. key)
  if text and string.sub(text, 1, #ARGV[2]) == ARGV[2] then
    table.insert(live, key)
  else
    redis.call('SREM', KEYS[1], key)
  end
end
return live`;

/** Deletes the lock only if we still hold it, so a late holder never frees someone else's lock. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

const envelopeHeader = (user: string | undefined) => `{"u":${JSON.stringify(user ?? null)},"v":`;

/**
 * The value inside an envelope. Anything else under our key was not written by this store version and reads
 * as absent; parsing is guarded because JSON.parse quotes the text it fails on, which may hold secrets.
 */
function unwrap(text: string): unknown | undefined {
  try {
    const envelope = decode(text);
    return typeof envelope === 'object' && envelope !== null && 'v' in envelope ? envelope.v : undefined;
  } catch {
    return undefined;
  }
}

export class RedisSessionStore implements SessionStore {
  private readonly client: Redis;
  private readonly ownsClient: boolean;
  private readonly ttlMs: number;
  private readonly keys: ReturnType<typeof redisKeys>;
  private lastConnectionError: string | undefined;
  private closed = false;

  /** `connection` is a redis:// URL (the store owns that client) or a client the caller keeps owning. */
  constructor(connection: string | Redis, options: RedisStoreOptions) {
    const version = options.version ?? 1;
    if (options.keyPrefix === '') throw new RangeError('keyPrefix must not be empty');
    if (!Number.isInteger(version) || version < 1) throw new RangeError('version must be a whole number ≥ 1');
    this.ttlMs = checkTtl(options.ttlMs);
    this.keys = redisKeys(options.keyPrefix, version);
    this.ownsClient = typeof connection === 'string';
    this.client = typeof connection === 'string' ? new Redis(connection, REDIS_CLIENT_OPTIONS) : connection;
    if (this.ownsClient) {
      // Without a listener ioredis prints every failed reconnect; we report them on the next command instead.
      this.client.on('error', (err: NodeJS.ErrnoException) => {
        this.lastConnectionError = err.code ?? err.message;
      });
      this.client.on('ready', () => {
        this.lastConnectionError = undefined;
      });
    }
  }

  async get(key: string): Promise<unknown | undefined> {
    const text = await this.run(() => this.client.get(this.keys.session(key)));
    return text === null ? undefined : unwrap(text);
  }

  async set(key: string, value: unknown, options: { ttlMs?: number; user?: string } = {}): Promise<void> {
    const ttl = checkTtl(options.ttlMs ?? this.ttlMs);
    const text = `${envelopeHeader(options.user)}${encode(value)}}`;
    const sessionKey = this.keys.session(key);
    const { user } = options;
    if (user === undefined) {
      await this.run(() => this.client.set(sessionKey, text, 'PX', ttl));
      return;
    }
    const userKey = this.keys.user(user);
    await this.run(() => this.client.eval(SET_WITH_USER, 2, sessionKey, userKey, text, ttl, key));
  }

  /** Leaves the key in its user's index; listing drops it there, atomically. */
  async delete(key: string): Promise<void> {
    await this.run(() => this.client.del(this.keys.session(key)));
  }

  async keysOfUser(user: string): Promise<string[]> {
    const sessionPrefix = this.keys.session('');
    const live = await this.run(() =>
      this.client.eval(KEYS_OF_USER, 1, this.keys.user(user), sessionPrefix, envelopeHeader(user)),
    );
    return (live as string[]).sort();
  }

  async withLock<T>(
    key: string,
    fn: () => Promise<T>,
    options?: { waitMs?: number; leaseMs?: number },
  ): Promise<T> {
    const { waitMs, leaseMs } = lockOptions(options);
    const lockKey = this.keys.lock(key);
    const token = randomUUID();
    const deadline = Date.now() + waitMs;
    for (let backoff = 10; ; backoff = Math.min(backoff * 2, 200)) {
      const taken = await this.run(() => this.client.set(lockKey, token, 'PX', leaseMs, 'NX'));
      if (taken === 'OK') break;
      const left = deadline - Date.now();
      if (left <= 0) throw lockTimeout(key, waitMs);
      // Jitter keeps waiters in several processes from retrying in lockstep.
      await sleep(Math.min(left, backoff * (0.5 + Math.random())));
    }
    // If the lease runs out while fn still runs, another process may take the lock and both run at once.
    // We accept that rather than renew the lease from a timer: leases sit far above the slowest handler, so
    // it only happens to a handler that is already stuck, the queue keeps a conversation's events in order
    // anyway, and the compare-and-delete release below means the late holder cannot free the newcomer's lock.
    try {
      return await fn();
    } finally {
      // A failed release is left to the lease: fn's outcome matters more than freeing the key early.
      await this.client.eval(RELEASE, 1, lockKey, token).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.ownsClient) return;
    if (this.client.status === 'ready') {
      const quit = await this.client.quit().then(
        () => true,
        () => false,
      );
      if (quit) return;
    }
    this.client.disconnect();
  }

  /** Runs one Redis call, turning any failure into ERR_STORE_UNAVAILABLE that says what to check. */
  private async run<R>(call: () => Promise<R>): Promise<R> {
    if (this.closed) throw storeClosed();
    try {
      return await call();
    } catch (err) {
      throw this.unavailable(err);
    }
  }

  private unavailable(err: unknown): AuthdoctorError {
    const { host, port, path } = this.client.options;
    const where = path ?? `${host}:${port}`;
    // ioredis attaches the command and its arguments (our values) to reply errors: keep only the code.
    if (err instanceof Error && err.name === 'ReplyError') {
      const code = err.message.split(' ', 1)[0];
      return new AuthdoctorError(
        ErrorCodes.STORE_UNAVAILABLE,
        `Redis at ${where} refused a command (${code})`,
        {
          hint: 'Check that REDIS_URL names the right Redis, with its password, and that it accepts writes.',
        },
      );
    }
    const detail = this.lastConnectionError ?? (err instanceof Error ? err.message : String(err));
    return new AuthdoctorError(
      ErrorCodes.STORE_UNAVAILABLE,
      `Cannot reach Redis at ${where} (${detail.slice(0, 160)}): check REDIS_URL and that Redis is running`,
      { hint: 'Start Redis (e.g. `redis-server`) or unset REDIS_URL to keep sessions in memory.' },
    );
  }
}
