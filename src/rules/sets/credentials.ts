/**
 * Rules about the credential itself and how it was written: whether one was sent, placeholders and shell
 * variables, encoding, the header, scheme and place the API expects. The most specific explanations come
 * first (a single-quoted `$TOKEN` explains an "invalid token" better than the token's shape does).
 */
import authorizationHeaderMalformed from '../authorization-header-malformed.js';
import authorizationSchemeMissing from '../authorization-scheme-missing.js';
import basicCredentialsMalformed from '../basic-credentials-malformed.js';
import conflictingCredentials from '../conflicting-credentials.js';
import credentialPlacement from '../credential-placement.js';
import emptyCredential from '../empty-credential.js';
import encodedToken from '../encoded-token.js';
import noCredentials from '../no-credentials.js';
import placeholderCredential from '../placeholder-credential.js';
import shellVariableNotExpanded from '../shell-variable-not-expanded.js';
import type { Rule } from '../types.js';
import wrongHeaderName from '../wrong-header-name.js';
import wrongSchemeForProvider from '../wrong-scheme-for-provider.js';

export const credentialRules: readonly Rule[] = [
  authorizationSchemeMissing,
  shellVariableNotExpanded,
  emptyCredential,
  placeholderCredential,
  encodedToken,
  basicCredentialsMalformed,
  authorizationHeaderMalformed,
  wrongSchemeForProvider,
  wrongHeaderName,
  credentialPlacement,
  noCredentials,
  conflictingCredentials,
];
