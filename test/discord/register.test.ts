/**
 * `npm run discord:register` against the fake: the PUT body is the command list, the route is global or
 * per guild, and the printed invite URL asks for exactly the permissions the bot needs.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { afterEach, expect, it } from 'vitest';
import { FakeDiscord } from '../support/fake-discord.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
let fake: FakeDiscord | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function register(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'scripts/discord-register.ts'],
      { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number(error.code ?? 1) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        }),
    );
  });
}

const TOKEN = 'fake-register-token.discord';

it('registers the commands globally and prints the invite URL with the minimal permissions', async () => {
  fake = await FakeDiscord.start();
  const run = await register({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const puts = fake.callsTo('PUT', /^\/applications\//);
  expect(puts.map((c) => c.path)).toEqual([`/applications/${fake.applicationId}/commands`]);
  const body = puts[0]!.body as {
    name: string;
    type?: number;
    options?: { name: string; type: number; max_length?: number }[];
  }[];
  const diagnose = body.find((c) => c.name === 'diagnose')!;
  expect(diagnose.options?.map((o) => [o.name, o.type])).toEqual([
    ['paste', 3],
    ['file', 11],
  ]);
  expect(body.find((c) => c.name === 'Diagnose with authdoctor')?.type).toBe(3);

  const urls = [...run.stdout.matchAll(/https:\/\/discord\.com\/oauth2\/authorize\?\S+/g)].map(
    (m) => new URL(m[0]),
  );
  expect(urls).toHaveLength(2);
  const [minimal, withDelete] = urls as [URL, URL];
  expect(minimal.searchParams.get('client_id')).toBe(fake.applicationId);
  expect(minimal.searchParams.get('scope')).toBe('bot applications.commands');
  const granted = new PermissionsBitField(BigInt(minimal.searchParams.get('permissions')!));
  expect(granted.toArray().sort()).toEqual(
    [
      'ViewChannel',
      'SendMessages',
      'SendMessagesInThreads',
      'CreatePublicThreads',
      'ReadMessageHistory',
      'EmbedLinks',
      'AttachFiles',
    ].sort(),
  );
  const more = new PermissionsBitField(BigInt(withDelete.searchParams.get('permissions')!));
  expect(more.remove(granted).toArray()).toEqual(['ManageMessages']);
  expect(more.has(PermissionFlagsBits.ManageMessages)).toBe(true);
  expect(run.stdout).not.toContain(TOKEN);
});

it('with DISCORD_GUILD_ID registers in that server only', async () => {
  fake = await FakeDiscord.start();
  const run = await register({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: fake.guildId,
  });
  expect(run.code).toBe(0);
  expect(fake.callsTo('PUT', /^\/applications\//).map((c) => c.path)).toEqual([
    `/applications/${fake.applicationId}/guilds/${fake.guildId}/commands`,
  ]);
  expect(run.stdout).toContain(`in server ${fake.guildId}`);
});

it('without credentials says what to set and exits non-zero', async () => {
  const run = await register({});
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('DISCORD_TOKEN');
});

it('a registration Discord refuses says so, with what to check, and never prints the token', async () => {
  fake = await FakeDiscord.start();
  fake.failNext('PUT', /^\/applications\//, 403, { message: 'Missing Access', code: 50001 });
  const run = await register({
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: fake.guildId,
  });
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/Discord refused the command registration: Missing Access/);
  expect(run.stderr).toMatch(/Check DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
  expect(run.stdout + run.stderr).not.toContain(TOKEN);
});
