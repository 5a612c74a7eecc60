/** What every Slack listener works with, built once by the adapter. */
import type { webApi } from '@slack/bolt';
import type { AnalyticsStore } from '../../src/analytics/types.js';
import type { Config } from '../../src/config.js';
import type { Engine } from '../../src/conversation/engine.js';
import type { Diagnoser } from '../../src/diagnose/service.js';
import type { Logger } from '../../src/log.js';
import type { SlackMemory } from './memory.js';
import type { WorkingIndicator } from './working.js';

export interface SlackContext {
  config: Config;
  engine: Engine;
  diagnoser: Diagnoser;
  log: Logger;
  now: () => number;
  client: webApi.WebClient;
  /** Who the bot is, from `auth.test`; `workspace` is the team the app is installed in. */
  bot: { userId: string; botId: string | undefined; workspace: string };
  memory: SlackMemory;
  working: WorkingIndicator;
  /** Downloads of attached files give up after this long. */
  fileTimeoutMs: number;
  /** For `/authdoctor stats` (admins only). */
  analytics?: AnalyticsStore;
}

/**
 * Runs a listener's work so that `stop()` can wait for it, and so that its failure is one log line (ids
 * and codes) rather than Bolt's error handler printing the payload.
 */
export type Track = (work: Promise<void>) => Promise<void>;
