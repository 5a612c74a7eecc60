/**
 * Escalation routing on Slack end to end (the real Bolt app against the fake Web API): a claimed
 * escalation carries a Release button only its claimer may use; releasing redraws the post open to claims
 * again and tells the user; an escalation nobody claims is raised again in its thread, broadcast.
 */
import { describe, expect, it } from 'vitest';
import { PASTES } from '../support/conversation.js';
import {
  buttonsOf,
  clickOn,
  type SlackBot,
  type SlackCall,
  sendEvent,
  sendInteraction,
  waitFor,
} from '../support/fake-slack.js';
import { slackMessageProblems } from '../support/slack-blocks.js';
import { appMention, messageOf, posts, slackBoot, textOf } from '../support/slack-bot.js';

const USER = { id: 'U0USER0001', name: 'dana' };
const AGENT = { id: 'U0AGENT001', name: 'sam' };
const OTHER = { id: 'U0AGENT002', name: 'kim' };
const SUPPORT = 'C0SUPPORT1';

const start = slackBoot();

const buttonId = (call: SlackCall, label: string) => {
  const found = buttonsOf(call).find((b) => b.text === label);
  if (!found) throw new Error(`no "${label}" button on ${String(call.args.text)}`);
  return found.action_id;
};
const labels = (call: SlackCall) => buttonsOf(call).map((b) => b.text);

/** A diagnosed thread whose user asked for a human: the escalation post and the thread. */
async function escalated(b: SlackBot): Promise<{ escalation: SlackCall; thread: string }> {
  const event = appMention(PASTES.missingHeader, { user: USER.id });
  await sendEvent(b.base, event);
  const reply = await waitFor(() => posts(b).find((p) => p.args.thread_ts === event.ts), 'the diagnosis');
  await sendInteraction(b.base, clickOn(reply, buttonId(reply, 'Talk to a human'), USER));
  const escalation = await waitFor(
    () => posts(b).find((p) => p.args.channel === SUPPORT && p.args.thread_ts === undefined),
    'the escalation',
  );
  return { escalation, thread: event.ts };
}

const toldInThread = (b: SlackBot, thread: string, text: string) =>
  waitFor(() => posts(b).find((p) => p.args.thread_ts === thread && textOf(p).includes(text)), text);

describe('Slack escalation release and reminders', () => {
  it('a claim shows a Release button; only the claimer may release; releasing reopens the post and tells the user', async () => {
    const b = await start({ env: { SLACK_ESCALATION_CHANNEL: SUPPORT, AUTHDOCTOR_RENOTIFY_MINUTES: '0' } });
    const { escalation, thread } = await escalated(b);

    await sendInteraction(b.base, clickOn(escalation, buttonId(escalation, 'Claim'), AGENT));
    const claimed = await waitFor(() => b.fake.of('chat.update')[0], 'the claimed post');
    expect(claimed.args).toMatchObject({ channel: SUPPORT, ts: escalation.response?.ts });
    expect(textOf(claimed)).toContain(`Claimed by @${AGENT.id}`);
    expect(labels(claimed)).toContain('Release');
    expect(labels(claimed)).not.toContain('Claim');
    expect(slackMessageProblems(messageOf(claimed))).toEqual([]);
    await toldInThread(b, thread, 'sam from the support team has taken this over');

    // Someone else's click on Release is refused, privately, and changes nothing.
    const release = buttonId(claimed, 'Release');
    await sendInteraction(b.base, clickOn(claimed, release, OTHER));
    const refused = await waitFor(
      () => b.fake.of('chat.postEphemeral').find((p) => p.args.user === OTHER.id),
      'the refusal',
    );
    expect(String(refused.args.text)).toContain(`Only <@${AGENT.id}>`);
    expect(b.fake.of('chat.update')).toHaveLength(1);

    // The claimer releases: the post is open again, the user's thread is told.
    await sendInteraction(b.base, clickOn(claimed, release, AGENT));
    const reopened = await waitFor(() => b.fake.of('chat.update')[1], 'the released post');
    expect(reopened.args).toMatchObject({ channel: SUPPORT, ts: escalation.response?.ts });
    expect(labels(reopened)).toContain('Claim');
    expect(labels(reopened)).not.toContain('Release');
    expect(textOf(reopened)).not.toContain('Claimed by');
    expect(slackMessageProblems(messageOf(reopened))).toEqual([]);
    const told = await toldInThread(b, thread, 'handed this back');
    expect(textOf(told)).toContain(
      'sam from the support team handed this back; someone else will pick it up',
    );

    // Open to claims again, by anyone.
    await sendInteraction(b.base, clickOn(reopened, buttonId(reopened, 'Claim'), OTHER));
    const again = await waitFor(() => b.fake.of('chat.update')[2], 'the second claim');
    expect(textOf(again)).toContain(`Claimed by @${OTHER.id}`);
    await toldInThread(b, thread, 'kim from the support team has taken this over');
  });

  it('an escalation nobody claims is raised again in its thread, broadcast; a Claim there claims the post', async () => {
    const b = await start({
      env: { SLACK_ESCALATION_CHANNEL: SUPPORT },
      settings: { renotifyMs: 150 },
    });
    const { escalation, thread } = await escalated(b);
    const reminder = await waitFor(
      () => posts(b).find((p) => p.args.channel === SUPPORT && p.args.thread_ts === escalation.response?.ts),
      'the reminder',
    );
    // The Web API client sends form fields: the flag arrives as text.
    expect(String(reminder.args.reply_broadcast)).toBe('true');
    expect(textOf(reminder)).toMatch(/Escalation esc-[\w-]+ is still unclaimed after/);
    expect(textOf(reminder)).toContain('(reminder 1)');
    expect(labels(reminder)).toEqual(['Claim']);
    expect(slackMessageProblems(messageOf(reminder))).toEqual([]);

    await sendInteraction(b.base, clickOn(reminder, buttonId(reminder, 'Claim'), AGENT));
    await toldInThread(b, thread, 'sam from the support team has taken this over');
    const updates = await waitFor(
      () => b.fake.of('chat.update').length >= 2 && b.fake.of('chat.update'),
      'both redraws',
    );
    const post = updates.find((u) => u.args.ts === escalation.response?.ts);
    const note = updates.find((u) => u.args.ts === reminder.response?.ts);
    expect(post && textOf(post)).toContain(`Claimed by @${AGENT.id}`);
    expect(post && labels(post)).toContain('Release');
    expect(note && labels(note)).toEqual([]);
  });
});
