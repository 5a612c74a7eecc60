/**
 * `authdoctor stats [--json] [--now ISO-8601]`: the last 7 and 30 days of analytics, read from Redis. The
 * embedded default keeps analytics inside the running bot's memory, where no other process can see them.
 */
import { RedisAnalytics, renderStats, statsSummaries } from '../../../src/analytics/index.js';
import { loadConfig } from '../../../src/config.js';
import type { CliIO } from '../io.js';

export const NO_REDIS =
  'No REDIS_URL is set. Without Redis, authdoctor keeps its analytics inside the running bot process only, so this command cannot see them. Set REDIS_URL (for the bot and for this command) to keep analytics in Redis and read them here; admins named in AUTHDOCTOR_ADMINS can also ask the bot with `/authdoctor stats` (Slack) or `/diagnose-stats` (Discord).';

export async function statsCommand(args: { json: boolean; now?: number }, io: CliIO): Promise<number> {
  const config = loadConfig(io.env);
  if (!config.REDIS_URL) {
    // Not an error: there is simply nothing here to read. --json keeps stdout for JSON only.
    (args.json ? io.stderr : io.stdout).write(`${NO_REDIS}\n`);
    return 0;
  }
  const analytics = new RedisAnalytics(config.REDIS_URL, { keyPrefix: config.AUTHDOCTOR_REDIS_PREFIX });
  try {
    const { week, month } = await statsSummaries(analytics, args.now ?? Date.now());
    io.stdout.write(
      args.json
        ? `${JSON.stringify({ last7Days: week, last30Days: month }, null, 2)}\n`
        : `${renderStats(week, month)}\n`,
    );
    return 0;
  } finally {
    await analytics.close();
  }
}
