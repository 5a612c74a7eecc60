/** renderStats: two windows side by side, in plain text that fits the limit it is given. */
import { describe, expect, it } from 'vitest';
import { MemoryAnalytics, renderStats } from '../../src/analytics/index.js';
import { CAUSES } from '../../src/diagnose/taxonomy.js';

const NOW = Date.parse('2026-03-15T12:00:00Z');
const DAY = 86_400_000;

async function summaries(fill: (store: MemoryAnalytics) => Promise<void>) {
  const store = new MemoryAnalytics();
  await fill(store);
  const week = await store.summary({ days: 7, now: NOW });
  const month = await store.summary({ days: 30, now: NOW });
  await store.close();
  return { week, month };
}

describe('renderStats', () => {
  it('says when nothing was recorded', async () => {
    const { week, month } = await summaries(async () => {});
    const text = renderStats(week, month);
    expect(text).toContain('UTC days up to 2026-03-15');
    expect(text).toContain('Nothing recorded in the last 30 days.');
    expect(text).toMatch(/^Fixed\s+0\s+0$/m);
    expect(text).toMatch(/^ {2}time to fix, median\s+–\s+–$/m);
  });

  it('lines the two windows up, with rates, the median bucket and the mean', async () => {
    const { week, month } = await summaries(async (store) => {
      await store.record([{ type: 'session_started' }, { type: 'session_started' }], NOW);
      await store.record(
        [{ type: 'fixed', fixedBy: { kind: 'step', step: 'token-expiry' }, durationMs: 10 * 60_000 }],
        NOW,
      );
      await store.record(
        [{ type: 'session_started' }, { type: 'escalated', reason: 'exhausted' }],
        NOW - 9 * DAY,
      );
    });
    const text = renderStats(week, month);
    expect(text).toMatch(/^\s+7 days\s+30 days$/m);
    expect(text).toMatch(/^Conversations started\s+2\s+3$/m);
    expect(text).toMatch(/^Fixed\s+1 \(50%\)\s+1 \(33%\)$/m);
    expect(text).toMatch(/^ {2}time to fix, median\s+≤ 15 min\s+≤ 15 min$/m);
    expect(text).toMatch(/^ {2}time to fix, mean\s+10 min\s+10 min$/m);
    expect(text).toMatch(/^Escalated to a human\s+0 \(0%\)\s+1 \(33%\)$/m);
    expect(text).toMatch(/^Fixed at checklist step$/m);
    const widths = new Set(
      text
        .split('\n')
        .slice(2)
        .filter((l) => /\d$/.test(l))
        .map((l) => l.length),
    );
    expect(widths.size).toBe(1);
  });

  it('cuts long lists to fit a limit, and says so', async () => {
    const { week, month } = await summaries(async (store) => {
      for (const cause of CAUSES)
        await store.record(
          [
            {
              type: 'diagnosed',
              provider: `provider-${cause.length}`,
              causes: [cause],
              rules: [`rule-${cause}`],
            },
          ],
          NOW,
        );
    });
    const full = renderStats(week, month);
    const cut = renderStats(week, month, { maxLength: 900 });
    expect(full.length).toBeGreaterThan(900);
    expect(cut.length).toBeLessThanOrEqual(900);
    expect(cut.endsWith('… (cut to fit; `authdoctor stats --json` has all of it)')).toBe(true);
    expect(full.startsWith(cut.split('\n').slice(0, -1).join('\n'))).toBe(true);
  });
});
