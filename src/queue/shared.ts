/**
 * What the memory and BullMQ queues share: option defaults, how a failure becomes the failed list's reason,
 * and how a platform's Retry-After travels on a thrown error. One copy, so the two cannot drift.
 */

// A failure reason is a label for people reading the failed list, not a place for whole dumps.
const MAX_REASON_CHARS = 1000;

export const QUEUE_DEFAULTS = {
  attempts: 5,
  backoffMs: 200,
  dedupeTtlMs: 24 * 60 * 60 * 1000,
  concurrency: 8,
} as const;

export function positiveInt(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

export function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/**
 * The failed list's reason: an Error's message, a thrown string or number as text. Any other thrown value
 * (possibly the payload itself) is named by its kind only, so the payload never lands in the reason.
 */
export function reasonOf(err: unknown): string {
  let reason: string;
  try {
    if (err instanceof Error) reason = err.message || err.name || 'Error';
    else if (typeof err === 'string') reason = err || 'empty string thrown';
    else if (typeof err === 'number' || typeof err === 'boolean' || typeof err === 'bigint') {
      reason = `${typeof err} thrown: ${String(err)}`;
    } else if (err === null || err === undefined) reason = `${String(err)} thrown`;
    else reason = `non-Error ${typeof err} thrown`;
  } catch {
    // A getter on `message` may throw; a reason is still owed.
    reason = 'unreadable error thrown';
  }
  return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS)}…` : reason;
}

/** A platform's Retry-After, carried as a numeric `retryAfterMs` on the thrown value; 0 when absent. */
export function retryAfterOf(err: unknown): number {
  try {
    if (typeof err !== 'object' || err === null) return 0;
    const value: unknown = (err as { retryAfterMs?: unknown }).retryAfterMs;
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
  } catch {
    return 0;
  }
}

/** A failure that no retry can fix (a webhook answering 400): marked `unrecoverable: true` on the thrown value. */
export function isUnrecoverable(err: unknown): boolean {
  try {
    return (
      typeof err === 'object' && err !== null && (err as { unrecoverable?: unknown }).unrecoverable === true
    );
  } catch {
    return false;
  }
}

/**
 * A platform that is away (a Slack outage, a storm of 429s, no answers) is not the job's fault, and a few
 * attempts would not outlast a minute of it: the job would fail for good and its reply be lost. A handler
 * says so by throwing a value marked `outage: true` (with `retryAfterMs` when the platform named a time);
 * such a job is retried past its attempts until OUTAGE_BUDGET_MS after it was due, then fails as usual.
 * Other errors (our own bugs, a store away) keep the plain attempt limit.
 */
export function isOutage(err: unknown): boolean {
  try {
    return typeof err === 'object' && err !== null && (err as { outage?: unknown }).outage === true;
  } catch {
    return false;
  }
}

export const OUTAGE_BUDGET_MS = 15 * 60_000;

/** No backoff grows past this (a platform's Retry-After may still ask for more). */
export const MAX_BACKOFF_MS = 30_000;

/**
 * Attempts BullMQ itself may make: enough for a whole outage budget at the longest backoff. Which attempt
 * is the last is decided by `outlastsAttempts`.
 */
export function attemptsCeiling(attempts: number): number {
  return attempts + Math.ceil(OUTAGE_BUDGET_MS / MAX_BACKOFF_MS) + 16;
}

/** The wait before the next attempt: doubling from `backoffMs`, capped, and never under a Retry-After. */
export function backoffDelay(backoffMs: number, attemptsMade: number, err: unknown): number {
  const doubling = backoffMs * 2 ** Math.max(0, attemptsMade - 1);
  return Math.max(Math.min(doubling, Math.max(MAX_BACKOFF_MS, backoffMs)), retryAfterOf(err));
}

/** Whether a failure at `now` of a job due at `dueAt` is retried although its attempts are spent. */
export function outlastsAttempts(err: unknown, dueAt: number, now: number): boolean {
  return isOutage(err) && !isUnrecoverable(err) && now - dueAt < OUTAGE_BUDGET_MS;
}
