/**
 * The chaos report's 5xx storm (test/scale/chaos.ts), short: 150 events while Slack first answers half of
 * chat.postMessage with 5xx — a fifth of all with a 500 after posting the message, as Slack's internal_error
 * may — then answers every call 503. Found by it: the Web API client retried a 5xx by itself and posted those
 * replies two and three times; and a few queue attempts did not outlast the outage. Now a 5xx goes back to
 * the queue, whose retry looks in the conversation first, and a failure on Slack's side is retried past the
 * job's attempts for a while (src/queue/shared.ts). Every accepted event is answered exactly once.
 */
import { expect, it } from 'vitest';
import { CHAOS_DEFAULTS, runScenario, scenarioNamed } from './chaos.js';
import { expectEveryEventAnsweredOnce } from './cluster.js';

it('answers every accepted event once through a storm of 5xx, and leaves nothing failed', async () => {
  const result = await runScenario(scenarioNamed('5xx-storm'), {
    ...CHAOS_DEFAULTS,
    events: 150,
    // Sent over 30 s, so that events keep arriving all through the storm.
    perSecond: 5,
    stormSeconds: 30,
    settleSeconds: 120,
    log: () => {},
  });
  // The storm happened: replies refused, some of them after Slack had posted them.
  const posted500 = result.faults.find((f) => f.status === 500 && f.acted);
  expect(posted500?.hits).toBeGreaterThan(0);
  expect(result.faults.find((f) => f.method === '*' && f.status === 503)?.hits).toBeGreaterThan(0);

  expectEveryEventAnsweredOnce(result);
  console.log(
    `storm-5xx: ${result.answered}/${result.sent} answered once; ${posted500?.hits} replies posted before their 500; calls faulted ${JSON.stringify(result.faultedCalls)}`,
  );
}, 240_000);
