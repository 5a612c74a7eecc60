/**
 * `/authdoctor`: with text, diagnoses it; without, opens the paste modal. Acknowledged first (Slack allows
 * 3 s), then the work: the conversation runs in a thread under a short parent message (see
 * `diagnoseRequest`), or in the DM.
 */
import type { App } from '@slack/bolt';
import { classifySlackError, logSlackFailure } from '../api-errors.js';
import type { SlackContext, Track } from '../context.js';
import { diagnoseRequest, respond } from '../conversations.js';
import { pasteModal } from '../modal.js';
import { CommandSchema } from '../payloads.js';
import { answerStats, isStatsRequest } from '../stats.js';

export function registerCommands(app: App, ctx: SlackContext, track: Track): void {
  // Any command: the manifest names it /authdoctor, but a workspace may have renamed it.
  app.command(/^\//, async ({ ack, body }) => {
    await ack();
    await track(onCommand(ctx, body));
  });
}

export async function onCommand(ctx: SlackContext, body: unknown): Promise<void> {
  const parsed = CommandSchema.safeParse(body);
  if (!parsed.success) {
    ctx.log.info({}, 'ignored a malformed slash command');
    return;
  }
  const command = parsed.data;
  if (isStatsRequest(command.text)) return answerStats(ctx, command);
  if (command.text.trim() === '') {
    try {
      await ctx.client.views.open({
        trigger_id: command.trigger_id,
        view: pasteModal({
          channel: command.channel_id,
          ...(command.response_url ? { response_url: command.response_url } : {}),
        }),
      });
    } catch (error) {
      logSlackFailure(ctx.log, classifySlackError(error), { channel: command.channel_id }, 'the paste modal');
      await respond(
        ctx,
        command.response_url,
        'I could not open the paste form. Run `/authdoctor` followed by what failed, e.g. `/authdoctor curl -i https://api.example.com/me`.',
      );
    }
    return;
  }
  await diagnoseRequest(ctx, {
    id: `slack:cmd:${command.trigger_id}`,
    channel: command.channel_id,
    user: command.user_id,
    text: command.text,
    responseUrl: command.response_url,
  });
}
