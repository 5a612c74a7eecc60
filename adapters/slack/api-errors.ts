/**
 * What a failed Slack Web API call means for the caller. Rate limits are retried inside the WebClient
 * (honouring Retry-After, within `retryConfig`); what still fails is either worth another try later (the
 * queue's backoff) or never will work until someone acts — those get one log line saying what to do, and
 * are not retried, so a removed bot or a revoked token cannot turn into a retry loop.
 */
import { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

export type SlackFailure =
  | { kind: 'permanent'; code: string; advice: string }
  | { kind: 'transient'; code: string; retryAfterMs?: number };

/** What an operator should do about a refusal that will not go away on its own. */
const ADVICE: Record<string, string> = {
  not_in_channel: 'the bot is not a member of this channel: invite it with /invite @authdoctor',
  channel_not_found:
    'the bot cannot see this channel (a private channel or DM it is not in, or a wrong id): invite it with /invite @authdoctor',
  is_archived: 'the channel is archived',
  user_not_in_channel: 'the user is not in this channel, so a message only they see cannot reach them',
  invalid_auth: 'SLACK_BOT_TOKEN was refused: reinstall the app and copy the Bot User OAuth Token again',
  not_authed: 'no token was sent: set SLACK_BOT_TOKEN',
  token_revoked: 'the bot token was revoked: reinstall the app to the workspace and update SLACK_BOT_TOKEN',
  token_expired: 'the bot token expired: reinstall the app and update SLACK_BOT_TOKEN',
  account_inactive:
    'the app was uninstalled or its bot user deactivated: reinstall the app and update SLACK_BOT_TOKEN',
  missing_scope:
    'the app lacks a scope this call needs: update it from adapters/slack/manifest.yml and reinstall',
  invalid_blocks: 'Slack refused the message layout (a renderer bug): report it with the event id',
  invalid_blocks_format: 'Slack refused the message layout (a renderer bug): report it with the event id',
  msg_too_long: 'Slack refused a message as too long (a renderer bug): report it with the event id',
};

/** Slack's own "try again later" answers. */
const TRANSIENT = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

interface CodedLike {
  code?: unknown;
  data?: { error?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

export function classifySlackError(error: unknown): SlackFailure {
  const e = (error ?? {}) as CodedLike;
  switch (e.code) {
    case webApi.ErrorCode.PlatformError: {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      if (TRANSIENT.has(code)) return { kind: 'transient', code };
      return { kind: 'permanent', code, advice: ADVICE[code] ?? 'Slack refused the call' };
    }
    case webApi.ErrorCode.RateLimitedError:
      return {
        kind: 'transient',
        code: 'ratelimited',
        retryAfterMs: typeof e.retryAfter === 'number' ? e.retryAfter * 1000 : 1000,
      };
    case webApi.ErrorCode.HTTPError: {
      const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
      if (status >= 500 || status === 429) return { kind: 'transient', code: `http_${status}` };
      return { kind: 'permanent', code: `http_${status}`, advice: 'check SLACK_API_URL' };
    }
    case webApi.ErrorCode.RequestError:
      return { kind: 'transient', code: 'network' };
    default: {
      // The WebClient gives up on a rate limit with a plain Error once its retries are spent.
      const message = typeof e.message === 'string' ? e.message : '';
      const after = /retry-after: (\d{1,6})\)/.exec(message);
      if (after) return { kind: 'transient', code: 'ratelimited', retryAfterMs: Number(after[1]) * 1000 };
      return { kind: 'transient', code: 'error' };
    }
  }
}

export function isPermanent(error: unknown, ...codes: string[]): boolean {
  const failure = classifySlackError(error);
  return failure.kind === 'permanent' && (codes.length === 0 || codes.includes(failure.code));
}

/** One line per failure, ids and codes only. */
export function logSlackFailure(
  log: Logger,
  failure: SlackFailure,
  fields: Record<string, unknown>,
  what: string,
): void {
  if (failure.kind === 'permanent')
    log.error({ ...fields, code: failure.code }, `Slack refused ${what}: ${failure.advice}`);
  else log.warn({ ...fields, code: failure.code }, `Slack did not take ${what}; will retry`);
}

/** Slack failing for now (an outage, a rate limit, no answer), as opposed to an error of unknown origin. */
export function slackAway(failure: SlackFailure): boolean {
  return failure.kind === 'transient' && failure.code !== 'error';
}

/**
 * What the queue gets to retry a reply later: a plain error (the one error class is for authdoctor's own
 * failures) carrying the platform's Retry-After, so the next attempt waits at least that long. A failure on
 * Slack's side is marked `outage`: the queue keeps retrying it past the job's attempts for a while
 * (src/queue/shared.ts), so a Slack outage of a minute does not fail every reply in flight. An unknown error
 * (`error`: possibly our own bug) has the usual attempts.
 */
export function retryLater(failure: Extract<SlackFailure, { kind: 'transient' }>): Error {
  return Object.assign(new Error(`Slack call failed (${failure.code}); retrying later`), {
    retryAfterMs: failure.retryAfterMs ?? 0,
    ...(slackAway(failure) ? { outage: true } : {}),
  });
}
