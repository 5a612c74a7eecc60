/**
 * The terminal chat: what `npm start` opens when no chat platform is configured. Each paste (ended by an
 * empty line, or sent in one go by a terminal's bracketed paste) gets an answer; with stdin not a terminal
 * it answers once and exits.
 */
import { createInterface } from 'node:readline';
import type { Config } from '../../src/config.js';
import { createDiagnoser } from '../../src/diagnose/service.js';
import type { CliIO } from './io.js';
import { writeLines } from './io.js';
import { readPaste } from './read-input.js';
import { renderDiagnosis, styleFor } from './render.js';

const GREETING = [
  'authdoctor: paste the request that answered 401 Unauthorized.',
  'A curl command ("Copy as cURL" in your browser devtools), its `curl -v` output, the raw HTTP response or',
  'the error log all work, alone or together. End the paste with an empty line; type "exit" or press Ctrl-C to leave.',
  'Credentials in what you paste are replaced by fingerprints and never stored.',
];

export async function runChat(io: CliIO, config: Config): Promise<number> {
  const diagnoser = createDiagnoser(config);
  const style = styleFor(io.stdout, io.env);
  const maxBytes = config.AUTHDOCTOR_MAX_INPUT_BYTES;
  if (!io.stdin.isTTY) {
    const { data, totalBytes } = await readPaste('-', io.stdin, maxBytes);
    const diagnosis = await diagnoser.diagnose(data, { intake: { maxBytes, totalBytes } });
    writeLines(io.stdout, renderDiagnosis(diagnosis, style, diagnoser.knowledge));
    return 0;
  }
  const answer = async (paste: string) => {
    try {
      const diagnosis = await diagnoser.diagnose(paste);
      writeLines(io.stdout, ['', ...renderDiagnosis(diagnosis, style, diagnoser.knowledge), '']);
    } catch (err) {
      // A bug must cost one answer, not the session.
      io.stderr.write(
        `authdoctor: could not diagnose that paste (${(err as Error).message}); try again or paste less.\n`,
      );
    }
  };
  writeLines(io.stdout, GREETING);
  const rl = createInterface({ input: io.stdin, output: io.stdout, prompt: '> ', terminal: true });
  let buffer: string[] = [];
  rl.prompt();
  return new Promise((resolve) => {
    rl.on('line', (line) => {
      if (buffer.length === 0 && /^(?:exit|quit|bye)$/i.test(line.trim())) {
        rl.close();
        return;
      }
      if (line.trim() !== '' || buffer.length === 0) {
        if (line.trim() !== '') buffer.push(line);
        rl.setPrompt(buffer.length > 0 ? '… ' : '> ');
        rl.prompt();
        return;
      }
      const paste = buffer.join('\n');
      buffer = [];
      rl.pause();
      void answer(paste).finally(() => {
        rl.setPrompt('> ');
        rl.resume();
        rl.prompt();
      });
    });
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      io.stdout.write('\nBye.\n');
      resolve(0);
    });
  });
}
