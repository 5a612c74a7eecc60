import { afterAll, describe, expect, it } from 'vitest';
import { RedisRateLimiter } from '../../src/limits/index.js';
import { REDIS_URL, redisTestKeys } from '../support/redis.js';
import { rateLimiterContract } from './contract.js';

const redis = redisTestKeys('limits');
afterAll(() => redis.cleanup());

rateLimiterContract('redis', async () => {
  const limiter = new RedisRateLimiter(REDIS_URL, { keyPrefix: redis.nextPrefix() });
  return { limiter, cleanup: () => limiter.close() };
});

describe('redis rate limiter', () => {
  it('is shared by every process on one Redis: a second instance sees the first one spend the burst', async () => {
    const prefix = redis.nextPrefix();
    const a = new RedisRateLimiter(REDIS_URL, { keyPrefix: prefix });
    const b = new RedisRateLimiter(REDIS_URL, { keyPrefix: prefix });
    try {
      const limit = [{ scope: 'user' as const, key: 'slack\nT1\nU0SHARED', perMinute: 2 }];
      expect((await a.take(limit, { now: 1000, notifyAs: 'U0SHARED' })).ok).toBe(true);
      expect((await b.take(limit, { now: 1000, notifyAs: 'U0SHARED' })).ok).toBe(true);
      expect(await a.take(limit, { now: 1000, notifyAs: 'U0SHARED' })).toMatchObject({
        ok: false,
        notify: true,
      });
      expect(await b.take(limit, { now: 1000, notifyAs: 'U0SHARED' })).toMatchObject({
        ok: false,
        notify: false,
      });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('stores no key or value that names the user or workspace, and lets its keys expire', async () => {
    const prefix = redis.nextPrefix();
    const limiter = new RedisRateLimiter(REDIS_URL, { keyPrefix: prefix });
    try {
      const limits = [
        { scope: 'user' as const, key: 'slack\nT0WORKSPACE\nU0PRIVATEID', perMinute: 1 },
        { scope: 'workspace' as const, key: 'slack\nT0WORKSPACE', perMinute: 100 },
      ];
      await limiter.take(limits, { now: 5000, notifyAs: 'U0PRIVATEID' });
      await limiter.take(limits, { now: 5000, notifyAs: 'U0PRIVATEID' });
      // Two buckets and the refusal notice.
      expect(await redis.keysUnder(prefix)).toHaveLength(3);
      const text = await redis.everythingUnder(prefix);
      expect(text).not.toContain('U0PRIVATEID');
      expect(text).not.toContain('T0WORKSPACE');
      for (const key of await redis.keysUnder(prefix)) expect(await redis.admin.pttl(key)).toBeGreaterThan(0);
    } finally {
      await limiter.close();
    }
  });

  it('fails (so the engine can let the message through) instead of hanging when Redis is unreachable', async () => {
    const limiter = new RedisRateLimiter('redis://127.0.0.1:1', { keyPrefix: redis.nextPrefix() });
    try {
      await expect(
        limiter.take([{ scope: 'user', key: 'k', perMinute: 1 }], { now: 1, notifyAs: 'u' }),
      ).rejects.toThrow();
    } finally {
      await limiter.close();
    }
  });
});
