/**
 * `npm run bench`: intake throughput per kind of paste; curl parsing against curlconverter's parser on the
 * same commands, in the same process; argv agreement with real bash; and the cost of 10 KB → 1 MB inputs,
 * which must grow linearly.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { intake } from '../src/intake/index.js';
import { parseCurl } from '../src/intake/parsers/curl/index.js';
import { compareAllWithBash, curlCommandsDir, hasBash, listFixtures } from '../test/support/bash-argv.js';
import { CORPUS, mixedPaste } from './corpus.js';
import { bestOfRounds, fmtMs, sample, table } from './measure.js';

function header(title: string): void {
  console.log(`\n== ${title}`);
}

function throughputPerKind(): void {
  header('intake throughput per kind (full pipeline: normalize, detect, parse, credentials, redaction)');
  const rows: (string | number)[][] = [
    ['kind', 'bytes', 'mean (best of 3)', 'p50', 'p99', 'pastes/s', 'MB/s'],
  ];
  for (const [kind, text] of Object.entries(CORPUS)) {
    const run = () => intake(text);
    const mean = bestOfRounds({ run }, { rounds: 3, minMs: 200 }).run ?? 0;
    const t = sample(run);
    const bytes = Buffer.byteLength(text);
    rows.push([
      kind,
      bytes,
      fmtMs(mean),
      fmtMs(t.p50Ms),
      fmtMs(t.p99Ms),
      Math.round(1000 / mean),
      (bytes / (mean / 1000) / 1e6).toFixed(1),
    ]);
  }
  console.log(table(rows));
}

async function versusCurlconverter(): Promise<void> {
  header('curl parsing vs curlconverter (same commands, same process)');
  const dir = curlCommandsDir();
  const files = listFixtures(dir);
  if (files.length === 0) {
    console.log(`skipped: no fixtures at ${dir}`);
    return;
  }
  let ccParse: ((command: string) => unknown) | undefined;
  try {
    const mod = (await import('curlconverter/dist/src/parse.js' as string)) as {
      parse: (command: string) => unknown;
    };
    ccParse = mod.parse;
  } catch {
    console.log(
      'curlconverter is not installed (npm ci installs it as a devDependency); showing authdoctor alone.',
    );
  }
  const commands = files.map((f) => readFileSync(path.join(dir, f), 'utf8'));
  let ccRejected = 0;
  const accepted: string[] = [];
  for (const command of commands) {
    try {
      ccParse?.(command);
      accepted.push(command);
    } catch {
      ccRejected++;
    }
  }
  const contenders: Record<string, () => unknown> = {
    ours: () => {
      for (const text of accepted) parseCurl({ kind: 'curl', text, startLine: 1, endLine: 1 });
    },
    full: () => {
      for (const text of accepted) intake(text);
    },
  };
  const parse = ccParse;
  if (parse) {
    contenders.theirs = () => {
      for (const text of accepted) parse(text);
    };
  }
  const best = bestOfRounds(contenders);
  const per = (name: string) => (best[name] ?? 0) / accepted.length;
  const rows: (string | number)[][] = [['parser', 'per command (best of 5 rounds)', 'commands/s']];
  rows.push([
    'authdoctor parseCurl (tokenize + curl options)',
    fmtMs(per('ours')),
    Math.round(1000 / per('ours')),
  ]);
  rows.push(['authdoctor intake (whole pipeline)', fmtMs(per('full')), Math.round(1000 / per('full'))]);
  if (parse) rows.push(['curlconverter parse()', fmtMs(per('theirs')), Math.round(1000 / per('theirs'))]);
  console.log(table(rows));
  if (parse) {
    console.log(
      `ratio: parseCurl is ${(per('theirs') / per('ours')).toFixed(1)}× faster than curlconverter (goal ≥ 20×); ` +
        `the whole intake pipeline ${(per('theirs') / per('full')).toFixed(1)}×. ` +
        `Timed on the ${accepted.length} of ${commands.length} fixture commands curlconverter accepts (it rejected ${ccRejected}).`,
    );
  }
}

function argvAgainstBash(): void {
  header('argv agreement with real bash on the curlconverter fixtures');
  if (!hasBash() || !existsSync(curlCommandsDir())) {
    console.log('skipped: bash or the fixtures are not available');
    return;
  }
  const results = compareAllWithBash();
  const same = results.filter((r) => r.identical).length;
  console.log(`argv identical to bash on ${same} of ${results.length} fixture files`);
  for (const r of results.filter((x) => !x.identical)) console.log(`  differs: ${r.file}`);
}

function scaling(): void {
  header('cost by input size (must grow linearly; p99 includes garbage collection pauses)');
  const sizes = [10 * 1024, 100 * 1024, 1024 * 1024];
  const rows: (string | number)[][] = [['input', 'mean', 'p99', 'per KB', 'per KB vs 10 KB']];
  let base = 0;
  for (const size of sizes) {
    const text = mixedPaste(size);
    const t = sample(() => intake(text, { maxBytes: 2 * 1024 * 1024 }), {
      minMs: 1500,
      warmup: 2,
      maxRuns: 200,
    });
    const perKb = t.meanMs / (size / 1024);
    if (base === 0) base = perKb;
    rows.push([
      `${size / 1024} KB`,
      fmtMs(t.meanMs),
      fmtMs(t.p99Ms),
      fmtMs(perKb),
      `${(perKb / base).toFixed(2)}×`,
    ]);
  }
  console.log(table(rows));
  const adversarial: [string, string][] = [
    ['unclosed quotes', `curl -H '${'a\'b"c\\'.repeat(50_000)}`],
    ['unbalanced braces', '{"a":['.repeat(80_000)],
    ['one 1 MB line', `Authorization: Bearer ${'x'.repeat(1024 * 1024 - 30)}`],
    ['a million newlines', '\n'.repeat(1024 * 1024)],
    ['dollar signs and backslashes', `curl ${'$\\'.repeat(200_000)}`],
  ];
  const adv: (string | number)[][] = [['adversarial 1 MB-ish input', 'time']];
  for (const [name, text] of adversarial) {
    const t = sample(() => intake(text, { maxBytes: 2 * 1024 * 1024 }), {
      minMs: 500,
      warmup: 1,
      maxRuns: 20,
    });
    adv.push([name, fmtMs(t.meanMs)]);
  }
  console.log(table(adv));
}

console.log(`authdoctor intake benchmark — node ${process.version}, ${new Date().toISOString()}`);
throughputPerKind();
await versusCurlconverter();
argvAgainstBash();
scaling();
