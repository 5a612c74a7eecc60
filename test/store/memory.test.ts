import { describe, expect, it } from 'vitest';
import { createSessionStore } from '../../src/store/index.js';
import { MemorySessionStore } from '../../src/store/memory.js';
import { codeOf, gate, sessionStoreContract } from './contract.js';

sessionStoreContract('memory store', async ({ ttlMs = 60_000 } = {}) => {
  const store = new MemorySessionStore({ ttlMs, maxEntries: 100 });
  return { store, cleanup: () => store.close() };
});

describe('memory store', () => {
  it('evicts the least recently used key beyond maxEntries, reads counting as use', async () => {
    const store = new MemorySessionStore({ ttlMs: 60_000, maxEntries: 3 });
    await store.set('a', 1, { user: 'U1' });
    await store.set('b', 2, { user: 'U1' });
    await store.set('c', 3, { user: 'U1' });
    await store.get('a');
    await store.set('c', 33, { user: 'U1' });
    await store.set('d', 4, { user: 'U1' });
    expect(await store.get('b')).toBeUndefined();
    expect([await store.get('a'), await store.get('c'), await store.get('d')]).toEqual([1, 33, 4]);
    expect(await store.keysOfUser('U1')).toEqual(['a', 'c', 'd']);
    await store.set('e', 5);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.keysOfUser('U1')).toEqual(['c', 'd']);
  });

  it('serves lock waiters in the order they asked', async () => {
    const store = new MemorySessionStore({ ttlMs: 60_000 });
    const entered = gate();
    const release = gate();
    const order: number[] = [];
    const holder = store.withLock('k', async () => {
      entered.open();
      await release.opened;
    });
    await entered.opened;
    const waiters = [1, 2, 3, 4].map((id) => store.withLock('k', async () => order.push(id)));
    release.open();
    await Promise.all([holder, ...waiters]);
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('lets a later waiter in when an earlier one times out', async () => {
    const store = new MemorySessionStore({ ttlMs: 60_000 });
    const entered = gate();
    const release = gate();
    const holder = store.withLock('k', async () => {
      entered.open();
      await release.opened;
    });
    await entered.opened;
    const impatient = store.withLock('k', async () => 'impatient', { waitMs: 30 });
    const patient = store.withLock('k', async () => 'patient', { waitMs: 5_000 });
    expect(await codeOf(impatient)).toBe('ERR_LOCK_TIMEOUT');
    release.open();
    await holder;
    expect(await patient).toBe('patient');
  });

  it('refuses nonsensical sizes and TTLs', () => {
    expect(() => new MemorySessionStore({ ttlMs: 0 })).toThrow(RangeError);
    expect(() => new MemorySessionStore({ ttlMs: 1000, maxEntries: 0 })).toThrow(RangeError);
  });

  it('is what createSessionStore gives without a Redis URL', async () => {
    const store = createSessionStore({
      redisUrl: '',
      keyPrefix: 'authdoctor:',
      ttlMs: 60_000,
      maxEntries: 10,
    });
    expect(store).toBeInstanceOf(MemorySessionStore);
    await store.close();
  });
});
