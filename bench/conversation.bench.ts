/**
 * `npm run bench` (third part): what the conversation adds on top of the diagnosis. In one process:
 * - the diagnosis alone (the baseline, `diagnoser.diagnose`);
 * - a paste through the whole engine: prepare (intake, rules, redaction) → queue → lock → reducer → store →
 *   deliver, on the memory store and, when Redis answers on 127.0.0.1:6379, on the Redis store;
 * - the pure reducer per event over a scripted conversation.
 * Goal: a paste answered in well under a second; the engine's own share small next to the diagnosis.
 */
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.js';
import { createEngine, type Engine } from '../src/conversation/engine.js';
import type { EventJob } from '../src/conversation/events.js';
import { prepareMessage } from '../src/conversation/prepare.js';
import { settingsFrom } from '../src/conversation/runtime.js';
import type { SessionState } from '../src/conversation/state.js';
import { step } from '../src/conversation/step.js';
import { createDiagnoser } from '../src/diagnose/service.js';
import { createMemoryQueue } from '../src/queue/memory.js';
import { MemorySessionStore } from '../src/store/memory.js';
import { RedisSessionStore } from '../src/store/redis.js';
import type { SessionStore } from '../src/store/types.js';
import { CORPUS } from './corpus.js';
import { fmtMs, sampleAsync, table } from './measure.js';

const config = loadConfig({ AUTHDOCTOR_PASTE_WINDOW_MS: '0' });
const diagnoser = createDiagnoser(config);
const settings = settingsFrom(config);
const PASTE = CORPUS.curl_trace ?? Object.values(CORPUS)[0]!;

function engineOn(store: SessionStore): { engine: Engine; answered: () => Promise<void> } {
  let resolve: (() => void) | undefined;
  const engine = createEngine({
    diagnoser,
    store,
    queue: createMemoryQueue<EventJob>(),
    settings,
    deliver: async () => {
      resolve?.();
    },
  });
  engine.start();
  let n = 0;
  return {
    engine,
    // Each paste opens its own conversation, as a busy support channel does.
    answered: () =>
      new Promise<void>((done) => {
        resolve = done;
        n += 1;
        void engine.accept({
          kind: 'message',
          id: `bench-${n}`,
          conversation: { platform: 'slack', workspace: 'T', channel: 'C', thread: String(n) },
          user: 'U',
          text: PASTE,
        });
      }),
  };
}

async function main(): Promise<void> {
  console.log(
    `\n== a paste answered through the conversation engine (${Buffer.byteLength(PASTE)} bytes, curl -v trace)`,
  );
  const rows: (string | number)[][] = [['path', 'p50', 'p99', 'per second', 'vs diagnosis alone']];
  // Warm both paths first, so the baseline is not the one paying for V8's tiering.
  for (let i = 0; i < 2000; i++) {
    await diagnoser.diagnose(PASTE);
    await prepareMessage(diagnoser, { text: PASTE, at: Date.now() });
  }
  const base = await sampleAsync(() => diagnoser.diagnose(PASTE), { minMs: 1500 });
  rows.push([
    'diagnosis alone (baseline)',
    fmtMs(base.p50Ms),
    fmtMs(base.p99Ms),
    Math.round(1000 / base.meanMs),
    '1.00×',
  ]);
  const prepared = await sampleAsync(() => prepareMessage(diagnoser, { text: PASTE, at: Date.now() }), {
    minMs: 1500,
  });
  rows.push([
    'prepare (diagnosis + redaction)',
    fmtMs(prepared.p50Ms),
    fmtMs(prepared.p99Ms),
    Math.round(1000 / prepared.meanMs),
    `${(prepared.p50Ms / base.p50Ms).toFixed(2)}×`,
  ]);
  const memory = engineOn(new MemorySessionStore({ ttlMs: 60_000, maxEntries: 100_000 }));
  const viaMemory = await sampleAsync(memory.answered, { minMs: 1500 });
  await memory.engine.close();
  rows.push([
    'engine, memory store',
    fmtMs(viaMemory.p50Ms),
    fmtMs(viaMemory.p99Ms),
    Math.round(1000 / viaMemory.meanMs),
    `${(viaMemory.p50Ms / base.p50Ms).toFixed(2)}×`,
  ]);
  const probe = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 0 });
  const redisUp = await probe.connect().then(
    () => true,
    () => false,
  );
  probe.disconnect();
  if (redisUp) {
    const prefix = `authdoctor-bench:${process.pid}:`;
    const store = new RedisSessionStore('redis://127.0.0.1:6379', { keyPrefix: prefix, ttlMs: 60_000 });
    const redis = engineOn(store);
    const viaRedis = await sampleAsync(redis.answered, { minMs: 1500 });
    await redis.engine.close();
    await store.close();
    const cleaner = new Redis('redis://127.0.0.1:6379');
    const keys = await cleaner.keys(`${prefix}*`);
    for (let i = 0; i < keys.length; i += 500) await cleaner.del(...keys.slice(i, i + 500));
    cleaner.disconnect();
    rows.push([
      'engine, Redis store',
      fmtMs(viaRedis.p50Ms),
      fmtMs(viaRedis.p99Ms),
      Math.round(1000 / viaRedis.meanMs),
      `${(viaRedis.p50Ms / base.p50Ms).toFixed(2)}×`,
    ]);
  } else rows.push(['engine, Redis store', 'skipped: nothing answers on 127.0.0.1:6379', '', '', '']);
  console.log(table(rows));

  console.log(
    '\n== the reducer alone, per event (a scripted conversation: paste, walk, answers, help, fixed)',
  );
  const paste = (await prepareMessage(diagnoser, { text: PASTE, at: 0 })).paste!;
  const script = ['walk', 'how', 'still 401', 'skip', 'help', 'still 401', 'fixed'];
  const times: number[] = [];
  for (let round = 0; round < 2000; round++) {
    let state: SessionState | null = null;
    const at = 1_768_478_400_000;
    const events = [
      {
        type: 'message' as const,
        id: `p${round}`,
        at,
        user: 'U',
        text: '',
        paste,
        continues: false,
        shared: true,
        truncated: false,
        unreadable: false,
      },
      ...script.map((text, i) => ({
        type: 'message' as const,
        id: `m${round}-${i}`,
        at: at + (i + 1) * 60_000,
        user: 'U',
        text,
        continues: false,
        shared: false,
        truncated: false,
        unreadable: false,
      })),
    ];
    for (const event of events) {
      const t0 = performance.now();
      state = step(state, event, settings).state;
      if (round >= 200) times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  const p = (q: number) => times[Math.floor(q * (times.length - 1))] ?? 0;
  console.log(
    table([
      ['events', 'p50', 'p99', 'max'],
      [times.length, fmtMs(p(0.5)), fmtMs(p(0.99)), fmtMs(p(1))],
    ]),
  );
}

await main();
