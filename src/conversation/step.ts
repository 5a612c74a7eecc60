/**
 * The conversation as a pure reducer: `step(state, event, ctx) -> { state, replies, effects }` over plain
 * JSON state. No I/O, no clock (time comes with the event), no randomness (ids derive from event ids), so
 * every transition is a row in a table test. `null` state means no conversation (yet, or any more).
 */
import { stepById } from '../checklist/steps.js';
import { ACTION_IDS, type ActionId, type FindingView, type Reply } from '../reply/model.js';
import { compareAttempts, succeeded } from './compare.js';
import type { Effect } from './effects.js';
import { buildPacket } from './escalation.js';
import type {
  ActionEvent,
  ClaimEvent,
  ConversationEvent,
  MessageEvent,
  ReleaseEvent,
  TimerEvent,
} from './events.js';
import { intentOf } from './intents.js';
import { planWalk } from './plan.js';
import {
  askForPaste,
  currentActions,
  diagnosisReply,
  escalationReply,
  guideOf,
  helpReply,
  howToReply,
  leakWarning,
  type ReplyContext,
  stepReply,
  textReply,
} from './replies.js';
import {
  type EscalationHistory,
  MAX_ESCALATION_HISTORY,
  type SessionState,
  STATE_VERSION,
  type TimerName,
} from './state.js';

export interface EngineSettings extends ReplyContext {
  /** Consecutive "still 401" answers after which the user is handed to a human. */
  stuckAfter: number;
  /** "Did that fix it?" this long after the bot's last question, once per session. */
  followUpMs: number;
  /** Token-expiry reminders are only scheduled this far ahead. */
  reminderHorizonMs: number;
  /** An unclaimed escalation is announced again this often (24/7 on-call); 0 or unset: never. */
  renotifyMs?: number;
}

export interface StepResult {
  state: SessionState | null;
  replies: Reply[];
  effects: Effect[];
}

/** What the turn's handlers return: nothing, so `return this.#say(…)` ends a branch. */
type Done = undefined;

const MAX_ATTEMPTS = 5;
const MAX_ANSWERS = 100;
const MAX_WARNED = 50;
/** Reminders per unclaimed stretch: a day of half-hourly ones, then the on-call tooling has it. */
export const MAX_RENOTIFY = 48;
/** Buttons bound to the step they were shown with: pressing an older one must not answer the current step. */
const STEP_BOUND: ReadonlySet<ActionId> = new Set(['fixed', 'still_401', 'skip', 'show_how']);

export function step(state: SessionState | null, event: ConversationEvent, ctx: EngineSettings): StepResult {
  const out = new Turn(state ? structuredClone(state) : null, event, ctx);
  switch (event.type) {
    case 'message':
      out.onMessage(event);
      break;
    case 'action':
      out.onAction(event);
      break;
    case 'timer':
      out.onTimer(event);
      break;
    case 'claim':
      out.onClaim(event);
      break;
    case 'release':
      out.onRelease(event);
      break;
  }
  return out.result();
}

/** Short, stable ids from event ids: deterministic, so tests and replays agree. */
export function shortId(seed: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}

class Turn {
  readonly replies: Reply[] = [];
  readonly effects: Effect[] = [];
  /** Set when the user did something: pending "did that fix it?" is moot. */
  #userActed = false;

  constructor(
    public state: SessionState | null,
    readonly event: ConversationEvent,
    readonly ctx: EngineSettings,
  ) {}

  result(): StepResult {
    const s = this.state;
    if (s) {
      s.updatedAt = this.event.at;
      if (this.replies.some((r) => r.visibility === 'public') && s.firstReplyAt === undefined)
        s.firstReplyAt = this.event.at;
      if (this.#userActed) this.#rescheduleFollowUp(s);
    }
    return { state: s, replies: this.replies, effects: this.effects };
  }

  // -------------------------------------------------------------------------------------------------------
  // Events

  onMessage(event: MessageEvent): Done {
    this.#userActed = true;
    const intent = event.paste ? undefined : intentOf(event.text);
    const s = this.state ?? this.#fresh(event.user, event.id);
    if (event.paste) return this.#onPaste(s, event);
    if (event.unreadable)
      return this.#say(
        askForPaste(
          'Something went wrong on my side while reading that paste. Try again, or paste just the failing request and its response.',
        ),
      );
    if (s.phase === 'escalated' && intent !== 'resume' && intent !== 'restart' && intent !== 'forget') return;
    if (intent) return this.#apply(s, intent);
    if (event.text.trim() === '') return this.#say(askForPaste('That message was empty.'));
    if (s.attempts.length === 0)
      return this.#say(
        askForPaste(
          'I could not find a request, response or error log in that, so there is nothing to diagnose yet.',
        ),
      );
    this.#say(
      textReply(
        'I read that as a message, not a paste',
        'I read that as a message, not a paste: there is no request, response or error log in it. Paste one to diagnose it, or answer with a button (or type `fixed`, `still 401`, `skip`, `how`, `human`, `help`).',
        s,
        currentActions(s),
      ),
    );
  }

  onAction(event: ActionEvent): Done {
    const s = this.state;
    if (!s) {
      this.#say(
        askForPaste(
          'That button belongs to a conversation I no longer have (it expired, or was deleted). Nothing is lost: paste the failing request to start again.',
        ),
      );
      return;
    }
    this.#userActed = true;
    const id = (ACTION_IDS as readonly string[]).includes(event.action)
      ? (event.action as ActionId)
      : undefined;
    if (s.phase === 'escalated' && id !== 'resume' && id !== 'restart' && id !== 'forget') return;
    if (!id) {
      this.#say(
        textReply('Unknown button', "I don't know that button; here is where we are:", s, currentActions(s)),
      );
      return;
    }
    if (event.session !== undefined && event.session !== s.session) {
      this.#say(
        textReply(
          'That button is from an earlier conversation',
          'That button is from an earlier conversation here, which has since been restarted. Here is where we are now:',
          s,
          currentActions(s),
        ),
      );
      return;
    }
    if (STEP_BOUND.has(id) && event.turn !== undefined && event.turn !== s.turn) {
      const item = s.walk?.plan[s.walk.cursor];
      const where = s.phase === 'walking' && item ? ` We are at "${stepById(item.step).title}" now.` : '';
      this.#say(
        textReply(
          'That button is from an earlier step',
          `That button is from an earlier step, so I did not count it.${where}`,
          s,
          currentActions(s),
        ),
      );
      return;
    }
    this.#apply(s, id);
  }

  onTimer(event: TimerEvent): Done {
    const s = this.state;
    if (!s || s.timers[event.timer]?.id !== event.timerId) return;
    delete s.timers[event.timer];
    if (!s.fired.includes(event.timer)) s.fired.push(event.timer);
    if (event.timer === 'escalation_renotify') return this.#renotify(s);
    if (event.timer === 'follow_up') {
      if (s.phase !== 'diagnosed' && s.phase !== 'walking') return;
      this.#say(
        textReply(
          'Did that fix it?',
          'Did that fix it? Tell me either way, so I can mark it solved or help with the next step.',
          s,
          ['fixed', 'still_401', 'human'],
        ),
      );
      return;
    }
    if (s.phase === 'fixed' || s.phase === 'escalated') return;
    const token = s.attempts.at(-1)?.credentials[0];
    this.#say(
      textReply(
        'The token you are testing with has expired',
        `Heads-up: the token you are testing with${token ? ` (${token})` : ''} expired just now. Get a fresh one before the next try, or the next 401 will be about expiry.`,
      ),
    );
  }

  onClaim(event: ClaimEvent): Done {
    const s = this.state;
    const escalation = s?.escalation;
    // A claim arriving after the user resumed or restarted, or a second claim, changes nothing here.
    if (s?.phase !== 'escalated' || escalation?.id !== event.escalation || escalation.claimedBy) return;
    escalation.claimedBy = { user: event.user, name: event.name, at: event.at };
    this.#record(s, { type: 'claimed', user: event.user, name: event.name, at: event.at });
    this.#cancelTimers(s, 'escalation_renotify');
    this.effects.push({
      type: 'claimed',
      escalation: escalation.id,
      user: event.user,
      at: event.at,
      name: event.name,
      packet: this.#packetOf(s),
    });
    this.#say(
      textReply(
        `${event.name} from support took this over`,
        `${event.name} from the support team has taken this over and will answer here. I will stay quiet; type \`resume\` if you want me back.`,
      ),
    );
  }

  onRelease(event: ReleaseEvent): Done {
    const s = this.state;
    const escalation = s?.escalation;
    // Only whoever holds it can hand it back; a stale or foreign release changes nothing (the engine's
    // accept already told the clicker why).
    if (s?.phase !== 'escalated' || escalation?.id !== event.escalation) return;
    if (escalation.claimedBy?.user !== event.user) return;
    const name = escalation.claimedBy.name;
    escalation.claimedBy = undefined;
    escalation.renotified = 0;
    escalation.unclaimedSince = event.at;
    this.#record(s, { type: 'released', user: event.user, name, at: event.at });
    this.effects.push({
      type: 'released',
      escalation: escalation.id,
      user: event.user,
      name,
      at: event.at,
      packet: this.#packetOf(s),
    });
    this.#scheduleRenotify(s);
    this.#say(
      textReply(
        `${name} from support handed this back`,
        `${name} from the support team handed this back; someone else will pick it up. Type \`resume\` if you want me back meanwhile.`,
        s,
        ['resume'],
      ),
    );
  }

  // -------------------------------------------------------------------------------------------------------
  // Pastes

  #onPaste(s: SessionState, event: MessageEvent): Done {
    const paste = event.paste!;
    const attempt = paste.attempt;
    const fresh = paste.leaks.filter((l) => !s.warned.includes(l.fingerprint));
    if (event.shared && fresh.length > 0) {
      this.replies.push(leakWarning(fresh, event.author ?? event.user));
      s.warned = [...s.warned, ...fresh.map((l) => l.fingerprint)].slice(-MAX_WARNED);
    }
    if (event.continues && s.attempts.length > 0) s.attempts.pop();
    const previous = s.attempts.at(-1);
    s.attempts = [...s.attempts, attempt].slice(-MAX_ATTEMPTS);
    this.#scheduleTokenReminder(s, attempt.tokenExpiresAt);
    // A human has it now: keep the paste for them, say nothing.
    if (s.phase === 'escalated') return;
    const walking = s.phase === 'walking' || (s.walk !== undefined && s.phase === 'diagnosed');
    s.phase = 'diagnosed';
    s.walk = undefined;
    s.streak = 0;
    s.turn += 1;
    this.#say(
      diagnosisReply(s, attempt, {
        ...(previous ? { comparison: compareAttempts(previous, attempt) } : {}),
        continues: event.continues,
        truncated: event.truncated,
        walking,
      }),
    );
  }

  // -------------------------------------------------------------------------------------------------------
  // Actions (buttons and typed answers alike)

  #apply(s: SessionState, id: ActionId): Done {
    switch (id) {
      case 'walk':
        if (s.attempts.length === 0)
          return this.#say(askForPaste('I need to see what failed before we walk the checklist.'));
        if (s.phase === 'walking') return this.#presentStep(s);
        return this.#startWalk(s);
      case 'fixed':
        return this.#fixed(s);
      case 'still_401':
        if (s.phase === 'walking') return this.#answer(s, 'still_401');
        if (s.attempts.length === 0) return this.#say(askForPaste());
        return this.#startWalk(s, 'Then let us go through the checklist, one step at a time.');
      case 'skip':
        if (s.phase === 'walking') return this.#answer(s, 'skipped');
        return this.#say(helpReply(s));
      case 'show_how': {
        const item = s.phase === 'walking' ? s.walk?.plan[s.walk.cursor] : undefined;
        if (!item) return this.#say(helpReply(s));
        s.answers = [...s.answers, { step: item.step, answer: 'shown' as const, at: this.event.at }].slice(
          -MAX_ANSWERS,
        );
        return this.#say(howToReply(s, guideOf(s, item.step, this.ctx)));
      }
      case 'human':
        if (s.phase === 'escalated') return;
        return this.#escalate(s, 'requested');
      case 'restart':
        return this.#restart(s);
      case 'resume':
        return this.#resume(s);
      case 'help':
        return this.#say(helpReply(s));
      case 'forget':
        return this.#forget(s);
    }
  }

  #startWalk(s: SessionState, lead?: string): Done {
    const { plan, skipped } = planWalk(s.attempts.at(-1), s.answers);
    s.phase = 'walking';
    s.walk = { plan, skipped, cursor: 0, startedAt: this.event.at };
    s.turn += 1;
    this.#presentStep(s, { ...(lead ? { lead } : {}), skipped });
  }

  #presentStep(s: SessionState, options: Parameters<typeof stepReply>[2] = {}): Done {
    const item = s.walk?.plan[s.walk.cursor];
    if (!item) return this.#escalate(s, 'exhausted');
    this.#say(stepReply(s, guideOf(s, item.step, this.ctx), options));
  }

  #answer(s: SessionState, answer: 'still_401' | 'skipped'): Done {
    const walk = s.walk!;
    const item = walk.plan[walk.cursor];
    if (item) s.answers = [...s.answers, { step: item.step, answer, at: this.event.at }].slice(-MAX_ANSWERS);
    if (answer === 'still_401') s.streak += 1;
    walk.cursor += 1;
    s.turn += 1;
    if (answer === 'still_401' && s.streak >= this.ctx.stuckAfter) return this.#escalate(s, 'stuck');
    if (walk.cursor >= walk.plan.length) return this.#escalate(s, 'exhausted');
    this.#presentStep(s);
  }

  #fixed(s: SessionState): Done {
    if (s.phase === 'fixed')
      return this.#say(
        textReply('Already marked as fixed', 'Already marked as fixed. Paste a new failure any time.'),
      );
    if (s.attempts.length === 0 && s.phase === 'awaiting_paste')
      return this.#say(textReply('Nothing to fix yet', 'Glad it works. If a 401 comes back, paste it here.'));
    const item = s.phase === 'walking' ? s.walk?.plan[s.walk.cursor] : undefined;
    const latest = s.attempts.at(-1);
    const top = latest?.findings.find((f) => f.severity === 'error') ?? this.#resolvedSince(s);
    const fixedBy = item
      ? { kind: 'step' as const, step: item.step }
      : top
        ? { kind: 'finding' as const, rule: top.rule, cause: top.cause }
        : { kind: 'unknown' as const };
    if (item)
      s.answers = [...s.answers, { step: item.step, answer: 'fixed' as const, at: this.event.at }].slice(
        -MAX_ANSWERS,
      );
    s.phase = 'fixed';
    s.outcome = { at: this.event.at, fixedBy };
    s.turn += 1;
    this.#cancelTimers(s);
    this.effects.push({
      type: 'outcome',
      outcome: {
        session: s.session,
        at: this.event.at,
        fixedBy,
        provider: latest?.provider ?? null,
        ...(top ? { cause: top.cause } : {}),
        durationMs: this.event.at - s.createdAt,
        stepsAnswered: s.answers.filter((a) => a.answer !== 'shown').length,
      },
    });
    const credit =
      fixedBy.kind === 'step'
        ? ` Noted: "${stepById(fixedBy.step).title}" was it.`
        : fixedBy.kind === 'finding'
          ? ` Noted: it was "${top?.title}".`
          : '';
    this.#say(textReply('Fixed', `Glad it works now.${credit} If a 401 comes back, paste it here.`));
  }

  /** After a paste that works, what the user fixed: the first error of the attempt before that is gone now. */
  #resolvedSince(s: SessionState): FindingView | undefined {
    const [previous, latest] = s.attempts.slice(-2);
    if (!previous || !latest || !succeeded(latest)) return undefined;
    const still = new Set(latest.findings.map((f) => f.rule));
    return previous.findings.find((f) => f.severity === 'error' && !still.has(f.rule));
  }

  #escalate(s: SessionState, reason: 'requested' | 'exhausted' | 'stuck'): Done {
    const packet = buildPacket(s, reason, this.event.at);
    s.before = s.phase === 'escalated' ? s.before : s.phase;
    s.phase = 'escalated';
    s.escalation = { id: packet.id, at: this.event.at, reason, history: [], unclaimedSince: this.event.at };
    s.turn += 1;
    this.#cancelTimers(s);
    this.effects.push({ type: 'escalate', packet });
    this.#scheduleRenotify(s);
    this.#say(escalationReply(s, packet, this.ctx));
  }

  #resume(s: SessionState): Done {
    if (s.phase !== 'escalated') {
      if (s.phase === 'walking') return this.#presentStep(s, { lead: 'Here is where we are:' });
      if (s.attempts.length === 0) return this.#say(askForPaste());
      return this.#say(
        textReply(
          'Where we are',
          'We are not in the middle of anything. Paste again, or walk the checklist.',
          s,
          currentActions(s),
        ),
      );
    }
    s.phase =
      s.before && s.before !== 'escalated'
        ? s.before
        : s.attempts.length > 0
          ? 'diagnosed'
          : 'awaiting_paste';
    s.before = undefined;
    s.streak = 0;
    s.turn += 1;
    this.#cancelTimers(s, 'escalation_renotify');
    if (s.escalation) this.effects.push({ type: 'resume', escalation: s.escalation.id });
    if (s.phase === 'walking' && s.walk && s.walk.cursor >= s.walk.plan.length)
      s.walk.cursor = s.walk.plan.length - 1;
    if (s.phase === 'walking') return this.#presentStep(s, { lead: "I'm back. Here is where we were:" });
    if (s.phase === 'awaiting_paste') return this.#say(askForPaste("I'm back."));
    this.#say(
      textReply(
        "I'm back",
        "I'm back. Paste again after a change, or walk the checklist.",
        s,
        currentActions(s),
      ),
    );
  }

  #restart(s: SessionState): Done {
    this.#cancelTimers(s);
    const next = this.#fresh(s.user, this.event.id);
    next.warned = s.warned;
    this.state = next;
    this.#say(askForPaste('Starting over.'));
  }

  #forget(s: SessionState): Done {
    this.#cancelTimers(s);
    this.effects.push({ type: 'forget', user: this.event.user });
    this.state = null;
    this.#say(
      textReply(
        'Deleted what I kept about you',
        "Done: I deleted your conversations with me, your messages and follow-ups still waiting in my queue, and any hand-over to the support team not yet delivered. My statistics never held your name, and pastes were only ever kept redacted. What is already posted in chat stays (delete it there if you want), and a support ticket already opened is the support team's to delete. Paste again any time to start fresh.",
      ),
    );
  }

  // -------------------------------------------------------------------------------------------------------
  // Helpers

  #say(reply: Reply): Done {
    this.replies.push(reply);
  }

  #fresh(user: string, seed: string): SessionState {
    const s: SessionState = {
      v: STATE_VERSION,
      session: shortId(`${seed}:${this.event.at}`),
      user,
      phase: 'awaiting_paste',
      turn: 0,
      createdAt: this.event.at,
      updatedAt: this.event.at,
      attempts: [],
      answers: [],
      streak: 0,
      warned: [],
      timers: {},
      fired: [],
    };
    this.state = s;
    return s;
  }

  #cancelTimers(s: SessionState, only?: TimerName): Done {
    for (const [name, timer] of Object.entries(s.timers) as [TimerName, { id: string }][]) {
      if (only && name !== only) continue;
      this.effects.push({ type: 'cancel', timer: name, id: timer.id });
      delete s.timers[name];
    }
  }

  /** One "did that fix it?" per session, after the bot's last question when the user goes quiet. */
  #rescheduleFollowUp(s: SessionState): Done {
    this.#cancelTimers(s, 'follow_up');
    if (s.fired.includes('follow_up') || (s.phase !== 'diagnosed' && s.phase !== 'walking')) return;
    const at = this.event.at + this.ctx.followUpMs;
    const id = `follow_up:${s.session}:${s.turn}:${shortId(this.event.id)}`;
    s.timers.follow_up = { id, at };
    this.effects.push({ type: 'schedule', timer: 'follow_up', id, at });
  }

  /** The support team is told again while nobody has claimed the escalation, up to MAX_RENOTIFY times. */
  #renotify(s: SessionState): Done {
    const escalation = s.escalation;
    if (s.phase !== 'escalated' || !escalation || escalation.claimedBy) return;
    const count = (escalation.renotified ?? 0) + 1;
    escalation.renotified = count;
    this.effects.push({
      type: 'renotify',
      packet: this.#packetOf(s),
      count,
      waitingMs: Math.max(0, this.event.at - (escalation.unclaimedSince ?? escalation.at)),
      at: this.event.at,
    });
    this.#scheduleRenotify(s);
  }

  #scheduleRenotify(s: SessionState): Done {
    const every = this.ctx.renotifyMs ?? 0;
    const escalation = s.escalation;
    this.#cancelTimers(s, 'escalation_renotify');
    if (!(every > 0) || !escalation || escalation.claimedBy) return;
    const count = escalation.renotified ?? 0;
    if (count >= MAX_RENOTIFY) return;
    const at = this.event.at + every;
    // Unique per scheduling (the queue remembers finished ids): the event that scheduled it is in the id.
    const id = `escalation_renotify:${escalation.id}:${count}:${shortId(this.event.id)}`;
    s.timers.escalation_renotify = { id, at };
    this.effects.push({ type: 'schedule', timer: 'escalation_renotify', id, at });
  }

  /** The escalation's packet as it stands now: same id and reason, later pastes included. */
  #packetOf(s: SessionState) {
    const escalation = s.escalation!;
    return { ...buildPacket(s, escalation.reason, escalation.at), id: escalation.id };
  }

  #record(s: SessionState, entry: EscalationHistory): Done {
    const escalation = s.escalation!;
    escalation.history = [...(escalation.history ?? []), entry].slice(-MAX_ESCALATION_HISTORY);
  }

  #scheduleTokenReminder(s: SessionState, expiresAt: number | undefined): Done {
    if (s.fired.includes('token_expiry')) return;
    const now = this.event.at;
    if (expiresAt === undefined || expiresAt <= now || expiresAt > now + this.ctx.reminderHorizonMs) return;
    if (s.timers.token_expiry?.at === expiresAt) return;
    this.#cancelTimers(s, 'token_expiry');
    const id = `token_expiry:${s.session}:${expiresAt}`;
    s.timers.token_expiry = { id, at: expiresAt };
    this.effects.push({ type: 'schedule', timer: 'token_expiry', id, at: expiresAt });
  }
}
