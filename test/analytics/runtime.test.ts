/**
 * The runtime feeds analytics from the engine's `handled` hook: every handled event's facts are counted,
 * beside any `handled` hook of the caller's, and neither failing costs the other (or the user) anything.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryAnalytics } from '../../src/analytics/index.js';
import type { AnalyticsStore } from '../../src/analytics/types.js';
import { loadConfig } from '../../src/config.js';
import type { Outbound } from '../../src/conversation/engine.js';
import { createRuntime, type Runtime, type RuntimeHooks } from '../../src/conversation/runtime.js';
import { ErrorCodes } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { PASTES } from '../support/conversation.js';

const conversation = { platform: 'slack' as const, workspace: 'T1', channel: 'C1', thread: '1.1' };
const running: Runtime[] = [];
afterEach(async () => {
  for (const runtime of running.splice(0)) await runtime.close();
});

function start(hooks: Partial<RuntimeHooks> = {}, analytics?: AnalyticsStore) {
  const sent: Outbound[] = [];
  const logs: string[] = [];
  const runtime = createRuntime(
    loadConfig({ AUTHDOCTOR_PASTE_WINDOW_MS: '0' }),
    { deliver: async (out) => void sent.push(out), ...hooks },
    { log: createLogger('info', (line) => logs.push(line)), ...(analytics ? { analytics } : {}) },
  );
  running.push(runtime);
  return { runtime, sent, logs };
}

const pasteIn = (runtime: Runtime, id: string) =>
  runtime.engine.accept({ kind: 'message', id, conversation, user: 'U0SOMEONE', text: PASTES.missingHeader });

describe('runtime analytics', () => {
  it('counts what the engine handled, and hands the same record to the caller’s hook', async () => {
    const seen: string[] = [];
    const { runtime, sent } = start({
      handled: (record) => void seen.push(`${record.event.type}:${record.after?.phase}`),
    });
    await pasteIn(runtime, 'e1');
    await runtime.engine.drain();
    expect(sent).toHaveLength(1);
    expect(seen).toEqual(['message:diagnosed']);
    const summary = await runtime.analytics.summary({ days: 1, now: Date.now() });
    expect(summary).toMatchObject({ sessions: 1, diagnoses: 1, byProvider: [{ id: 'github', count: 1 }] });
    // A re-delivered event id is not counted twice.
    await pasteIn(runtime, 'e1');
    await runtime.engine.drain();
    expect((await runtime.analytics.summary({ days: 1, now: Date.now() })).diagnoses).toBe(1);
  });

  it('a failing caller hook neither loses the count nor the reply, and is logged', async () => {
    const { runtime, sent, logs } = start({
      handled: () => {
        throw new Error('metrics are down');
      },
    });
    await pasteIn(runtime, 'e2');
    await runtime.engine.drain();
    expect(sent).toHaveLength(1);
    expect((await runtime.analytics.summary({ days: 1, now: Date.now() })).diagnoses).toBe(1);
    expect(logs.some((l) => l.includes('the handled hook failed') && l.includes('metrics are down'))).toBe(
      true,
    );
  });

  it('failing analytics do not fail the event, and the caller hook still runs', async () => {
    const broken = new MemoryAnalytics();
    await broken.close();
    const seen: string[] = [];
    const { runtime, sent, logs } = start({ handled: (r) => void seen.push(r.event.id) }, broken);
    await pasteIn(runtime, 'e3');
    await runtime.engine.drain();
    expect(sent).toHaveLength(1);
    expect(seen).toEqual(['e3']);
    expect(logs.some((l) => l.includes('the handled hook failed'))).toBe(true);
  });

  it('closes the analytics it created, and leaves an injected store open', async () => {
    const own = start().runtime;
    const injected = new MemoryAnalytics();
    const other = start({}, injected).runtime;
    await own.close();
    await other.close();
    running.length = 0;
    await expect(own.analytics.summary({ days: 1, now: Date.now() })).rejects.toMatchObject({
      code: ErrorCodes.STORE_UNAVAILABLE,
    });
    await expect(injected.summary({ days: 1, now: Date.now() })).resolves.toMatchObject({ sessions: 0 });
    await injected.close();
  });
});
