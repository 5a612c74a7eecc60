/** The paste modal's submission: closes the modal at once, then diagnoses the paste like the command does. */
import type { App } from '@slack/bolt';
import type { SlackContext, Track } from '../context.js';
import { diagnoseRequest } from '../conversations.js';
import { modalMetadata, PASTE_BLOCK_ID, PASTE_MODAL, pastedText } from '../modal.js';
import { ViewSubmissionSchema } from '../payloads.js';

export function registerViews(app: App, ctx: SlackContext, track: Track): void {
  app.view(PASTE_MODAL, async ({ ack, body }) => {
    const submission = ViewSubmissionSchema.safeParse(body);
    const text = submission.success ? pastedText(submission.data) : '';
    if (submission.success && text.trim() === '') {
      await ack({
        response_action: 'errors',
        errors: { [PASTE_BLOCK_ID]: 'Paste the request that failed.' },
      });
      return;
    }
    await ack();
    if (!submission.success) {
      ctx.log.info({}, 'ignored a malformed modal submission');
      return;
    }
    const where = modalMetadata(submission.data);
    if (!where) {
      ctx.log.info({ view: submission.data.view.id }, 'ignored a modal submission without its channel');
      return;
    }
    await track(
      diagnoseRequest(ctx, {
        id: `slack:view:${submission.data.view.id}`,
        channel: where.channel,
        user: submission.data.user.id,
        text,
        responseUrl: where.response_url,
      }),
    );
  });
}
