/**
 * Optional JWT signature check against the issuer's JWKS (helper-owned; interface fixed here).
 */
import type { SignatureVerdict } from '../diagnose/context.js';
import type { Evidence } from '../intake/evidence.js';

export interface SignatureCheckOptions {
  /** Allowlisted issuer URLs (https). Only tokens whose `iss` is one of these are checked. */
  issuers: readonly string[];
  timeoutMs?: number;
  /** Tests only: allow loopback/private addresses and http. */
  allowPrivateAddresses?: boolean;
}

export async function checkSignatures(
  _evidence: Evidence,
  _options: SignatureCheckOptions,
): Promise<SignatureVerdict[]> {
  return [];
}
