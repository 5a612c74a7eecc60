/**
 * Analytics in the real Redis on 127.0.0.1:6379, under a prefix unique to this run and removed afterwards:
 * the contract, the key layout and expiry, and how failures are reported.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisAnalytics, statsKey, utcDay } from '../../src/analytics/index.js';
import { ErrorCodes } from '../../src/errors.js';
import { freePort } from '../store/redis-server.js';
import { REDIS_URL, redisTestKeys } from '../support/redis.js';
import { analyticsStoreContract } from './contract.js';

const redis = redisTestKeys('analytics');
const { admin, keysUnder, deleteKeys, nextPrefix } = redis;
const NOW = Date.parse('2026-03-15T12:00:00Z');

afterAll(async () => {
  const left = redis.runPrefix;
  await deleteKeys(left);
  expect(await keysUnder(left)).toEqual([]);
  await redis.cleanup();
});

analyticsStoreContract('redis', async () => {
  const keyPrefix = nextPrefix();
  const store = new RedisAnalytics(REDIS_URL, { keyPrefix });
  return {
    store,
    dump: async () => {
      const out: string[] = [];
      for (const key of await keysUnder(keyPrefix)) out.push(key, JSON.stringify(await admin.hgetall(key)));
      return out.join('\n');
    },
    poke: async (day, fields) => {
      await admin.hset(statsKey(keyPrefix, day), fields);
    },
    cleanup: async () => {
      await store.close();
      await deleteKeys(keyPrefix);
    },
  };
});

describe('redis analytics', () => {
  it('one hash per UTC day under <prefix>v1:stats:, expiring in about 400 days', async () => {
    const keyPrefix = nextPrefix();
    const store = new RedisAnalytics(REDIS_URL, { keyPrefix });
    await store.record([{ type: 'session_started' }, { type: 'escalated', reason: 'stuck' }], NOW);
    await store.record([{ type: 'session_started' }], NOW - 86_400_000);
    expect(await keysUnder(keyPrefix)).toEqual([
      `${keyPrefix}v1:stats:2026-03-14`,
      `${keyPrefix}v1:stats:2026-03-15`,
    ]);
    expect(await admin.hgetall(statsKey(keyPrefix, utcDay(NOW)))).toEqual({
      sessions: '1',
      escalations: '1',
      'escalation:stuck': '1',
    });
    const ttl = await admin.pttl(statsKey(keyPrefix, '2026-03-15'));
    expect(ttl).toBeGreaterThan(399 * 86_400_000);
    expect(ttl).toBeLessThanOrEqual(400 * 86_400_000);
    await store.close();
    await deleteKeys(keyPrefix);
  });

  it('counts from several processes add up', async () => {
    const keyPrefix = nextPrefix();
    const a = new RedisAnalytics(REDIS_URL, { keyPrefix });
    const b = new RedisAnalytics(REDIS_URL, { keyPrefix });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).record([{ type: 'session_started' }], NOW)),
    );
    expect((await a.summary({ days: 1, now: NOW })).sessions).toBe(20);
    await a.close();
    await b.close();
    await deleteKeys(keyPrefix);
  });

  it('a day key of another type reads as an empty day', async () => {
    const keyPrefix = nextPrefix();
    const store = new RedisAnalytics(REDIS_URL, { keyPrefix });
    await admin.set(statsKey(keyPrefix, '2026-03-14'), 'not a hash');
    await store.record([{ type: 'session_started' }], NOW);
    expect((await store.summary({ days: 7, now: NOW })).sessions).toBe(1);
    // Writing into it is refused, with the error's code only.
    const error = await store.record([{ type: 'session_started' }], NOW - 86_400_000).catch((e) => e);
    expect(error).toMatchObject({ code: ErrorCodes.STORE_UNAVAILABLE });
    expect(error.message).toContain('WRONGTYPE');
    expect(error.message).not.toContain('sessions');
    await store.close();
    await deleteKeys(keyPrefix);
  });

  it('an unreachable Redis is ERR_STORE_UNAVAILABLE, naming where and not what', async () => {
    const port = await freePort();
    const store = new RedisAnalytics(`redis://127.0.0.1:${port}`, { keyPrefix: nextPrefix() });
    const error = await store
      .record([{ type: 'diagnosed', provider: 'github', causes: ['expired_token'], rules: [] }], NOW)
      .catch((e) => e);
    expect(error).toMatchObject({ code: ErrorCodes.STORE_UNAVAILABLE });
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).not.toContain('expired_token');
    await expect(store.summary({ days: 7, now: NOW })).rejects.toMatchObject({
      code: ErrorCodes.STORE_UNAVAILABLE,
    });
    await store.close();
  });

  it('uses a client it is given, and leaves it open on close', async () => {
    const keyPrefix = nextPrefix();
    const client = new Redis(REDIS_URL);
    const store = new RedisAnalytics(client, { keyPrefix });
    await store.record([{ type: 'claimed' }], NOW);
    await store.close();
    expect(await client.hget(statsKey(keyPrefix, utcDay(NOW)), 'claims')).toBe('1');
    await client.quit();
    await deleteKeys(keyPrefix);
  });
});
