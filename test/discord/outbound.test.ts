/**
 * Attachment downloads end to end (the real discord.js bot against the fake Discord): an attachment whose
 * URL is not on Discord's CDN (or on the configured DISCORD_API_URL's origin, where the fake serves them)
 * is never fetched; the user gets a note naming the file and the diagnosis of the rest.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discordFileHostRule } from '../../adapters/discord/intake.js';
import { PASTES } from '../support/conversation.js';
import { discordBoot } from '../support/discord-bot.js';
import { discordText } from '../support/discord-payloads.js';
import { waitFor } from '../support/fake-discord.js';

let metadata: Server;
let metadataBase: string;
const metadataHits: string[] = [];

beforeAll(async () => {
  metadata = createServer((req, res) => {
    metadataHits.push(`${req.method} ${req.url}`);
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

const boot = discordBoot();

describe('Discord attachment downloads go to Discord only', () => {
  it('a message whose attachments point elsewhere gets a note per file, no request, and still a diagnosis', async () => {
    const { fake } = await boot({ env: { AUTHDOCTOR_OUTBOUND_ALLOW: '127.0.0.1' } });
    const real = fake.serveFile('trace.txt', PASTES.missingHeader);
    fake.postMessage({
      channel: fake.channelIds.general,
      author: fake.alice,
      content: `<@${fake.bot.id}> see the attached trace`,
      mentions: [fake.bot],
      attachments: [
        { filename: 'other-host.txt', url: `${metadataBase}/attachments/1/2/other-host.txt`, size: 100 },
        { filename: 'metadata.txt', url: 'http://169.254.169.254/latest/meta-data/', size: 100 },
        { filename: 'lookalike.txt', url: 'https://cdn.discordapp.com.evil.example/a.txt', size: 100 },
        { filename: 'trace.txt', ...real },
      ],
    });
    const sent = () => fake.calls.filter((c) => c.method === 'POST' && /\/messages$/.test(c.path));
    const names = ['other-host.txt', 'metadata.txt', 'lookalike.txt'];
    const notes = () =>
      sent()
        .map((c) => discordText(c.body))
        .join('\n');
    const text = await waitFor(
      () => names.every((name) => notes().includes(name)) && notes(),
      'a note about each file',
    );
    for (const name of names)
      expect(text).toContain(
        `${name}: the file could not be downloaded (its link does not lead to Discord's file servers)`,
      );
    expect(text).not.toContain('trace.txt');
    await waitFor(
      () => sent().find((c) => discordText(c.body).includes('No credential was sent')),
      'the diagnosis of the one real file',
    );
    expect(metadataHits).toEqual([]);
  });
});

describe('Discord attachment hosts', () => {
  const rule = discordFileHostRule({ AUTHDOCTOR_OUTBOUND_ALLOW: [], DISCORD_API_URL: undefined });
  const fake = discordFileHostRule({
    AUTHDOCTOR_OUTBOUND_ALLOW: [],
    DISCORD_API_URL: 'http://127.0.0.1:5000/api',
  });
  const ok = (r: typeof rule, url: string) => r(new URL(url)) === undefined;

  it('are Discord’s CDN over https, or the configured API origin', () => {
    expect(ok(rule, 'https://cdn.discordapp.com/attachments/1/2/trace.txt')).toBe(true);
    expect(ok(rule, 'https://media.discordapp.net/attachments/1/2/trace.txt')).toBe(true);
    expect(ok(fake, 'http://127.0.0.1:5000/attachments/x/trace.txt')).toBe(true);
  });

  it.each([
    'http://cdn.discordapp.com/attachments/1/2/trace.txt',
    'https://cdn.discordapp.com.evil.example/a.txt',
    'https://discord.com/api/v10/users/@me',
    'http://127.0.0.1:5001/attachments/x/trace.txt',
    'http://169.254.169.254/latest/meta-data/',
  ])('not %s', (url) => {
    expect(ok(rule, url)).toBe(false);
    expect(ok(fake, url)).toBe(false);
  });
});
