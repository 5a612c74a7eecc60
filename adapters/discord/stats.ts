/**
 * `/diagnose-stats`: the analytics of the last 7 and 30 days, as an ephemeral reply, for the admins named
 * in AUTHDOCTOR_ADMINS (the config is the authority, not Discord permissions); anyone else is refused.
 */
import { type ChatInputCommandInteraction, MessageFlags } from 'discord.js';
import { renderStats, statsSummaries } from '../../src/analytics/index.js';
import type { DiscordContext } from './context.js';
import { codeBlock, codeOverhead } from './markdown.js';
import { describeError, editInteractionMessage, plain } from './rest.js';

export { STATS_COMMAND } from './commands.js';

export const STATS_REFUSED = 'Only the admins named in AUTHDOCTOR_ADMINS can see stats.';
const STATS_UNAVAILABLE = 'I could not read the statistics just now. Try again in a moment.';
/** Discord's message limit, less the fences (and a margin for what escaping may add). */
const STATS_MAX = 2000 - codeOverhead() - 40;

export async function statsCommand(
  ctx: DiscordContext,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  if (!ctx.live.acknowledge(interaction.id)) {
    ctx.log.warn({ interaction: interaction.id }, 'interaction already acknowledged; ignored');
    return;
  }
  try {
    if (!ctx.deps.config.AUTHDOCTOR_ADMINS.includes(interaction.user.id)) {
      ctx.log.info({}, 'refused stats to someone not in AUTHDOCTOR_ADMINS');
      await interaction.reply({
        content: STATS_REFUSED,
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
      return;
    }
    // Reading Redis may outlast Discord's 3 seconds.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const content = await statsText(ctx);
    await editInteractionMessage(
      ctx.rest,
      { applicationId: interaction.applicationId, token: interaction.token },
      '@original',
      plain(content),
    );
  } catch (error) {
    ctx.log.error(
      { interaction: interaction.id, ...describeError(error) },
      'could not answer /diagnose-stats',
    );
  }
}

async function statsText(ctx: DiscordContext): Promise<string> {
  const analytics = ctx.deps.analytics;
  if (!analytics) return 'This authdoctor keeps no statistics.';
  try {
    const { week, month } = await statsSummaries(analytics, ctx.now());
    return codeBlock(renderStats(week, month, { maxLength: STATS_MAX }));
  } catch (error) {
    ctx.log.error({ code: (error as { code?: unknown }).code }, 'could not read the statistics');
    return STATS_UNAVAILABLE;
  }
}
