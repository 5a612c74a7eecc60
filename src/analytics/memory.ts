/**
 * Analytics kept in this process (the embedded default, without Redis): gone on restart, and invisible to
 * `authdoctor stats` in another process. Bounded by days, not by traffic: one small map per UTC day.
 */
import { AuthdoctorError, ErrorCodes } from '../errors.js';
import {
  BUCKET_DAYS_KEPT,
  checkRecordTime,
  checkSummaryOptions,
  incrementsOf,
  summarize,
  utcDay,
  windowDays,
} from './buckets.js';
import type { Fact } from './facts.js';
import type { AnalyticsStore, StatsSummary, SummaryOptions } from './types.js';

export class MemoryAnalytics implements AnalyticsStore {
  readonly #days = new Map<string, Map<string, number>>();
  readonly #maxDays: number;
  #closed = false;

  constructor(options: { maxDays?: number } = {}) {
    this.#maxDays = options.maxDays ?? BUCKET_DAYS_KEPT;
    if (!Number.isInteger(this.#maxDays) || this.#maxDays < 1)
      throw new RangeError('maxDays must be a whole number ≥ 1');
  }

  async record(facts: readonly Fact[], at: number): Promise<void> {
    this.#open();
    checkRecordTime(at);
    const increments = incrementsOf(facts);
    if (increments.size === 0) return;
    const day = utcDay(at);
    let bucket = this.#days.get(day);
    if (!bucket) {
      bucket = new Map();
      this.#days.set(day, bucket);
      this.#evict();
    }
    for (const [field, by] of increments) bucket.set(field, (bucket.get(field) ?? 0) + by);
  }

  async summary(options: SummaryOptions): Promise<StatsSummary> {
    this.#open();
    const checked = checkSummaryOptions(options);
    const buckets = windowDays(checked.days, checked.now).map((day) => this.#days.get(day) ?? null);
    return summarize(buckets, checked);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#days.clear();
  }

  /** Everything kept, day by day: what the tests read to check the bound and that nothing identifies anyone. */
  dump(): Record<string, Record<string, number>> {
    return Object.fromEntries([...this.#days].map(([day, bucket]) => [day, Object.fromEntries(bucket)]));
  }

  /** Drops the oldest days beyond the bound (YYYY-MM-DD sorts by date). */
  #evict(): void {
    if (this.#days.size <= this.#maxDays) return;
    const oldest = [...this.#days.keys()].sort().slice(0, this.#days.size - this.#maxDays);
    for (const day of oldest) this.#days.delete(day);
  }

  #open(): void {
    if (this.#closed)
      throw new AuthdoctorError(ErrorCodes.STORE_UNAVAILABLE, 'The analytics store is closed');
  }
}
