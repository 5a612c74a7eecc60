/**
 * The in-process JobQueue: the embedded default when `REDIS_URL` is unset. It keeps everything in this
 * process, so jobs do not survive a restart; the BullMQ queue is the durable one. Both pass
 * `test/queue/contract.ts`, so the engine cannot tell them apart.
 *
 * Payloads must already be redacted (the engine guarantees it: nothing raw reaches a queue) and must be
 * JSON. They are stored as their JSON text and parsed afresh for every delivery, so this queue behaves like
 * Redis: a Date arrives as a string, a caller mutating its object after `enqueue` changes nothing queued,
 * and a handler mutating the payload of one attempt does not see that change on the next.
 */
import { AuthdoctorError, ErrorCodes } from '../errors.js';
import {
  backoffDelay,
  isUnrecoverable,
  nonNegative,
  outlastsAttempts,
  positiveInt,
  QUEUE_DEFAULTS,
  reasonOf,
} from './shared.js';
import type { EnqueueResult, Job, JobHandler, JobInfo, JobQueue, QueueOptions } from './types.js';

export interface MemoryQueueOptions extends QueueOptions {
  /** How many finished ids are remembered for de-duplication at most; the oldest go first (default 100k). */
  maxRememberedIds?: number;
  /** How many failed jobs are kept at most; the oldest are dropped, their ids still remembered (default 10k). */
  maxFailed?: number;
  /** The clock for de-duplication TTLs (tests); timers always use real time. */
  now?: () => number;
}

type State = 'delayed' | 'waiting' | 'running' | 'backoff' | 'failed';

interface Entry {
  id: string;
  group: string;
  payloadJson: string;
  delayMs: number | undefined;
  owner: string | undefined;
  attemptsMade: number;
  /** When it became due (Date.now()): the outage budget counts from here. */
  dueAt: number;
  failedReason: string | undefined;
  state: State;
  timer: NodeJS.Timeout | undefined;
}

// setTimeout fires at once for delays past 2^31-1 ms (about 24.8 days), so longer waits are chained.
const MAX_TIMER_MS = 2 ** 31 - 1;

export class MemoryQueue<P = unknown> implements JobQueue<P> {
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly dedupeTtlMs: number;
  private readonly concurrency: number;
  private readonly maxRememberedIds: number;
  private readonly maxFailed: number;
  private readonly now: () => number;

  /** Every job not finished: delayed, waiting, running, backing off or failed. Its id is never accepted again. */
  private readonly entries = new Map<string, Entry>();
  /** Finished ids → when they may be accepted again. Insertion order is expiry order (one TTL for all). */
  private readonly remembered = new Map<string, number>();
  /** Per group, its jobs in order; only the head may be running or backing off (that holds the group). */
  private readonly groups = new Map<string, Entry[]>();
  /** Groups whose head is waiting to start, in the order they became ready (round-robin across groups). */
  private readonly ready = new Set<string>();
  /** Failed entries in the order they failed. */
  private readonly failedEntries = new Map<string, Entry>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private handler: JobHandler<P> | undefined;
  private running = 0;
  /** Jobs accepted and not delayed that have not yet finished or failed: what `drain()` waits for. */
  private outstanding = 0;
  private closed = false;
  private drainWaiters: Array<() => void> = [];
  private closeWaiters: Array<() => void> = [];
  private closing: Promise<void> | undefined;

  constructor(options: MemoryQueueOptions = {}) {
    this.attempts = positiveInt(options.attempts, QUEUE_DEFAULTS.attempts);
    this.backoffMs = nonNegative(options.backoffMs, QUEUE_DEFAULTS.backoffMs);
    this.dedupeTtlMs = nonNegative(options.dedupeTtlMs, QUEUE_DEFAULTS.dedupeTtlMs);
    this.concurrency = positiveInt(options.concurrency, QUEUE_DEFAULTS.concurrency);
    this.maxRememberedIds = positiveInt(options.maxRememberedIds, 100_000);
    this.maxFailed = positiveInt(options.maxFailed, 10_000);
    this.now = options.now ?? Date.now;
  }

  async enqueue(job: Job<P>): Promise<EnqueueResult> {
    if (this.closed) throw closedError();
    if (typeof job.id !== 'string' || job.id === '') throw new TypeError('a job needs a non-empty string id');
    if (typeof job.group !== 'string' || job.group === '') {
      throw new TypeError('a job needs a non-empty string group');
    }
    if (this.isKnown(job.id)) return { accepted: false };
    const payloadJson = JSON.stringify(job.payload);
    // JSON.stringify gives undefined for undefined, functions and symbols: nothing Redis could store either.
    if (typeof payloadJson !== 'string') throw new TypeError('a job payload must be JSON');

    const delayMs = job.delayMs !== undefined && Number.isFinite(job.delayMs) ? Math.max(0, job.delayMs) : 0;
    const entry: Entry = {
      id: job.id,
      group: job.group,
      payloadJson,
      delayMs: job.delayMs,
      owner: job.owner,
      attemptsMade: 0,
      dueAt: Date.now() + delayMs,
      failedReason: undefined,
      state: 'delayed',
      timer: undefined,
    };
    this.entries.set(entry.id, entry);
    if (delayMs > 0) {
      this.schedule(entry, delayMs, () => this.addToGroup(entry));
    } else {
      this.addToGroup(entry);
    }
    return { accepted: true };
  }

  async cancel(id: string): Promise<boolean> {
    const entry = this.entries.get(id);
    if (entry === undefined) return false;
    if (entry.state === 'delayed') {
      this.clearTimer(entry);
      this.entries.delete(id);
      return true;
    }
    // A waiting job that has made attempts has started before (its backoff just ended): too late to cancel.
    if (entry.state !== 'waiting' || entry.attemptsMade > 0) return false;
    if (!this.unlink(entry)) return false;
    this.entries.delete(id);
    this.settle();
    return true;
  }

  async purge(owner: string): Promise<number> {
    let removed = 0;
    for (const entry of [...this.entries.values()]) {
      if (entry.owner !== owner || entry.state === 'running') continue;
      removed++;
      this.clearTimer(entry);
      this.entries.delete(entry.id);
      this.remember(entry.id);
      if (entry.state === 'failed') {
        this.failedEntries.delete(entry.id);
        continue;
      }
      // Waiting or backing off: it sits in its group and counts as outstanding.
      if (entry.state !== 'delayed') this.unlink(entry);
    }
    this.settle();
    return removed;
  }

  /**
   * Takes a job that is waiting or backing off out of its group (and out of what drain() waits for); the
   * next job of the group becomes ready when it was the head. False when it is in no group.
   */
  private unlink(entry: Entry): boolean {
    const queue = this.groups.get(entry.group);
    const index = queue === undefined ? -1 : queue.indexOf(entry);
    if (queue === undefined || index < 0) return false;
    queue.splice(index, 1);
    this.outstanding--;
    if (index === 0) {
      this.ready.delete(entry.group);
      this.advanceGroup(entry.group);
    }
    return true;
  }

  process(handler: JobHandler<P>): void {
    if (this.handler !== undefined) {
      throw new AuthdoctorError(ErrorCodes.USAGE, 'JobQueue.process() was called twice; call it once.');
    }
    this.handler = handler;
    this.pump();
  }

  async failed(): Promise<JobInfo<P>[]> {
    return [...this.failedEntries.values()].map((entry) => this.info(entry));
  }

  async retry(id: string): Promise<boolean> {
    if (this.closed) throw closedError();
    const entry = this.failedEntries.get(id);
    if (entry === undefined) return false;
    this.failedEntries.delete(id);
    entry.attemptsMade = 0;
    entry.failedReason = undefined;
    this.addToGroup(entry);
    return true;
  }

  async counts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {
      waiting: 0,
      active: 0,
      delayed: 0,
      failed: this.failedEntries.size,
    };
    for (const entry of this.entries.values()) {
      if (entry.state === 'waiting') counts.waiting = (counts.waiting ?? 0) + 1;
      else if (entry.state === 'running') counts.active = (counts.active ?? 0) + 1;
      else if (entry.state === 'delayed' || entry.state === 'backoff')
        counts.delayed = (counts.delayed ?? 0) + 1;
    }
    return counts;
  }

  drain(): Promise<void> {
    return new Promise((resolve) => {
      this.drainWaiters.push(resolve);
      this.settle();
    });
  }

  /**
   * Stops accepting jobs and starting them, drops delayed jobs and pending retries (their timers too), and
   * resolves once the handlers already running have returned. Waiting jobs are not run: in memory they are
   * lost with the process, which is why durable deployments use the BullMQ queue.
   */
  close(): Promise<void> {
    if (this.closing !== undefined) return this.closing;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.closing = new Promise((resolve) => {
      this.closeWaiters.push(resolve);
      this.settle();
    });
    return this.closing;
  }

  private isKnown(id: string): boolean {
    if (this.entries.has(id)) return true;
    const until = this.remembered.get(id);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.remembered.delete(id);
    return false;
  }

  private remember(id: string): void {
    const now = this.now();
    this.remembered.delete(id);
    this.remembered.set(id, now + this.dedupeTtlMs);
    for (const [oldest, until] of this.remembered) {
      if (until > now && this.remembered.size <= this.maxRememberedIds) break;
      this.remembered.delete(oldest);
    }
  }

  private addToGroup(entry: Entry): void {
    if (this.closed) {
      this.entries.delete(entry.id);
      return;
    }
    entry.state = 'waiting';
    this.outstanding++;
    let queue = this.groups.get(entry.group);
    if (queue === undefined) {
      queue = [];
      this.groups.set(entry.group, queue);
    }
    queue.push(entry);
    if (queue.length === 1) this.ready.add(entry.group);
    this.pump();
  }

  /** Starts waiting group heads while there is room. */
  private pump(): void {
    const handler = this.handler;
    if (handler === undefined || this.closed) return;
    while (this.running < this.concurrency) {
      const group = first(this.ready);
      if (group === undefined) return;
      this.ready.delete(group);
      const head = this.groups.get(group)?.[0];
      if (head?.state !== 'waiting') continue;
      this.start(head, handler);
    }
  }

  private start(entry: Entry, handler: JobHandler<P>): void {
    entry.state = 'running';
    this.running++;
    const info = this.info(entry);
    // Promise.resolve().then also catches a handler that throws synchronously; the final catch is the
    // guarantee that nothing a handler does becomes an unhandled rejection.
    Promise.resolve()
      .then(() => handler(info))
      .then(
        () => this.succeeded(entry),
        (err: unknown) => this.attemptFailed(entry, err),
      )
      .catch(() => {
        // Only reachable through a bug in the bookkeeping above; keep the process up and the group moving.
        if (entry.state === 'running') this.finish(entry);
      });
  }

  private succeeded(entry: Entry): void {
    this.remember(entry.id);
    this.finish(entry);
  }

  /** Takes a settled job off its group and frees its slot. */
  private finish(entry: Entry): void {
    this.running--;
    this.entries.delete(entry.id);
    this.shiftGroup(entry);
    this.outstanding--;
    this.advanceGroup(entry.group);
    this.settle();
  }

  private attemptFailed(entry: Entry, err: unknown): void {
    entry.attemptsMade++;
    const spent = entry.attemptsMade >= this.attempts && !outlastsAttempts(err, entry.dueAt, Date.now());
    if (spent || isUnrecoverable(err)) {
      this.running--;
      entry.state = 'failed';
      entry.failedReason = reasonOf(err);
      this.shiftGroup(entry);
      this.outstanding--;
      this.keepFailed(entry);
      this.advanceGroup(entry.group);
      this.settle();
      return;
    }
    if (this.closed) {
      this.finish(entry);
      return;
    }
    this.running--;
    // The job stays at the head of its group while it backs off, so later jobs of the group keep waiting.
    entry.state = 'backoff';
    this.schedule(entry, backoffDelay(this.backoffMs, entry.attemptsMade, err), () => {
      entry.state = 'waiting';
      this.ready.add(entry.group);
      this.pump();
    });
    this.pump();
  }

  private keepFailed(entry: Entry): void {
    this.failedEntries.set(entry.id, entry);
    for (const [id, oldest] of this.failedEntries) {
      if (this.failedEntries.size <= this.maxFailed) break;
      this.failedEntries.delete(id);
      this.entries.delete(id);
      this.remember(oldest.id);
    }
  }

  private shiftGroup(entry: Entry): void {
    const queue = this.groups.get(entry.group);
    if (queue?.[0] === entry) queue.shift();
  }

  /** After a group's head left: the next job of the group becomes ready, and the freed slot is refilled. */
  private advanceGroup(group: string): void {
    const queue = this.groups.get(group);
    if (queue !== undefined && queue.length === 0) this.groups.delete(group);
    else if (queue?.[0]?.state === 'waiting') this.ready.add(group);
    this.pump();
  }

  private settle(): void {
    const idle = this.closed ? this.running === 0 : this.outstanding === 0;
    if (idle && this.drainWaiters.length > 0) {
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const resolve of waiters) resolve();
    }
    if (this.closed && this.running === 0 && this.closeWaiters.length > 0) {
      const waiters = this.closeWaiters;
      this.closeWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Runs `fn` after `ms` on an unref'd timer, so a queue alone never keeps the process alive. */
  private schedule(entry: Entry, ms: number, fn: () => void): void {
    const step = Math.min(ms, MAX_TIMER_MS);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      entry.timer = undefined;
      if (this.closed) return;
      if (ms > step) this.schedule(entry, ms - step, fn);
      else fn();
    }, step);
    timer.unref();
    entry.timer = timer;
    this.timers.add(timer);
  }

  private clearTimer(entry: Entry): void {
    if (entry.timer === undefined) return;
    clearTimeout(entry.timer);
    this.timers.delete(entry.timer);
    entry.timer = undefined;
  }

  private info(entry: Entry): JobInfo<P> {
    const info: JobInfo<P> = {
      id: entry.id,
      group: entry.group,
      payload: JSON.parse(entry.payloadJson) as P,
      attemptsMade: entry.attemptsMade,
    };
    if (entry.delayMs !== undefined) info.delayMs = entry.delayMs;
    if (entry.failedReason !== undefined) info.failedReason = entry.failedReason;
    return info;
  }
}

export function createMemoryQueue<P = unknown>(options: MemoryQueueOptions = {}): MemoryQueue<P> {
  return new MemoryQueue<P>(options);
}

function closedError(): AuthdoctorError {
  return new AuthdoctorError(ErrorCodes.QUEUE_CLOSED, 'The job queue is closed.');
}

function first<T>(set: Set<T>): T | undefined {
  for (const value of set) return value;
  return undefined;
}
