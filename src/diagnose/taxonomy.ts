/**
 * The fixed vocabulary of a diagnosis: causes (DESIGN.md's taxonomy, used in output, metrics and analytics)
 * and severities. Everything that names a cause validates against these.
 */
import { z } from 'zod';

export const CAUSES = [
  'missing_credentials',
  'wrong_header_format',
  'placeholder_or_unexpanded',
  'invalid_credentials',
  'expired_token',
  'not_yet_valid_or_clock_skew',
  'wrong_environment',
  'wrong_audience_or_issuer',
  'wrong_token_type',
  'insufficient_scope_or_permissions',
  'signature_or_key_mismatch',
  'credentials_dropped_in_transit',
  'ip_blocked_or_restricted',
  'cached_response',
  'wrong_url_or_endpoint',
  'server_misconfiguration',
  'account_or_billing_state',
  'other',
] as const;
export const CauseSchema = z.enum(CAUSES);
export type Cause = z.infer<typeof CauseSchema>;

/** `error`: a cause of the 401 the bot stands behind; `warning`: likely or contributing; `info`: context. */
export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** One line per cause, for summaries, histograms and docs. */
export const CAUSE_TITLES: Record<Cause, string> = {
  missing_credentials: 'No credential was sent',
  wrong_header_format: 'Credential sent in the wrong format or place',
  placeholder_or_unexpanded: 'A placeholder or unexpanded variable was sent',
  invalid_credentials: 'The credential is wrong, revoked or mistyped',
  expired_token: 'The token or session has expired',
  not_yet_valid_or_clock_skew: 'Not yet valid, or clocks disagree',
  wrong_environment: 'Wrong environment (test/live, sandbox/production, region, tenant)',
  wrong_audience_or_issuer: 'Token minted for another API or by another issuer',
  wrong_token_type: 'The wrong kind of token or key',
  insufficient_scope_or_permissions: 'Missing scopes or permissions',
  signature_or_key_mismatch: 'Signature or key mismatch',
  credentials_dropped_in_transit: 'The credential was dropped on the way',
  ip_blocked_or_restricted: 'IP or key restrictions',
  cached_response: 'A cached 401 was served',
  wrong_url_or_endpoint: 'Wrong URL or endpoint',
  server_misconfiguration: 'The server rejects valid credentials',
  account_or_billing_state: 'Account, billing or API-enablement state',
  other: 'Something else',
};

/**
 * Where in a server's checks each cause bites: the URL and transport first, then whether a credential arrives
 * and can be read, then whether it is valid, then what it may do. Among causes the bot stands behind, the
 * earliest is the one the server tripped over (and the one to fix first: an expired token sent without its
 * scheme fails on the scheme).
 */
export const CAUSE_STAGE: Record<Cause, number> = {
  placeholder_or_unexpanded: 1,
  missing_credentials: 1,
  wrong_header_format: 2,
  credentials_dropped_in_transit: 3,
  cached_response: 3,
  wrong_environment: 4,
  wrong_token_type: 4,
  invalid_credentials: 4,
  signature_or_key_mismatch: 4,
  expired_token: 5,
  not_yet_valid_or_clock_skew: 5,
  wrong_audience_or_issuer: 5,
  insufficient_scope_or_permissions: 6,
  ip_blocked_or_restricted: 6,
  account_or_billing_state: 6,
  wrong_url_or_endpoint: 7,
  server_misconfiguration: 7,
  other: 8,
};
