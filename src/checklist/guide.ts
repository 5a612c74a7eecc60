/**
 * What the walk shows for one checklist step: why it matters, what to check, and "show me how" — exact
 * instructions, with per-OS and per-browser variants where the step has them. Guides are data filled in
 * from what is known about this conversation (the provider, the user's own request), never from raw
 * credentials.
 */
import { z } from 'zod';

export const GuideContextSchema = z.object({
  provider: z
    .object({
      id: z.string(),
      name: z.string(),
      /** The first is the provider's authentication reference. */
      docs: z.array(z.object({ title: z.string(), url: z.string() })),
      pitfalls: z.array(z.string()).default([]),
      /** Where the user sees and rotates their credentials, when the pack knows. */
      dashboard: z.string().optional(),
    })
    .optional(),
  /** The user's own request (redacted), for examples built from it. */
  request: z
    .object({ method: z.string(), url: z.string().optional(), host: z.string().optional() })
    .optional(),
  /** A curl command for that request with the credential placed as the API expects, as a placeholder. */
  example: z.string().optional(),
  /** Contact for the API's support or this team's, from config. */
  support: z.object({ url: z.string().optional(), channel: z.string().optional() }).optional(),
});
export type GuideContext = z.input<typeof GuideContextSchema>;

export const HowToSchema = z.object({
  /** "macOS", "Chrome", "curl" — or empty for instructions that apply everywhere. */
  title: z.string(),
  steps: z.array(z.string()),
  code: z.object({ text: z.string(), language: z.string().optional() }).optional(),
});
export type HowTo = z.infer<typeof HowToSchema>;

export const GuideSchema = z.object({
  step: z.string(),
  title: z.string(),
  /** One or two sentences: why this step matters for a 401. */
  why: z.string(),
  /** What to check, short and imperative. */
  check: z.array(z.string()).min(1),
  /** "Show me how": exact instructions. */
  howTo: z.array(HowToSchema).min(1),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
});
export type Guide = z.infer<typeof GuideSchema>;
