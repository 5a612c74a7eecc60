/** Picks the job queue from the config: BullMQ on Redis when REDIS_URL is set, else the in-process queue. */
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { BullQueue } from './bullmq.js';
import { createMemoryQueue } from './memory.js';
import type { JobQueue, QueueOptions } from './types.js';

export type { BullQueueOptions } from './bullmq.js';
export { BullQueue, bullJobId, createBullQueue } from './bullmq.js';
export type { MemoryQueueOptions } from './memory.js';
export { createMemoryQueue, MemoryQueue } from './memory.js';
export type { EnqueueResult, Job, JobHandler, JobInfo, JobQueue, QueueOptions } from './types.js';

export interface CreateJobQueueOptions extends QueueOptions {
  log?: Logger;
  /** Told about every failed attempt (metrics). */
  onAttemptFailed?: (final: boolean) => void;
}

/**
 * One named queue (`events`, `webhooks`…). Attempts, concurrency and the lock come from the config unless
 * given; with Redis every process that names the same queue shares it.
 */
export function createJobQueue<P>(
  config: Config,
  name: string,
  options: CreateJobQueueOptions = {},
): JobQueue<P> {
  const { log, onAttemptFailed, ...rest } = options;
  const queueOptions: QueueOptions = {
    attempts: config.AUTHDOCTOR_JOB_ATTEMPTS,
    concurrency: config.AUTHDOCTOR_WORKER_CONCURRENCY,
    ...rest,
  };
  if (!config.REDIS_URL) return createMemoryQueue<P>(queueOptions);
  return new BullQueue<P>({
    ...queueOptions,
    url: config.REDIS_URL,
    keyPrefix: config.AUTHDOCTOR_REDIS_PREFIX,
    name,
    lockDurationMs: config.AUTHDOCTOR_JOB_LOCK_SECONDS * 1000,
    ...(log ? { log } : {}),
    ...(onAttemptFailed ? { onAttemptFailed } : {}),
  });
}
