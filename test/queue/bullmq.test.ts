/**
 * The BullMQ queue against the real Redis on 127.0.0.1:6379, each queue under a key prefix of its own that
 * is removed afterwards: the shared JobQueue contract, then what only a shared, durable queue can show.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BullQueue, bullJobId } from '../../src/queue/bullmq.js';
import type { QueueOptions } from '../../src/queue/types.js';
import { REDIS_URL, redisTestKeys } from '../support/redis.js';
import { waitFor } from '../support/wait.js';
import { type ContractPayload, jobQueueContract } from './contract.js';

const redis = redisTestKeys('queue');
const { deleteKeys } = redis;
afterAll(() => redis.cleanup());

function open<P = ContractPayload>(options: QueueOptions & { keyPrefix?: string } = {}) {
  const keyPrefix = options.keyPrefix ?? redis.nextPrefix();
  const queue = new BullQueue<P>({
    url: REDIS_URL,
    name: 'events',
    parkedPollMs: 200,
    ...options,
    keyPrefix,
  });
  return { queue, keyPrefix };
}

jobQueueContract('bullmq', async (options) => {
  const { queue, keyPrefix } = open(options);
  return {
    queue,
    cleanup: async () => {
      await queue.close();
      await deleteKeys(keyPrefix);
    },
  };
});

describe('bullmq queue', () => {
  it('maps ids BullMQ would refuse (colons, integers) to ids it takes, reversibly distinct', () => {
    expect(bullJobId('event:slack:msg:C1:1.2')).not.toContain(':');
    expect(bullJobId('42')).not.toMatch(/^\d+$/);
    expect(bullJobId('a:b')).not.toBe(bullJobId('a%3Ab'));
  });

  it('shares one queue between processes: a job enqueued by a producer is run by another instance', async () => {
    const keyPrefix = redis.nextPrefix();
    const producer = open({ keyPrefix }).queue;
    const worker = open({ keyPrefix }).queue;
    const seen: string[] = [];
    worker.process(async (job) => {
      seen.push(job.id);
    });
    expect(await producer.enqueue({ id: 'e:1', group: 'g', payload: { seq: 1 } })).toEqual({
      accepted: true,
    });
    expect(await producer.enqueue({ id: 'e:1', group: 'g', payload: { seq: 1 } })).toEqual({
      accepted: false,
    });
    await producer.drain();
    expect(seen).toEqual(['e:1']);
    // The id is remembered in Redis, not in either process: a fresh instance refuses it too.
    const third = open({ keyPrefix }).queue;
    expect(await third.enqueue({ id: 'e:1', group: 'g', payload: {} })).toEqual({ accepted: false });
    await Promise.all([producer.close(), worker.close(), third.close()]);
    await deleteKeys(keyPrefix);
  });

  it('keeps group order across two working instances', async () => {
    const keyPrefix = redis.nextPrefix();
    const a = open({ keyPrefix, concurrency: 4 }).queue;
    const b = open({ keyPrefix, concurrency: 4 }).queue;
    const order = new Map<string, number[]>();
    const running = new Set<string>();
    let overlap = 0;
    const handler = async (job: { group: string; payload: ContractPayload }) => {
      if (running.has(job.group)) overlap++;
      running.add(job.group);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
      order.set(job.group, [...(order.get(job.group) ?? []), job.payload.seq ?? -1]);
      running.delete(job.group);
    };
    a.process(handler);
    b.process(handler);
    for (let seq = 0; seq < 30; seq++)
      for (const group of ['x', 'y', 'z']) await a.enqueue({ id: `${group}${seq}`, group, payload: { seq } });
    await a.drain();
    const expected = Array.from({ length: 30 }, (_, i) => i);
    expect(Object.fromEntries(order)).toEqual({ x: expected, y: expected, z: expected });
    expect(overlap).toBe(0);
    await Promise.all([a.close(), b.close()]);
    await deleteKeys(keyPrefix);
  });

  it('answers enqueue with ERR_QUEUE_UNAVAILABLE within its timeout when Redis is unreachable', async () => {
    const queue = new BullQueue({
      url: 'redis://127.0.0.1:1',
      keyPrefix: `${redis.runPrefix}down:`,
      name: 'events',
      enqueueTimeoutMs: 300,
    });
    await expect(queue.enqueue({ id: 'x', group: 'g', payload: {} })).rejects.toMatchObject({
      code: 'ERR_QUEUE_UNAVAILABLE',
    });
    await queue.close();
  });

  it('lists a failed job for operators and runs it again on retry', async () => {
    const { queue, keyPrefix } = open({ attempts: 1 });
    let fail = true;
    const done: string[] = [];
    queue.process(async (job) => {
      if (fail) throw new Error('platform said 500');
      done.push(job.id);
    });
    await queue.enqueue({ id: 'event:slack:1', group: 'g', payload: { text: 'redacted' } });
    await waitFor(async () => (await queue.failed()).length === 1, 'the job in the failed set');
    const [failed] = await queue.failed();
    expect(failed).toMatchObject({ id: 'event:slack:1', failedReason: 'platform said 500', attemptsMade: 1 });
    fail = false;
    expect(await queue.retry('event:slack:1')).toBe(true);
    await queue.drain();
    expect(done).toEqual(['event:slack:1']);
    expect(await queue.failed()).toEqual([]);
    await queue.close();
    await deleteKeys(keyPrefix);
  });
});
