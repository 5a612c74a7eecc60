/**
 * The daily bucket both stores keep: a flat map of counter name → integer (a Redis hash, or a Map in
 * memory), one per UTC day. Recording only ever increments counters, so concurrent processes never lose
 * counts; summarising sums the days of the window and reads only the counters it knows, so a field
 * written by another version (or by hand) is ignored rather than misread.
 *
 * Counters:
 *   sessions, diagnoses, unexplained, noprovider, fixed, fixedby-unknown, escalations, claims
 *   cause:<cause>  rule:<rule>  provider:<pack>  fixedby-step:<step>  fixedby-rule:<rule>
 *   escalation:<reason>  ttf-count  ttf-sum-ms  ttf-le:<ms>|ttf-le:inf
 */
import { StepIdSchema } from '../checklist/steps.js';
import { CauseSchema } from '../diagnose/taxonomy.js';
import { AnalyticsIdSchema, EscalationReasonSchema, type Fact, FactSchema } from './facts.js';
import type { Count, StatsSummary, SummaryOptions } from './types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Upper bounds of the time-to-fix buckets; a fix slower than the last lands in `inf`. */
export const TIME_TO_FIX_BOUNDS_MS = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  4 * HOUR,
  8 * HOUR,
  DAY,
  3 * DAY,
  7 * DAY,
] as const;

/** Days a bucket is kept: a little over a year, so a yearly comparison stays possible. */
export const BUCKET_DAYS_KEPT = 400;
export const DEFAULT_TOP = 10;
/** The longest window a summary may ask for. */
export const MAX_SUMMARY_DAYS = BUCKET_DAYS_KEPT;

export type Increments = Map<string, number>;

/** The counter increments for a batch of facts; a fact that does not validate is skipped. */
export function incrementsOf(facts: readonly Fact[]): Increments {
  const out: Increments = new Map();
  const add = (field: string, by = 1) => out.set(field, (out.get(field) ?? 0) + by);
  for (const candidate of facts) {
    const parsed = FactSchema.safeParse(candidate);
    if (!parsed.success) continue;
    const fact = parsed.data;
    switch (fact.type) {
      case 'session_started':
        add('sessions');
        break;
      case 'diagnosed':
      case 'diagnosis_replaced': {
        const sign = fact.type === 'diagnosed' ? 1 : -1;
        add('diagnoses', sign);
        if (fact.causes.length === 0) add('unexplained', sign);
        if (fact.provider === null) add('noprovider', sign);
        else add(`provider:${fact.provider}`, sign);
        for (const cause of fact.causes) add(`cause:${cause}`, sign);
        for (const rule of fact.rules) add(`rule:${rule}`, sign);
        break;
      }
      case 'escalated':
        add('escalations');
        add(`escalation:${fact.reason}`);
        break;
      case 'claimed':
        add('claims');
        break;
      case 'fixed': {
        add('fixed');
        const by = fact.fixedBy;
        if (by.kind === 'step') add(`fixedby-step:${by.step}`);
        else if (by.kind === 'finding') add(`fixedby-rule:${by.rule}`);
        else add('fixedby-unknown');
        add('ttf-count');
        add('ttf-sum-ms', fact.durationMs);
        const bound = TIME_TO_FIX_BOUNDS_MS.find((b) => fact.durationMs <= b);
        add(`ttf-le:${bound ?? 'inf'}`);
        break;
      }
    }
  }
  // A continuation within one event cancels out; no need to write zeros.
  for (const [field, by] of out) if (by === 0) out.delete(field);
  return out;
}

/** YYYY-MM-DD of the UTC day `at` falls in. */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The UTC days of a window ending with the day of `now`, oldest first. */
export function windowDays(days: number, now: number): string[] {
  const today = Date.UTC(
    new Date(now).getUTCFullYear(),
    new Date(now).getUTCMonth(),
    new Date(now).getUTCDate(),
  );
  return Array.from({ length: days }, (_, i) => utcDay(today - (days - 1 - i) * DAY));
}

export function checkSummaryOptions(options: SummaryOptions): Required<SummaryOptions> {
  const { days, now, top = DEFAULT_TOP } = options;
  if (!Number.isInteger(days) || days < 1 || days > MAX_SUMMARY_DAYS)
    throw new RangeError(`days must be a whole number from 1 to ${MAX_SUMMARY_DAYS}`);
  if (!Number.isFinite(now)) throw new RangeError('now must be a time in ms since the epoch');
  if (!Number.isInteger(top) || top < 1) throw new RangeError('top must be a whole number ≥ 1');
  return { days, now, top };
}

export function checkRecordTime(at: number): void {
  if (!Number.isFinite(at) || Number.isNaN(new Date(at).getTime()))
    throw new RangeError('at must be a time in ms since the epoch');
}

/** A stored counter value: a whole number, or nothing (garbage reads as absent). */
function countOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) && (typeof value !== 'string' || /^-?\d{1,16}$/.test(value)) ? n : undefined;
}

const TALLIES = ['byCause', 'byRule', 'byProvider', 'fixedBySteps', 'fixedByFindings'] as const;
type Tally = (typeof TALLIES)[number];

/** Sums the buckets of a window (one per day that had anything) into the summary. */
export function summarize(
  buckets: readonly (Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown> | null)[],
  options: Required<SummaryOptions>,
): StatsSummary {
  const days = windowDays(options.days, options.now);
  const totals = new Map<string, number>();
  const tallies: Record<Tally, Map<string, number>> = {
    byCause: new Map(),
    byRule: new Map(),
    byProvider: new Map(),
    fixedBySteps: new Map(),
    fixedByFindings: new Map(),
  };
  const histogram = new Map<string, number>();
  let activeDays = 0;
  for (const bucket of buckets) {
    if (!bucket) continue;
    const entries = bucket instanceof Map ? [...bucket.entries()] : Object.entries(bucket);
    let active = false;
    for (const [field, raw] of entries) {
      const value = countOf(raw);
      if (value === undefined) continue;
      const place = placeOf(field);
      if (!place) continue;
      active = true;
      const into = place.kind === 'total' ? totals : place.kind === 'ttf' ? histogram : tallies[place.kind];
      into.set(place.id, (into.get(place.id) ?? 0) + value);
    }
    if (active) activeDays += 1;
  }
  const total = (name: string) => Math.max(0, totals.get(name) ?? 0);
  const top = (tally: Map<string, number>): Count[] =>
    [...tally]
      .filter(([, count]) => count > 0)
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, options.top)
      .map(([id, count]) => ({ id, count }));
  const sessions = total('sessions');
  const fixed = total('fixed');
  const escalations = total('escalations');
  const rate = (n: number) => (sessions > 0 ? Math.min(1, n / sessions) : null);
  const ttfCount = total('ttf-count');
  const ttfSum = total('ttf-sum-ms');
  const bins = [...TIME_TO_FIX_BOUNDS_MS, null].map((toMs) => ({
    toMs,
    count: Math.max(0, histogram.get(String(toMs ?? 'inf')) ?? 0),
  }));
  return {
    days: options.days,
    from: days[0]!,
    to: days.at(-1)!,
    activeDays,
    sessions,
    diagnoses: total('diagnoses'),
    unexplained: total('unexplained'),
    byCause: top(tallies.byCause),
    byRule: top(tallies.byRule),
    byProvider: top(tallies.byProvider),
    noProvider: total('noprovider'),
    fixed,
    fixRate: rate(fixed),
    fixedBy: {
      steps: top(tallies.fixedBySteps),
      findings: top(tallies.fixedByFindings),
      unknown: total('fixedby-unknown'),
    },
    escalations,
    escalationRate: rate(escalations),
    escalationsByReason: {
      requested: total('escalation:requested'),
      exhausted: total('escalation:exhausted'),
      stuck: total('escalation:stuck'),
    },
    claims: total('claims'),
    timeToFix: {
      count: ttfCount,
      meanMs: ttfCount > 0 ? ttfSum / ttfCount : null,
      median: medianOf(bins),
      histogram: bins,
    },
  };
}

/** The bucket holding the middle fix (the lower middle one for an even count). */
function medianOf(bins: { toMs: number | null; count: number }[]): StatsSummary['timeToFix']['median'] {
  const count = bins.reduce((sum, b) => sum + b.count, 0);
  if (count === 0) return null;
  const middle = Math.ceil(count / 2);
  let seen = 0;
  let fromMs = 0;
  for (const bin of bins) {
    seen += bin.count;
    if (seen >= middle) return { fromMs, toMs: bin.toMs };
    fromMs = bin.toMs ?? fromMs;
  }
  return null;
}

type Place = { kind: 'total' | 'ttf' | Tally; id: string };

const TOTALS = new Set([
  'sessions',
  'diagnoses',
  'unexplained',
  'noprovider',
  'fixed',
  'fixedby-unknown',
  'escalations',
  'claims',
  'ttf-count',
  'ttf-sum-ms',
]);
const BOUNDS = new Set([...TIME_TO_FIX_BOUNDS_MS.map(String), 'inf']);

/** Where a stored counter goes in the summary; undefined for anything this version does not know. */
function placeOf(field: string): Place | undefined {
  if (TOTALS.has(field)) return { kind: 'total', id: field };
  const colon = field.indexOf(':');
  if (colon < 0) return undefined;
  const name = field.slice(0, colon);
  const id = field.slice(colon + 1);
  switch (name) {
    case 'cause':
      return CauseSchema.safeParse(id).success ? { kind: 'byCause', id } : undefined;
    case 'rule':
      return AnalyticsIdSchema.safeParse(id).success ? { kind: 'byRule', id } : undefined;
    case 'provider':
      return AnalyticsIdSchema.safeParse(id).success ? { kind: 'byProvider', id } : undefined;
    case 'fixedby-step':
      return StepIdSchema.safeParse(id).success ? { kind: 'fixedBySteps', id } : undefined;
    case 'fixedby-rule':
      return AnalyticsIdSchema.safeParse(id).success ? { kind: 'fixedByFindings', id } : undefined;
    case 'escalation':
      return EscalationReasonSchema.safeParse(id).success ? { kind: 'total', id: field } : undefined;
    case 'ttf-le':
      return BOUNDS.has(id) ? { kind: 'ttf', id } : undefined;
    default:
      return undefined;
  }
}
