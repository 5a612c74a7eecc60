/**
 * Interactivity end to end (HTTP mode, signed form posts): buttons, /authdoctor with and without text,
 * the paste modal, the message shortcut, escalation and Claim.
 */
import { describe, expect, it } from 'vitest';
import { githubToken, PASTES } from '../support/conversation.js';
import {
  buttonsOf,
  clickOn,
  nextTs,
  type SlackBot,
  type SlackCall,
  sendCommand,
  sendEvent,
  sendInteraction,
  waitFor,
} from '../support/fake-slack.js';
import { slackMessageProblems } from '../support/slack-blocks.js';
import { appMention, CHANNEL, messageOf, posts, slackBoot, textOf } from '../support/slack-bot.js';

const USER = { id: 'U0USER0001', name: 'dana' };
const AGENT = { id: 'U0AGENT001', name: 'sam' };
const SUPPORT = 'C0SUPPORT1';

const start = slackBoot();

const buttonId = (call: SlackCall, label: string) => {
  const found = buttonsOf(call).find((b) => b.text === label);
  if (!found) throw new Error(`no "${label}" button in ${JSON.stringify(buttonsOf(call))}`);
  return found.action_id;
};

/** A mention answered with the diagnosis; resolves to that reply. */
async function diagnosed(b: SlackBot): Promise<{ reply: SlackCall; thread: string }> {
  const event = appMention(PASTES.missingHeader, { user: USER.id });
  await sendEvent(b.base, event);
  const reply = await waitFor(() => posts(b).find((p) => p.args.thread_ts === event.ts), 'the diagnosis');
  return { reply, thread: event.ts };
}

/** AGENT runs the message shortcut on a message U0AUTHOR01 posted in CHANNEL; `pasted` is that message. */
async function shortcut(b: SlackBot, trigger: string, text: string) {
  const pasted = nextTs();
  const response = await sendInteraction(b.base, {
    type: 'message_action',
    callback_id: 'diagnose_message',
    trigger_id: trigger,
    message_ts: pasted,
    channel: { id: CHANNEL, name: 'api-help' },
    user: { id: AGENT.id, username: AGENT.name, name: AGENT.name },
    message: { type: 'message', user: 'U0AUTHOR01', ts: pasted, text },
    response_url: b.fake.responseUrl(),
  });
  return { response, pasted };
}

describe('Slack interactivity (HTTP mode)', () => {
  it('a button click goes to the next step, in the same thread', async () => {
    const b = await start();
    const { reply, thread } = await diagnosed(b);
    const response = await sendInteraction(
      b.base,
      clickOn(reply, buttonId(reply, 'Walk me through it'), USER),
    );
    expect(response.status).toBe(200);
    const step = await waitFor(() => posts(b)[1], 'the first step');
    expect(step.args).toMatchObject({ channel: CHANNEL, thread_ts: thread });
    expect(textOf(step)).toMatch(/Step 1 of \d+/);
    expect(slackMessageProblems(messageOf(step))).toEqual([]);
  });

  it('a stale button is answered politely, and one that does not decode gets a private note', async () => {
    const b = await start();
    const { reply } = await diagnosed(b);
    await sendInteraction(b.base, clickOn(reply, buttonId(reply, 'Walk me through it'), USER));
    await waitFor(() => posts(b)[1], 'the first step');
    // "Fixed it" on the diagnosis, after the walk has moved on: an earlier turn.
    await sendInteraction(b.base, clickOn(reply, buttonId(reply, 'Fixed it'), USER));
    const stale = await waitFor(() => posts(b)[2], 'the answer to the stale click');
    expect(textOf(stale)).toContain('That button is from an earlier step');

    const forged = clickOn(reply, 'ad1|walk', USER);
    (forged.actions as { action_id: string; value?: string }[])[0] = {
      ...(forged.actions as { action_id: string }[])[0]!,
      action_id: 'something-else',
      value: 'not ours',
    };
    expect((await sendInteraction(b.base, forged)).status).toBe(200);
    const note = await waitFor(() => b.fake.of('chat.postEphemeral')[0], 'the private note');
    expect(note.args.user).toBe(USER.id);
    expect(String(note.args.text)).toContain('another version of authdoctor');
  });

  it('/authdoctor with text: a short public parent message, the diagnosis in its thread, the paste never posted', async () => {
    const b = await start();
    const response = await sendCommand(b.base, {
      user_id: USER.id,
      user_name: USER.name,
      channel_id: CHANNEL,
      channel_name: 'api-help',
      text: PASTES.missingHeader,
      trigger_id: 'trigger-cmd-1',
      response_url: b.fake.responseUrl(),
    });
    expect(response.status).toBe(200);
    const diagnosis = await waitFor(() => posts(b)[1], 'the diagnosis');
    const parent = posts(b)[0]!;
    expect(parent.args.channel).toBe(CHANNEL);
    expect(parent.args.thread_ts).toBeUndefined();
    expect(String(parent.args.text)).toContain(`<@${USER.id}>`);
    expect(diagnosis.args).toMatchObject({ channel: CHANNEL, thread_ts: parent.response?.ts });
    expect(textOf(diagnosis)).toContain('No credential was sent');
    expect(b.fake.everything()).not.toContain('Requires authentication","documentation_url');
  });

  it('/authdoctor without text opens the paste modal, and its submission is diagnosed', async () => {
    const b = await start();
    await sendCommand(b.base, {
      user_id: USER.id,
      channel_id: CHANNEL,
      text: '',
      trigger_id: 'trigger-cmd-2',
      response_url: b.fake.responseUrl(),
    });
    const opened = await waitFor(() => b.fake.of('views.open')[0], 'the modal');
    expect(opened.args.trigger_id).toBe('trigger-cmd-2');
    const view = opened.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: Record<string, unknown>[];
    };
    const input = view.blocks[0] as {
      block_id: string;
      element: { type: string; action_id: string; multiline: boolean };
    };
    expect(input.element).toMatchObject({ type: 'plain_text_input', multiline: true });

    const submit = (value: string) =>
      sendInteraction(b.base, {
        type: 'view_submission',
        user: { id: USER.id, username: USER.name, name: USER.name },
        trigger_id: 'trigger-view-1',
        view: {
          id: 'V0MODAL001',
          type: 'modal',
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          hash: '1700000000.abcd',
          state: {
            values: { [input.block_id]: { [input.element.action_id]: { type: 'plain_text_input', value } } },
          },
        },
      });
    const empty = await submit('   ');
    expect(JSON.parse(empty.text)).toMatchObject({ response_action: 'errors' });
    const submitted = await submit(PASTES.missingHeader);
    expect(submitted.status).toBe(200);
    const diagnosis = await waitFor(() => posts(b)[1], 'the diagnosis');
    expect(diagnosis.args).toMatchObject({ channel: CHANNEL, thread_ts: posts(b)[0]!.response?.ts });
    expect(textOf(diagnosis)).toContain('No credential was sent');
  });

  it('/authdoctor in a channel the bot is not in answers in a DM and says how to invite it', async () => {
    const b = await start();
    b.fake.fail('chat.postMessage', 'not_in_channel', { when: (args) => args.channel === 'C0NOTIN001' });
    const responseUrl = b.fake.responseUrl('cmd-3');
    await sendCommand(b.base, {
      user_id: USER.id,
      channel_id: 'C0NOTIN001',
      text: PASTES.missingHeader,
      trigger_id: 'trigger-cmd-3',
      response_url: responseUrl,
    });
    const diagnosis = await waitFor(() => posts(b).find((p) => p.response?.ok), 'the diagnosis in the DM');
    expect(diagnosis.args.channel).toBe('D0USER0001');
    expect(textOf(diagnosis)).toContain('No credential was sent');
    const told = await waitFor(
      () => b.fake.others.find((o) => o.path === '/respond/cmd-3'),
      'the ephemeral answer',
    );
    expect(JSON.parse(told.raw)).toMatchObject({ response_type: 'ephemeral' });
    expect(told.raw).toContain('/invite @authdoctor');
    expect(b.logs.some((l) => l.includes('not_in_channel') && l.includes('invite'))).toBe(true);
  });

  it('/authdoctor in the bot’s DM runs in the DM, with no parent message', async () => {
    const b = await start();
    await sendCommand(b.base, {
      user_id: USER.id,
      channel_id: 'D0USER0001',
      text: PASTES.missingHeader,
      trigger_id: 'trigger-cmd-4',
      response_url: b.fake.responseUrl('cmd-4'),
    });
    const diagnosis = await waitFor(() => posts(b)[0], 'the diagnosis');
    expect(diagnosis.args.channel).toBe('D0USER0001');
    expect(diagnosis.args.thread_ts).toBeUndefined();
    expect(textOf(diagnosis)).toContain('No credential was sent');
    expect(b.fake.of('conversations.open')[0]?.args.users).toBe(USER.id);
    await b.server.stop();
    expect(posts(b)).toHaveLength(1);
    expect(b.fake.others.filter((o) => o.path === '/respond/cmd-4')).toHaveLength(0);
  });

  it('the message shortcut diagnoses someone else’s message in its thread, for the person who clicked', async () => {
    const b = await start();
    const { response, pasted } = await shortcut(b, 'trigger-shortcut-1', PASTES.missingHeader);
    expect(response.status).toBe(200);
    const diagnosis = await waitFor(() => posts(b)[0], 'the diagnosis');
    expect(diagnosis.args).toMatchObject({ channel: CHANNEL, thread_ts: pasted });
    expect(textOf(diagnosis)).toContain('No credential was sent');
    const heads_up = b.fake.of('chat.postEphemeral')[0];
    expect(heads_up?.args).toMatchObject({ user: AGENT.id, thread_ts: pasted });
    // The clicker owns the conversation: their button click is answered.
    await sendInteraction(b.base, clickOn(diagnosis, buttonId(diagnosis, 'Walk me through it'), AGENT));
    expect(textOf(await waitFor(() => posts(b)[1], 'the first step'))).toMatch(/Step 1 of \d+/);
  });

  it('the shortcut on a colleague’s leaked credential warns the colleague who posted it, not the clicker', async () => {
    const b = await start();
    const token = githubToken();
    const { pasted } = await shortcut(b, 'trigger-shortcut-2', PASTES.githubRejected(token));
    const warning = await waitFor(
      () => b.fake.of('chat.postEphemeral').find((c) => String(c.args.text).includes('credential')),
      'the leak warning',
    );
    expect(warning.args).toMatchObject({ user: 'U0AUTHOR01', channel: CHANNEL, thread_ts: pasted });
    const diagnosis = await waitFor(() => posts(b)[0], 'the diagnosis');
    expect(textOf(diagnosis)).toContain(`…${token.slice(-4)}`);
    expect(JSON.stringify(b.fake.calls)).not.toContain(token);
  });

  it('escalates to the support channel; Claim tells the user’s thread and updates the support message', async () => {
    const b = await start({ env: { SLACK_ESCALATION_CHANNEL: SUPPORT } });
    const { reply, thread } = await diagnosed(b);
    await sendInteraction(b.base, clickOn(reply, buttonId(reply, 'Talk to a human'), USER));
    const escalation = await waitFor(
      () => posts(b).find((p) => p.args.channel === SUPPORT),
      'the escalation',
    );
    expect(slackMessageProblems(messageOf(escalation))).toEqual([]);
    expect(textOf(escalation)).toContain('No credential was sent');
    expect(b.fake.of('chat.getPermalink')[0]?.args).toMatchObject({ channel: CHANNEL, message_ts: thread });
    const told = await waitFor(
      () => posts(b).find((p) => p.args.thread_ts === thread && p !== reply),
      'the user told a human will take over',
    );
    expect(told.args.channel).toBe(CHANNEL);

    const claim = buttonId(escalation, 'Claim');
    await sendInteraction(b.base, clickOn(escalation, claim, AGENT));
    const taken = await waitFor(
      () => posts(b).find((p) => p.args.thread_ts === thread && textOf(p).includes('from the support team')),
      'the thread told who took it',
    );
    expect(textOf(taken)).toContain('sam from the support team has taken this over');
    const updated = await waitFor(() => b.fake.of('chat.update')[0], 'the support message updated');
    expect(updated.args).toMatchObject({ channel: SUPPORT, ts: escalation.response?.ts });
    expect(textOf(updated)).toContain(`Claimed by @${AGENT.id}`);
    expect(buttonsOf(updated).map((x) => x.text)).not.toContain('Claim');
    expect(slackMessageProblems(messageOf(updated))).toEqual([]);

    // A second click on the old message (a stale client) gets told, privately.
    await sendInteraction(b.base, clickOn(escalation, claim, { id: 'U0AGENT002', name: 'kim' }));
    const note = await waitFor(
      () => b.fake.of('chat.postEphemeral').find((p) => p.args.user === 'U0AGENT002'),
      'the note',
    );
    expect(String(note.args.text)).toContain('already claimed');
  });

  it('a Claim for an escalation the bot no longer knows says it is closed or expired', async () => {
    const b = await start({ env: { SLACK_ESCALATION_CHANNEL: SUPPORT } });
    const old = {
      method: 'chat.postMessage',
      args: {
        channel: SUPPORT,
        text: 'Escalation from last month',
        blocks: [
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                text: { type: 'plain_text', text: 'Claim' },
                action_id: 'ad1|claim|esc1.0000001',
                value: 'ad1|claim|esc1.0000001',
              },
            ],
          },
        ],
      },
      raw: '',
      auth: undefined,
      response: { ok: true, ts: nextTs() },
    } satisfies SlackCall;
    await sendInteraction(b.base, clickOn(old, 'ad1|claim|esc1.0000001', AGENT));
    const note = await waitFor(() => b.fake.of('chat.postEphemeral')[0], 'the note');
    expect(note.args).toMatchObject({ channel: SUPPORT, user: AGENT.id });
    expect(String(note.args.text)).toContain('closed or expired');
    expect(b.fake.of('chat.update')).toHaveLength(0);
  });
});
