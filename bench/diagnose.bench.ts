/**
 * `npm run bench` (second part): what the rules add on top of intake. For each kind of paste, intake alone
 * and the whole diagnosis (intake + provider detection + every rule + checklist) are timed in the same
 * process, per call, so the cost of the rules is the difference. Goal: p99 under 1 ms up to 10 KB.
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { diagnoseEvidence } from '../src/diagnose/diagnose.js';
import { intake } from '../src/intake/index.js';
import { builtinKnowledge } from '../src/providers/knowledge.js';
import { RULES } from '../src/rules/index.js';
import { CORPUS, mixedPaste } from './corpus.js';
import { fmtMs, sample, table } from './measure.js';

const knowledge = builtinKnowledge();
const clock = { now: Date.parse('2026-01-15T12:00:00Z'), uncertaintyMs: 0 };
const diagnose = (text: string) => diagnoseEvidence(intake(text), { knowledge, clock });

/**
 * A running bot sees every kind of paste, so the JIT settles on code that handles all of them. Warm up the
 * same way (round-robin over every kind and size for a few seconds) before timing any one kind; timing a kind
 * from cold measures V8's tiering, not the rules.
 */
function warmUp(ms = 3000): void {
  const texts = [...Object.values(CORPUS), ...[1, 2, 5, 10].map((kb) => mixedPaste(kb * 1024))];
  const end = performance.now() + ms;
  while (performance.now() < end) for (const t of texts) diagnose(t);
}

function perKind(): void {
  console.log(
    `\n== diagnose vs intake alone, per kind of paste (${RULES.length} rules, ${knowledge.packs.length} provider packs)`,
  );
  const rows: (string | number)[][] = [
    ['kind', 'bytes', 'intake p50', 'intake p99', 'diagnose p50', 'diagnose p99', 'diagnoses/s', 'rules add'],
  ];
  let worstP99 = 0;
  for (const [kind, text] of Object.entries(CORPUS)) {
    const alone = sample(() => intake(text), { minMs: 500 });
    const whole = sample(() => diagnose(text), { minMs: 500 });
    worstP99 = Math.max(worstP99, whole.p99Ms);
    rows.push([
      kind,
      Buffer.byteLength(text),
      fmtMs(alone.p50Ms),
      fmtMs(alone.p99Ms),
      fmtMs(whole.p50Ms),
      fmtMs(whole.p99Ms),
      Math.round(1000 / whole.meanMs),
      `${(whole.p50Ms / alone.p50Ms).toFixed(2)}×`,
    ]);
  }
  console.log(table(rows));
  console.log(`worst diagnose p99 across kinds: ${fmtMs(worstP99)} (goal < 1 ms)`);
}

function bySize(): void {
  console.log('\n== diagnose latency by paste size (mixed pastes)');
  const rows: (string | number)[][] = [['size', 'intake p99', 'diagnose p50', 'diagnose p99', 'p99 goal']];
  for (const kb of [1, 2, 5, 10, 100]) {
    const text = mixedPaste(kb * 1024);
    const alone = sample(() => intake(text), { minMs: 400, maxRuns: 5000 });
    const whole = sample(() => diagnose(text), { minMs: 400, maxRuns: 5000 });
    rows.push([
      `${kb} KB`,
      fmtMs(alone.p99Ms),
      fmtMs(whole.p50Ms),
      fmtMs(whole.p99Ms),
      kb <= 10 ? '< 1 ms' : '-',
    ]);
  }
  console.log(table(rows));
}

function rulesAlone(): void {
  console.log('\n== rules alone on already-read Evidence (the slowest rules)');
  const evidences = Object.values(CORPUS).map((t) => intake(t));
  const rows: (string | number)[][] = [['rule', 'mean per paste']];
  const timings = RULES.map((rule) => {
    const t = sample(
      () => {
        for (const e of evidences) diagnoseEvidence(e, { knowledge, clock, rules: [rule] });
      },
      { minMs: 60, warmup: 3 },
    );
    return { id: rule.meta.id, ms: t.meanMs / evidences.length };
  }).sort((a, b) => b.ms - a.ms);
  for (const t of timings.slice(0, 10)) rows.push([t.id, fmtMs(t.ms)]);
  const none = sample(
    () => {
      for (const e of evidences) diagnoseEvidence(e, { knowledge, clock, rules: [] });
    },
    { minMs: 200 },
  );
  rows.push(['(no rules: detection, facts, checklist)', fmtMs(none.meanMs / evidences.length)]);
  console.log(table(rows));
}

function devSet(): void {
  const path =
    process.env.AUTHDOCTOR_EVAL_SET ?? new URL('../../../shared/eval/dev.jsonl', import.meta.url).pathname;
  if (!existsSync(path)) {
    console.log(`\n== development set: skipped (${path} not found)`);
    return;
  }
  const texts = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { input: string }).input);
  const times: number[] = [];
  for (const t of texts) for (let i = 0; i < 5; i++) diagnose(t);
  for (let round = 0; round < 200; round++) {
    for (const t of texts) {
      const t0 = performance.now();
      diagnose(t);
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  console.log(
    `\n== development set (${texts.length} real pastes × 200): p50 ${fmtMs(at(0.5))}, p99 ${fmtMs(at(0.99))}, max ${fmtMs(at(1))}`,
  );
}

warmUp();
perKind();
bySize();
rulesAlone();
devSet();
