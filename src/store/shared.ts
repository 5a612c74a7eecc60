/**
 * What the memory and Redis stores must do identically: how values become text, which TTLs and lock
 * options are valid, and the errors callers branch on. Kept in one place so the two cannot drift.
 */
import { AuthdoctorError, ErrorCodes } from '../errors.js';

/** Long enough for a slow diagnosis to finish before the next event of the conversation gives up. */
export const DEFAULT_WAIT_MS = 10_000;
/** Well above the slowest handler, so a lease only runs out when its holder is gone or stuck. */
export const DEFAULT_LEASE_MS = 30_000;

/** JSON text of `value`; values that JSON cannot carry are refused rather than silently stored as nothing. */
export function encode(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) {
    throw new TypeError('Session values must be JSON (got undefined, a function or a symbol)');
  }
  return text;
}

export function decode(text: string): unknown {
  return JSON.parse(text);
}

/** A whole number of ms ≥ 1, since Redis `PX` takes integers and 0 would mean "already gone". */
export function checkTtl(ttlMs: number, what = 'ttlMs'): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw new RangeError(`${what} must be a positive number of ms`);
  return Math.ceil(ttlMs);
}

export function lockOptions(options: { waitMs?: number; leaseMs?: number } = {}): {
  waitMs: number;
  leaseMs: number;
} {
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  if (!Number.isFinite(waitMs) || waitMs < 0) throw new RangeError('waitMs must be 0 or more ms');
  return { waitMs, leaseMs: checkTtl(options.leaseMs ?? DEFAULT_LEASE_MS, 'leaseMs') };
}

export function lockTimeout(key: string, waitMs: number): AuthdoctorError {
  return new AuthdoctorError(
    ErrorCodes.LOCK_TIMEOUT,
    `Waited ${waitMs} ms for the lock on session "${key}" and another event still holds it`,
    { hint: 'The earlier event is still being processed; retry this one later.' },
  );
}

export function storeClosed(): AuthdoctorError {
  return new AuthdoctorError(ErrorCodes.STORE_UNAVAILABLE, 'The session store has been closed');
}

/** A timer that never keeps the process alive on its own. */
export function unrefTimer(fn: () => void, ms: number): NodeJS.Timeout {
  const timer = setTimeout(fn, ms);
  timer.unref();
  return timer;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => unrefTimer(resolve, ms));
}
