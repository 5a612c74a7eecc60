/**
 * `npm run discord:register`: registers authdoctor's commands (`/diagnose` and the "Diagnose with
 * authdoctor" message command) and prints the invite URL. With DISCORD_GUILD_ID set they are registered in
 * that server only, which takes effect at once (for development); without it, globally. Registration is a
 * PUT of the whole list, so running it again is safe and removes commands that no longer exist.
 */
import { REST, Routes } from 'discord.js';
import { commandDefinitions, inviteUrl } from '../adapters/discord/commands.js';
import { loadConfig } from '../src/config.js';
import { isAuthdoctorError } from '../src/errors.js';

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const token = config.DISCORD_TOKEN;
  const applicationId = config.DISCORD_APPLICATION_ID;
  if (!token || !applicationId) {
    process.stderr.write('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see docs/discord.md).\n');
    return 2;
  }
  const rest = new REST({
    ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL.replace(/\/+$/, '') } : {}),
  }).setToken(token);
  const commands = commandDefinitions();
  const guild = config.DISCORD_GUILD_ID;
  const route = guild
    ? Routes.applicationGuildCommands(applicationId, guild)
    : Routes.applicationCommands(applicationId);
  const registered = (await rest.put(route, { body: commands })) as { name: string }[];
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(
    `Registered ${registered.length} commands ${guild ? `in server ${guild} (available now)` : 'globally (may take up to an hour to appear)'}: ${registered.map((c) => c.name).join(', ')}`,
  );
  out();
  out('Invite the bot with the permissions it needs:');
  out(`  ${inviteUrl(applicationId, false)}`);
  out('With Manage Messages too, so it can offer to delete a message that holds a credential:');
  out(`  ${inviteUrl(applicationId, true)}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Never the token: config errors name variables only, Discord's errors say what it refused.
    const message = isAuthdoctorError(error)
      ? `${error.message}${error.hint ? `\n${error.hint}` : ''}`
      : `Registering the commands failed: ${(error as Error).message}`;
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  },
);
