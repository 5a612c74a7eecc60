/**
 * Slack's sending half as a part of its own: the engine's replies (deliver.ts) and escalations
 * (escalation.ts) over a Web API client, with what it remembers between events (keyed messages, escalation
 * posts, parts of a split reply) in the session store. Any process can run it: the adapter builds one
 * around its Bolt app's client and memory, `authdoctor worker` builds one with a client of its own.
 */
import type { webApi } from '@slack/bolt';
import type { PlatformDelivery } from '../../src/platform/adapter.js';
import type { DeliveryDeps } from '../deliveries.js';
import { createSlackClient, type SlackClientOptions } from './client.js';
import { createDelivery } from './deliver.js';
import { postEscalation } from './escalation.js';
import { SlackMemory } from './memory.js';
import type { WorkingIndicator } from './working.js';

export interface SlackDeliveryDeps extends DeliveryDeps, SlackClientOptions {
  /** The adapter's Web API client, to share; else one is built from SLACK_BOT_TOKEN and SLACK_API_URL. */
  client?: webApi.WebClient;
  /** The adapter's memory over the same store, so the threads it answers count as known at once. */
  memory?: SlackMemory;
  /** The listener's "working…" indicator: only in the process that accepted the message. */
  working?: WorkingIndicator;
}

export function createSlackDelivery(deps: SlackDeliveryDeps): PlatformDelivery {
  const { config, log, working } = deps;
  const client = deps.client ?? createSlackClient(config, log, deps);
  const memory =
    deps.memory ??
    new SlackMemory({ store: deps.store, ttlMs: config.AUTHDOCTOR_SESSION_TTL_HOURS * 3_600_000, log });
  const deliver = createDelivery({ client, memory, working, log });
  return {
    platform: 'slack',
    deliver,
    ...(working ? { settled: (event: string) => working.done(event) } : {}),
    escalate: (packet, conversation, claim, notice) =>
      postEscalation({ client, memory, config, log }, packet, conversation, claim, notice),
    async close() {
      // The store is the caller's; a memory the adapter passed in is the adapter's to close.
      if (!deps.memory) await memory.close();
    },
  };
}
