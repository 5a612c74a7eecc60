/**
 * Message catalogues as data: what auth libraries, frameworks and SDKs write when they reject a request, and
 * what users say that points at a cause. Patterns are regular-expression source, compiled case-insensitively
 * by the same schema the provider packs use (which refuses nested quantifiers), so every catalogue entry is
 * held to the packs' linear-time bar. Every entry carries real examples; the catalogue test proves each one
 * is recognised as that entry.
 */
import { z } from 'zod';
import { CauseSchema, SeveritySchema } from '../../diagnose/taxonomy.js';
import { PatternSchema } from '../../providers/schema.js';

const IdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

/** How an entry reads when the paste shows a real credential being sent (a "no token" message then means the token got lost). */
const WhenSentSchema = z.object({
  cause: CauseSchema,
  severity: SeveritySchema,
  confidence: z.number().min(0).max(1),
  explain: z.string(),
  fix: z.array(z.string()).min(1),
});

export const LibraryErrorSchema = z.object({
  id: IdSchema,
  /** Who writes this message: "jsonwebtoken (Node.js)", "Spring Security". */
  library: z.string().min(1),
  /**
   * Matched against error bodies, client errors, response bodies and prose. A named group `detail`
   * (`(?<detail>…)`) captures what the message names (scopes, a claim) for the finding's detail.
   */
  match: PatternSchema,
  cause: CauseSchema,
  severity: SeveritySchema,
  confidence: z.number().min(0).max(1),
  /**
   * `specific`: a library's own wording. `generic`: a phrasing many servers use; it is dropped when a
   * specific entry explains the same text, and said less firmly when only the user's prose has it.
   */
  tier: z.enum(['specific', 'generic']).default('specific'),
  /** What the message means and what usually causes it. */
  explain: z.string().min(1),
  fix: z.array(z.string()).min(1),
  docs: z.array(z.url()).default([]),
  whenSent: WhenSentSchema.optional(),
  /**
   * The entry does not apply to a text that also matches this: something else in the same log explains the
   * refusal better (ASP.NET's "was challenged" after "was not authenticated. Failure message: …").
   */
  unless: PatternSchema.optional(),
  /** The entry does not apply when the paste shows the request going out with no credential (another rule's case). */
  notWhenNoneSent: z.boolean().default(false),
  /**
   * Where the library reads the credential (header name, lowercase, and scheme word). When the request sent it
   * exactly there and the library still says it saw none, the form was right and the header was lost on the
   * way, whatever `whenSent` guesses.
   */
  reads: z.object({ header: z.string().min(1), scheme: z.string().optional() }).optional(),
  /** Real messages this entry must recognise. */
  examples: z.array(z.string()).min(1),
  /** Near misses it must not recognise. */
  near: z.array(z.string()).default([]),
});
export type LibraryError = z.infer<typeof LibraryErrorSchema>;
export type LibraryErrorInput = z.input<typeof LibraryErrorSchema>;

/** A family of things users say that points at a cause ("it works again after a restart"). */
export const PhraseFamilySchema = z.object({
  id: IdSchema,
  cause: CauseSchema,
  severity: SeveritySchema.default('warning'),
  confidence: z.number().min(0).max(1),
  /** Any one of these is enough; each is tried on every prose text. */
  match: z.array(PatternSchema).min(1),
  /** A stronger form of the family (the user says switching fixed it): confidence rises to `strongConfidence`. */
  strong: z.array(PatternSchema).default([]),
  strongConfidence: z.number().min(0).max(1).optional(),
  /** When the user's words also match one of these, the family does not apply. */
  unless: z.array(PatternSchema).default([]),
  /**
   * A negation inside the matched words also cancels it ("el token no ha expirado", "Token ist nicht
   * abgelaufen"): for families whose patterns never contain a negation of their own.
   */
  negationWithin: z.boolean().default(false),
  /**
   * The words name an environment or region (a named group `env` or `region`); a request host that says
   * otherwise (a production host for "sandbox" words, a host without that region) makes the lead strong.
   */
  against: z.enum(['host-environment', 'host-region']).optional(),
  title: z.string().min(1),
  /** What the phrase usually means, after the quote of the user's words. */
  explain: z.string().min(1),
  fix: z.array(z.string()).min(1),
  docs: z.array(z.url()).default([]),
  examples: z.array(z.string()).min(1),
  near: z.array(z.string()).default([]),
});
export type PhraseFamily = z.infer<typeof PhraseFamilySchema>;
export type PhraseFamilyInput = z.input<typeof PhraseFamilySchema>;

/** Validates a catalogue once, at module load; a bad entry is a programming error, named with its id. */
export function compileCatalogue<S extends z.ZodType>(
  schema: S,
  name: string,
  entries: readonly z.input<S>[],
): z.infer<S>[] {
  const parsed = z.array(schema).safeParse(entries);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const [index, ...path] = issue.path;
      const id = typeof index === 'number' ? (entries[index] as { id?: string } | undefined)?.id : undefined;
      return `${id ?? String(index)}.${path.join('.')}: ${issue.message}`;
    });
    throw new Error(`invalid ${name} catalogue: ${problems.join('; ')}`);
  }
  const seen = new Set<string>();
  for (const entry of parsed.data as { id: string }[]) {
    if (seen.has(entry.id)) throw new Error(`invalid ${name} catalogue: duplicate id ${entry.id}`);
    seen.add(entry.id);
  }
  return parsed.data;
}
