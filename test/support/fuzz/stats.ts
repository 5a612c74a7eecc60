/**
 * Fuzz timings by input size: inputs are grouped in power-of-two byte ranges, and in each range the slowest
 * input (re-timed) must stay within RATIO_LIMIT times the range's median. Linear work makes inputs of the same
 * size cost about the same; a super-linear path shows up as one input far slower than its peers.
 */

/** The slowest input of a size may cost at most this many times the median of its size. */
export const RATIO_LIMIT = 50;
/**
 * Medians below this are treated as this: for tiny inputs the whole pipeline takes microseconds, and a few
 * microseconds of timer and scheduling noise would otherwise count as a large ratio.
 */
export const MEDIAN_FLOOR_MS = 0.05;

export interface Sample {
  index: number;
  kind: string;
  bytes: number;
  ms: number;
}

export interface BucketStats {
  /** Inputs of `[2^bucket, 2^(bucket+1))` bytes; bucket 0 also holds empty inputs. */
  bucket: number;
  count: number;
  median: number;
  p99: number;
  /** Slowest first, as first measured. */
  slowest: Sample[];
}

export function bucketOf(bytes: number): number {
  return bytes <= 1 ? 0 : Math.floor(Math.log2(bytes));
}

export function bucketLabel(bucket: number): string {
  return `${formatBytes(bucket === 0 ? 0 : 2 ** bucket)}–${formatBytes(2 ** (bucket + 1))}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Buckets in size order, each with its `keep` slowest samples. */
export function summarize(samples: readonly Sample[], keep = 3): BucketStats[] {
  const byBucket = new Map<number, Sample[]>();
  for (const s of samples) {
    const b = bucketOf(s.bytes);
    const list = byBucket.get(b);
    if (list) list.push(s);
    else byBucket.set(b, [s]);
  }
  return [...byBucket.entries()]
    .sort(([a], [b]) => a - b)
    .map(([bucket, list]) => {
      const times = list.map((s) => s.ms).sort((a, b) => a - b);
      return {
        bucket,
        count: list.length,
        median: quantile(times, 0.5),
        p99: quantile(times, 0.99),
        slowest: [...list].sort((a, b) => b.ms - a.ms).slice(0, keep),
      };
    });
}

/** Nearest-rank quantile of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function ratioOf(ms: number, median: number): number {
  return ms / Math.max(median, MEDIAN_FLOOR_MS);
}
