import jwtSignatureInvalid from '../jwt-signature-invalid.js';
import type { Rule } from '../types.js';

export const signatureRules: readonly Rule[] = [jwtSignatureInvalid];
