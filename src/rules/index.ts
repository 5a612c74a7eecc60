/**
 * The rule registry. Rules are grouped by what they look at; within the list, more specific rules come
 * first so that, at equal severity and confidence, the sharper explanation ranks higher.
 */

import { answerRules } from './sets/answers.js';
import { credentialRules } from './sets/credentials.js';
import { placeRules } from './sets/place.js';
import { signatureRules } from './sets/signatures.js';
import { tokenRules } from './sets/tokens.js';
import type { Rule } from './types.js';

export const RULES: readonly Rule[] = [
  ...credentialRules,
  ...tokenRules,
  ...signatureRules,
  ...answerRules,
  ...placeRules,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
