import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAUSES } from '../../src/diagnose/taxonomy.js';
import { boundedLabel, createMetrics, MAX_VALUES_PER_LABEL } from '../../src/ops/metrics.js';

/** The value of one series in exposition text, or undefined when the series is absent. */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Every label value in the text. */
function labelValues(text: string): string[] {
  return [...text.matchAll(/[a-z_]+="([^"]*)"/g)].map((m) => m[1] ?? '');
}

const CREDENTIALS = [
  'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx',
  'xoxb-12345',
  'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  'github_pat_11ABCDEFG0abcdefghijkl',
  'sk-proj-abcdefghij',
  'sk_live_abcdefghijklmnop',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
  'eyjhbgcioijiuzi1nij9',
  'AKIAIOSFODNN7EXAMPLE',
  'Bearer abc',
  'bearer-abc',
  'glpat-abcdefghijklmnop',
  'a1b2c3d4e5f6g7h8i9j0',
  'qwertyuiopasdfghjklzxcv',
  'tok-98765',
  'Authorization: Bearer x',
  'my password is hunter2',
  '',
  '   ',
  'a'.repeat(41),
];

describe('boundedLabel', () => {
  it('keeps short words, lowercased', () => {
    for (const ok of ['slack', 'discord', 'terminal', 'events', 'authdoctor-events', 'timers_v2', 'waiting'])
      expect(boundedLabel(ok)).toBe(ok);
    expect(boundedLabel('Slack')).toBe('slack');
  });

  it('turns anything credential-shaped, long, empty or not a string into other', () => {
    for (const bad of CREDENTIALS) expect(boundedLabel(bad), bad).toBe('other');
    for (const bad of [undefined, null, 42, {}, ['slack']]) expect(boundedLabel(bad)).toBe('other');
  });
});

describe('createMetrics', () => {
  it('each call has its own registry', async () => {
    const a = createMetrics({ collectDefault: false });
    const b = createMetrics({ collectDefault: false });
    a.eventAccepted('slack', true);
    expect(a.registry).not.toBe(b.registry);
    expect(value(await a.metricsText(), 'authdoctor_events_total{platform="slack",result="accepted"}')).toBe(
      1,
    );
    expect(value(await b.metricsText(), 'authdoctor_events_total{platform="slack",result="accepted"}')).toBe(
      0,
    );
    expect(a.contentType).toMatch(/^text\/plain/);
  });

  it('moves every counter and the histogram', async () => {
    const m = createMetrics({ collectDefault: false });
    m.eventAccepted('slack', true);
    m.eventAccepted('slack', true);
    m.eventAccepted('discord', false);
    m.acceptFailed('discord');
    m.eventHandled('slack', 0.02);
    m.eventHandled('slack', 12);
    m.eventHandled('slack', Number.NaN);
    m.eventHandled('slack', -1);
    m.jobFailed('events', false);
    m.jobFailed('events', true);
    m.replyDelivered('discord');
    m.deliveryFailed('slack', 'transient');
    m.deliveryFailed('slack', 'permanent');
    m.escalated('webhook');
    m.webhookAttempt('retry');
    m.webhookAttempt('ok');
    m.diagnosed(['expired_token', 'expired_token', 'wrong_header_format']);
    m.diagnosed([]);
    const text = await m.metricsText();

    const expected: Record<string, number> = {
      'authdoctor_events_total{platform="slack",result="accepted"}': 2,
      'authdoctor_events_total{platform="discord",result="duplicate"}': 1,
      'authdoctor_events_total{platform="terminal",result="accepted"}': 0,
      'authdoctor_accept_failures_total{platform="discord"}': 1,
      'authdoctor_event_seconds_count{platform="slack"}': 2,
      'authdoctor_event_seconds_bucket{le="0.005",platform="slack"}': 0,
      'authdoctor_event_seconds_bucket{le="0.025",platform="slack"}': 1,
      'authdoctor_event_seconds_bucket{le="30",platform="slack"}': 2,
      'authdoctor_job_failures_total{queue="events",final="false"}': 1,
      'authdoctor_job_failures_total{queue="events",final="true"}': 1,
      'authdoctor_replies_delivered_total{platform="discord"}': 1,
      'authdoctor_delivery_failures_total{platform="slack",kind="transient"}': 1,
      'authdoctor_delivery_failures_total{platform="slack",kind="permanent"}': 1,
      'authdoctor_escalations_total{route="webhook"}': 1,
      'authdoctor_escalations_total{route="slack"}': 0,
      'authdoctor_webhook_attempts_total{result="retry"}': 1,
      'authdoctor_webhook_attempts_total{result="ok"}': 1,
      'authdoctor_webhook_attempts_total{result="failed"}': 0,
      'authdoctor_diagnoses_total{cause="expired_token"}': 1,
      'authdoctor_diagnoses_total{cause="wrong_header_format"}': 1,
      'authdoctor_diagnoses_total{cause="none"}': 1,
    };
    for (const [series, n] of Object.entries(expected)) expect(value(text, series), series).toBe(n);
  });

  it('keeps fixed labels to their lists and causes to the taxonomy', async () => {
    const m = createMetrics({ collectDefault: false });
    m.escalated('email' as never);
    m.webhookAttempt('maybe' as never);
    m.deliveryFailed('slack', 'sometimes' as never);
    m.jobFailed('events', 'yes' as never);
    m.diagnosed(['my token xoxb-123 expired', 'expired_token']);
    m.diagnosed(CAUSES);
    const text = await m.metricsText();
    expect(value(text, 'authdoctor_escalations_total{route="other"}')).toBe(1);
    expect(value(text, 'authdoctor_webhook_attempts_total{result="other"}')).toBe(1);
    expect(value(text, 'authdoctor_delivery_failures_total{platform="slack",kind="other"}')).toBe(1);
    expect(value(text, 'authdoctor_job_failures_total{queue="events",final="false"}')).toBe(1);
    expect(value(text, 'authdoctor_diagnoses_total{cause="other"}')).toBe(2);
    const causes = new Set([...text.matchAll(/cause="([^"]*)"/g)].map((x) => x[1]));
    for (const cause of causes) expect([...CAUSES, 'none']).toContain(cause);
  });

  it('caps how many values a free label can take', async () => {
    const m = createMetrics({ collectDefault: false });
    for (let i = 0; i < 100; i++) m.jobFailed(`queue-${String.fromCharCode(97 + (i % 26))}${i}`, false);
    const queues = new Set([...(await m.metricsText()).matchAll(/queue="([^"]*)"/g)].map((x) => x[1]));
    expect(queues.size).toBeLessThanOrEqual(MAX_VALUES_PER_LABEL);
    expect(queues.has('other')).toBe(true);
  });

  it('a scrape never carries a credential passed as a label', async () => {
    const m = createMetrics({ collectDefault: false });
    for (const bad of CREDENTIALS) {
      m.eventAccepted(bad, true);
      m.acceptFailed(bad);
      m.eventHandled(bad, 1);
      m.jobFailed(bad, true);
      m.replyDelivered(bad);
      m.deliveryFailed(bad, 'transient');
      m.escalated(bad as never);
      m.webhookAttempt(bad as never);
      m.diagnosed([bad]);
    }
    m.queueDepth(async () => Object.fromEntries(CREDENTIALS.map((c, i) => [c, i])));
    const text = await m.metricsText();
    for (const bad of CREDENTIALS.filter((c) => c.trim().length >= 8)) {
      expect(text).not.toContain(bad);
      expect(text.toLowerCase()).not.toContain(bad.toLowerCase());
    }
    for (const label of labelValues(text)) expect(label).toMatch(/^[a-z0-9_.+-]{1,40}$|^\+Inf$/);
    expect(value(text, 'authdoctor_events_total{platform="other",result="accepted"}')).toBe(
      CREDENTIALS.length,
    );
  });

  it('reads queue depth on scrape, sums sources, and survives a failing or hanging source', async () => {
    const m = createMetrics({ collectDefault: false, queueDepthTimeoutMs: 50 });
    let waiting = 3;
    m.queueDepth(async () => ({ waiting, active: 1, delayed: 0, failed: 2 }));
    m.queueDepth(async () => ({ waiting: 1, bogus: Number.NaN, negative: -4 }));
    let first = await m.metricsText();
    expect(value(first, 'authdoctor_queue_jobs{state="waiting"}')).toBe(4);
    expect(value(first, 'authdoctor_queue_jobs{state="active"}')).toBe(1);
    expect(value(first, 'authdoctor_queue_jobs{state="failed"}')).toBe(2);
    expect(value(first, 'authdoctor_queue_jobs{state="bogus"}')).toBeUndefined();
    expect(value(first, 'authdoctor_queue_depth_errors_total')).toBe(0);
    waiting = 10;
    first = await m.metricsText();
    expect(value(first, 'authdoctor_queue_jobs{state="waiting"}')).toBe(11);

    m.queueDepth(async () => {
      throw new Error('redis://user:hunter2@redis:6379 is down');
    });
    m.queueDepth(() => new Promise(() => {}));
    const text = await m.metricsText();
    expect(value(text, 'authdoctor_queue_jobs{state="waiting"}')).toBe(11);
    expect(value(text, 'authdoctor_queue_depth_errors_total')).toBe(2);
    expect(text).not.toContain('hunter2');
    expect(value(text, 'authdoctor_events_total{platform="slack",result="accepted"}')).toBe(0);
  });

  it('collects default process metrics when asked, and honours a prefix', async () => {
    const m = createMetrics({ prefix: 'ad_test_', collectDefault: true });
    m.eventAccepted('slack', true);
    const text = await m.metricsText();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(value(text, 'ad_test_events_total{platform="slack",result="accepted"}')).toBe(1);
    expect(text).not.toContain('authdoctor_events_total');
  });

  it('every authdoctor metric is documented in docs/operations.md', async () => {
    const doc = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8');
    const names = [
      ...(await createMetrics({ collectDefault: false }).metricsText()).matchAll(/^# TYPE (\S+)/gm),
    ];
    expect(names.length).toBeGreaterThanOrEqual(11);
    for (const [, name] of names) expect(doc, `${name} in docs/operations.md`).toContain(`\`${name}\``);
  });
});
