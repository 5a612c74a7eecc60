/**
 * `authdoctor serve` as a process, the way `npm start` runs it with Slack configured: it serves until
 * SIGTERM, answers what arrives meanwhile, then finishes and exits cleanly. Platform APIs are the fakes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PASTES } from './support/conversation.js';
import {
  BOT_TOKEN,
  BOT_USER,
  FakeSlack,
  freePort,
  nextTs,
  SIGNING_SECRET,
  sendEvent,
} from './support/fake-slack.js';
import { waitFor } from './support/wait.js';

const main = path.resolve(import.meta.dirname, '..', 'adapters', 'cli', 'main.ts');
let child: ChildProcess | undefined;
let fake: FakeSlack | undefined;

afterEach(async () => {
  child?.kill('SIGKILL');
  await fake?.close();
  child = undefined;
  fake = undefined;
});

describe('authdoctor serve', () => {
  it('serves Slack until SIGTERM, answering mentions, then exits 0', async () => {
    fake = await FakeSlack.start();
    fake.botAuth = `Bearer ${BOT_TOKEN}`;
    const port = await freePort();
    let stderr = '';
    child = spawn(process.execPath, ['--import', 'tsx', main, 'serve'], {
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        AUTHDOCTOR_PASTE_WINDOW_MS: '0',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
    await waitFor(() => stderr.includes('serving Slack'), 'the serving line', 30_000);
    expect(stderr).toContain(`POST /slack/events on port ${port}`);

    const ts = nextTs();
    const event = {
      type: 'app_mention',
      user: 'U0USER0001',
      channel: 'C0CHAN0001',
      ts,
      text: `<@${BOT_USER}> ${PASTES.missingHeader}`,
    };
    expect((await sendEvent(`http://127.0.0.1:${port}`, event)).status).toBe(200);
    const reply = await waitFor(() => fake?.of('chat.postMessage')[0], 'the diagnosis');
    expect(reply.args).toMatchObject({ channel: 'C0CHAN0001', thread_ts: ts });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('stopping');
  }, 60_000);

  it('refuses to start with a token Slack rejects, saying what to do', async () => {
    fake = await FakeSlack.start();
    fake.fail('auth.test', 'invalid_auth');
    let stderr = '';
    child = spawn(process.execPath, ['--import', 'tsx', main, 'serve'], {
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(await freePort()),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve) => child?.on('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(stderr).toMatch(/Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/);
    expect(stderr).not.toContain(BOT_TOKEN);
  }, 60_000);
});
