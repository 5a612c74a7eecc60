/**
 * `npm run bench` (fourth part): what the chat platforms add on top of the engine. In one process:
 * - rendering one diagnosis for the terminal (the baseline), as Slack Block Kit and as Discord payloads,
 *   for an ordinary paste and for a ~1 MB one (the renderers split and cut within each platform's limits);
 * - a signed Slack `app_mention` through the real Bolt app in HTTP mode until the reply reaches a fake Web
 *   API on 127.0.0.1, and a Discord `/diagnose` through the real discord.js client and a fake gateway until
 *   the deferred reply is filled: the ack time and the time to the answer, next to the engine alone.
 * Goal: every reply well under a second; acks far inside the platforms' 3 s.
 */
import { performance } from 'node:perf_hooks';
import { PLAIN } from '../adapters/cli/render.js';
import { renderReply as renderTerminal } from '../adapters/cli/render-reply.js';
import { renderReply as renderDiscord } from '../adapters/discord/render.js';
import { renderReply as renderSlack } from '../adapters/slack/render.js';
import { loadConfig } from '../src/config.js';
import { prepareMessage } from '../src/conversation/prepare.js';
import { settingsFrom } from '../src/conversation/runtime.js';
import { step } from '../src/conversation/step.js';
import { createDiagnoser } from '../src/diagnose/service.js';
import type { Reply } from '../src/reply/model.js';
import { FakeDiscord, startBot } from '../test/support/fake-discord.js';
import { BOT_USER, nextTs, sendEvent, startSlackBot } from '../test/support/fake-slack.js';
import { CORPUS } from './corpus.js';
import { fmtMs, sample, type Timing, table, timingOf } from './measure.js';

const config = loadConfig({ AUTHDOCTOR_PASTE_WINDOW_MS: '0' });
const diagnoser = createDiagnoser(config);
const settings = settingsFrom(config);
const PASTE = CORPUS.curl_trace ?? Object.values(CORPUS)[0]!;

async function diagnosisOf(text: string): Promise<Reply> {
  const prepared = await prepareMessage(diagnoser, { text, at: Date.now() });
  const result = step(
    null,
    {
      type: 'message',
      id: 'bench',
      at: Date.now(),
      user: 'U',
      text: prepared.text,
      ...(prepared.paste ? { paste: prepared.paste } : {}),
      continues: false,
      shared: false,
      truncated: prepared.truncated,
      unreadable: false,
    },
    settings,
  );
  return result.replies.at(-1)!;
}

const ratio = (t: Timing, base: Timing) => `${(t.p50Ms / base.p50Ms).toFixed(2)}×`;

async function renderers(): Promise<void> {
  const huge = `${PASTE}\n${'< x-debug: '.padEnd(100, 'y')}\n`.repeat(
    Math.ceil(1_000_000 / (PASTE.length + 102)),
  );
  for (const [label, reply] of [
    [`an ordinary diagnosis (${Buffer.byteLength(PASTE)} bytes pasted)`, await diagnosisOf(PASTE)],
    [`a diagnosis of a ~1 MB paste`, await diagnosisOf(huge)],
  ] as const) {
    console.log(`\n== rendering ${label}`);
    const base = sample(() => renderTerminal(reply, PLAIN), { minMs: 500 });
    const slack = sample(() => renderSlack(reply), { minMs: 500 });
    const discord = sample(() => renderDiscord(reply), { minMs: 500 });
    console.log(
      table([
        ['renderer', 'p50', 'p99', 'messages', 'vs terminal'],
        ['terminal (baseline)', fmtMs(base.p50Ms), fmtMs(base.p99Ms), 1, '1.00×'],
        [
          'Slack Block Kit',
          fmtMs(slack.p50Ms),
          fmtMs(slack.p99Ms),
          renderSlack(reply).length,
          ratio(slack, base),
        ],
        [
          'Discord',
          fmtMs(discord.p50Ms),
          fmtMs(discord.p99Ms),
          renderDiscord(reply).length,
          ratio(discord, base),
        ],
      ]),
    );
  }
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

async function slackRoundTrips(runs: number): Promise<{ ack: Timing; answer: Timing }> {
  const bot = await startSlackBot({ env: { LOG_LEVEL: 'silent' } });
  const acks: number[] = [];
  const answers: number[] = [];
  try {
    for (let i = 0; i < runs + 20; i++) {
      const before = bot.fake.of('chat.postMessage').length;
      const t0 = performance.now();
      const event = {
        type: 'app_mention',
        user: 'U0USER0001',
        channel: 'C0CHAN0001',
        ts: nextTs(),
        text: `<@${BOT_USER}> ${PASTE}`,
      };
      const response = await sendEvent(bot.base, event);
      const acked = performance.now() - t0;
      if (response.status !== 200) throw new Error(`the bot answered ${response.status}`);
      await until(() => bot.fake.of('chat.postMessage').length > before);
      if (i >= 20) {
        acks.push(acked);
        answers.push(performance.now() - t0);
      }
    }
  } finally {
    await bot.stop();
  }
  return { ack: timingOf(acks), answer: timingOf(answers) };
}

async function discordRoundTrips(runs: number): Promise<{ ack: Timing; answer: Timing }> {
  const fake = await FakeDiscord.start();
  const { server } = await startBot(fake, { LOG_LEVEL: 'silent' });
  const acks: number[] = [];
  const answers: number[] = [];
  try {
    for (let i = 0; i < runs + 20; i++) {
      // discord.js holds every REST call to 50 per second per client (interaction webhooks included), and
      // a /diagnose makes about four: paced at 10 a second, this measures latency, not that limiter.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const t0 = performance.now();
      const interaction = fake.slashDiagnose(fake.alice, fake.channelIds.general, { paste: PASTE });
      const calls = () => fake.interactionCalls(interaction);
      await until(() => calls().some((c) => c.path.endsWith('/callback')));
      const acked = performance.now() - t0;
      await until(() => calls().some((c) => c.method === 'PATCH' && c.path.endsWith('/@original')));
      if (i >= 20) {
        acks.push(acked);
        answers.push(performance.now() - t0);
      }
    }
  } finally {
    await server.stop();
    await fake.close();
  }
  return { ack: timingOf(acks), answer: timingOf(answers) };
}

async function main(): Promise<void> {
  await renderers();
  console.log(
    `\n== a paste from the platform to the answer (${Buffer.byteLength(PASTE)} bytes, one at a time)`,
  );
  for (let i = 0; i < 500; i++) await diagnoser.diagnose(PASTE);
  const engineAlone: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await prepareMessage(diagnoser, { text: PASTE, at: Date.now() });
    engineAlone.push(performance.now() - t0);
  }
  const prepare = timingOf(engineAlone);
  const slack = await slackRoundTrips(300);
  const discord = await discordRoundTrips(150);
  console.log(
    table([
      ['path', 'ack p50', 'ack p99', 'answer p50', 'answer p99', 'answer vs prepare alone'],
      [
        'prepare alone (diagnosis + redaction; baseline)',
        '',
        '',
        fmtMs(prepare.p50Ms),
        fmtMs(prepare.p99Ms),
        '1.00×',
      ],
      [
        'Slack app_mention → chat.postMessage',
        fmtMs(slack.ack.p50Ms),
        fmtMs(slack.ack.p99Ms),
        fmtMs(slack.answer.p50Ms),
        fmtMs(slack.answer.p99Ms),
        ratio(slack.answer, prepare),
      ],
      [
        'Discord /diagnose → @original filled (10/s)',
        fmtMs(discord.ack.p50Ms),
        fmtMs(discord.ack.p99Ms),
        fmtMs(discord.answer.p50Ms),
        fmtMs(discord.answer.p99Ms),
        ratio(discord.answer, prepare),
      ],
    ]),
  );
}

await main();
