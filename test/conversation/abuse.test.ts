/**
 * Abuse controls at the engine, over the real store, queue and limiter: per-user and per-workspace rate
 * limits (refused before anything is read or queued, the first refusal answered, the rest dropped), the cap
 * on conversations in progress per user, and "forget me" reaching queued jobs too.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../../src/errors.js';
import { RateLimitedError } from '../../src/limits/refusal.js';
import { refusalOf } from '../../src/platform/refusal.js';
import { githubToken, PASTES, textOf } from '../support/conversation.js';
import { harness, message, OTHER, summaries, THREAD } from '../support/engine-harness.js';

const refusalFrom = async (accepting: Promise<unknown>) => {
  const error = await accepting.then(
    () => undefined,
    (e: unknown) => e,
  );
  return refusalOf(error);
};

describe('rate limits', () => {
  it('takes a burst from one user, then answers the first message over once and drops the rest unread', async () => {
    const h = harness({ limits: true, env: { AUTHDOCTOR_USER_RATE_PER_MINUTE: '3' } });
    for (const id of ['E1', 'E2', 'E3']) await h.engine.accept(message(id, 'help'));
    const first = await refusalFrom(h.engine.accept(message('E4', PASTES.missingHeader)));
    expect(first).toMatchObject({ quiet: false, code: ErrorCodes.RATE_LIMITED, level: 'info' });
    expect(first!.text).toContain('more than 3 messages in the last minute');
    expect(first!.text).toContain('Send it again in 20 s');
    const second = await refusalFrom(h.engine.accept(message('E5', PASTES.missingHeader)));
    expect(second).toMatchObject({ quiet: true });
    await h.engine.drain();
    // The refused messages were neither read nor queued nor answered.
    expect(h.queued.map((j) => j.event.id)).toEqual(['E1', 'E2', 'E3']);
    expect(h.sent.map((o) => o.event)).toEqual(['E1', 'E2', 'E3']);
    // A token is back 20 s later.
    h.clock.now += 20_000;
    expect(await h.engine.accept(message('E6', PASTES.missingHeader))).toEqual({ accepted: true });
  });

  it('counts button clicks with messages, and limits each user on their own', async () => {
    const h = harness({ limits: true, env: { AUTHDOCTOR_USER_RATE_PER_MINUTE: '2' } });
    await h.engine.accept(message('E1', PASTES.missingHeader));
    await h.engine.accept({ kind: 'action', id: 'A1', conversation: THREAD, user: 'U1', action: 'walk' });
    await expect(
      h.engine.accept({ kind: 'action', id: 'A2', conversation: THREAD, user: 'U1', action: 'skip' }),
    ).rejects.toBeInstanceOf(RateLimitedError);
    expect(await h.engine.accept(message('E2', 'help', { conversation: OTHER, user: 'U2' }))).toEqual({
      accepted: true,
    });
  });

  it('limits a workspace as a whole, telling each person it stops once, and leaves other workspaces alone', async () => {
    const h = harness({
      limits: true,
      env: { AUTHDOCTOR_USER_RATE_PER_MINUTE: '100', AUTHDOCTOR_WORKSPACE_RATE_PER_MINUTE: '2' },
    });
    const at = (user: string, workspace = 'T1') => ({
      conversation: { platform: 'slack' as const, workspace, channel: 'C1', thread: `t-${user}` },
      user,
    });
    await h.engine.accept(message('E1', 'help', at('U1')));
    await h.engine.accept(message('E2', 'help', at('U2')));
    const u3 = await refusalFrom(h.engine.accept(message('E3', 'help', at('U3'))));
    const u4 = await refusalFrom(h.engine.accept(message('E4', 'help', at('U4'))));
    const u4again = await refusalFrom(h.engine.accept(message('E5', 'help', at('U4'))));
    expect([u3?.quiet, u4?.quiet, u4again?.quiet]).toEqual([false, false, true]);
    expect(u3!.text).toMatch(/^This workspace has sent me more than 2 messages/);
    expect(u3!.text).toContain('AUTHDOCTOR_WORKSPACE_RATE_PER_MINUTE');
    expect(await h.engine.accept(message('E6', 'help', at('U5', 'T2')))).toEqual({ accepted: true });
  });

  it('calls a Discord server a server', async () => {
    const h = harness({
      limits: true,
      env: { AUTHDOCTOR_USER_RATE_PER_MINUTE: '0', AUTHDOCTOR_WORKSPACE_RATE_PER_MINUTE: '1' },
    });
    const conversation = { platform: 'discord' as const, workspace: 'G1', channel: '1', thread: '2' };
    await h.engine.accept(message('E1', 'help', { conversation }));
    const refused = await refusalFrom(h.engine.accept(message('E2', 'help', { conversation, user: 'U2' })));
    expect(refused!.text).toMatch(/^This server has sent me/);
  });

  it('never limits the terminal chat (the operator at their own machine)', async () => {
    const h = harness({ limits: true, env: { AUTHDOCTOR_USER_RATE_PER_MINUTE: '1' } });
    const conversation = { platform: 'terminal' as const, channel: 'local' };
    for (let i = 0; i < 5; i++)
      expect(await h.engine.accept(message(`E${i}`, 'help', { conversation }))).toEqual({ accepted: true });
  });
});

describe('conversations in progress per user', () => {
  const thread = (n: number) => ({ ...THREAD, thread: `1700000000.${n}` });

  it('refuses a new conversation beyond the cap privately, and lets one start once another is fixed', async () => {
    const h = harness({
      env: { AUTHDOCTOR_MAX_OPEN_SESSIONS_PER_USER: '2', AUTHDOCTOR_PASTE_WINDOW_MS: '0' },
    });
    await h.engine.accept(message('E1', PASTES.missingHeader, { conversation: thread(1) }));
    await h.engine.accept(message('E2', PASTES.unexplained, { conversation: thread(2) }));
    await h.engine.drain();
    await h.engine.accept(message('E3', PASTES.missingHeader, { conversation: thread(3) }));
    await h.engine.drain();
    const refused = h.sent.find((o) => o.event === 'E3')!;
    expect(refused.replies).toHaveLength(1);
    expect(refused.replies[0]).toMatchObject({ visibility: 'private', to: 'U1' });
    expect(textOf(refused.replies[0]!)).toContain('You already have 2 conversations with me in progress');
    expect(await h.store.keysOfUser('U1')).toHaveLength(2);

    // Another user is not affected.
    await h.engine.accept(message('E4', PASTES.missingHeader, { conversation: thread(4), user: 'U2' }));
    // One of U1's is fixed: a new one may start.
    await h.engine.accept(message('E5', 'fixed', { conversation: thread(1) }));
    await h.engine.drain();
    await h.engine.accept(message('E6', PASTES.missingHeader, { conversation: thread(3) }));
    await h.engine.drain();
    expect(summaries(h).at(-1)).toMatch(/^401 diagnosis: /);
    expect(h.sent.find((o) => o.event === 'E4')!.replies[0]!.summary).toMatch(/^401 diagnosis: /);
  });

  it('still warns about a credential pasted in a shared channel when it refuses the conversation', async () => {
    const h = harness({
      env: { AUTHDOCTOR_MAX_OPEN_SESSIONS_PER_USER: '1', AUTHDOCTOR_PASTE_WINDOW_MS: '0' },
    });
    await h.engine.accept(message('E1', PASTES.missingHeader, { conversation: thread(1) }));
    await h.engine.drain();
    await h.engine.accept(
      message('E2', PASTES.githubFixed(githubToken()), { conversation: thread(2), shared: true }),
    );
    await h.engine.drain();
    const replies = h.sent.filter((o) => o.event === 'E2').flatMap((o) => o.replies);
    expect(replies.map((r) => r.summary)).toEqual([
      'You posted a credential in a shared channel: rotate it',
      'Too many conversations open at once',
    ]);
  });

  it('does not count conversations a human has taken over, and "forget me" works at the cap', async () => {
    const h = harness({
      env: { AUTHDOCTOR_MAX_OPEN_SESSIONS_PER_USER: '1', AUTHDOCTOR_PASTE_WINDOW_MS: '0' },
    });
    await h.engine.accept(message('E1', PASTES.unexplained, { conversation: thread(1) }));
    await h.engine.accept(message('E2', 'human', { conversation: thread(1) }));
    // Conversations run side by side: the hand-over must be done before the next one starts.
    await h.engine.drain();
    await h.engine.accept(message('E3', PASTES.missingHeader, { conversation: thread(2) }));
    await h.engine.accept(message('E4', 'forget me', { conversation: thread(3) }));
    await h.engine.drain();
    expect(h.sent.find((o) => o.event === 'E3')!.replies[0]!.summary).toMatch(/^401 diagnosis: /);
    expect(h.sent.find((o) => o.event === 'E4')!.replies[0]!.summary).toBe('Deleted what I kept about you');
    expect(await h.store.keysOfUser('U1')).toEqual([]);
  });
});

describe('forget me', () => {
  it('removes the user’s queued follow-ups and waiting events, not other users’, before confirming', async () => {
    const h = harness({ env: { AUTHDOCTOR_PASTE_WINDOW_MS: '0' } });
    await h.engine.accept(message('E1', PASTES.missingHeader));
    await h.engine.accept(message('E2', PASTES.unexplained, { conversation: OTHER }));
    await h.engine.accept(
      message('E3', PASTES.unexplained, { conversation: { ...OTHER, thread: 'x' }, user: 'U9' }),
    );
    await h.engine.drain();
    // Each diagnosis scheduled a "did that fix it?" follow-up.
    expect((await h.queue.counts()).delayed).toBe(3);
    await h.engine.accept(message('E4', 'forget me'));
    await h.engine.drain();
    expect((await h.queue.counts()).delayed).toBe(1);
    expect(await h.store.keysOfUser('U1')).toEqual([]);
    expect(await h.store.keysOfUser('U9')).toHaveLength(1);
    expect(h.forgotten).toEqual(['U1']);
    expect(textOf(h.sent.at(-1)!.replies[0]!)).toMatch(/deleted/);
  });

  it('removes a failed event of theirs, which still holds their redacted paste', async () => {
    const h = harness();
    for (let attempt = 1; attempt <= 5; attempt++) h.failing.add(attempt);
    await h.engine.accept(message('E1', PASTES.missingHeader, { conversation: OTHER }));
    await h.engine.drain();
    expect(await h.queue.failed()).toHaveLength(1);
    await h.engine.accept(message('E2', 'forget me'));
    await h.engine.drain();
    expect(await h.queue.failed()).toEqual([]);
  });
});
