import { z } from 'zod';

/**
 * Parsers never throw on user text: they report what they could not read as coded notes. Codes are stable
 * (`area.what`, lower snake case) so rules, tests and analytics can rely on them.
 */
export const NoteSchema = z.object({
  code: z.string().regex(/^[a-z0-9_]+\.[a-z0-9_]+$/),
  message: z.string(),
  /** 1-based line in the normalized paste, when the note is about one place. */
  line: z.number().int().positive().optional(),
});
export type Note = z.infer<typeof NoteSchema>;

export function note(code: string, message: string, line?: number): Note {
  return line === undefined ? { code, message } : { code, message, line };
}
