/**
 * File downloads end to end (the real Bolt app against the fake Slack): a file share whose `url_private`
 * does not lead to Slack's file servers (another host, the cloud metadata address, a look-alike name) is
 * never fetched; the user is told which file could not be read and still gets the diagnosis of the rest.
 * The bot token goes nowhere but Slack (here: the configured SLACK_API_URL's origin).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackFileHostRule } from '../../adapters/slack/outbound.js';
import { PASTES } from '../support/conversation.js';
import { BOT_TOKEN, nextTs, sendEvent, waitFor } from '../support/fake-slack.js';
import { posts, slackBoot, textOf, USER } from '../support/slack-bot.js';

/** Stands in for whatever a forged link points at: a metadata service, an internal admin page. */
let metadata: Server;
let metadataBase: string;
const metadataHits: string[] = [];

beforeAll(async () => {
  metadata = createServer((req, res) => {
    metadataHits.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    res.end('{"AccessKeyId":"ASIA-not-real"}');
  });
  metadata.on('connection', () => metadataHits.push('connection'));
  await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', resolve));
  metadataBase = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
});

afterAll(async () => {
  metadata.closeAllConnections();
  await new Promise((resolve) => metadata.close(resolve));
});

const start = slackBoot();

/** A Slack file object whose links were rewritten to `url`. */
const fileAt = (id: string, name: string, url: string) => ({
  id,
  name,
  title: name,
  mimetype: 'text/plain',
  filetype: 'text',
  size: 120,
  mode: 'snippet',
  url_private: url,
  url_private_download: url,
});

describe('Slack file downloads go to Slack only', () => {
  it('a file share whose links point elsewhere gets a note per file, no request, and still a diagnosis', async () => {
    // Even with 127.0.0.1 allowed by the operator: the host rule alone keeps the token off other hosts.
    const b = await start({ env: { AUTHDOCTOR_OUTBOUND_ALLOW: '127.0.0.1' } });
    const real = b.fake.file('github-401.txt', PASTES.missingHeader);
    const files = [
      fileAt('F0OTHER001', 'other-host.txt', `${metadataBase}/files-pri/T1-F1/other-host.txt`),
      fileAt(
        'F0META0001',
        'metadata.txt',
        'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
      ),
      fileAt('F0LOOK0001', 'lookalike.txt', 'https://files.slack.com.evil.example/files-pri/T1-F1/a.txt'),
      fileAt('F0HTTP0001', 'plain-http.txt', 'http://files.slack.com/files-pri/T1-F1/a.txt'),
      real,
    ];
    await sendEvent(b.base, {
      type: 'message',
      subtype: 'file_share',
      channel: 'D0USERDM03',
      channel_type: 'im',
      user: USER,
      ts: nextTs(),
      text: 'here are my files',
      files,
    });
    const note = await waitFor(() => b.fake.of('chat.postEphemeral')[0], 'the note about the files');
    const text = String(note.args.text);
    for (const name of ['other-host.txt', 'metadata.txt', 'lookalike.txt', 'plain-http.txt'])
      expect(text).toContain(`${name}: the file could not be downloaded`);
    expect(text).toContain('paste its text instead');
    expect(text).not.toContain('github-401.txt');
    // The one real file was read, with the token, from the fake Slack.
    expect(textOf(await waitFor(() => posts(b)[0], 'the diagnosis'))).toContain('No credential was sent');
    expect(b.fake.others.filter((o) => o.path.startsWith('/files/'))).toEqual([
      expect.objectContaining({ auth: `Bearer ${BOT_TOKEN}` }),
    ]);
    await b.server.stop();
    expect(metadataHits).toEqual([]);
  });
});

describe('Slack file hosts', () => {
  const rule = slackFileHostRule('https://slack.com/api/');
  const fake = slackFileHostRule('http://127.0.0.1:5000/api/');
  const ok = (r: typeof rule, url: string) => r(new URL(url)) === undefined;

  it('are Slack’s hosts and CDN over https, or the configured API origin', () => {
    expect(ok(rule, 'https://files.slack.com/files-pri/T1-F1/a.txt')).toBe(true);
    expect(ok(rule, 'https://files-edge.slack-edge.com/a.txt')).toBe(true);
    expect(ok(fake, 'http://127.0.0.1:5000/files/F1/a.txt')).toBe(true);
  });

  it.each([
    'http://files.slack.com/a.txt',
    'https://files.slack.com.evil.example/a.txt',
    'https://evilslack.com/a.txt',
    'https://slack-edge.com.evil.example/a.txt',
    'http://127.0.0.1:5001/files/F1/a.txt',
    'https://169.254.169.254/latest/meta-data/',
  ])('not %s', (url) => {
    expect(ok(rule, url)).toBe(false);
    expect(ok(fake, url)).toBe(false);
  });
});
