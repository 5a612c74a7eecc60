/**
 * End to end: a paste that holds a credential. The warning is private (ephemeral where there is an
 * interaction, a DM where there is none), the public diagnosis shows only fingerprints, the raw token never
 * reaches Discord or a log line, and where the bot has Manage Messages it offers to delete the message.
 */
import { describe, expect, it } from 'vitest';
import { githubToken, PASTES } from '../support/conversation.js';
import { discordBoot, postMention } from '../support/discord-bot.js';
import { customIds, discordPayloadProblems, discordText } from '../support/discord-payloads.js';
import { type FakeDiscord, type FakeUser, type RecordedCall, waitFor } from '../support/fake-discord.js';

const boot = discordBoot();

/** `author` posts a leaky paste in #general and Alice runs the message command on it. */
function leakAskedAbout(fake: FakeDiscord, author: FakeUser) {
  const token = githubToken();
  const posted = fake.postMessage({
    channel: fake.channelIds.general,
    author,
    content: PASTES.githubRejected(token),
  });
  return { token, posted, interaction: fake.contextMenu(fake.alice, posted) };
}

const ephemeral = (c: RecordedCall) => ((c.body?.flags ?? c.body?.data?.flags ?? 0) & 64) === 64;

function expectNoLeak(fake: FakeDiscord, logs: string[], token: string) {
  // The fingerprint's last four characters did go out: these are the bodies the replies were in.
  expect(fake.allRaw()).toContain(token.slice(-4));
  expect(fake.allRaw()).not.toContain(token);
  // Nor any recognisable part of it beyond the fingerprint's last four.
  expect(fake.allRaw()).not.toContain(token.slice(4, 20));
  expect(logs.join('\n')).not.toContain(token.slice(4, 20));
}

describe('a paste with a credential', () => {
  it('context menu on a channel message: ephemeral warning after a redacted public diagnosis', async () => {
    const { fake, logs } = await boot();
    const { token, interaction } = leakAskedAbout(fake, fake.alice);

    const warning = await waitFor(
      () =>
        fake.interactionCalls(interaction).find((c) => c.method === 'POST' && !c.path.endsWith('/callback')),
      'the warning',
    );
    const calls = fake.interactionCalls(interaction);
    expect(calls[0]!.body.type).toBe(5);
    const diagnosis = calls.find((c) => c.method === 'PATCH')!;
    // The public reply came first (a follow-up before it would have replaced the deferred reply).
    expect(calls.indexOf(diagnosis)).toBeLessThan(calls.indexOf(warning));
    expect(ephemeral(diagnosis)).toBe(false);
    expect(ephemeral(warning)).toBe(true);
    expect(discordText(warning.body)).toContain('You posted a credential');
    expect(discordText(warning.body)).toContain(`…${token.slice(-4)}`);
    expect(discordText(diagnosis.body)).toContain(`…${token.slice(-4)}`);
    for (const c of [diagnosis, warning]) expect(discordPayloadProblems(c.body)).toEqual([]);
    // Without Manage Messages, no delete offer.
    expect(customIds(warning.body).some((id) => id.startsWith('ad1-del|'))).toBe(false);
    await waitFor(() => fake.callsTo('POST', /\/threads$/)[0], 'the thread');
    expectNoLeak(fake, logs, token);
  });

  it('a mention: the public reply in the thread is redacted; the warning goes by DM', async () => {
    const { fake, logs } = await boot();
    const token = githubToken();
    const posted = postMention(fake, PASTES.githubRejected(token));
    const dm = fake.dmChannel(fake.alice);
    const warning = await waitFor(() => fake.postsIn(dm)[0], 'the warning by DM');
    expect(discordText(warning.body)).toContain('You posted a credential');
    const reply = await waitFor(() => fake.postsIn(posted.id)[0], 'the diagnosis in the thread');
    expect(discordText(reply.body)).toContain(`…${token.slice(-4)}`);
    expectNoLeak(fake, logs, token);
  });

  it("a colleague's message: the warning goes to its author, offering to delete it (author or asker only)", async () => {
    const { fake, logs } = await boot({ fake: { manageMessages: true } });
    const { token, posted, interaction } = leakAskedAbout(fake, fake.bob);
    // Bob leaked it, so Bob is told (by DM: Alice's interaction is not his); Alice gets the diagnosis.
    const warning = await waitFor(
      () => fake.postsIn(fake.dmChannel(fake.bob))[0],
      'the warning to the author',
    );
    expect(discordText(warning.body)).toContain('You posted a credential');
    await waitFor(
      () => fake.interactionCalls(interaction).find((c) => c.method === 'PATCH'),
      'the diagnosis for the asker',
    );
    expect(fake.interactionCalls(interaction).some(ephemeral)).toBe(false);
    const offer = customIds(warning.body).find((id) => id.startsWith('ad1-del|'))!;
    expect(offer).toBe(`ad1-del|${fake.channelIds.general}|${posted.id}|${fake.alice.id}`);
    expect(offer.length).toBeLessThanOrEqual(100);
    const warningMessage = warning.response;

    // Someone else: refused, nothing deleted.
    const stranger = fake.clickButton(fake.support, warningMessage, offer);
    const refused = await waitFor(
      () => fake.interactionCalls(stranger).find((c) => c.method === 'PATCH'),
      'the refusal',
    );
    expect(discordText(refused.body)).toContain('Only the person who posted');
    expect(fake.callsTo('DELETE', /^\/channels\//)).toHaveLength(0);

    // The author may: the message goes.
    const author = fake.clickButton(fake.bob, warningMessage, offer);
    const done = await waitFor(
      () => fake.interactionCalls(author).find((c) => c.method === 'PATCH'),
      'the deletion',
    );
    expect(fake.interactionCalls(author)[0]!.body).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(
      fake.callsTo('DELETE', new RegExp(`^/channels/${fake.channelIds.general}/messages/${posted.id}$`)),
    ).toHaveLength(1);
    expect(discordText(done.body)).toContain('Deleted');
    expect(fake.message(posted.id)).toBeUndefined();
    expectNoLeak(fake, logs, token);
  });
});
