/**
 * The application commands authdoctor registers, and the ids the adapter recognises them by. Shared by the
 * adapter and `npm run discord:register`, so what is registered and what is handled cannot drift apart.
 */
import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from 'discord.js';

export const DIAGNOSE_COMMAND = 'diagnose';
export const PASTE_OPTION = 'paste';
export const FILE_OPTION = 'file';
export const CONTEXT_COMMAND = 'Diagnose with authdoctor';
/** Analytics for the admins named in AUTHDOCTOR_ADMINS (the handler checks; Discord permissions do not). */
export const STATS_COMMAND = 'diagnose-stats';

/** The modal `/diagnose` opens when it has neither a paste nor a file. */
export const PASTE_MODAL = 'authdoctor:paste';
export const PASTE_INPUT = 'paste';
/** Discord's cap for a paragraph text input. */
export const PASTE_INPUT_MAX = 4000;
/** Discord's cap for a string option. */
export const PASTE_OPTION_MAX = 6000;

/** Where the commands can be used: servers the bot is in, and its DMs (not as a user-installed app). */
const CONTEXTS = [InteractionContextType.Guild, InteractionContextType.BotDM];
const INSTALLS = [ApplicationIntegrationType.GuildInstall];

export function commandDefinitions(): RESTPostAPIApplicationCommandsJSONBody[] {
  const diagnose = new SlashCommandBuilder()
    .setName(DIAGNOSE_COMMAND)
    .setDescription('Diagnose a 401 Unauthorized: paste the request, trace or log (or attach it)')
    .setContexts(CONTEXTS)
    .setIntegrationTypes(INSTALLS)
    .addStringOption((o) =>
      o
        .setName(PASTE_OPTION)
        .setDescription('The failing request and what came back (curl -v output, raw HTTP, an error log)')
        .setMaxLength(PASTE_OPTION_MAX),
    )
    .addAttachmentOption((o) =>
      o.setName(FILE_OPTION).setDescription('A text file: a curl -v trace, a HAR file, a log'),
    );
  const context = new ContextMenuCommandBuilder()
    .setName(CONTEXT_COMMAND)
    .setType(ApplicationCommandType.Message)
    .setContexts(CONTEXTS)
    .setIntegrationTypes(INSTALLS);
  const stats = new SlashCommandBuilder()
    .setName(STATS_COMMAND)
    .setDescription('authdoctor statistics for the last 7 and 30 days (admins named in AUTHDOCTOR_ADMINS)')
    .setContexts(CONTEXTS)
    .setIntegrationTypes(INSTALLS);
  return [diagnose.toJSON(), context.toJSON(), stats.toJSON()];
}

/**
 * What the bot needs in a channel: read and answer messages, run its threads, show findings as embeds and
 * long output as files. Manage Messages is optional: with it the bot offers to delete a message that
 * holds a credential.
 */
export const REQUIRED_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles;
export const OPTIONAL_PERMISSIONS = PermissionFlagsBits.ManageMessages;

export function inviteUrl(applicationId: string, withOptional: boolean): string {
  const permissions = withOptional ? REQUIRED_PERMISSIONS | OPTIONAL_PERMISSIONS : REQUIRED_PERMISSIONS;
  const query = new URLSearchParams({
    client_id: applicationId,
    scope: 'bot applications.commands',
    permissions: permissions.toString(),
  });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}
