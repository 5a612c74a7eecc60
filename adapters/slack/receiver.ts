/**
 * Bolt's HTTP receiver with a stricter timestamp check in front. Bolt 5.1 verifies the v0 signature and
 * refuses a timestamp more than five minutes old, but accepts one any distance in the future and any text
 * `Number()` can read ("1700000000.5", " 0x65…"): a request signed ahead of time would stay valid for as
 * long as its author chose. Slack's rule is five minutes either way, in whole seconds; requests outside it
 * are refused here with 401 before Bolt reads the body. Everything else (the signature itself, a missing
 * header, a body over the limit) is Bolt's own check.
 */
import { type Logger as BoltLogger, HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

/** Slack's window for x-slack-request-timestamp, either way. */
export const MAX_SKEW_SECONDS = 5 * 60;

/** Why a present x-slack-request-timestamp header is refused, or undefined (absent: Bolt refuses it). */
export function timestampProblem(header: string | string[] | undefined, nowMs: number): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header) || !/^\d{1,12}$/.test(header)) return 'the timestamp is not whole seconds';
  const skew = Number(header) - Math.floor(nowMs / 1000);
  if (skew > MAX_SKEW_SECONDS) return 'the timestamp is more than five minutes ahead';
  if (skew < -MAX_SKEW_SECONDS) return 'the timestamp is more than five minutes old';
  return undefined;
}

export function createHttpReceiver(options: {
  signingSecret: string;
  port: number;
  logger: BoltLogger;
  log: Logger;
  now?: () => number;
}): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    port: options.port,
    logger: options.logger,
  });
  const now = options.now ?? Date.now;
  const bolt = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const problem =
      req.method === 'POST' ? timestampProblem(req.headers['x-slack-request-timestamp'], now()) : undefined;
    if (!problem) return bolt(req, res);
    options.log.warn({ reason: problem }, 'refused a Slack request: it is not signed for now');
    // The body is discarded unread, and the connection closes after the answer.
    res.writeHead(401, { connection: 'close' }).end();
    req.resume();
  };
  return receiver;
}
