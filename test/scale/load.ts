/**
 * The scale tests' load and how its answers are read back (vitest-free; the set-up is harness.ts).
 *
 * Every message is a small paste with its own credential whose fingerprint (`…0042 (40 chars)`) the
 * diagnosis echoes: the number is the message's index in the plan, so every reply maps back to its event.
 */
import { UNAVAILABLE_TEXT } from '../../src/platform/unavailable.js';
import type { JobInfo } from '../../src/queue/types.js';
import { BOT_USER, eventEnvelope, nextTs, postSigned } from '../support/fake-slack.js';
import { waitFor } from '../support/wait.js';
import type { EnqueueLog, Listener, RecordedCall } from './harness.js';

/** 36 characters of a credential-looking token; the plan index makes the last four. */
const TOKEN_HEAD = '8f2c6a1e9b7d4f3a0c5e8b1d2f7a9c4e6b3d';

export function pasteFor(index: number): string {
  return [
    `curl -i -H "Authorization: Bearer ${TOKEN_HEAD}${String(index).padStart(4, '0')}" https://api.internal.example.com/v2/reports/r${index}`,
    'HTTP/1.1 401 Unauthorized',
    'Content-Length: 0',
  ].join('\n');
}

export interface Planned {
  index: number;
  conv: number;
  seq: number;
  channel: string;
  /** The thread the replies go to (channel conversations); none in a DM. */
  thread?: string;
  user: string;
  eventId: string;
  /** The engine's job id: `event:slack:msg:<channel>:<ts>`. */
  jobId: string;
  body: string;
}

/**
 * `conversations` × `perConversation` messages. Even conversations are threads in a channel (app_mention,
 * the first message starts the thread), odd ones DMs (message.im). Channel pastes also earn a private leak
 * warning (postEphemeral), which carries the same fingerprint.
 */
export function plan(conversations: number, perConversation: number, runTag: string): Planned[] {
  const out: Planned[] = [];
  for (let conv = 0; conv < conversations; conv++) {
    const dm = conv % 2 === 1;
    const nn = String(conv).padStart(3, '0');
    const channel = dm ? `D0SC${runTag}${nn}` : `C0SC${runTag}${nn}`;
    const user = `U0SC${runTag}${nn}`;
    let root: string | undefined;
    for (let seq = 0; seq < perConversation; seq++) {
      const index = conv * perConversation + seq;
      const ts = nextTs();
      root ??= ts;
      const text = pasteFor(index);
      const event = dm
        ? { type: 'message', channel_type: 'im', channel, user, ts, text }
        : {
            type: 'app_mention',
            channel,
            user,
            ts,
            text: `<@${BOT_USER}> ${text}`,
            ...(ts !== root ? { thread_ts: root } : {}),
          };
      const eventId = `Ev${runTag}${String(index).padStart(6, '0')}`;
      out.push({
        index,
        conv,
        seq,
        channel,
        ...(dm ? {} : { thread: root }),
        user,
        eventId,
        jobId: `event:slack:msg:${channel}:${ts}`,
        body: JSON.stringify(eventEnvelope(event, eventId)),
      });
    }
  }
  return out;
}

/** A small seeded generator, so a failing run can be replayed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DriveResult {
  /** Re-deliveries sent (to either listener). */
  redelivered: Planned[];
  /** Responses other than 200. */
  refused: { index: number; status: number }[];
}

/**
 * Sends the plan: each conversation in order, one message after the previous one's enqueue settled (the
 * listener acks before it enqueues, so an ack alone does not fix the order), all conversations at once.
 * About `redeliverShare` of the accepted messages are re-sent later with X-Slack-Retry-Num, alternately to
 * each listener. `beforeEach` may hold a conversation (e.g. while Redis is down). With `perSecond`, first
 * deliveries leave at that steady rate across all conversations (a conversation whose previous message is
 * still being queued falls behind, and catches up once it is).
 */
export async function drive(
  messages: Planned[],
  listeners: Listener[],
  enqueues: EnqueueLog,
  options: {
    redeliverShare?: number;
    seed?: number;
    perSecond?: number;
    beforeEach?: (m: Planned) => Promise<void>;
  } = {},
): Promise<DriveResult> {
  const random = rng(options.seed ?? 7);
  const share = options.redeliverShare ?? 0.1;
  const primary = listeners[0]!;
  const result: DriveResult = { redelivered: [], refused: [] };
  const pendingRedeliveries: Promise<void>[] = [];
  const byConv = new Map<number, Planned[]>();
  for (const m of messages) byConv.set(m.conv, [...(byConv.get(m.conv) ?? []), m]);
  // Decided up front so the set does not depend on timing.
  const redeliver = new Set(messages.filter(() => random() < share).map((m) => m.index));
  let turn = 0;
  const startedAt = performance.now();
  let slot = 0;
  const pace = async () => {
    if (!options.perSecond) return;
    const wait = startedAt + (slot++ * 1000) / options.perSecond - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };

  const send = async (m: Planned, to: Listener, retry: number) => {
    const response = await postSigned(to.base, m.body, 'application/json', {
      headers:
        retry > 0 ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {},
    });
    if (response.status !== 200) result.refused.push({ index: m.index, status: response.status });
  };

  await Promise.all(
    [...byConv.values()].map(async (conversation) => {
      for (const m of conversation) {
        await options.beforeEach?.(m);
        await pace();
        await send(m, primary, 0);
        await waitFor(() => enqueues.outcomes.has(m.jobId), `the enqueue of message ${m.index}`, 30_000);
        if (!redeliver.has(m.index) || enqueues.outcomes.get(m.jobId) !== 'accepted') continue;
        const to = listeners[turn++ % listeners.length]!;
        const delayMs = Math.floor(random() * 400);
        result.redelivered.push(m);
        pendingRedeliveries.push(
          new Promise((resolve) => setTimeout(resolve, delayMs)).then(() => send(m, to, 1 + (turn % 3))),
        );
      }
    }),
  );
  await Promise.all(pendingRedeliveries);
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Reading the answers back

const DIAGNOSIS_FINGERPRINT = /fingerprints: …(\d{4}) \(40 chars\)/;
const ANY_FINGERPRINT = /…(\d{4}) \(40 chars\)/;

const textOfCall = (call: RecordedCall) =>
  `${String(call.args.text ?? '')}\n${JSON.stringify(call.args.blocks ?? [])}`;

export interface Answers {
  /** Diagnoses (chat.postMessage) by plan index, in the order the fake received them. */
  diagnoses: Map<number, RecordedCall[]>;
  /** Leak warnings (chat.postEphemeral) by plan index. */
  warnings: Map<number, RecordedCall[]>;
  /** chat.postMessage calls that are no diagnosis of the plan. */
  strays: RecordedCall[];
  /** Ephemeral notes with no fingerprint (e.g. "try again"). */
  notes: RecordedCall[];
  /** Per conversation, the plan indexes of its diagnoses in arrival order. */
  orderByConv: Map<number, number[]>;
}

export function readAnswers(calls: readonly RecordedCall[], messages: Planned[]): Answers {
  const byIndex = new Map(messages.map((m) => [m.index, m]));
  const answers: Answers = {
    diagnoses: new Map(),
    warnings: new Map(),
    strays: [],
    notes: [],
    orderByConv: new Map(),
  };
  for (const call of calls) {
    if (call.method === 'chat.postMessage') {
      const match = DIAGNOSIS_FINGERPRINT.exec(textOfCall(call));
      const m = match ? byIndex.get(Number(match[1])) : undefined;
      // A reply counts for its event only where that event's conversation lives.
      if (!m || call.args.channel !== m.channel || (call.args.thread_ts as string | undefined) !== m.thread) {
        answers.strays.push(call);
        continue;
      }
      answers.diagnoses.set(m.index, [...(answers.diagnoses.get(m.index) ?? []), call]);
      answers.orderByConv.set(m.conv, [...(answers.orderByConv.get(m.conv) ?? []), m.index]);
    } else if (call.method === 'chat.postEphemeral') {
      const match = ANY_FINGERPRINT.exec(textOfCall(call));
      const m = match ? byIndex.get(Number(match[1])) : undefined;
      if (!m) {
        answers.notes.push(call);
        continue;
      }
      answers.warnings.set(m.index, [...(answers.warnings.get(m.index) ?? []), call]);
    }
  }
  return answers;
}

/**
 * The exactly-once and order findings for a set of messages that must each be answered: lists of what is
 * wrong (empty when all is well), so a failure names the events.
 */
export function problemsOf(answers: Answers, mustAnswer: Planned[], mayNotAnswer: Planned[] = []) {
  const missing = mustAnswer.filter((m) => !answers.diagnoses.has(m.index)).map((m) => m.eventId);
  const twice = [...answers.diagnoses]
    .filter(([, calls]) => calls.length > 1)
    .map(([index, calls]) => ({ index, times: calls.length }));
  const warnedTwice = [...answers.warnings]
    .filter(([, calls]) => calls.length > 1)
    .map(([index, calls]) => ({ index, times: calls.length }));
  const unwarned = mustAnswer
    .filter((m) => m.thread !== undefined && !answers.warnings.has(m.index))
    .map((m) => m.eventId);
  const answeredAnyway = mayNotAnswer.filter((m) => answers.diagnoses.has(m.index)).map((m) => m.eventId);
  // Order is judged on each event's first answer; an answer repeated later is counted in `twice`.
  const outOfOrder = [...answers.orderByConv]
    .map(([conv, order]) => ({ conv, order: order.filter((index, i) => order.indexOf(index) === i) }))
    .filter(({ order }) => order.some((index, i) => i > 0 && index <= order[i - 1]!));
  return { missing, twice, warnedTwice, unwarned, answeredAnyway, outOfOrder };
}

/** The answers given twice, by event id. */
export function duplicatesOf(problems: ReturnType<typeof problemsOf>, messages: Planned[]) {
  const byIndex = new Map(messages.map((m) => [m.index, m.eventId]));
  const named = (list: { index: number; times: number }[]) =>
    list.map(({ index, times }) => ({ event: byIndex.get(index) ?? String(index), times }));
  return { twice: named(problems.twice), warnedTwice: named(problems.warnedTwice) };
}

// ---------------------------------------------------------------------------------------------------------
// The fault report's figures

/**
 * What became of every message sent. Each one is in exactly one of: answered (once), twice (answered more
 * than once), refusedTold (its enqueue failed and its user was told privately to send it again: not lost,
 * the user knows), lost (anything else: accepted and never answered, refused without a word, or never
 * queued at all). `failed` counts the plan's jobs in the queue's failed set, answered or not.
 */
export interface Tally {
  sent: number;
  accepted: number;
  refusedTold: number;
  answered: number;
  twice: number;
  lost: number;
  failed: number;
  /** Re-deliveries sent, and those a queue dropped as duplicates. */
  redelivered: number;
  duplicatesDropped: number;
  /** Answers out of their conversation's order (first answers only). */
  outOfOrder: number;
  /** Private leak warnings sent more than once (at least once by design). */
  warnedTwice: number;
  /** "Send it again" notes beyond one per refused message (a re-delivery of an accepted one refused). */
  extraNotes: number;
  /** HTTP answers other than 200 to a delivery. */
  refusedHttp: number;
  lostEvents: { event: string; why: 'unanswered' | 'refused-untold' | 'never-queued' }[];
  twiceEvents: { event: string; times: number }[];
  failedJobs: { job: string; attempts: number; reason: string }[];
}

export function tally(
  messages: Planned[],
  enqueues: EnqueueLog,
  answers: Answers,
  failed: JobInfo[],
  sent: DriveResult,
): Tally {
  const where = (channel: unknown, thread: unknown, user: unknown) =>
    `${String(channel)}|${typeof thread === 'string' ? thread : ''}|${String(user)}`;
  const notes = new Map<string, number>();
  for (const note of answers.notes) {
    if (note.args.text !== UNAVAILABLE_TEXT) continue;
    const at = where(note.args.channel, note.args.thread_ts, note.args.user);
    notes.set(at, (notes.get(at) ?? 0) + 1);
  }
  const planJobs = new Set(messages.map((m) => m.jobId));
  const result: Tally = {
    sent: messages.length,
    accepted: 0,
    refusedTold: 0,
    answered: 0,
    twice: 0,
    lost: 0,
    failed: 0,
    redelivered: sent.redelivered.length,
    duplicatesDropped: [...enqueues.calls.values()].reduce((sum, n) => sum + n - 1, 0),
    outOfOrder: problemsOf(answers, []).outOfOrder.length,
    warnedTwice: [...answers.warnings.values()].filter((calls) => calls.length > 1).length,
    extraNotes: 0,
    refusedHttp: sent.refused.length,
    lostEvents: [],
    twiceEvents: [],
    failedJobs: failed
      .filter((job) => planJobs.has(job.id))
      .map((job) => ({ job: job.id, attempts: job.attemptsMade, reason: job.failedReason ?? '' })),
  };
  result.failed = result.failedJobs.length;
  const refused = new Set(enqueues.failures);
  for (const m of messages) {
    const outcome = enqueues.outcomes.get(m.jobId);
    const times = answers.diagnoses.get(m.index)?.length ?? 0;
    if (outcome === 'accepted') result.accepted += 1;
    if (times === 1) result.answered += 1;
    else if (times > 1) {
      result.twice += 1;
      result.twiceEvents.push({ event: m.eventId, times });
    } else if (outcome !== 'accepted' && refused.has(m.jobId)) {
      // Its first enqueue failed (a later one may have found its id half-stored: a duplicate, never queued).
      const at = where(m.channel, m.thread, m.user);
      const left = notes.get(at) ?? 0;
      if (left > 0) {
        notes.set(at, left - 1);
        result.refusedTold += 1;
      } else {
        result.lost += 1;
        result.lostEvents.push({ event: m.eventId, why: 'refused-untold' });
      }
    } else {
      result.lost += 1;
      result.lostEvents.push({
        event: m.eventId,
        why: outcome === undefined ? 'never-queued' : 'unanswered',
      });
    }
  }
  result.extraNotes = [...notes.values()].reduce((sum, n) => sum + n, 0);
  return result;
}
