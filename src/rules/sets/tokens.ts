/**
 * Rules about the token or key itself: what kind it is (ID, refresh, publishable, bot, app), whether it is
 * intact (JWT structure, checksums), when it is valid (`exp`, `nbf`, `iat`), and whom it is for (`aud`,
 * `iss`, scopes). Rules that name the kind of token come first: "this is a refresh token" explains a 401
 * better than anything its claims say.
 */
import credentialChecksumInvalid from '../credential-checksum-invalid.js';
import githubAppJwtClaims from '../github-app-jwt-claims.js';
import idTokenAsAccessToken from '../id-token-as-access-token.js';
import jwtAlgNone from '../jwt-alg-none.js';
import jwtAudienceMismatch from '../jwt-audience-mismatch.js';
import jwtExpired from '../jwt-expired.js';
import jwtExpiringSoon from '../jwt-expiring-soon.js';
import jwtIssuerEnvironment from '../jwt-issuer-environment.js';
import jwtIssuerMismatch from '../jwt-issuer-mismatch.js';
import jwtMalformed from '../jwt-malformed.js';
import jwtMissingScope from '../jwt-missing-scope.js';
import jwtNotYetValid from '../jwt-not-yet-valid.js';
import publishableKey from '../publishable-key.js';
import refreshTokenAsAccessToken from '../refresh-token-as-access-token.js';
import type { Rule } from '../types.js';
import userVsBotToken from '../user-vs-bot-token.js';

export const tokenRules: readonly Rule[] = [
  refreshTokenAsAccessToken,
  publishableKey,
  userVsBotToken,
  idTokenAsAccessToken,
  jwtMalformed,
  jwtAlgNone,
  credentialChecksumInvalid,
  githubAppJwtClaims,
  jwtExpired,
  jwtNotYetValid,
  jwtAudienceMismatch,
  jwtIssuerEnvironment,
  jwtIssuerMismatch,
  jwtMissingScope,
  jwtExpiringSoon,
];
