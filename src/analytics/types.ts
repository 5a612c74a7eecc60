/** The analytics store's contract and the summary it answers with (what `authdoctor stats` shows). */
import { z } from 'zod';
import type { Fact } from './facts.js';

/** One id and how often it was seen. */
export const CountSchema = z.object({ id: z.string(), count: z.number().int().nonnegative() });
export type Count = z.infer<typeof CountSchema>;

/** A share from 0 to 1, or null when there was nothing to divide by. */
const RateSchema = z.number().min(0).max(1).nullable();

export const StatsSummarySchema = z.object({
  /** How many UTC days the summary covers, ending with the day of `now`; `from` and `to` are YYYY-MM-DD. */
  days: z.number().int().positive(),
  from: z.string(),
  to: z.string(),
  /** Days in the window that had anything recorded. */
  activeDays: z.number().int().nonnegative(),
  sessions: z.number().int().nonnegative(),
  diagnoses: z.number().int().nonnegative(),
  /** Diagnoses with no error or warning finding. */
  unexplained: z.number().int().nonnegative(),
  /** Most frequent first, at most `top` of each; a diagnosis counts once per cause and rule it had. */
  byCause: z.array(CountSchema),
  byRule: z.array(CountSchema),
  byProvider: z.array(CountSchema),
  /** Diagnoses where no provider was recognised. */
  noProvider: z.number().int().nonnegative(),
  fixed: z.number().int().nonnegative(),
  /** Fixed per session started in the window (capped at 1: a fix may belong to a session started before). */
  fixRate: RateSchema,
  /** What the user said fixed it: the checklist step they were on, or the finding they acted on. */
  fixedBy: z.object({
    steps: z.array(CountSchema),
    findings: z.array(CountSchema),
    unknown: z.number().int().nonnegative(),
  }),
  escalations: z.number().int().nonnegative(),
  escalationRate: RateSchema,
  escalationsByReason: z.object({
    requested: z.number().int().nonnegative(),
    exhausted: z.number().int().nonnegative(),
    stuck: z.number().int().nonnegative(),
  }),
  claims: z.number().int().nonnegative(),
  timeToFix: z.object({
    count: z.number().int().nonnegative(),
    meanMs: z.number().nonnegative().nullable(),
    /**
     * The histogram bucket the median falls in (`toMs` null: above the last bound). Fixes are counted in
     * fixed buckets, so the median is known to that precision only.
     */
    median: z.object({ fromMs: z.number().nonnegative(), toMs: z.number().positive().nullable() }).nullable(),
    histogram: z.array(z.object({ toMs: z.number().positive().nullable(), count: z.number().int() })),
  }),
});
export type StatsSummary = z.infer<typeof StatsSummarySchema>;

export interface SummaryOptions {
  /** The last `days` UTC days, today (the day of `now`) included. */
  days: number;
  now: number;
  /** How many causes, rules, providers and steps to list (default 10). */
  top?: number;
}

export interface AnalyticsStore {
  /** Counts the facts in the UTC day of `at`. Throws ERR_STORE_UNAVAILABLE when Redis cannot take them. */
  record(facts: readonly Fact[], at: number): Promise<void>;
  summary(options: SummaryOptions): Promise<StatsSummary>;
  close(): Promise<void>;
}
