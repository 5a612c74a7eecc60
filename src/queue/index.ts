export type { MemoryQueueOptions } from './memory.js';
export { createMemoryQueue, MemoryQueue } from './memory.js';
export type { EnqueueResult, Job, JobHandler, JobInfo, JobQueue, QueueOptions } from './types.js';
