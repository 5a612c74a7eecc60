/**
 * Slack and Discord in one process around one engine (`startServer` with both configured, as `npm start`
 * runs it): each platform's replies go back to it, and a Slack user's escalation can be claimed by the
 * support team on Discord, which tells the user in their Slack thread.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Server, startServer } from '../adapters/serve.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { githubToken, PASTES } from './support/conversation.js';
import { customIds, discordText } from './support/discord-payloads.js';
import { FakeDiscord } from './support/fake-discord.js';
import {
  BOT_TOKEN,
  BOT_USER,
  FakeSlack,
  freePort,
  nextTs,
  SIGNING_SECRET,
  sendEvent,
} from './support/fake-slack.js';
import { slackText } from './support/slack-blocks.js';
import { waitFor } from './support/wait.js';

let server: Server | undefined;
let slack: FakeSlack | undefined;
let discord: FakeDiscord | undefined;

afterEach(async () => {
  await server?.stop();
  await slack?.close();
  await discord?.close();
  server = slack = discord = undefined;
});

describe('Slack and Discord together', () => {
  it('routes replies by platform, and a Slack escalation is claimed from the Discord support channel', async () => {
    slack = await FakeSlack.start();
    slack.botAuth = `Bearer ${BOT_TOKEN}`;
    discord = await FakeDiscord.start();
    const port = await freePort();
    const logs: string[] = [];
    server = await startServer(
      loadConfig({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        DISCORD_TOKEN: 'fake-bot-token.discord',
        DISCORD_APPLICATION_ID: discord.applicationId,
        DISCORD_API_URL: discord.apiUrl,
        DISCORD_ESCALATION_CHANNEL: discord.channelIds.escalations,
        AUTHDOCTOR_PASTE_WINDOW_MS: '0',
      }),
      {
        log: createLogger('info', (line) => logs.push(line)),
        slack: { retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 50 } },
        discord: { rest: { timeout: 5_000, retries: 1, offset: 0 } },
      },
    );
    const base = `http://127.0.0.1:${port}`;
    const token = githubToken();
    const channel = 'C0CHAN0001';
    const thread = nextTs();
    const said = (text: string, ts = nextTs()) =>
      sendEvent(base, {
        type: 'app_mention',
        user: 'U0USER0001',
        channel,
        ts,
        thread_ts: thread,
        text: `<@${BOT_USER}> ${text}`,
      });
    const inThread = () =>
      slack!
        .of('chat.postMessage')
        .filter((c) => c.args.thread_ts === thread)
        .map((c) => slackText({ text: String(c.args.text), blocks: (c.args.blocks ?? []) as never }));

    await said(PASTES.githubRejected(token), thread);
    await waitFor(() => inThread().length >= 1, 'the diagnosis on Slack');
    // A Discord user at the same time gets their answer on Discord, not on Slack.
    const asked = discord.slashDiagnose(discord.alice, discord.channelIds.general, {
      paste: PASTES.missingHeader,
    });
    await waitFor(
      () =>
        discord!.interactionCalls(asked).find((c) => c.method === 'PATCH' && c.path.endsWith('/@original')),
      'the diagnosis on Discord',
    );

    await said('human');
    const post = await waitFor(
      () => discord!.postsIn(discord!.channelIds.escalations)[0],
      'the escalation on Discord',
    );
    expect(discordText(post.body)).toMatch(/Slack/);
    const claim = customIds(post.body).find((id) => id.startsWith('ad1|claim|'));
    expect(claim).toBeDefined();

    discord.clickButton(discord.support, post.response, claim!);
    const told = await waitFor(
      () => inThread().find((text) => text.includes('from the support team has taken this over')),
      'the Slack user told',
    );
    expect(told).toContain('Sam Support');
    // Nothing of the paste's credential crossed to Discord, nor stayed in Slack's calls.
    expect(discord.allRaw()).not.toContain(token);
    expect(JSON.stringify(slack.calls)).not.toContain(token);
    expect(logs.join('\n')).not.toContain(token);
  }, 60_000);
});
