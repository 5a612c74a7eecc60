import type { ProviderPackInput } from '../schema.js';
import { github } from './github.js';

export const PACKS_A: readonly ProviderPackInput[] = [github];
