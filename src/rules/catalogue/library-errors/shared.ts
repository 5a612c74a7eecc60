/** Wording several catalogue entries share, so the same situation is explained the same way everywhere. */

export const NEW_TOKEN_FIX = [
  'Get a new token (use the refresh token or sign in again) and send that one; do not reuse a token cached at start-up.',
  "If the server is yours, compare its clock with the issuer's (`date -u`): a server clock that runs fast expires tokens early.",
];

export const SIGNATURE_FIX = [
  "Verify with the same key the token was signed with: the same shared secret in every environment and instance, or the issuer's current public keys (JWKS).",
  "Decode the token header: its `kid` must be in the server's JWKS and its `iss` must be the issuer whose keys the server uses.",
];

export const MALFORMED_EXPLAIN =
  'The server could not read the token as a JWT (three base64url parts separated by dots). Usually what arrived is not the token itself: quotes around it, `Bearer ` twice, a truncated copy, the literal `undefined` or `null`, or an opaque (non-JWT) access token where the API expects a JWT (an Auth0 token requested without `audience` is opaque).';

export const MALFORMED_FIX = [
  'Log exactly what the server receives after `Bearer `; it must be the bare token with two dots and no quotes or spaces.',
  "If the token has no dots, it is opaque: request a JWT access token for this API (e.g. pass the API's `audience` when asking for the token).",
];

export const STRIPPED_HEADER =
  'Common culprits: Apache with PHP or mod_wsgi drops `Authorization` unless told to pass it on (`CGIPassAuth On`, `WSGIPassAuthorization On`), and proxies, CDNs and redirects drop it too.';

export const STRIPPED_FIX = [
  'Apache + PHP: add `CGIPassAuth On` (or `RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]`); Apache + mod_wsgi: `WSGIPassAuthorization On`.',
  'Behind a proxy, CDN or load balancer, make sure it forwards the `Authorization` header (CloudFront: add it to the cache/origin request policy).',
];
