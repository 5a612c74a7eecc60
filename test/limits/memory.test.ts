import { describe, expect, it } from 'vitest';
import { MemoryRateLimiter } from '../../src/limits/index.js';
import { rateLimiterContract } from './contract.js';

rateLimiterContract('memory', async () => {
  const limiter = new MemoryRateLimiter();
  return { limiter, cleanup: () => limiter.close() };
});

describe('memory rate limiter', () => {
  it('stays bounded under a flood of distinct senders, forgetting the least recently seen', async () => {
    const limiter = new MemoryRateLimiter({ maxKeys: 100 });
    for (let i = 0; i < 1000; i++)
      await limiter.take([{ scope: 'user', key: `u${i}`, perMinute: 1 }], { now: 1, notifyAs: `u${i}` });
    // The last sender is still remembered (refused); the first was forgotten (a full bucket again).
    expect(
      (await limiter.take([{ scope: 'user', key: 'u999', perMinute: 1 }], { now: 1, notifyAs: 'u' })).ok,
    ).toBe(false);
    expect(
      (await limiter.take([{ scope: 'user', key: 'u0', perMinute: 1 }], { now: 1, notifyAs: 'u' })).ok,
    ).toBe(true);
  });
});
