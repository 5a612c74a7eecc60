/** Timing helpers for the benchmarks: warm up, then sample each call, and report percentiles. */
import { performance } from 'node:perf_hooks';

export interface Timing {
  runs: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Runs `fn` until `minMs` of sampled time or `maxRuns` runs, after a warm-up, timing every call. */
export function sample(
  fn: () => unknown,
  options: { minMs?: number; maxRuns?: number; warmup?: number } = {},
): Timing {
  const { minMs = 300, maxRuns = 200_000, warmup = 20 } = options;
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  let spent = 0;
  while (spent < minMs && times.length < maxRuns) {
    const t0 = performance.now();
    fn();
    const dt = performance.now() - t0;
    times.push(dt);
    spent += dt;
  }
  return summarize(times, spent);
}

/** `sample` for calls that return a promise: each call is timed until it settles. */
export async function sampleAsync(
  fn: () => Promise<unknown>,
  options: { minMs?: number; maxRuns?: number; warmup?: number } = {},
): Promise<Timing> {
  const { minMs = 300, maxRuns = 20_000, warmup = 20 } = options;
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  let spent = 0;
  while (spent < minMs && times.length < maxRuns) {
    const t0 = performance.now();
    await fn();
    const dt = performance.now() - t0;
    times.push(dt);
    spent += dt;
  }
  return summarize(times, spent);
}

/** Percentiles of times measured elsewhere (round trips timed by the caller). */
export function timingOf(times: number[]): Timing {
  return summarize(
    [...times],
    times.reduce((a, b) => a + b, 0),
  );
}

function summarize(times: number[], spent: number): Timing {
  times.sort((a, b) => a - b);
  const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return {
    runs: times.length,
    meanMs: spent / times.length,
    p50Ms: pick(0.5),
    p99Ms: pick(0.99),
    maxMs: pick(1),
  };
}

export function fmtMs(ms: number): string {
  if (ms < 0.001) return `${(ms * 1e6).toFixed(0)} ns`;
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  return `${ms.toFixed(2)} ms`;
}

export function table(rows: (string | number)[][]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, c) => String(cell).padEnd(widths[c] ?? 0)).join('  ')).join('\n');
}

/**
 * The host is shared and noisy: run each contender in alternating rounds and keep each one's best round, so a
 * burst of load on the machine penalises neither side.
 */
export function bestOfRounds(
  contenders: Record<string, () => unknown>,
  options: { rounds?: number; minMs?: number } = {},
): Record<string, number> {
  const { rounds = 5, minMs = 300 } = options;
  const best: Record<string, number> = {};
  for (let r = 0; r < rounds; r++) {
    for (const [name, fn] of Object.entries(contenders)) {
      const t = sample(fn, { minMs, warmup: r === 0 ? 5 : 1 });
      best[name] = Math.min(best[name] ?? Number.POSITIVE_INFINITY, t.meanMs);
    }
  }
  return best;
}
