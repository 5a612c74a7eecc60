/**
 * The end-to-end boots turn the abuse limits off: a test file sends dozens of messages from one user within
 * a minute, which is what the limits exist to stop. The abuse tests turn them back on with their own values.
 */
export const NO_ABUSE_LIMITS: Record<string, string> = {
  AUTHDOCTOR_USER_RATE_PER_MINUTE: '0',
  AUTHDOCTOR_WORKSPACE_RATE_PER_MINUTE: '0',
  AUTHDOCTOR_MAX_OPEN_SESSIONS_PER_USER: '0',
};
