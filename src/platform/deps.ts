/** What every platform adapter is built from. */
import type { Config } from '../config.js';
import type { Engine } from '../conversation/engine.js';
import type { Diagnoser } from '../diagnose/service.js';
import type { Logger } from '../log.js';

export interface AdapterDeps {
  config: Config;
  engine: Engine;
  /** For deciding whether an unasked message in a watched channel is a 401 report. */
  diagnoser: Diagnoser;
  log: Logger;
  now?: () => number;
}
