/** `authdoctor triage FILE.jsonl [--json] [--now ISO]`: many pastes, per-line results and a histogram. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../../src/config.js';
import type { Clock } from '../../../src/diagnose/context.js';
import { CAUSE_TITLES } from '../../../src/diagnose/taxonomy.js';
import { AuthdoctorError, ErrorCodes } from '../../../src/errors.js';
import { loadKnowledge } from '../../../src/providers/load.js';
import { summarize, type TriageResult, triageLine } from '../../../src/triage/triage.js';
import type { CliIO } from '../io.js';
import { styleFor } from '../render.js';

export async function triageCommand(
  args: { source: string; json: boolean; clock?: Clock },
  io: CliIO,
): Promise<number> {
  const config = loadConfig(io.env);
  const knowledge = loadKnowledge(config);
  const input = args.source === '-' ? io.stdin : await openFile(args.source);
  const style = styleFor(io.stdout, io.env);
  const results: TriageResult[] = [];
  let line = 0;
  for await (const raw of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    line++;
    const result = triageLine(raw, line, {
      knowledge,
      maxBytes: config.AUTHDOCTOR_MAX_INPUT_BYTES,
      ...(args.clock ? { clock: args.clock } : {}),
    });
    if (!result) continue;
    results.push(result);
    if (args.json) continue;
    const label = result.id ? `${result.line} (${result.id})` : String(result.line);
    io.stdout.write(
      result.ok
        ? `${label.padEnd(10)} ${(result.cause ?? 'none').padEnd(34)} ${style.dim(`${result.rule ?? '-'} ${result.severity ?? ''}${result.provider ? ` · ${result.provider}` : ''}`)}\n`
        : `${label.padEnd(10)} ${style.red(`skipped: ${result.error}`)}\n`,
    );
  }
  const summary = summarize(results);
  if (args.json) {
    const lines = results.map((r) => (r.ok ? { ...r, diagnosis: r.diagnosis } : r));
    io.stdout.write(`${JSON.stringify({ results: lines, summary }, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(
    `\n${style.bold(`Causes over ${summary.diagnosed} pastes`)}${summary.failed ? ` (${summary.failed} lines skipped)` : ''}\n`,
  );
  const rows = Object.entries(summary.histogram)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const widest = Math.max(1, ...rows.map(([, n]) => n));
  for (const [cause, n] of rows) {
    const bar = '█'.repeat(Math.max(1, Math.round((n / widest) * 30)));
    const pct = summary.diagnosed ? Math.round((n / summary.diagnosed) * 100) : 0;
    const title = cause === 'none' ? 'no cause found' : CAUSE_TITLES[cause as keyof typeof CAUSE_TITLES];
    io.stdout.write(
      `  ${cause.padEnd(34)} ${String(n).padStart(5)} ${String(pct).padStart(3)}%  ${bar} ${style.dim(title)}\n`,
    );
  }
  return 0;
}

async function openFile(path: string) {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
  } catch (err) {
    throw new AuthdoctorError(ErrorCodes.INPUT_UNREADABLE, `Cannot read ${path}`, {
      hint: 'Give a JSON Lines file: one object with a "text" field per line.',
      cause: err,
    });
  }
  return createReadStream(path);
}
