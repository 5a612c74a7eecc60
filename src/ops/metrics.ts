/**
 * Prometheus metrics for a running authdoctor: what came in, what failed, how long handling took, what the
 * queue holds. Each call builds its own Registry (never prom-client's global one), so tests and embedders
 * can hold several side by side.
 *
 * Label values are bounded on purpose: platforms, queues and states pass `boundedLabel` (a short lowercase
 * word, nothing shaped like a credential, at most MAX_VALUES_PER_LABEL distinct values per label), and the
 * rest come from fixed lists. A caller that passes user text or a token by mistake gets `other`, never a new
 * series carrying the value.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { CAUSES } from '../diagnose/taxonomy.js';

export type DeliveryFailureKind = 'transient' | 'permanent';
export type EscalationRoute = 'slack' | 'discord' | 'webhook' | 'none';
export type WebhookResult = 'ok' | 'retry' | 'failed';
export type QueueDepthSource = () => Promise<Record<string, number>>;

export interface MetricsOptions {
  /** Prefix of every authdoctor metric name (default `authdoctor_`). */
  prefix?: string;
  /** Also collect Node's process metrics (CPU, memory, event loop, GC), unprefixed. Default true. */
  collectDefault?: boolean;
  /** How long a queue-depth source may take before a scrape gives up on it. Default 2000 ms. */
  queueDepthTimeoutMs?: number;
}

export interface Metrics {
  readonly registry: Registry;
  /** The Content-Type of `metricsText()`. */
  readonly contentType: string;
  /** An event reached `engine.accept`: enqueued (`accepted`) or already known (`duplicate`). */
  eventAccepted(platform: string, accepted: boolean): void;
  /** `engine.accept` failed: the event was not enqueued. */
  acceptFailed(platform: string): void;
  /** A message an abuse limit stopped before it was read: `scope` is user or workspace. */
  eventRefused(platform: string, scope: string): void;
  /** An event settled, `seconds` after it was accepted. */
  eventHandled(platform: string, seconds: number): void;
  /** A job threw; `final` when it has no attempts left and now sits in the failed set. */
  jobFailed(queue: string, final: boolean): void;
  replyDelivered(platform: string): void;
  deliveryFailed(platform: string, kind: DeliveryFailureKind): void;
  escalated(route: EscalationRoute): void;
  webhookAttempt(result: WebhookResult): void;
  /** A diagnosis finished with these cause ids (from the taxonomy); none found counts as `none`. */
  diagnosed(causes: readonly string[]): void;
  /** Adds a source of job counts by state, read on every scrape; several sources are summed per state. */
  queueDepth(source: QueueDepthSource): void;
  metricsText(): Promise<string>;
}

/** Seconds from accept to settled: a cached diagnosis answers in milliseconds, a JWKS fetch can take seconds. */
export const EVENT_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

const OTHER = 'other';
const MAX_LABEL_CHARS = 40;
/** Past this many distinct values a label is being fed something unbounded; new values become `other`. */
export const MAX_VALUES_PER_LABEL = 32;

const PLATFORMS = ['terminal', 'slack', 'discord'] as const;
const ROUTES: readonly EscalationRoute[] = ['slack', 'discord', 'webhook', 'none'];
const WEBHOOK_RESULTS: readonly WebhookResult[] = ['ok', 'retry', 'failed'];
const KINDS: readonly DeliveryFailureKind[] = ['transient', 'permanent'];
const CAUSE_SET: ReadonlySet<string> = new Set(CAUSES);

/** Prefixes of well-known credential formats, lowercased (Slack, GitHub, Stripe/OpenAI, GitLab, JWT, AWS, Google). */
const CREDENTIAL_PREFIX =
  /^(?:xox[a-z]?-|xapp-|ghp_|gho_|ghs_|ghu_|ghr_|github_pat|sk[-_]|pk[-_]|rk[-_]|whsec_|glpat-|eyj|akia|asia|aiza|ya29|bearer|basic)/;

/**
 * A label value safe to export: lowercase `[a-z0-9_-]{1,40}` starting with a letter, and not shaped like a
 * credential (a known token prefix, a run of 4+ digits, digits in anything 16+ long, or a 16+ character run
 * without separators). Anything else is `other`.
 */
export function boundedLabel(value: unknown): string {
  if (typeof value !== 'string') return OTHER;
  const v = value.trim().toLowerCase();
  if (v.length === 0 || v.length > MAX_LABEL_CHARS || !/^[a-z][a-z0-9_-]*$/.test(v)) return OTHER;
  if (CREDENTIAL_PREFIX.test(v) || /\d{4}/.test(v)) return OTHER;
  if (v.length >= 16 && /\d/.test(v)) return OTHER;
  if (v.split(/[-_]/).some((word) => word.length >= 16)) return OTHER;
  return v;
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | typeof OTHER {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : OTHER;
}

/** `boundedLabel` plus a cap on how many distinct values one label may take. */
function cappedLabel(pre: readonly string[] = []): (value: unknown) => string {
  const seen = new Set<string>([OTHER, ...pre]);
  return (value) => {
    const v = boundedLabel(value);
    if (seen.has(v)) return v;
    if (seen.size >= MAX_VALUES_PER_LABEL) return OTHER;
    seen.add(v);
    return v;
  };
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const prefix = options.prefix ?? 'authdoctor_';
  const depthTimeoutMs = options.queueDepthTimeoutMs ?? 2000;
  const registry = new Registry();
  if (options.collectDefault ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const platform = cappedLabel(PLATFORMS);
  const queue = cappedLabel();
  const state = cappedLabel();

  const events = new Counter({
    name: `${prefix}events_total`,
    help: 'Events offered to the engine, by platform and result (accepted: enqueued; duplicate: already known).',
    labelNames: ['platform', 'result'] as const,
    registers,
  });
  const acceptFailures = new Counter({
    name: `${prefix}accept_failures_total`,
    help: 'Events the engine could not accept (not enqueued).',
    labelNames: ['platform'] as const,
    registers,
  });
  const refusals = new Counter({
    name: `${prefix}events_refused_total`,
    help: 'Messages and clicks a rate limit stopped before they were read, by platform and limit (user, workspace).',
    labelNames: ['platform', 'limit'] as const,
    registers,
  });
  const limit = cappedLabel(['user', 'workspace']);
  const eventSeconds = new Histogram({
    name: `${prefix}event_seconds`,
    help: 'Seconds from accepting an event to settling it (handled, replies delivered).',
    labelNames: ['platform'] as const,
    buckets: [...EVENT_SECONDS_BUCKETS],
    registers,
  });
  const jobFailures = new Counter({
    name: `${prefix}job_failures_total`,
    help: 'Jobs that threw, by queue; final="true" when no attempts are left (the job is in the failed set).',
    labelNames: ['queue', 'final'] as const,
    registers,
  });
  const replies = new Counter({
    name: `${prefix}replies_delivered_total`,
    help: 'Replies delivered to a platform.',
    labelNames: ['platform'] as const,
    registers,
  });
  const deliveryFailures = new Counter({
    name: `${prefix}delivery_failures_total`,
    help: 'Replies a platform did not take; transient failures are retried, permanent ones are dropped.',
    labelNames: ['platform', 'kind'] as const,
    registers,
  });
  const escalations = new Counter({
    name: `${prefix}escalations_total`,
    help: 'Conversations handed to a human, by where the escalation went.',
    labelNames: ['route'] as const,
    registers,
  });
  const webhookAttempts = new Counter({
    name: `${prefix}webhook_attempts_total`,
    help: 'Escalation webhook requests, by result (ok, retry: will try again, failed: gave up).',
    labelNames: ['result'] as const,
    registers,
  });
  const diagnoses = new Counter({
    name: `${prefix}diagnoses_total`,
    help: 'Causes named by diagnoses (one increment per cause per diagnosis; none: no cause found).',
    labelNames: ['cause'] as const,
    registers,
  });
  const sources: QueueDepthSource[] = [];
  /** The depth read of the scrape in progress; the error counter waits for it so both report one scrape. */
  let reading: Promise<void> | undefined;
  new Gauge({
    name: `${prefix}queue_jobs`,
    help: 'Jobs in the queue by state (waiting, active, delayed, failed, …), read at scrape time.',
    labelNames: ['state'] as const,
    registers,
    collect() {
      reading = readDepth(this);
      return reading;
    },
  });
  // Registered after the gauge: a scrape starts the gauge's collect first, so `reading` is this scrape's read.
  const depthErrors = new Counter({
    name: `${prefix}queue_depth_errors_total`,
    help: 'Queue-depth reads that failed or timed out during a scrape.',
    registers,
    async collect() {
      await reading;
    },
  });

  async function readDepth(gauge: Gauge<'state'>): Promise<void> {
    // A slow or broken Redis must cost this gauge, never the scrape: reset first so stale counts vanish.
    const results = await Promise.all(sources.map((source) => readSource(source, depthTimeoutMs)));
    gauge.reset();
    const totals = new Map<string, number>();
    for (const counts of results) {
      if (!counts) {
        depthErrors.inc();
        continue;
      }
      for (const [name, n] of Object.entries(counts)) {
        if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) continue;
        const label = state(name);
        totals.set(label, (totals.get(label) ?? 0) + n);
      }
    }
    for (const [label, n] of totals) gauge.set({ state: label }, n);
  }

  // Zero series for the known values, so rate() and absent() work before the first event.
  for (const p of PLATFORMS) {
    for (const result of ['accepted', 'duplicate']) events.inc({ platform: p, result }, 0);
    acceptFailures.inc({ platform: p }, 0);
  }
  for (const route of ROUTES) escalations.inc({ route }, 0);
  for (const result of WEBHOOK_RESULTS) webhookAttempts.inc({ result }, 0);

  return {
    registry,
    contentType: registry.contentType,
    eventAccepted(p, accepted) {
      events.inc({ platform: platform(p), result: accepted ? 'accepted' : 'duplicate' });
    },
    acceptFailed(p) {
      acceptFailures.inc({ platform: platform(p) });
    },
    eventRefused(p, scope) {
      refusals.inc({ platform: platform(p), limit: limit(scope) });
    },
    eventHandled(p, seconds) {
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return;
      eventSeconds.observe({ platform: platform(p) }, seconds);
    },
    jobFailed(q, final) {
      jobFailures.inc({ queue: queue(q), final: final === true ? 'true' : 'false' });
    },
    replyDelivered(p) {
      replies.inc({ platform: platform(p) });
    },
    deliveryFailed(p, kind) {
      deliveryFailures.inc({ platform: platform(p), kind: oneOf(KINDS, kind) });
    },
    escalated(route) {
      escalations.inc({ route: oneOf(ROUTES, route) });
    },
    webhookAttempt(result) {
      webhookAttempts.inc({ result: oneOf(WEBHOOK_RESULTS, result) });
    },
    diagnosed(causes) {
      const named = new Set<string>();
      for (const cause of Array.isArray(causes) ? causes : []) {
        named.add(typeof cause === 'string' && CAUSE_SET.has(cause) ? cause : OTHER);
      }
      if (named.size === 0) named.add('none');
      for (const cause of named) diagnoses.inc({ cause });
    },
    queueDepth(source) {
      sources.push(source);
    },
    metricsText: () => registry.metrics(),
  };
}

async function readSource(
  source: QueueDepthSource,
  timeoutMs: number,
): Promise<Record<string, number> | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
      timer.unref();
    });
    const counts = await Promise.race([Promise.resolve().then(source), timeout]);
    return counts && typeof counts === 'object' ? counts : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
