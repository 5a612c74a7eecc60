/**
 * Analytics: anonymous daily counts of what the bot saw and how conversations ended, for the admins'
 * `stats` command. Redis when REDIS_URL is set (shared, readable from the CLI), else this process's memory.
 */
import type { Config } from '../config.js';
import { humanDuration } from '../reply/duration.js';
import { MemoryAnalytics } from './memory.js';
import { RedisAnalytics } from './redis.js';
import type { AnalyticsStore, Count, StatsSummary } from './types.js';

export { BUCKET_DAYS_KEPT, TIME_TO_FIX_BOUNDS_MS, utcDay } from './buckets.js';
export { type Fact, FactSchema, factsOf } from './facts.js';
export { MemoryAnalytics } from './memory.js';
export { RedisAnalytics, type RedisAnalyticsOptions, statsKey } from './redis.js';
export type { AnalyticsStore, Count, StatsSummary, SummaryOptions } from './types.js';
export { StatsSummarySchema } from './types.js';

export function createAnalytics(config: Config): AnalyticsStore {
  return config.REDIS_URL
    ? new RedisAnalytics(config.REDIS_URL, { keyPrefix: config.AUTHDOCTOR_REDIS_PREFIX })
    : new MemoryAnalytics();
}

/** The two windows `stats` shows everywhere. */
export const STATS_WINDOWS = [7, 30] as const;

/** Both windows, as the CLI, Slack and Discord show them. */
export async function statsSummaries(
  analytics: AnalyticsStore,
  now: number,
): Promise<{ week: StatsSummary; month: StatsSummary }> {
  const [week, month] = await Promise.all(STATS_WINDOWS.map((days) => analytics.summary({ days, now })));
  return { week: week!, month: month! };
}

/**
 * Plain text, a fixed-width table of the two windows side by side: the CLI prints it as is, Slack and
 * Discord put it in a code block (so nothing in it is read as markup). `maxLength` cuts the longest lists
 * from the bottom to fit a platform's message limit, and says so.
 */
export function renderStats(
  week: StatsSummary,
  month: StatsSummary,
  options: { maxLength?: number } = {},
): string {
  const rows: [string, string, string][] = [];
  const row = (label: string, pick: (s: StatsSummary) => string) =>
    rows.push([label, pick(week), pick(month)]);
  const gap = () => rows.push(['', '', '']);
  row('', (s) => `${s.days} days`);
  row('Conversations started', (s) => String(s.sessions));
  row('Pastes diagnosed', (s) => String(s.diagnoses));
  row('  no cause found', (s) => String(s.unexplained));
  row('  no provider recognised', (s) => String(s.noProvider));
  row('Fixed', (s) => withRate(s.fixed, s.fixRate));
  row('  time to fix, median', (s) => medianText(s));
  row('  time to fix, mean', (s) => (s.timeToFix.meanMs === null ? '–' : humanDuration(s.timeToFix.meanMs)));
  row('Escalated to a human', (s) => withRate(s.escalations, s.escalationRate));
  row('  asked for', (s) => String(s.escalationsByReason.requested));
  row('  checklist exhausted', (s) => String(s.escalationsByReason.exhausted));
  row('  stuck', (s) => String(s.escalationsByReason.stuck));
  row('  claimed by support', (s) => String(s.claims));
  const sections: [string, (s: StatsSummary) => Count[]][] = [
    ['Causes', (s) => s.byCause],
    ['Rules', (s) => s.byRule],
    ['Providers', (s) => s.byProvider],
    ['Fixed at checklist step', (s) => s.fixedBy.steps],
    ['Fixed by acting on a finding', (s) => s.fixedBy.findings],
  ];
  for (const [title, list] of sections) {
    const ids = union(list(week), list(month));
    if (ids.length === 0) continue;
    gap();
    rows.push([title, '', '']);
    for (const id of ids) row(`  ${id}`, (s) => String(list(s).find((c) => c.id === id)?.count ?? 0));
  }
  const width = (i: 0 | 1 | 2) => Math.max(...rows.map((r) => r[i].length));
  const [w0, w1, w2] = [width(0), width(1), width(2)];
  const table = rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c.padStart(w2)}`.trimEnd());
  const empty = month.sessions === 0 && month.diagnoses === 0 && month.fixed === 0 && month.escalations === 0;
  const lines = [
    `authdoctor stats, UTC days up to ${month.to} (counts only, nothing about who asked)`,
    '',
    ...table,
    ...(empty ? ['', 'Nothing recorded in the last 30 days.'] : []),
  ];
  return fitLines(lines, options.maxLength);
}

const CUT = '… (cut to fit; `authdoctor stats --json` has all of it)';

function fitLines(lines: string[], maxLength: number | undefined): string {
  const text = lines.join('\n');
  if (maxLength === undefined || text.length <= maxLength) return text;
  const kept = [...lines];
  while (kept.length > 1 && [...kept, CUT].join('\n').length > maxLength) kept.pop();
  return [...kept, CUT].join('\n').slice(0, maxLength);
}

function withRate(count: number, rate: number | null): string {
  return rate === null ? String(count) : `${count} (${Math.round(rate * 100)}%)`;
}

function medianText(s: StatsSummary): string {
  const median = s.timeToFix.median;
  if (!median) return '–';
  return median.toMs === null ? `over ${humanDuration(median.fromMs)}` : `≤ ${humanDuration(median.toMs)}`;
}

/** Ids of either window, the longer window's order first (it is the steadier ranking). */
function union(week: Count[], month: Count[]): string[] {
  return [...new Set([...month.map((c) => c.id), ...week.map((c) => c.id)])];
}
