/** The Discord adapter (placeholder until it lands). */
import { AuthdoctorError, ErrorCodes } from '../../src/errors.js';
import type { PlatformAdapter } from '../../src/platform/adapter.js';
import type { AdapterDeps } from '../../src/platform/deps.js';

export type DiscordAdapterOptions = {};

export async function createDiscordAdapter(
  _deps: AdapterDeps,
  _options: DiscordAdapterOptions = {},
): Promise<PlatformAdapter> {
  throw new AuthdoctorError(ErrorCodes.NOT_IMPLEMENTED, 'The Discord adapter is not built yet.');
}
