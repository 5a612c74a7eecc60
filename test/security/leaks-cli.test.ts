/**
 * The leak corpus through the command line, in process: `diagnose --json`, `diagnose`, `parse --json`,
 * `parse` and the terminal chat reading a piped paste, for every item (stdout and stderr scanned), and an
 * interactive terminal chat over the credential shapes without a format (JWTs, Basic, cookies, query keys,
 * private keys, AWS, bearer, x-api-key) that ends by asking for a human, with the escalation webhook on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveChat } from '../support/chat-driver.js';
import { runCliWith } from '../support/cli.js';
import { waitFor } from '../support/wait.js';
import { type CorpusItem, leakCorpus } from './leak-corpus.js';
import {
  escalationsReceived,
  expectNoLeaks,
  namesAny,
  type Output,
  startReceiver,
  UNLIMITED,
  type WebhookReceiver,
  webhookEnv,
} from './leak-paths.js';

const corpus = leakCorpus();
const ENV = { NO_COLOR: '1', LOG_LEVEL: 'debug', ...UNLIMITED };

const COMMANDS = [['diagnose', '--json'], ['diagnose'], ['parse', '--json'], ['parse'], ['chat']] as const;

interface Run {
  command: string;
  item: CorpusItem;
  code: number;
  stdout: string;
  stderr: string;
}

const runs: Run[] = [];
let receiver: WebhookReceiver;
let transcript = '';

beforeAll(async () => {
  for (const argv of COMMANDS)
    for (const item of corpus) {
      const run = await runCliWith([...argv], { stdin: item.paste, env: ENV });
      runs.push({ command: argv.join(' '), item, ...run });
    }
  receiver = await startReceiver();
  // The hand-built items (`jwt/…`, `basic/…`): one of each shape that has no format of its own.
  const shapes = corpus.filter((item) => item.id.includes('/') && !item.id.endsWith('/prose'));
  transcript = await driveChat([...shapes.map((item) => ({ say: item.paste })), { say: 'human' }], {
    ...ENV,
    ...webhookEnv(receiver),
  });
  await waitFor(() => escalationsReceived(receiver).length > 0, 'the terminal escalation at the webhook');
}, 120_000);

afterAll(async () => {
  await receiver?.close();
});

const outputsOf = (command: string): Output[] =>
  runs
    .filter((r) => r.command === command)
    .flatMap((r) => [
      { where: `${command} stdout (${r.item.id})`, text: r.stdout },
      { where: `${command} stderr (${r.item.id})`, text: r.stderr },
    ]);

describe('the leak corpus through the command line', () => {
  it('every command read every paste and named its credentials by fingerprint', () => {
    expect(runs.filter((r) => r.code !== 0).map((r) => `${r.command} ${r.item.id}: ${r.stderr}`)).toEqual([]);
    // `parse` lists each credential by fingerprint and the chat names them under its reply; `diagnose` only
    // mentions the ones a finding is about, but counts what it hid.
    const unnamed = runs
      .filter((r) => (r.command === 'chat' || r.command === 'parse --json') && !namesAny(r.stdout, r.item))
      .map((r) => `${r.command} ${r.item.id}`);
    expect(unnamed).toEqual([]);
    const unredacted = runs
      .filter((r) => r.command === 'diagnose --json')
      .filter((r) => !((JSON.parse(r.stdout) as { redactions: number }).redactions > 0))
      .map((r) => r.item.id);
    expect(unredacted).toEqual([]);
  });

  it.each(COMMANDS.map((argv) => argv.join(' ')))(
    '`authdoctor %s`: no secret on stdout or stderr',
    (command) => {
      expectNoLeaks(outputsOf(command));
    },
  );

  it('the interactive terminal chat and its escalation webhook: none', () => {
    expect(transcript).toContain('fingerprint');
    expect(escalationsReceived(receiver).length).toBeGreaterThan(0);
    // What the bot printed: the transcript without the lines the user typed.
    const printed = transcript
      .split('\n')
      .filter((line) => !line.startsWith('you> '))
      .join('\n');
    expectNoLeaks([{ where: 'terminal chat output', text: printed }, ...receiver.outputs()]);
  });
});
