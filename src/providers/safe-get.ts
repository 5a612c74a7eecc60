/**
 * One guarded GET for a small JSON document. Built on node:http(s) rather than fetch because fetch resolves
 * the host again after any check we could make, whereas a `lookup` hook lets the guard vet the very
 * addresses the socket connects to. Redirects are never followed (a 3xx is a refusal: a redirect could lead
 * anywhere), every request has a deadline, and the body is capped. Never throws: failures are reasons.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { bareHost, guardedLookup, NetGuardError, urlProblem } from './net-guard.js';

export interface SafeGetOptions {
  timeoutMs: number;
  /** Responses larger than this are refused. */
  maxBytes: number;
  /** Tests only: loopback/private addresses and http. */
  allowPrivate: boolean;
}

export type SafeGetResult = { ok: true; json: unknown } | { ok: false; reason: string };

export async function getJson(url: URL, options: SafeGetOptions): Promise<SafeGetResult> {
  const refused = urlProblem(url, options.allowPrivate);
  if (refused) return { ok: false, reason: `refused ${describeUrl(url)}: ${refused}` };
  try {
    const body = await get(url, options);
    if (!body.ok) return body;
    try {
      return { ok: true, json: JSON.parse(body.text) };
    } catch {
      return { ok: false, reason: `${describeUrl(url)} did not return JSON` };
    }
  } catch (error) {
    return { ok: false, reason: `${describeUrl(url)}: ${failureText(error, options.timeoutMs)}` };
  }
}

/** Host and path only: a query string could carry anything. */
export function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function failureText(error: unknown, timeoutMs: number): string {
  if (error instanceof NetGuardError) return `refused: ${error.message}`;
  const e = error as NodeJS.ErrnoException | undefined;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  switch (e?.code) {
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
      return `its TLS certificate was rejected (${e.code})`;
    default:
      return e?.code ? `the request failed (${e.code})` : 'the request failed';
  }
}

function get(
  url: URL,
  options: SafeGetOptions,
): Promise<{ ok: true; text: string } | { ok: false; reason: string }> {
  return new Promise((settle, fail) => {
    const signal = AbortSignal.timeout(options.timeoutMs);
    let response: IncomingMessage | undefined;
    // The signal aborts the request; a response already streaming must be stopped too.
    const onAbort = () => response?.destroy(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    const resolve = (value: { ok: true; text: string } | { ok: false; reason: string }) => {
      signal.removeEventListener('abort', onAbort);
      settle(value);
    };
    const reject = (error: unknown) => {
      signal.removeEventListener('abort', onAbort);
      fail(error);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      {
        protocol: url.protocol,
        hostname: bareHost(url.hostname),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'authdoctor-jwks-check' },
        lookup: guardedLookup(options.allowPrivate),
        // A fresh connection each time: a pooled socket may have been opened by code that skipped the guard.
        agent: false,
        signal,
      },
      (res) => {
        response = res;
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          const to = safeLocation(res.headers.location, url);
          resolve({
            ok: false,
            reason: `${describeUrl(url)} answered HTTP ${status}, a redirect${to ? ` to ${to}` : ''}; redirects are refused`,
          });
          res.destroy();
          return;
        }
        if (status !== 200) {
          resolve({ ok: false, reason: `${describeUrl(url)} answered HTTP ${status}` });
          res.destroy();
          return;
        }
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          resolve({ ok: false, reason: tooLarge(url, options.maxBytes) });
          res.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            resolve({ ok: false, reason: tooLarge(url, options.maxBytes) });
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
        res.on('aborted', () => reject(signal.aborted ? signal.reason : new Error('aborted')));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function tooLarge(url: URL, maxBytes: number): string {
  return `${describeUrl(url)} sent more than ${Math.round(maxBytes / 1024)} KB; refused`;
}

/** Where a redirect pointed, as host and path (never its query). */
function safeLocation(location: string | undefined, base: URL): string | undefined {
  if (!location) return undefined;
  try {
    return describeUrl(new URL(location, base)).slice(0, 200);
  } catch {
    return undefined;
  }
}
