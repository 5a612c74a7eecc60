/**
 * What every test against the real Redis on 127.0.0.1:6379 needs: a key prefix unique to this run (so
 * parallel files and earlier runs never meet), a fresh sub-prefix per test, reading back what is stored
 * under one (for "this never reached Redis" checks), and removing it all afterwards.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_URL = 'redis://127.0.0.1:6379';

export interface RedisTestKeys {
  /** The prefix of everything this file stores. */
  runPrefix: string;
  /** A fresh prefix under runPrefix. */
  nextPrefix(): string;
  /** A connection for looking at what was stored. */
  admin: Redis;
  keysUnder(prefix: string): Promise<string[]>;
  /** Every key under `prefix` and its value (strings, hashes, lists, sets, sorted sets, streams) as text. */
  everythingUnder(prefix: string): Promise<string>;
  deleteKeys(prefix: string): Promise<void>;
  /** Removes everything under runPrefix and closes the connection: for afterAll. */
  cleanup(): Promise<void>;
}

export function redisTestKeys(label = 'test'): RedisTestKeys {
  const runPrefix = `authdoctor-test:${label}:${process.pid}:${randomBytes(4).toString('hex')}:`;
  const admin = new Redis(REDIS_URL);
  let count = 0;

  async function keysUnder(prefix: string): Promise<string[]> {
    const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found.sort();
  }

  async function storedValue(key: string): Promise<unknown> {
    switch (await admin.type(key)) {
      case 'string':
        return admin.get(key);
      case 'hash':
        return admin.hgetall(key);
      case 'list':
        return admin.lrange(key, 0, -1);
      case 'set':
        return admin.smembers(key);
      case 'zset':
        return admin.zrange(key, '0', '-1');
      case 'stream':
        return admin.xrange(key, '-', '+');
      default:
        return null;
    }
  }

  async function deleteKeys(prefix: string): Promise<void> {
    const keys = await keysUnder(prefix);
    if (keys.length > 0) await admin.del(...keys);
  }

  return {
    runPrefix,
    nextPrefix: () => `${runPrefix}${++count}:`,
    admin,
    keysUnder,
    async everythingUnder(prefix) {
      const lines: string[] = [];
      for (const key of await keysUnder(prefix)) lines.push(key, JSON.stringify(await storedValue(key)));
      return lines.join('\n');
    },
    deleteKeys,
    async cleanup() {
      await deleteKeys(runPrefix);
      await admin.quit();
    },
  };
}
