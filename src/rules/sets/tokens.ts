import type { Rule } from '../types.js';

export const tokenRules: readonly Rule[] = [];
