/** What every rate limiter must do, run against the memory one and the Redis one. */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { RateLimit, RateLimiter } from '../../src/limits/index.js';

export type MakeLimiter = () => Promise<{ limiter: RateLimiter; cleanup: () => Promise<void> }>;

export function rateLimiterContract(name: string, make: MakeLimiter): void {
  describe(`RateLimiter contract: ${name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    // Keys unique per test: a Redis-backed limiter is shared by every file of the run.
    let run = randomUUID();
    const user = (who: string, perMinute: number): RateLimit => ({
      scope: 'user',
      key: `${run}:user:${who}`,
      perMinute,
    });
    const workspace = (perMinute: number): RateLimit => ({
      scope: 'workspace',
      key: `${run}:workspace`,
      perMinute,
    });

    async function open(): Promise<RateLimiter> {
      const made = await make();
      cleanups.push(made.cleanup);
      return made.limiter;
    }

    afterEach(async () => {
      for (const cleanup of cleanups.splice(0)) await cleanup();
      run = randomUUID();
    });

    it('lets a burst of perMinute through, then refuses with when the next one will pass', async () => {
      const limiter = await open();
      const t = 1_000_000;
      for (let i = 0; i < 3; i++)
        expect(await limiter.take([user('ann', 3)], { now: t, notifyAs: 'ann' })).toEqual({ ok: true });
      expect(await limiter.take([user('ann', 3)], { now: t, notifyAs: 'ann' })).toEqual({
        ok: false,
        scope: 'user',
        perMinute: 3,
        retryAfterMs: 20_000,
        notify: true,
      });
    });

    it('answers the first refusal of a stretch and drops the rest quietly, until the wait is over', async () => {
      const limiter = await open();
      const t = 2_000_000;
      const take = (now: number) => limiter.take([user('bo', 2)], { now, notifyAs: 'bo' });
      await take(t);
      await take(t);
      expect(await take(t)).toMatchObject({ ok: false, notify: true, retryAfterMs: 30_000 });
      expect(await take(t + 10_000)).toMatchObject({ ok: false, notify: false, retryAfterMs: 20_000 });
      expect(await take(t + 29_000)).toMatchObject({ ok: false, notify: false });
      // 30 s later one token is back.
      expect(await take(t + 30_000)).toEqual({ ok: true });
      expect(await take(t + 30_001)).toMatchObject({ ok: false, notify: true });
    });

    it('refills evenly: a steady sender at the rate is never refused', async () => {
      const limiter = await open();
      const t = 3_000_000;
      for (let i = 0; i < 50; i++) {
        const decision = await limiter.take([user('cy', 6)], { now: t + i * 10_000, notifyAs: 'cy' });
        expect(decision.ok).toBe(true);
      }
    });

    it('never holds more than one burst, however long the sender was quiet', async () => {
      const limiter = await open();
      const t = 4_000_000;
      await limiter.take([user('di', 2)], { now: t, notifyAs: 'di' });
      const later = t + 3_600_000;
      expect((await limiter.take([user('di', 2)], { now: later, notifyAs: 'di' })).ok).toBe(true);
      expect((await limiter.take([user('di', 2)], { now: later, notifyAs: 'di' })).ok).toBe(true);
      expect((await limiter.take([user('di', 2)], { now: later, notifyAs: 'di' })).ok).toBe(false);
    });

    it('takes from all limits or none: a workspace refusal leaves the sender allowance untouched', async () => {
      const limiter = await open();
      const t = 5_000_000;
      // Two others use up the workspace.
      expect((await limiter.take([user('ed', 5), workspace(2)], { now: t, notifyAs: 'ed' })).ok).toBe(true);
      expect((await limiter.take([user('fay', 5), workspace(2)], { now: t, notifyAs: 'fay' })).ok).toBe(true);
      for (let i = 0; i < 3; i++) {
        const refused = await limiter.take([user('gus', 5), workspace(2)], { now: t, notifyAs: 'gus' });
        expect(refused).toMatchObject({ ok: false, scope: 'workspace', perMinute: 2 });
      }
      // gus's own five are all still there.
      for (let i = 0; i < 5; i++)
        expect((await limiter.take([user('gus', 5)], { now: t, notifyAs: 'gus' })).ok).toBe(true);
      expect((await limiter.take([user('gus', 5)], { now: t, notifyAs: 'gus' })).ok).toBe(false);
    });

    it('tells each person a workspace limit stops once, not only the first of them', async () => {
      const limiter = await open();
      const t = 6_000_000;
      await limiter.take([workspace(1)], { now: t, notifyAs: 'hal' });
      const first = await limiter.take([user('ida', 9), workspace(1)], { now: t, notifyAs: 'ida' });
      const second = await limiter.take([user('jo', 9), workspace(1)], { now: t, notifyAs: 'jo' });
      const again = await limiter.take([user('jo', 9), workspace(1)], { now: t, notifyAs: 'jo' });
      expect([first, second, again].map((d) => !d.ok && d.notify)).toEqual([true, true, false]);
    });

    it('keeps users apart', async () => {
      const limiter = await open();
      const t = 7_000_000;
      await limiter.take([user('kay', 1)], { now: t, notifyAs: 'kay' });
      expect((await limiter.take([user('kay', 1)], { now: t, notifyAs: 'kay' })).ok).toBe(false);
      expect((await limiter.take([user('lee', 1)], { now: t, notifyAs: 'lee' })).ok).toBe(true);
    });

    it('lets anything through when given no limits', async () => {
      const limiter = await open();
      for (let i = 0; i < 5; i++)
        expect(await limiter.take([], { now: 1, notifyAs: 'x' })).toEqual({ ok: true });
    });
  });
}
