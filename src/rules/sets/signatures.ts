import type { Rule } from '../types.js';

export const signatureRules: readonly Rule[] = [];
