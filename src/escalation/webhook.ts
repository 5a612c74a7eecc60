/**
 * Escalations for ticket systems and on-call tools: each escalation event is POSTed as JSON to
 * AUTHDOCTOR_ESCALATION_WEBHOOK_URL, signed (./sign.ts). A delivery is a job on a JobQueue, so its retries
 * survive a restart when the queue is durable (BullMQ): `send` only enqueues; the queue's worker runs
 * `handle`, which POSTs once and throws to be retried.
 *
 * The POST is an outbound request (src/net/request.ts): the receiver's address must be public unless it is
 * listed in AUTHDOCTOR_OUTBOUND_ALLOW (an internal ticket system usually is), checked at connect time.
 *
 * What is retried: network errors and timeouts, 5xx, 408 and 429 (waiting at least the receiver's
 * Retry-After). What is not: any other 4xx, every redirect (never followed: the body is signed for one
 * receiver and a redirect is a misconfigured URL) and an address the outbound policy refuses (a retry would
 * be refused again). Those still throw, so the job ends in the failed set
 * (`authdoctor jobs failed --queue webhooks`, then `jobs retry ID --queue webhooks` once the receiver is
 * fixed), but later attempts of that job do not POST again.
 *
 * The body holds the redacted packet only. The secret and the URL (which may carry a token of its own)
 * never appear in logs, errors or the queue payload; logs name the receiver's host.
 */
import { z } from 'zod';
import { EscalationPacketSchema } from '../conversation/effects.js';
import { AuthdoctorError, ErrorCodes } from '../errors.js';
import type { Logger } from '../log.js';
import { OUTBOUND_ALLOW_VARIABLE, type OutboundPolicy, outboundPolicy } from '../net/outbound.js';
import { outboundRequest } from '../net/request.js';
import { isUnrecoverable } from '../queue/shared.js';
import type { EnqueueResult, JobInfo, JobQueue } from '../queue/types.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './sign.js';

export const WebhookEventTypeSchema = z.enum([
  'escalation.created',
  'escalation.renotified',
  'escalation.claimed',
  'escalation.released',
]);
export type WebhookEventType = z.infer<typeof WebhookEventTypeSchema>;

const PersonSchema = z.object({ user: z.string(), name: z.string(), at: z.number() });

/** The JSON body of every delivery. `id` is the delivery id, also sent as X-Authdoctor-Delivery. */
export const WebhookEventSchema = z.object({
  type: WebhookEventTypeSchema,
  id: z.string().min(1).max(200),
  /** When it happened, in ms since the epoch. */
  at: z.number(),
  /** The redacted escalation packet, as it stands at this event. */
  escalation: EscalationPacketSchema,
  /** Where the user's conversation is. */
  conversation: z.object({
    platform: z.enum(['terminal', 'slack', 'discord']),
    channel: z.string(),
    thread: z.string().optional(),
  }),
  /** `escalation.claimed`: who took it over. */
  claimedBy: PersonSchema.optional(),
  /** `escalation.released`: who handed it back. */
  releasedBy: PersonSchema.optional(),
  /** `escalation.renotified`: the how-many-th reminder, and how long it has waited unclaimed. */
  renotify: z.object({ count: z.number().int().positive(), waitingMs: z.number().nonnegative() }).optional(),
});
export type WebhookEvent = z.infer<typeof WebhookEventSchema>;
/** What a caller hands `send`: the delivery id is derived from it. */
export type WebhookEventInput = Omit<WebhookEvent, 'id'>;

/** A queue payload: the event, already redacted. No secret, no URL. */
export const WebhookJobSchema = z.object({ event: WebhookEventSchema });
export type WebhookJob = z.infer<typeof WebhookJobSchema>;

export interface WebhookSenderOptions {
  url: string;
  secret: string;
  queue: JobQueue<WebhookJob>;
  log: Logger;
  /** Which addresses the receiver may have (AUTHDOCTOR_OUTBOUND_ALLOW). Default: public addresses only. */
  policy?: OutboundPolicy;
  /** One POST gives up after this long (default 10 s), and is retried. */
  timeoutMs?: number;
  /** The clock for X-Authdoctor-Timestamp (tests). */
  now?: () => number;
  /** Told how each attempt ended (metrics): delivered, to be retried, or given up. */
  onAttempt?: (result: 'ok' | 'retry' | 'failed') => void;
}

export interface WebhookSender {
  /** Queues a delivery; `accepted: false` when this delivery id was already queued (an effect re-run). */
  send(event: WebhookEventInput): Promise<EnqueueResult & { id: string }>;
  /** One delivery attempt: the queue's handler. Throws to be retried. */
  handle(job: JobInfo<WebhookJob>): Promise<void>;
  /** Drops the deliveries still queued or failed for escalations of this user ("forget me"). */
  purge(user: string): Promise<number>;
  /** Starts the queue's worker with `handle`. Call once, in processes that run workers. */
  start(): void;
  /** Closes the queue: deliveries in flight finish, pending retries wait in a durable queue. */
  close(): Promise<void>;
}

/** Retry-After is honoured up to this; past it the queue's own backoff takes over. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** Raised for a failed delivery; `retryAfterMs` is the queue contract's way to wait for Retry-After. */
export class WebhookDeliveryError extends AuthdoctorError {
  readonly retryAfterMs: number | undefined;
  /** Retrying cannot help (a 4xx, a redirect): a queue that knows this flag fails the job at once. */
  readonly unrecoverable: boolean;
  readonly status: number | undefined;

  constructor(
    message: string,
    options: { status?: number; retryAfterMs?: number; unrecoverable?: boolean; hint?: string } = {},
  ) {
    super(ErrorCodes.WEBHOOK_FAILED, message, options.hint ? { hint: options.hint } : {});
    this.name = 'WebhookDeliveryError';
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.unrecoverable = options.unrecoverable ?? false;
  }
}

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const { url, secret, queue, log } = options;
  const policy = options.policy ?? outboundPolicy({ allow: [] });
  const timeoutMs = options.timeoutMs ?? 10_000;
  const now = options.now ?? Date.now;
  const host = hostOf(url);

  async function send(input: WebhookEventInput): Promise<EnqueueResult & { id: string }> {
    const id = deliveryIdOf(input);
    const parsed = WebhookEventSchema.safeParse({ ...input, id });
    if (!parsed.success)
      throw new AuthdoctorError(ErrorCodes.WEBHOOK_FAILED, `a ${input.type} webhook event did not validate`);
    const queued = await queue.enqueue({
      id,
      // One escalation's events go out in order: "claimed" never overtakes its "created".
      group: `webhook.${parsed.data.escalation.id}`,
      payload: { event: parsed.data },
      owner: parsed.data.escalation.user,
    });
    return { ...queued, id };
  }

  async function handle(job: JobInfo<WebhookJob>): Promise<void> {
    const parsed = WebhookJobSchema.safeParse(job.payload);
    if (!parsed.success) {
      // Nothing a retry could fix; dropping it keeps the failed list for deliveries a receiver refused.
      log.error({ delivery: job.id }, 'escalation webhook: unreadable job dropped');
      return;
    }
    const event = parsed.data.event;
    const attempt = job.attemptsMade + 1;
    const body = JSON.stringify(event);
    const timestamp = String(Math.floor(now() / 1000));
    const response = await outboundRequest({
      url,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'authdoctor-webhook/1',
        [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
        [TIMESTAMP_HEADER]: timestamp,
        [DELIVERY_HEADER]: event.id,
        [EVENT_HEADER]: event.type,
      },
      body,
      policy,
      // The operator chose the URL; http to a listed internal receiver is theirs to decide.
      requireHttps: false,
      timeoutMs,
      // The answer's body is not needed; reading it would only hold the socket longer.
      maxBytes: 0,
      overflow: 'truncate',
    });
    if (!response.ok && response.failure === 'refused') {
      // `detail` names the host and the address it resolved to, never the URL's path (it may carry a token).
      log.error(
        { delivery: event.id, event: event.type, attempt, host, reason: response.detail },
        `escalation webhook refused by the outbound address policy: not retried. If the receiver is meant to be on a private address, add its host or address to ${OUTBOUND_ALLOW_VARIABLE}; then retry the job (authdoctor jobs retry ID --queue webhooks)`,
      );
      throw new WebhookDeliveryError(`escalation webhook refused: ${response.detail}`, {
        unrecoverable: true,
        hint: `Add the receiver's host or address to ${OUTBOUND_ALLOW_VARIABLE}, or point AUTHDOCTOR_ESCALATION_WEBHOOK_URL at a public address.`,
      });
    }
    if (!response.ok && response.failure !== 'redirect') {
      const reason = response.failure === 'timeout' ? 'timed out' : (response.code ?? 'network error');
      log.warn(
        { delivery: event.id, event: event.type, attempt, host, reason },
        'escalation webhook unreachable; will retry',
      );
      throw new WebhookDeliveryError(`escalation webhook unreachable (${reason})`);
    }
    const status = response.status ?? 0;
    if (status >= 200 && status < 300) {
      log.info(
        { delivery: event.id, event: event.type, attempt, host, status },
        'escalation webhook delivered',
      );
      return;
    }
    if (status >= 500 || status === 408 || status === 429) {
      const retryAfter = response.ok ? response.headers['retry-after'] : undefined;
      const retryAfterMs = retryAfterOf(retryAfter ?? null, now());
      log.warn(
        {
          delivery: event.id,
          event: event.type,
          attempt,
          host,
          status,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        },
        'escalation webhook failed; will retry',
      );
      throw new WebhookDeliveryError(`escalation webhook answered HTTP ${status}`, {
        status,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }
    const redirect = status >= 300 && status < 400;
    const what = redirect ? `a redirect (HTTP ${status}), not followed` : `HTTP ${status}`;
    const message = `escalation webhook refused the delivery with ${what}`;
    log.error(
      { delivery: event.id, event: event.type, attempt, host, status },
      `escalation webhook refused the delivery with ${what}: not retried; it stays in the failed jobs (authdoctor jobs failed --queue webhooks), retry it once the receiver is fixed`,
    );
    throw new WebhookDeliveryError(message, {
      status,
      unrecoverable: true,
      hint: redirect
        ? 'Set AUTHDOCTOR_ESCALATION_WEBHOOK_URL to the final address (redirects are not followed).'
        : 'Check AUTHDOCTOR_ESCALATION_WEBHOOK_URL and the secret the receiver verifies with.',
    });
  }

  return {
    send,
    handle,
    purge: (user) => queue.purge(user),
    start: () =>
      queue.process(async (job) => {
        try {
          await handle(job);
          options.onAttempt?.('ok');
        } catch (error) {
          options.onAttempt?.(isUnrecoverable(error) ? 'failed' : 'retry');
          throw error;
        }
      }),
    close: () => queue.close(),
  };
}

/**
 * The same id for the same event, however often the engine asks (an effect run twice after a crash is
 * queued once), and a different one for every event: receivers de-duplicate on it.
 */
export function deliveryIdOf(event: WebhookEventInput): string {
  const who = event.claimedBy ?? event.releasedBy;
  const parts = [event.escalation.id, event.type.slice('escalation.'.length)];
  if (event.type !== 'escalation.created') parts.push(String(event.at));
  if (who) parts.push(who.user);
  // Queue ids: no ':' (BullMQ reserves it), nothing odd from a platform's user id.
  return parts
    .join('.')
    .replace(/[^\w.-]/g, '_')
    .slice(0, 200);
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function retryAfterOf(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  const ms = /^\d{1,9}$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'unknown';
  }
}
