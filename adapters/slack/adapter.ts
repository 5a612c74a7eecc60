/** The Slack adapter (placeholder until it lands). */
import { AuthdoctorError, ErrorCodes } from '../../src/errors.js';
import type { PlatformAdapter } from '../../src/platform/adapter.js';
import type { AdapterDeps } from '../../src/platform/deps.js';

export type SlackAdapterOptions = {};

export async function createSlackAdapter(
  _deps: AdapterDeps,
  _options: SlackAdapterOptions = {},
): Promise<PlatformAdapter> {
  throw new AuthdoctorError(ErrorCodes.NOT_IMPLEMENTED, 'The Slack adapter is not built yet.');
}
