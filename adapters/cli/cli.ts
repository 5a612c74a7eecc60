/** Command-line entry: argument handling only; everything it runs lives in src/. */
import { parseArgs } from 'node:util';
import { enabledAdapters, loadConfig } from '../../src/config.js';
import { AuthdoctorError, ErrorCodes, isAuthdoctorError } from '../../src/errors.js';
import { runChat } from './chat.js';
import { parseCommand } from './commands/parse.js';
import type { CliIO } from './io.js';

export const USAGE = `Usage: authdoctor <command> [options]

Commands:
  serve                 Start what is configured (Slack, Discord); with no platform
                        credentials, open the terminal chat. This is what \`npm start\` runs.
  chat                  Open the terminal chat.
  parse [FILE|-] [--json]
                        Print what authdoctor understood from a paste (a file, or stdin),
                        with every secret replaced by a fingerprint.
  help                  Show this help.

Options:
  --json                Machine-readable output (parse).
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
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
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
    case 'parse': {
      if (rest.length > 1) throw usage('parse takes one FILE (or - for stdin)');
      const source = rest[0] ?? '-';
      if (source === '-' && io.stdin.isTTY) throw usage('parse needs a FILE, or a paste piped to stdin');
      return parseCommand({ source, json: values.json === true }, io);
    }
    case 'chat':
      return runChat(io, loadConfig(io.env).AUTHDOCTOR_MAX_INPUT_BYTES);
    case 'serve': {
      const config = loadConfig(io.env);
      const adapters = enabledAdapters(config);
      if (adapters.slack || adapters.discord) {
        throw new AuthdoctorError(
          ErrorCodes.NOT_IMPLEMENTED,
          'Slack and Discord credentials are set, but this build has no platform adapters yet.',
          { hint: 'Unset SLACK_* and DISCORD_* to use the terminal chat.' },
        );
      }
      return runChat(io, config.AUTHDOCTOR_MAX_INPUT_BYTES);
    }
    default:
      throw usage(`unknown command "${command}"`);
  }
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
