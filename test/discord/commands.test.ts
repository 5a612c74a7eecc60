/**
 * End to end: the real discord.js client, started the way `npm start` starts it, against the fake Discord.
 * Slash command, modal, context-menu command and buttons.
 */
import { describe, expect, it } from 'vitest';
import { PASTE_INPUT, PASTE_MODAL } from '../../adapters/discord/commands.js';
import { PASTES } from '../support/conversation.js';
import { discordBoot } from '../support/discord-bot.js';
import { customIds, discordPayloadProblems, discordText } from '../support/discord-payloads.js';
import { type RecordedCall, waitFor } from '../support/fake-discord.js';

const boot = discordBoot();

const callbackType = (call: RecordedCall | undefined) => call?.body?.type as number | undefined;
const isCallback = (c: RecordedCall) => c.path.endsWith('/callback');

describe('/diagnose', () => {
  it('with text: defers first, then fills the reply with the diagnosis and starts a thread on it', async () => {
    const { fake } = await boot();
    const interaction = fake.slashDiagnose(fake.alice, fake.channelIds.general, {
      paste: PASTES.missingHeader,
    });

    const edit = await waitFor(
      () =>
        fake.interactionCalls(interaction).find((c) => c.method === 'PATCH' && c.path.endsWith('/@original')),
      'the diagnosis in @original',
    );
    const calls = fake.interactionCalls(interaction);
    expect(calls[0]!.method).toBe('POST');
    expect(callbackType(calls[0])).toBe(5); // deferred channel message, within the 3 s
    expect(calls.filter(isCallback)).toHaveLength(1);
    expect(calls.indexOf(edit)).toBeGreaterThan(0);
    expect(discordText(edit.body)).toContain('No credential was sent');
    expect(discordPayloadProblems(edit.body)).toEqual([]);
    expect(customIds(edit.body).some((id) => id.startsWith('ad1|walk|'))).toBe(true);

    // The conversation continues in a thread started on the reply message.
    const original = fake.original(interaction);
    const thread = await waitFor(
      () =>
        fake.callsTo(
          'POST',
          new RegExp(`^/channels/${fake.channelIds.general}/messages/${original.id}/threads$`),
        )[0],
      'a thread on the reply',
    );
    expect(thread.status).toBe(201);
  });

  it('with a file attachment: downloads it from the attachment URL and diagnoses its text', async () => {
    const { fake } = await boot();
    const file = fake.serveFile('trace.txt', PASTES.missingHeader);
    const interaction = fake.slashDiagnose(fake.alice, fake.channelIds.general, {
      file: { filename: 'trace.txt', ...file },
    });
    const edit = await waitFor(
      () => fake.interactionCalls(interaction).find((c) => c.method === 'PATCH'),
      'the diagnosis',
    );
    expect(callbackType(fake.interactionCalls(interaction)[0])).toBe(5);
    expect(discordText(edit.body)).toContain('No credential was sent');
  });

  it('with a binary attachment: says so in an ephemeral note instead of going quiet', async () => {
    const { fake } = await boot();
    const file = fake.serveFile(
      'screenshot.png',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
      'image/png',
    );
    const interaction = fake.slashDiagnose(fake.alice, fake.channelIds.general, {
      file: { filename: 'screenshot.png', ...file },
    });
    const note = await waitFor(
      () =>
        fake
          .interactionCalls(interaction)
          .find(
            (c) => c.method === 'POST' && !isCallback(c) && discordText(c.body).includes('screenshot.png'),
          ),
      'the note about the file',
    );
    expect(note.body.flags & 64).toBe(64);
    expect(discordText(note.body)).toContain('not a text file');
    // The deferred reply was filled first (a follow-up before it would have replaced it).
    const calls = fake.interactionCalls(interaction);
    expect(calls.findIndex((c) => c.method === 'PATCH')).toBeLessThan(calls.indexOf(note));
    expect(calls.filter(isCallback)).toHaveLength(1);
  });

  it('without options: opens the modal (paragraph, max 4000); the submission is diagnosed', async () => {
    const { fake } = await boot();
    const opened = fake.slashDiagnose(fake.alice, fake.channelIds.general);
    const modal = await waitFor(() => fake.interactionCalls(opened).find(isCallback), 'the modal');
    expect(callbackType(modal)).toBe(9);
    expect(modal.body.data.custom_id).toBe(PASTE_MODAL);
    const input = JSON.stringify(modal.body.data.components);
    expect(input).toContain(`"custom_id":"${PASTE_INPUT}"`);
    expect(input).toContain('"max_length":4000');
    expect(input).toContain('"style":2');
    expect(fake.interactionCalls(opened)).toHaveLength(1);

    const submitted = fake.submitModal(fake.alice, fake.channelIds.general, PASTE_MODAL, {
      [PASTE_INPUT]: PASTES.missingHeader,
    });
    const edit = await waitFor(
      () => fake.interactionCalls(submitted).find((c) => c.method === 'PATCH'),
      'the diagnosis of the submission',
    );
    expect(callbackType(fake.interactionCalls(submitted)[0])).toBe(5);
    expect(discordText(edit.body)).toContain('No credential was sent');
  });
});

describe('buttons', () => {
  it('"Walk me through it" is deferred as an update and the first step is posted in the thread', async () => {
    const { fake } = await boot();
    const interaction = fake.slashDiagnose(fake.alice, fake.channelIds.general, {
      paste: PASTES.missingHeader,
    });
    await waitFor(() => fake.callsTo('POST', /\/threads$/)[0], 'the thread');
    const original = fake.original(interaction);
    const walk = customIds(original).find((id) => id.startsWith('ad1|walk|'))!;

    const press = fake.clickButton(fake.alice, original, walk);
    const step = await waitFor(() => fake.postsIn(original.id)[0], 'the first step in the thread');
    expect(callbackType(fake.interactionCalls(press)[0])).toBe(6); // deferred update
    expect(fake.interactionCalls(press).filter(isCallback)).toHaveLength(1);
    expect(discordText(step.body)).toMatch(/Step 1 of \d+/);
    expect(discordPayloadProblems(step.body)).toEqual([]);

    // The next button, pressed in the thread, lands in the same conversation.
    const next = customIds(step.body).find(
      (id) => id.startsWith('ad1|still_401|') || id.startsWith('ad1|skip|'),
    )!;
    expect(next).toBeDefined();
    fake.clickButton(fake.alice, step.response, next);
    const second = await waitFor(() => fake.postsIn(original.id)[1], 'the second step');
    expect(discordText(second.body)).toMatch(/Step 2 of \d+/);
  });

  it('an undecodable button gets a polite ephemeral answer, nothing else', async () => {
    const { fake } = await boot();
    const interaction = fake.slashDiagnose(fake.alice, fake.channelIds.general, {
      paste: PASTES.missingHeader,
    });
    await waitFor(() => fake.callsTo('POST', /\/threads$/)[0], 'the thread');
    const before = fake.calls.length;
    const press = fake.clickButton(fake.alice, fake.original(interaction), 'v0|something-old');
    const answer = await waitFor(() => fake.interactionCalls(press).find(isCallback), 'the answer');
    expect(callbackType(answer)).toBe(4);
    expect(answer.body.data.flags & 64).toBe(64);
    expect(discordText(answer.body)).toContain('no longer works');
    // Give the bot a chance to do something wrong, then check it did nothing more.
    const probe = fake.slashDiagnose(fake.bob, fake.channelIds.general, { paste: PASTES.missingHeader });
    await waitFor(() => fake.interactionCalls(probe).find((c) => c.method === 'PATCH'), 'a later reply');
    expect(fake.calls.slice(before).filter((c) => c.path.includes(press.token))).toHaveLength(1);
  });
});

describe('the message context-menu command', () => {
  it("diagnoses someone else's message; the clicker owns the conversation", async () => {
    const { fake } = await boot();
    const posted = fake.postMessage({
      channel: fake.channelIds.general,
      author: fake.bob,
      content: PASTES.missingHeader,
    });
    const interaction = fake.contextMenu(fake.alice, posted);
    const edit = await waitFor(
      () => fake.interactionCalls(interaction).find((c) => c.method === 'PATCH'),
      'the diagnosis',
    );
    expect(callbackType(fake.interactionCalls(interaction)[0])).toBe(5);
    expect(discordText(edit.body)).toContain('No credential was sent');
    // The bot did not answer Bob's message by itself (no content intent, no mention).
    expect(fake.postsIn(fake.channelIds.general)).toHaveLength(0);

    // Alice's buttons work on it: the conversation is hers.
    const original = fake.original(interaction);
    await waitFor(() => fake.callsTo('POST', /\/threads$/)[0], 'the thread');
    fake.clickButton(fake.alice, original, customIds(original).find((id) => id.startsWith('ad1|walk|'))!);
    const step = await waitFor(() => fake.postsIn(original.id)[0], 'the first step');
    expect(discordText(step.body)).toMatch(/Step 1 of \d+/);
  });
});
