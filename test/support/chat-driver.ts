/**
 * Drives the real terminal chat (`adapters/cli/chat.ts`) the way a person would: a message at a time,
 * waiting for the prompt before typing the next, with a clock the script moves. Returns the transcript:
 * what the user typed, then what the bot printed.
 */
import { PassThrough, Writable } from 'node:stream';
import { runChat } from '../../adapters/cli/chat.js';
import { loadConfig } from '../../src/config.js';
import { intentOf } from '../../src/conversation/intents.js';
import { T0 } from './conversation.js';

export interface ScriptLine {
  /** What the user types; a multi-line paste is ended with an empty line, as the chat asks. */
  say: string;
  /** Minutes that pass before this message. */
  after?: number;
}

export async function driveChat(
  script: readonly ScriptLine[],
  env: Record<string, string> = {},
): Promise<string> {
  let now = T0;
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  let output = '';
  const stdout = new Writable({
    write(chunk, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  const stderr = new Writable({ write: (_c, _e, done) => done() });
  const config = loadConfig({ NO_COLOR: '1', ...env });
  const finished = runChat({ stdin, stdout, stderr, env: { NO_COLOR: '1' } }, config, { now: () => now });
  const transcript: string[] = [];
  let seen = await settle(() => output, 0);
  transcript.push(output.slice(0, seen).replace(/> $/, '').trimEnd());
  for (const line of script) {
    now += (line.after ?? 1) * 60_000;
    const lines = line.say.split('\n');
    transcript.push('', ...lines.map((l) => `you> ${l}`), '');
    // A paste (anything but a choice number or a one-word answer) ends with an empty line.
    const answer = lines.length === 1 && (/^\d{1,2}$/.test(line.say) || intentOf(line.say) !== undefined);
    stdin.write(`${line.say}\n${answer ? '' : '\n'}`);
    const end = await settle(() => output, seen);
    transcript.push(
      output
        .slice(seen, end)
        .replace(/(?:(?:> |… )\n?)+$/, '')
        .replace(/^(?:… )+/, '')
        .trimEnd(),
    );
    seen = end;
  }
  stdin.end();
  await finished;
  return `${transcript
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** Waits until the output has grown past `from` and ends at a fresh prompt. */
async function settle(read: () => string, from: number): Promise<number> {
  const until = Date.now() + 15_000;
  for (;;) {
    const text = read();
    if (text.length > from && text.endsWith('> ') && !text.endsWith('… ')) {
      // A reply may still be on its way; the prompt is only final if nothing follows it.
      await new Promise((r) => setTimeout(r, 30));
      if (read().length === text.length) return text.length;
      continue;
    }
    if (Date.now() > until) throw new Error(`the chat did not answer; it printed:\n${text.slice(from)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
