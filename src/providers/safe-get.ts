/**
 * One guarded GET for a small JSON document (JWKS discovery and key sets), over the outbound request
 * (src/net/request.ts): the address policy, https only (plain http only to a host the operator listed),
 * no redirects (a 3xx is a refusal: a redirect could lead anywhere), a deadline, and a body over the cap
 * is refused rather than cut. Never throws: failures are reasons.
 */
import type { OutboundPolicy } from '../net/outbound.js';
import { describeUrl, outboundRequest } from '../net/request.js';

export { describeUrl } from '../net/request.js';

export interface SafeGetOptions {
  timeoutMs: number;
  /** Responses larger than this are refused. */
  maxBytes: number;
  /** Which addresses may be reached (AUTHDOCTOR_OUTBOUND_ALLOW). */
  policy: OutboundPolicy;
}

export type SafeGetResult = { ok: true; json: unknown } | { ok: false; reason: string };

export async function getJson(url: URL, options: SafeGetOptions): Promise<SafeGetResult> {
  const result = await outboundRequest({
    url,
    headers: { accept: 'application/json', 'user-agent': 'authdoctor-jwks-check' },
    policy: options.policy,
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes,
  });
  if (!result.ok) return { ok: false, reason: result.reason };
  if (result.status !== 200)
    return { ok: false, reason: `${describeUrl(url)} answered HTTP ${result.status}` };
  try {
    return { ok: true, json: JSON.parse(result.body.toString('utf8')) };
  } catch {
    return { ok: false, reason: `${describeUrl(url)} did not return JSON` };
  }
}
