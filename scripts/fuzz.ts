/**
 * `npm run fuzz [-- --runs N --seed S --workers W --input I]`: random and mutated real pastes through intake,
 * the diagnoser and the conversation engine (test/support/fuzz/), checking that nothing throws, states stay
 * valid, no raw credential comes back out, and no input is much slower than others of its size.
 *
 * Exits 1 on a crash, a broken invariant, an input that never finishes, or a size bucket whose slowest input
 * (re-timed, fastest of several runs) takes more than RATIO_LIMIT times the bucket's median. Failing inputs
 * are written under the system temp folder; `--seed S --input I` runs one again.
 */
import { randomInt } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { loadCorpus } from '../test/support/fuzz/corpus.js';
import { type FuzzInput, generateInput } from '../test/support/fuzz/generate.js';
import { createFuzzContext, type FuzzContext, retime, runInput } from '../test/support/fuzz/harness.js';
import {
  type BucketStats,
  bucketLabel,
  formatBytes,
  MEDIAN_FLOOR_MS,
  RATIO_LIMIT,
  ratioOf,
  type Sample,
  summarize,
} from '../test/support/fuzz/stats.js';
import type { Failure, WorkerData, WorkerMessage } from './fuzz-worker.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    seed: { type: 'string' },
    workers: { type: 'string', default: String(Math.min(2, availableParallelism())) },
    input: { type: 'string', multiple: true },
    /** An input still running after this long is reported as never finishing. */
    'hang-seconds': { type: 'string', default: '120' },
    /** Runs of each re-timed input (the fastest counts). */
    retimes: { type: 'string', default: '5' },
  },
});

const seed = args.seed === undefined ? randomInt(2 ** 31 - 1) : Number(args.seed);
const runs = Number(args.runs);
const workers = Math.max(1, Number(args.workers));
const hangMs = Number(args['hang-seconds']) * 1000;
const retimes = Math.max(1, Number(args.retimes));
for (const [name, value] of [
  ['--seed', seed],
  ['--runs', runs],
  ['--workers', workers],
  ['--hang-seconds', hangMs],
  ['--retimes', retimes],
] as const) {
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a whole number`);
    process.exit(2);
  }
}

const outDir = path.join(tmpdir(), `authdoctor-fuzz-${seed}`);
const reproduce = (index: number) => `npm run fuzz -- --seed ${seed} --input ${index}`;

/** `--input I`: one input again, in this process, with its kind, size, time and problems. */
async function runSome(indexes: number[]): Promise<number> {
  const corpus = loadCorpus(repoRoot);
  const ctx = createFuzzContext();
  let failed = false;
  for (const index of indexes) {
    const input = generateInput(seed, index, corpus);
    const file = saveInput(input);
    const outcome = await runInput(ctx, input);
    const best = await retime(ctx, input, retimes);
    console.log(
      `input ${index}: ${input.kind}, ${formatBytes(bytesOf(input))}, ${best.toFixed(2)} ms (fastest of ${retimes}); saved to ${file}`,
    );
    for (const problem of outcome.problems) console.log(`  ${problem}`);
    failed ||= outcome.problems.length > 0;
  }
  return failed ? 1 : 0;
}

async function runAll(): Promise<number> {
  const started = performance.now();
  console.log(`fuzz: ${runs} inputs on ${workers} worker thread(s)`);
  const samples: Sample[] = [];
  const failures: Failure[] = [];
  const hung = await runWorkers(samples, failures);
  const fuzzMs = performance.now() - started;
  console.log(`fuzz: ${samples.length} inputs run in ${(fuzzMs / 1000).toFixed(1)} s`);

  const corpus = loadCorpus(repoRoot);
  let failed = false;
  if (hung !== undefined) {
    const input = generateInput(seed, hung, corpus);
    console.log(
      `HANG: input ${hung} (${input.kind}, ${formatBytes(bytesOf(input))}) ran longer than ${hangMs / 1000} s; saved to ${saveInput(input)}`,
    );
    console.log(`  reproduce: ${reproduce(hung)}`);
    failed = true;
  }

  for (const f of failures.slice(0, 20)) {
    const file = saveInput(generateInput(seed, f.index, corpus));
    console.log(`FAIL: input ${f.index} (${f.kind}, ${formatBytes(f.bytes)}); saved to ${file}`);
    for (const p of f.problems) console.log(`  ${p.split('\n').slice(0, 8).join('\n  ')}`);
    console.log(`  reproduce: ${reproduce(f.index)}`);
  }
  if (failures.length > 20) console.log(`… and ${failures.length - 20} more failing inputs`);
  failed ||= failures.length > 0;

  const ctx = createFuzzContext();
  const timing = await timingTable(ctx, corpus, summarize(samples));
  failed ||= timing;
  console.log(
    `fuzz: total ${((performance.now() - started) / 1000).toFixed(1)} s; ${failed ? 'FAILED' : 'passed'}`,
  );
  return failed ? 1 : 0;
}

/** tsx hooks this thread's module loader only: a worker registers it again to load the TypeScript worker. */
const WORKER_BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ tsImport }) => tsImport(${JSON.stringify(new URL('./fuzz-worker.ts', import.meta.url).href)}, ${JSON.stringify(import.meta.url)}));`;

/** Runs the workers to the end (or to a hang: the index of the input that never finished). */
function runWorkers(samples: Sample[], failures: Failure[]): Promise<number | undefined> {
  const progress = new SharedArrayBuffer(workers * 2 * Float64Array.BYTES_PER_ELEMENT);
  const view = new Float64Array(progress);
  view.fill(-1);
  return new Promise((resolve, reject) => {
    let running = workers;
    const pool: Worker[] = [];
    const finish = (hung: number | undefined) => {
      clearInterval(watchdog);
      clearInterval(ticker);
      for (const w of pool) void w.terminate();
      resolve(hung);
    };
    const watchdog = setInterval(() => {
      for (let w = 0; w < workers; w++) {
        const index = view[w * 2]!;
        if (index >= 0 && Date.now() - view[w * 2 + 1]! > hangMs) return finish(index);
      }
    }, 1000);
    const ticker = setInterval(() => {
      console.log(`fuzz: ${samples.length}/${runs} inputs, ${failures.length} failing`);
    }, 15_000);
    for (let w = 0; w < workers; w++) {
      const data: WorkerData = { repoRoot, seed, runs, worker: w, workers, progress };
      const worker = new Worker(WORKER_BOOT, { eval: true, workerData: data });
      pool.push(worker);
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'batch') {
          samples.push(...message.samples);
          failures.push(...message.failures);
        } else if (--running === 0) finish(undefined);
      });
      worker.on('error', (error) => {
        clearInterval(watchdog);
        clearInterval(ticker);
        for (const p of pool) void p.terminate();
        reject(error);
      });
    }
  });
}

/**
 * Prints the per-size table and re-times each bucket's slowest inputs in this (now idle) process: the fastest
 * of several runs, so a GC pause or a cold JIT is not taken for input complexity. True when a bucket fails.
 */
async function timingTable(
  ctx: FuzzContext,
  corpus: ReturnType<typeof loadCorpus>,
  buckets: BucketStats[],
): Promise<boolean> {
  // Warm the JIT the way the workers' first inputs warmed theirs.
  for (let i = 0; i < 300; i++) await retime(ctx, generateInput(seed, runs + i, corpus), 1);

  console.log(
    `\nper size (ratio = slowest input re-timed, fastest of ${retimes} runs, / median; medians under ${MEDIAN_FLOOR_MS} ms count as ${MEDIAN_FLOOR_MS} ms; limit ${RATIO_LIMIT}×)`,
  );
  const header = ['size', 'inputs', 'median ms', 'p99 ms', 'max ms', 're-timed ms', 'ratio', 'slowest input'];
  const rows: string[][] = [];
  let failed = false;
  let worst = { ratio: 0, label: '' };
  for (const b of buckets) {
    let slowest = { ms: 0, sample: b.slowest[0]! };
    for (const sample of b.slowest) {
      const ms = await retime(ctx, generateInput(seed, sample.index, corpus), retimes);
      if (ms > slowest.ms) slowest = { ms, sample };
    }
    const ratio = ratioOf(slowest.ms, b.median);
    if (ratio > worst.ratio) worst = { ratio, label: bucketLabel(b.bucket) };
    const over = ratio > RATIO_LIMIT;
    failed ||= over;
    rows.push([
      bucketLabel(b.bucket),
      String(b.count),
      b.median.toFixed(3),
      b.p99.toFixed(2),
      b.slowest[0]!.ms.toFixed(2),
      slowest.ms.toFixed(2),
      `${ratio.toFixed(1)}${over ? ' FAIL' : ''}`,
      `#${slowest.sample.index} ${slowest.sample.kind}`,
    ]);
    if (over) {
      for (const s of b.slowest) {
        const file = saveInput(generateInput(seed, s.index, corpus));
        console.log(`SLOW: input ${s.index} (${s.kind}) saved to ${file}; reproduce: ${reproduce(s.index)}`);
      }
    }
  }
  printTable(header, rows);
  console.log(`worst ratio ${worst.ratio.toFixed(1)}× (${worst.label}), limit ${RATIO_LIMIT}×`);
  return failed;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

function bytesOf(input: FuzzInput): number {
  return input.bytes?.length ?? Buffer.byteLength(input.text, 'utf8');
}

/** Fuzz inputs are made of public fixtures and generated fakes, so they may be written out as they are. */
function saveInput(input: FuzzInput): string {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `input-${input.index}.${input.bytes ? 'bin' : 'txt'}`);
  writeFileSync(file, input.bytes ?? input.text);
  return file;
}

console.log(`fuzz: seed ${seed} (reproduce this run with --seed ${seed})`);
process.exitCode = args.input?.length ? await runSome(args.input.map(Number)) : await runAll();
