/** What every platform adapter is built from. */
import type { AnalyticsStore } from '../analytics/types.js';
import type { Config } from '../config.js';
import type { Engine } from '../conversation/engine.js';
import type { Diagnoser } from '../diagnose/service.js';
import type { Logger } from '../log.js';
import type { SessionStore } from '../store/types.js';

export interface AdapterDeps {
  config: Config;
  engine: Engine;
  /** For deciding whether an unasked message in a watched channel is a 401 report. */
  diagnoser: Diagnoser;
  log: Logger;
  now?: () => number;
  /**
   * The engine's session store, shared across processes with Redis: where an adapter keeps the little it
   * must remember between events (which message to edit, which threads the bot is in). Optional: adapters
   * fall back to memory.
   */
  store?: SessionStore;
  /** For the admins' `stats` command; without it the command says there is nothing to show. */
  analytics?: AnalyticsStore;
}
