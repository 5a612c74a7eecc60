/**
 * The webhook as one more escalation route beside the platforms' channels: when
 * AUTHDOCTOR_ESCALATION_WEBHOOK_URL is set, every escalation, reminder, claim and release the engine
 * reports also goes to the webhook's queue. A route failing never stops the other.
 */
import type { Config } from '../config.js';
import type { EngineDeps } from '../conversation/engine.js';
import type { ConversationRef } from '../conversation/events.js';
import type { Logger } from '../log.js';
import { outboundPolicy } from '../net/outbound.js';
import { createJobQueue } from '../queue/index.js';
import type { JobQueue } from '../queue/types.js';
import {
  createWebhookSender,
  type WebhookEventInput,
  type WebhookJob,
  type WebhookSender,
  type WebhookSenderOptions,
} from './webhook.js';

/** Tries per delivery, 2 s doubling: a receiver may be down for about an hour and still get it. */
export const WEBHOOK_ATTEMPTS = 12;
export const WEBHOOK_BACKOFF_MS = 2000;

type Routes = Pick<EngineDeps, 'escalate' | 'claimed' | 'released'>;

export interface WebhookInit extends Partial<Pick<WebhookSenderOptions, 'timeoutMs' | 'now' | 'onAttempt'>> {
  /** The delivery queue (tests). Default: the `webhooks` job queue (BullMQ with REDIS_URL), 12 tries. */
  queue?: JobQueue<WebhookJob>;
}

/** The sender for the configured webhook, or undefined when none is configured. */
export function webhookFromConfig(
  config: Config,
  log: Logger,
  init: WebhookInit = {},
): WebhookSender | undefined {
  const url = config.AUTHDOCTOR_ESCALATION_WEBHOOK_URL;
  const secret = config.AUTHDOCTOR_ESCALATION_WEBHOOK_SECRET;
  if (!url || !secret) return undefined;
  // With Redis the deliveries and their retries outlive a restart, and any worker process sends them.
  const queue =
    init.queue ??
    createJobQueue<WebhookJob>(config, 'webhooks', {
      attempts: WEBHOOK_ATTEMPTS,
      backoffMs: WEBHOOK_BACKOFF_MS,
      log,
    });
  return createWebhookSender({
    url,
    secret,
    queue,
    log,
    policy: outboundPolicy({ allow: config.AUTHDOCTOR_OUTBOUND_ALLOW }),
    ...(init.timeoutMs !== undefined ? { timeoutMs: init.timeoutMs } : {}),
    ...(init.now ? { now: init.now } : {}),
    ...(init.onAttempt ? { onAttempt: init.onAttempt } : {}),
  });
}

/** `hooks` with the webhook added to each escalation route. */
export function withWebhook<H extends Routes>(hooks: H, webhook: WebhookSender, log: Logger): H {
  const send = async (event: WebhookEventInput) => {
    try {
      await webhook.send(event);
    } catch (error) {
      log.error(
        { escalation: event.escalation.id, event: event.type, code: (error as { code?: unknown }).code },
        'could not queue the escalation webhook',
      );
    }
  };
  return {
    ...hooks,
    escalate: async (packet, conversation, handle) => {
      await send({
        type: handle.renotify ? 'escalation.renotified' : 'escalation.created',
        at: handle.renotify ? (handle.at ?? packet.at) : packet.timings.escalatedAt,
        escalation: packet,
        conversation: whereOf(conversation),
        ...(handle.renotify
          ? { renotify: { count: handle.renotify, waitingMs: handle.waitingMs ?? 0 } }
          : {}),
      });
      await hooks.escalate?.(packet, conversation, handle);
    },
    claimed: async (claim, conversation) => {
      if (claim.packet)
        await send({
          type: 'escalation.claimed',
          at: claim.at,
          escalation: claim.packet,
          conversation: whereOf(conversation),
          claimedBy: { user: claim.user, name: claim.name ?? claim.user, at: claim.at },
        });
      await hooks.claimed?.(claim, conversation);
    },
    released: async (release, conversation) => {
      await send({
        type: 'escalation.released',
        at: release.at,
        escalation: release.packet,
        conversation: whereOf(conversation),
        releasedBy: { user: release.user, name: release.name, at: release.at },
      });
      await hooks.released?.(release, conversation);
    },
  };
}

function whereOf(ref: ConversationRef): WebhookEventInput['conversation'] {
  return {
    platform: ref.platform,
    channel: ref.channel,
    ...(ref.thread !== undefined ? { thread: ref.thread } : {}),
  };
}
