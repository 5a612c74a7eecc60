/**
 * Bolt's and the WebClient's log lines, through our Logger. Debug lines are dropped (they print request
 * bodies); the rest keep their words but lose anything quoted — a JSON parse error quotes the body it
 * choked on — and Error objects are reduced to their name and code.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

const MAX_CHARS = 300;

export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const line = (parts: unknown[]) =>
    parts
      .map((p) => {
        if (typeof p === 'string') return p;
        if (p instanceof Error)
          return `${p.name}${(p as { code?: unknown }).code ? ` (${String((p as { code?: unknown }).code)})` : ''}`;
        return typeof p === 'number' || typeof p === 'boolean' ? String(p) : '';
      })
      .filter(Boolean)
      .join(' ')
      .slice(0, 4 * MAX_CHARS)
      .replace(/"[^"\n]{0,2000}"/g, '"…"')
      .slice(0, MAX_CHARS);
  const enabled = (at: LogLevel) => {
    const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];
    return order.indexOf(at) >= order.indexOf(level);
  };
  return {
    debug: () => {},
    info: (...parts: unknown[]) => {
      if (enabled(LogLevel.INFO)) log.info({ source: 'bolt' }, line(parts));
    },
    warn: (...parts: unknown[]) => {
      if (enabled(LogLevel.WARN)) log.warn({ source: 'bolt' }, line(parts));
    },
    error: (...parts: unknown[]) => {
      if (enabled(LogLevel.ERROR)) log.error({ source: 'bolt' }, line(parts));
    },
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
