/**
 * The engine host: what adapters talk to. `accept` prepares an incoming message (intake, diagnosis,
 * redaction) and queues it under its platform event id; the queue's worker runs the reducer under the
 * conversation's lock, stores the new state, delivers the replies and carries out the effects.
 *
 * Exactly once: the queue drops a re-delivered event id; the stored record remembers the ids it processed
 * and the replies it still owes, so a worker that fails halfway (a platform error) finishes delivering
 * on retry instead of running the reducer twice.
 */
import { z } from 'zod';
import type { Diagnoser } from '../diagnose/service.js';
import { limitsFor, type RateLimiter, type RateLimits } from '../limits/index.js';
import { RateLimitedError } from '../limits/refusal.js';
import { type Logger, silentLogger } from '../log.js';
import type { JobInfo, JobQueue } from '../queue/types.js';
import { type Reply, ReplySchema } from '../reply/model.js';
import type { SessionStore } from '../store/types.js';
import {
  type Effect,
  EffectSchema,
  type EscalationNotice,
  type EscalationPacket,
  type Outcome,
} from './effects.js';
import {
  type ConversationEvent,
  type ConversationRef,
  ConversationRefSchema,
  conversationKey,
  type EventJob,
  EventJobSchema,
} from './events.js';
import { intentOf } from './intents.js';
import { type PrepareInput, prepareMessage } from './prepare.js';
import { tooManyOpen } from './replies.js';
import { readState, type SessionState } from './state.js';
import { type EngineSettings, type StepResult, shortId, step } from './step.js';

export interface Outbound {
  conversation: ConversationRef;
  /** The user the conversation belongs to (private replies go to them). */
  user: string;
  /** The event that caused these replies. */
  event: string;
  replies: Reply[];
  /** Where the first of `replies` stands among all the replies of its event (for idempotent posting). */
  index?: number;
  /**
   * An earlier attempt may already have sent the first of `replies`: it stopped (crashed, lost Redis)
   * between the platform taking a reply and the record saying so. Platforms that can look up what they
   * posted check before posting again.
   */
  resumed?: boolean;
}

export interface EngineSettingsWithHost extends EngineSettings {
  pasteWindowMs: number;
  sessionTtlMs: number;
  /**
   * How long a conversation's lock outlives a worker that died holding it (default 30 s), and so how soon
   * another worker can take its event over: set alongside the queue's job lock.
   */
  lockMs?: number;
  /** Conversations in progress one user may have at once; a new one beyond is refused. 0 or unset: no cap. */
  maxOpenSessionsPerUser?: number;
}

export interface EngineDeps {
  diagnoser: Diagnoser;
  store: SessionStore;
  queue: JobQueue<EventJob>;
  settings: EngineSettingsWithHost;
  /** Renders and sends replies on the platform; throwing makes the job retry (what is sent stays sent). */
  deliver(out: Outbound): Promise<void>;
  /**
   * Escalation routing (support channel, webhook); the user's own reply is already part of `deliver`.
   * `claim` is the token a "claim" button carries back to `accept({ kind: 'claim' })`: ids only.
   */
  escalate?(packet: EscalationPacket, conversation: ConversationRef, handle: EscalationHandle): Promise<void>;
  resumed?(escalation: string, conversation: ConversationRef): Promise<void>;
  /** Someone on the support team claimed an escalation. */
  claimed?(
    claim: {
      escalation: string;
      user: string;
      at: number;
      /** Absent only for claims recorded by an older version. */
      name?: string;
      packet?: EscalationPacket;
      claim?: string;
    },
    conversation: ConversationRef,
  ): Promise<void>;
  /** The claimer handed an escalation back; it waits for someone else (and is re-notified) again. */
  released?(
    release: {
      escalation: string;
      user: string;
      name: string;
      at: number;
      packet: EscalationPacket;
      claim: string;
    },
    conversation: ConversationRef,
  ): Promise<void>;
  /** An event was handled and everything it had to say was delivered (possibly nothing). */
  settled?(event: string, conversation: ConversationRef): Promise<void> | void;
  /**
   * An event ran through the reducer and its result was saved (once per event, before its replies go out):
   * for analytics and metrics. A failure is logged and never fails the event.
   */
  handled?(
    record: {
      event: ConversationEvent;
      before: SessionState | null;
      after: SessionState | null;
      effects: Effect[];
    },
    conversation: ConversationRef,
  ): Promise<void> | void;
  /** Fix outcomes, for analytics. */
  outcome?(outcome: Outcome, conversation: ConversationRef): Promise<void>;
  /** Deletes what other parts keep about a user (the escalation webhook's queued deliveries). */
  forget?(user: string): Promise<void>;
  /** Per-user and per-workspace message limits, checked before a message is read or queued. */
  limits?: RateLimits & { limiter: RateLimiter };
  now?: () => number;
  log?: Logger;
}

/**
 * How an escalation reaches the routes. `claim` is the token a "claim" button carries back to
 * `accept({ kind: 'claim' })`: ids only. `renotify` is set on a reminder for an escalation nobody claimed.
 */
export interface EscalationHandle extends Partial<EscalationNotice> {
  claim: string;
}

export type Incoming =
  | ({ kind: 'message' } & IncomingBase &
      Omit<PrepareInput, 'at'> & {
        shared?: boolean;
        /** Who wrote the text, when not `user` (a colleague's message diagnosed through a shortcut). */
        author?: string;
      })
  | ({ kind: 'action' } & IncomingBase & { action: string; session?: string; turn?: number })
  | IncomingClaim
  | IncomingRelease;

/** A "claim" button pressed in the support channel: the conversation is found from the token. */
export interface IncomingClaim {
  kind: 'claim';
  id: string;
  /** The token the escalation was posted with. */
  claim: string;
  /** The claimer's platform id, and how to show them to the user. */
  user: string;
  name: string;
}

/** The claimer's "release" button: hands the conversation back to the queue of the support team. */
export interface IncomingRelease {
  kind: 'release';
  id: string;
  claim: string;
  /** Only the current claimer may release. */
  user: string;
  name: string;
}

interface IncomingBase {
  /** The platform's event id. */
  id: string;
  conversation: ConversationRef;
  user: string;
  /** Already counted against the rate limits by `admit` (before the adapter did any work for it). */
  admitted?: boolean;
}

export interface Accepted {
  accepted: boolean;
  /** Claims and releases: false when the escalation is over (resumed, restarted, expired, forgotten) or unknown. */
  found?: boolean;
  /**
   * Who holds the escalation (their name): claims, when someone already does; releases, whenever someone
   * does (only they may release).
   */
  claimedBy?: string;
  /** As `claimedBy`, their platform id, to tell the clicker who has it. */
  claimedById?: string;
}

export interface Engine {
  /**
   * Counts a message or click against the rate limits before an adapter does any work for it (downloads,
   * threads, reactions); throws RateLimitedError when a limit is spent. Pass `admitted: true` to `accept`.
   */
  admit(incoming: Pick<IncomingBase, 'id' | 'conversation' | 'user'>): Promise<void>;
  /**
   * Queues an event; `accepted: false` when this event id was already accepted, or (a claim) when the
   * escalation it names is no longer waiting for a human.
   */
  accept(incoming: Incoming): Promise<Accepted>;
  /** Starts the worker. */
  start(): void;
  /** Resolves when everything accepted so far has been answered. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

const RecordSchema = z.object({
  v: z.literal(1),
  state: z.unknown(),
  /** The user the conversation belongs to, for the store's per-user index (kept so saves need not parse state). */
  owner: z.string().nullable(),
  /** The last event ids processed here, newest last. */
  processed: z.array(z.string()),
  outbox: z
    .object({
      event: z.string(),
      /** Who the replies are for. */
      user: z.string(),
      replies: z.array(ReplySchema),
      sent: z.number().int(),
      effects: z.array(EffectSchema),
    })
    .nullable(),
});
type StoredRecord = z.infer<typeof RecordSchema>;
const PROCESSED_KEPT = 64;
/** Conversations the bot is still working on; escalated ones are a human's and fixed ones are over. */
const ACTIVE_PHASES: ReadonlySet<string> = new Set(['awaiting_paste', 'diagnosed', 'walking']);
const DEFAULT_LOCK_MS = 30_000;
// A new event waits for the lock a little longer than a dead holder keeps it.
const LOCK_WAIT_EXTRA_MS = 5_000;

/** Where a claim token leads: stored beside the conversation, with its lifetime. */
const ClaimIndexSchema = z.object({ conversation: ConversationRefSchema, escalation: z.string() });
const claimKey = (claim: string) => `claim:${claim}`;
/** The same token for every route and every reminder of one escalation in one conversation. */
const claimTokenOf = (escalation: string, key: string) => `${escalation}.${shortId(key)}`;

export function createEngine(deps: EngineDeps): Engine {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? silentLogger;
  const window = new PasteWindow(deps.settings.pasteWindowMs);

  async function accept(incoming: Incoming): Promise<Accepted> {
    const at = now();
    if (incoming.kind === 'claim') return acceptClaim(incoming, at);
    if (incoming.kind === 'release') return acceptRelease(incoming, at);
    if (!incoming.admitted) await checkRate(incoming, at);
    const key = conversationKey(incoming.conversation);
    const event: ConversationEvent =
      incoming.kind === 'action'
        ? {
            type: 'action',
            id: incoming.id,
            at,
            user: incoming.user,
            action: incoming.action,
            ...(incoming.session !== undefined ? { session: incoming.session } : {}),
            ...(incoming.turn !== undefined ? { turn: incoming.turn } : {}),
          }
        : await prepareEvent(incoming, at, `${key}|${incoming.user}`);
    const job: EventJob = { conversation: incoming.conversation, event };
    return deps.queue.enqueue({ id: `event:${incoming.id}`, group: key, payload: job, owner: incoming.user });
  }

  /** Throws RateLimitedError when a limit is spent. A limiter that fails lets the message through. */
  async function checkRate(incoming: IncomingBase, at: number): Promise<void> {
    const limits = deps.limits;
    if (!limits) return;
    const wanted = limitsFor(incoming.conversation, incoming.user, limits);
    if (wanted.length === 0) return;
    let decision: Awaited<ReturnType<RateLimiter['take']>>;
    try {
      decision = await limits.limiter.take(wanted, { now: at, notifyAs: incoming.user });
    } catch (error) {
      log.warn(
        { event: incoming.id, error: (error as Error).message },
        'rate limiter unavailable; let through',
      );
      return;
    }
    if (decision.ok) return;
    log.info(
      {
        event: incoming.id,
        scope: decision.scope,
        retryAfterMs: decision.retryAfterMs,
        quiet: !decision.notify,
      },
      'message refused by a rate limit',
    );
    throw new RateLimitedError(decision, incoming.conversation.platform);
  }

  async function acceptClaim(incoming: IncomingClaim, at: number): Promise<Accepted> {
    const found = ClaimIndexSchema.safeParse(await deps.store.get(claimKey(incoming.claim)));
    if (!found.success) return { accepted: false, found: false };
    const { conversation, escalation } = found.data;
    // Read without the lock: a hint for the claimer's answer; the reducer decides under the lock.
    const state = readState(readRecord(await deps.store.get(conversationKey(conversation))).state);
    if (state?.phase !== 'escalated' || state.escalation?.id !== escalation)
      return { accepted: false, found: false };
    if (state.escalation.claimedBy)
      return {
        accepted: false,
        found: true,
        claimedBy: state.escalation.claimedBy.name,
        claimedById: state.escalation.claimedBy.user,
      };
    const event: ConversationEvent = {
      type: 'claim',
      id: incoming.id,
      at,
      user: incoming.user,
      escalation,
      name: incoming.name.slice(0, 80),
    };
    const job: EventJob = { conversation, event };
    const queued = await deps.queue.enqueue({
      id: `event:${incoming.id}`,
      group: conversationKey(conversation),
      payload: job,
    });
    return { ...queued, found: true };
  }

  async function acceptRelease(incoming: IncomingRelease, at: number): Promise<Accepted> {
    const found = ClaimIndexSchema.safeParse(await deps.store.get(claimKey(incoming.claim)));
    if (!found.success) return { accepted: false, found: false };
    const { conversation, escalation } = found.data;
    // As for claims: a hint read without the lock; the reducer decides (and ignores anyone but the claimer).
    const state = readState(readRecord(await deps.store.get(conversationKey(conversation))).state);
    if (state?.phase !== 'escalated' || state.escalation?.id !== escalation)
      return { accepted: false, found: false };
    const holder = state.escalation.claimedBy;
    if (!holder) return { accepted: false, found: true };
    if (holder.user !== incoming.user)
      return { accepted: false, found: true, claimedBy: holder.name, claimedById: holder.user };
    const event: ConversationEvent = {
      type: 'release',
      id: incoming.id,
      at,
      user: incoming.user,
      escalation,
      name: incoming.name.slice(0, 80),
    };
    const queued = await deps.queue.enqueue({
      id: `event:${incoming.id}`,
      group: conversationKey(conversation),
      payload: { conversation, event },
    });
    return { ...queued, found: true, claimedBy: holder.name, claimedById: holder.user };
  }

  async function prepareEvent(
    incoming: Extract<Incoming, { kind: 'message' }>,
    at: number,
    windowKey: string,
  ): Promise<ConversationEvent> {
    const base = {
      type: 'message' as const,
      id: incoming.id,
      at,
      user: incoming.user,
      shared: incoming.shared ?? false,
      ...(incoming.author && incoming.author !== incoming.user ? { author: incoming.author } : {}),
    };
    const single = !incoming.attachments?.length && intentOf(incoming.text) !== undefined;
    const earlier = single ? undefined : window.take(windowKey, at);
    const text = earlier !== undefined ? `${earlier}\n${incoming.text}` : incoming.text;
    try {
      const prepared = await prepareMessage(deps.diagnoser, {
        text,
        ...(incoming.attachments ? { attachments: incoming.attachments } : {}),
        at,
      });
      if (prepared.paste) window.keep(windowKey, text, at);
      // What an operator debugging a wrong answer needs, all of it redacted: fingerprints, never values.
      if (prepared.paste)
        log.debug(
          {
            event: incoming.id,
            kinds: prepared.paste.attempt.kinds,
            provider: prepared.paste.attempt.provider,
            causes: prepared.paste.attempt.findings.map((f) => f.cause),
            credentials: prepared.paste.attempt.credentials,
            notes: prepared.paste.attempt.notes,
            truncated: prepared.truncated,
          },
          'message prepared',
        );
      return {
        ...base,
        text: prepared.text,
        ...(prepared.paste ? { paste: prepared.paste } : {}),
        continues: earlier !== undefined && prepared.paste !== undefined,
        truncated: prepared.truncated,
        unreadable: false,
      };
    } catch (error) {
      log.error({ event: incoming.id, error: (error as Error).message }, 'could not prepare a message');
      return { ...base, text: '', continues: false, truncated: false, unreadable: true };
    }
  }

  async function handle(job: JobInfo<EventJob>): Promise<void> {
    const { conversation, event } = EventJobSchema.parse(job.payload);
    const key = conversationKey(conversation);
    const lockMs = deps.settings.lockMs ?? DEFAULT_LOCK_MS;
    await deps.store.withLock(
      key,
      async () => {
        const record = readRecord(await deps.store.get(key));
        // Replies an earlier event still owes (its job gave up on a platform error) go out before new ones.
        if (record.outbox && record.outbox.event !== event.id) await flush(key, record, conversation, true);
        // This event's replies were owed before this attempt began: an earlier one stopped halfway.
        const resumed = record.outbox?.event === event.id;
        if (!record.processed.includes(event.id)) {
          const before = readState(record.state);
          let result = step(before, event, deps.settings);
          if (before === null && result.state !== null) result = await capOpen(result, event, key);
          // Deleted before the confirmation goes out, so "done" is true when the user reads it; deleting
          // again on a retry finds nothing.
          for (const effect of result.effects)
            if (effect.type === 'forget') await forgetUser(effect.user, key);
          record.state = result.state;
          record.owner = result.state?.user ?? null;
          record.processed = [...record.processed, event.id].slice(-PROCESSED_KEPT);
          record.outbox = {
            event: event.id,
            // After "forget me" there is no state, and the confirmation still goes to whoever asked.
            user: result.state?.user ?? before?.user ?? event.user,
            replies: result.replies,
            sent: 0,
            effects: result.effects,
          };
          await save(key, record);
          try {
            await deps.handled?.(
              { event, before, after: result.state, effects: result.effects },
              conversation,
            );
          } catch (error) {
            log.warn({ event: event.id, error: (error as Error).message }, 'the handled hook failed');
          }
          log.info(
            {
              event: event.id,
              type: event.type,
              conversation: key,
              phase: result.state?.phase ?? null,
              replies: result.replies.length,
            },
            'event handled',
          );
          log.debug(
            {
              event: event.id,
              before: before?.phase ?? null,
              replies: result.replies.map((r) => r.summary),
              effects: result.effects.map((e) => e.type),
            },
            'reducer turn',
          );
        }
        await flush(key, record, conversation, resumed);
      },
      { leaseMs: lockMs, waitMs: lockMs + LOCK_WAIT_EXTRA_MS },
    );
    // Adapters hold things open for an event until it is answered ("working…", a deferred reply); an event
    // the conversation answers with nothing (a human has it) must close them too.
    try {
      await deps.settled?.(event.id, conversation);
    } catch (error) {
      log.warn({ event: event.id, error: (error as Error).message }, 'settling an event failed');
    }
  }

  async function flush(
    key: string,
    record: StoredRecord,
    conversation: ConversationRef,
    resumed: boolean,
  ): Promise<void> {
    const outbox = record.outbox;
    if (!outbox) return;
    const user = outbox.user;
    // Only the reply that was going out when the earlier attempt stopped can have been sent unrecorded.
    let uncertain = resumed;
    while (outbox.sent < outbox.replies.length) {
      const reply = outbox.replies[outbox.sent]!;
      await deps.deliver({
        conversation,
        user,
        event: outbox.event,
        replies: [reply],
        index: outbox.sent,
        ...(uncertain ? { resumed: true } : {}),
      });
      uncertain = false;
      outbox.sent += 1;
      // The last one is recorded together with clearing the outbox, one write fewer per event.
      if (outbox.sent < outbox.replies.length) await save(key, record);
    }
    const effects = outbox.effects;
    record.outbox = null;
    await save(key, record);
    for (const effect of effects) await runEffect(effect, conversation, user, key);
  }

  async function runEffect(effect: Effect, conversation: ConversationRef, user: string, key: string) {
    try {
      switch (effect.type) {
        case 'schedule':
          await deps.queue.enqueue({
            id: effect.id,
            group: key,
            delayMs: Math.max(0, effect.at - now()),
            owner: user,
            payload: {
              conversation,
              event: {
                type: 'timer',
                id: effect.id,
                at: effect.at,
                user,
                timer: effect.timer,
                timerId: effect.id,
              },
            },
          });
          return;
        case 'cancel':
          await deps.queue.cancel(effect.id);
          return;
        case 'escalate': {
          const claim = claimTokenOf(effect.packet.id, key);
          // Indexed under the conversation's owner, so "forget me" removes it with the conversation.
          await deps.store.set(
            claimKey(claim),
            { conversation, escalation: effect.packet.id },
            { ttlMs: deps.settings.sessionTtlMs, user },
          );
          await deps.escalate?.(effect.packet, conversation, { claim });
          return;
        }
        case 'claimed': {
          const { type: _, ...claim } = effect;
          await deps.claimed?.({ ...claim, claim: claimTokenOf(effect.escalation, key) }, conversation);
          return;
        }
        case 'released': {
          const { type: _, ...release } = effect;
          await deps.released?.({ ...release, claim: claimTokenOf(effect.escalation, key) }, conversation);
          return;
        }
        case 'renotify':
          await deps.escalate?.(effect.packet, conversation, {
            claim: claimTokenOf(effect.packet.id, key),
            renotify: effect.count,
            waitingMs: effect.waitingMs,
            at: effect.at,
          });
          return;
        case 'resume':
          await deps.resumed?.(effect.escalation, conversation);
          return;
        case 'outcome':
          await deps.outcome?.(effect.outcome, conversation);
          return;
        case 'forget':
          // Carried out before the replies went out (see handle).
          return;
      }
    } catch (error) {
      // An effect that fails must not re-run the turn: the user already has the answer.
      log.error({ effect: effect.type, error: (error as Error).message }, 'an effect failed');
    }
  }

  /**
   * Everything kept about a user: their conversations and what is indexed with them (claim tokens, platform
   * records), their queued events and follow-ups (not the one running: it is this "forget me"), and what
   * other parts hold (queued escalation webhooks). Analytics keep no user ids, so they hold nothing to delete.
   */
  async function forgetUser(user: string, current: string): Promise<void> {
    const jobs = await deps.queue.purge(user);
    const keys = await deps.store.keysOfUser(user);
    // The current conversation too: it is saved again afterwards, owned by nobody and holding no state.
    for (const key of new Set([...keys, current])) await deps.store.delete(key);
    // Reading the index again prunes it of the deleted keys, so no index is left naming the user.
    await deps.store.keysOfUser(user);
    await deps.forget?.(user);
    log.info({ conversations: keys.length, jobs }, 'forgot a user');
  }

  /**
   * A message that would start a conversation, from a user who already has as many in progress as allowed:
   * refused privately. A leak warning it raised still goes out (the credential is exposed either way).
   */
  async function capOpen(result: StepResult, event: ConversationEvent, key: string): Promise<StepResult> {
    const cap = deps.settings.maxOpenSessionsPerUser ?? 0;
    if (cap <= 0 || event.type !== 'message') return result;
    let open = 0;
    for (const other of await deps.store.keysOfUser(event.user)) {
      if (other === key || other.startsWith('claim:')) continue;
      const state = readState(readRecord(await deps.store.get(other)).state);
      if (state?.user === event.user && ACTIVE_PHASES.has(state.phase)) open++;
    }
    if (open < cap) return result;
    log.info({ event: event.id, open }, 'new conversation refused: too many in progress');
    const warnings = result.replies.filter((r) => r.visibility === 'private' && r.to !== undefined);
    return {
      state: null,
      replies: [...warnings, tooManyOpen(open, event.user, deps.settings.sessionTtlMs)],
      effects: [],
    };
  }

  async function save(key: string, record: StoredRecord): Promise<void> {
    await deps.store.set(key, record, {
      ttlMs: deps.settings.sessionTtlMs,
      ...(record.owner ? { user: record.owner } : {}),
    });
  }

  return {
    accept,
    admit: (incoming) => checkRate(incoming, now()),
    start: () =>
      deps.queue.process(async (job) => {
        try {
          await handle(job);
        } catch (error) {
          log.warn(
            {
              event: job.payload?.event?.id,
              job: job.id,
              attempt: job.attemptsMade,
              error: (error as Error).message,
            },
            'event failed, will retry',
          );
          throw error;
        }
      }),
    drain: () => deps.queue.drain(),
    close: async () => {
      window.clear();
      await deps.queue.close();
    },
  };
}

function readRecord(value: unknown): StoredRecord {
  const parsed = RecordSchema.safeParse(value);
  return parsed.success ? parsed.data : { v: 1, state: null, owner: null, processed: [], outbox: null };
}

/**
 * The raw text of a user's last paste, kept in this process's memory only for the paste window, so a curl
 * command and its output sent as two messages are read together. Never stored, never queued.
 */
class PasteWindow {
  readonly #entries = new Map<string, { text: string; at: number; timer: NodeJS.Timeout }>();
  constructor(readonly windowMs: number) {}

  take(key: string, at: number): string | undefined {
    const entry = this.#entries.get(key);
    if (!entry || at - entry.at > this.windowMs) return undefined;
    return entry.text;
  }

  keep(key: string, text: string, at: number): void {
    if (this.windowMs <= 0) return;
    const old = this.#entries.get(key);
    if (old) clearTimeout(old.timer);
    // The raw text must not outlive the window, even if no other message ever arrives.
    const timer = setTimeout(() => this.#entries.delete(key), this.windowMs + 50);
    timer.unref();
    this.#entries.set(key, { text, at, timer });
  }

  clear(): void {
    for (const entry of this.#entries.values()) clearTimeout(entry.timer);
    this.#entries.clear();
  }
}
