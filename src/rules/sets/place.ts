import type { Rule } from '../types.js';

export const placeRules: readonly Rule[] = [];
