/**
 * Where the Slack adapter's own requests may go (file downloads, response_url answers): Slack's hosts over
 * https, or the configured SLACK_API_URL's origin (a proxy or a local fake, trusted whatever its address:
 * it already gets the bot token on every API call). Everything else also passes the outbound address
 * policy (AUTHDOCTOR_OUTBOUND_ALLOW).
 */
import type { Config } from '../../src/config.js';
import { type OutboundPolicy, outboundPolicy } from '../../src/net/outbound.js';
import { outboundRequest } from '../../src/net/request.js';

const isSlackHost = (host: string) => host === 'slack.com' || host.endsWith('.slack.com');
/** Slack's CDN: file previews and downloads are sometimes served from here. */
const isSlackEdgeHost = (host: string) => host === 'slack-edge.com' || host.endsWith('.slack-edge.com');

function originOf(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The configured API URL's origin when it is not Slack's own (Slack's own need no exception). */
function configuredOrigins(apiUrl: string): string[] {
  const api = originOf(apiUrl);
  return api && !(api.protocol === 'https:' && isSlackHost(api.hostname)) ? [api.origin] : [];
}

/** The address policy for Slack's hosts: AUTHDOCTOR_OUTBOUND_ALLOW plus a configured proxy or fake. */
export function slackPolicy(allow: readonly string[], apiUrl: string): OutboundPolicy {
  return outboundPolicy({ allow, origins: configuredOrigins(apiUrl) });
}

/** Why a download URL (or a redirect on the way) is not one of Slack's file hosts, or undefined. */
export function slackFileHostRule(apiUrl: string): (url: URL) => string | undefined {
  const api = originOf(apiUrl);
  return (url) => {
    if (api && url.origin === api.origin) return undefined;
    const host = url.hostname.toLowerCase();
    if (url.protocol === 'https:' && (isSlackHost(host) || isSlackEdgeHost(host))) return undefined;
    return `${url.host} is not one of Slack's file hosts`;
  };
}

/**
 * POSTs an answer to an interaction's response_url: Slack's hosts only (checked by the caller), through the
 * address policy, no redirects, a deadline. Resolves to the HTTP status, or the failure's short reason.
 */
export async function postResponseUrl(
  config: Pick<Config, 'AUTHDOCTOR_OUTBOUND_ALLOW'>,
  apiUrl: string,
  url: string,
  body: unknown,
): Promise<{ ok: boolean; status?: number; failure?: string }> {
  const result = await outboundRequest({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    policy: slackPolicy(config.AUTHDOCTOR_OUTBOUND_ALLOW, apiUrl),
    requireHttps: false,
    hostRule: (target) => {
      const api = originOf(apiUrl);
      if (api && target.origin === api.origin) return undefined;
      return target.protocol === 'https:' && isSlackHost(target.hostname.toLowerCase())
        ? undefined
        : `${target.host} is not a Slack host`;
    },
    timeoutMs: 10_000,
    maxBytes: 0,
    overflow: 'truncate',
  });
  if (!result.ok)
    return { ok: false, failure: result.failure, ...(result.status ? { status: result.status } : {}) };
  return { ok: result.status >= 200 && result.status < 300, status: result.status };
}
