/**
 * The engine host over the real stores and queue: events in, replies out, exactly once, in order, with the
 * paste window, timers, escalation and forgetting. Only the platform (the `deliver` callback) is ours to
 * observe; everything between accept and deliver is the real code.
 */
import { describe, expect, it } from 'vitest';
import { RedisSessionStore } from '../../src/store/redis.js';
import { githubToken, PASTES, textOf } from '../support/conversation.js';
import { harness, message, OTHER, open, summaries, THREAD } from '../support/engine-harness.js';

describe('engine', () => {
  it('answers a paste with its diagnosis, in the thread it came from', async () => {
    const h = harness();
    await h.engine.accept(message('E1', PASTES.missingHeader));
    await h.engine.drain();
    expect(h.sent).toHaveLength(1);
    expect(h.sent[0]).toMatchObject({ conversation: THREAD, user: 'U1', event: 'E1' });
    expect(h.sent[0]!.replies[0]!.summary).toMatch(/^401 diagnosis: /);
  });

  it('answers a re-delivered event once', async () => {
    const h = harness();
    expect(await h.engine.accept(message('E1', PASTES.missingHeader))).toEqual({ accepted: true });
    expect(await h.engine.accept(message('E1', PASTES.missingHeader))).toEqual({ accepted: false });
    await h.engine.drain();
    expect(h.sent).toHaveLength(1);
  });

  it('a platform failure is retried without repeating what was already sent', async () => {
    const token = githubToken();
    // Two replies: the private warning about the token, then the diagnosis.
    const clean = harness();
    await clean.engine.accept(message('E1', PASTES.githubFixed(token), { shared: true }));
    await clean.engine.drain();
    expect(summaries(clean)).toHaveLength(2);
    for (const failing of [1, 2]) {
      const h = harness();
      h.failing.add(failing);
      await h.engine.accept(message('E1', PASTES.githubFixed(token), { shared: true }));
      await h.engine.drain();
      expect(summaries(h)).toEqual(summaries(clean));
    }
  });

  it('replies owed by an event whose job gave up go out before the next event is answered', async () => {
    const h = harness();
    for (let attempt = 1; attempt <= 5; attempt++) h.failing.add(attempt);
    await h.engine.accept(message('E1', PASTES.missingHeader));
    await h.engine.drain();
    expect(h.sent).toEqual([]);
    expect(await h.queue.failed()).toHaveLength(1);
    await h.engine.accept(message('E2', 'help'));
    await h.engine.drain();
    expect(h.sent.map((o) => o.event)).toEqual(['E1', 'E2']);
    expect(summaries(h)[0]).toMatch(/^401 diagnosis: /);
  });

  it('keeps each conversation in order and runs conversations side by side', async () => {
    const h = harness({ env: { AUTHDOCTOR_PASTE_WINDOW_MS: '0' } });
    await Promise.all([
      h.engine.accept(message('A1', PASTES.missingHeader)),
      h.engine.accept(message('B1', PASTES.unexplained, { conversation: OTHER, user: 'U2' })),
    ]);
    await h.engine.accept(message('A2', 'walk'));
    await h.engine.accept(message('B2', 'walk', { conversation: OTHER, user: 'U2' }));
    await h.engine.accept(message('A3', 'skip'));
    await h.engine.drain();
    const a = h.sent.filter((o) => o.conversation.channel === 'C1').map((o) => o.event);
    const b = h.sent.filter((o) => o.conversation.channel === 'C2').map((o) => o.event);
    expect(a).toEqual(['A1', 'A2', 'A3']);
    expect(b).toEqual(['B1', 'B2']);
  });

  it('reads a curl command and its output sent as two quick messages as one paste', async () => {
    const h = harness();
    const [command, ...output] = PASTES.missingHeader.split('\n');
    await h.engine.accept(message('E1', command!));
    await h.engine.drain();
    h.clock.now += 800;
    await h.engine.accept(message('E2', output.join('\n')));
    await h.engine.drain();
    const second = h.sent.at(-1)!.replies[0]!;
    expect(second).toMatchObject({ replaces: 'diagnosis' });
    expect(textOf(second)).toMatch(/Read together/);
    expect(
      second.parts.some((p) => p.type === 'findings' && p.findings[0]?.cause === 'missing_credentials'),
    ).toBe(true);
  });

  it('messages further apart than the window are separate attempts', async () => {
    const h = harness();
    await h.engine.accept(message('E1', PASTES.missingHeader));
    h.clock.now += 60_000;
    await h.engine.accept(message('E2', PASTES.unexplained));
    await h.engine.drain();
    expect(textOf(h.sent.at(-1)!.replies[0]!)).toMatch(/Compared with your previous paste/);
  });

  it('fires a follow-up when the user goes quiet, and not when they answer first', async () => {
    const quiet = harness({ followUpMs: 30 });
    await quiet.engine.accept(message('E1', PASTES.missingHeader));
    await quiet.engine.drain();
    await waitFor(() => summaries(quiet).includes('Did that fix it?'));
    expect(summaries(quiet).filter((s) => s === 'Did that fix it?')).toHaveLength(1);

    const busy = harness({ followUpMs: 150 });
    await busy.engine.accept(message('E1', PASTES.missingHeader));
    await busy.engine.accept(message('E2', 'fixed'));
    await busy.engine.drain();
    await new Promise((r) => setTimeout(r, 300));
    expect(summaries(busy)).not.toContain('Did that fix it?');
  });

  it('escalates with a packet, then stays quiet until resumed', async () => {
    const h = harness();
    await h.engine.accept(message('E1', PASTES.unexplained));
    await h.engine.accept(message('E2', 'human'));
    await h.engine.accept(message('E3', 'hello?'));
    await h.engine.drain();
    expect(h.packets).toHaveLength(1);
    expect(h.packets[0]).toMatchObject({
      reason: 'requested',
      attempts: [expect.objectContaining({ statuses: [401] })],
    });
    expect(h.sent.map((o) => o.event)).toEqual(['E1', 'E2']);
    await h.engine.accept(message('E4', 'resume'));
    await h.engine.drain();
    expect(h.sent.map((o) => o.event)).toEqual(['E1', 'E2', 'E4']);
  });

  it("a claim from the support channel reaches the user's thread once; unknown and forgotten ones are refused", async () => {
    const h = harness();
    await h.engine.accept(message('E1', PASTES.unexplained));
    await h.engine.accept(message('E2', 'human'));
    await h.engine.drain();
    const [claim] = h.claims;
    expect(claim).toMatch(/^esc-[\w-]+\.\w+$/);
    const press = { kind: 'claim' as const, claim: claim!, user: 'U_AGENT', name: 'Dana' };
    expect(await h.engine.accept({ ...press, id: 'C1' })).toEqual({ accepted: true, found: true });
    // A re-delivered click: not queued again (whether or not the first one was processed yet).
    expect(await h.engine.accept({ ...press, id: 'C1' })).toMatchObject({ accepted: false, found: true });
    await h.engine.drain();
    expect(h.sent.at(-1)).toMatchObject({ conversation: THREAD, event: 'C1' });
    expect(textOf(h.sent.at(-1)!.replies[0]!)).toMatch(/Dana from the support team/);
    expect(await h.engine.accept({ ...press, id: 'C2', claim: 'esc-nope.0000000' })).toEqual({
      accepted: false,
      found: false,
    });
    expect(await h.engine.accept({ ...press, id: 'C4', user: 'U_LEE', name: 'Lee' })).toEqual({
      accepted: false,
      found: true,
      claimedBy: 'Dana',
      claimedById: 'U_AGENT',
    });
    await h.engine.accept(message('E3', 'forget me'));
    await h.engine.drain();
    expect(await h.engine.accept({ ...press, id: 'C3' })).toMatchObject({ found: false });
  });

  it('an escalation the user resumed can no longer be claimed', async () => {
    const h = harness();
    await h.engine.accept(message('E1', PASTES.unexplained));
    await h.engine.accept(message('E2', 'human'));
    await h.engine.accept(message('E3', 'resume'));
    await h.engine.drain();
    const claim = { kind: 'claim' as const, id: 'C1', claim: h.claims[0]!, user: 'U_AGENT', name: 'Dana' };
    expect(await h.engine.accept(claim)).toEqual({ accepted: false, found: false });
  });

  it('says when each event is done, whether it was answered or (a human has it) not', async () => {
    const h = harness();
    await h.engine.accept(message('E1', PASTES.unexplained));
    await h.engine.accept(message('E2', 'human'));
    await h.engine.accept(message('E3', 'hello?'));
    await h.engine.drain();
    expect(h.settled).toEqual(['E1', 'E2', 'E3']);
    expect(h.sent.map((o) => o.event)).toEqual(['E1', 'E2']);
  });

  it('records the outcome when the user says it is fixed', async () => {
    const h = harness();
    await h.engine.accept(message('E1', PASTES.missingHeader));
    h.clock.now += 120_000;
    await h.engine.accept(message('E2', 'fixed'));
    await h.engine.drain();
    expect(h.outcomes).toEqual([
      expect.objectContaining({
        fixedBy: expect.objectContaining({ kind: 'finding', cause: 'missing_credentials' }),
        durationMs: 120_000,
      }),
    ]);
  });

  it('"forget me" deletes every conversation of that user, and only theirs', async () => {
    const h = harness();
    await h.engine.accept(message('E1', PASTES.missingHeader));
    await h.engine.accept(message('E2', PASTES.unexplained, { conversation: OTHER }));
    await h.engine.accept(
      message('E3', PASTES.unexplained, { conversation: { ...OTHER, thread: 'x' }, user: 'U9' }),
    );
    await h.engine.drain();
    expect(await h.store.keysOfUser('U1')).toHaveLength(2);
    await h.engine.accept(message('E4', 'forget me'));
    await h.engine.drain();
    expect(await h.store.keysOfUser('U1')).toEqual([]);
    expect(await h.store.keysOfUser('U9')).toHaveLength(1);
    expect(h.forgotten).toEqual(['U1']);
    expect(textOf(h.sent.at(-1)!.replies[0]!)).toMatch(/deleted/);
  });

  it('a stale button after a restart of the bot (empty store) is answered politely', async () => {
    const h = harness();
    await h.engine.accept({
      kind: 'action',
      id: 'A1',
      conversation: THREAD,
      user: 'U1',
      action: 'skip',
      session: 'old',
      turn: 2,
    });
    await h.engine.drain();
    expect(textOf(h.sent[0]!.replies[0]!)).toMatch(/no longer have/);
  });

  it('keeps conversations in Redis across engine restarts', async () => {
    const prefix = `authdoctor-test:${process.pid}:${Date.now()}:`;
    const first = harness({
      store: new RedisSessionStore('redis://127.0.0.1:6379', { keyPrefix: prefix, ttlMs: 60_000 }),
    });
    await first.engine.accept(message('E1', PASTES.missingHeader));
    await first.engine.accept(message('E2', 'walk'));
    await first.engine.drain();
    await first.engine.close();
    await first.store.close();
    open.splice(open.indexOf(first), 1);

    const store = new RedisSessionStore('redis://127.0.0.1:6379', { keyPrefix: prefix, ttlMs: 60_000 });
    const second = harness({ store });
    await second.engine.accept(message('E3', 'still 401'));
    await second.engine.drain();
    expect(textOf(second.sent[0]!.replies[0]!)).toMatch(/Step 2\//);
    await second.engine.accept(message('E4', 'forget me'));
    await second.engine.drain();
    expect(await store.keysOfUser('U1')).toEqual([]);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
