/** The in-process analytics store (the embedded default): the contract, its day bound, and the choice. */
import { describe, expect, it } from 'vitest';
import { createAnalytics, MemoryAnalytics, RedisAnalytics } from '../../src/analytics/index.js';
import { loadConfig } from '../../src/config.js';
import { analyticsStoreContract } from './contract.js';

analyticsStoreContract('memory', async () => {
  const store = new MemoryAnalytics();
  return {
    store,
    dump: async () => JSON.stringify(store.dump()),
    cleanup: () => store.close(),
  };
});

describe('memory analytics', () => {
  it('keeps at most maxDays daily buckets, dropping the oldest days', async () => {
    const store = new MemoryAnalytics({ maxDays: 3 });
    const day = 86_400_000;
    const now = Date.parse('2026-03-15T12:00:00Z');
    // Out of order: the bound is by date, not by arrival.
    for (const ago of [1, 4, 0, 3, 2]) await store.record([{ type: 'session_started' }], now - ago * day);
    expect(Object.keys(store.dump()).sort()).toEqual(['2026-03-13', '2026-03-14', '2026-03-15']);
    expect((await store.summary({ days: 30, now })).sessions).toBe(3);
    await store.close();
  });

  it('keeps ~400 days by default', async () => {
    const store = new MemoryAnalytics();
    const now = Date.parse('2026-03-15T12:00:00Z');
    for (let ago = 0; ago < 420; ago++)
      await store.record([{ type: 'session_started' }], now - ago * 86_400_000);
    expect(Object.keys(store.dump())).toHaveLength(400);
    await store.close();
  });

  it('records nothing for no facts', async () => {
    const store = new MemoryAnalytics();
    await store.record([], Date.now());
    expect(store.dump()).toEqual({});
    await store.close();
  });

  it('createAnalytics keeps analytics in memory without REDIS_URL, and in Redis with it', async () => {
    const memory = createAnalytics(loadConfig({}));
    expect(memory).toBeInstanceOf(MemoryAnalytics);
    await memory.close();
    const redis = createAnalytics(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }));
    expect(redis).toBeInstanceOf(RedisAnalytics);
    await redis.close();
  });
});
