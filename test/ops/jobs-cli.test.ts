/**
 * The operator's side of the queue: `authdoctor jobs` against the real Redis (a prefix unique to this run,
 * removed afterwards), and what `authdoctor worker` says when it cannot run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { BullQueue } from '../../src/queue/bullmq.js';
import { runCliWith } from '../support/cli.js';
import { REDIS_URL, redisTestKeys } from '../support/redis.js';
import { waitFor } from '../support/wait.js';

const redis = redisTestKeys('jobs-cli');
const PREFIX = redis.runPrefix;
const env = { REDIS_URL, AUTHDOCTOR_REDIS_PREFIX: PREFIX };
afterAll(() => redis.cleanup());

describe('authdoctor jobs', () => {
  it('lists a failed event with its reason (never its payload), and retry puts it back', async () => {
    const worker = new BullQueue<{ text: string }>({
      url: REDIS_URL,
      keyPrefix: PREFIX,
      name: 'events',
      attempts: 1,
    });
    let failing = true;
    const done: string[] = [];
    worker.process(async (job) => {
      if (failing) throw new Error('Slack answered 500 (internal_error)');
      done.push(job.id);
    });
    await worker.enqueue({
      id: 'event:slack:msg:C1:17.5',
      group: 'slack:T1:C1:17.5',
      payload: { text: 'fp ghp_…9f3a' },
    });
    await waitFor(async () => (await worker.failed()).length === 1, 'the failed job');

    const counts = await runCliWith(['jobs', '--json'], { env });
    expect(counts.code).toBe(0);
    expect(JSON.parse(counts.stdout)).toMatchObject({
      events: { failed: 1, waiting: 0 },
      webhooks: { failed: 0 },
    });

    const listed = await runCliWith(['jobs', 'failed'], { env });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(
      'events  event:slack:msg:C1:17.5  (1 attempts)  Slack answered 500 (internal_error)',
    );
    expect(listed.stdout).not.toContain('ghp_');
    expect(listed.stdout).toContain('authdoctor jobs retry ID');

    failing = false;
    const retried = await runCliWith(['jobs', 'retry', 'event:slack:msg:C1:17.5'], { env });
    expect(retried).toMatchObject({ code: 0, stdout: 'Retrying event:slack:msg:C1:17.5 (events).\n' });
    await waitFor(() => done.length === 1, 'the retried job to run');
    expect((await runCliWith(['jobs', 'failed'], { env })).stdout).toBe('No failed jobs.\n');
    expect(await runCliWith(['jobs', 'retry', 'nope'], { env })).toMatchObject({ code: 1 });
    await worker.close();
  });

  it('explains that the embedded queue cannot be reached from outside, and rejects bad arguments', async () => {
    const local = await runCliWith(['jobs', 'failed'], { env: {} });
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('Without REDIS_URL the job queue lives inside the running bot');
    expect((await runCliWith(['jobs', 'retry'], { env })).code).toBe(2);
    expect((await runCliWith(['jobs', 'failed', '--queue', 'other'], { env })).stderr).toContain(
      '--queue must be one of events, webhooks',
    );
  });
});

describe('authdoctor worker', () => {
  it('names everything it is missing at once and exits 1', async () => {
    const run = await runCliWith(['worker'], { env: {} });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('REDIS_URL: required by `authdoctor worker`');
    expect(run.stderr).toContain('SLACK_BOT_TOKEN or DISCORD_TOKEN');
  });
});
