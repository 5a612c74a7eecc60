/**
 * `npm run chaos`: the fault report. Runs each chaos scenario (test/scale/chaos.ts) on a cluster of its own
 * — a worker killed, Redis restarted, Slack answering 5xx, 429 or late — and prints one table of what became
 * of the messages: sent, accepted, refused with a "send it again" reply, answered, answered twice, lost, and
 * the jobs left in the failed set. Writes the same as JSON (--out). Exits 1 when any scenario lost a message
 * or answered one twice.
 *
 *   npm run chaos -- [--only NAME[,NAME]] [--events N] [--storm-seconds S] [--rate PER_SECOND] [--out PATH]
 *
 * Needs Redis on 127.0.0.1:6379 (and `redis-server` on PATH for the restart scenario).
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CHAOS_DEFAULTS,
  type ChaosOptions,
  formatTable,
  runScenario,
  SCENARIOS,
  type ScenarioResult,
  scenarioNamed,
} from '../test/scale/chaos.js';

const USAGE =
  'usage: npm run chaos -- [--only NAME[,NAME]] [--events N] [--storm-seconds S] [--rate PER_SECOND] [--out PATH]';

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} takes a whole number above 0, not "${value}"`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      events: { type: 'string' },
      'storm-seconds': { type: 'string' },
      rate: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(
      `${USAGE}\nscenarios:\n${SCENARIOS.map((s) => `  ${s.name}: ${s.what}`).join('\n')}\n`,
    );
    return 0;
  }
  const options: ChaosOptions = {
    ...CHAOS_DEFAULTS,
    events: positive('events', values.events, CHAOS_DEFAULTS.events),
    stormSeconds: positive('storm-seconds', values['storm-seconds'], CHAOS_DEFAULTS.stormSeconds),
    perSecond: positive('rate', values.rate, CHAOS_DEFAULTS.perSecond),
    log: (line) => process.stderr.write(`${line}\n`),
  };
  if (options.events > 9_999)
    throw new Error('--events: at most 9999 (a reply names its event in four digits)');
  const scenarios = values.only
    ? values.only.split(',').map((name) => scenarioNamed(name.trim()))
    : SCENARIOS;
  const out = values.out ?? path.join(tmpdir(), 'authdoctor-chaos.json');

  const startedAt = new Date();
  const results: ScenarioResult[] = [];
  const errors: { scenario: string; error: string }[] = [];
  for (const scenario of scenarios) {
    try {
      results.push(await runScenario(scenario, options));
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      options.log(`[${scenario.name}] did not run to the end: ${message}`);
      errors.push({ scenario: scenario.name, error: message });
    }
  }

  const { log: _, ...settings } = options;
  await writeFile(
    out,
    `${JSON.stringify({ startedAt: startedAt.toISOString(), options: settings, results, errors }, null, 2)}\n`,
  );
  process.stdout.write(`\n${formatTable(results)}\n\n`);
  for (const r of results) {
    for (const note of r.notes) process.stdout.write(`${r.scenario}: ${note}\n`);
    if (r.lost > 0)
      process.stdout.write(
        `${r.scenario}: lost ${r.lostEvents
          .slice(0, 10)
          .map((e) => `${e.event} (${e.why})`)
          .join(', ')}${r.lost > 10 ? '…' : ''}\n`,
      );
    if (r.twice > 0)
      process.stdout.write(
        `${r.scenario}: answered twice ${r.twiceEvents
          .slice(0, 10)
          .map((e) => `${e.event} ×${e.times}`)
          .join(', ')}\n`,
      );
  }
  for (const e of errors) process.stdout.write(`${e.scenario}: did not run to the end (see above)\n`);
  process.stdout.write(`JSON: ${out}\n`);
  const bad = results.some((r) => r.lost > 0 || r.twice > 0) || errors.length > 0;
  return bad ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  },
);
