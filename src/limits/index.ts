/** Picks the limiter from the config (Redis when REDIS_URL is set) and builds the limits of one message. */
import type { Config } from '../config.js';
import type { ConversationRef } from '../conversation/events.js';
import { MemoryRateLimiter } from './memory.js';
import { RedisRateLimiter } from './redis.js';
import type { RateLimit, RateLimiter } from './types.js';

export { MemoryRateLimiter } from './memory.js';
export { RedisRateLimiter } from './redis.js';
export type { RateDecision, RateLimit, RateLimiter } from './types.js';

export interface RateLimits {
  userPerMinute: number;
  workspacePerMinute: number;
}

export function rateLimitsFrom(config: Config): RateLimits {
  return {
    userPerMinute: config.AUTHDOCTOR_USER_RATE_PER_MINUTE,
    workspacePerMinute: config.AUTHDOCTOR_WORKSPACE_RATE_PER_MINUTE,
  };
}

/** No limiter when both limits are off: nothing to count, no Redis connection. */
export function createRateLimiter(config: Config): RateLimiter | undefined {
  const limits = rateLimitsFrom(config);
  if (limits.userPerMinute === 0 && limits.workspacePerMinute === 0) return undefined;
  return config.REDIS_URL
    ? new RedisRateLimiter(config.REDIS_URL, { keyPrefix: config.AUTHDOCTOR_REDIS_PREFIX })
    : new MemoryRateLimiter();
}

/**
 * The limits one message from `user` counts against. The terminal chat is the operator's own and is never
 * limited; a Discord DM has no server, so only its sender's limit applies.
 */
export function limitsFor(conversation: ConversationRef, user: string, limits: RateLimits): RateLimit[] {
  if (conversation.platform === 'terminal') return [];
  const workspace = conversation.workspace;
  const out: RateLimit[] = [];
  if (limits.userPerMinute > 0)
    out.push({
      scope: 'user',
      key: `user\n${conversation.platform}\n${workspace ?? '-'}\n${user}`,
      perMinute: limits.userPerMinute,
    });
  if (limits.workspacePerMinute > 0 && workspace)
    out.push({
      scope: 'workspace',
      key: `workspace\n${conversation.platform}\n${workspace}`,
      perMinute: limits.workspacePerMinute,
    });
  return out;
}
