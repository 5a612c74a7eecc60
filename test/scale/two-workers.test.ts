/**
 * Issue 7, "must show": two `authdoctor worker` processes share the load of 1,000 Slack events (50
 * conversations × 20 pastes, ~10% re-delivered), every accepted event is answered exactly once, in each
 * conversation's order. The listeners (in this process) only accept; the children post every reply (see
 * cluster.ts for the set-up and how replies are mapped back to events).
 */
import { describe, expect, it } from 'vitest';
import { clusterSuite, drive, handledIn, plan, poster, problemsOf, readAnswers } from './cluster.js';

const CONVERSATIONS = 50;
const PER_CONVERSATION = 20;
const cluster = clusterSuite('two-workers');

describe('two worker processes', () => {
  const { enqueues } = cluster;

  it('answers each of 1,000 events once, in order, with both workers taking part', async () => {
    const { fake, workers, listeners } = cluster;
    const messages = plan(CONVERSATIONS, PER_CONVERSATION, 'TW');
    const sent = await drive(messages, listeners, enqueues, { redeliverShare: 0.1, seed: 42 });
    expect(sent.refused).toEqual([]);
    expect(sent.redelivered.length).toBeGreaterThan(50);

    // Every message was taken exactly once by the queue; re-deliveries that reached a queue were dropped.
    expect(enqueues.accepted().length).toBe(messages.length);
    expect(enqueues.acceptedOrder.length).toBe(messages.length);
    const duplicatesDropped = [...enqueues.calls.values()].reduce((a, n) => a + n - 1, 0);

    await fake.until(
      (f) => f.of('chat.postMessage').length >= messages.length,
      'a reply for every event',
      45_000,
    );
    // Whatever was queued is done (nothing pending, nothing failed); then the answers are read once more.
    const queue = listeners[0]!.server.runtime.queue;
    await queue.drain();
    expect(await queue.failed()).toEqual([]);
    const answers = readAnswers(await fake.sync(), messages);
    expect(problemsOf(answers, messages)).toEqual({
      missing: [],
      twice: [],
      warnedTwice: [],
      unwarned: [],
      answeredAnyway: [],
      outOfOrder: [],
    });
    expect(answers.strays.map((c) => c.args.text)).toEqual([]);

    // Both children answered some, and only they did (the listeners do not work).
    const byPoster = new Map<string, number>();
    for (const calls of answers.diagnoses.values())
      for (const call of calls) {
        const who = poster(call, workers);
        byPoster.set(who, (byPoster.get(who) ?? 0) + 1);
      }
    expect(byPoster.get('listener')).toBeUndefined();
    expect(byPoster.get('w1')).toBeGreaterThan(0);
    expect(byPoster.get('w2')).toBeGreaterThan(0);

    // The workers' logs agree: each event ran through the reducer in exactly one of them.
    const handled = workers.map((w) => handledIn(w.output()));
    expect(handled[0]!.length).toBeGreaterThan(0);
    expect(handled[1]!.length).toBeGreaterThan(0);
    const all = handled.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(new Set(all)).toEqual(new Set(messages.map((m) => m.jobId.slice('event:'.length))));
    console.log(
      `two-workers: ${messages.length} events, ${sent.redelivered.length} re-deliveries (${duplicatesDropped} reached a queue and were dropped there); answered by w1 ${byPoster.get('w1')}, w2 ${byPoster.get('w2')}`,
    );
  }, 90_000);
});
