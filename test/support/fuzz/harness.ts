/**
 * One fuzz input through everything a paste meets: intake and the real diagnoser (no network: no JWKS
 * issuers), then the engine's side (prepareMessage and the pure reducer over a short conversation: the
 * paste, a typed answer, a button), with cheap invariants: nothing throws, every state the reducer returns is
 * valid by its schema, and no raw credential intake found comes back out in a reply, state or effect.
 */
import { z } from 'zod';
import { loadConfig } from '../../../src/config.js';
import { EffectSchema } from '../../../src/conversation/effects.js';
import { type ConversationEvent, MessageEventSchema } from '../../../src/conversation/events.js';
import { prepareMessage } from '../../../src/conversation/prepare.js';
import { settingsFrom } from '../../../src/conversation/runtime.js';
import { SessionStateSchema } from '../../../src/conversation/state.js';
import { type EngineSettings, type StepResult, step } from '../../../src/conversation/step.js';
import { createDiagnoser, type Diagnoser } from '../../../src/diagnose/service.js';
import type { Evidence } from '../../../src/intake/evidence.js';
import { ACTION_IDS, ReplySchema } from '../../../src/reply/model.js';
import type { FuzzInput } from './generate.js';

export interface FuzzContext {
  diagnoser: Diagnoser;
  settings: EngineSettings;
}

export function createFuzzContext(): FuzzContext {
  // An empty environment: built-in packs, no JWKS issuers (so no network), the default 1 MiB cap.
  const config = loadConfig({ AUTHDOCTOR_SUPPORT_CHANNEL: '#api-support' });
  return { diagnoser: createDiagnoser(config), settings: settingsFrom(config) };
}

const T0 = Date.parse('2026-01-15T12:00:00Z');
const MINUTE = 60_000;

/** What the user may type after a paste: every typed command, and some text that is none. */
const TYPED = [
  'walk',
  'fixed',
  'still 401',
  'skip',
  'how?',
  'human',
  'restart',
  'resume',
  'help',
  'forget me',
  'nope.',
  '<@U2> next step!',
  'what does that mean',
  '',
];

/** Everything one input produced, for the invariants. */
export interface Trace {
  evidence: Evidence;
  results: StepResult[];
  /** What the engine would queue: the prepared events. */
  events: ConversationEvent[];
}

/** The work that is timed: one input, end to end, as the engine would run it. */
export async function runPipeline(ctx: FuzzContext, input: FuzzInput): Promise<Trace> {
  const { diagnoser, settings } = ctx;
  // Intake and diagnosis as the CLI and `diagnose --json` run them (bytes when the input came as a file).
  const { evidence } = await diagnoser.examine(input.bytes ?? input.text, {
    clock: { now: T0, uncertaintyMs: 0 },
  });
  const prepared = await prepareMessage(diagnoser, { text: input.text, at: T0 });
  const paste = MessageEventSchema.parse({
    type: 'message',
    id: `m${input.index}`,
    at: T0,
    user: 'U1',
    text: prepared.text,
    ...(prepared.paste ? { paste: prepared.paste } : {}),
    shared: input.index % 2 === 0,
    truncated: prepared.truncated,
  });
  const events: ConversationEvent[] = [paste];
  const results: StepResult[] = [step(null, paste, settings)];

  const typedText = TYPED[input.index % TYPED.length]!;
  const typedPrepared = await prepareMessage(diagnoser, { text: typedText, at: T0 + MINUTE });
  const typed = MessageEventSchema.parse({
    type: 'message',
    id: `t${input.index}`,
    at: T0 + MINUTE,
    user: 'U1',
    text: typedPrepared.text,
    ...(typedPrepared.paste ? { paste: typedPrepared.paste } : {}),
  });
  events.push(typed);
  results.push(step(results[0]!.state, typed, settings));

  // A button the user was shown, or (when none was) any button, as a stale click would send.
  const state = results[1]!.state ?? results[0]!.state;
  const shown = [...results[1]!.replies, ...results[0]!.replies].flatMap((r) =>
    r.parts.flatMap((p) => (p.type === 'actions' ? p.actions : [])),
  );
  const button = shown[input.index % Math.max(1, shown.length)];
  const action: ConversationEvent = {
    type: 'action',
    id: `a${input.index}`,
    at: T0 + 2 * MINUTE,
    user: 'U1',
    action: button?.id ?? ACTION_IDS[input.index % ACTION_IDS.length]!,
    ...(button ? { session: button.session, turn: button.turn } : state ? { session: state.session } : {}),
  };
  events.push(action);
  results.push(step(state, action, settings));
  return { evidence, results, events };
}

const RepliesSchema = z.array(ReplySchema);
const EffectsSchema = z.array(EffectSchema);

/**
 * Only values that look like keys are looked for: short ones, words ("password", "Authorization") and paths
 * or URLs ("/migrate-v1", read as a value from prose) also occur in the bot's own sentences and links, and
 * finding them there says nothing about a leak.
 */
function keyLike(value: string): boolean {
  return (
    value.length >= 12 &&
    /\d/.test(value) &&
    /[A-Za-z]/.test(value) &&
    !value.startsWith('/') &&
    !value.includes('://')
  );
}

/** Broken invariants, as sentences (empty when all hold), and how many raw credentials were looked for. */
export function checkInvariants(trace: Trace): { problems: string[]; secrets: number } {
  const problems: string[] = [];
  trace.results.forEach((result, i) => {
    if (result.state !== null) {
      const parsed = SessionStateSchema.safeParse(result.state);
      if (!parsed.success) problems.push(`state after event ${i} is invalid: ${parsed.error.message}`);
    }
    if (!RepliesSchema.safeParse(result.replies).success) problems.push(`replies of event ${i} are invalid`);
    if (!EffectsSchema.safeParse(result.effects).success) problems.push(`effects of event ${i} are invalid`);
  });
  const secrets = rawSecrets(trace.evidence);
  if (secrets.length > 0) {
    // Each string on its own: in JSON text a quote or backslash in a value would hide it, and a delimiter
    // could complete one.
    const out: string[] = [];
    stringsIn([trace.events, trace.results], out);
    for (const secret of secrets) {
      // Only the length is reported: the report itself must not become the leak.
      if (out.some((s) => s.includes(secret)))
        problems.push(`a raw credential (${secret.length} chars) reached the output`);
    }
  }
  return { problems, secrets: secrets.length };
}

function stringsIn(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value)) stringsIn(v, out);
}

function rawSecrets(evidence: Evidence): string[] {
  const out = new Set<string>();
  const add = (raw: string | undefined, display: string) => {
    if (raw === undefined) return;
    // Intake reads a wrapped token with its whitespace collapsed; the paste (and a leak) keeps the pieces.
    // Only when every piece looks like part of a key: the pieces of a PEM block or of a value that ran on
    // into prose ("title":"x1") are words that may occur anywhere. What the fingerprint shows is public.
    const pieces = raw.split(/\s+/).filter((p) => p !== '');
    const wrapped = pieces.length > 1 && pieces.every(keyLike);
    for (const piece of wrapped ? [raw, ...pieces] : [raw])
      if (keyLike(piece) && !display.includes(piece)) out.add(piece);
  };
  for (const c of evidence.credentials) {
    add(c.secret?.reveal(), c.display);
    add(c.basic?.password?.reveal(), c.basic?.passwordDisplay ?? c.display);
  }
  return [...out];
}

export interface InputOutcome {
  ms: number;
  problems: string[];
  /** Raw credentials intake found that were looked for in the output. */
  secrets: number;
}

/** Runs and times one input (the invariants are checked after the clock stops); a throw is a problem. */
export async function runInput(ctx: FuzzContext, input: FuzzInput): Promise<InputOutcome> {
  const start = performance.now();
  let trace: Trace;
  try {
    trace = await runPipeline(ctx, input);
  } catch (error) {
    const ms = performance.now() - start;
    const problem = `crash: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    return { ms, problems: [problem], secrets: 0 };
  }
  const ms = performance.now() - start;
  return { ms, ...checkInvariants(trace) };
}

/** The input's time with the noise taken out: the fastest of `runs` runs (a GC pause is not complexity). */
export async function retime(ctx: FuzzContext, input: FuzzInput, runs: number): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    try {
      await runPipeline(ctx, input);
    } catch {
      // Already reported as a crash; only the time matters here.
    }
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
