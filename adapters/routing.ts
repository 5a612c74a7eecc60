/**
 * What the engine's hooks do in a process that answers conversations (`serve` and `worker` alike): replies go
 * to the platform the conversation lives on, escalations to every platform with an escalation channel,
 * "settled" to the listeners (in this process or, through Redis, another), and what happened to metrics.
 */

import type { EscalationNotice } from '../src/conversation/effects.js';
import type { EngineDeps, EscalationHandle } from '../src/conversation/engine.js';
import type { RuntimeHooks } from '../src/conversation/runtime.js';
import type { Logger } from '../src/log.js';
import type { Metrics } from '../src/ops/metrics.js';
import type { PlatformDelivery, PlatformName } from '../src/platform/adapter.js';
import type { SettledBus } from '../src/platform/settled-bus.js';

/** The part of a delivery (or an adapter) that routing needs. */
export type Route = Pick<PlatformDelivery, 'deliver' | 'escalate'>;

export interface RoutingDeps {
  routes: ReadonlyMap<PlatformName, Route>;
  bus: SettledBus;
  log: Logger;
  metrics?: Metrics | undefined;
}

// Events handled but not yet settled, for the accept → settled histogram; bounded against leaks.
const TIMED_EVENTS = 10_000;

export function routingHooks(
  deps: RoutingDeps,
): Required<Pick<RuntimeHooks, 'deliver' | 'settled' | 'escalate' | 'handled'>> {
  const { routes, bus, log, metrics } = deps;
  const acceptedAt = new Map<string, number>();

  const deliver: EngineDeps['deliver'] = async (out) => {
    const platform = out.conversation.platform;
    const route = platform === 'terminal' ? undefined : routes.get(platform);
    if (!route) {
      log.warn({ platform, event: out.event }, 'no delivery for this platform here; reply dropped');
      return;
    }
    try {
      await route.deliver(out);
    } catch (error) {
      // Thrown means "retry later" (permanent refusals are logged and swallowed by the delivery).
      metrics?.deliveryFailed(platform, 'transient');
      throw error;
    }
    metrics?.replyDelivered(platform);
  };

  return {
    deliver,
    handled: (record) => {
      if (!metrics) return;
      acceptedAt.set(record.event.id, record.event.at);
      if (acceptedAt.size > TIMED_EVENTS) acceptedAt.delete(acceptedAt.keys().next().value!);
      const paste = record.event.type === 'message' ? record.event.paste : undefined;
      if (paste) metrics.diagnosed([...new Set(paste.attempt.findings.map((finding) => finding.cause))]);
    },
    settled: async (event, conversation) => {
      const at = acceptedAt.get(event);
      if (at !== undefined) {
        acceptedAt.delete(event);
        metrics?.eventHandled(conversation.platform, Math.max(0, Date.now() - at) / 1000);
      }
      await bus.publish(event, conversation);
    },
    escalate: async (packet, conversation, handle) => {
      const notice = noticeOf(handle);
      let posted = false;
      for (const [platform, route] of routes) {
        try {
          const done = await route.escalate(packet, conversation, handle.claim, notice);
          if (done) metrics?.escalated(platform);
          posted = done || posted;
        } catch (error) {
          log.error(
            { escalation: packet.id, platform, error: (error as Error).message },
            'escalation post failed',
          );
        }
      }
      if (!posted) {
        metrics?.escalated('none');
        log.info(
          { escalation: packet.id },
          'escalated with no escalation channel configured; the user got the summary',
        );
      }
    },
  };
}

/** A reminder's notice from the engine's handle; undefined for a first post. */
function noticeOf(handle: EscalationHandle): EscalationNotice | undefined {
  if (!handle.renotify) return undefined;
  return { renotify: handle.renotify, waitingMs: handle.waitingMs ?? 0, at: handle.at ?? Date.now() };
}
