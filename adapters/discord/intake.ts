/**
 * Attachments (the `/diagnose` file option, files on a message) read as part of the paste. What cannot be
 * read (binary, too slow, gone) becomes a note for the user instead of silence.
 */
import { escapeMarkdown } from 'discord.js';
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

export async function readFiles(
  files: readonly AttachmentLike[],
  maxBytes: number,
  timeoutMs?: number,
): Promise<ReadFiles> {
  const results = await Promise.all(
    files.slice(0, MAX_ATTACHMENTS).map((f) =>
      readAttachment({
        url: f.url,
        name: f.name,
        size: f.size,
        maxBytes,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
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
