/**
 * Messages the engine would not take, and what their sender is told: the shared queue is down (send it
 * again), or a rate limit stopped it (when to send it again; only the first of a flood gets an answer).
 */
import { RateLimitedError } from '../limits/refusal.js';
import { isUnavailable, UNAVAILABLE_TEXT } from './unavailable.js';

export interface Refusal {
  text: string;
  /** Tell nobody (a flood's later messages); an interaction, which must be answered, still shows `text`. */
  quiet: boolean;
  /** For logs: which refusal this was, and whether operators should hear of it (Redis down) or not (limits). */
  code: string;
  level: 'error' | 'info';
}

/** The refusal an error from `engine.accept` stands for, or undefined for a real failure (a bug). */
export function refusalOf(error: unknown): Refusal | undefined {
  if (error instanceof RateLimitedError)
    return { text: error.message, quiet: error.quiet, code: error.code, level: 'info' };
  if (isUnavailable(error))
    return {
      text: UNAVAILABLE_TEXT,
      quiet: false,
      code: String((error as { code: unknown }).code),
      level: 'error',
    };
  return undefined;
}
