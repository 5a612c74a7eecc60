/**
 * The terminal chat: what `npm start` opens when no chat platform is configured, and `authdoctor chat`.
 * A thin adapter like the Slack and Discord ones: lines in, engine events out, replies rendered back.
 *
 * A paste ends with an empty line, or arrives whole through the terminal's bracketed paste; a one-line
 * answer ("fixed", "skip", a choice's number) is sent at once. With stdin not a terminal it answers one
 * paste and exits.
 */
import { createInterface, emitKeypressEvents } from 'node:readline';
import type { Config } from '../../src/config.js';
import type { Outbound } from '../../src/conversation/engine.js';
import type { ConversationRef } from '../../src/conversation/events.js';
import { intentOf } from '../../src/conversation/intents.js';
import { createRuntime } from '../../src/conversation/runtime.js';
import type { Action } from '../../src/reply/model.js';
import type { CliIO } from './io.js';
import { writeLines } from './io.js';
import { readPaste } from './read-input.js';
import { styleFor } from './render.js';
import { renderReply } from './render-reply.js';

export interface ChatOptions {
  /** The clock (tests and `--now`). */
  now?: () => number;
}

const GREETING = [
  'authdoctor: paste the request that answered 401 Unauthorized.',
  'A curl command ("Copy as cURL" in your browser devtools), its `curl -v` output, the raw HTTP response or',
  'the error log all work, alone or together. End a paste with an empty line. Answer with a choice number',
  'or a word ("fixed", "still 401", "skip", "how", "human", "help"); "exit" or Ctrl-C leaves.',
  'Credentials in what you paste are replaced by fingerprints and never stored.',
];

const CONVERSATION: ConversationRef = { platform: 'terminal', channel: 'local' };
const USER = 'you';
const BRACKETED_PASTE_ON = '\x1b[?2004h';
const BRACKETED_PASTE_OFF = '\x1b[?2004l';
/** How long after a blank line more pasted lines may still arrive. */
const PASTE_SETTLE_MS = 60;

export async function runChat(io: CliIO, config: Config, options: ChatOptions = {}): Promise<number> {
  const style = styleFor(io.stdout, io.env);
  let choices: Action[] = [];
  let printed = 0;
  const deliver = async (out: Outbound) => {
    for (const reply of out.replies) {
      const rendered = renderReply(reply, style);
      if (rendered.choices.length > 0) choices = rendered.choices;
      writeLines(io.stdout, [...(printed++ > 0 ? [''] : []), ...rendered.lines]);
    }
  };
  const runtime = createRuntime(config, { deliver, ...(options.now ? { now: options.now } : {}) });
  let counter = 0;
  const send = async (incoming: { kind: 'message'; text: string } | { kind: 'action'; action: Action }) => {
    counter += 1;
    const base = { id: `t${counter}`, conversation: CONVERSATION, user: USER };
    await runtime.engine.accept(
      incoming.kind === 'message'
        ? { ...base, kind: 'message', text: incoming.text }
        : {
            ...base,
            kind: 'action',
            action: incoming.action.id,
            session: incoming.action.session,
            turn: incoming.action.turn,
          },
    );
    await runtime.engine.drain();
  };

  if (!io.stdin.isTTY) {
    const { data } = await readPaste('-', io.stdin, config.AUTHDOCTOR_MAX_INPUT_BYTES);
    await send({ kind: 'message', text: data.toString('utf8') });
    await runtime.close();
    return 0;
  }

  writeLines(io.stdout, GREETING);
  const terminal = Boolean(io.stdout.isTTY);
  if (terminal) io.stdout.write(BRACKETED_PASTE_ON);
  const rl = createInterface({ input: io.stdin, output: io.stdout, prompt: '> ', terminal });
  let buffer: string[] = [];
  let pasting = false;
  let settleTimer: NodeJS.Timeout | undefined;
  // Lines are handled one at a time, in order, even while an answer is still being worked out.
  let chain: Promise<void> = Promise.resolve();
  const later = (work: () => Promise<void>) => {
    chain = chain.then(work).catch((err: unknown) => {
      io.stderr.write(`authdoctor: ${(err as Error).message}; try again.\n`);
    });
  };
  const prompt = () => {
    rl.setPrompt(buffer.length > 0 ? '… ' : '> ');
    rl.prompt();
  };
  const submitBuffer = () => {
    const text = buffer.join('\n');
    buffer = [];
    later(async () => {
      await send({ kind: 'message', text });
      prompt();
    });
  };

  if (terminal) {
    emitKeypressEvents(io.stdin);
    io.stdin.on('keypress', (_chunk, key: { name?: string } | undefined) => {
      if (key?.name === 'paste-start') pasting = true;
      if (key?.name === 'paste-end') {
        pasting = false;
        // The last pasted line has no newline yet: take it from the input line.
        const rest = rl.line;
        if (rest) {
          buffer.push(rest);
          rl.write(null, { ctrl: true, name: 'u' });
        }
        if (buffer.some((l) => l.trim() !== '')) submitBuffer();
      }
    });
  }

  prompt();
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      if (pasting) {
        buffer.push(line);
        return;
      }
      const word = line.trim();
      if (buffer.length === 0) {
        if (word === '') return prompt();
        if (/^(?:exit|quit|bye)$/i.test(word)) return rl.close();
        const choice = /^\d{1,2}$/.test(word) ? choices[Number(word) - 1] : undefined;
        if (choice) {
          later(async () => {
            await send({ kind: 'action', action: choice });
            prompt();
          });
          return;
        }
        if (intentOf(word)) {
          later(async () => {
            await send({ kind: 'message', text: word });
            prompt();
          });
          return;
        }
        buffer.push(line);
        return prompt();
      }
      if (word === '') {
        // A pasted `curl -i` output has blank lines of its own; they arrive together with what follows,
        // while a blank line typed to end the paste is followed by nothing.
        settleTimer = setTimeout(() => {
          settleTimer = undefined;
          submitBuffer();
        }, PASTE_SETTLE_MS);
        return;
      }
      if (settleTimer) {
        clearTimeout(settleTimer);
        settleTimer = undefined;
        buffer.push('');
      }
      buffer.push(line);
      prompt();
    });
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      if (terminal) io.stdout.write(BRACKETED_PASTE_OFF);
      if (settleTimer) clearTimeout(settleTimer);
      // Input ended mid-paste (Ctrl-D, or a script): answer what was pasted before leaving.
      if (buffer.some((l) => l.trim() !== '')) submitBuffer();
      void chain
        .then(() => runtime.close())
        .finally(() => {
          io.stdout.write('\nBye.\n');
          resolve(0);
        });
    });
  });
}
