import type { Rule } from '../types.js';

export const answerRules: readonly Rule[] = [];
