/**
 * Registers authdoctor's commands (`/diagnose` and the "Diagnose with authdoctor" message command) and prints
 * the invite URLs. With DISCORD_GUILD_ID set they are registered in that server only, which takes effect at
 * once (for development); without it, globally. Registration is a PUT of the whole list, so running it again
 * is safe and removes commands that no longer exist. Run by `npm run discord:register` and by
 * `authdoctor discord-register` (the same in the Docker image, which has no dev tools).
 */
import { REST, Routes } from 'discord.js';
import type { Config } from '../../src/config.js';
import { AuthdoctorError, ErrorCodes } from '../../src/errors.js';
import { commandDefinitions, inviteUrl } from './commands.js';

export async function registerDiscordCommands(config: Config, out: (line?: string) => void): Promise<void> {
  const token = config.DISCORD_TOKEN;
  const applicationId = config.DISCORD_APPLICATION_ID;
  if (!token || !applicationId)
    throw new AuthdoctorError(ErrorCodes.USAGE, 'Set DISCORD_TOKEN and DISCORD_APPLICATION_ID.', {
      hint: 'docs/discord.md says where to find both.',
    });
  const rest = new REST({
    ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL.replace(/\/+$/, '') } : {}),
  }).setToken(token);
  const guild = config.DISCORD_GUILD_ID;
  const route = guild
    ? Routes.applicationGuildCommands(applicationId, guild)
    : Routes.applicationCommands(applicationId);
  let registered: { name: string }[];
  try {
    registered = (await rest.put(route, { body: commandDefinitions() })) as { name: string }[];
  } catch (error) {
    // Discord's own message says what it refused; the token is never part of it.
    throw new AuthdoctorError(
      ErrorCodes.PLATFORM_REFUSED,
      `Discord refused the command registration: ${(error as Error).message}`,
      {
        hint: 'Check DISCORD_TOKEN and DISCORD_APPLICATION_ID (and that the bot is in DISCORD_GUILD_ID).',
        cause: error,
      },
    );
  }
  out(
    `Registered ${registered.length} commands ${guild ? `in server ${guild} (available now)` : 'globally (may take up to an hour to appear)'}: ${registered.map((c) => c.name).join(', ')}`,
  );
  out();
  out('Invite the bot with the permissions it needs:');
  out(`  ${inviteUrl(applicationId, false)}`);
  out('With Manage Messages too, so it can offer to delete a message that holds a credential:');
  out(`  ${inviteUrl(applicationId, true)}`);
}
