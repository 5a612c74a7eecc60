/**
 * The Web API client settings the listener (adapter.ts) and a worker-only delivery (delivery.ts) share, so a
 * reply posted by either process retries and times out the same way.
 */
import { webApi } from '@slack/bolt';
import type { Config } from '../../src/config.js';
import { AuthdoctorError, ErrorCodes } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { boltLogger } from './bolt-logger.js';

export interface SlackClientOptions {
  /**
   * Web API retries (a 429 waits its Retry-After, then counts as one retry). The default (two retries,
   * 8 s per request) keeps a delivery well inside the conversation lock's lease; after that the queue
   * retries with backoff. Slack's client default would keep retrying for half an hour.
   */
  retryConfig?: webApi.RetryOptions;
  /** One Web API request gives up after this long (default 8 s). */
  requestTimeoutMs?: number;
}

export const DEFAULT_RETRY: webApi.RetryOptions = {
  retries: 2,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 2000,
  randomize: true,
};

export const DEFAULT_REQUEST_TIMEOUT_MS = 8000;

/**
 * A request that failed below HTTP (a timeout, a dropped connection) may have reached Slack: retrying it
 * here could post a reply twice. So may one answered 5xx (Slack documents that an internal error can come
 * after "some aspect of the operation succeeded"; the chaos report's 5xx storm posted replies two and three
 * times). Both go back to the queue instead, whose retry first looks in the thread for what was posted
 * (deliver.ts). A rate limit is an answer that nothing was done, so it is retried here.
 */
function noRetryAfterSending(error: Error & { code?: unknown; statusCode?: unknown }): void {
  if (error.code === webApi.ErrorCode.RequestError) throw error;
  if (
    error.code === webApi.ErrorCode.HTTPError &&
    typeof error.statusCode === 'number' &&
    error.statusCode >= 500
  )
    throw error;
}

/** WebClient options from the config (SLACK_API_URL) and the caller's tuning; no logger. */
export function slackClientOptions(
  config: Config,
  options: SlackClientOptions = {},
): webApi.WebClientOptions {
  return {
    slackApiUrl: config.SLACK_API_URL ?? 'https://slack.com/api/',
    // p-retry (which the client hands this to) takes onFailedAttempt; Slack's type leaves it out.
    retryConfig: {
      ...(options.retryConfig ?? DEFAULT_RETRY),
      onFailedAttempt: noRetryAfterSending,
    } as webApi.RetryOptions,
    timeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
}

/** SLACK_BOT_TOKEN, or the configuration error that says it is missing. */
export function slackBotToken(config: Config): string {
  const token = config.SLACK_BOT_TOKEN;
  if (!token)
    throw new AuthdoctorError(
      ErrorCodes.CONFIG_INVALID,
      'SLACK_BOT_TOKEN is required for the Slack adapter.',
    );
  return token;
}

/** A Web API client of its own, for a process that sends without listening (`authdoctor worker`). */
export function createSlackClient(
  config: Config,
  log: Logger,
  options: SlackClientOptions = {},
): webApi.WebClient {
  return new webApi.WebClient(slackBotToken(config), {
    ...slackClientOptions(config, options),
    logger: boltLogger(log),
  });
}
