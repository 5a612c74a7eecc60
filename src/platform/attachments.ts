/**
 * Reads a file someone attached to a message (a Slack snippet, a Discord attachment) as text for intake.
 * Never throws: what could not be read comes back with a reason the user can act on. Reads at most
 * `maxBytes` (the intake cap; intake would not look further), gives up after `timeoutMs`, and refuses
 * binary files rather than feed a screenshot to the parsers.
 */

export interface AttachmentRequest {
  url: string;
  name: string;
  /** Sent with the request (Slack's `url_private` needs the bot token). */
  headers?: Record<string, string>;
  maxBytes: number;
  timeoutMs?: number;
  /** The size the platform announced, when it did: a file over the cap is not fetched whole. */
  size?: number;
  fetch?: typeof fetch;
}

export type AttachmentResult =
  | { ok: true; name: string; text: string; truncated: boolean }
  | { ok: false; name: string; reason: 'binary' | 'http' | 'timeout' | 'network'; message: string };

const SNIFF_BYTES = 8192;

export async function readAttachment(request: AttachmentRequest): Promise<AttachmentResult> {
  const { name, maxBytes } = request;
  const fail = (reason: Extract<AttachmentResult, { ok: false }>['reason'], message: string) =>
    ({ ok: false, name, reason, message }) as const;
  const signal = AbortSignal.timeout(request.timeoutMs ?? 10_000);
  try {
    const response = await (request.fetch ?? fetch)(request.url, {
      ...(request.headers ? { headers: request.headers } : {}),
      signal,
    });
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      return fail(
        'http',
        `${name}: the file could not be downloaded (HTTP ${response.status}); paste its text instead.`,
      );
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    let truncated = false;
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = maxBytes - total;
      chunks.push(value.byteLength > room ? value.subarray(0, room) : value);
      total += Math.min(value.byteLength, room);
      if (value.byteLength > room || total >= maxBytes) {
        truncated = value.byteLength > room || (request.size ?? 0) > maxBytes;
        await reader.cancel();
        break;
      }
    }
    const bytes = Buffer.concat(chunks);
    if (bytes.subarray(0, SNIFF_BYTES).includes(0))
      return fail('binary', `${name} is not a text file; paste the request, trace or log as text.`);
    return { ok: true, name, text: bytes.toString('utf8'), truncated };
  } catch (error) {
    if (signal.aborted) return fail('timeout', `${name}: the download timed out; paste its text instead.`);
    return fail(
      'network',
      `${name}: the file could not be downloaded (${(error as Error).name}); paste its text instead.`,
    );
  }
}
