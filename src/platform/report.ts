/**
 * Whether a message posted in a watched support channel (no mention, no command) is a 401 report the bot
 * should answer unasked. Deliberately conservative: people talk in these channels, and an unasked reply to
 * chatter is noise, so a message must name the failure or carry a request that shows an auth problem.
 */
import type { Diagnoser } from '../diagnose/service.js';

/** Words people use for the failure itself. Linear: alternations of literals, bounded gaps. */
const FAILURE_WORDS =
  /\bunauthori[sz]ed\b|\bunauthenticated\b|\binvalid[ _-]?(?:api[ _-]?)?(?:key|token|credentials?|signature|client)\b|\b(?:token|jwt|credentials?|session|api key)\s(?:has\s|is\s|was\s)?expired\b|\bauthentication\s(?:failed|required|error|fails)\b|\bnot\sauthenticated\b|\bmissing\s(?:api\skey|authorization|bearer|credentials?)\b|\bbad\scredentials\b/i;
const STATUS_401 = /\b401\b/;
const STATUS_CONTEXT =
  /\b(?:http|status|error|code|returns?|returning|returned|got|getting|gets|fails?|failing|failed|response)\b/i;

/** Kinds that carry a request or exchange: enough to diagnose even when nobody wrote "401". */
const REQUEST_KINDS = new Set(['curl', 'curl_trace', 'http_request', 'har', 'httpie', 'powershell']);
/** Only the head of a long message is looked at: a report says what it is early. */
const HEAD_CHARS = 20_000;

export async function looksLikeAuthReport(diagnoser: Diagnoser, text: string, at: number): Promise<boolean> {
  const head = text.slice(0, HEAD_CHARS);
  if (FAILURE_WORDS.test(head)) return true;
  if (STATUS_401.test(head) && STATUS_CONTEXT.test(head)) return true;
  if (!/\bcurl\b|\bHTTP\/\d|^(?:GET|POST|PUT|PATCH|DELETE)\s/im.test(head)) return false;
  const { evidence, diagnosis } = await diagnoser.examine(head, { clock: { now: at, uncertaintyMs: 0 } });
  const statuses = [
    ...evidence.exchanges.flatMap((x) => (x.response ? [x.response.status] : [])),
    ...evidence.errorBodies.flatMap((b) => (b.status !== undefined ? [b.status] : [])),
  ];
  if (statuses.includes(401)) return true;
  if (statuses.some((s) => s >= 200 && s < 400)) return false;
  return (
    evidence.kinds.some((k) => REQUEST_KINDS.has(k)) && diagnosis.findings.some((f) => f.severity !== 'info')
  );
}
