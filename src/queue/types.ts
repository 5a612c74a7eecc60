/**
 * How accepted events reach the engine. The in-process queue is the embedded default; BullMQ (a later
 * issue) implements the same interface and passes the same contract suite (`test/queue/contract.ts`).
 *
 * The contract: at-least-once delivery with an idempotency key. A job enqueued twice with the same `id`
 * (a platform re-delivering an event) is processed once; a handler that throws is retried with backoff up
 * to `attempts` times, then kept as failed; an error carrying a numeric `retryAfterMs` (a platform's
 * `Retry-After`) delays the next attempt by at least that much, one with `unrecoverable: true` (a
 * refusal no retry can fix) fails the job at once, and one with `outage: true` (the platform is away: 5xx,
 * 429s, no answer) is retried past `attempts`, with backoff capped at 30 s, until 15 minutes after the job
 * was due. Jobs that share a `group` (one conversation) are processed one at
 * a time, in the order they were enqueued; jobs of different groups run concurrently.
 */
export interface Job<P = unknown> {
  /** Idempotency key: the platform event id. */
  id: string;
  /** Ordering group: the conversation key. */
  group: string;
  /** JSON payload, already redacted. */
  payload: P;
  /** Process no earlier than this many ms from now (follow-ups). */
  delayMs?: number;
  /** Whose data the payload holds (a platform user id): `purge(owner)` removes it ("forget me"). */
  owner?: string;
}

export interface JobInfo<P = unknown> extends Job<P> {
  attemptsMade: number;
  failedReason?: string;
}

export type JobHandler<P = unknown> = (job: JobInfo<P>) => Promise<void>;

export interface EnqueueResult {
  /** False when a job with this id was already accepted (and so this one is dropped). */
  accepted: boolean;
}

export interface JobQueue<P = unknown> {
  enqueue(job: Job<P>): Promise<EnqueueResult>;
  /** Removes a delayed job not yet started (a follow-up the user made moot). True if one was removed. */
  cancel(id: string): Promise<boolean>;
  /**
   * Removes every job enqueued with this `owner` that is not running right now: waiting, delayed (follow-ups),
   * backing off or failed. Their ids stay known, so a re-delivered event is still dropped. Returns how many
   * were removed.
   */
  purge(owner: string): Promise<number>;
  /** Starts processing with `handler`. Call once. */
  process(handler: JobHandler<P>): void;
  /** Jobs that exhausted their attempts. */
  failed(): Promise<JobInfo<P>[]>;
  /** Moves a failed job back to the queue. */
  retry(id: string): Promise<boolean>;
  /** Resolves when every job accepted so far (not delayed) has been processed or failed. */
  drain(): Promise<void>;
  /** Stops taking jobs, waits for those in flight. */
  close(): Promise<void>;
  /** How many jobs are in each state (waiting, active, delayed, failed): for metrics and operators. */
  counts(): Promise<Record<string, number>>;
}

export interface QueueOptions {
  /** Tries per job before it is failed (default 5). */
  attempts?: number;
  /** First retry delay in ms, doubled each time (default 200). */
  backoffMs?: number;
  /** How long an id is remembered for de-duplication (default 24 h). */
  dedupeTtlMs?: number;
  /** Jobs processed at once across groups (default 8). */
  concurrency?: number;
}
