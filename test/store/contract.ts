/**
 * The behaviour every SessionStore shares, so the engine cannot tell the memory store from Redis. TTL tests
 * use short TTLs and generous waits and only assert what is visible, never how long something took.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionStore } from '../../src/store/types.js';

export interface StoreHandle {
  store: SessionStore;
  /** Closes the store and removes whatever it wrote. */
  cleanup: () => Promise<void>;
}

/** `ttlMs` is the store's default TTL (a long one when not given). */
export type MakeStore = (options?: { ttlMs?: number }) => Promise<StoreHandle>;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function gate(): { open: () => void; opened: Promise<void> } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/** The `code` a promise rejects with, or 'resolved'. */
export async function codeOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (err: unknown) => (err as { code?: unknown }).code,
  );
}

export function sessionStoreContract(name: string, makeStore: MakeStore): void {
  describe(`${name}: SessionStore contract`, () => {
    let handles: StoreHandle[] = [];
    const open = async (options?: { ttlMs?: number }) => {
      const handle = await makeStore(options);
      handles.push(handle);
      return handle.store;
    };
    afterEach(async () => {
      for (const handle of handles) await handle.cleanup();
      handles = [];
    });

    describe('values', () => {
      it('gets what was set, and nothing for keys never set or deleted', async () => {
        const store = await open();
        expect(await store.get('never')).toBeUndefined();
        await store.set('k', { step: 3 });
        expect(await store.get('k')).toEqual({ step: 3 });
        await store.delete('k');
        expect(await store.get('k')).toBeUndefined();
        await store.delete('k');
        await store.delete('never');
      });

      it('round-trips JSON: nesting, unicode, null and numbers; Dates come back as their JSON text', async () => {
        const store = await open();
        const value = { a: [1, 2.5, -0.125, null, true], b: { c: 'ünï — 🔑', d: '' }, e: new Date(0) };
        await store.set('k', value);
        expect(await store.get('k')).toEqual(JSON.parse(JSON.stringify(value)));
        for (const scalar of ['text', 0, false, null, [] as unknown[]]) {
          await store.set('s', scalar);
          expect(await store.get('s')).toEqual(scalar);
        }
      });

      it('never aliases: changing what was passed in or handed out leaves the stored value alone', async () => {
        const store = await open();
        const value = { list: [1], nested: { n: 1 } };
        await store.set('k', value);
        value.list.push(2);
        value.nested.n = 99;
        const first = (await store.get('k')) as typeof value;
        first.list.push(3);
        expect(await store.get('k')).toEqual({ list: [1], nested: { n: 1 } });
      });

      it('refuses a value JSON cannot carry instead of storing nothing', async () => {
        const store = await open();
        await expect(store.set('k', undefined)).rejects.toThrow(TypeError);
        await expect(store.set('k', () => 1)).rejects.toThrow(TypeError);
        expect(await store.get('k')).toBeUndefined();
      });

      it('keeps keys apart', async () => {
        const store = await open();
        await store.set('a', 'A');
        await store.set('a:b', 'AB');
        expect(await store.get('a')).toBe('A');
        expect(await store.get('a:b')).toBe('AB');
      });
    });

    describe('TTL', () => {
      it('hides a value once its TTL has passed', async () => {
        const store = await open();
        await store.set('short', 1, { ttlMs: 80 });
        await store.set('long', 2, { ttlMs: 60_000 });
        expect(await store.get('short')).toBe(1);
        await sleep(300);
        expect(await store.get('short')).toBeUndefined();
        expect(await store.get('long')).toBe(2);
      });

      it("uses the store's TTL when set is given none", async () => {
        const store = await open({ ttlMs: 80 });
        await store.set('k', 1);
        await sleep(300);
        expect(await store.get('k')).toBeUndefined();
      });

      it('restarts the TTL on overwrite, with the new TTL', async () => {
        const store = await open();
        await store.set('lengthened', 'old', { ttlMs: 100 });
        await store.set('lengthened', 'new', { ttlMs: 60_000 });
        await store.set('shortened', 'old', { ttlMs: 60_000 });
        await store.set('shortened', 'new', { ttlMs: 100 });
        await sleep(350);
        expect(await store.get('lengthened')).toBe('new');
        expect(await store.get('shortened')).toBeUndefined();
      });
    });

    describe('keysOfUser', () => {
      it('lists the keys stored for a user, following set, delete and expiry', async () => {
        const store = await open();
        await store.set('slack:T1:C1', 1, { user: 'U1' });
        await store.set('slack:T1:C2', 2, { user: 'U1' });
        await store.set('slack:T1:C3', 3, { user: 'U2' });
        await store.set('slack:T1:C4', 4);
        await store.set('slack:T1:C5', 5, { user: 'U1', ttlMs: 80 });
        expect(await store.keysOfUser('U1')).toEqual(['slack:T1:C1', 'slack:T1:C2', 'slack:T1:C5']);
        expect(await store.keysOfUser('U2')).toEqual(['slack:T1:C3']);
        expect(await store.keysOfUser('nobody')).toEqual([]);
        await store.delete('slack:T1:C1');
        await sleep(300);
        expect(await store.keysOfUser('U1')).toEqual(['slack:T1:C2']);
      });

      it('follows the latest set: a key stored again for another user (or none) leaves the first', async () => {
        const store = await open();
        await store.set('k1', 1, { user: 'U1' });
        await store.set('k2', 2, { user: 'U1' });
        await store.set('k1', 1, { user: 'U2' });
        await store.set('k2', 2);
        expect(await store.keysOfUser('U1')).toEqual([]);
        expect(await store.keysOfUser('U2')).toEqual(['k1']);
        await store.set('k1', 1, { user: 'U1' });
        expect(await store.keysOfUser('U1')).toEqual(['k1']);
      });

      it('keeps a long-lived key listed after a short-lived one of the same user expires', async () => {
        const store = await open();
        await store.set('long', 1, { user: 'U1', ttlMs: 60_000 });
        await store.set('short', 2, { user: 'U1', ttlMs: 80 });
        await sleep(300);
        expect(await store.keysOfUser('U1')).toEqual(['long']);
      });
    });

    describe('withLock', () => {
      it('returns what fn returns', async () => {
        const store = await open();
        expect(await store.withLock('k', async () => 42)).toBe(42);
      });

      it('never lets two holders of one key overlap', async () => {
        const store = await open();
        const events: string[] = [];
        const run = (id: number) =>
          store.withLock('conv', async () => {
            events.push(`enter ${id}`);
            await sleep(30);
            events.push(`exit ${id}`);
          });
        await Promise.all([1, 2, 3, 4].map(run));
        expect(events).toHaveLength(8);
        for (let i = 0; i < events.length; i += 2) {
          expect(events[i + 1]).toBe(events[i]!.replace('enter', 'exit'));
        }
      });

      it('runs different keys at the same time', async () => {
        const store = await open();
        const bEntered = gate();
        const deadlockGuard = sleep(5_000).then(() => 'waited in vain');
        const a = store.withLock('key-a', async () =>
          Promise.race([bEntered.opened.then(() => 'ok'), deadlockGuard]),
        );
        const b = store.withLock('key-b', async () => bEntered.open());
        await b;
        expect(await a).toBe('ok');
      });

      it('gives up after waitMs with ERR_LOCK_TIMEOUT, without running fn', async () => {
        const store = await open();
        const entered = gate();
        const release = gate();
        const holder = store.withLock('k', async () => {
          entered.open();
          await release.opened;
        });
        await entered.opened;
        let ran = false;
        const waiter = store.withLock(
          'k',
          async () => {
            ran = true;
          },
          { waitMs: 100 },
        );
        expect(await codeOf(waiter)).toBe('ERR_LOCK_TIMEOUT');
        expect(await codeOf(store.withLock('k', async () => 1, { waitMs: 0 }))).toBe('ERR_LOCK_TIMEOUT');
        release.open();
        await holder;
        expect(ran).toBe(false);
        expect(await store.withLock('k', async () => 'free again', { waitMs: 0 })).toBe('free again');
      });

      it('releases the lock when fn throws, and passes the error on', async () => {
        const store = await open();
        const boom = new Error('boom');
        await expect(
          store.withLock('k', async () => {
            throw boom;
          }),
        ).rejects.toBe(boom);
        expect(await store.withLock('k', async () => 'next', { waitMs: 0 })).toBe('next');
      });

      it('frees the key after the lease when the holder never returns; the late holder cannot free it', async () => {
        const store = await open();
        const entered = gate();
        const stuck = gate();
        const first = store.withLock(
          'k',
          async () => {
            entered.open();
            await stuck.opened;
          },
          { leaseMs: 100 },
        );
        await entered.opened;
        const order: string[] = [];
        const second = store.withLock(
          'k',
          async () => {
            order.push('second entered');
            stuck.open();
            await first;
            order.push('first finished');
            return codeOf(store.withLock('k', async () => 1, { waitMs: 0 }));
          },
          { waitMs: 5_000 },
        );
        expect(await second).toBe('ERR_LOCK_TIMEOUT');
        expect(order).toEqual(['second entered', 'first finished']);
      });
    });

    it('rejects calls after close with ERR_STORE_UNAVAILABLE; close twice is fine', async () => {
      const store = await open();
      await store.set('k', 1);
      await store.close();
      await store.close();
      expect(await codeOf(store.get('k'))).toBe('ERR_STORE_UNAVAILABLE');
      expect(await codeOf(store.set('k', 2))).toBe('ERR_STORE_UNAVAILABLE');
      expect(await codeOf(store.keysOfUser('U1'))).toBe('ERR_STORE_UNAVAILABLE');
      expect(await codeOf(store.withLock('k', async () => 1))).toBe('ERR_STORE_UNAVAILABLE');
    });
  });
}
