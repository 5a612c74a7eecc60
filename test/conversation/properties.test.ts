/**
 * The reducer under random conversations: any sequence of typed words, pastes, buttons (current, stale,
 * unknown) and timers. It never throws, every state and reply stays valid and bounded, and every message or
 * button gets an answer unless the conversation is with a human.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { EffectSchema } from '../../src/conversation/effects.js';
import type { ConversationEvent, MessageEvent } from '../../src/conversation/events.js';
import { intentOf } from '../../src/conversation/intents.js';
import { type SessionState, SessionStateSchema } from '../../src/conversation/state.js';
import { step } from '../../src/conversation/step.js';
import { ACTION_IDS, ReplySchema } from '../../src/reply/model.js';
import { githubToken, MINUTE, PASTES, paste, SETTINGS, T0, typed } from '../support/conversation.js';

const WORDS = [
  'walk',
  'fixed',
  'still 401',
  'skip',
  'how',
  'human',
  'restart',
  'resume',
  'help',
  'forget me',
  '',
  'what?',
  'thanks',
  '   ',
  'NEXT',
  '@authdoctor skip',
];

let pool: MessageEvent[] = [];

beforeAll(async () => {
  pool = await Promise.all([
    paste(PASTES.missingHeader),
    paste(PASTES.unexplained),
    paste(PASTES.jwtCall('2026-01-15T10:00:00Z')),
    paste(PASTES.githubFixed(githubToken()), { shared: true }),
    paste(PASTES.missingHeader, { continues: true }),
  ]);
});

type Move =
  | { kind: 'say'; word: string }
  | { kind: 'paste'; index: number }
  | { kind: 'press'; action: string; stale: 'no' | 'turn' | 'session' | 'none' }
  | { kind: 'timer'; which: 'follow_up' | 'token_expiry'; matching: boolean };

const move: fc.Arbitrary<Move> = fc.oneof(
  fc.record({
    kind: fc.constant('say' as const),
    word: fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 30 })),
  }),
  fc.record({ kind: fc.constant('paste' as const), index: fc.nat({ max: 4 }) }),
  fc.record({
    kind: fc.constant('press' as const),
    action: fc.oneof(fc.constantFrom(...ACTION_IDS), fc.constantFrom('launch', '', 'walk ')),
    stale: fc.constantFrom('no' as const, 'turn' as const, 'session' as const, 'none' as const),
  }),
  fc.record({
    kind: fc.constant('timer' as const),
    which: fc.constantFrom('follow_up' as const, 'token_expiry' as const),
    matching: fc.boolean(),
  }),
);

function eventFor(m: Move, state: SessionState | null, at: number, n: number): ConversationEvent {
  const id = `e${n}`;
  switch (m.kind) {
    case 'say':
      return typed(m.word, { at, id });
    case 'paste':
      return { ...pool[m.index]!, id, at };
    case 'press':
      return {
        type: 'action',
        id,
        at,
        user: 'U1',
        action: m.action,
        ...(m.stale === 'none'
          ? {}
          : { session: m.stale === 'session' ? 'zzzzzzz' : (state?.session ?? 'x') }),
        ...(m.stale === 'none'
          ? {}
          : { turn: m.stale === 'turn' ? (state?.turn ?? 0) + 7 : (state?.turn ?? 0) }),
      };
    case 'timer': {
      const pending = state?.timers[m.which];
      const timerId = m.matching && pending ? pending.id : `${m.which}:other`;
      return { type: 'timer', id, at, user: 'U1', timer: m.which, timerId };
    }
  }
}

/** Whether the user may expect an answer: anything they send, unless a human has the conversation. */
function expectsAnswer(event: ConversationEvent, before: SessionState | null): boolean {
  if (event.type === 'timer' || event.type === 'claim' || event.type === 'release') return false;
  if (before?.phase !== 'escalated') return true;
  const word = event.type === 'message' ? (event.paste ? undefined : intentOf(event.text)) : event.action;
  return word === 'resume' || word === 'restart' || word === 'forget';
}

describe('the reducer under random conversations', () => {
  it('never throws, stays valid and bounded, and answers whatever deserves an answer', () => {
    fc.assert(
      fc.property(fc.array(move, { minLength: 1, maxLength: 60 }), (moves) => {
        let state: SessionState | null = null;
        let at = T0;
        moves.forEach((m, n) => {
          at += MINUTE;
          const event = eventFor(m, state, at, n);
          const result = step(state, event, SETTINGS);
          for (const reply of result.replies) ReplySchema.parse(reply);
          for (const effect of result.effects) EffectSchema.parse(effect);
          if (result.state) SessionStateSchema.parse(result.state);
          if (expectsAnswer(event, state)) expect(result.replies.length).toBeGreaterThan(0);
          expect(JSON.stringify(result.state ?? {}).length).toBeLessThan(150_000);
          state = result.state;
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a conversation replayed gives the same replies and effects (no hidden clock or randomness)', () => {
    fc.assert(
      fc.property(fc.array(move, { minLength: 1, maxLength: 30 }), (moves) => {
        const run = () => {
          let state: SessionState | null = null;
          const out: unknown[] = [];
          moves.forEach((m, n) => {
            const result = step(state, eventFor(m, state, T0 + (n + 1) * MINUTE, n), SETTINGS);
            out.push(result.replies, result.effects);
            state = result.state;
          });
          return JSON.stringify(out);
        };
        expect(run()).toBe(run());
      }),
      { numRuns: 100 },
    );
  });
});
