/**
 * One fuzz worker: runs every input whose index is its own modulo the worker count, and posts timings and
 * problems in batches. The input in progress is published in shared memory, so the parent can name an input
 * that never finishes (synchronous code cannot be interrupted from inside).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpus } from '../test/support/fuzz/corpus.js';
import { generateInput } from '../test/support/fuzz/generate.js';
import { createFuzzContext, runInput } from '../test/support/fuzz/harness.js';
import type { Sample } from '../test/support/fuzz/stats.js';

export interface WorkerData {
  repoRoot: string;
  seed: number;
  runs: number;
  worker: number;
  workers: number;
  /** [index in progress (-1: none), its start in ms since the epoch] per worker. */
  progress: SharedArrayBuffer;
}

export interface Failure {
  index: number;
  kind: string;
  bytes: number;
  problems: string[];
}

export type WorkerMessage = { type: 'batch'; samples: Sample[]; failures: Failure[] } | { type: 'done' };

const BATCH = 500;

async function main(): Promise<void> {
  const data = workerData as WorkerData;
  const progress = new Float64Array(data.progress);
  const corpus = loadCorpus(data.repoRoot);
  const ctx = createFuzzContext();
  let samples: Sample[] = [];
  let failures: Failure[] = [];
  const flush = () => {
    parentPort!.postMessage({ type: 'batch', samples, failures } satisfies WorkerMessage);
    samples = [];
    failures = [];
  };
  for (let index = data.worker; index < data.runs; index += data.workers) {
    const input = generateInput(data.seed, index, corpus);
    const bytes = input.bytes?.length ?? Buffer.byteLength(input.text, 'utf8');
    progress[data.worker * 2] = index;
    progress[data.worker * 2 + 1] = Date.now();
    const outcome = await runInput(ctx, input);
    samples.push({ index, kind: input.kind, bytes, ms: outcome.ms });
    if (outcome.problems.length > 0)
      failures.push({ index, kind: input.kind, bytes, problems: outcome.problems });
    if (samples.length >= BATCH) flush();
  }
  progress[data.worker * 2] = -1;
  flush();
  parentPort!.postMessage({ type: 'done' } satisfies WorkerMessage);
}

await main();
