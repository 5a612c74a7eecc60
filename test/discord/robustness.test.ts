/**
 * End to end: the process survives what Discord (or a broken proxy) may throw at it: malformed gateway
 * events, REST errors in a listener, an interaction that expired, a thread it may not start.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PASTES } from '../support/conversation.js';
import { discordBoot, postMention } from '../support/discord-bot.js';
import { discordText } from '../support/discord-payloads.js';
import { snowflake, waitFor } from '../support/fake-discord.js';

// Registered first so that its teardown runs last (after hooks run in reverse): the listeners below are off
// by then, and anything thrown while the bot stops reaches vitest.
const boot = discordBoot();
const unhandled: unknown[] = [];
const record = (reason: unknown) => unhandled.push(reason);

beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', record);
  process.on('uncaughtException', record);
});

afterEach(() => {
  process.off('unhandledRejection', record);
  process.off('uncaughtException', record);
});

/** The log lines that hold `fragment`. */
const lines = (logs: string[], fragment: string) => logs.filter((l) => l.includes(fragment));

it('a malformed INTERACTION_CREATE is dropped with one log line; the next event is answered', async () => {
  const { fake, logs } = await boot();
  // No entitlements, no member.user, no authorizing_integration_owners: discord.js would throw building it.
  fake.dispatch('INTERACTION_CREATE', {
    id: snowflake(),
    application_id: fake.applicationId,
    type: 2,
    token: 'tok-malformed',
    channel: { id: fake.channelIds.general, type: 0 },
    channel_id: fake.channelIds.general,
    guild_id: fake.guildId,
    member: { roles: [] },
    data: { id: snowflake(), name: 'diagnose', type: 1 },
  });
  // A message without an author: discord.js builds it; the listener must not trip over it.
  fake.dispatch('MESSAGE_CREATE', {
    id: snowflake(),
    channel_id: fake.channelIds.general,
    guild_id: fake.guildId,
  });
  // Mentions that are not a list: discord.js's own handler throws on it.
  fake.dispatch('MESSAGE_CREATE', {
    id: snowflake(),
    channel_id: fake.channelIds.general,
    guild_id: fake.guildId,
    author: { id: fake.alice.id, username: 'alice' },
    content: 'x',
    mentions: 5,
    attachments: 'none',
  });

  const next = fake.slashDiagnose(fake.alice, fake.channelIds.general, { paste: PASTES.missingHeader });
  const edit = await waitFor(
    () => fake.interactionCalls(next).find((c) => c.method === 'PATCH'),
    'the next answer',
  );
  expect(discordText(edit.body)).toContain('No credential was sent');
  expect(lines(logs, 'malformed gateway event dropped')).toHaveLength(1);
  expect(lines(logs, 'a gateway event could not be handled')).toHaveLength(1);
  expect(lines(logs, 'Discord message failed')).toEqual([]);
  expect(fake.calls.some((c) => c.path.includes('tok-malformed'))).toBe(false);
  expect(unhandled).toEqual([]);
});

it('an interaction that expired before it was acknowledged (10062) is one log line, not a crash', async () => {
  const { fake, logs } = await boot();
  fake.failNext('POST', /\/callback$/, 404, { code: 10062, message: 'Unknown interaction' });
  const lost = fake.slashDiagnose(fake.alice, fake.channelIds.general, { paste: PASTES.missingHeader });
  const next = fake.slashDiagnose(fake.bob, fake.channelIds.general, { paste: PASTES.missingHeader });
  await waitFor(() => fake.interactionCalls(next).find((c) => c.method === 'PATCH'), 'the next answer');
  const failure = await waitFor(() => lines(logs, 'Discord interaction failed')[0], 'the log line');
  expect(JSON.parse(failure)).toMatchObject({ listener: 'interaction', code: 10062, status: 404 });
  // Acknowledged once (refused), never again.
  expect(fake.interactionCalls(lost).filter((c) => c.path.endsWith('/callback'))).toHaveLength(1);
  expect(unhandled).toEqual([]);
});

it('no permission to start a thread: the conversation continues in the channel, replying to the message', async () => {
  const { fake } = await boot();
  fake.failNext('POST', /\/threads$/, 403, { code: 50013, message: 'Missing Permissions' });
  const posted = postMention(fake, PASTES.missingHeader);
  const reply = await waitFor(() => fake.postsIn(fake.channelIds.general)[0], 'the reply in the channel');
  expect(reply.body.message_reference).toMatchObject({ message_id: posted.id });
  expect(discordText(reply.body)).toContain('No credential was sent');

  // Its buttons still reach the same conversation: the reply references the message it hangs on.
  const walk = reply.response.components[0].components.find((b: { custom_id: string }) =>
    b.custom_id.startsWith('ad1|walk|'),
  );
  fake.clickButton(fake.alice, reply.response, walk.custom_id);
  const step = await waitFor(() => fake.postsIn(fake.channelIds.general)[1], 'the first step');
  expect(discordText(step.body)).toMatch(/Step 1 of \d+/);
  expect(unhandled).toEqual([]);
});

it('Discord refusing a reply for good (403) is logged and skipped, not retried forever', async () => {
  const { fake, logs } = await boot();
  const thread = fake.addThread(fake.channelIds.general, fake.bob);
  fake.failNext('POST', new RegExp(`^/channels/${thread.id}/messages$`), 403, {
    code: 50001,
    message: 'Missing Access',
  });
  fake.failNext('POST', new RegExp(`^/channels/${fake.channelIds.general}/messages$`), 403, {
    code: 50013,
    message: 'Missing Permissions',
  });
  postMention(fake, PASTES.missingHeader, { channel: thread.id });
  const skipped = await waitFor(() => lines(logs, 'Discord refused a reply; skipped')[0], 'the log line');
  expect(JSON.parse(skipped)).toMatchObject({ code: 50013, status: 403 });
  const probe = fake.slashDiagnose(fake.bob, fake.channelIds.general, { paste: PASTES.missingHeader });
  await waitFor(() => fake.interactionCalls(probe).find((c) => c.method === 'PATCH'), 'the next answer');
  expect(
    fake.callsTo('POST', new RegExp(`^/channels/(${thread.id}|${fake.channelIds.general})/messages$`)),
  ).toHaveLength(2);
  expect(unhandled).toEqual([]);
});
