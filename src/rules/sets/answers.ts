/**
 * Rules that read what servers, clients and users said. The challenge and the provider's own words come
 * first (sharpest), then library and framework messages, then the user's phrasing and the bare status.
 */
import libraryError from '../library-error.js';
import proseSignals from '../prose-signals.js';
import providerError from '../provider-error.js';
import statusExplained from '../status-explained.js';
import type { Rule } from '../types.js';
import wwwAuthenticateError from '../www-authenticate-error.js';

export const answerRules: readonly Rule[] = [
  wwwAuthenticateError,
  providerError,
  libraryError,
  proseSignals,
  statusExplained,
];
