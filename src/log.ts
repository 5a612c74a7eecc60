/**
 * JSON-line logs on pino: one object per line with `level` as a label, `time` as an ISO string, `msg` and the
 * caller's fields. Callers pass ids and codes, never payloads; redaction is the second line of defence for the
 * day someone logs a header bag or a request body by mistake, so a credential still cannot reach a log line.
 */
import { pino } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Logger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
  /** A logger whose every line also carries `bindings` (a request id, a queue name). */
  child(bindings: Record<string, unknown>): Logger;
}

/**
 * Keys whose values could hold a credential or a user's paste, at the top level and one level deep (deeper
 * wildcards cost pino a walk of every object on every line; fields stay flat by convention).
 */
const SENSITIVE_KEYS = [
  'authorization',
  'Authorization',
  'proxy-authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'x-api-key',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'botToken',
  'appToken',
  'password',
  'passwd',
  'secret',
  'clientSecret',
  'client_secret',
  'signingSecret',
  'apiKey',
  'api_key',
  'apikey',
  'privateKey',
  'private_key',
  'credential',
  'credentials',
  'text',
  'paste',
  'payload',
  'body',
  'raw',
] as const;

/** Bracket notation keeps keys with dashes valid redaction paths. */
const path = (key: string, prefix = ''): string =>
  /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${prefix}${prefix ? '.' : ''}${key}` : `${prefix}["${key}"]`;

/** Every path pino censors, exported so docs and tests name the same list. */
export const REDACT_PATHS: readonly string[] = Object.freeze([
  ...SENSITIVE_KEYS.map((key) => path(key)),
  ...SENSITIVE_KEYS.map((key) => path(key, '*')),
]);

export const REDACTED = '[redacted]';

export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  // Synchronous stderr: a crash right after a log call still leaves the line behind.
  const destination = write ? { write } : pino.destination({ fd: 2, sync: true });
  const base = pino(
    {
      level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
    },
    destination,
  );
  return wrap(base);
}

function wrap(p: pino.Logger): Logger {
  return {
    debug: (fields, message) => p.debug(fields, message),
    info: (fields, message) => p.info(fields, message),
    warn: (fields, message) => p.warn(fields, message),
    error: (fields, message) => p.error(fields, message),
    child: (bindings) => wrap(p.child(bindings)),
  };
}

const noop = (): void => {};

/** Drops everything; for tests and embedders that bring no logger. */
export const silentLogger: Logger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => silentLogger,
};
