/**
 * `npm run eval [-- --set FILE] [--verbose]`: scores the development set (default ../shared/eval/dev.jsonl,
 * or AUTHDOCTOR_EVAL_SET) and prints top-1, top-3 and the wrong-`error` share, with each miss explained.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseEvalSet, runEval } from '../src/eval/score.js';
import { builtinKnowledge } from '../src/providers/knowledge.js';

const { values } = parseArgs({
  options: { set: { type: 'string' }, verbose: { type: 'boolean', short: 'v' }, json: { type: 'boolean' } },
});
const path = resolve(
  values.set ??
    process.env.AUTHDOCTOR_EVAL_SET ??
    new URL('../../shared/eval/dev.jsonl', import.meta.url).pathname,
);
let text: string;
try {
  text = readFileSync(path, 'utf8');
} catch {
  process.stderr.write(`eval: cannot read ${path}\nPass --set FILE.jsonl (or set AUTHDOCTOR_EVAL_SET).\n`);
  process.exit(2);
}
const { cases, problems } = parseEvalSet(text);
for (const p of problems) process.stderr.write(`eval: ${path}: ${p}\n`);
const report = runEval(cases, builtinKnowledge());
if (values.json) {
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  process.exit(0);
}
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
for (const r of report.cases) {
  const ok = r.evidenceInInput ? (r.top1 ? 'top1' : r.top3 ? 'top3' : 'MISS') : 'n/a ';
  const flag = r.wrongErrors.length ? `  WRONG ERROR: ${r.wrongErrors.join(', ')}` : '';
  const first = r.got
    .slice(0, 3)
    .map((g) => `${g.cause}/${g.severity}(${g.rule})`)
    .join('  ');
  if (values.verbose || ok === 'MISS' || ok === 'top3' || flag)
    process.stdout.write(
      `${r.id.padEnd(6)} ${ok}  expected ${r.expected.join('|').padEnd(50)} got ${first || '-'}${flag}\n`,
    );
}
process.stdout.write(
  `\n${path}\n` +
    `cases with evidence in the input: ${report.scored}\n` +
    `  top-1 ${pct(report.top1)}   (goal ≥ 90%)\n` +
    `  top-3 ${pct(report.top3)}   (goal ≥ 97%)\n` +
    `  wrong error ${pct(report.wrongError)}   (goal 0%)\n` +
    `cases without evidence in the input: ${report.unscored}\n` +
    `  wrong error ${pct(report.unscoredWrongError)}   checklist reaches the cause ${pct(report.unscoredChecklistReaches)}\n`,
);
