/**
 * Escalation routing in the reducer, as tables of (state, event) → (state, replies, effects): reminders
 * while nobody has claimed an escalation (24/7 on-call), claims that stop them, and releases that hand
 * the conversation back to the support team. States are reached by real events.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '../../src/conversation/effects.js';
import type { ClaimEvent, ReleaseEvent } from '../../src/conversation/events.js';
import { type SessionState, SessionStateSchema } from '../../src/conversation/state.js';
import { type EngineSettings, MAX_RENOTIFY, type StepResult, step } from '../../src/conversation/step.js';
import { ReplySchema } from '../../src/reply/model.js';
import {
  actionIds,
  fire,
  MINUTE,
  PASTES,
  paste,
  play,
  SETTINGS,
  T0,
  textOf,
  typed,
} from '../support/conversation.js';

const EVERY = 30 * MINUTE;
const ON_CALL: EngineSettings = { ...SETTINGS, renotifyMs: EVERY };

const S: Record<string, SessionState> = {};

const claim = (s: SessionState, at: number, user = 'U_AGENT', name = 'Dana'): ClaimEvent => ({
  type: 'claim',
  id: `claim-${user}-${at}`,
  at,
  user,
  escalation: s.escalation!.id,
  name,
});
const release = (s: SessionState, at: number, user = 'U_AGENT', name = 'Dana'): ReleaseEvent => ({
  type: 'release',
  id: `release-${user}-${at}`,
  at,
  user,
  escalation: s.escalation!.id,
  name,
});

function only(result: StepResult): StepResult {
  for (const reply of result.replies) expect(() => ReplySchema.parse(reply)).not.toThrow();
  if (result.state) expect(() => SessionStateSchema.parse(result.state)).not.toThrow();
  return result;
}

const types = (effects: readonly Effect[]) =>
  effects.map((e) => (e.type === 'schedule' || e.type === 'cancel' ? `${e.type}:${e.timer}` : e.type));

beforeAll(async () => {
  const diagnosed = play([await paste(PASTES.missingHeader, { at: T0 })], null, ON_CALL).state!;
  S.walking = play([typed('walk', { at: T0 + MINUTE })], diagnosed, ON_CALL).state!;
  S.escalated = play([typed('human', { at: T0 + 2 * MINUTE })], S.walking, ON_CALL).state!;
  S.claimed = step(S.escalated, claim(S.escalated, T0 + 5 * MINUTE), ON_CALL).state!;
});

describe('re-notifying an unclaimed escalation', () => {
  it('escalating schedules the first reminder one interval later; without an interval there is none', () => {
    const r = only(step(S.walking!, typed('human', { at: T0 + 2 * MINUTE }), ON_CALL));
    expect(types(r.effects)).toEqual(['cancel:follow_up', 'escalate', 'schedule:escalation_renotify']);
    expect(r.effects.at(-1)).toMatchObject({ at: T0 + 2 * MINUTE + EVERY });
    expect(r.state?.timers.escalation_renotify?.at).toBe(T0 + 2 * MINUTE + EVERY);
    expect(r.state?.escalation).toMatchObject({ history: [], unclaimedSince: T0 + 2 * MINUTE });

    for (const settings of [SETTINGS, { ...SETTINGS, renotifyMs: 0 }]) {
      const quiet = step(S.walking!, typed('human', { at: T0 + 2 * MINUTE }), settings);
      expect(types(quiet.effects)).toEqual(['cancel:follow_up', 'escalate']);
      expect(quiet.state?.timers.escalation_renotify).toBeUndefined();
    }
  });

  it('a due reminder re-announces the same escalation (later pastes included) and schedules the next', async () => {
    const e = S.escalated!;
    // The user pasted again while waiting: the support team should see it in the reminder.
    const pasted = step(e, await paste(PASTES.unexplained, { at: T0 + 10 * MINUTE }), ON_CALL).state!;
    const due = pasted.timers.escalation_renotify!;
    const r = only(step(pasted, fire(pasted, 'escalation_renotify'), ON_CALL));
    expect(r.replies).toEqual([]);
    expect(types(r.effects)).toEqual(['renotify', 'schedule:escalation_renotify']);
    const [renotify, next] = r.effects;
    expect(renotify).toMatchObject({ type: 'renotify', count: 1, waitingMs: EVERY, at: due.at });
    if (renotify?.type !== 'renotify') return;
    expect(renotify.packet.id).toBe(e.escalation!.id);
    expect(renotify.packet.attempts).toHaveLength(2);
    expect(next).toMatchObject({ at: due.at + EVERY });
    expect(next?.type === 'schedule' && next.id).not.toBe(due.id);
    expect(r.state?.escalation?.renotified).toBe(1);

    const second = only(step(r.state, fire(r.state!, 'escalation_renotify'), ON_CALL));
    expect(second.effects[0]).toMatchObject({ type: 'renotify', count: 2, waitingMs: 2 * EVERY });
  });

  it(`stops after ${MAX_RENOTIFY} reminders`, () => {
    let s = S.escalated!;
    const counts: number[] = [];
    for (let i = 0; i < MAX_RENOTIFY + 3 && s.timers.escalation_renotify; i++) {
      const r = step(s, fire(s, 'escalation_renotify'), ON_CALL);
      for (const e of r.effects) if (e.type === 'renotify') counts.push(e.count);
      s = r.state!;
    }
    expect(counts).toHaveLength(MAX_RENOTIFY);
    expect(counts.at(-1)).toBe(MAX_RENOTIFY);
    expect(s.timers.escalation_renotify).toBeUndefined();
  });

  const stale: [string, () => SessionState][] = [
    ['claimed', () => S.claimed!],
    ['resumed', () => step(S.escalated!, typed('resume', { at: T0 + 3 * MINUTE }), ON_CALL).state!],
  ];
  it.each(stale)('a reminder that was due before the escalation was %s does nothing', (_, after) => {
    const due = S.escalated!.timers.escalation_renotify!;
    const r = step(
      after(),
      { type: 'timer', id: due.id, at: due.at, user: 'U1', timer: 'escalation_renotify', timerId: due.id },
      ON_CALL,
    );
    expect(r.replies).toEqual([]);
    expect(r.effects.filter((e) => e.type === 'renotify' || e.type === 'schedule')).toEqual([]);
  });
});

describe('claims and the reminder timer', () => {
  const cancels: [string, () => StepResult][] = [
    ['a claim', () => step(S.escalated!, claim(S.escalated!, T0 + 5 * MINUTE), ON_CALL)],
    ['resume', () => step(S.escalated!, typed('resume', { at: T0 + 3 * MINUTE }), ON_CALL)],
    ['restart', () => step(S.escalated!, typed('restart', { at: T0 + 3 * MINUTE }), ON_CALL)],
    ['forget me', () => step(S.escalated!, typed('forget me', { at: T0 + 3 * MINUTE }), ON_CALL)],
  ];
  it.each(cancels)('%s cancels the pending reminder', (_, run) => {
    const r = only(run());
    const id = S.escalated!.timers.escalation_renotify!.id;
    expect(r.effects).toContainEqual({ type: 'cancel', timer: 'escalation_renotify', id });
    expect(r.state?.timers.escalation_renotify).toBeUndefined();
  });

  it('a claim is recorded with who and when, and its effect carries the name and the packet', () => {
    const c = S.claimed!;
    expect(c.escalation?.history).toEqual([
      { type: 'claimed', user: 'U_AGENT', name: 'Dana', at: T0 + 5 * MINUTE },
    ]);
    const r = step(S.escalated!, claim(S.escalated!, T0 + 5 * MINUTE), ON_CALL);
    expect(r.effects.find((e) => e.type === 'claimed')).toMatchObject({
      escalation: S.escalated!.escalation!.id,
      user: 'U_AGENT',
      name: 'Dana',
      at: T0 + 5 * MINUTE,
      packet: { id: S.escalated!.escalation!.id, reason: 'requested' },
    });
  });
});

describe('releasing a claimed escalation', () => {
  it('the claimer hands it back: the user is told, the history records it, reminders start again', () => {
    const c = S.claimed!;
    const at = T0 + 20 * MINUTE;
    const r = only(step(c, release(c, at), ON_CALL));
    expect(r.state?.phase).toBe('escalated');
    expect(r.state?.escalation?.claimedBy).toBeUndefined();
    expect(r.state?.escalation?.history).toEqual([
      { type: 'claimed', user: 'U_AGENT', name: 'Dana', at: T0 + 5 * MINUTE },
      { type: 'released', user: 'U_AGENT', name: 'Dana', at },
    ]);
    expect(r.replies).toHaveLength(1);
    expect(textOf(r.replies[0]!)).toMatch(
      /Dana from the support team handed this back; someone else will pick it up/,
    );
    expect(actionIds(r.replies[0])).toEqual(['resume']);
    expect(types(r.effects)).toEqual(['released', 'schedule:escalation_renotify']);
    expect(r.effects[0]).toMatchObject({
      type: 'released',
      escalation: c.escalation!.id,
      user: 'U_AGENT',
      name: 'Dana',
      at,
      packet: { id: c.escalation!.id },
    });
    expect(r.effects[1]).toMatchObject({ at: at + EVERY });

    // The next reminder counts from the release, and from one again.
    const reminded = step(r.state, fire(r.state!, 'escalation_renotify'), ON_CALL);
    expect(reminded.effects[0]).toMatchObject({ type: 'renotify', count: 1, waitingMs: EVERY });
    // Someone else may claim it now.
    const again = only(step(r.state, claim(r.state!, at + MINUTE, 'U_KIM', 'Kim'), ON_CALL));
    expect(again.state?.escalation?.claimedBy).toMatchObject({ user: 'U_KIM', name: 'Kim' });
    expect(again.state?.escalation?.history?.map((h) => `${h.type}:${h.user}`)).toEqual([
      'claimed:U_AGENT',
      'released:U_AGENT',
      'claimed:U_KIM',
    ]);
  });

  it('a release without an interval says so to the user and schedules nothing', () => {
    const c = S.claimed!;
    const r = step(c, release(c, T0 + 20 * MINUTE), SETTINGS);
    expect(types(r.effects)).toEqual(['released']);
    expect(r.replies).toHaveLength(1);
  });

  const ignored: [string, () => [SessionState | null, ReleaseEvent]][] = [
    [
      'by someone who did not claim it',
      () => [S.claimed!, release(S.claimed!, T0 + 9 * MINUTE, 'U_KIM', 'Kim')],
    ],
    ['of an escalation nobody claimed', () => [S.escalated!, release(S.escalated!, T0 + 9 * MINUTE)]],
    [
      'of another escalation',
      () => [S.claimed!, { ...release(S.claimed!, T0 + 9 * MINUTE), escalation: 'esc-other-1' }],
    ],
    [
      'after the user resumed',
      () => [
        step(S.claimed!, typed('resume', { at: T0 + 8 * MINUTE }), ON_CALL).state,
        release(S.claimed!, T0 + 9 * MINUTE),
      ],
    ],
    ['with no conversation', () => [null, release(S.claimed!, T0 + 9 * MINUTE)]],
  ];
  it.each(ignored)('a release %s changes nothing', (_, make) => {
    const [before, event] = make();
    const r = step(before, event, ON_CALL);
    expect(r.replies).toEqual([]);
    expect(r.effects).toEqual([]);
    if (before) expect({ ...r.state, updatedAt: before.updatedAt }).toEqual(before);
    else expect(r.state).toBeNull();
  });

  it('history stays bounded through many claims and releases', () => {
    let s = S.escalated!;
    for (let i = 0; i < 40; i++) {
      s = step(s, claim(s, T0 + (10 + 2 * i) * MINUTE, 'U_AGENT', 'Dana'), ON_CALL).state!;
      s = step(s, release(s, T0 + (11 + 2 * i) * MINUTE), ON_CALL).state!;
    }
    expect(() => SessionStateSchema.parse(s)).not.toThrow();
    expect(s.escalation?.history?.length).toBeLessThanOrEqual(20);
    expect(s.escalation?.history?.at(-1)?.type).toBe('released');
  });
});
