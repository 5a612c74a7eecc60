/**
 * `authdoctor jobs`: what operators need when jobs keep failing. `jobs` prints the counts per state,
 * `jobs failed` lists the failed set (ids, attempts, reason — never payloads), `jobs retry ID` puts one
 * back. Jobs live in Redis; the embedded default keeps them inside the running bot, out of reach.
 */
import type { Config } from '../../../src/config.js';
import { AuthdoctorError, ErrorCodes } from '../../../src/errors.js';
import { createJobQueue } from '../../../src/queue/index.js';
import type { JobQueue } from '../../../src/queue/types.js';
import type { CliIO } from '../io.js';

export const JOB_QUEUES = ['events', 'webhooks'] as const;

export interface JobsOptions {
  action: 'counts' | 'failed' | 'retry';
  id?: string;
  queues: readonly string[];
  json: boolean;
}

export async function jobsCommand(config: Config, options: JobsOptions, io: CliIO): Promise<number> {
  if (!config.REDIS_URL)
    throw new AuthdoctorError(
      ErrorCodes.USAGE,
      'Without REDIS_URL the job queue lives inside the running bot, so there is nothing to list from here.',
      { hint: 'Set REDIS_URL to the Redis the bot and its workers use, then run this again.' },
    );
  const queues = options.queues.map((name) => ({ name, queue: createJobQueue<unknown>(config, name) }));
  try {
    if (options.action === 'retry') return await retry(queues, options.id ?? '', io);
    if (options.action === 'failed') return await listFailed(queues, options.json, io);
    const counts: Record<string, Record<string, number>> = {};
    for (const { name, queue } of queues) counts[name] = await queue.counts();
    if (options.json) io.stdout.write(`${JSON.stringify(counts, null, 2)}\n`);
    else
      for (const [name, byState] of Object.entries(counts))
        io.stdout.write(
          `${name}: ${Object.entries(byState)
            .map(([state, n]) => `${n} ${state}`)
            .join(', ')}\n`,
        );
    return 0;
  } finally {
    await Promise.all(queues.map(({ queue }) => queue.close()));
  }
}

type Named = { name: string; queue: JobQueue<unknown> };

async function listFailed(queues: Named[], json: boolean, io: CliIO): Promise<number> {
  const rows: { queue: string; id: string; attempts: number; reason: string }[] = [];
  for (const { name, queue } of queues)
    for (const job of await queue.failed())
      rows.push({ queue: name, id: job.id, attempts: job.attemptsMade, reason: job.failedReason ?? '' });
  if (json) {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (rows.length === 0) {
    io.stdout.write('No failed jobs.\n');
    return 0;
  }
  for (const row of rows)
    io.stdout.write(`${row.queue}  ${row.id}  (${row.attempts} attempts)  ${oneLine(row.reason)}\n`);
  io.stdout.write(`\n${rows.length} failed. Fix the cause, then: authdoctor jobs retry ID\n`);
  return 0;
}

async function retry(queues: Named[], id: string, io: CliIO): Promise<number> {
  for (const { name, queue } of queues) {
    if (await queue.retry(id)) {
      io.stdout.write(`Retrying ${id} (${name}).\n`);
      return 0;
    }
  }
  io.stderr.write(`authdoctor: no failed job "${id}"; \`authdoctor jobs failed\` lists them.\n`);
  return 1;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}
