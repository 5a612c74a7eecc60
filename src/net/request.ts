/**
 * The one way authdoctor makes an HTTP request of its own. Built on node:http(s) rather than fetch because
 * fetch resolves the host again after any check we could make, whereas a `lookup` hook lets the policy vet
 * the very addresses the socket connects to (./outbound.ts). Every request has one deadline for all of it
 * (redirects and body included), the body is read as a stream up to a cap, and redirects are followed only
 * when the caller says so, each target checked as the first URL was; credentials are not carried to another
 * origin. Never throws: a failure is a result with a reason.
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { bareHost } from './addresses.js';
import {
  guardedLookup,
  type OutboundPolicy,
  OutboundRefusedError,
  type Resolve,
  type UrlRules,
  urlProblem,
} from './outbound.js';

export interface OutboundRequest extends UrlRules {
  url: string | URL;
  /** Default GET. */
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  policy: OutboundPolicy;
  /** For everything: connecting, every redirect, the whole body. */
  timeoutMs: number;
  /** Bytes of body kept; 0 reads none. */
  maxBytes: number;
  /** A body over `maxBytes`: `refuse` (default) fails, `truncate` keeps the first `maxBytes` and says so. */
  overflow?: 'refuse' | 'truncate';
  /** Redirects followed (default 0): past that, a 3xx is a `redirect` failure. */
  maxRedirects?: number;
  /** DNS resolution (default: the system's); tests substitute their own. */
  resolve?: Resolve;
}

export type OutboundFailure = 'refused' | 'redirect' | 'timeout' | 'network' | 'too_large';

export type OutboundResult =
  | {
      ok: true;
      status: number;
      headers: IncomingHttpHeaders;
      body: Buffer;
      /** The body was longer than `maxBytes` (with `overflow: 'truncate'`). */
      truncated: boolean;
      /** Where the answer came from, after redirects. */
      url: URL;
      redirects: number;
    }
  | {
      ok: false;
      failure: OutboundFailure;
      /** With the URL (scheme, host and path; never the query), for messages about a known URL. */
      reason: string;
      /** The same without the URL, for logs that must not show a path (a webhook's secret path). */
      detail: string;
      /** The HTTP status, for `redirect` and `too_large`. */
      status?: number;
      /** A short error code (`ECONNREFUSED`) for `network`. */
      code?: string;
      url?: URL;
    };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that identify the caller to one origin and must not follow a redirect to another. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

export async function outboundRequest(request: OutboundRequest): Promise<OutboundResult> {
  const signal = AbortSignal.timeout(request.timeoutMs);
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return failed('refused', 'the URL is not a URL');
  }
  const maxRedirects = request.maxRedirects ?? 0;
  let method = (request.method ?? 'GET').toUpperCase();
  let body = request.body;
  let headers: Record<string, string> = { 'user-agent': 'authdoctor', ...request.headers };
  for (let redirects = 0; ; ) {
    const refused = urlProblem(url, request.policy, request);
    if (refused) return failed('refused', refused, { url, prefix: `refused ${describeUrl(url)}` });
    let res: IncomingMessage;
    try {
      res = await exchange(url, { method, headers, body }, request, signal);
    } catch (error) {
      return failure(error, url, signal, request.timeoutMs);
    }
    const status = res.statusCode ?? 0;
    if (REDIRECTS.has(status)) {
      res.destroy();
      const target = resolveLocation(res.headers.location, url);
      const to = target ? ` to ${describeUrl(target).slice(0, 200)}` : '';
      if (redirects >= maxRedirects)
        return failed(
          'redirect',
          maxRedirects === 0
            ? `answered HTTP ${status}, a redirect${to}; redirects are refused`
            : `answered HTTP ${status}, a redirect${to}, after ${redirects} redirects; no more are followed`,
          { url, prefix: describeUrl(url), status, joiner: ' ' },
        );
      if (!target)
        return failed('redirect', `answered HTTP ${status} without a usable Location`, {
          url,
          prefix: describeUrl(url),
          status,
          joiner: ' ',
        });
      if (url.protocol === 'https:' && target.protocol === 'http:')
        return failed('refused', `a redirect from https to http${to} is refused`, {
          url,
          prefix: describeUrl(url),
          status,
        });
      if (target.origin !== url.origin)
        headers = Object.fromEntries(
          Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase())),
        );
      // As browsers and fetch do: a 303, and a 301/302 after a POST, continue as a GET without the body.
      if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
        if (method !== 'HEAD') method = 'GET';
        body = undefined;
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-/i.test(name)));
      }
      url = target;
      redirects += 1;
      continue;
    }
    try {
      const read = await readBody(res, request, signal);
      if (read === 'too_large')
        return failed('too_large', `sent more than ${sizeText(request.maxBytes)}; refused`, {
          url,
          prefix: describeUrl(url),
          status,
          joiner: ' ',
        });
      return {
        ok: true,
        status,
        headers: res.headers,
        body: read.body,
        truncated: read.truncated,
        url,
        redirects,
      };
    } catch (error) {
      return failure(error, url, signal, request.timeoutMs);
    }
  }
}

/** Scheme, host and path only: a query string could carry anything. */
export function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function failed(
  kind: OutboundFailure,
  detail: string,
  at: { url?: URL; prefix?: string; status?: number; code?: string; joiner?: string } = {},
): Extract<OutboundResult, { ok: false }> {
  return {
    ok: false,
    failure: kind,
    reason: at.prefix ? `${at.prefix}${at.joiner ?? ': '}${detail}` : detail,
    detail,
    ...(at.status !== undefined ? { status: at.status } : {}),
    ...(at.code !== undefined ? { code: at.code } : {}),
    ...(at.url ? { url: at.url } : {}),
  };
}

function failure(error: unknown, url: URL, signal: AbortSignal, timeoutMs: number) {
  const where = describeUrl(url);
  if (error instanceof OutboundRefusedError)
    return failed('refused', error.message, { url, prefix: `refused ${where}` });
  if (signal.aborted) return failed('timeout', `no answer within ${timeoutMs} ms`, { url, prefix: where });
  const e = error as NodeJS.ErrnoException | undefined;
  const code = typeof e?.code === 'string' && /^[\w.-]{1,40}$/.test(e.code) ? e.code : undefined;
  return failed('network', networkText(code), { url, prefix: where, ...(code ? { code } : {}) });
}

function networkText(code: string | undefined): string {
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ECONNRESET':
      return 'the connection was reset';
    case 'CERT_HAS_EXPIRED':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `its TLS certificate was rejected (${code})`;
    default:
      return code ? `the request failed (${code})` : 'the request failed';
  }
}

function exchange(
  url: URL,
  init: { method: string; headers: Record<string, string>; body: string | Uint8Array | undefined },
  request: OutboundRequest,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      {
        protocol: url.protocol,
        hostname: bareHost(url.hostname),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: init.method,
        headers: init.headers,
        lookup: guardedLookup(request.policy, url, request.resolve),
        // A fresh connection each time: a pooled socket may have been opened by code that skipped the guard.
        agent: false,
        signal,
      },
      resolve,
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

function readBody(
  res: IncomingMessage,
  request: OutboundRequest,
  signal: AbortSignal,
): Promise<{ body: Buffer; truncated: boolean } | 'too_large'> {
  const { maxBytes } = request;
  const refuse = request.overflow !== 'truncate';
  return new Promise((resolve, reject) => {
    let done = false;
    // The signal aborts the request; a response already streaming must be stopped too.
    const onAbort = () => res.destroy(signal.reason as Error);
    const settle = (value: { body: Buffer; truncated: boolean } | 'too_large' | Error) => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      if (value instanceof Error) reject(value);
      else resolve(value);
    };
    if (signal.aborted) return settle(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    const declared = Number(res.headers['content-length']);
    if (refuse && Number.isFinite(declared) && declared > maxBytes) {
      settle('too_large');
      res.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      const room = maxBytes - size;
      if (chunk.length <= room) {
        chunks.push(chunk);
        size += chunk.length;
        return;
      }
      if (refuse) settle('too_large');
      else {
        if (room > 0) chunks.push(chunk.subarray(0, room));
        settle({ body: Buffer.concat(chunks), truncated: true });
      }
      res.destroy();
    });
    res.on('end', () => settle({ body: Buffer.concat(chunks), truncated: false }));
    res.on('error', (error) => settle(error));
    res.on('close', () => settle(new Error('the connection closed before the body ended')));
  });
}

function resolveLocation(location: string | undefined, base: URL): URL | undefined {
  if (!location) return undefined;
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

function sizeText(bytes: number): string {
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}
