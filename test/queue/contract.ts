/**
 * The JobQueue contract (src/queue/types.ts), as one suite every implementation runs unchanged: the memory
 * queue now, the BullMQ queue later. The engine relies on exactly what is asserted here.
 *
 * `makeQueue(options)` builds a fresh, empty queue with those options (a Redis-backed one with its own key
 * prefix); `cleanup` runs after each test, possibly after the test already closed the queue, and must also
 * remove whatever the queue left behind. Timing is only ever checked as a lower bound ("not before").
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobHandler, JobInfo, JobQueue, QueueOptions } from '../../src/queue/types.js';

export interface ContractPayload {
  seq?: number;
  text?: string;
  nested?: { list: number[] };
}

export type MakeQueue = (
  options: QueueOptions,
) => Promise<{ queue: JobQueue<ContractPayload>; cleanup: () => Promise<void> }>;

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; fails with `what` instead of hanging until the test timeout. */
async function waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await sleep(2);
  }
}

/** Seeded, so a failing interleaving can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Timers may fire up to a millisecond early against performance.now(); lower bounds allow for that.
const TIMER_SLACK_MS = 3;

class RetryLater extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`retry after ${retryAfterMs} ms`);
  }
}

export function jobQueueContract(name: string, makeQueue: MakeQueue): void {
  describe(`JobQueue contract: ${name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    const gates: Deferred<void>[] = [];
    // Ids are unique per test so implementations backed by a shared Redis cannot see each other's jobs.
    let prefix = randomUUID().slice(0, 8);
    const id = (name: string) => `${prefix}:${name}`;

    async function open(options: QueueOptions = {}): Promise<JobQueue<ContractPayload>> {
      const made = await makeQueue({ attempts: 3, backoffMs: 2, concurrency: 8, ...options });
      cleanups.push(made.cleanup);
      return made.queue;
    }

    function gate(): Deferred<void> {
      const g = deferred();
      gates.push(g);
      return g;
    }

    afterEach(async () => {
      // A failed assertion may leave a handler parked on a gate; open them all so close() can finish.
      for (const g of gates.splice(0)) g.resolve();
      for (const cleanup of cleanups.splice(0)) await cleanup();
      prefix = randomUUID().slice(0, 8);
    });

    describe('delivery', () => {
      it('processes every accepted job exactly once, with its payload, including jobs enqueued before process()', async () => {
        const queue = await open();
        const seen = new Map<string, JobInfo<ContractPayload>[]>();
        const record: JobHandler<ContractPayload> = async (job) => {
          seen.set(job.id, [...(seen.get(job.id) ?? []), job]);
        };
        for (let i = 0; i < 20; i++) {
          expect(await queue.enqueue({ id: id(`j${i}`), group: `g${i % 5}`, payload: { seq: i } })).toEqual({
            accepted: true,
          });
        }
        queue.process(record);
        for (let i = 20; i < 40; i++) {
          await queue.enqueue({ id: id(`j${i}`), group: `g${i % 5}`, payload: { seq: i, text: `job ${i}` } });
        }
        await queue.drain();

        expect(seen.size).toBe(40);
        for (let i = 0; i < 40; i++) {
          const runs = seen.get(id(`j${i}`)) ?? [];
          expect(runs).toHaveLength(1);
          expect(runs[0]).toMatchObject({ id: id(`j${i}`), group: `g${i % 5}`, attemptsMade: 0 });
          expect(runs[0]?.payload).toEqual(i < 20 ? { seq: i } : { seq: i, text: `job ${i}` });
        }
        expect(await queue.failed()).toEqual([]);
      });

      it('delivers the payload as it was enqueued, whatever the caller changes afterwards', async () => {
        const queue = await open();
        const payload = { seq: 1, nested: { list: [1, 2] } };
        await queue.enqueue({ id: id('p'), group: 'g', payload });
        payload.nested.list.push(3);
        payload.seq = 99;
        const got: ContractPayload[] = [];
        queue.process(async (job) => {
          got.push(job.payload);
        });
        await queue.drain();
        expect(got).toEqual([{ seq: 1, nested: { list: [1, 2] } }]);
      });

      it('resolves drain() at once when nothing was enqueued', async () => {
        const queue = await open();
        queue.process(async () => {});
        await queue.drain();
      });
    });

    describe('idempotency', () => {
      it('drops a duplicate id enqueued before the first ran, even in another group', async () => {
        const queue = await open();
        expect(await queue.enqueue({ id: id('dup'), group: 'g', payload: { seq: 1 } })).toEqual({
          accepted: true,
        });
        expect(await queue.enqueue({ id: id('dup'), group: 'g', payload: { seq: 2 } })).toEqual({
          accepted: false,
        });
        expect(await queue.enqueue({ id: id('dup'), group: 'other', payload: { seq: 3 } })).toEqual({
          accepted: false,
        });
        const got: ContractPayload[] = [];
        queue.process(async (job) => {
          got.push(job.payload);
        });
        await queue.drain();
        expect(got).toEqual([{ seq: 1 }]);
      });

      it('drops a duplicate id while the first is running', async () => {
        const queue = await open();
        const release = gate();
        let runs = 0;
        queue.process(async () => {
          runs++;
          await release.promise;
        });
        await queue.enqueue({ id: id('dup'), group: 'g', payload: {} });
        await waitUntil(() => runs === 1, 'the first copy runs');
        expect(await queue.enqueue({ id: id('dup'), group: 'g', payload: {} })).toEqual({ accepted: false });
        release.resolve();
        await queue.drain();
        expect(runs).toBe(1);
      });

      it('drops a duplicate id after the first finished', async () => {
        const queue = await open();
        let runs = 0;
        queue.process(async () => {
          runs++;
        });
        await queue.enqueue({ id: id('dup'), group: 'g', payload: {} });
        await queue.drain();
        expect(await queue.enqueue({ id: id('dup'), group: 'g', payload: {} })).toEqual({ accepted: false });
        await queue.drain();
        expect(runs).toBe(1);
      });

      it('drops a duplicate of a delayed job and of a failed job', async () => {
        const queue = await open({ attempts: 1 });
        queue.process(async (job) => {
          if (job.payload.text === 'fail') throw new Error('always fails');
        });
        await queue.enqueue({ id: id('later'), group: 'g', payload: {}, delayMs: 60_000 });
        expect(await queue.enqueue({ id: id('later'), group: 'g', payload: {} })).toEqual({
          accepted: false,
        });
        await queue.enqueue({ id: id('bad'), group: 'g', payload: { text: 'fail' } });
        await queue.drain();
        expect((await queue.failed()).map((job) => job.id)).toEqual([id('bad')]);
        expect(await queue.enqueue({ id: id('bad'), group: 'g', payload: {} })).toEqual({ accepted: false });
      });

      it('accepts an id again once dedupeTtlMs has passed since it finished', async () => {
        const queue = await open({ dedupeTtlMs: 40 });
        let runs = 0;
        queue.process(async () => {
          runs++;
        });
        await queue.enqueue({ id: id('once'), group: 'g', payload: {} });
        await queue.drain();
        await sleep(150);
        expect(await queue.enqueue({ id: id('once'), group: 'g', payload: {} })).toEqual({ accepted: true });
        await queue.drain();
        expect(runs).toBe(2);
      });
    });

    describe('ordering and concurrency', () => {
      it('runs the jobs of one group one at a time in enqueue order (3 groups × 50, random latency)', async () => {
        const queue = await open({ concurrency: 8 });
        const random = seededRandom(20240501);
        const order = new Map<string, number[]>();
        const active = new Map<string, number>();
        let overlaps = 0;
        queue.process(async (job) => {
          const now = (active.get(job.group) ?? 0) + 1;
          active.set(job.group, now);
          if (now > 1) overlaps++;
          await sleep(Math.floor(random() * 4));
          order.set(job.group, [...(order.get(job.group) ?? []), job.payload.seq ?? -1]);
          active.set(job.group, (active.get(job.group) ?? 1) - 1);
        });
        const groups = ['a', 'b', 'c'];
        for (let i = 0; i < 50; i++) {
          for (const group of groups) {
            await queue.enqueue({ id: id(`${group}${i}`), group, payload: { seq: i } });
          }
        }
        await queue.drain();

        const expected = Array.from({ length: 50 }, (_, i) => i);
        for (const group of groups) expect(order.get(group)).toEqual(expected);
        expect(overlaps).toBe(0);
      });

      it('runs different groups concurrently (two handlers that wait for each other both finish)', async () => {
        const queue = await open({ concurrency: 2 });
        const arrived = { a: deferred(), b: deferred() };
        const finished: string[] = [];
        queue.process(async (job) => {
          const mine = job.group === 'a' ? arrived.a : arrived.b;
          const theirs = job.group === 'a' ? arrived.b : arrived.a;
          mine.resolve();
          // If groups ran one after the other this would never resolve; fail clearly instead of hanging.
          const timeout = sleep(5_000).then(() => 'timeout' as const);
          if ((await Promise.race([theirs.promise, timeout])) === 'timeout') throw new Error('ran alone');
          finished.push(job.group);
        });
        await queue.enqueue({ id: id('a'), group: 'a', payload: {} });
        await queue.enqueue({ id: id('b'), group: 'b', payload: {} });
        await queue.drain();
        expect(finished.sort()).toEqual(['a', 'b']);
        expect(await queue.failed()).toEqual([]);
      });

      it('never runs more than `concurrency` jobs at once', async () => {
        const queue = await open({ concurrency: 2 });
        let active = 0;
        let most = 0;
        let done = 0;
        queue.process(async () => {
          active++;
          most = Math.max(most, active);
          await sleep(2);
          active--;
          done++;
        });
        for (let i = 0; i < 24; i++)
          await queue.enqueue({ id: id(`j${i}`), group: `g${i % 8}`, payload: {} });
        await queue.drain();
        expect(done).toBe(24);
        expect(most).toBeLessThanOrEqual(2);
      });

      it('keeps group order through retries: a retrying job holds its group', async () => {
        const queue = await open({ attempts: 3, backoffMs: 10 });
        const order: string[] = [];
        queue.process(async (job) => {
          order.push(`${job.payload.text}#${job.attemptsMade}`);
          if (job.payload.text === 'first' && job.attemptsMade < 2) throw new Error('not yet');
        });
        await queue.enqueue({ id: id('1'), group: 'g', payload: { text: 'first' } });
        await queue.enqueue({ id: id('2'), group: 'g', payload: { text: 'second' } });
        await queue.enqueue({ id: id('3'), group: 'g', payload: { text: 'third' } });
        await queue.drain();
        expect(order).toEqual(['first#0', 'first#1', 'first#2', 'second#0', 'third#0']);
      });
    });

    describe('retries', () => {
      it('retries with backoff until the handler succeeds, counting attemptsMade', async () => {
        const backoffMs = 15;
        const queue = await open({ attempts: 4, backoffMs });
        const attempts: Array<{ made: number; at: number }> = [];
        queue.process(async (job) => {
          attempts.push({ made: job.attemptsMade, at: performance.now() });
          if (job.attemptsMade < 2) throw new Error(`attempt ${job.attemptsMade} failed`);
        });
        await queue.enqueue({ id: id('flaky'), group: 'g', payload: { seq: 7 } });
        await queue.drain();

        expect(attempts.map((a) => a.made)).toEqual([0, 1, 2]);
        const [a0, a1, a2] = attempts.map((a) => a.at);
        // Backoff doubles: backoffMs after the first failure, 2 × backoffMs after the second.
        expect(a1! - a0!).toBeGreaterThanOrEqual(backoffMs - TIMER_SLACK_MS);
        expect(a2! - a1!).toBeGreaterThanOrEqual(2 * backoffMs - TIMER_SLACK_MS);
        expect(await queue.failed()).toEqual([]);
      });

      it("waits at least an error's retryAfterMs before the next attempt", async () => {
        const queue = await open({ attempts: 3, backoffMs: 1 });
        const starts: number[] = [];
        queue.process(async (job) => {
          starts.push(performance.now());
          if (job.attemptsMade === 0) throw new RetryLater(80);
        });
        await queue.enqueue({ id: id('limited'), group: 'g', payload: {} });
        await queue.drain();
        expect(starts).toHaveLength(2);
        expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(80 - TIMER_SLACK_MS);
      });

      it('fails a job at once when the error is marked unrecoverable, and runs the rest of its group', async () => {
        const queue = await open({ attempts: 5, backoffMs: 1 });
        const ran: string[] = [];
        queue.process(async (job) => {
          ran.push(job.id);
          if (job.id === id('refused'))
            throw Object.assign(new Error('receiver said 400'), { unrecoverable: true });
        });
        await queue.enqueue({ id: id('refused'), group: 'g', payload: {} });
        await queue.enqueue({ id: id('next'), group: 'g', payload: {} });
        await queue.drain();
        expect(ran).toEqual([id('refused'), id('next')]);
        const failed = await queue.failed();
        expect(failed.map((job) => [job.id, job.attemptsMade, job.failedReason])).toEqual([
          [id('refused'), 1, 'receiver said 400'],
        ]);
      });

      it('lets other groups run while a job backs off, even with concurrency 1', async () => {
        const queue = await open({ attempts: 2, backoffMs: 1, concurrency: 1 });
        const order: string[] = [];
        queue.process(async (job) => {
          order.push(`${job.group}#${job.attemptsMade}`);
          // A long wait: `other` can only run if a job backing off does not hold a slot.
          if (job.group === 'slow') throw new RetryLater(60_000);
        });
        await queue.enqueue({ id: id('slow'), group: 'slow', payload: {} });
        await waitUntil(() => order.length === 1, 'the first attempt ran');
        await queue.enqueue({ id: id('other'), group: 'other', payload: {} });
        await waitUntil(() => order.length === 2, 'the other group ran');
        expect(order).toEqual(['slow#0', 'other#0']);
      });

      it('retries a job past its attempts while the platform is away (outage), then runs it once', async () => {
        const queue = await open({ attempts: 2, backoffMs: 1 });
        const attempts: number[] = [];
        let done = 0;
        queue.process(async (job) => {
          attempts.push(job.attemptsMade);
          if (attempts.length <= 5)
            throw Object.assign(new Error('the platform answered 503'), { retryAfterMs: 0, outage: true });
          done += 1;
        });
        await queue.enqueue({ id: id('away'), group: 'g', payload: {} });
        await queue.drain();
        expect(attempts).toEqual([0, 1, 2, 3, 4, 5]);
        expect(done).toBe(1);
        expect(await queue.failed()).toEqual([]);
      });

      it('fails the same failures, unmarked, after its attempts', async () => {
        const queue = await open({ attempts: 2, backoffMs: 1 });
        const attempts: number[] = [];
        queue.process(async (job) => {
          attempts.push(job.attemptsMade);
          throw Object.assign(new Error('not the platform'), { retryAfterMs: 1 });
        });
        await queue.enqueue({ id: id('ours'), group: 'g', payload: {} });
        await queue.drain();
        expect(attempts).toEqual([0, 1]);
        expect((await queue.failed()).map((job) => [job.id, job.attemptsMade])).toEqual([[id('ours'), 2]]);
      });

      it('drain() waits for a job that is still retrying', async () => {
        const queue = await open({ attempts: 3, backoffMs: 20 });
        let succeeded = false;
        queue.process(async (job) => {
          if (job.attemptsMade === 0) throw new Error('first try fails');
          succeeded = true;
        });
        await queue.enqueue({ id: id('r'), group: 'g', payload: {} });
        await queue.drain();
        expect(succeeded).toBe(true);
      });
    });

    describe('failed jobs', () => {
      it('keeps a job that exhausted its attempts in failed(), with the error message and not the payload', async () => {
        const queue = await open({ attempts: 3 });
        let calls = 0;
        let failing = true;
        queue.process(async () => {
          calls++;
          if (failing) throw new Error('upstream said no');
        });
        await queue.enqueue({ id: id('doomed'), group: 'g', payload: { text: 'PAYLOAD-MARKER', seq: 5 } });
        await queue.drain();

        expect(calls).toBe(3);
        const failed = await queue.failed();
        expect(failed).toHaveLength(1);
        expect(failed[0]).toMatchObject({
          id: id('doomed'),
          group: 'g',
          attemptsMade: 3,
          failedReason: 'upstream said no',
          payload: { text: 'PAYLOAD-MARKER', seq: 5 },
        });

        failing = false;
        expect(await queue.retry(id('doomed'))).toBe(true);
        await queue.drain();
        expect(calls).toBe(4);
        expect(await queue.failed()).toEqual([]);
        expect(await queue.retry(id('doomed'))).toBe(false);
        expect(await queue.retry(id('never-seen'))).toBe(false);
      });

      it('retry(id) puts the job at the end of its group with attemptsMade reset', async () => {
        const queue = await open({ attempts: 1 });
        const release = gate();
        const order: string[] = [];
        queue.process(async (job) => {
          order.push(`${job.payload.text}#${job.attemptsMade}`);
          if (job.payload.text === 'f' && order.length === 1) throw new Error('first run fails');
          if (job.payload.text === 'g1') await release.promise;
        });
        await queue.enqueue({ id: id('f'), group: 'g', payload: { text: 'f' } });
        await queue.drain();
        await queue.enqueue({ id: id('g1'), group: 'g', payload: { text: 'g1' } });
        await waitUntil(() => order.length === 2, 'g1 runs');
        await queue.enqueue({ id: id('g2'), group: 'g', payload: { text: 'g2' } });
        expect(await queue.retry(id('f'))).toBe(true);
        release.resolve();
        await queue.drain();
        expect(order).toEqual(['f#0', 'g1#0', 'g2#0', 'f#0']);
        expect(await queue.failed()).toEqual([]);
      });

      it('survives handlers that throw non-Error values or throw synchronously, without unhandled rejections', async () => {
        const unhandled: unknown[] = [];
        const onUnhandled = (reason: unknown) => unhandled.push(reason);
        process.on('unhandledRejection', onUnhandled);
        try {
          const queue = await open({ attempts: 1 });
          let afterRan = false;
          const thrown: unknown[] = [
            'a plain string',
            undefined,
            null,
            42,
            { code: 'E_OBJECT' },
            Symbol('odd'),
            new Error(''),
          ];
          const handler = (job: JobInfo<ContractPayload>): Promise<void> => {
            const seq = job.payload.seq ?? 0;
            if (seq === -1) {
              afterRan = true;
              return Promise.resolve();
            }
            // Thrown before any promise exists, as a handler written without `async` might.
            if (seq === 100) throw new Error('synchronous throw');
            // The payload itself as the thrown value: its contents must not become the reason.
            if (seq === 101) return Promise.reject(job.payload);
            return Promise.reject(thrown[seq]);
          };
          queue.process(handler);
          const seqs = [...thrown.keys(), 100, 101];
          for (const seq of seqs) {
            await queue.enqueue({
              id: id(`t${seq}`),
              group: `g${seq}`,
              payload: { seq, text: 'PAYLOAD-MARKER' },
            });
          }
          await queue.enqueue({ id: id('after'), group: 'g0', payload: { seq: -1 } });
          await queue.drain();
          await new Promise((resolve) => setImmediate(resolve));

          const failed = await queue.failed();
          expect(failed.map((job) => job.id).sort()).toEqual(seqs.map((seq) => id(`t${seq}`)).sort());
          for (const job of failed) {
            expect(typeof job.failedReason).toBe('string');
            expect(job.failedReason).not.toContain('PAYLOAD-MARKER');
          }
          expect(failed.find((job) => job.id === id('t0'))?.failedReason).toBe('a plain string');
          expect(failed.find((job) => job.id === id('t100'))?.failedReason).toBe('synchronous throw');
          expect(afterRan).toBe(true);
          expect(unhandled).toEqual([]);
        } finally {
          process.off('unhandledRejection', onUnhandled);
        }
      });
    });

    describe('delayed jobs and cancel', () => {
      it('runs a delayed job no earlier than its delay', async () => {
        const queue = await open();
        const ran = deferred<number>();
        queue.process(async () => ran.resolve(performance.now()));
        const enqueuedAt = performance.now();
        await queue.enqueue({ id: id('later'), group: 'g', payload: {}, delayMs: 60 });
        expect((await ran.promise) - enqueuedAt).toBeGreaterThanOrEqual(60 - TIMER_SLACK_MS);
      });

      it('drain() does not wait for delayed jobs', async () => {
        const queue = await open();
        const ran: string[] = [];
        queue.process(async (job) => {
          ran.push(job.id);
        });
        await queue.enqueue({ id: id('later'), group: 'g', payload: {}, delayMs: 60_000 });
        await queue.enqueue({ id: id('now'), group: 'g', payload: {} });
        await queue.drain();
        expect(ran).toEqual([id('now')]);
      });

      it('cancel() removes a delayed job so it never runs', async () => {
        const queue = await open();
        const ran: string[] = [];
        queue.process(async (job) => {
          ran.push(job.id);
        });
        await queue.enqueue({ id: id('moot'), group: 'g', payload: {}, delayMs: 40 });
        expect(await queue.cancel(id('moot'))).toBe(true);
        expect(await queue.cancel(id('moot'))).toBe(false);
        await sleep(120);
        await queue.drain();
        expect(ran).toEqual([]);
      });

      it('cancel() removes a waiting job not yet started, but not a running, finished or unknown one', async () => {
        const queue = await open();
        const release = gate();
        const ran: string[] = [];
        queue.process(async (job) => {
          ran.push(job.id);
          if (job.id === id('first')) await release.promise;
        });
        await queue.enqueue({ id: id('first'), group: 'g', payload: {} });
        await waitUntil(() => ran.length === 1, 'the first job runs');
        await queue.enqueue({ id: id('second'), group: 'g', payload: {} });
        await queue.enqueue({ id: id('third'), group: 'g', payload: {} });
        expect(await queue.cancel(id('first'))).toBe(false);
        expect(await queue.cancel(id('second'))).toBe(true);
        release.resolve();
        await queue.drain();
        expect(ran).toEqual([id('first'), id('third')]);
        expect(await queue.cancel(id('first'))).toBe(false);
        expect(await queue.cancel(id('unknown'))).toBe(false);
      });

      it('does not cancel a job backing off between attempts', async () => {
        const queue = await open({ attempts: 2, backoffMs: 1 });
        let calls = 0;
        queue.process(async (job) => {
          calls++;
          if (job.attemptsMade === 0) throw new RetryLater(50);
        });
        await queue.enqueue({ id: id('started'), group: 'g', payload: {} });
        await waitUntil(() => calls === 1, 'the first attempt ran');
        expect(await queue.cancel(id('started'))).toBe(false);
        await queue.drain();
        expect(calls).toBe(2);
      });

      it('forgets a cancelled id, so the same follow-up can be scheduled again', async () => {
        const queue = await open();
        const ran: ContractPayload[] = [];
        queue.process(async (job) => {
          ran.push(job.payload);
        });
        await queue.enqueue({ id: id('follow-up'), group: 'g', payload: { seq: 1 }, delayMs: 60_000 });
        expect(await queue.cancel(id('follow-up'))).toBe(true);
        expect(await queue.enqueue({ id: id('follow-up'), group: 'g', payload: { seq: 2 } })).toEqual({
          accepted: true,
        });
        await queue.drain();
        expect(ran).toEqual([{ seq: 2 }]);
      });
    });

    describe('purge (forget me)', () => {
      it("removes an owner's waiting, delayed and failed jobs, never another owner's, and not the one running", async () => {
        const queue = await open({ attempts: 1 });
        const alice = id('alice');
        const bob = id('bob');
        const release = gate();
        const ran: string[] = [];
        queue.process(async (job) => {
          ran.push(job.id);
          if (job.id === id('running')) await release.promise;
          if (job.id === id('doomed')) throw new Error('the platform refused it');
        });
        await queue.enqueue({ id: id('doomed'), group: 'f', payload: {}, owner: alice });
        await queue.drain();
        expect((await queue.failed()).map((j) => j.id)).toEqual([id('doomed')]);

        await queue.enqueue({ id: id('running'), group: 'g', payload: {}, owner: alice });
        await waitUntil(() => ran.includes(id('running')), 'the head of the group runs');
        await queue.enqueue({ id: id('queued'), group: 'g', payload: {}, owner: alice });
        await queue.enqueue({ id: id('bobs'), group: 'g', payload: {}, owner: bob });
        await queue.enqueue({ id: id('follow-up'), group: 'g', payload: {}, owner: alice, delayMs: 60_000 });
        await queue.enqueue({ id: id('nobodys'), group: 'h', payload: {}, delayMs: 60_000 });

        expect(await queue.purge(alice)).toBe(3);
        release.resolve();
        await queue.drain();
        expect(ran).toEqual([id('doomed'), id('running'), id('bobs')]);
        expect(await queue.failed()).toEqual([]);
        // The delayed jobs left: bob's none, nobody's follow-up. alice's is gone.
        expect(await queue.cancel(id('follow-up'))).toBe(false);
        expect(await queue.cancel(id('nobodys'))).toBe(true);
        expect(await queue.purge(alice)).toBe(0);
      });

      it('keeps purged ids known, so a re-delivered event is still dropped', async () => {
        const queue = await open();
        const owner = id('carol');
        await queue.enqueue({ id: id('e1'), group: 'g', payload: {}, owner, delayMs: 60_000 });
        expect(await queue.purge(owner)).toBe(1);
        expect(await queue.enqueue({ id: id('e1'), group: 'g', payload: {}, owner })).toEqual({
          accepted: false,
        });
      });

      it('lets the rest of a group run when a purged job was waiting at its head', async () => {
        const queue = await open({ attempts: 2, backoffMs: 1 });
        const owner = id('dave');
        let calls = 0;
        const ran: string[] = [];
        queue.process(async (job) => {
          ran.push(job.id);
          if (job.id === id('retrying')) {
            calls++;
            throw new RetryLater(60_000);
          }
        });
        await queue.enqueue({ id: id('retrying'), group: 'g', payload: {}, owner });
        await waitUntil(() => calls === 1, 'the first attempt ran');
        await queue.enqueue({ id: id('next'), group: 'g', payload: {} });
        // Once the attempt has failed, the job backs off (delayed) at the head of its group.
        for (let i = 0; (await queue.counts()).delayed !== 1; i++) {
          if (i > 1000) throw new Error('the job never started backing off');
          await sleep(5);
        }
        expect(await queue.purge(owner)).toBe(1);
        await queue.drain();
        expect(ran).toEqual([id('retrying'), id('next')]);
      });
    });

    describe('close', () => {
      it('waits for running jobs, then rejects new ones with ERR_QUEUE_CLOSED', async () => {
        const queue = await open();
        const release = gate();
        const events: string[] = [];
        queue.process(async () => {
          events.push('started');
          await release.promise;
          events.push('finished');
        });
        await queue.enqueue({ id: id('inflight'), group: 'g', payload: {} });
        await waitUntil(() => events.length === 1, 'the job runs');
        const closing = queue.close().then(() => events.push('closed'));
        await sleep(20);
        expect(events).toEqual(['started']);
        release.resolve();
        await closing;
        expect(events).toEqual(['started', 'finished', 'closed']);
        await expect(queue.enqueue({ id: id('too-late'), group: 'g', payload: {} })).rejects.toMatchObject({
          code: 'ERR_QUEUE_CLOSED',
        });
      });

      it('does not wait for delayed jobs or pending retries', async () => {
        const queue = await open({ attempts: 3, backoffMs: 60_000 });
        let calls = 0;
        queue.process(async () => {
          calls++;
          throw new Error('retry much later');
        });
        await queue.enqueue({ id: id('later'), group: 'g1', payload: {}, delayMs: 60_000 });
        await queue.enqueue({ id: id('retrying'), group: 'g2', payload: {} });
        await waitUntil(() => calls === 1, 'the first attempt ran');
        await queue.close();
        expect(calls).toBe(1);
      });
    });
  });
}
