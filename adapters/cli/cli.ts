/** Command-line entry: argument handling only; everything it runs lives in src/. */
import { parseArgs } from 'node:util';
import { type Config, enabledAdapters, loadConfig } from '../../src/config.js';
import { type Clock, parseClock } from '../../src/diagnose/context.js';
import { AuthdoctorError, ErrorCodes, isAuthdoctorError } from '../../src/errors.js';
import { registerDiscordCommands } from '../discord/register.js';
import { startServer, startWorker } from '../serve.js';
import { runChat } from './chat.js';
import { diagnoseCommand } from './commands/diagnose.js';
import { JOB_QUEUES, jobsCommand } from './commands/jobs.js';
import { parseCommand } from './commands/parse.js';
import { statsCommand } from './commands/stats.js';
import { triageCommand } from './commands/triage.js';
import type { CliIO } from './io.js';

export const USAGE = `Usage: authdoctor <command> [options]

Commands:
  serve                 Start what is configured (Slack, Discord); with no platform
                        credentials, open the terminal chat. This is what \`npm start\` runs.
  worker                Run workers only (needs REDIS_URL and the platform tokens): they
                        take events from the shared queue and send the replies. Add as many
                        as the load needs, on any machine that reaches Redis.
  jobs [failed | retry ID] [--queue events|webhooks] [--json]
                        Job counts per state; the failed jobs (id, attempts, reason);
                        or put a failed job back in its queue.
  chat [--now ISO-8601] Open the terminal chat.
  diagnose [FILE|-] [--json] [--now ISO-8601]
                        Diagnose one paste (a file, or stdin): what is wrong, the evidence,
                        the fix, and the 401 checklist. --now fixes the clock for expiry checks.
  triage FILE.jsonl [--json] [--now ISO-8601]
                        Diagnose many pastes (one JSON object with a "text" field per line) and
                        print a histogram of causes.
  parse [FILE|-] [--json]
                        Print what authdoctor understood from a paste (a file, or stdin),
                        with every secret replaced by a fingerprint.
  stats [--json] [--now ISO-8601]
                        Analytics for the last 7 and 30 days (causes, fixes, escalations),
                        read from Redis (REDIS_URL).
  discord-register      Register the Discord commands (globally, or in DISCORD_GUILD_ID)
                        and print the invite URLs.
  help                  Show this help.

Options:
  --json                Machine-readable output (diagnose, triage, parse, stats).
  --now ISO-8601        The moment to judge expiry against (a date means "that day").
  -h, --help            Show this help.
  -v, --version         Print the version.

Configuration is read from environment variables; see .env.example.`;

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (isAuthdoctorError(err)) {
      io.stderr.write(`authdoctor: ${err.message}\n${err.hint ? `${err.hint}\n` : ''}`);
      return err.code === ErrorCodes.USAGE ? 2 : 1;
    }
    io.stderr.write(`authdoctor: unexpected error: ${(err as Error).message}\n`);
    return 1;
  }
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        now: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        queue: { type: 'string' },
      },
    });
  } catch (err) {
    throw usage((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout.write(`${await version()}\n`);
    return 0;
  }
  const [command = 'help', ...rest] = positionals;
  if (values.help || command === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  switch (command) {
    case 'diagnose': {
      if (rest.length > 1) throw usage('diagnose takes one FILE (or - for stdin)');
      const source = rest[0] ?? '-';
      if (source === '-' && io.stdin.isTTY) throw usage('diagnose needs a FILE, or a paste piped to stdin');
      return diagnoseCommand({ source, json: values.json === true, ...clockOption(values.now) }, io);
    }
    case 'triage': {
      if (rest.length !== 1) throw usage('triage takes one FILE.jsonl (or - for stdin)');
      return triageCommand({ source: rest[0]!, json: values.json === true, ...clockOption(values.now) }, io);
    }
    case 'parse': {
      if (rest.length > 1) throw usage('parse takes one FILE (or - for stdin)');
      const source = rest[0] ?? '-';
      if (source === '-' && io.stdin.isTTY) throw usage('parse needs a FILE, or a paste piped to stdin');
      return parseCommand({ source, json: values.json === true }, io);
    }
    case 'chat':
      return runChat(io, loadConfig(io.env), chatClock(values.now));
    case 'serve': {
      const config = loadConfig(io.env);
      const adapters = enabledAdapters(config);
      if (adapters.slack || adapters.discord) return runUntilSignal(config, io, 'serve');
      return runChat(io, config, chatClock(values.now));
    }
    case 'worker':
      if (rest.length > 0) throw usage('worker takes no arguments');
      return runUntilSignal(loadConfig(io.env), io, 'worker');
    case 'jobs': {
      const [action = 'counts', id, ...extra] = rest;
      if (action !== 'counts' && action !== 'failed' && action !== 'retry')
        throw usage(`unknown jobs action "${action}"`);
      if (action === 'retry' ? !id || extra.length > 0 : id !== undefined)
        throw usage(action === 'retry' ? 'jobs retry takes one job ID' : `jobs ${action} takes no arguments`);
      const queue = values.queue;
      if (queue !== undefined && !(JOB_QUEUES as readonly unknown[]).includes(queue))
        throw usage(`--queue must be one of ${JOB_QUEUES.join(', ')}`);
      return jobsCommand(
        loadConfig(io.env),
        {
          action,
          ...(id ? { id } : {}),
          queues: typeof queue === 'string' ? [queue] : JOB_QUEUES,
          json: values.json === true,
        },
        io,
      );
    }
    case 'stats':
      if (rest.length > 0) throw usage('stats takes no arguments');
      return statsCommand({ json: values.json === true, ...nowOption(values.now) }, io);
    case 'discord-register':
      await registerDiscordCommands(loadConfig(io.env), (line = '') => io.stdout.write(`${line}\n`));
      return 0;
    default:
      throw usage(`unknown command "${command}"`);
  }
}

/**
 * Runs the configured platforms (serve) or workers alone (worker) until SIGINT or SIGTERM, then stops
 * taking events, finishes the jobs in flight and exits 0.
 */
async function runUntilSignal(config: Config, io: CliIO, role: 'serve' | 'worker'): Promise<number> {
  const running = role === 'serve' ? await startServer(config) : await startWorker(config);
  if (role === 'serve') {
    const { slack, discord } = enabledAdapters(config);
    const what = [
      slack === 'socket'
        ? 'Slack (Socket Mode)'
        : slack
          ? `Slack (HTTP, POST /slack/events on port ${config.PORT})`
          : '',
      discord ? 'Discord' : '',
    ].filter(Boolean);
    io.stderr.write(`authdoctor: serving ${what.join(' and ')}. Ctrl-C stops.\n`);
  } else {
    io.stderr.write(
      `authdoctor: worker running (${config.AUTHDOCTOR_WORKER_CONCURRENCY} jobs at once). Ctrl-C stops.\n`,
    );
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  io.stderr.write('authdoctor: stopping; finishing the jobs in flight…\n');
  await running.stop();
  return 0;
}

function clockOption(now: unknown): { clock?: Clock } {
  if (now === undefined) return {};
  const clock = typeof now === 'string' ? parseClock(now) : undefined;
  if (!clock)
    throw usage(
      `--now must be an ISO-8601 date or time, e.g. 2026-01-15 or 2026-01-15T12:00:00Z (got "${String(now)}")`,
    );
  return { clock };
}

/** `--now` for stats: the window ends on that day. */
function nowOption(now: unknown): { now?: number } {
  const { clock } = clockOption(now);
  return clock ? { now: clock.now } : {};
}

/** `--now` for the chat: the clock starts there and runs on. */
function chatClock(now: unknown): { now?: () => number } {
  const { clock } = clockOption(now);
  if (!clock) return {};
  const started = Date.now();
  return { now: () => clock.now + (Date.now() - started) };
}

function usage(message: string): AuthdoctorError {
  return new AuthdoctorError(ErrorCodes.USAGE, message, { hint: 'Run `authdoctor help` for usage.' });
}

/** package.json sits two folders up from the source and three from the compiled file in dist/. */
async function version(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  for (const candidate of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(await readFile(new URL(candidate, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'authdoctor' && pkg.version) return pkg.version;
    } catch {
      // Not at this level; try the next.
    }
  }
  return 'unknown';
}
