/**
 * The reducer as tables of (state, event) → (state, replies, effects). States are built by playing real
 * events (real pastes, real diagnoses) so each row starts from a state the bot can actually be in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../src/conversation/events.js';
import { type SessionState, SessionStateSchema } from '../../src/conversation/state.js';
import { type StepResult, step } from '../../src/conversation/step.js';
import { ReplySchema } from '../../src/reply/model.js';
import {
  actionIds,
  fire,
  githubToken,
  MINUTE,
  PASTES,
  paste,
  play,
  press,
  SETTINGS,
  T0,
  textOf,
  typed,
} from '../support/conversation.js';

/** States the bot can be in, reached by real events. */
const S: Record<string, SessionState> = {};

beforeAll(async () => {
  const first = play([await paste(PASTES.missingHeader, { at: T0 })]);
  S.diagnosed = first.state!;
  S.awaiting = play([typed('hello', { at: T0 })]).state!;
  S.walking = play([typed('walk', { at: T0 + MINUTE })], S.diagnosed).state!;
  S.walkingStep2 = play([press(S.walking, 'still_401', { at: T0 + 2 * MINUTE })], S.walking).state!;
  S.escalated = play([typed('human', { at: T0 + 3 * MINUTE })], S.walking).state!;
  S.fixed = play([press(S.walking, 'fixed', { at: T0 + 3 * MINUTE })], S.walking).state!;
  const unexplained = play([await paste(PASTES.unexplained, { at: T0 })]).state!;
  S.unexplainedWalking = play([typed('walk', { at: T0 + MINUTE })], unexplained).state!;
});

function only(result: StepResult) {
  for (const reply of result.replies) expect(() => ReplySchema.parse(reply)).not.toThrow();
  if (result.state) expect(() => SessionStateSchema.parse(result.state)).not.toThrow();
  return result;
}

describe('no conversation yet', () => {
  it('an empty message asks for a paste and says how to get one', () => {
    const r = only(step(null, typed(''), SETTINGS));
    expect(r.state?.phase).toBe('awaiting_paste');
    expect(r.replies).toHaveLength(1);
    expect(textOf(r.replies[0]!)).toMatch(/empty/);
    expect(textOf(r.replies[0]!)).toMatch(/Copy as cURL/);
    expect(textOf(r.replies[0]!)).toMatch(/curl -v/);
    expect(textOf(r.replies[0]!)).toMatch(/fingerprints/);
    expect(r.effects).toEqual([]);
  });

  it('a greeting asks for a paste', () => {
    const r = only(step(null, typed('hi there, my API calls fail'), SETTINGS));
    expect(r.state?.phase).toBe('awaiting_paste');
    expect(textOf(r.replies[0]!)).toMatch(/nothing to diagnose yet/);
  });

  it('a paste gets the diagnosis with the top finding, its fix, and the offer to walk', async () => {
    const r = only(step(null, await paste(PASTES.missingHeader), SETTINGS));
    expect(r.state?.phase).toBe('diagnosed');
    const reply = r.replies[0]!;
    expect(reply.summary).toMatch(/^401 diagnosis: /);
    expect(
      reply.parts.some((p) => p.type === 'findings' && p.findings[0]?.cause === 'missing_credentials'),
    ).toBe(true);
    expect(actionIds(reply)).toEqual(['walk', 'fixed', 'human']);
    expect(r.effects).toEqual([
      expect.objectContaining({ type: 'schedule', timer: 'follow_up', at: T0 + 30 * MINUTE }),
    ]);
  });

  it('a button with no conversation behind it (expired, restarted bot) is answered politely', () => {
    const r = only(step(null, press(null, 'fixed', { session: 'gone', turn: 3 }), SETTINGS));
    expect(r.state).toBeNull();
    expect(textOf(r.replies[0]!)).toMatch(/no longer have/);
  });

  it('a timer with no conversation does nothing', () => {
    const r = step(
      null,
      { type: 'timer', id: 'x', at: T0, user: 'U1', timer: 'follow_up', timerId: 'x' },
      SETTINGS,
    );
    expect(r).toEqual({ state: null, replies: [], effects: [] });
  });

  it('"walk" before any paste asks for one first', () => {
    const r = only(step(null, typed('walk'), SETTINGS));
    expect(r.state?.phase).toBe('awaiting_paste');
    expect(textOf(r.replies[0]!)).toMatch(/before we walk/);
  });
});

describe('walking the checklist', () => {
  it('"walk" starts at the step the findings point at, with the rest skipped or queued', () => {
    const w = S.walking!;
    expect(w.phase).toBe('walking');
    expect(w.walk?.plan[0]).toMatchObject({ step: 'credentials-present', status: 'suspect' });
    expect(w.walk?.plan.at(-1)?.step).toBe('contact-support');
    const r = only(step(S.diagnosed!, typed('walk'), SETTINGS));
    const text = textOf(r.replies[0]!);
    expect(text).toMatch(/Step 1\/\d+: /);
    expect(text).toMatch(/The diagnosis points here/);
    expect(actionIds(r.replies[0])).toEqual(['fixed', 'still_401', 'skip', 'show_how', 'human']);
  });

  it('steps the paste rules out are skipped with a one-line reason', () => {
    const w = S.unexplainedWalking!;
    const skipped = w.walk?.skipped ?? [];
    expect(skipped.map((s) => s.step)).toContain('credentials-present');
    expect(w.walk?.plan.map((p) => p.step)).not.toContain('credentials-present');
  });

  it('"still 401" moves to the next step and records the answer', () => {
    const r = only(step(S.walking!, press(S.walking!, 'still_401'), SETTINGS));
    expect(r.state?.walk?.cursor).toBe(1);
    expect(r.state?.answers.at(-1)).toMatchObject({ step: 'credentials-present', answer: 'still_401' });
    expect(textOf(r.replies[0]!)).toMatch(/Step 2\//);
  });

  it('"skip" moves on without counting towards being stuck', () => {
    const r = only(step(S.walking!, typed('skip'), SETTINGS));
    expect(r.state?.walk?.cursor).toBe(1);
    expect(r.state?.streak).toBe(0);
    expect(r.state?.answers.at(-1)?.answer).toBe('skipped');
  });

  it('"show me how" gives the step\'s exact instructions and keeps the same buttons valid', () => {
    const r = only(step(S.walking!, press(S.walking!, 'show_how'), SETTINGS));
    expect(r.replies[0]?.summary).toMatch(/^How to: /);
    expect(r.state?.turn).toBe(S.walking!.turn);
    expect(r.state?.walk?.cursor).toBe(0);
    const again = only(step(r.state!, press(S.walking!, 'still_401'), SETTINGS));
    expect(again.state?.walk?.cursor).toBe(1);
  });

  it('"fixed" records which step fixed it and reports the outcome', () => {
    const r = only(step(S.walking!, press(S.walking!, 'fixed', { at: T0 + 5 * MINUTE }), SETTINGS));
    expect(r.state?.phase).toBe('fixed');
    expect(r.state?.outcome?.fixedBy).toEqual({ kind: 'step', step: 'credentials-present' });
    const outcome = r.effects.find((e) => e.type === 'outcome');
    expect(outcome).toMatchObject({
      outcome: {
        fixedBy: { kind: 'step', step: 'credentials-present' },
        durationMs: 5 * MINUTE,
        cause: 'missing_credentials',
      },
    });
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'cancel', timer: 'follow_up' }));
    expect(textOf(r.replies[0]!)).toMatch(/Glad it works/);
  });

  it('"fixed" right after the diagnosis credits the top finding', () => {
    const r = only(step(S.diagnosed!, typed('fixed'), SETTINGS));
    expect(r.state?.outcome?.fixedBy).toMatchObject({ kind: 'finding', cause: 'missing_credentials' });
  });

  it('"still 401" right after the diagnosis starts the walk', () => {
    const r = only(step(S.diagnosed!, typed('still 401'), SETTINGS));
    expect(r.state?.phase).toBe('walking');
    expect(textOf(r.replies[0]!)).toMatch(/Step 1\//);
  });

  it('repeated "still 401" hands over to a human as stuck', () => {
    let state = S.walking!;
    let result: StepResult | undefined;
    for (let i = 0; i < SETTINGS.stuckAfter; i++) {
      result = only(step(state, press(state, 'still_401', { at: T0 + (i + 2) * MINUTE }), SETTINGS));
      state = result.state!;
    }
    expect(state.phase).toBe('escalated');
    expect(state.escalation?.reason).toBe('stuck');
    const packet = result!.effects.find((e) => e.type === 'escalate');
    expect(packet).toBeDefined();
  });

  it('the checklist exhausted hands over to a human', () => {
    let state = S.walking!;
    const settings = { ...SETTINGS, stuckAfter: 50 };
    let result: StepResult | undefined;
    let guard = 0;
    while (state.phase === 'walking' && guard++ < 20) {
      result = only(step(state, press(state, 'still_401'), settings));
      state = result.state!;
    }
    expect(state.escalation?.reason).toBe('exhausted');
    expect(textOf(result!.replies[0]!)).toMatch(/whole checklist/);
  });
});

describe('stale and bad events', () => {
  it('a button from an earlier step is not counted against the current one', () => {
    const r = only(step(S.walkingStep2!, press(S.walking!, 'fixed'), SETTINGS));
    expect(r.state?.phase).toBe('walking');
    expect(r.state?.outcome).toBeUndefined();
    expect(textOf(r.replies[0]!)).toMatch(/earlier step/);
    expect(actionIds(r.replies[0])).toEqual(['fixed', 'still_401', 'skip', 'show_how', 'human']);
  });

  it('a button from a session that was restarted is answered politely', () => {
    const restarted = play([typed('restart', { id: 'restart-1' })], S.walking!).state!;
    expect(restarted.session).not.toBe(S.walking!.session);
    const r = only(step(restarted, press(S.walking!, 'skip'), SETTINGS));
    expect(textOf(r.replies[0]!)).toMatch(/earlier conversation/);
    expect(r.state?.phase).toBe('awaiting_paste');
  });

  it('an unknown action id gets a polite answer and the current buttons', () => {
    const r = only(step(S.walking!, press(S.walking!, 'launch_rockets'), SETTINGS));
    expect(textOf(r.replies[0]!)).toMatch(/don't know that button/);
    expect(r.state?.walk?.cursor).toBe(0);
  });

  it('a chatty message mid-walk says how to answer, without moving', () => {
    const r = only(step(S.walking!, typed('hmm I am not sure what you mean by that'), SETTINGS));
    expect(r.state?.walk?.cursor).toBe(0);
    expect(textOf(r.replies[0]!)).toMatch(/not a paste/);
  });

  it('a 5 MB paste is diagnosed from its beginning, and the user is told', async () => {
    const huge = `${PASTES.missingHeader}\n${'x'.repeat(5 * 1024 * 1024)}`;
    const r = only(step(null, await paste(huge), SETTINGS));
    expect(r.state?.phase).toBe('diagnosed');
    expect(textOf(r.replies[0]!)).toMatch(/larger than I read/);
    expect(JSON.stringify(r.state).length).toBeLessThan(200_000);
  });

  it('a timer that was cancelled or replaced does nothing', () => {
    const r = step(
      S.diagnosed!,
      { type: 'timer', id: 't', at: T0, user: 'U1', timer: 'follow_up', timerId: 'not-the-pending-one' },
      SETTINGS,
    );
    expect(r.replies).toEqual([]);
    expect(r.effects).toEqual([]);
  });
});

describe('follow-ups', () => {
  it('the pending follow-up asks "did that fix it?" once', () => {
    const r = only(step(S.walking!, fire(S.walking!, 'follow_up'), SETTINGS));
    expect(r.replies[0]?.summary).toBe('Did that fix it?');
    expect(actionIds(r.replies[0])).toEqual(['fixed', 'still_401', 'human']);
    expect(r.state?.fired).toContain('follow_up');
    const next = only(step(r.state!, typed('skip'), SETTINGS));
    expect(next.effects.some((e) => e.type === 'schedule' && e.timer === 'follow_up')).toBe(false);
  });

  it('every user answer moves the pending follow-up: the old one is cancelled, a new one scheduled', () => {
    const r = only(step(S.walking!, typed('skip', { at: T0 + 10 * MINUTE }), SETTINGS));
    expect(r.effects).toEqual([
      { type: 'cancel', timer: 'follow_up', id: S.walking!.timers.follow_up!.id },
      expect.objectContaining({ type: 'schedule', timer: 'follow_up', at: T0 + 40 * MINUTE }),
    ]);
  });

  it('a JWT that expires during the conversation schedules a reminder that fires once', async () => {
    const r = only(step(null, await paste(PASTES.jwtCall('2026-01-15T12:20:00Z', '200 OK')), SETTINGS));
    const scheduled = r.effects.find((e) => e.type === 'schedule' && e.timer === 'token_expiry');
    expect(scheduled).toMatchObject({ at: Date.parse('2026-01-15T12:20:00Z') });
    const fired = only(step(r.state!, fire(r.state!, 'token_expiry'), SETTINGS));
    expect(textOf(fired.replies[0]!)).toMatch(/expired just now/);
  });
});

describe('escalation', () => {
  it('"human" escalates with a packet and tells the user where it went', () => {
    const r = only(step(S.walking!, typed('human', { at: T0 + 3 * MINUTE }), SETTINGS));
    const effect = r.effects.find((e) => e.type === 'escalate');
    expect(effect?.type === 'escalate' && effect.packet).toMatchObject({
      reason: 'requested',
      provider: 'github',
      timings: { startedAt: T0, escalatedAt: T0 + 3 * MINUTE, durationMs: 3 * MINUTE },
    });
    expect(textOf(r.replies[0]!)).toMatch(/#api-support/);
    expect(actionIds(r.replies[0])).toEqual(['resume']);
  });

  it('without a support contact the user gets the redacted summary to forward', () => {
    const r = only(step(S.walking!, typed('human'), { ...SETTINGS, support: {} }));
    expect(r.replies[0]!.parts.some((p) => p.type === 'code' && /authdoctor escalation/.test(p.text))).toBe(
      true,
    );
  });

  it('once escalated the bot stays quiet: messages, buttons and pastes get no reply', async () => {
    const e = S.escalated!;
    expect(step(e, typed('anyone there?'), SETTINGS).replies).toEqual([]);
    expect(step(e, press(e, 'skip'), SETTINGS).replies).toEqual([]);
    const p = step(e, await paste(PASTES.unexplained), SETTINGS);
    expect(p.replies).toEqual([]);
    expect(p.state?.attempts).toHaveLength(2);
  });

  it('a claim tells the user who took it over; later claims and stale ones change nothing', () => {
    const e = S.escalated!;
    const claim = (escalation: string, user = 'U_AGENT', name = 'Dana') => ({
      type: 'claim' as const,
      id: `c-${user}`,
      at: T0 + 5 * MINUTE,
      user,
      escalation,
      name,
    });
    const r = only(step(e, claim(e.escalation!.id), SETTINGS));
    expect(textOf(r.replies[0]!)).toMatch(/Dana from the support team has taken this over/);
    expect(r.state?.escalation?.claimedBy).toEqual({ user: 'U_AGENT', name: 'Dana', at: T0 + 5 * MINUTE });
    expect(r.effects).toEqual([
      expect.objectContaining({
        type: 'claimed',
        escalation: e.escalation!.id,
        user: 'U_AGENT',
        at: T0 + 5 * MINUTE,
        name: 'Dana',
      }),
    ]);
    // Still quiet after the claim: the human answers now.
    expect(step(r.state, typed('hello?'), SETTINGS).replies).toEqual([]);
    const second = step(r.state, claim(e.escalation!.id, 'U_OTHER', 'Lee'), SETTINGS);
    expect(second.replies).toEqual([]);
    expect(second.state?.escalation?.claimedBy?.name).toBe('Dana');
    expect(step(e, claim('esc-other-1'), SETTINGS).replies).toEqual([]);
    const resumed = step(e, typed('resume'), SETTINGS).state;
    expect(step(resumed, claim(e.escalation!.id), SETTINGS)).toMatchObject({ replies: [], effects: [] });
    expect(step(null, claim(e.escalation!.id), SETTINGS)).toMatchObject({ state: null, replies: [] });
  });

  it('"resume" brings the bot back where it was', () => {
    const r = only(step(S.escalated!, typed('resume'), SETTINGS));
    expect(r.state?.phase).toBe('walking');
    expect(r.effects).toContainEqual({ type: 'resume', escalation: S.escalated!.escalation!.id });
    expect(textOf(r.replies[0]!)).toMatch(/I'm back/);
  });
});

describe('verify the fix', () => {
  it('a new paste is compared with the previous attempt', async () => {
    const token = githubToken();
    const r = only(
      step(S.walking!, await paste(PASTES.githubFixed(token), { at: T0 + 4 * MINUTE }), SETTINGS),
    );
    const text = textOf(r.replies[0]!);
    expect(text).toMatch(/Compared with your previous paste/);
    expect(text).toMatch(/Fixed since last time: /);
    expect(text).toMatch(/succeeds now \(HTTP 200, was 401\)/);
    expect(actionIds(r.replies[0])).toEqual(['fixed', 'still_401', 'human']);
    expect(text).not.toContain(token);
  });

  it('a paste that continues the previous message replaces its diagnosis', async () => {
    const r = only(step(S.diagnosed!, await paste(PASTES.missingHeader, { continues: true }), SETTINGS));
    expect(r.replies[0]).toMatchObject({ replaces: 'diagnosis', key: 'diagnosis' });
    expect(r.state?.attempts).toHaveLength(1);
    expect(textOf(r.replies[0]!)).toMatch(/Read together with your previous message/);
  });
});

describe('secrets', () => {
  it('a credential posted in a shared channel gets one private warning with how to rotate it', async () => {
    const token = githubToken();
    const event = await paste(PASTES.githubFixed(token), { shared: true });
    const r = only(step(null, event, SETTINGS));
    const warning = r.replies.find((x) => x.visibility === 'private');
    expect(warning).toBeDefined();
    expect(textOf(warning!)).toMatch(/rotate/i);
    expect(textOf(warning!)).toContain('ghp_');
    expect(textOf(warning!)).not.toContain(token);
    const again = step(r.state!, await paste(PASTES.githubFixed(token), { shared: true }), SETTINGS);
    expect(again.replies.filter((x) => x.visibility === 'private')).toEqual([]);
  });

  it("a colleague's paste in the thread warns the colleague, not the conversation's owner", async () => {
    const r = only(
      step(
        S.diagnosed!,
        await paste(PASTES.githubFixed(githubToken()), { shared: true, user: 'U7' }),
        SETTINGS,
      ),
    );
    expect(r.replies.find((x) => x.visibility === 'private')).toMatchObject({ to: 'U7' });
    expect(r.state?.user).toBe('U1');
  });

  it("a colleague's message diagnosed by someone else (a shortcut) warns its author", async () => {
    const event = {
      ...(await paste(PASTES.githubFixed(githubToken()), { shared: true })),
      author: 'U_AUTHOR',
    };
    const r = only(step(null, event, SETTINGS));
    expect(r.replies.find((x) => x.visibility === 'private')).toMatchObject({ to: 'U_AUTHOR' });
    expect(r.state?.user).toBe('U1');
  });

  it('in a DM there is no warning', async () => {
    const r = step(null, await paste(PASTES.githubFixed(githubToken()), { shared: false }), SETTINGS);
    expect(r.replies.filter((x) => x.visibility === 'private')).toEqual([]);
  });
});

describe('restart, help, forget', () => {
  it('"restart" starts a new session and cancels pending timers', () => {
    const r = only(step(S.walking!, typed('restart'), SETTINGS));
    expect(r.state?.phase).toBe('awaiting_paste');
    expect(r.state?.attempts).toEqual([]);
    expect(r.effects).toContainEqual(expect.objectContaining({ type: 'cancel', timer: 'follow_up' }));
  });

  it('"help" explains the commands and keeps the current buttons', () => {
    const r = only(step(S.walking!, typed('help'), SETTINGS));
    expect(textOf(r.replies[0]!)).toMatch(/forget me/);
    expect(actionIds(r.replies[0])).toEqual(['fixed', 'still_401', 'skip', 'show_how', 'human']);
  });

  it('"forget me" deletes the state and asks the host to forget the user everywhere', () => {
    const r = only(step(S.walking!, typed('forget me', { user: 'U1' }), SETTINGS));
    expect(r.state).toBeNull();
    expect(r.effects).toContainEqual({ type: 'forget', user: 'U1' });
    expect(textOf(r.replies[0]!)).toMatch(/deleted/);
  });

  it('"forget me" works even while escalated', () => {
    const r = step(S.escalated!, typed('forget me'), SETTINGS);
    expect(r.state).toBeNull();
  });

  it('"fixed" twice does not record a second outcome', () => {
    const r = step(S.fixed!, typed('fixed'), SETTINGS);
    expect(r.effects.filter((e) => e.type === 'outcome')).toEqual([]);
    expect(textOf(r.replies[0]!)).toMatch(/Already marked/);
  });
});

describe('typed answers work like buttons', () => {
  it.each([
    ['fixed', 'fixed'],
    ['It works!', 'fixed'],
    ['still 401', 'walking'],
    ['nope', 'walking'],
    ['skip', 'walking'],
    ['next', 'walking'],
    ['human', 'escalated'],
    ['talk to a human', 'escalated'],
    ['restart', 'awaiting_paste'],
    ['@authdoctor help', 'walking'],
  ])('"%s" → %s', (text, phase) => {
    const r = only(step(S.walking!, typed(text), SETTINGS));
    expect(r.state?.phase).toBe(phase);
  });
});

describe('every other transition', () => {
  // [from, what happens, the event, phase after, what the reply says (or null for silence)]
  const rows: [string, string, () => ConversationEvent, string | null, RegExp | null][] = [
    ['awaiting', '"still 401"', () => typed('still 401'), 'awaiting_paste', /Paste the request/],
    ['awaiting', '"fixed"', () => typed('fixed'), 'awaiting_paste', /Glad it works/],
    ['awaiting', '"skip"', () => typed('skip'), 'awaiting_paste', /I diagnose/],
    ['awaiting', '"resume"', () => typed('resume'), 'awaiting_paste', /Paste the request/],
    ['diagnosed', '"skip"', () => typed('skip'), 'diagnosed', /I diagnose/],
    ['diagnosed', '"how"', () => typed('how'), 'diagnosed', /I diagnose/],
    ['diagnosed', '"resume"', () => typed('resume'), 'diagnosed', /not in the middle of anything/],
    ['walking', '"walk"', () => typed('walk'), 'walking', /Step 1\//],
    ['walking', '"resume"', () => typed('resume'), 'walking', /Here is where we are/],
    ['fixed', '"walk"', () => typed('walk'), 'walking', /Step 1\//],
    ['fixed', '"still 401"', () => typed('still 401'), 'walking', /Step 1\//],
    [
      'fixed',
      'the follow-up timer',
      () => fire(S.fixed!, 'follow_up', { at: T0 + 99 * MINUTE }),
      'fixed',
      null,
    ],
    ['escalated', '"human"', () => typed('human'), 'escalated', null],
    ['escalated', '"restart"', () => typed('restart'), 'awaiting_paste', /Starting over/],
    [
      'walking',
      'an unreadable paste',
      () => ({
        type: 'message',
        id: 'u1',
        at: T0,
        user: 'U1',
        text: '',
        continues: false,
        shared: false,
        truncated: false,
        unreadable: true,
      }),
      'walking',
      /went wrong on my side/,
    ],
  ];
  it.each(rows)('%s + %s', (from, _what, event, phase, says) => {
    const before = from === 'awaiting' ? S.awaiting! : S[from]!;
    const r = only(step(before, event(), SETTINGS));
    expect(r.state?.phase ?? null).toBe(phase);
    if (says) expect(r.replies.map(textOf).join('\n')).toMatch(says);
    else expect(r.replies).toEqual([]);
  });
});
