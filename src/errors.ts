/**
 * One error base class with stable string codes (the way undici and ky do it), so callers branch on
 * `err.code` rather than on message text, and messages can improve without breaking anyone.
 */
export const ErrorCodes = {
  CONFIG_INVALID: 'ERR_CONFIG_INVALID',
  USAGE: 'ERR_USAGE',
  INPUT_UNREADABLE: 'ERR_INPUT_UNREADABLE',
  NOT_IMPLEMENTED: 'ERR_NOT_IMPLEMENTED',
  LOCK_TIMEOUT: 'ERR_LOCK_TIMEOUT',
  STORE_UNAVAILABLE: 'ERR_STORE_UNAVAILABLE',
  QUEUE_CLOSED: 'ERR_QUEUE_CLOSED',
  QUEUE_UNAVAILABLE: 'ERR_QUEUE_UNAVAILABLE',
  PLATFORM_REFUSED: 'ERR_PLATFORM_REFUSED',
  WEBHOOK_FAILED: 'ERR_WEBHOOK_FAILED',
  RATE_LIMITED: 'ERR_RATE_LIMITED',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export class AuthdoctorError extends Error {
  readonly code: ErrorCode;
  /** What the person running authdoctor should do next; printed under the message. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AuthdoctorError';
    this.code = code;
    this.hint = options.hint;
  }
}

export function isAuthdoctorError(err: unknown): err is AuthdoctorError {
  return err instanceof AuthdoctorError;
}
