/**
 * factsOf over real conversations: real pastes through the real diagnoser and reducer, one row per kind of
 * event, and what analytics learns from each. Nothing about the user may come out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Fact, FactSchema, factsOf } from '../../src/analytics/facts.js';
import type { Effect } from '../../src/conversation/effects.js';
import type { ConversationEvent } from '../../src/conversation/events.js';
import type { SessionState } from '../../src/conversation/state.js';
import { step } from '../../src/conversation/step.js';
import {
  fire,
  githubToken,
  MINUTE,
  PASTES,
  paste,
  play,
  press,
  SETTINGS,
  T0,
  typed,
} from '../support/conversation.js';

const USER = 'U0SECRETUSER';

/** Runs the events before `event`, then `event`, and returns the facts of that last one. */
function factsAfter(
  history: readonly ConversationEvent[],
  next: (state: SessionState | null) => ConversationEvent,
): { facts: Fact[]; before: SessionState | null; after: SessionState | null; effects: Effect[] } {
  const { state: before } = play(history);
  const event = next(before);
  const result = step(before, event, SETTINGS);
  return {
    facts: factsOf(event, before, result.state, result.effects),
    before,
    after: result.state,
    effects: result.effects,
  };
}

let missing: ConversationEvent;
let rejected: ConversationEvent;
let rejectedToken: string;
let unexplained: ConversationEvent;
let continued: ConversationEvent;

beforeAll(async () => {
  missing = await paste(PASTES.missingHeader, { user: USER });
  rejectedToken = githubToken();
  rejected = await paste(PASTES.githubRejected(rejectedToken), { user: USER, at: T0 + MINUTE });
  unexplained = await paste(PASTES.unexplained, { user: USER });
  continued = await paste(PASTES.githubRejected(rejectedToken), {
    user: USER,
    at: T0 + 1000,
    continues: true,
  });
});

const walkTo = (state: SessionState | null) => press(state, 'walk', { user: USER, at: T0 + MINUTE });

describe('factsOf', () => {
  const rows: {
    name: string;
    history: () => ConversationEvent[];
    next: (state: SessionState | null) => ConversationEvent;
    expected: Fact[];
  }[] = [
    {
      name: 'a first paste starts a session and is diagnosed: causes and rules of errors, the provider',
      history: () => [],
      next: () => missing,
      expected: [
        { type: 'session_started' },
        {
          type: 'diagnosed',
          provider: 'github',
          causes: ['missing_credentials'],
          rules: ['no-credentials', 'provider-error'],
        },
      ],
    },
    {
      name: 'a paste nothing explains: diagnosed with no cause and no provider',
      history: () => [],
      next: () => unexplained,
      expected: [{ type: 'session_started' }, { type: 'diagnosed', provider: null, causes: [], rules: [] }],
    },
    {
      name: 'a first message that is not a paste still starts a session',
      history: () => [],
      next: () => typed('hello?', { user: USER }),
      expected: [{ type: 'session_started' }],
    },
    {
      name: 'a second paste in the session: diagnosed, no new session',
      history: () => [missing],
      next: () => rejected,
      expected: [
        { type: 'diagnosed', provider: 'github', causes: ['invalid_credentials'], rules: ['provider-error'] },
      ],
    },
    {
      name: 'a paste continuing the previous one replaces its diagnosis',
      history: () => [missing],
      next: () => continued,
      expected: [
        {
          type: 'diagnosis_replaced',
          provider: 'github',
          causes: ['missing_credentials'],
          rules: ['no-credentials', 'provider-error'],
        },
        { type: 'diagnosed', provider: 'github', causes: ['invalid_credentials'], rules: ['provider-error'] },
      ],
    },
    {
      name: 'asking for a human: an escalation, with its reason',
      history: () => [missing],
      next: (s) => press(s, 'human', { user: USER, at: T0 + 2 * MINUTE }),
      expected: [{ type: 'escalated', reason: 'requested' }],
    },
    {
      name: '"fixed" on a checklist step: fixed by that step, with the time since the first message',
      history: () => [missing, walkTo(play([missing]).state)],
      next: (s) => press(s, 'fixed', { user: USER, at: T0 + 10 * MINUTE }),
      expected: [
        { type: 'fixed', fixedBy: { kind: 'step', step: 'credentials-present' }, durationMs: 600_000 },
      ],
    },
    {
      name: '"fixed" right after the diagnosis: fixed by acting on the top finding',
      history: () => [missing],
      next: (s) => press(s, 'fixed', { user: USER, at: T0 + 3 * MINUTE }),
      expected: [
        {
          type: 'fixed',
          fixedBy: { kind: 'finding', rule: 'no-credentials', cause: 'missing_credentials' },
          durationMs: 180_000,
        },
      ],
    },
    {
      name: 'a restart starts a new session',
      history: () => [missing],
      next: (s) => press(s, 'restart', { user: USER, at: T0 + MINUTE }),
      expected: [{ type: 'session_started' }],
    },
    {
      name: '"forget me" leaves nothing to count',
      history: () => [missing],
      next: (s) => press(s, 'forget', { user: USER, at: T0 + MINUTE }),
      expected: [],
    },
    {
      name: 'a button of a conversation that is gone counts nothing',
      history: () => [],
      next: () => press(null, 'walk', { user: USER, session: 'gone', turn: 1 }),
      expected: [],
    },
    {
      name: 'a timer counts nothing',
      history: () => [missing],
      next: (s) => fire(s!, 'follow_up'),
      expected: [],
    },
  ];

  it.each(rows)('$name', ({ history, next, expected }) => {
    const { facts } = factsAfter(history(), next);
    expect(facts).toEqual(expected);
    for (const fact of facts) expect(FactSchema.parse(fact)).toEqual(fact);
  });

  it('a claim: counted, with how long the escalation waited', () => {
    const { state: escalated } = play([missing, press(play([missing]).state, 'human', { user: USER })]);
    const escalation = escalated!.escalation!;
    const claim: ConversationEvent = {
      type: 'claim',
      id: 'claim-1',
      at: escalation.at + 5 * MINUTE,
      user: 'U0AGENT001',
      escalation: escalation.id,
      name: 'Sam',
    };
    const result = step(escalated, claim, SETTINGS);
    expect(factsOf(claim, escalated, result.state, result.effects)).toEqual([
      { type: 'claimed', waitedMs: 300_000 },
    ]);
  });

  it('ids that are not ids are dropped rather than counted', () => {
    const event = typed('fixed', { user: USER });
    const effects: Effect[] = [
      {
        type: 'outcome',
        outcome: {
          session: 's1',
          at: T0,
          fixedBy: { kind: 'finding', rule: 'Bearer sk_live_abc and some text', cause: 'expired_token' },
          provider: null,
          durationMs: -5,
          stepsAnswered: 0,
        },
      },
    ];
    expect(factsOf(event, null, null, effects)).toEqual([
      { type: 'fixed', fixedBy: { kind: 'unknown' }, durationMs: 0 },
    ]);
    const weird = structuredClone(missing);
    if (weird.type !== 'message' || !weird.paste) throw new Error('a paste');
    weird.paste.attempt.provider = 'Not An Id';
    weird.paste.attempt.findings[0]!.rule = 'user text: hello';
    const facts = factsOf(weird, null, play([weird]).state, []);
    expect(facts[1]).toEqual({
      type: 'diagnosed',
      provider: null,
      causes: ['missing_credentials'],
      rules: ['provider-error'],
    });
  });

  it('never carries the user id, the session, a fingerprint or pasted text', () => {
    const { state } = play([rejected]);
    const all = [
      factsAfter([], () => rejected).facts,
      factsAfter([rejected], (s) => press(s, 'human', { user: USER })).facts,
      factsAfter([rejected], (s) => press(s, 'fixed', { user: USER })).facts,
    ].flat();
    const text = JSON.stringify(all);
    expect(all.length).toBeGreaterThan(3);
    expect(text).not.toContain(USER);
    expect(text).not.toContain(state!.session);
    for (const fingerprint of state!.attempts[0]!.credentials) expect(text).not.toContain(fingerprint);
    expect(text).not.toContain('api.github.com');
  });
});
