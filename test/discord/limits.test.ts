/**
 * End to end: what the bot sends stays within Discord's limits even for a long diagnosis, and a REST 429 is
 * waited out and retried by discord.js, ending in one reply.
 */
import { expect, it } from 'vitest';
import { PASTES } from '../support/conversation.js';
import { discordBoot, postMention } from '../support/discord-bot.js';
import { discordPayloadProblems, discordText } from '../support/discord-payloads.js';
import { type FakeDiscord, type RecordedCall, waitFor } from '../support/fake-discord.js';

const boot = discordBoot();

/** A 401 for a search with hundreds of query parameters and a long error body: a long diagnosis. */
function longPaste(): string {
  const query = Array.from({ length: 300 }, (_, i) => `filter${i}=value${i}`).join('&');
  const body = JSON.stringify({
    message: 'Requires authentication',
    errors: Array.from({ length: 200 }, (_, i) => ({ field: `f${i}`, code: `missing_field_${i}` })),
  });
  return [
    `curl -i "https://api.github.com/search/issues?${query}"`,
    'HTTP/2 401',
    'content-type: application/json',
    '',
    body,
  ].join('\n');
}

/** Calls that carry a message (posts, follow-ups, edits), as opposed to acknowledgements and threads. */
const messageCalls = (fake: FakeDiscord) =>
  fake.calls.filter(
    (c) =>
      (c.method === 'POST' && /^\/channels\/\d+\/messages$/.test(c.path)) ||
      (c.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(c.path)) ||
      (c.method === 'PATCH' && /\/messages\/[^/]+$/.test(c.path)) ||
      (c.path.endsWith('/callback') && (c.body?.type === 4 || c.body?.type === 7)),
  );

it('a long diagnosis: every payload is within limits; the whole text goes along as a file', async () => {
  const { fake } = await boot();
  const paste = longPaste();
  expect(paste.length).toBeGreaterThan(10_000);
  const file = fake.serveFile('search-401.txt', paste);
  const interaction = fake.slashDiagnose(fake.alice, fake.channelIds.general, {
    file: { filename: 'search-401.txt', ...file },
  });
  const edit = await waitFor(
    () => fake.interactionCalls(interaction).find((c) => c.method === 'PATCH' && c.status === 200),
    'the diagnosis',
  );
  const original = fake.original(interaction);
  await waitFor(() => fake.callsTo('POST', /\/threads$/)[0], 'the thread');
  // And the walk's first step, for good measure.
  const walk = original.components[0].components.find((b: { custom_id: string }) =>
    b.custom_id.startsWith('ad1|walk|'),
  );
  fake.clickButton(fake.alice, original, walk.custom_id);
  await waitFor(() => fake.postsIn(original.id)[0], 'the first step');

  expect(edit.files.length).toBeGreaterThan(0);
  expect(edit.files[0]!.text).toContain('No credential was sent');
  const sent = messageCalls(fake);
  expect(sent.length).toBeGreaterThanOrEqual(2);
  for (const call of sent)
    expect({ path: call.path, problems: discordPayloadProblems(call.body) }).toEqual({
      path: call.path,
      problems: [],
    });
  expect(discordText(edit.body)).toContain('No credential was sent');
});

it('a REST 429 on the reply is waited out and retried: one reply, sent once', async () => {
  const { fake, logs } = await boot();
  const posted = postMention(fake, PASTES.missingHeader);
  fake.rateLimitNext('POST', new RegExp(`^/channels/${posted.id}/messages$`), 0.2);
  const reply = await waitFor(() => fake.postsIn(posted.id)[0], 'the reply');
  const attempts: RecordedCall[] = fake.callsTo('POST', new RegExp(`^/channels/${posted.id}/messages$`));
  expect(attempts.map((c) => c.status)).toEqual([429, 200]);
  expect(attempts[1]!.raw).toBe(attempts[0]!.raw);
  expect(discordText(reply.body)).toContain('No credential was sent');
  expect(logs.some((l) => l.includes('"level":"error"'))).toBe(false);

  // Nothing else arrives later: the engine delivered once, discord.js retried once.
  const probe = postMention(fake, PASTES.missingHeader, { author: fake.bob });
  await waitFor(() => fake.postsIn(probe.id)[0], 'a later reply');
  expect(fake.postsIn(posted.id)).toHaveLength(1);
});

it('a REST 429 on an interaction edit is retried too', async () => {
  const { fake } = await boot();
  fake.rateLimitNext('PATCH', /\/messages\/@original$/, 0.1);
  const interaction = fake.slashDiagnose(fake.alice, fake.channelIds.general, {
    paste: PASTES.missingHeader,
  });
  await waitFor(
    () => fake.interactionCalls(interaction).find((c) => c.method === 'PATCH' && c.status === 200),
    'the diagnosis',
  );
  const edits = fake.interactionCalls(interaction).filter((c) => c.method === 'PATCH');
  expect(edits.map((c) => c.status)).toEqual([429, 200]);
  expect(fake.interactionCalls(interaction).filter((c) => c.path.endsWith('/callback'))).toHaveLength(1);
});
