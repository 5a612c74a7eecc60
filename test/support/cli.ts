/** Drives the CLI in-process with in-memory streams, the way a terminal or a pipe would. */
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../adapters/cli/cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliWith(
  argv: string[],
  options: { stdin?: string | Buffer; tty?: boolean; stdoutTty?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<CliRun> {
  const stdin = Object.assign(
    Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    {
      isTTY: options.tty ?? false,
    },
  );
  const stdout = Object.assign(new PassThrough(), { isTTY: options.stdoutTty ?? false });
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await runCli(argv, { stdin, stdout, stderr, env: options.env ?? {} });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
