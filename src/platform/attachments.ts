/**
 * Reads a file someone attached to a message (a Slack snippet, a Discord attachment) as text for intake.
 * The URL comes from the platform's payload, so the download is an outbound request like any other
 * (src/net/request.ts): only to the platform's file hosts (`hostRule`, checked again on every redirect,
 * at most MAX_REDIRECTS of them), only to addresses the outbound policy allows, with the Authorization
 * header dropped when a redirect leaves the origin. Never throws: what could not be read comes back with
 * a reason the user can act on. Reads at most `maxBytes` (the intake cap; intake would not look further),
 * gives up after `timeoutMs`, and refuses binary files rather than feed a screenshot to the parsers.
 */
import type { OutboundPolicy, Resolve } from '../net/outbound.js';
import { outboundRequest } from '../net/request.js';

export interface AttachmentRequest {
  url: string;
  name: string;
  /** Sent with the request (Slack's `url_private` needs the bot token); not carried to another origin. */
  headers?: Record<string, string>;
  maxBytes: number;
  timeoutMs?: number;
  /** The size the platform announced, when it did (kept for callers; the read itself is capped). */
  size?: number;
  /** Which addresses may be reached (AUTHDOCTOR_OUTBOUND_ALLOW plus the platform's configured API origin). */
  policy: OutboundPolicy;
  /** The platform's file hosts: why a URL is not one of them, or undefined. */
  hostRule: (url: URL) => string | undefined;
  /** What they are called in a note to the user (default "the platform's file servers"). */
  hostsName?: string;
  /** DNS resolution (tests). */
  resolve?: Resolve;
}

export type AttachmentResult =
  | { ok: true; name: string; text: string; truncated: boolean }
  | {
      ok: false;
      name: string;
      reason: 'binary' | 'http' | 'timeout' | 'network' | 'refused';
      message: string;
    };

const SNIFF_BYTES = 8192;
/** A platform's CDN may bounce a download once or twice; more is not a file host behaving normally. */
export const MAX_REDIRECTS = 3;

export async function readAttachment(request: AttachmentRequest): Promise<AttachmentResult> {
  const { name } = request;
  const fail = (reason: Extract<AttachmentResult, { ok: false }>['reason'], message: string) =>
    ({ ok: false, name, reason, message }) as const;
  const result = await outboundRequest({
    url: request.url,
    ...(request.headers ? { headers: request.headers } : {}),
    policy: request.policy,
    hostRule: request.hostRule,
    // The host rule decides the scheme: a platform's hosts are https, a configured fake or proxy may not be.
    requireHttps: false,
    timeoutMs: request.timeoutMs ?? 10_000,
    maxBytes: request.maxBytes,
    overflow: 'truncate',
    maxRedirects: MAX_REDIRECTS,
    ...(request.resolve ? { resolve: request.resolve } : {}),
  });
  if (!result.ok) {
    switch (result.failure) {
      case 'timeout':
        return fail('timeout', `${name}: the download timed out; paste its text instead.`);
      case 'refused':
        return fail(
          'refused',
          `${name}: the file could not be downloaded (its link does not lead to ${request.hostsName ?? "the platform's file servers"}); paste its text instead.`,
        );
      case 'redirect':
        return fail(
          'refused',
          `${name}: the file could not be downloaded (it was redirected too often); paste its text instead.`,
        );
      default:
        return fail(
          'network',
          `${name}: the file could not be downloaded (${result.code ?? 'network error'}); paste its text instead.`,
        );
    }
  }
  if (result.status < 200 || result.status >= 300)
    return fail(
      'http',
      `${name}: the file could not be downloaded (HTTP ${result.status}); paste its text instead.`,
    );
  if (result.body.subarray(0, SNIFF_BYTES).includes(0))
    return fail('binary', `${name} is not a text file; paste the request, trace or log as text.`);
  return { ok: true, name, text: result.body.toString('utf8'), truncated: result.truncated };
}
