/**
 * All configuration comes from environment variables through one zod schema. An invalid set stops the
 * process with one message naming every bad variable and what it expects, so an operator fixes them all
 * in one go rather than one restart per mistake.
 */
import { z } from 'zod';
import { AuthdoctorError, ErrorCodes } from './errors.js';
import { parseAllowEntry } from './net/outbound.js';

/** Unset and blank are the same thing in a .env file. */
const blank = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const text = blank(z.string().trim());

const httpUrl = blank(
  z.url({ protocol: /^https?$/, message: 'an http(s) URL, e.g. https://slack.com/api/' }),
);

const intFrom = (min: number, max: number, fallback: number, what: string) =>
  blank(
    z.coerce
      .number({ message: `${what}: a whole number from ${min} to ${max}` })
      .int({ message: `${what}: a whole number from ${min} to ${max}` })
      .min(min, { message: `${what}: a whole number from ${min} to ${max}` })
      .max(max, { message: `${what}: a whole number from ${min} to ${max}` }),
  ).transform((v) => v ?? fallback);

const prefixed = (prefix: string, example: string) =>
  blank(
    z
      .string()
      .trim()
      .startsWith(prefix, { message: `a token starting with "${prefix}" (${example})` }),
  );

/** A comma- or space-separated list of platform ids (channel ids), each checked against `pattern`. */
const idList = (pattern: RegExp, message: string) =>
  blank(
    z
      .string()
      .trim()
      .transform((v) => v.split(/[\s,]+/).filter(Boolean))
      .pipe(z.array(z.string().regex(pattern, { message }))),
  ).transform((v) => v ?? []);

const SLACK_CHANNEL = /^[CGD][A-Z0-9]{6,}$/;
const SLACK_CHANNEL_MESSAGE = 'Slack channel ids such as C0123ABCDEF (channel details → About), not #names';
const SNOWFLAKE = /^\d{15,22}$/;

const flag = blank(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'true or false' })).transform(
  (v) => v === 'true' || v === '1' || v === 'yes',
);

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const ConfigSchema = z.object({
  SLACK_BOT_TOKEN: prefixed('xoxb-', 'the Bot User OAuth Token from "OAuth & Permissions"'),
  SLACK_SIGNING_SECRET: text,
  SLACK_APP_TOKEN: prefixed('xapp-', 'an app-level token with connections:write, for Socket Mode'),
  SLACK_API_URL: httpUrl,
  DISCORD_TOKEN: text,
  DISCORD_APPLICATION_ID: blank(
    z
      .string()
      .trim()
      .regex(SNOWFLAKE, { message: 'the numeric application id from the Discord developer portal' }),
  ),
  DISCORD_API_URL: httpUrl,
  /** Channels where a message that looks like a 401 report is answered without a mention. */
  SLACK_LISTEN_CHANNELS: idList(SLACK_CHANNEL, SLACK_CHANNEL_MESSAGE),
  /** Where escalations are posted for the support team, with a "claim" button. */
  SLACK_ESCALATION_CHANNEL: blank(z.string().trim().regex(SLACK_CHANNEL, { message: SLACK_CHANNEL_MESSAGE })),
  /** Text and forum channels where a new post that looks like a 401 report is answered in its thread. */
  DISCORD_LISTEN_CHANNELS: idList(
    SNOWFLAKE,
    'numeric Discord channel ids (Developer Mode → Copy Channel ID)',
  ),
  DISCORD_ESCALATION_CHANNEL: blank(
    z
      .string()
      .trim()
      .regex(SNOWFLAKE, { message: 'a numeric Discord channel id (Developer Mode → Copy Channel ID)' }),
  ),
  /** Use the privileged Message Content intent (enable it in the developer portal first). */
  DISCORD_MESSAGE_CONTENT: flag,
  /** `npm run discord:register` registers commands in this guild only (instant, for development). */
  DISCORD_GUILD_ID: blank(
    z.string().trim().regex(SNOWFLAKE, { message: 'a numeric Discord server (guild) id' }),
  ),
  PORT: intFrom(1, 65_535, 3000, 'a TCP port'),
  REDIS_URL: blank(
    z.url({ protocol: /^rediss?$/, message: 'a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379' }),
  ),
  AUTHDOCTOR_PACKS: text,
  AUTHDOCTOR_MAX_INPUT_BYTES: intFrom(1024, 64 * 1024 * 1024, 1024 * 1024, 'a size in bytes'),
  /** Issuers whose JWT signatures may be checked against their JWKS (comma-separated https URLs). */
  AUTHDOCTOR_JWKS_ISSUERS: blank(
    z
      .string()
      .trim()
      .transform((v) => v.split(/[\s,]+/).filter(Boolean))
      .pipe(
        z.array(
          z.url({
            protocol: /^https$/,
            message: 'comma-separated https issuer URLs, e.g. https://login.example.com/',
          }),
        ),
      ),
  ).transform((v) => v ?? []),
  AUTHDOCTOR_JWKS_TIMEOUT_MS: intFrom(100, 60_000, 3000, 'a timeout in milliseconds'),
  /** Where users are sent when a human takes over (a help-desk form, a status page, an email link). */
  AUTHDOCTOR_SUPPORT_URL: httpUrl,
  /** The support channel escalations go to (a Slack or Discord channel name or id). */
  AUTHDOCTOR_SUPPORT_CHANNEL: text,
  /** Messages from one user in one thread this close together are read as one paste. */
  AUTHDOCTOR_PASTE_WINDOW_MS: intFrom(0, 60_000, 2000, 'a window in milliseconds'),
  /** "Did that fix it?" this long after the bot's last question, once per conversation. */
  AUTHDOCTOR_FOLLOWUP_MINUTES: intFrom(1, 7 * 24 * 60, 30, 'a delay in minutes'),
  /** Consecutive "still 401" answers after which the conversation goes to a human. */
  AUTHDOCTOR_STUCK_AFTER: intFrom(2, 50, 4, 'a count of answers'),
  /** How long an idle conversation is kept (its state holds only redacted data). */
  AUTHDOCTOR_SESSION_TTL_HOURS: intFrom(1, 24 * 90, 24 * 7, 'a duration in hours'),
  /** In-memory store only: conversations kept at most (least recently used go first). */
  AUTHDOCTOR_MAX_SESSIONS: intFrom(10, 10_000_000, 10_000, 'a count of conversations'),
  /** Prefix of every Redis key, so several deployments can share one Redis. */
  AUTHDOCTOR_REDIS_PREFIX: blank(
    z
      .string()
      .trim()
      .regex(/^[\w:.-]{1,64}$/, { message: 'letters, digits and _ : . - (at most 64), e.g. authdoctor:' }),
  ).transform((v) => v ?? 'authdoctor:'),
  /** Jobs one worker process runs at once (events of one conversation still run one at a time). */
  AUTHDOCTOR_WORKER_CONCURRENCY: intFrom(1, 1000, 16, 'a count of jobs'),
  /** Tries per event before it lands in the failed set (`authdoctor jobs failed`). */
  AUTHDOCTOR_JOB_ATTEMPTS: intFrom(1, 50, 5, 'a count of attempts'),
  /**
   * A worker that dies mid-job (kill -9, a lost machine) holds its jobs this long before another worker
   * takes them over; jobs that run longer must finish within it.
   */
  AUTHDOCTOR_JOB_LOCK_SECONDS: intFrom(5, 600, 30, 'a duration in seconds'),
  /** /metrics, /healthz and /readyz on this port; 0 picks a free one; unset: not served. */
  METRICS_PORT: blank(
    z.coerce
      .number({ message: 'a TCP port from 0 to 65535 (0: any free port)' })
      .int({ message: 'a TCP port from 0 to 65535 (0: any free port)' })
      .min(0, { message: 'a TCP port from 0 to 65535 (0: any free port)' })
      .max(65_535, { message: 'a TCP port from 0 to 65535 (0: any free port)' }),
  ),
  /**
   * Messages and button clicks one user may send per minute (a burst of this many, refilled evenly); the
   * first one over is answered with when to try again, the rest are dropped quietly. 0: no limit.
   */
  AUTHDOCTOR_USER_RATE_PER_MINUTE: intFrom(0, 100_000, 20, 'a count per minute (0: no limit)'),
  /** As above, for a whole Slack workspace or Discord server together. 0: no limit. */
  AUTHDOCTOR_WORKSPACE_RATE_PER_MINUTE: intFrom(0, 10_000_000, 600, 'a count per minute (0: no limit)'),
  /** Conversations one user may have open at once (not fixed); a new one beyond is refused. 0: no limit. */
  AUTHDOCTOR_MAX_OPEN_SESSIONS_PER_USER: intFrom(0, 10_000, 5, 'a count of conversations (0: no limit)'),
  /**
   * Hosts, IP addresses and CIDR ranges that outbound requests (escalation webhook, JWKS, file downloads)
   * may reach although they are private, loopback or link-local: e.g. tickets.internal,10.0.0.0/8.
   */
  AUTHDOCTOR_OUTBOUND_ALLOW: blank(
    z
      .string()
      .trim()
      .transform((v) => v.split(/[\s,]+/).filter(Boolean))
      .pipe(
        z.array(
          z
            .string()
            .max(253)
            .regex(/^(?:[A-Za-z0-9.-]+|\[?[0-9A-Fa-f:.]+\]?)(?:\/\d{1,3})?$/, {
              message: 'host names, IP addresses or CIDR ranges (10.0.0.0/8, fd00::/8), comma-separated',
            })
            .refine((entry) => parseAllowEntry(entry) !== undefined, {
              message: 'host names, IP addresses or CIDR ranges with a valid prefix (10.0.0.0/8, fd00::/8)',
            }),
        ),
      ),
  ).transform((v) => v ?? []),
  /** Who may run the admin commands (stats): Slack user ids (U…/W…) and Discord user ids. */
  AUTHDOCTOR_ADMINS: idList(
    /^(?:[UW][A-Z0-9]{6,}|\d{15,22})$/,
    'Slack user ids (U0123ABCD, profile → ⋮ → Copy member ID) or numeric Discord user ids',
  ),
  /** Escalations are also POSTed here as signed JSON (a ticket system, an on-call tool). */
  AUTHDOCTOR_ESCALATION_WEBHOOK_URL: httpUrl,
  /** Key of the X-Authdoctor-Signature HMAC-SHA256 over each webhook body. */
  AUTHDOCTOR_ESCALATION_WEBHOOK_SECRET: blank(
    z.string().trim().min(16, { message: 'a shared secret of at least 16 characters' }),
  ),
  /** An escalation nobody claimed is posted again this many minutes later (and again after that); 0: never. */
  AUTHDOCTOR_RENOTIFY_MINUTES: intFrom(0, 7 * 24 * 60, 30, 'a delay in minutes'),
  LOG_LEVEL: blank(z.enum(LOG_LEVELS, { message: `one of ${LOG_LEVELS.join(', ')}` })).transform(
    (v) => v ?? 'info',
  ),
});

/** Variables that only make sense together; checked on the raw environment so they are reported alongside
 * format errors instead of after them. */
const PAIRS: { when: string[]; need: string; message: string }[] = [
  {
    when: ['SLACK_BOT_TOKEN'],
    need: 'SLACK_SIGNING_SECRET|SLACK_APP_TOKEN',
    message:
      'SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
  },
  {
    when: ['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'],
    need: 'SLACK_BOT_TOKEN',
    message: 'SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set',
  },
  {
    when: ['DISCORD_TOKEN'],
    need: 'DISCORD_APPLICATION_ID',
    message: 'DISCORD_APPLICATION_ID: required with DISCORD_TOKEN',
  },
  {
    when: ['DISCORD_APPLICATION_ID'],
    need: 'DISCORD_TOKEN',
    message: 'DISCORD_TOKEN: required with DISCORD_APPLICATION_ID',
  },
  {
    when: ['AUTHDOCTOR_ESCALATION_WEBHOOK_URL'],
    need: 'AUTHDOCTOR_ESCALATION_WEBHOOK_SECRET',
    message:
      'AUTHDOCTOR_ESCALATION_WEBHOOK_SECRET: required with AUTHDOCTOR_ESCALATION_WEBHOOK_URL (the receiver checks the signature with it)',
  },
];

function pairIssues(env: NodeJS.ProcessEnv): string[] {
  const set = (name: string) => (env[name] ?? '').trim() !== '';
  return PAIRS.filter((p) => p.when.some(set) && !p.need.split('|').some(set)).map((p) => p.message);
}

export type Config = z.infer<typeof ConfigSchema>;

/** Which parts start, derived from the config rather than stored, so the two can never disagree. */
export function enabledAdapters(config: Config): { slack: 'http' | 'socket' | false; discord: boolean } {
  const slack = config.SLACK_BOT_TOKEN ? (config.SLACK_APP_TOKEN ? 'socket' : 'http') : false;
  return { slack, discord: Boolean(config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID) };
}

/**
 * Reads the configuration. Throws one `AuthdoctorError` (code ERR_CONFIG_INVALID) listing every bad
 * variable; values are never echoed, because several of them are secrets.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((i) => `${String(i.path[0] ?? '(config)')}: ${i.message}`)),
    ...pairIssues(env),
  ];
  if (result.success && problems.length === 0) return result.data;
  const unique = [...new Set(problems)].sort().map((line) => `  ${line}`);
  throw new AuthdoctorError(
    ErrorCodes.CONFIG_INVALID,
    `Invalid configuration (${unique.length} ${unique.length === 1 ? 'variable' : 'variables'}):\n${unique.join('\n')}`,
    { hint: 'Fix these environment variables (see .env.example for what each one means) and start again.' },
  );
}
