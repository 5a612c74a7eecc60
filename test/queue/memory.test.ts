import { execFile } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMemoryQueue, MemoryQueue } from '../../src/queue/index.js';
import { type ContractPayload, jobQueueContract } from './contract.js';

jobQueueContract('memory', async (options) => {
  const queue = createMemoryQueue<ContractPayload>(options);
  return { queue, cleanup: () => queue.close() };
});

describe('memory queue', () => {
  it('remembers at most maxRememberedIds finished ids, dropping the oldest', async () => {
    const queue = createMemoryQueue({ maxRememberedIds: 3 });
    queue.process(async () => {});
    for (const id of ['a', 'b', 'c', 'd', 'e']) await queue.enqueue({ id, group: 'g', payload: {} });
    await queue.drain();
    expect(await queue.enqueue({ id: 'a', group: 'g', payload: {} })).toEqual({ accepted: true });
    expect(await queue.enqueue({ id: 'e', group: 'g', payload: {} })).toEqual({ accepted: false });
    await queue.close();
  });

  it('forgets a finished id after dedupeTtlMs on its clock', async () => {
    let now = 1_000;
    const queue = createMemoryQueue({ dedupeTtlMs: 500, now: () => now });
    queue.process(async () => {});
    await queue.enqueue({ id: 'x', group: 'g', payload: {} });
    await queue.drain();
    now += 499;
    expect(await queue.enqueue({ id: 'x', group: 'g', payload: {} })).toEqual({ accepted: false });
    now += 1;
    expect(await queue.enqueue({ id: 'x', group: 'g', payload: {} })).toEqual({ accepted: true });
    await queue.close();
  });

  it('keeps at most maxFailed failed jobs and still refuses the ids it dropped', async () => {
    const queue = createMemoryQueue({ attempts: 1, maxFailed: 2 });
    queue.process(async () => {
      throw new Error('no');
    });
    for (const id of ['a', 'b', 'c']) await queue.enqueue({ id, group: id, payload: {} });
    await queue.drain();
    expect((await queue.failed()).map((job) => job.id).sort()).toEqual(['b', 'c']);
    expect(await queue.enqueue({ id: 'a', group: 'a', payload: {} })).toEqual({ accepted: false });
    await queue.close();
  });

  it('round-trips payloads through JSON, per attempt, like Redis', async () => {
    const queue = createMemoryQueue<{ at: unknown; list: number[]; gone?: unknown }>({
      attempts: 2,
      backoffMs: 1,
    });
    const seen: unknown[] = [];
    queue.process(async (job) => {
      seen.push(structuredClone(job.payload));
      job.payload.list.push(99);
      if (job.attemptsMade === 0) throw new Error('again');
    });
    await queue.enqueue({
      id: 'p',
      group: 'g',
      payload: { at: new Date('2024-05-02T10:00:00Z'), list: [1], gone: undefined },
    });
    await queue.drain();
    const expected = { at: '2024-05-02T10:00:00.000Z', list: [1] };
    expect(seen).toEqual([expected, expected]);
    await queue.close();
  });

  it('rejects a payload that is not JSON, without taking its id', async () => {
    const queue = createMemoryQueue<unknown>();
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(queue.enqueue({ id: 'j', group: 'g', payload: 10n })).rejects.toThrow(TypeError);
    await expect(queue.enqueue({ id: 'j', group: 'g', payload: circular })).rejects.toThrow(TypeError);
    await expect(queue.enqueue({ id: 'j', group: 'g', payload: undefined })).rejects.toThrow(TypeError);
    await expect(queue.enqueue({ id: '', group: 'g', payload: {} })).rejects.toThrow(TypeError);
    expect(await queue.enqueue({ id: 'j', group: 'g', payload: { ok: true } })).toEqual({ accepted: true });
    await queue.close();
  });

  it('refuses a second process() call', () => {
    const queue = new MemoryQueue();
    queue.process(async () => {});
    expect(() => queue.process(async () => {})).toThrow(expect.objectContaining({ code: 'ERR_USAGE' }));
  });

  it('resolves a pending drain() when closed, and rejects retry() after close', async () => {
    const queue = createMemoryQueue({ attempts: 1 });
    await queue.enqueue({ id: 'never', group: 'g', payload: {} });
    // No handler yet, so this drain could only end through close().
    const draining = queue.drain();
    await queue.close();
    await draining;
    await expect(queue.retry('never')).rejects.toMatchObject({ code: 'ERR_QUEUE_CLOSED' });
  });

  it('does not keep the process alive with delayed jobs or pending retries', async () => {
    const memoryUrl = pathToFileURL(
      fileURLToPath(new URL('../../src/queue/memory.ts', import.meta.url)),
    ).href;
    const script = `
      import(${JSON.stringify(memoryUrl)}).then(async ({ createMemoryQueue }) => {
        const queue = createMemoryQueue({ attempts: 3, backoffMs: 600000 });
        queue.process(async () => { throw new Error('later'); });
        await queue.enqueue({ id: 'delayed', group: 'a', payload: {}, delayMs: 600000 });
        await queue.enqueue({ id: 'retrying', group: 'b', payload: {} });
        setTimeout(() => console.log('enqueued'), 20);
      });
    `;
    const result = await new Promise<{ code: number | null; stdout: string; killed: boolean }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['--import', 'tsx', '-e', script],
        { timeout: 15_000 },
        (error, stdout) => resolve({ code: child.exitCode, stdout, killed: error?.killed ?? false }),
      );
    });
    expect(result).toEqual({ code: 0, stdout: 'enqueued\n', killed: false });
  });
});
