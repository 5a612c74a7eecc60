/**
 * The escalation webhook's signature, for us and for receivers: `X-Authdoctor-Signature: sha256=<hex>` is
 * HMAC-SHA256(secret, "<timestamp>.<body>") with `X-Authdoctor-Timestamp: <unix seconds>` (the scheme Stripe
 * and Slack use). Signing the timestamp with the body lets a receiver refuse replays outside a time window.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-authdoctor-signature';
export const TIMESTAMP_HEADER = 'x-authdoctor-timestamp';
/** The same id on every retry of one delivery: receivers de-duplicate on it. */
export const DELIVERY_HEADER = 'x-authdoctor-delivery';
export const EVENT_HEADER = 'x-authdoctor-event';

/** How far a timestamp may be from the receiver's clock by default: five minutes either way. */
export const DEFAULT_TOLERANCE_S = 300;

const SIGNATURE = /^sha256=([0-9a-f]{64})$/;
const TIMESTAMP = /^\d{1,12}$/;

/** `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. */
export function signWebhook(secret: string, timestamp: number | string, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `sha256=${mac}`;
}

export interface VerifyInput {
  /** The X-Authdoctor-Signature header as received. */
  signature: string | null | undefined;
  /** The X-Authdoctor-Timestamp header as received. */
  timestamp: string | null | undefined;
  /** The raw request body, exactly as received (before any JSON parsing). */
  body: string;
}

/**
 * True when the signature is the secret's over this timestamp and body, and the timestamp is within
 * `toleranceS` of `now` (ms). Never throws: a missing or malformed header is simply false. The comparison
 * is constant-time, so a forger learns nothing from how long a refusal takes.
 */
export function verifyWebhook(
  secret: string,
  input: VerifyInput,
  options: { toleranceS?: number; now?: number } = {},
): boolean {
  const { signature, timestamp, body } = input;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || typeof body !== 'string')
    return false;
  const given = SIGNATURE.exec(signature.trim().toLowerCase());
  if (!given || !TIMESTAMP.test(timestamp)) return false;
  const nowS = Math.floor((options.now ?? Date.now()) / 1000);
  const tolerance = options.toleranceS ?? DEFAULT_TOLERANCE_S;
  if (Math.abs(nowS - Number(timestamp)) > tolerance) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body).slice('sha256='.length), 'hex');
  const actual = Buffer.from(given[1]!, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
