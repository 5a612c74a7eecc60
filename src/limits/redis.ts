/**
 * The limiter shared by every process on one Redis: a user is limited the same whichever listener their
 * messages reach. One script per message, so taking from two buckets is atomic and one round trip.
 *
 *   <prefix>v1:rate:<hash>     hash {t: tokens, at: ms}; gone a minute after its last use (full by then)
 *   <prefix>v1:rate:n:<hash>   a refusal notice was given, until when (ms): no other until the key has a token
 */
import { Redis } from 'ioredis';
import { REDIS_CLIENT_OPTIONS } from '../store/redis.js';
import { hashKey } from './bucket.js';
import { MINUTE_MS, type RateDecision, type RateLimit, type RateLimiter } from './types.js';

/**
 * KEYS: n buckets, then n notice keys. ARGV: now, then the n sizes. Returns {0} when every bucket had a
 * token (one is taken from each), else {i, wait, notify} for the first empty bucket i (1-based).
 */
const TAKE = `
local now = tonumber(ARGV[1])
local n = #KEYS / 2
local tokens = {}
for i = 1, n do
  local size = tonumber(ARGV[i + 1])
  local b = redis.call('HMGET', KEYS[i], 't', 'at')
  local t, at = tonumber(b[1]), tonumber(b[2])
  if t == nil or at == nil then t = size else t = math.min(size, t + math.max(0, now - at) * size / ${MINUTE_MS}) end
  tokens[i] = t
end
for i = 1, n do
  if tokens[i] < 1 then
    local size = tonumber(ARGV[i + 1])
    local wait = math.max(1, math.ceil((1 - tokens[i]) * ${MINUTE_MS} / size - 0.000001))
    local told = tonumber(redis.call('GET', KEYS[n + i]))
    if told and told > now then return {i, wait, 0} end
    redis.call('SET', KEYS[n + i], tostring(now + wait), 'PX', wait)
    return {i, wait, 1}
  end
end
for i = 1, n do
  redis.call('HSET', KEYS[i], 't', tostring(tokens[i] - 1), 'at', ARGV[1])
  redis.call('PEXPIRE', KEYS[i], ${MINUTE_MS + 1_000})
end
return {0}`;

const READY_WAIT_MS = 1_000;

export interface RedisRateLimiterOptions {
  keyPrefix: string;
}

export class RedisRateLimiter implements RateLimiter {
  readonly #client: Redis;
  readonly #base: string;

  constructor(url: string, options: RedisRateLimiterOptions) {
    // On the ack path: with Redis away, fail within a second rather than hold the platform's ack. Connected
    // on first use, so worker processes, which never accept a message, never open it.
    this.#client = new Redis(url, {
      ...REDIS_CLIENT_OPTIONS,
      enableOfflineQueue: false,
      commandTimeout: 1_000,
      lazyConnect: true,
    });
    // Errors reach the caller through the command; the client keeps reconnecting on its own.
    this.#client.on('error', () => {});
    this.#base = `${options.keyPrefix}v1:rate:`;
  }

  async take(
    limits: readonly RateLimit[],
    options: { now: number; notifyAs: string },
  ): Promise<RateDecision> {
    if (limits.length === 0) return { ok: true };
    await this.#ready();
    const buckets = limits.map((l) => `${this.#base}${hashKey(l.key)}`);
    const notices = limits.map(
      (l) => `${this.#base}n:${hashKey(`${l.scope}\n${l.key}\n${options.notifyAs}`)}`,
    );
    const answer = (await this.#client.eval(
      TAKE,
      buckets.length * 2,
      ...buckets,
      ...notices,
      String(Math.floor(options.now)),
      ...limits.map((l) => String(l.perMinute)),
    )) as number[];
    const [index = 0, wait = 0, notify = 0] = answer;
    if (index === 0) return { ok: true };
    const limit = limits[index - 1]!;
    return {
      ok: false,
      scope: limit.scope,
      perMinute: limit.perMinute,
      retryAfterMs: wait,
      notify: notify === 1,
    };
  }

  /** Commands are not queued while disconnected (the ack path must not wait): wait a moment for a connect. */
  async #ready(): Promise<void> {
    if (this.#client.status === 'ready') return;
    if (this.#client.status === 'wait') this.#client.connect().catch(() => {});
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#client.off('ready', ready);
        reject(new Error('the rate limiter could not reach Redis'));
      }, READY_WAIT_MS);
      const ready = () => {
        clearTimeout(timer);
        resolve();
      };
      this.#client.once('ready', ready);
    });
  }

  async close(): Promise<void> {
    if (this.#client.status === 'wait') this.#client.disconnect();
    else await this.#client.quit().catch(() => this.#client.disconnect());
  }
}
