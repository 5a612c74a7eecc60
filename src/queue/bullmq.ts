/**
 * The durable JobQueue: BullMQ on Redis, chosen when REDIS_URL is set. Any number of processes may
 * enqueue and any number may work (`authdoctor serve`, `authdoctor worker`), and a job survives a crash of
 * the process that took it. It passes the same contract suite as the memory queue (test/queue/contract.ts).
 *
 * BullMQ gives us durable jobs, retries with backoff, delays, stalled-job recovery and a failed set. What
 * it lacks (its groups are a paid feature) is added here with a few keys of our own beside its keys:
 *
 *   seen:<id>       the id was accepted: re-deliveries are dropped. No expiry while the job lives; once it
 *                   finishes, it expires after dedupeTtlMs. (BullMQ's own jobId check forgets an id as soon
 *                   as the finished job is removed.)
 *   order:<group>   the group's jobs in enqueue order. Only the head may run: a job that starts while it is
 *                   not the head parks itself (moved back to delayed, its attempt not counted) and is promoted
 *                   by whoever finishes the job before it. A job joins the tail when it is enqueued, or when a
 *                   delayed one (a follow-up) becomes due, or when a failed one is retried.
 *   parked:<group>  the group's parked jobs, so a finishing head knows whom to wake.
 *   pending         every job accepted and not yet finished or failed (not delayed ones): what drain() waits for.
 *   started:<job>   its handler has begun (until it finishes): too late to cancel.
 *   cancelled:<job> cancelled while a worker held it (parking); it ends without running when it next starts.
 *   owner:<hash>    the jobs whose payload holds one user's data, for purge() ("forget me"). The user id is
 *                   hashed so that no key names a user; it expires with the longest-lived of its jobs.
 *
 * Stale heads (a job removed behind our back, an enqueue whose BullMQ add was lost) are found by asking
 * BullMQ for the head's state and dropped, so a group can never stay blocked.
 *
 * At least once: a worker killed mid-job leaves the job locked until its lock expires (lockDurationMs); then
 * another worker runs it again. The engine makes that harmless (it records which event ids it processed).
 */
import { createHash } from 'node:crypto';
import { DelayedError, Job, type JobsOptions, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { AuthdoctorError, ErrorCodes } from '../errors.js';
import { type Logger, silentLogger } from '../log.js';
import {
  attemptsCeiling,
  backoffDelay,
  isOutage,
  isUnrecoverable,
  nonNegative,
  outlastsAttempts,
  positiveInt,
  QUEUE_DEFAULTS,
  reasonOf,
  retryAfterOf,
} from './shared.js';
import type {
  EnqueueResult,
  JobHandler,
  JobInfo,
  JobQueue,
  Job as QueuedJob,
  QueueOptions,
} from './types.js';

export interface BullQueueOptions extends QueueOptions {
  /** redis:// URL. */
  url: string;
  /** Namespace of every key, e.g. `authdoctor:` (BullMQ's keys go under `<prefix>bull:<name>:`). */
  keyPrefix: string;
  /** Queue name, e.g. `events`; one name per kind of job. */
  name: string;
  log?: Logger;
  /** How long enqueue() waits for Redis before it gives up (default 2 s): the ack path must not hang. */
  enqueueTimeoutMs?: number;
  /** A dead worker's job is taken over after this long (default 30 s). */
  lockDurationMs?: number;
  /** Failed jobs kept for `authdoctor jobs failed` (default 10,000, oldest dropped). */
  maxFailed?: number;
  /** A parked job looks again after this long even if nobody wakes it (default 1 s). */
  parkedPollMs?: number;
  /** Told about every failed attempt (metrics). */
  onAttemptFailed?: (final: boolean) => void;
}

/** What BullMQ stores per job: our id (BullMQ's cannot hold `:`), the group and the redacted payload. */
interface StoredJob<P> {
  id: string;
  group: string;
  payload: P;
  delayMs?: number;
}

// A head that BullMQ does not know may be an enqueue still between our bookkeeping and BullMQ's add.
const UNKNOWN_HEAD_GRACE_MS = 5_000;
// An id that was never finished (a lost job) is still forgotten eventually.
const SEEN_SAFETY_MS = 7 * 24 * 3_600_000;
const DRAIN_POLL_MS = 15;
// A handler that began is "started" until it finishes; the expiry only cleans up after a lost process.
const STARTED_TTL_MS = 24 * 3_600_000;
const DRAIN_SWEEP_MS = 1_000;
const REDIS_DOWN_POLL_MS = 200;

/** Enqueue bookkeeping: refuse a seen id; remember it; a job due now joins its group and `pending`. */
const ENQUEUE = `
if not redis.call('SET', KEYS[1], ARGV[2], 'NX', 'PX', ARGV[3]) then return 0 end
if ARGV[4] == '1' then
  if not redis.call('LPOS', KEYS[2], ARGV[1]) then redis.call('RPUSH', KEYS[2], ARGV[1]) end
  redis.call('SADD', KEYS[3], ARGV[1])
end
if KEYS[4] then
  redis.call('SADD', KEYS[4], ARGV[1])
  if redis.call('PTTL', KEYS[4]) < tonumber(ARGV[3]) then redis.call('PEXPIRE', KEYS[4], ARGV[3]) end
end
return 1`;

/** Undoes ENQUEUE (BullMQ's add failed) or removes a cancelled job's traces. */
const FORGET = `
redis.call('DEL', KEYS[1], KEYS[5])
redis.call('LREM', KEYS[2], 0, ARGV[1])
redis.call('SREM', KEYS[3], ARGV[1])
redis.call('SREM', KEYS[4], ARGV[1])
return 1`;

/** Marks a job cancelled unless its handler has begun (or it already is). */
const CANCEL = `
if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
redis.call('SET', KEYS[2], '1', 'PX', ARGV[1])
return 1`;

/**
 * May this job run? Joins the tail if absent; at the head it starts (1) unless it was cancelled (2);
 * elsewhere it parks and the head is returned.
 */
const GATE = `
if not redis.call('LPOS', KEYS[1], ARGV[1]) then
  redis.call('RPUSH', KEYS[1], ARGV[1])
  redis.call('SADD', KEYS[2], ARGV[1])
end
local head = redis.call('LINDEX', KEYS[1], 0)
if head == ARGV[1] then
  redis.call('SREM', KEYS[3], ARGV[1])
  if redis.call('DEL', KEYS[5]) == 1 then return 2 end
  redis.call('SET', KEYS[4], '1', 'PX', ARGV[2])
  return 1
end
redis.call('SADD', KEYS[3], ARGV[1])
return head`;

/** After parking: became the head meanwhile? Then the caller promotes itself (the waker may have missed it). */
const STILL_HEAD = `
if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then
  redis.call('SREM', KEYS[2], ARGV[1])
  return 1
end
return 0`;

/**
 * A job is done (finished, failed for good, or cancelled): it leaves its group and `pending`. A finished
 * id is remembered for dedupeTtlMs more (ARGV[2]), a failed one kept (''), a cancelled one forgotten ('0').
 * Returns the new head when it is parked (the caller wakes it).
 */
const FINISH = `
redis.call('LREM', KEYS[1], 0, ARGV[1])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[5])
if ARGV[2] == '0' then redis.call('DEL', KEYS[3])
elseif ARGV[2] ~= '' then redis.call('PEXPIRE', KEYS[3], ARGV[2]) end
local head = redis.call('LINDEX', KEYS[1], 0)
if head and redis.call('SREM', KEYS[4], head) == 1 then return head end
return false`;

/** Drops a dead head, only if it still is the head. */
const DROP_HEAD = `
if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then
  redis.call('LPOP', KEYS[1])
  redis.call('SREM', KEYS[2], ARGV[1])
  redis.call('SREM', KEYS[3], ARGV[1])
end
return 1`;

/** A failed job goes back: at the end of its group, pending again. */
const REQUEUE = `
if not redis.call('LPOS', KEYS[1], ARGV[1]) then redis.call('RPUSH', KEYS[1], ARGV[1]) end
redis.call('SADD', KEYS[2], ARGV[1])
return 1`;

/** BullMQ ids may not contain `:` nor look like integers; ours do both. Reversible, so logs stay readable. */
export function bullJobId(id: string): string {
  return `j_${id.replace(/%/g, '%25').replace(/:/g, '%3A')}`;
}

export class BullQueue<P = unknown> implements JobQueue<P> {
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly dedupeTtlMs: number;
  private readonly concurrency: number;
  private readonly enqueueTimeoutMs: number;
  private readonly lockDurationMs: number;
  private readonly parkedPollMs: number;
  private readonly log: Logger;
  private readonly base: string;
  /** Fail-fast commands for the ack path: nothing is queued while Redis is away. */
  private readonly producer: Redis;
  /** Commands made while working, which may wait out a short Redis outage. */
  private readonly commands: Redis;
  private readonly queue: Queue<StoredJob<P>>;
  private worker: Worker<StoredJob<P>> | undefined;
  /** The worker's own connection (BullMQ leaves a connection it was given open). */
  private workerClient: Redis | undefined;
  private closing: Promise<void> | undefined;
  private lastConnectionError: string | undefined;

  constructor(private readonly options: BullQueueOptions) {
    this.attempts = positiveInt(options.attempts, QUEUE_DEFAULTS.attempts);
    this.backoffMs = nonNegative(options.backoffMs, QUEUE_DEFAULTS.backoffMs);
    this.dedupeTtlMs = Math.max(1, Math.ceil(nonNegative(options.dedupeTtlMs, QUEUE_DEFAULTS.dedupeTtlMs)));
    this.concurrency = positiveInt(options.concurrency, QUEUE_DEFAULTS.concurrency);
    this.enqueueTimeoutMs = positiveInt(options.enqueueTimeoutMs, 2_000);
    this.lockDurationMs = positiveInt(options.lockDurationMs, 30_000);
    this.parkedPollMs = positiveInt(options.parkedPollMs, 1_000);
    this.log = options.log ?? silentLogger;
    if (/[:\s]/.test(options.name)) throw new RangeError('a queue name cannot contain ":" or spaces');
    this.base = `${options.keyPrefix}q:${options.name}:`;

    this.producer = this.client({ enableOfflineQueue: false, commandTimeout: this.enqueueTimeoutMs });
    this.commands = this.client({});
    this.queue = new Queue<StoredJob<P>>(options.name, {
      connection: this.producer,
      prefix: `${options.keyPrefix}bull`,
    });
    this.queue.on('error', (err) => this.connectionError(err));
  }

  async enqueue(job: QueuedJob<P>): Promise<EnqueueResult> {
    if (this.closing) throw closedError();
    if (typeof job.id !== 'string' || job.id === '') throw new TypeError('a job needs a non-empty string id');
    if (typeof job.group !== 'string' || job.group === '') {
      throw new TypeError('a job needs a non-empty string group');
    }
    const data: StoredJob<P> = { id: job.id, group: job.group, payload: job.payload };
    const delayMs = job.delayMs !== undefined && Number.isFinite(job.delayMs) ? Math.max(0, job.delayMs) : 0;
    if (job.delayMs !== undefined) data.delayMs = job.delayMs;
    // BullMQ would store `undefined` as nothing and a bigint not at all; refuse what Redis cannot carry.
    if (typeof JSON.stringify(job.payload) !== 'string') throw new TypeError('a job payload must be JSON');

    const jobId = bullJobId(job.id);
    await this.producerReady();
    const owner = job.owner ? [this.key('owner', ownerHash(job.owner))] : [];
    const fresh = await this.produce(() =>
      this.producer.eval(
        ENQUEUE,
        3 + owner.length,
        this.key('seen', job.id),
        this.key('order', job.group),
        this.key('pending'),
        ...owner,
        jobId,
        String(Date.now()),
        String(Math.ceil(delayMs) + this.dedupeTtlMs + SEEN_SAFETY_MS),
        delayMs > 0 ? '0' : '1',
      ),
    );
    if (fresh !== 1) return { accepted: false };
    try {
      await this.produce(() => this.queue.add('job', data, this.jobOptions(jobId, delayMs)));
    } catch (error) {
      await this.forget(job.id, job.group, jobId).catch(() => undefined);
      throw error;
    }
    return { accepted: true };
  }

  async cancel(id: string): Promise<boolean> {
    if (this.closing) return false;
    const jobId = bullJobId(id);
    const job = await Job.fromId<StoredJob<P>>(this.queue, jobId);
    if (!job) return false;
    // A job that has made attempts has started before (it is backing off): too late to cancel.
    if (job.attemptsMade > 0) return false;
    const state = await job.getState();
    if (state === 'completed' || state === 'failed' || state === 'unknown') return false;
    const marked = await this.commands.eval(
      CANCEL,
      2,
      this.key('started', jobId),
      this.key('cancelled', jobId),
      String(SEEN_SAFETY_MS),
    );
    if (marked !== 1) return false;
    // remove() refuses a job a worker holds (one parking itself): that one ends unrun when it next starts.
    if ((await this.queue.remove(jobId)) === 1) await this.forget(id, job.data.group, jobId);
    return true;
  }

  async purge(owner: string): Promise<number> {
    const set = this.key('owner', ownerHash(owner));
    let removed = 0;
    for (const jobId of await this.commands.smembers(set)) {
      const job = await Job.fromId<StoredJob<P>>(this.queue, jobId);
      if (!job?.data) continue;
      // remove() refuses a job a worker holds; one that is running finishes (it is what asked to forget).
      if ((await this.queue.remove(jobId)) !== 1) continue;
      removed++;
      await this.finish(jobId, job.data.id, job.data.group, String(this.dedupeTtlMs));
      await this.commands.srem(this.key('parked', job.data.group), jobId);
    }
    await this.commands.del(set);
    return removed;
  }

  process(handler: JobHandler<P>): void {
    if (this.worker) {
      throw new AuthdoctorError(ErrorCodes.USAGE, 'JobQueue.process() was called twice; call it once.');
    }
    if (this.closing) throw closedError();
    const { backoffMs, attempts } = this;
    this.workerClient = this.client({ maxRetriesPerRequest: null });
    this.worker = new Worker<StoredJob<P>>(this.options.name, (job, token) => this.run(job, token, handler), {
      // BullMQ's blocking connection must wait out outages rather than fail the worker loop.
      connection: this.workerClient,
      prefix: `${this.options.keyPrefix}bull`,
      concurrency: this.concurrency,
      lockDuration: this.lockDurationMs,
      stalledInterval: Math.max(1_000, Math.floor(this.lockDurationMs / 2)),
      // A job killed with its worker twice in a row is more likely the cause than a victim.
      maxStalledCount: 2,
      settings: {
        // BullMQ's own limit is attemptsCeiling; -1 here fails the job when its attempts are spent, unless
        // the platform is away and the outage budget lasts (shared.ts).
        backoffStrategy: (attemptsMade, _type, err, job) =>
          attemptsMade >= attempts &&
          !outlastsAttempts(err, (job?.timestamp ?? 0) + (job?.data?.delayMs ?? 0), Date.now())
            ? -1
            : backoffDelay(backoffMs, attemptsMade, err),
      },
    });
    this.worker.on('error', (err) => this.connectionError(err));
    this.worker.on('failed', (job, err) => {
      if (!job) return;
      // finishedOn is set only when the job went to the failed set (no retry left, or unrecoverable).
      const final = typeof job.finishedOn === 'number' && job.finishedOn > 0;
      // The group must not wait for a job that will never run again; the id stays known while it is failed.
      if (final && job.id && job.data?.id)
        this.finish(job.id, job.data.id, job.data.group, '').catch((error: Error) =>
          this.connectionError(error),
        );
      this.options.onAttemptFailed?.(final);
      this.log.warn(
        { job: job.data.id, attempt: job.attemptsMade, final, error: err.message.slice(0, 200) },
        final ? 'job failed for good; see `authdoctor jobs failed`' : 'job failed; will retry',
      );
    });
  }

  async failed(): Promise<JobInfo<P>[]> {
    const jobs = await this.queue.getFailed(0, -1);
    return jobs
      .filter((job) => job?.data?.id !== undefined)
      .map((job) => this.info(job as Job<StoredJob<P>>));
  }

  async retry(id: string): Promise<boolean> {
    if (this.closing) throw closedError();
    const jobId = bullJobId(id);
    const job = await Job.fromId<StoredJob<P>>(this.queue, jobId);
    if (!job || (await job.getState()) !== 'failed') return false;
    await this.commands.eval(REQUEUE, 2, this.key('order', job.data.group), this.key('pending'), jobId);
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  }

  /**
   * Polls `pending` until it is empty; now and then drops members BullMQ says are over (lost, stalled out).
   * While Redis is away it keeps waiting (callers that must not wait for ever race it with a timeout).
   */
  async drain(): Promise<void> {
    let sweptAt = Date.now();
    for (;;) {
      if (this.closing) return this.closing;
      try {
        if ((await this.commands.scard(this.key('pending'))) === 0) return;
        if (Date.now() - sweptAt > DRAIN_SWEEP_MS) {
          sweptAt = Date.now();
          await this.sweepPending();
        }
      } catch {
        await sleep(REDIS_DOWN_POLL_MS);
      }
      await sleep(DRAIN_POLL_MS);
    }
  }

  /**
   * Stops taking jobs and waits for those running; delayed jobs and pending retries stay in Redis for the
   * next worker. Rejects enqueue() from then on.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.worker && this.workerClient?.status === 'ready') {
        await this.worker.close().catch((error: unknown) => this.connectionError(error as Error));
      } else if (this.worker) {
        // Without Redis no job can finish anyway, and BullMQ's graceful close would wait for it for ever.
        this.workerClient?.disconnect();
        await this.worker.close(true).catch(() => undefined);
      }
      await this.queue.close().catch(() => undefined);
      for (const client of [this.producer, this.commands, this.workerClient]) {
        if (!client) continue;
        if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
        else client.disconnect();
      }
    })();
    return this.closing;
  }

  /** Counts per state for metrics and `authdoctor jobs`. */
  async counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
  }

  /** True when the producer can reach Redis (for /readyz). */
  isReady(): boolean {
    return this.producer.status === 'ready';
  }

  private async run(
    job: Job<StoredJob<P>>,
    token: string | undefined,
    handler: JobHandler<P>,
  ): Promise<void> {
    const jobId = job.id ?? bullJobId(job.data.id);
    const { group } = job.data;
    const gate = await this.mayRun(job, jobId, group, token);
    if (gate === 'parked') throw new DelayedError();
    if (gate === 'cancelled') {
      await this.finish(jobId, job.data.id, group, '0');
      return;
    }
    try {
      await handler(this.info(job));
    } catch (err) {
      // A last failure leaves its group once BullMQ has it in the failed set (the 'failed' listener), so
      // drain() never resolves before failed() shows it.
      throw asError(err);
    }
    await this.finish(jobId, job.data.id, group, String(this.dedupeTtlMs));
  }

  /** The group gate: `run` when this job is its group's head (and not cancelled); otherwise it parks. */
  private async mayRun(
    job: Job<StoredJob<P>>,
    jobId: string,
    group: string,
    token?: string,
  ): Promise<'run' | 'cancelled' | 'parked'> {
    const order = this.key('order', group);
    const parked = this.key('parked', group);
    for (let tries = 0; tries < 10; tries++) {
      const head = await this.commands.eval(
        GATE,
        5,
        order,
        this.key('pending'),
        parked,
        this.key('started', jobId),
        this.key('cancelled', jobId),
        jobId,
        String(STARTED_TTL_MS),
      );
      if (head === 1) return 'run';
      if (head === 2) return 'cancelled';
      if (typeof head === 'string' && (await this.isOver(head))) {
        this.log.warn({ job: head, group }, 'dropped a job that no longer exists from the head of its group');
        await this.commands.eval(DROP_HEAD, 3, order, this.key('pending'), parked, head);
        continue;
      }
      break;
    }
    await job.moveToDelayed(Date.now() + this.parkedPollMs, token);
    // The head may have finished between the gate and the move, and missed us as it woke its successor.
    if ((await this.commands.eval(STILL_HEAD, 2, order, parked, jobId)) === 1) {
      await job.promote().catch(() => undefined);
    }
    return 'parked';
  }

  private async finish(jobId: string, id: string, group: string, ttl: string): Promise<void> {
    const next = await this.commands.eval(
      FINISH,
      5,
      this.key('order', group),
      this.key('pending'),
      this.key('seen', id),
      this.key('parked', group),
      this.key('started', jobId),
      jobId,
      ttl,
    );
    if (typeof next !== 'string') return;
    const waiting = await Job.fromId(this.queue, next);
    await waiting?.promote().catch(() => undefined);
  }

  /** Whether BullMQ is done with `jobId` (or never had it, past the grace an in-flight enqueue needs). */
  private async isOver(jobId: string): Promise<boolean> {
    const state = await this.queue.getJobState(jobId);
    if (state === 'completed' || state === 'failed') return true;
    if (state !== 'unknown') return false;
    const seenAt = Number(await this.commands.get(this.key('seen', idOf(jobId))));
    return !(Number.isFinite(seenAt) && Date.now() - seenAt < UNKNOWN_HEAD_GRACE_MS);
  }

  private async sweepPending(): Promise<void> {
    const members = await this.commands.srandmember(this.key('pending'), 200);
    for (const jobId of members) {
      if (await this.isOver(jobId)) await this.commands.srem(this.key('pending'), jobId);
    }
  }

  private async forget(id: string, group: string, jobId: string): Promise<void> {
    await this.commands.eval(
      FORGET,
      5,
      this.key('seen', id),
      this.key('order', group),
      this.key('pending'),
      this.key('parked', group),
      this.key('cancelled', jobId),
      jobId,
    );
  }

  private jobOptions(jobId: string, delayMs: number): JobsOptions {
    return {
      jobId,
      ...(delayMs > 0 ? { delay: delayMs } : {}),
      attempts: attemptsCeiling(this.attempts),
      backoff: { type: 'authdoctor' },
      removeOnComplete: true,
      removeOnFail: { count: positiveInt(this.options.maxFailed, 10_000) },
      // Stack traces would only repeat our own code; the reason is enough, and smaller.
      stackTraceLimit: 0,
    };
  }

  private info(job: Job<StoredJob<P>>): JobInfo<P> {
    const info: JobInfo<P> = {
      id: job.data.id,
      group: job.data.group,
      payload: job.data.payload,
      attemptsMade: job.attemptsMade,
    };
    if (job.data.delayMs !== undefined) info.delayMs = job.data.delayMs;
    if (job.failedReason) info.failedReason = job.failedReason;
    return info;
  }

  private key(
    kind: 'seen' | 'order' | 'parked' | 'pending' | 'started' | 'cancelled' | 'owner',
    name?: string,
  ): string {
    return name === undefined ? `${this.base}${kind}` : `${this.base}${kind}:${name}`;
  }

  private client(overrides: RedisOptions): Redis {
    const client = new Redis(this.options.url, {
      connectTimeout: 3_000,
      maxRetriesPerRequest: 1,
      retryStrategy: (times: number) => Math.min(times * 200, 2_000),
      ...overrides,
    });
    client.on('error', (err: NodeJS.ErrnoException) => this.connectionError(err));
    return client;
  }

  private async producerReady(): Promise<void> {
    if (this.producer.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.producer.off('ready', onReady);
        reject(this.unavailable());
      }, this.enqueueTimeoutMs);
      timer.unref();
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      this.producer.once('ready', onReady);
    });
  }

  /** One call on the ack path, any failure turned into ERR_QUEUE_UNAVAILABLE (values never included). */
  private async produce<R>(call: () => Promise<R>): Promise<R> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof AuthdoctorError) throw error;
      if (error instanceof Error) this.lastConnectionError ??= error.message.slice(0, 120);
      throw this.unavailable();
    }
  }

  private unavailable(): AuthdoctorError {
    const { host, port } = this.producer.options;
    return new AuthdoctorError(
      ErrorCodes.QUEUE_UNAVAILABLE,
      `The job queue in Redis at ${host}:${port} is not answering${this.lastConnectionError ? ` (${this.lastConnectionError})` : ''}`,
      {
        hint: 'Check that Redis is running and REDIS_URL points at it; events are accepted again once it answers.',
      },
    );
  }

  private connectionError(err: Error & { code?: string }): void {
    const detail = typeof err.code === 'string' ? err.code : String(err.message);
    if (detail === this.lastConnectionError) return;
    this.lastConnectionError = detail;
    this.log.warn(
      { queue: this.options.name, error: detail.slice(0, 200) },
      'job queue: Redis connection problem',
    );
  }
}

export function createBullQueue<P = unknown>(options: BullQueueOptions): BullQueue<P> {
  return new BullQueue<P>(options);
}

/** Our id back from a BullMQ id. */
function ownerHash(owner: string): string {
  return createHash('sha256').update(owner).digest('base64url').slice(0, 22);
}

function idOf(jobId: string): string {
  return jobId.startsWith('j_') ? jobId.slice(2).replace(/%3A/g, ':').replace(/%25/g, '%') : jobId;
}

/**
 * BullMQ records `err.message` as the reason: hand it an Error whatever was thrown, keeping Retry-After and
 * the `outage` mark.
 */
function asError(err: unknown): Error {
  // BullMQ fails an UnrecoverableError at once, whatever attempts are left.
  const error = (
    isUnrecoverable(err) ? new UnrecoverableError(reasonOf(err)) : new Error(reasonOf(err))
  ) as Error & {
    retryAfterMs?: number;
  };
  const retryAfterMs = retryAfterOf(err);
  if (retryAfterMs > 0) error.retryAfterMs = retryAfterMs;
  if (isOutage(err)) Object.assign(error, { outage: true });
  return error;
}

function closedError(): AuthdoctorError {
  return new AuthdoctorError(ErrorCodes.QUEUE_CLOSED, 'The job queue is closed.');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
