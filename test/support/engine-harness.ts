/**
 * The engine over the real memory store and queue (or a store the test gives), recording what the platform
 * would receive (`deliver`), what went into the queue, escalations, outcomes and forgotten users.
 */
import { afterEach } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { EscalationPacket, Outcome } from '../../src/conversation/effects.js';
import { createEngine, type Engine, type Outbound } from '../../src/conversation/engine.js';
import type { ConversationRef, EventJob } from '../../src/conversation/events.js';
import { settingsFrom } from '../../src/conversation/runtime.js';
import { MemoryRateLimiter, rateLimitsFrom } from '../../src/limits/index.js';
import type { Logger } from '../../src/log.js';
import { createMemoryQueue } from '../../src/queue/memory.js';
import type { JobQueue } from '../../src/queue/types.js';
import { MemorySessionStore } from '../../src/store/memory.js';
import type { SessionStore } from '../../src/store/types.js';
import { diagnoser, T0 } from './conversation.js';

export const THREAD: ConversationRef = {
  platform: 'slack',
  workspace: 'T1',
  channel: 'C1',
  thread: '1700000000.0001',
};
export const OTHER: ConversationRef = {
  platform: 'slack',
  workspace: 'T1',
  channel: 'C2',
  thread: '1700000000.0002',
};

export interface Harness {
  engine: Engine;
  store: SessionStore;
  queue: JobQueue<EventJob>;
  sent: Outbound[];
  queued: EventJob[];
  packets: EscalationPacket[];
  /** The claim token each escalation was posted with. */
  claims: string[];
  /** Events the engine said it was done with, in order. */
  settled: string[];
  outcomes: Outcome[];
  forgotten: string[];
  clock: { now: number };
  /** Delivery attempts (1-based) that fail once, as a platform error would. */
  failing: Set<number>;
}

export const open: Harness[] = [];

afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.engine.close();
    await h.store.close();
  }
});

export function harness(
  options: {
    env?: Record<string, string>;
    store?: SessionStore;
    followUpMs?: number;
    log?: Logger;
    /** Apply the configured rate limits (AUTHDOCTOR_*_RATE_PER_MINUTE), on the harness clock. */
    limits?: boolean;
  } = {},
): Harness {
  const config = loadConfig({ AUTHDOCTOR_SUPPORT_CHANNEL: '#api-support', ...options.env });
  const store = options.store ?? new MemorySessionStore({ ttlMs: 60_000 });
  const queue = createMemoryQueue<EventJob>({ backoffMs: 1 });
  const queued: EventJob[] = [];
  // Records what goes into the real queue (the payloads must be redacted), then passes it on.
  const recording: JobQueue<EventJob> = {
    enqueue: (job) => {
      queued.push(job.payload);
      return queue.enqueue(job);
    },
    cancel: (id) => queue.cancel(id),
    purge: (owner) => queue.purge(owner),
    process: (handler) => queue.process(handler),
    failed: () => queue.failed(),
    retry: (id) => queue.retry(id),
    drain: () => queue.drain(),
    close: () => queue.close(),
    counts: () => queue.counts(),
  };
  const h: Harness = {
    store,
    queue,
    sent: [],
    queued,
    packets: [],
    claims: [],
    settled: [],
    outcomes: [],
    forgotten: [],
    clock: { now: T0 },
    failing: new Set(),
    engine: undefined as unknown as Engine,
  };
  let attempts = 0;
  h.engine = createEngine({
    diagnoser,
    store,
    queue: recording,
    settings: { ...settingsFrom(config), ...(options.followUpMs ? { followUpMs: options.followUpMs } : {}) },
    now: () => h.clock.now,
    ...(options.log ? { log: options.log } : {}),
    ...(options.limits ? { limits: { ...rateLimitsFrom(config), limiter: new MemoryRateLimiter() } } : {}),
    deliver: async (out) => {
      attempts += 1;
      if (h.failing.delete(attempts))
        throw Object.assign(new Error('platform said 503'), { retryAfterMs: 1 });
      h.sent.push(out);
    },
    escalate: async (packet, _conversation, handle) => {
      h.packets.push(packet);
      h.claims.push(handle.claim);
    },
    outcome: async (outcome) => {
      h.outcomes.push(outcome);
    },
    settled: (event) => {
      h.settled.push(event);
    },
    forget: async (user) => {
      h.forgotten.push(user);
    },
  });
  h.engine.start();
  open.push(h);
  return h;
}

export const message = (
  id: string,
  text: string,
  extra: { conversation?: ConversationRef; user?: string; shared?: boolean } = {},
) => ({
  kind: 'message' as const,
  id,
  conversation: extra.conversation ?? THREAD,
  user: extra.user ?? 'U1',
  text,
  ...(extra.shared !== undefined ? { shared: extra.shared } : {}),
});

export const summaries = (h: Harness) => h.sent.flatMap((o) => o.replies.map((r) => r.summary));
