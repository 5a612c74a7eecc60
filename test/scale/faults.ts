/**
 * Platform faults the fake Slack process can play (fake-slack-process.ts, POST /fault): an outage of 5xx
 * answers, a storm of 429s, a slow API. A fault picks some of the Web API calls of one method (or of every
 * method, `*`) for a while, and answers them with an HTTP status and/or late.
 *
 * `acted` says whether Slack did what the call asked before the bad answer: a 5xx from Slack's edge (the
 * call never reached it) or one after the message was posted (Slack documents that for internal_error: "some
 * aspect of the operation succeeded"). A slow answer acts at once by default (Slack has it; only its answer
 * is late), a 5xx and a 429 by default do not.
 *
 * Shared by the fake (which plays the faults) and the harness (which asks for them), so both read one schema.
 */
import { z } from 'zod';

export const FaultSpecSchema = z
  .object({
    /** A Web API method (`chat.postMessage`), or `*` for every method. */
    method: z.string().min(1).default('*'),
    /** The HTTP status to answer with; none: the normal answer (with `delayMs`, a slow one). */
    status: z
      .union([z.literal(500), z.literal(502), z.literal(503), z.literal(504), z.literal(429)])
      .optional(),
    /** Retry-After in seconds, sent with a 429 (default 1). */
    retryAfter: z.number().int().min(0).max(3_600).optional(),
    /** The answer waits this long (after the call acted, when it does). */
    delayMs: z.number().int().min(0).max(300_000).optional(),
    /** Whether Slack acted on the call before answering (see above). */
    acted: z.boolean().optional(),
    /** The share of matching calls hit, spread evenly (every other call for 0.5). */
    ratio: z.number().min(0).max(1).default(1),
    /** At most this many calls are hit; then the fault is over. */
    count: z.number().int().min(1).optional(),
    /** The fault is over this long after it began; without it, it lasts until cleared. */
    durationMs: z.number().int().min(1).optional(),
  })
  .refine((spec) => spec.status !== undefined || spec.delayMs !== undefined, {
    message: 'a fault needs a status, a delayMs, or both',
  });

export type FaultSpec = z.input<typeof FaultSpecSchema>;

/** Whether a fault's calls act before their answer (see above). */
export const acts = (spec: { status?: number | undefined; acted?: boolean | undefined }): boolean =>
  spec.acted ?? spec.status === undefined;

/** What the fake does with one call a fault picked. */
export interface FaultDecision {
  fault: string;
  status?: number;
  retryAfter?: number;
  delayMs: number;
  acted: boolean;
}

/** A fault as the control port reports it. */
export interface FaultReport {
  id: string;
  spec: z.output<typeof FaultSpecSchema>;
  startedAt: number;
  endedAt?: number;
  /** Calls it matched, and those it hit. */
  seen: number;
  hits: number;
  /** Hits by method. */
  byMethod: Record<string, number>;
}

interface ActiveFault extends FaultReport {
  until?: number;
}

/** The faults in play; the first one (in the order they were added) that matches and hits a call wins. */
export class FaultBook {
  readonly #faults: ActiveFault[] = [];
  #counter = 0;

  add(input: unknown, now: number): FaultReport {
    const spec = FaultSpecSchema.parse(input);
    const fault: ActiveFault = {
      id: `fault-${++this.#counter}`,
      spec,
      startedAt: now,
      seen: 0,
      hits: 0,
      byMethod: {},
      ...(spec.durationMs !== undefined ? { until: now + spec.durationMs } : {}),
    };
    this.#faults.push(fault);
    return report(fault);
  }

  /** Ends every fault still in play. */
  clear(now: number): void {
    for (const fault of this.#faults) fault.endedAt ??= now;
  }

  pick(method: string, now: number): FaultDecision | undefined {
    for (const fault of this.#faults) {
      this.#expire(fault, now);
      if (fault.endedAt !== undefined) continue;
      if (fault.spec.method !== '*' && fault.spec.method !== method) continue;
      const before = fault.seen++;
      // Even spread without randomness: the n-th matching call is hit when the running share steps up.
      if (Math.floor((before + 1) * fault.spec.ratio) <= Math.floor(before * fault.spec.ratio)) continue;
      fault.hits += 1;
      fault.byMethod[method] = (fault.byMethod[method] ?? 0) + 1;
      if (fault.spec.count !== undefined && fault.hits >= fault.spec.count) fault.endedAt = now;
      const { status, retryAfter, delayMs } = fault.spec;
      return {
        fault: fault.id,
        ...(status !== undefined ? { status } : {}),
        ...(status === 429 ? { retryAfter: retryAfter ?? 1 } : {}),
        delayMs: delayMs ?? 0,
        acted: acts(fault.spec),
      };
    }
    return undefined;
  }

  report(now: number): FaultReport[] {
    for (const fault of this.#faults) this.#expire(fault, now);
    return this.#faults.map(report);
  }

  #expire(fault: ActiveFault, now: number): void {
    if (fault.endedAt === undefined && fault.until !== undefined && now >= fault.until)
      fault.endedAt = fault.until;
  }
}

function report({ until: _, ...fault }: ActiveFault): FaultReport {
  return { ...fault, byMethod: { ...fault.byMethod } };
}
