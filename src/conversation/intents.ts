/**
 * Typed answers: what a user may type instead of pressing a button. Only short, single-line messages are
 * read this way, so a paste that happens to start with "next" is still a paste.
 */
import type { ActionId } from '../reply/model.js';

const MAX_LENGTH = 60;

const INTENTS: readonly [ActionId, RegExp][] = [
  ['forget', /^(?:forget(?: me| my data| everything)?|delete my data)$/],
  [
    'fixed',
    /^(?:fixed|it works|works(?: now)?|solved|resolved|that (?:fixed|did) it|it'?s fixed|yes,? (?:it'?s )?fixed|all good|working now)$/,
  ],
  [
    'still_401',
    /^(?:still(?: 401| failing| broken| not working| unauthorized)?|no(?:pe)?|didn'?t (?:help|work)|same(?: error| thing)?|401|not fixed|still 401 unauthorized)$/,
  ],
  ['skip', /^(?:skip|next|pass|skip it|next step)$/],
  ['show_how', /^(?:how|how\?|show(?: me)?(?: how)?|details|more|show me how|explain)$/],
  [
    'human',
    /^(?:human|agent|person|support|escalate|talk to (?:a )?(?:human|person|someone)|help me human)$/,
  ],
  ['restart', /^(?:restart|start over|reset|new|begin again)$/],
  ['resume', /^(?:resume|continue|go on|carry on)$/],
  ['help', /^(?:help|\?|commands|what can you do)$/],
  ['walk', /^(?:walk(?: me)?(?: through(?: it)?)?|checklist|yes|y|ok|okay|go|sure|start|let'?s go)$/],
];

/** The action a typed message means, if it is one. */
export function intentOf(text: string): ActionId | undefined {
  if (text.length > MAX_LENGTH * 2 || text.trim().includes('\n')) return undefined;
  const words = text
    .replace(/<@[!&]?\w+>|@\w+/g, ' ')
    .toLowerCase()
    .replace(/(?<![.!,;:])[.!,;:]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (words.length === 0 || words.length > MAX_LENGTH) return undefined;
  for (const [id, pattern] of INTENTS) if (pattern.test(words)) return id;
  return undefined;
}
