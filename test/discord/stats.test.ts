/**
 * `/diagnose-stats` end to end against the fake Discord: registered with the other commands; an admin named
 * in AUTHDOCTOR_ADMINS gets the counts of a paste diagnosed a moment before, ephemerally; anyone else is
 * refused, ephemerally, with nothing else said.
 */
import { describe, expect, it } from 'vitest';
import { commandDefinitions, STATS_COMMAND } from '../../adapters/discord/commands.js';
import { PASTES } from '../support/conversation.js';
import { discordBoot, postMention } from '../support/discord-bot.js';
import { type FakeDiscord, type FakeUser, type RecordedCall, waitFor } from '../support/fake-discord.js';

const boot = discordBoot();
const EPHEMERAL = 64;

/**
 * The fake knows how to send `/diagnose`; `/diagnose-stats` is the same interaction under another name and
 * without options, so the name is swapped on its way out.
 */
function slashStats(fake: FakeDiscord, user: FakeUser, channelId: string) {
  const dispatch = fake.dispatch;
  fake.dispatch = (t, d) => {
    const payload = d as { data: Record<string, unknown> };
    dispatch.call(fake, t, { ...payload, data: { ...payload.data, name: STATS_COMMAND } });
  };
  try {
    return fake.slashDiagnose(user, channelId);
  } finally {
    fake.dispatch = dispatch;
  }
}

const callback = (fake: FakeDiscord, interaction: { token: string }) =>
  fake.interactionCalls(interaction).find((c) => c.path.endsWith('/callback'));
const contentOf = (call: RecordedCall | undefined) =>
  String((call?.body as { content?: unknown; data?: { content?: unknown } })?.content ?? '');

describe('/diagnose-stats', () => {
  it('is registered beside /diagnose, visible to everyone (the config decides who gets an answer)', () => {
    const stats = commandDefinitions().find((c) => c.name === STATS_COMMAND);
    expect(stats).toBeDefined();
    expect(stats).not.toHaveProperty('default_member_permissions', '0');
    expect(commandDefinitions().map((c) => c.name)).toEqual([
      'diagnose',
      'Diagnose with authdoctor',
      'diagnose-stats',
    ]);
  });

  it('an admin sees the counts, ephemerally, after a paste was diagnosed', async () => {
    const { fake, server } = await boot({ env: (f) => ({ AUTHDOCTOR_ADMINS: f.support.id }) });
    postMention(fake, PASTES.missingHeader);
    await waitFor(async () => {
      const { diagnoses } = await server.runtime.analytics.summary({ days: 7, now: Date.now() });
      return diagnoses === 1;
    }, 'the paste diagnosed');
    const interaction = slashStats(fake, fake.support, fake.channelIds.general);
    const edit = await waitFor(
      () =>
        fake.interactionCalls(interaction).find((c) => c.method === 'PATCH' && c.path.endsWith('/@original')),
      'the stats',
    );
    const first = callback(fake, interaction);
    expect(first?.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    const text = contentOf(edit);
    expect(text.startsWith('```\n')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(2000);
    const line = (label: string) => text.split('\n').find((l) => l.startsWith(label));
    expect(line('Conversations started')).toMatch(/\s1\s+1$/);
    expect(line('Pastes diagnosed')).toMatch(/\s1\s+1$/);
    expect(line('  missing_credentials')).toMatch(/\s1\s+1$/);
    expect(text).not.toContain(fake.alice.id);
  });

  it('anyone else is refused, ephemerally, and nothing else happens', async () => {
    const { fake } = await boot({ env: (f) => ({ AUTHDOCTOR_ADMINS: f.support.id }) });
    const before = fake.calls.length;
    const interaction = slashStats(fake, fake.bob, fake.channelIds.general);
    const answer = await waitFor(() => callback(fake, interaction), 'the refusal');
    expect(answer.body).toMatchObject({
      type: 4,
      data: { content: 'Only the admins named in AUTHDOCTOR_ADMINS can see stats.', flags: EPHEMERAL },
    });
    // Give the bot the chance to do anything more, then check it did not.
    const probe = slashStats(fake, fake.bob, fake.channelIds.general);
    await waitFor(() => callback(fake, probe), 'the second refusal');
    expect(fake.calls.slice(before).filter((c) => !c.path.endsWith('/callback'))).toEqual([]);
  });
});
