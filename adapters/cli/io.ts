/** What the CLI touches of the outside world, passed in so tests can drive it without a real terminal. */
import type { Readable, Writable } from 'node:stream';

export interface CliIO {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

export function writeLines(out: Writable, lines: string[]): void {
  out.write(`${lines.join('\n')}\n`);
}
