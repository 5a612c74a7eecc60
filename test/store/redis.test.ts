/**
 * The Redis store against the real Redis on 127.0.0.1:6379 (under a prefix unique to this run, removed
 * afterwards) and against a redis-server of its own for the restart test.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSessionStore } from '../../src/store/index.js';
import { RedisSessionStore, redisKeys } from '../../src/store/redis.js';
import { codeOf, gate, sessionStoreContract, sleep } from './contract.js';
import { freePort, OwnRedisServer } from './redis-server.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const RUN_PREFIX = `authdoctor-test:${process.pid}:${randomBytes(4).toString('hex')}:`;
let prefixes = 0;
const nextPrefix = () => `${RUN_PREFIX}${++prefixes}:`;

const admin = new Redis(REDIS_URL);

async function deleteKeys(prefix: string): Promise<void> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) await admin.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

afterAll(async () => {
  await deleteKeys(RUN_PREFIX);
  const [, left] = await admin.scan('0', 'MATCH', `${RUN_PREFIX}*`, 'COUNT', 10_000);
  expect(left).toEqual([]);
  await admin.quit();
});

sessionStoreContract('redis store', async ({ ttlMs = 60_000 } = {}) => {
  const keyPrefix = nextPrefix();
  const store = new RedisSessionStore(REDIS_URL, { keyPrefix, ttlMs });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await deleteKeys(keyPrefix);
    },
  };
});

describe('redis store', () => {
  let keyPrefix: string;
  let stores: RedisSessionStore[] = [];
  const open = (options: { version?: number; ttlMs?: number } = {}) => {
    const store = new RedisSessionStore(REDIS_URL, { keyPrefix, ttlMs: 60_000, ...options });
    stores.push(store);
    return store;
  };
  beforeAll(() => {
    keyPrefix = nextPrefix();
  });
  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    stores = [];
    await deleteKeys(keyPrefix);
  });

  it('writes a versioned session key with a TTL and a user set that expires too', async () => {
    const keys = redisKeys(keyPrefix, 1);
    await open().set('slack:T1:C1', { step: 2 }, { user: 'U1', ttlMs: 30_000 });
    expect(JSON.parse((await admin.get(keys.session('slack:T1:C1')))!)).toEqual({ u: 'U1', v: { step: 2 } });
    expect(await admin.pttl(keys.session('slack:T1:C1'))).toBeGreaterThan(0);
    expect(await admin.pttl(keys.session('slack:T1:C1'))).toBeLessThanOrEqual(30_000);
    expect(await admin.smembers(keys.user('U1'))).toEqual(['slack:T1:C1']);
    expect(await admin.pttl(keys.user('U1'))).toBeGreaterThan(0);
  });

  it('never reads values written under another schema version', async () => {
    await open({ version: 1 }).set('k', 'v1 format', { user: 'U1' });
    const v2 = open({ version: 2 });
    expect(await v2.get('k')).toBeUndefined();
    expect(await v2.keysOfUser('U1')).toEqual([]);
  });

  it('reads a foreign value under its key as absent, without quoting it in an error', async () => {
    await admin.set(redisKeys(keyPrefix).session('k'), 'not json: sk_live_secret');
    await admin.set(redisKeys(keyPrefix).session('j'), '{"other":"shape"}');
    expect(await open().get('k')).toBeUndefined();
    expect(await open().get('j')).toBeUndefined();
  });

  it('waits for a lock another process holds, and leaves no lock behind', async () => {
    const store = open();
    const lockKey = redisKeys(keyPrefix).lock('conv');
    await admin.set(lockKey, 'another-process', 'PX', 150);
    expect(await codeOf(store.withLock('conv', async () => 1, { waitMs: 0 }))).toBe('ERR_LOCK_TIMEOUT');
    expect(await store.withLock('conv', async () => 'ran', { waitMs: 5_000 })).toBe('ran');
    expect(await admin.exists(lockKey)).toBe(0);
  });

  it('shares values, user indexes and locks between two store instances (two clients)', async () => {
    const [a, b] = [open(), open()];
    await a.set('k', { from: 'a' }, { user: 'U1' });
    expect(await b.get('k')).toEqual({ from: 'a' });
    expect(await b.keysOfUser('U1')).toEqual(['k']);
    await b.delete('k');
    expect(await a.get('k')).toBeUndefined();

    const entered = gate();
    const release = gate();
    const holder = a.withLock('conv', async () => {
      entered.open();
      await release.opened;
    });
    await entered.opened;
    expect(await codeOf(b.withLock('conv', async () => 1, { waitMs: 100 }))).toBe('ERR_LOCK_TIMEOUT');
    release.open();
    await holder;

    const events: string[] = [];
    const run = (store: RedisSessionStore, id: string) =>
      store.withLock('conv', async () => {
        events.push(`enter ${id}`);
        await sleep(30);
        events.push(`exit ${id}`);
      });
    await Promise.all([run(a, 'a1'), run(b, 'b1'), run(a, 'a2'), run(b, 'b2')]);
    for (let i = 0; i < events.length; i += 2)
      expect(events[i + 1]).toBe(events[i]!.replace('enter', 'exit'));
  });

  it('leaves a client it was given open on close', async () => {
    const client = new Redis(REDIS_URL);
    const store = new RedisSessionStore(client, { keyPrefix, ttlMs: 60_000 });
    await store.set('k', 1);
    await store.close();
    expect(await client.ping()).toBe('PONG');
    expect(await client.get(redisKeys(keyPrefix).session('k'))).toBe('{"u":null,"v":1}');
    await client.quit();
  });

  it('is what createSessionStore gives with a Redis URL', async () => {
    const store = createSessionStore({ redisUrl: REDIS_URL, keyPrefix, ttlMs: 60_000 });
    expect(store).toBeInstanceOf(RedisSessionStore);
    await store.set('k', 'via factory');
    expect(await open().get('k')).toBe('via factory');
    await store.close();
  });

  it('fails promptly with ERR_STORE_UNAVAILABLE, saying what to check, when Redis is unreachable', async () => {
    const store = new RedisSessionStore(`redis://127.0.0.1:${await freePort()}`, {
      keyPrefix,
      ttlMs: 60_000,
    });
    for (const call of [store.get('k'), store.set('k', 1), store.withLock('k', async () => 1)]) {
      const err = await call.catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'ERR_STORE_UNAVAILABLE' });
      expect((err as Error).message).toMatch(/REDIS_URL.*Redis is running/);
    }
    await store.close();
  }, 10_000);

  describe('with its own redis-server', () => {
    let server: OwnRedisServer;
    beforeAll(async () => {
      server = await OwnRedisServer.start();
    });
    afterAll(async () => {
      await server.stop();
    });

    it('keeps sessions across a Redis restart, the same store reconnecting by itself', async () => {
      const store = new RedisSessionStore(server.url, { keyPrefix: 'authdoctor-test:', ttlMs: 60_000 });
      stores.push(store);
      await store.set('slack:T1:C1', { step: 4, secret: 'sk_…9f3a (32 chars)' }, { user: 'U1' });

      await server.shutdown();
      expect(await codeOf(store.get('slack:T1:C1'))).toBe('ERR_STORE_UNAVAILABLE');

      await server.restart();
      expect(await store.get('slack:T1:C1')).toEqual({ step: 4, secret: 'sk_…9f3a (32 chars)' });
      expect(await store.keysOfUser('U1')).toEqual(['slack:T1:C1']);
    });
  });
});
