/**
 * The terminal chat in a real terminal's shoes: input and output both TTYs, so readline runs in terminal
 * mode, colours are on, and the terminal's bracketed paste and Ctrl-C are honoured.
 */
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runChat } from '../adapters/cli/chat.js';
import { loadConfig } from '../src/config.js';
import { PASTES, T0 } from './support/conversation.js';

function terminal() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  let output = '';
  const stdout = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        output += chunk.toString();
        done();
      },
    }),
    { isTTY: true, columns: 120, rows: 40 },
  );
  const stderr = new Writable({ write: (_c, _e, done) => done() });
  const done = runChat({ stdin, stdout, stderr, env: { TERM: 'xterm-256color' } }, loadConfig({}), {
    now: () => T0,
  });
  return { stdin, done, read: () => output };
}

async function until(check: () => boolean): Promise<void> {
  const stop = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > stop) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

describe('the terminal chat on a terminal', () => {
  it('reads a bracketed paste with blank lines in it as one paste, in colour', async () => {
    const t = terminal();
    expect(t.read()).toContain('\x1b[?2004h');
    t.stdin.write(`\x1b[200~${PASTES.missingHeader}\x1b[201~`);
    await until(() => plain(t.read()).includes('Walk me through it'));
    const text = plain(t.read());
    expect(text.match(/Most likely: No credential was sent/g)).toHaveLength(1);
    expect(text).not.toContain('Read together');
    expect(t.read()).toContain('\x1b[31m');
    t.stdin.write('\x03');
    expect(await t.done).toBe(0);
  });

  it('leaves cleanly on Ctrl-C: bracketed paste off, a goodbye, exit status 0', async () => {
    const t = terminal();
    t.stdin.write('\x03');
    expect(await t.done).toBe(0);
    expect(t.read()).toContain('\x1b[?2004l');
    expect(plain(t.read())).toMatch(/Bye\.\n$/);
  });

  it('a choice number presses the button it names', async () => {
    const t = terminal();
    t.stdin.write(`\x1b[200~${PASTES.missingHeader}\x1b[201~`);
    await until(() => plain(t.read()).includes('[1] Walk me through it'));
    t.stdin.write('1\r');
    await until(() => plain(t.read()).includes('Step 1 of'));
    expect(plain(t.read())).toMatch(/Step 1 of \d+: A credential is actually sent/);
    t.stdin.write('\x03');
    await t.done;
  });
});
