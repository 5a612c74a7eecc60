/** `authdoctor stats` against the real Redis (a prefix unique to this run, removed afterwards). */
import { afterAll, describe, expect, it } from 'vitest';
import { RedisAnalytics } from '../../src/analytics/index.js';
import { freePort } from '../store/redis-server.js';
import { runCliWith } from '../support/cli.js';
import { REDIS_URL, redisTestKeys } from '../support/redis.js';

const redis = redisTestKeys('stats-cli');
const PREFIX = redis.runPrefix;
const DAY = 86_400_000;
const NOW = Date.parse('2026-03-15T12:00:00Z');
const env = { REDIS_URL, AUTHDOCTOR_REDIS_PREFIX: PREFIX };

afterAll(() => redis.cleanup());

describe('authdoctor stats', () => {
  it('shows the last 7 and 30 days recorded in Redis', async () => {
    const store = new RedisAnalytics(REDIS_URL, { keyPrefix: PREFIX });
    await store.record(
      [
        { type: 'session_started' },
        { type: 'diagnosed', provider: 'github', causes: ['expired_token'], rules: ['jwt-expired'] },
        { type: 'fixed', fixedBy: { kind: 'step', step: 'token-expiry' }, durationMs: 4 * 60_000 },
      ],
      NOW,
    );
    await store.record(
      [
        { type: 'session_started' },
        { type: 'diagnosed', provider: 'stripe', causes: ['wrong_environment'], rules: [] },
        { type: 'escalated', reason: 'requested' },
      ],
      NOW - 20 * DAY,
    );
    await store.close();

    const run = await runCliWith(['stats', '--now', '2026-03-15'], { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const line = (label: string) => run.stdout.split('\n').find((l) => l.startsWith(label));
    expect(line('  ')).toMatch(/^\s+7 days\s+30 days$/);
    expect(run.stdout).toContain('UTC days up to 2026-03-15');
    expect(line('Conversations started')).toMatch(/\s1\s+2$/);
    expect(line('Pastes diagnosed')).toMatch(/\s1\s+2$/);
    expect(line('Fixed')).toMatch(/1 \(100%\)\s+1 \(50%\)$/);
    expect(line('Escalated to a human')).toMatch(/0 \(0%\)\s+1 \(50%\)$/);
    expect(line('  time to fix, median')).toMatch(/≤ 5 min\s+≤ 5 min$/);
    expect(line('  expired_token')).toMatch(/\s1\s+1$/);
    expect(line('  wrong_environment')).toMatch(/\s0\s+1$/);
    expect(line('  token-expiry')).toMatch(/\s1\s+1$/);

    const json = await runCliWith(['stats', '--json', '--now', '2026-03-15T12:00:00Z'], { env });
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.last7Days).toMatchObject({ days: 7, sessions: 1, fixed: 1, fixRate: 1 });
    expect(parsed.last30Days).toMatchObject({ days: 30, sessions: 2, escalations: 1, escalationRate: 0.5 });
    expect(parsed.last30Days.byProvider).toEqual([
      { id: 'github', count: 1 },
      { id: 'stripe', count: 1 },
    ]);
  });

  it('without REDIS_URL says plainly where the analytics are, and exits 0', async () => {
    const run = await runCliWith(['stats']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('inside the running bot process only');
    expect(run.stdout).toContain('Set REDIS_URL');
    const json = await runCliWith(['stats', '--json']);
    expect(json.code).toBe(0);
    expect(json.stdout).toBe('');
    expect(json.stderr).toContain('Set REDIS_URL');
  });

  it('an unreachable Redis is an error that says what to check', async () => {
    const port = await freePort();
    const run = await runCliWith(['stats'], { env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Cannot reach Redis at 127.0.0.1:${port}`);
  });

  it('usage errors exit 2', async () => {
    expect((await runCliWith(['stats', 'extra'], { env })).code).toBe(2);
    expect((await runCliWith(['stats', '--now', 'yesterday'], { env })).code).toBe(2);
    expect((await runCliWith(['help'])).stdout).toContain('stats [--json]');
  });
});
