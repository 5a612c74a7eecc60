/**
 * What a button carries back: the action and the session and turn it was shown in, or a claim token. Ids
 * only, never user data, and short enough for Discord's 100-character custom_id (Slack's action_id
 * allows 255). Decoding never throws: a button from another app version or a forged payload is `undefined`.
 */
import type { Action } from '../reply/model.js';

const PREFIX = 'ad1';
const SAFE = /^[\w.:-]{1,60}$/;

export type DecodedButton =
  | { kind: 'action'; action: string; session: string; turn: number }
  | { kind: 'claim'; claim: string }
  /** The claimer hands the escalation back (the same token as its claim). */
  | { kind: 'release'; claim: string };

export function encodeAction(action: Pick<Action, 'id' | 'session' | 'turn'>): string {
  return [PREFIX, action.id, action.session, action.turn].join('|');
}

export function encodeClaim(claim: string): string {
  return [PREFIX, 'claim', claim].join('|');
}

export function encodeRelease(claim: string): string {
  return [PREFIX, 'release', claim].join('|');
}

export function decodeButton(value: string): DecodedButton | undefined {
  if (value.length > 100) return undefined;
  const [prefix, what, a, b, ...rest] = value.split('|');
  if (prefix !== PREFIX || rest.length > 0 || !what || !SAFE.test(what)) return undefined;
  if (what === 'claim' || what === 'release')
    return a && SAFE.test(a) && b === undefined ? { kind: what, claim: a } : undefined;
  const turn = Number(b);
  if (!a || !SAFE.test(a) || !Number.isSafeInteger(turn) || turn < 0) return undefined;
  return { kind: 'action', action: what, session: a, turn };
}
