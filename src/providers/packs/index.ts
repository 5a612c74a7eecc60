/** The built-in provider packs, one file per provider (listed in two halves so they can be edited apart). */
import type { ProviderPackInput } from '../schema.js';
import { PACKS_A } from './index-a.js';
import { PACKS_B } from './index-b.js';
import { PACKS_C } from './index-c.js';

export const BUILTIN_PACKS: readonly ProviderPackInput[] = [...PACKS_A, ...PACKS_B, ...PACKS_C];
