/**
 * The boot and teardown every Slack end-to-end test file shares (a fresh fake Slack and the real Bolt app
 * per boot, stopped after each test), and the small readers of what the bot sent. Kept apart from
 * fake-slack.ts, which the bench imports outside vitest.
 */
import type { KnownBlock } from '@slack/types';
import { afterEach } from 'vitest';
import type { SlackMessage } from '../../adapters/slack/render.js';
import { BOT_USER, nextTs, type SlackBot, type SlackCall, startSlackBot } from './fake-slack.js';
import { slackText } from './slack-blocks.js';

/** Who writes and where, in the Slack tests that do not say otherwise. */
export const USER = 'U0USER0001';
export const CHANNEL = 'C0CHAN0001';

export type SlackBootOptions = NonNullable<Parameters<typeof startSlackBot>[0]>;

/**
 * Registers the teardown (after each test unless `teardown` says otherwise, e.g. `afterAll` for one bot per
 * file) and returns the boot function: `startSlackBot` with its env, socket mode, adapter options and
 * `before` hook. Everything booted is stopped.
 */
export function slackBoot(
  teardown: (stop: () => Promise<void>) => void = afterEach,
): (options?: SlackBootOptions) => Promise<SlackBot> {
  const running: SlackBot[] = [];
  teardown(async () => {
    for (const bot of running.splice(0).reverse()) await bot.stop();
  });
  return async (options = {}) => {
    const bot = await startSlackBot(options);
    running.push(bot);
    return bot;
  };
}

/** Every chat.postMessage the bot made, answered or not. */
export const posts = (bot: SlackBot) => bot.fake.of('chat.postMessage');

/** The message a call sent, as the renderer's type (blocks absent: none). */
export const messageOf = (call: SlackCall): SlackMessage => ({
  text: String(call.args.text),
  blocks: (call.args.blocks ?? []) as KnownBlock[],
});

/** What a user reads in the message a call sent. */
export const textOf = (call: SlackCall) => slackText(messageOf(call));

/** An app_mention of the bot before `text`, by USER in CHANNEL with a fresh ts unless `extra` says else. */
export const appMention = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'app_mention',
  user: USER,
  channel: CHANNEL,
  ts: nextTs(),
  text: `<@${BOT_USER}> ${text}`,
  ...extra,
});
