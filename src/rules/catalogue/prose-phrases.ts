/**
 * What users say that points at a cause, as phrase families. Each family is a lead (a warning), never a
 * verdict: it says what the words usually mean and what to check. Patterns stay within one sentence
 * (`[^.!?\n]{0,n}`), and the rule skips a phrase the user negates ("it does not work after a restart",
 * "el token no ha expirado"). Families live by theme in ./prose-families/.
 */

import { lowered, mayMatch } from '../../providers/literal.js';
import { ACCOUNT_FAMILIES } from './prose-families/account.js';
import { CREDENTIAL_FAMILIES } from './prose-families/credential.js';
import { PLACE_FAMILIES } from './prose-families/place.js';
import { TIME_FAMILIES } from './prose-families/time.js';
import { negatedBefore, negatedWithin } from './scan.js';
import { compileCatalogue, type PhraseFamily, PhraseFamilySchema } from './schema.js';

export const PROSE_PHRASES: readonly PhraseFamily[] = compileCatalogue(PhraseFamilySchema, 'prose-phrases', [
  ...TIME_FAMILIES,
  ...CREDENTIAL_FAMILIES,
  ...PLACE_FAMILIES,
  ...ACCOUNT_FAMILIES,
]);

/** Where a family's phrase is in the user's text, unless the user negates it or an `unless` pattern applies. */
export function findPhrase(family: PhraseFamily, text: string): RegExpExecArray | undefined {
  const lower = lowered(text);
  if (family.unless.some((re) => mayMatch(re, lower) && re.test(text))) return undefined;
  for (const re of family.match) {
    if (!mayMatch(re, lower)) continue;
    const m = re.exec(text);
    if (!m || negatedBefore(text, m.index)) continue;
    if (family.negationWithin && negatedWithin(text, m.index, m[0].length)) continue;
    return m;
  }
  return undefined;
}
