import authorizationSchemeMissing from '../authorization-scheme-missing.js';
import type { Rule } from '../types.js';

export const credentialRules: readonly Rule[] = [authorizationSchemeMissing];
