/**
 * What a user is told when their message could not be taken at all: the queue or the store (Redis) is not
 * answering. The platform has already been told "received", so without this the message would vanish
 * silently; with it, the user knows to send it again.
 */
import { ErrorCodes } from '../errors.js';

export const UNAVAILABLE_TEXT =
  "I couldn't take that just now: my job queue isn't answering (the team has been alerted in the logs). Nothing was stored — please send it again in a minute.";

/** True for the failures that mean "the shared queue or store is down", not a bug in handling the message. */
export function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === ErrorCodes.QUEUE_UNAVAILABLE || code === ErrorCodes.STORE_UNAVAILABLE;
}
