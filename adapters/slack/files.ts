/**
 * Text files and snippets attached to a message, read as part of the paste. `url_private` needs the bot
 * token, so the token is only ever sent to Slack's own file hosts (or the configured API host, for proxies
 * and fakes), on the first request and on every redirect (./outbound.ts), and only to addresses the
 * outbound policy allows. Everything that could not be read becomes a note for the user, never an error.
 */
import type { Resolve } from '../../src/net/outbound.js';
import { readAttachment } from '../../src/platform/attachments.js';
import { slackFileHostRule, slackPolicy } from './outbound.js';
import type { SlackFile } from './payloads.js';

export interface FilesRead {
  attachments: { name: string; text: string; truncated: boolean }[];
  /** One sentence per file that was not read (or not whole), for the user. */
  notes: string[];
}

export interface FileReader {
  token: string;
  /** The intake cap: all files together are read up to this many bytes. */
  maxBytes: number;
  /** SLACK_API_URL, whose host may serve files too. */
  apiUrl: string;
  /** AUTHDOCTOR_OUTBOUND_ALLOW. */
  allow: readonly string[];
  timeoutMs?: number;
  /** DNS resolution (tests). */
  resolve?: Resolve;
}

const NO_CONTENT_MODES = new Set(['tombstone', 'hidden_by_limit']);
const BINARY_TYPES = /^(?:image|video|audio|font)\/|^application\/(?:pdf|zip|gzip|x-tar|octet-stream|vnd\.)/;

export async function readFiles(files: readonly SlackFile[], reader: FileReader): Promise<FilesRead> {
  const out: FilesRead = { attachments: [], notes: [] };
  let budget = reader.maxBytes;
  const policy = slackPolicy(reader.allow, reader.apiUrl);
  const hostRule = slackFileHostRule(reader.apiUrl);
  for (const file of files) {
    const name = (file.name || file.title || 'attached file').slice(0, 120);
    const url = file.url_private_download ?? file.url_private;
    if (file.mode && NO_CONTENT_MODES.has(file.mode)) {
      out.notes.push(`${name}: Slack no longer shows me this file; paste its text instead.`);
    } else if (!url || file.file_access === 'check_file_info') {
      out.notes.push(
        `${name}: I cannot open this file (shared from another workspace?); paste its text instead.`,
      );
    } else if (!onSlackFileHost(url, hostRule)) {
      // Not even asked for: the link in the payload does not lead to Slack.
      out.notes.push(
        `${name}: the file could not be downloaded (its link does not lead to Slack's file servers); paste its text instead.`,
      );
    } else if (file.mimetype && BINARY_TYPES.test(file.mimetype)) {
      out.notes.push(`${name} is not a text file; paste the request, trace or log as text.`);
    } else if (budget <= 0) {
      out.notes.push(`${name}: not read, the paste is already at the size limit.`);
    } else {
      const read = await readAttachment({
        url,
        name,
        headers: { Authorization: `Bearer ${reader.token}` },
        maxBytes: budget,
        policy,
        hostRule,
        hostsName: "Slack's file servers",
        ...(file.size !== undefined ? { size: file.size } : {}),
        ...(reader.timeoutMs !== undefined ? { timeoutMs: reader.timeoutMs } : {}),
        ...(reader.resolve ? { resolve: reader.resolve } : {}),
      });
      if (!read.ok) {
        out.notes.push(read.message);
        continue;
      }
      // A cut file is said in the diagnosis itself ("larger than I read").
      out.attachments.push({ name, text: read.text, truncated: read.truncated });
      budget -= Buffer.byteLength(read.text, 'utf8');
    }
  }
  return out;
}

function onSlackFileHost(url: string, rule: (url: URL) => string | undefined): boolean {
  try {
    return rule(new URL(url)) === undefined;
  } catch {
    return false;
  }
}

/**
 * Whether a URL from a payload may be sent the bot token or an answer: Slack's hosts over https, or the
 * configured API host (a proxy or a local fake).
 */
export function trustedSlackUrl(url: string, apiUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const api = new URL(apiUrl);
  if (target.host === api.host && target.protocol === api.protocol) return true;
  const host = target.hostname;
  return target.protocol === 'https:' && (host === 'slack.com' || host.endsWith('.slack.com'));
}
