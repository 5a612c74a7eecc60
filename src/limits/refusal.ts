/** What a user is told when a limit stops their message, as an error the adapters turn into a private note. */
import type { ConversationRef } from '../conversation/events.js';
import { AuthdoctorError, ErrorCodes } from '../errors.js';
import { humanDuration } from '../reply/duration.js';
import type { RateDecision } from './types.js';

type Refused = Extract<RateDecision, { ok: false }>;

export class RateLimitedError extends AuthdoctorError {
  readonly scope: Refused['scope'];
  readonly retryAfterMs: number;
  /** Not the first refusal in this stretch: drop it without a reply, so a flood gets one answer. */
  readonly quiet: boolean;

  constructor(refused: Refused, platform: ConversationRef['platform']) {
    super(ErrorCodes.RATE_LIMITED, rateLimitedText(refused, platform));
    this.name = 'RateLimitedError';
    this.scope = refused.scope;
    this.retryAfterMs = refused.retryAfterMs;
    this.quiet = !refused.notify;
  }
}

export function rateLimitedText(refused: Refused, platform: ConversationRef['platform']): string {
  const wait = humanDuration(Math.max(1000, refused.retryAfterMs));
  if (refused.scope === 'user')
    return `You've sent me more than ${refused.perMinute} messages in the last minute, so I skipped this one without reading it (and any more in the next ${wait}). Send it again in ${wait}.`;
  const place = platform === 'discord' ? 'This server' : 'This workspace';
  return `${place} has sent me more than ${refused.perMinute} messages in the last minute, more than I take at once, so I skipped yours without reading it. Send it again in ${wait}. If this keeps happening, ask whoever runs authdoctor to raise AUTHDOCTOR_WORKSPACE_RATE_PER_MINUTE.`;
}
