/**
 * The scale tests' set-up as a vitest suite: `clusterSuite` starts a cluster (harness.ts) before a file's
 * tests and stops it after them. The set-up and the load are vitest-free (harness.ts, load.ts) so that the
 * chaos report (scripts/chaos.ts) runs the very same cluster; they are re-exported here for the tests.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import type { EventJob } from '../../src/conversation/events.js';
import type { JobQueue } from '../../src/queue/types.js';
import type { ScenarioResult } from './chaos.js';
import {
  type Cluster,
  EnqueueLog,
  REDIS_URL,
  type RecordedCall,
  type RunningCluster,
  runPrefix,
  startCluster,
} from './harness.js';

import { type Answers, type Planned, problemsOf, readAnswers } from './load.js';

export * from './harness.js';
export * from './load.js';

/**
 * The set-up every load test shares: a fake Slack in its own process, two `authdoctor worker` children and
 * two listeners that only accept, all on one Redis under a prefix of the file's own; afterwards the run is
 * dumped (SCALE_DUMP), everything stopped and the keys removed. `redis` starts the Redis to use (default
 * the one on 6379) and `stopRedis` stops it again.
 */
export function clusterSuite(
  name: string,
  options: {
    env?: Record<string, string>;
    redis?: () => Promise<string>;
    stopRedis?: () => Promise<void>;
  } = {},
): Cluster {
  // Filled in by beforeAll; the prefix and the enqueue log exist at once (tests read them while collected).
  const cluster = {
    name,
    prefix: runPrefix(),
    redisUrl: REDIS_URL,
    workers: [],
    listeners: [],
    enqueues: new EnqueueLog(),
  } as unknown as Cluster;
  let running: RunningCluster | undefined;
  beforeAll(async () => {
    const redisUrl = options.redis ? await options.redis() : REDIS_URL;
    running = await startCluster(name, {
      redisUrl,
      prefix: cluster.prefix,
      enqueues: cluster.enqueues,
      ...(options.env ? { env: options.env } : {}),
    });
    Object.assign(cluster, running);
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
    await options.stopRedis?.();
  }, 30_000);
  return cluster;
}

/** The goal of every fault scenario: all sent accepted, each answered exactly once, in order, none failed. */
export function expectEveryEventAnsweredOnce(result: ScenarioResult): void {
  expect(result.settled).toBe(true);
  expect(result.accepted).toBe(result.sent);
  expect({ lost: result.lostEvents, twice: result.twiceEvents, failed: result.failedJobs }).toEqual({
    lost: [],
    twice: [],
    failed: [],
  });
  expect(result.answered).toBe(result.accepted);
  expect(result.outOfOrder).toBe(0);
}

/**
 * After a fault has passed: the queue drains with nothing failed, every event in `mustAnswer` got its
 * diagnosis and leak warning in order, nothing was answered that should not be, and nothing stray was posted.
 * Returns what was answered and the problems counted (repeats are allowed and reported, not failed).
 */
export async function expectRecovered(
  queue: JobQueue<EventJob>,
  calls: readonly RecordedCall[],
  messages: Planned[],
  mustAnswer: Planned[],
): Promise<{ answers: Answers; problems: ReturnType<typeof problemsOf> }> {
  await queue.drain();
  expect(await queue.failed()).toEqual([]);
  const answers = readAnswers(calls, messages);
  const problems = problemsOf(answers, mustAnswer);
  expect({
    missing: problems.missing,
    unwarned: problems.unwarned,
    answeredAnyway: problems.answeredAnyway,
    outOfOrder: problems.outOfOrder,
  }).toEqual({ missing: [], unwarned: [], answeredAnyway: [], outOfOrder: [] });
  expect(answers.strays.map((c) => c.args.text)).toEqual([]);
  return { answers, problems };
}
