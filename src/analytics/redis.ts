/**
 * Analytics in Redis, shared by every authdoctor process and readable by `authdoctor stats`. One hash per
 * UTC day, `${keyPrefix}v1:stats:YYYY-MM-DD`, of integer counters (see buckets.ts): a record is one
 * MULTI of HINCRBYs and a PEXPIRE, so counts from several processes add up and a day expires on its own
 * ~400 days later. Counters are vocabulary ids and numbers only; errors never quote them anyway.
 */
import { Redis } from 'ioredis';
import { AuthdoctorError, ErrorCodes } from '../errors.js';
import { REDIS_CLIENT_OPTIONS } from '../store/redis.js';
import {
  BUCKET_DAYS_KEPT,
  checkRecordTime,
  checkSummaryOptions,
  incrementsOf,
  summarize,
  utcDay,
  windowDays,
} from './buckets.js';
import type { Fact } from './facts.js';
import type { AnalyticsStore, StatsSummary, SummaryOptions } from './types.js';

export interface RedisAnalyticsOptions {
  /** Namespace for every key, e.g. `authdoctor:`. */
  keyPrefix: string;
  /** How long a day's hash lives after its last write (default ~400 days). */
  ttlMs?: number;
}

const DAY_MS = 86_400_000;

export function statsKey(keyPrefix: string, day: string): string {
  return `${keyPrefix}v1:stats:${day}`;
}

export class RedisAnalytics implements AnalyticsStore {
  readonly #client: Redis;
  readonly #ownsClient: boolean;
  readonly #keyPrefix: string;
  readonly #ttlMs: number;
  #lastConnectionError: string | undefined;
  #closed = false;

  /** `connection` is a redis:// URL (this store owns that client) or a client the caller keeps owning. */
  constructor(connection: string | Redis, options: RedisAnalyticsOptions) {
    if (options.keyPrefix === '') throw new RangeError('keyPrefix must not be empty');
    this.#keyPrefix = options.keyPrefix;
    this.#ttlMs = options.ttlMs ?? BUCKET_DAYS_KEPT * DAY_MS;
    if (!Number.isSafeInteger(this.#ttlMs) || this.#ttlMs < 1)
      throw new RangeError('ttlMs must be a whole number of milliseconds ≥ 1');
    this.#ownsClient = typeof connection === 'string';
    this.#client = typeof connection === 'string' ? new Redis(connection, REDIS_CLIENT_OPTIONS) : connection;
    if (this.#ownsClient) {
      // Without a listener ioredis prints every failed reconnect; the next command reports it instead.
      this.#client.on('error', (err: NodeJS.ErrnoException) => {
        this.#lastConnectionError = err.code ?? err.message;
      });
      this.#client.on('ready', () => {
        this.#lastConnectionError = undefined;
      });
    }
  }

  async record(facts: readonly Fact[], at: number): Promise<void> {
    checkRecordTime(at);
    const increments = incrementsOf(facts);
    if (increments.size === 0) return;
    const key = statsKey(this.#keyPrefix, utcDay(at));
    await this.#run(async () => {
      const multi = this.#client.multi();
      for (const [field, by] of increments) multi.hincrby(key, field, by);
      multi.pexpire(key, this.#ttlMs);
      const replies = await multi.exec();
      // exec reports a failed command in its reply list rather than throwing.
      const failed = replies?.find(([error]) => error !== null)?.[0];
      if (failed) throw failed;
      if (replies === null) throw new Error('the transaction was aborted');
    });
  }

  async summary(options: SummaryOptions): Promise<StatsSummary> {
    const checked = checkSummaryOptions(options);
    const days = windowDays(checked.days, checked.now);
    const buckets = await this.#run(async () => {
      const pipeline = this.#client.pipeline();
      for (const day of days) pipeline.hgetall(statsKey(this.#keyPrefix, day));
      const replies = (await pipeline.exec()) ?? [];
      return replies.map(([error, value]) => {
        // A key of another type (WRONGTYPE) is not ours: read as an empty day rather than fail the summary.
        if (error) {
          if (error.message.startsWith('WRONGTYPE')) return null;
          throw error;
        }
        return value !== null && typeof value === 'object' ? (value as Record<string, string>) : null;
      });
    });
    return summarize(buckets, checked);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (!this.#ownsClient) return;
    if (this.#client.status === 'ready') {
      const quit = await this.#client.quit().then(
        () => true,
        () => false,
      );
      if (quit) return;
    }
    this.#client.disconnect();
  }

  async #run<R>(call: () => Promise<R>): Promise<R> {
    if (this.#closed)
      throw new AuthdoctorError(ErrorCodes.STORE_UNAVAILABLE, 'The analytics store has been closed');
    try {
      return await call();
    } catch (err) {
      throw this.#unavailable(err);
    }
  }

  #unavailable(err: unknown): AuthdoctorError {
    const { host, port, path } = this.#client.options;
    const where = path ?? `${host}:${port}`;
    // ioredis attaches the command and its arguments to reply errors: keep only the error's code.
    if (err instanceof Error && err.name === 'ReplyError') {
      const code = err.message.split(' ', 1)[0];
      return new AuthdoctorError(
        ErrorCodes.STORE_UNAVAILABLE,
        `Redis at ${where} refused an analytics command (${code})`,
        {
          hint: 'Check that REDIS_URL names the right Redis, with its password, and that it accepts writes.',
        },
      );
    }
    const detail = this.#lastConnectionError ?? (err instanceof Error ? err.message : String(err));
    return new AuthdoctorError(
      ErrorCodes.STORE_UNAVAILABLE,
      `Cannot reach Redis at ${where} for analytics (${detail.slice(0, 160)}): check REDIS_URL and that Redis is running`,
      { hint: 'Start Redis (e.g. `redis-server`), or unset REDIS_URL to keep analytics in memory.' },
    );
  }
}
