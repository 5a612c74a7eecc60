/**
 * What every analytics store must do, run against the memory store and against Redis: daily UTC buckets,
 * the 7- and 30-day windows, rates, time to fix, garbage in storage ignored, and nothing stored that says
 * who asked.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { utcDay } from '../../src/analytics/buckets.js';
import { type Fact, factsOf } from '../../src/analytics/facts.js';
import type { AnalyticsStore } from '../../src/analytics/types.js';
import type { ConversationEvent } from '../../src/conversation/events.js';
import type { SessionState } from '../../src/conversation/state.js';
import { step } from '../../src/conversation/step.js';
import { ErrorCodes } from '../../src/errors.js';
import { githubToken, MINUTE, PASTES, paste, press, SETTINGS } from '../support/conversation.js';

export interface AnalyticsFixture {
  store: AnalyticsStore;
  /** Everything the store keeps, as text (keys, fields, values). */
  dump(): Promise<string>;
  /** Writes raw fields into a day's bucket, behind the store's back, when the store can be reached so. */
  poke?(day: string, fields: Record<string, string>): Promise<void>;
  cleanup(): Promise<void>;
}

const DAY = 86_400_000;
/** Noon UTC, so "a day before" never straddles anything surprising. */
const NOW = Date.parse('2026-03-15T12:00:00Z');

const started: Fact = { type: 'session_started' };
type Diagnosed = Extract<Fact, { type: 'diagnosed' }>;
const diagnosed = (over: Partial<Diagnosed> = {}): Diagnosed => ({
  type: 'diagnosed',
  provider: 'github',
  causes: ['expired_token'],
  rules: ['jwt-expired'],
  ...over,
});
const fixedIn = (durationMs: number, step = 'token-expiry' as const): Fact => ({
  type: 'fixed',
  fixedBy: { kind: 'step', step },
  durationMs,
});

export function analyticsStoreContract(name: string, open: () => Promise<AnalyticsFixture>): void {
  describe(`${name}: analytics contract`, () => {
    let fixture: AnalyticsFixture | undefined;
    const fresh = async () => {
      fixture = await open();
      return fixture;
    };
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    });

    it('an empty store summarises to zeros, with null rates', async () => {
      const { store } = await fresh();
      const summary = await store.summary({ days: 7, now: NOW });
      expect(summary).toMatchObject({
        days: 7,
        from: '2026-03-09',
        to: '2026-03-15',
        activeDays: 0,
        sessions: 0,
        diagnoses: 0,
        fixed: 0,
        fixRate: null,
        escalationRate: null,
        byCause: [],
        timeToFix: { count: 0, meanMs: null, median: null },
      });
    });

    it('buckets by UTC day: the last millisecond of a day and the first of the next are apart', async () => {
      const { store } = await fresh();
      const midnight = Date.parse('2026-03-15T00:00:00Z');
      await store.record([started, diagnosed()], midnight - 1);
      await store.record([started], midnight);
      await store.record([started], midnight + DAY - 1);
      const today = await store.summary({ days: 1, now: NOW });
      expect(today).toMatchObject({ from: '2026-03-15', to: '2026-03-15', sessions: 2, diagnoses: 0 });
      const two = await store.summary({ days: 2, now: NOW });
      expect(two).toMatchObject({ from: '2026-03-14', sessions: 3, diagnoses: 1, activeDays: 2 });
      // A summary asked for yesterday sees only yesterday.
      expect(await store.summary({ days: 1, now: midnight - DAY / 2 })).toMatchObject({ sessions: 1 });
    });

    it('7 and 30 days: today and the 6 days before, and the 29 before; the 30th is out', async () => {
      const { store } = await fresh();
      for (const ago of [0, 6, 7, 29, 30, 120])
        await store.record([started, diagnosed({ causes: ['expired_token'] })], NOW - ago * DAY);
      const week = await store.summary({ days: 7, now: NOW });
      const month = await store.summary({ days: 30, now: NOW });
      expect([week.sessions, week.diagnoses, week.activeDays]).toEqual([2, 2, 2]);
      expect([month.sessions, month.diagnoses, month.activeDays]).toEqual([4, 4, 4]);
      expect(month).toMatchObject({ from: '2026-02-14', to: '2026-03-15' });
      expect(month.byCause).toEqual([{ id: 'expired_token', count: 4 }]);
    });

    it('counts per cause, rule and provider, most frequent first, at most `top`', async () => {
      const { store } = await fresh();
      await store.record([diagnosed()], NOW);
      await store.record([diagnosed()], NOW);
      await store.record(
        [
          diagnosed({
            provider: 'stripe',
            causes: ['wrong_environment', 'expired_token'],
            rules: ['environment-mismatch', 'jwt-expired'],
          }),
        ],
        NOW,
      );
      await store.record([diagnosed({ provider: null, causes: [], rules: [] })], NOW);
      const summary = await store.summary({ days: 7, now: NOW });
      expect(summary).toMatchObject({ diagnoses: 4, unexplained: 1, noProvider: 1 });
      expect(summary.byCause).toEqual([
        { id: 'expired_token', count: 3 },
        { id: 'wrong_environment', count: 1 },
      ]);
      expect(summary.byRule).toEqual([
        { id: 'jwt-expired', count: 3 },
        { id: 'environment-mismatch', count: 1 },
      ]);
      expect(summary.byProvider).toEqual([
        { id: 'github', count: 2 },
        { id: 'stripe', count: 1 },
      ]);
      const top1 = await store.summary({ days: 7, now: NOW, top: 1 });
      expect(top1.byProvider).toEqual([{ id: 'github', count: 2 }]);
    });

    it('a diagnosis replaced by its continuation counts once', async () => {
      const { store } = await fresh();
      const first = diagnosed({ causes: ['missing_credentials'], rules: ['no-credentials'] });
      await store.record([started, first], NOW);
      await store.record(
        [{ ...first, type: 'diagnosis_replaced' }, diagnosed({ causes: ['invalid_credentials'], rules: [] })],
        NOW + 1000,
      );
      const summary = await store.summary({ days: 1, now: NOW });
      expect(summary.diagnoses).toBe(1);
      expect(summary.byCause).toEqual([{ id: 'invalid_credentials', count: 1 }]);
      expect(summary.byRule).toEqual([]);
      expect(summary.byProvider).toEqual([{ id: 'github', count: 1 }]);
    });

    it('fix and escalation rates per session, which step fixed it, escalation reasons, claims', async () => {
      const { store } = await fresh();
      for (let i = 0; i < 4; i++) await store.record([started], NOW - i * MINUTE);
      await store.record([fixedIn(MINUTE)], NOW);
      await store.record(
        [
          {
            type: 'fixed',
            fixedBy: { kind: 'finding', rule: 'jwt-expired', cause: 'expired_token' },
            durationMs: 1,
          },
        ],
        NOW,
      );
      await store.record([{ type: 'fixed', fixedBy: { kind: 'unknown' }, durationMs: 1 }], NOW);
      await store.record([{ type: 'escalated', reason: 'stuck' }], NOW);
      await store.record(
        [
          { type: 'escalated', reason: 'requested' },
          { type: 'claimed', waitedMs: 5 },
        ],
        NOW,
      );
      const summary = await store.summary({ days: 7, now: NOW });
      expect(summary).toMatchObject({
        sessions: 4,
        fixed: 3,
        fixRate: 0.75,
        escalations: 2,
        escalationRate: 0.5,
        escalationsByReason: { requested: 1, exhausted: 0, stuck: 1 },
        claims: 1,
        fixedBy: {
          steps: [{ id: 'token-expiry', count: 1 }],
          findings: [{ id: 'jwt-expired', count: 1 }],
          unknown: 1,
        },
      });
      // Fixes of sessions started before the window do not push the rate over 1.
      await store.record([fixedIn(MINUTE), fixedIn(MINUTE)], NOW);
      expect((await store.summary({ days: 7, now: NOW })).fixRate).toBe(1);
    });

    it('time to fix: the mean, and the histogram bucket the median falls in', async () => {
      const { store } = await fresh();
      const durations = [30_000, 3 * MINUTE, 10 * MINUTE, 2 * 60 * MINUTE, 10 * DAY];
      for (const ms of durations) await store.record([fixedIn(ms)], NOW);
      const { timeToFix } = await store.summary({ days: 7, now: NOW });
      expect(timeToFix.count).toBe(5);
      expect(timeToFix.meanMs).toBe(durations.reduce((a, b) => a + b) / 5);
      expect(timeToFix.median).toEqual({ fromMs: 5 * MINUTE, toMs: 15 * MINUTE });
      const counts = Object.fromEntries(timeToFix.histogram.map((b) => [String(b.toMs), b.count]));
      expect(counts).toMatchObject({
        [String(MINUTE)]: 1,
        [String(5 * MINUTE)]: 1,
        [String(15 * MINUTE)]: 1,
        [String(2 * 60 * MINUTE)]: 1,
        null: 1,
      });
      // Mostly slow fixes: the median lies above the last bound.
      await store.record([fixedIn(20 * DAY), fixedIn(30 * DAY), fixedIn(40 * DAY), fixedIn(50 * DAY)], NOW);
      expect((await store.summary({ days: 1, now: NOW })).timeToFix.median).toEqual({
        fromMs: 7 * DAY,
        toMs: null,
      });
    });

    it('facts that do not validate are not counted', async () => {
      const { store } = await fresh();
      const garbage = [
        { type: 'diagnosed', provider: 'Bearer abc', causes: ['expired_token'], rules: [] },
        { type: 'diagnosed', provider: 'github', causes: ['not_a_cause'], rules: [] },
        { type: 'fixed', fixedBy: { kind: 'step', step: 'no-such-step' }, durationMs: 5 },
        { type: 'escalated', reason: 'bored' },
        { type: 'session_started', user: 'U0SOMEONE' },
        { type: 'who-knows' },
        null,
        'text',
      ] as unknown as Fact[];
      await store.record(garbage, NOW);
      await store.record([started], NOW);
      const summary = await store.summary({ days: 1, now: NOW });
      // The one with an extra `user` field validates (zod strips it) and counts; nothing else does.
      expect(summary).toMatchObject({ sessions: 2, diagnoses: 0, fixed: 0, escalations: 0 });
      expect(await fixture!.dump()).not.toContain('U0SOMEONE');
    });

    it('unknown or malformed fields in a stored bucket are ignored', async (context) => {
      const f = await fresh();
      if (!f.poke) return context.skip();
      await f.store.record([started, diagnosed()], NOW);
      await f.poke(utcDay(NOW), {
        sessions: 'not a number',
        diagnoses: '2.5',
        'cause:expired_token': '1e3',
        'cause:not_a_cause': '7',
        'rule:Has Spaces': '3',
        'provider:github': '2',
        'ttf-le:12345': '9',
        'from-the-future': '100',
        fixed: '99999999999999999999',
      });
      await f.poke(utcDay(NOW - DAY), { sessions: '3', 'escalation:requested': '1', escalations: '1' });
      const summary = await f.store.summary({ days: 7, now: NOW });
      expect(summary).toMatchObject({
        sessions: 3,
        diagnoses: 0,
        fixed: 0,
        escalations: 1,
        escalationsByReason: { requested: 1 },
      });
      expect(summary.byCause).toEqual([]);
      expect(summary.byRule).toEqual([{ id: 'jwt-expired', count: 1 }]);
      expect(summary.byProvider).toEqual([{ id: 'github', count: 2 }]);
      expect(summary.timeToFix.count).toBe(0);
    });

    it('rejects a window it cannot answer', async () => {
      const { store } = await fresh();
      for (const days of [0, -1, 1.5, 401, Number.NaN])
        await expect(store.summary({ days, now: NOW })).rejects.toThrow(RangeError);
      await expect(store.record([started], Number.NaN)).rejects.toThrow(RangeError);
    });

    it('a closed store refuses with ERR_STORE_UNAVAILABLE', async () => {
      const { store } = await fresh();
      await store.close();
      await store.close();
      await expect(store.record([started], NOW)).rejects.toMatchObject({
        code: ErrorCodes.STORE_UNAVAILABLE,
      });
      await expect(store.summary({ days: 7, now: NOW })).rejects.toMatchObject({
        code: ErrorCodes.STORE_UNAVAILABLE,
      });
    });

    describe('nothing stored says who asked', () => {
      const USER = 'U0PRIVATE99';
      const token = githubToken();
      const events: ConversationEvent[] = [];
      beforeAll(async () => {
        events.push(await paste(PASTES.githubRejected(token), { user: USER, at: NOW }));
        events.push(await paste(PASTES.missingHeader, { user: USER, at: NOW + MINUTE }));
      });

      it('after a conversation with a paste, an escalation and a fix', async () => {
        const { store, dump } = await fresh();
        let state: SessionState | null = null;
        const identifying = new Set<string>([USER]);
        const run = async (next: (s: SessionState | null) => ConversationEvent) => {
          const event = next(state);
          const result = step(state, event, SETTINGS);
          await store.record(factsOf(event, state, result.state, result.effects), event.at);
          state = result.state;
          if (!state) return;
          identifying.add(state.session);
          for (const attempt of state.attempts) for (const c of attempt.credentials) identifying.add(c);
        };
        for (const event of events) await run(() => event);
        await run((s) => press(s, 'human', { user: USER, at: NOW + 2 * MINUTE }));
        await run((s) => press(s, 'resume', { user: USER, at: NOW + 3 * MINUTE }));
        await run((s) => press(s, 'fixed', { user: USER, at: NOW + 4 * MINUTE }));
        expect(identifying.size).toBeGreaterThan(2);

        const summary = await store.summary({ days: 1, now: NOW });
        expect(summary).toMatchObject({ sessions: 1, diagnoses: 2, escalations: 1, fixed: 1 });
        const stored = await dump();
        expect(stored.length).toBeGreaterThan(0);
        for (const value of identifying) expect(stored).not.toContain(value);
        expect(stored).not.toContain('api.github.com');
        expect(stored).not.toContain('Bad credentials');
      });
    });
  });
}
