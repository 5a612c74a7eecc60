import type { ProviderPackInput } from '../schema.js';

export const PACKS_B: readonly ProviderPackInput[] = [];
