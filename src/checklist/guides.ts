/**
 * The "show me how" content of the 401 checklist walk: per step, why it matters, what to check and exact
 * instructions (per OS and per browser where they differ), filled in from the conversation's guide
 * context. Text is plain with `inline code` only; code snippets are runnable as written for the shell or
 * OS their section names. The content lives in `guides/`, one file per step.
 */
import type { Guide, GuideContext } from './guide.js';
import { GUIDES } from './guides/index.js';
import { resolveContext } from './guides/shared.js';
import { type StepId, stepById } from './steps.js';

/**
 * The guide for one step. Only the documented context fields are read, each validated on its own: a field
 * that does not fit is left out rather than failing the guide.
 */
export function guideFor(step: StepId, context: GuideContext = {}): Guide {
  const definition = stepById(step);
  const body = GUIDES[definition.id](resolveContext(context));
  return { step: definition.id, title: definition.title, ...body };
}
