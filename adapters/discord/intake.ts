/**
 * Attachments (the `/diagnose` file option, files on a message) read as part of the paste. What cannot be
 * read (binary, too slow, gone, not on Discord's CDN) becomes a note for the user instead of silence.
 * Downloads go only to Discord's CDN hosts over https, or to the configured DISCORD_API_URL's origin (a
 * proxy or a local fake, trusted whatever its address), on the first request and every redirect; and only
 * to addresses the outbound policy (AUTHDOCTOR_OUTBOUND_ALLOW) allows.
 */
import { escapeMarkdown } from 'discord.js';
import type { Config } from '../../src/config.js';
import { type OutboundPolicy, outboundPolicy, type Resolve } from '../../src/net/outbound.js';
import { readAttachment } from '../../src/platform/attachments.js';

export interface AttachmentLike {
  name: string;
  url: string;
  size: number;
}

/** More files than this on one message are not read: a paste is one request and its output. */
export const MAX_ATTACHMENTS = 5;

export interface ReadFiles {
  attachments: { name: string; text: string; truncated: boolean }[];
  notes: string[];
}

/** What decides where a download may go: the allow list and the configured API URL. */
export type DiscordFileAccess = Pick<Config, 'AUTHDOCTOR_OUTBOUND_ALLOW' | 'DISCORD_API_URL'> & {
  /** DNS resolution (tests). */
  resolve?: Resolve;
};

/** Discord's attachment hosts. */
const CDN_HOSTS = new Set(['cdn.discordapp.com', 'media.discordapp.net']);

function apiOrigin(access: DiscordFileAccess): string | undefined {
  try {
    return access.DISCORD_API_URL ? new URL(access.DISCORD_API_URL).origin : undefined;
  } catch {
    return undefined;
  }
}

/** Why a download URL (or a redirect on the way) is not on Discord's CDN, or undefined. */
export function discordFileHostRule(access: DiscordFileAccess): (url: URL) => string | undefined {
  const api = apiOrigin(access);
  return (url) =>
    (api !== undefined && url.origin === api) ||
    (url.protocol === 'https:' && CDN_HOSTS.has(url.hostname.toLowerCase()))
      ? undefined
      : `${url.host} is not one of Discord's attachment hosts`;
}

export function discordPolicy(access: DiscordFileAccess): OutboundPolicy {
  const api = apiOrigin(access);
  return outboundPolicy({ allow: access.AUTHDOCTOR_OUTBOUND_ALLOW, ...(api ? { origins: [api] } : {}) });
}

export async function readFiles(
  files: readonly AttachmentLike[],
  maxBytes: number,
  timeoutMs: number | undefined,
  access: DiscordFileAccess,
): Promise<ReadFiles> {
  const policy = discordPolicy(access);
  const hostRule = discordFileHostRule(access);
  const results = await Promise.all(
    files.slice(0, MAX_ATTACHMENTS).map((f) =>
      readAttachment({
        url: f.url,
        name: f.name,
        size: f.size,
        maxBytes,
        policy,
        hostRule,
        hostsName: "Discord's file servers",
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(access.resolve ? { resolve: access.resolve } : {}),
      }),
    ),
  );
  const attachments: ReadFiles['attachments'] = [];
  const notes: string[] = [];
  for (const result of results) {
    if (result.ok) attachments.push({ name: result.name, text: result.text, truncated: result.truncated });
    // The message names the file, which is user text: escaped so it cannot format or link.
    else notes.push(escapeMarkdown(result.message));
  }
  if (files.length > MAX_ATTACHMENTS)
    notes.push(`I read the first ${MAX_ATTACHMENTS} files only; paste the rest if they matter.`);
  return { attachments, notes };
}
