/**
 * PHP and Ruby: tymon/jwt-auth, firebase/php-jwt, lcobucci/jwt, league/oauth2-server (Laravel Passport),
 * Laravel's own answers, Devise, Doorkeeper, ruby-jwt and Rails' HTTP authentication.
 */
import type { LibraryErrorInput } from '../schema.js';
import {
  MALFORMED_EXPLAIN,
  MALFORMED_FIX,
  NEW_TOKEN_FIX,
  SIGNATURE_FIX,
  STRIPPED_FIX,
  STRIPPED_HEADER,
} from './shared.js';

const TYMON = 'https://jwt-auth.readthedocs.io/en/develop/';
const PHP_JWT = 'https://github.com/firebase/php-jwt';
const LCOBUCCI = 'https://lcobucci-jwt.readthedocs.io/en/stable/validating-tokens/';
const LEAGUE = 'https://oauth2.thephpleague.com/';
const SANCTUM = 'https://laravel.com/docs/sanctum';
const PASSPORT = 'https://laravel.com/docs/passport';
const DEVISE = 'https://github.com/heartcombo/devise';
const DOORKEEPER = 'https://doorkeeper.gitbook.io/guides/';
const RUBY_JWT = 'https://github.com/jwt/ruby-jwt';

const CLOCK_FIX = [
  'Sync the clocks of every server that issues or checks tokens (NTP); behind a load balancer, one machine whose clock is behind is enough.',
  'Allow a few seconds of leeway (tymon/jwt-auth: `JWT_LEEWAY`; firebase/php-jwt: `JWT::$leeway = 30`; lcobucci: a leeway in `LooseValidAt`/`StrictValidAt`).',
];

export const PHP_RUBY_ERRORS: LibraryErrorInput[] = [
  {
    id: 'tymon-refresh-expired',
    library: 'tymon/jwt-auth (Laravel)',
    match: '\\bToken has expired and can no longer be refreshed\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.93,
    explain:
      'The token is past its refresh window (`JWT_REFRESH_TTL`): it can no longer be refreshed, only replaced by signing in again.',
    fix: ['Sign in again to get a new token; refresh tokens before `JWT_REFRESH_TTL` runs out.'],
    docs: [TYMON],
    examples: ['{"error":"Token has expired and can no longer be refreshed"}'],
  },
  {
    id: 'tymon-not-provided',
    library: 'tymon/jwt-auth (Laravel)',
    match: '\\bToken not provided\\b|\\bThe token could not be parsed from the request\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.85,
    explain: 'jwt-auth found no token in the Authorization header (or the `token` parameter).',
    fix: ['Send the token as `Authorization: Bearer <YOUR_TOKEN>`.'],
    whenSent: {
      cause: 'credentials_dropped_in_transit',
      severity: 'warning',
      confidence: 0.6,
      explain: `jwt-auth found no token although the request sends one. With Laravel behind Apache, the Authorization header usually never reaches PHP. ${STRIPPED_HEADER}`,
      fix: STRIPPED_FIX,
    },
    docs: [TYMON],
    examples: [
      '{"error":"Token not provided"}',
      'Tymon\\JWTAuth\\Exceptions\\JWTException: The token could not be parsed from the request',
    ],
  },
  {
    id: 'tymon-signature',
    library: 'tymon/jwt-auth (Laravel)',
    match: '\\bToken Signature could not be verified\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.9,
    explain:
      'The token was signed with another `JWT_SECRET` (or key pair) than this server has: the secret differs between servers or environments, or was regenerated.',
    fix: [
      'Use the same `JWT_SECRET` on every server (then `php artisan config:clear`), and sign in again to get a token signed with it.',
    ],
    docs: [TYMON],
    examples: ['Tymon\\JWTAuth\\Exceptions\\TokenInvalidException: Token Signature could not be verified.'],
  },
  {
    id: 'tymon-claim-time',
    library: 'tymon/jwt-auth (Laravel)',
    match: '\\bInvalid value provided for claim \\[?"?(?:iat|nbf)\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.88,
    explain:
      "The token's `iat`/`nbf` lies in the future for this server: the server that issued it has a clock ahead of this one (even by a second).",
    fix: CLOCK_FIX,
    docs: [TYMON],
    examples: [
      'Tymon\\JWTAuth\\Exceptions\\TokenInvalidException: Invalid value provided for claim [iat]',
      'Invalid value provided for claim "nbf"',
    ],
  },
  {
    id: 'tymon-claim-audience',
    library: 'tymon/jwt-auth (Laravel)',
    match: '\\bInvalid value provided for claim \\[?"?(?:aud|iss)\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.85,
    explain:
      "The token's `aud`/`iss` is not what this application expects (a token from another app or environment).",
    fix: ['Get the token from this application (same `APP_URL`/issuer and `JWT_SECRET`).'],
    docs: [TYMON],
    examples: ['Invalid value provided for claim [iss]'],
  },
  {
    id: 'tymon-malformed',
    library: 'tymon/jwt-auth (Laravel), firebase/php-jwt',
    match: '\\bWrong number of segments\\b|\\bCould not decode token\\b',
    cause: 'wrong_header_format',
    severity: 'warning',
    confidence: 0.6,
    explain: MALFORMED_EXPLAIN,
    fix: MALFORMED_FIX,
    docs: [TYMON, PHP_JWT],
    examples: [
      'Tymon\\JWTAuth\\Exceptions\\TokenInvalidException: Wrong number of segments',
      'UnexpectedValueException: Wrong number of segments',
    ],
  },
  {
    id: 'php-jwt-expired',
    library: 'firebase/php-jwt',
    match: '\\bExpiredException\\b|(?:^|[:"\\n] ?)Expired token\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.9,
    explain: "The token's `exp` is in the past for the server: the token expired.",
    fix: NEW_TOKEN_FIX,
    docs: [PHP_JWT],
    examples: ['Firebase\\JWT\\ExpiredException: Expired token', '{"message":"Expired token"}'],
  },
  {
    id: 'php-jwt-before-valid',
    library: 'firebase/php-jwt',
    match: '\\bBeforeValidException\\b|\\bCannot handle token (?:with (?:nbf|iat) )?prior to\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.9,
    explain:
      "The token's `nbf`/`iat` is in the future for the server: the issuing machine's clock is ahead of this one's.",
    fix: CLOCK_FIX,
    docs: [PHP_JWT],
    examples: [
      'Firebase\\JWT\\BeforeValidException: Cannot handle token prior to 2026-01-15T12:00:05+0000',
      'Cannot handle token with iat prior to 2026-01-15T12:00:05+0000',
    ],
  },
  {
    id: 'php-jwt-key',
    library: 'firebase/php-jwt',
    match:
      '"kid" (?:invalid|empty), unable to lookup correct key|\\bIncorrect key for this algorithm\\b|\\bAlgorithm not (?:allowed|supported)\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.85,
    explain:
      "The server has no key for the token's `kid`, or the token's `alg` does not fit the key it has: a token from another issuer or a rotated key, or HS256 vs RS256.",
    fix: SIGNATURE_FIX,
    docs: [PHP_JWT],
    examples: [
      'UnexpectedValueException: "kid" invalid, unable to lookup correct key',
      'UnexpectedValueException: Algorithm not allowed',
    ],
  },
  {
    id: 'lcobucci-constraints',
    library: 'lcobucci/jwt (PHP)',
    match: '\\bThe token was issued in the future\\b|\\bThe token cannot be used yet\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.9,
    explain: "The token's `iat`/`nbf` is in the future for this server: the clocks disagree.",
    fix: CLOCK_FIX,
    docs: [LCOBUCCI],
    examples: [
      'Lcobucci\\JWT\\Validation\\RequiredConstraintsViolated: The token violates some mandatory constraints, details:\n- The token was issued in the future',
    ],
  },
  {
    id: 'lcobucci-audience',
    library: 'lcobucci/jwt (PHP)',
    match:
      '\\bThe token is not allowed to be used by this audience\\b|\\bThe token was not issued by the given issuers\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.9,
    explain:
      "The token's `aud` or `iss` does not match what the server requires: it was issued by or for someone else.",
    fix: [
      "Decode the token and compare `aud`/`iss` with the server's `PermittedFor`/`IssuedBy` constraints.",
    ],
    docs: [LCOBUCCI],
    examples: ['- The token is not allowed to be used by this audience'],
  },
  {
    id: 'lcobucci-signature',
    library: 'lcobucci/jwt (PHP), league/oauth2-server',
    match: '\\bToken signature mismatch\\b|\\bAccess token could not be verified\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The token was signed with another key than the server verifies with. With Laravel Passport, this happens when the OAuth keys (`oauth-public.key`/`oauth-private.key`) differ between servers or were regenerated.',
    fix: [
      'Use the same key pair on every server (Passport: the same `storage/oauth-*.key` or `PASSPORT_*_KEY`), then get a new token.',
    ],
    docs: [LCOBUCCI, PASSPORT],
    examples: [
      '- Token signature mismatch',
      '{"error":"access_denied","error_description":"The resource owner or authorization server denied the request.","hint":"Access token could not be verified"}',
    ],
  },
  {
    id: 'league-revoked',
    library: 'league/oauth2-server (Laravel Passport)',
    match: '\\bAccess token has been revoked\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.9,
    explain:
      'The access token was revoked (logout, or Passport revokes old tokens when a new one is issued).',
    fix: ['Get a new token (sign in again or use the refresh token).'],
    docs: [LEAGUE, PASSPORT],
    examples: ['"hint":"Access token has been revoked"'],
  },
  {
    id: 'league-missing-header',
    library: 'league/oauth2-server (Laravel Passport)',
    match: '\\bMissing \\\\?"Authorization\\\\?" header\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.85,
    explain: 'The OAuth server found no Authorization header on the request.',
    fix: ['Send the token as `Authorization: Bearer <YOUR_TOKEN>`.'],
    whenSent: {
      cause: 'credentials_dropped_in_transit',
      severity: 'warning',
      confidence: 0.6,
      explain: `The OAuth server found no Authorization header although the request sends one: it did not reach PHP. ${STRIPPED_HEADER}`,
      fix: STRIPPED_FIX,
    },
    docs: [LEAGUE],
    examples: ['{"error":"access_denied","hint":"Missing \\"Authorization\\" header"}'],
  },
  {
    id: 'league-client-auth',
    library: 'league/oauth2-server (Laravel Passport)',
    match: '\\bClient authentication failed\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The client ID or secret sent to the token endpoint is wrong (Passport stores hashed secrets: the plain secret is shown only once), or the client is not allowed this grant.',
    fix: [
      'Check the client ID and secret (`php artisan passport:client` to make a new one) and that the client is allowed the grant type you use.',
    ],
    docs: [PASSPORT],
    examples: [
      '{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}',
    ],
  },
  {
    id: 'laravel-unauthenticated',
    library: 'Laravel (Sanctum, Passport, auth middleware)',
    match: '(?:^|[\\n"])Unauthenticated\\.(?:$|[\\n"])',
    cause: 'missing_credentials',
    severity: 'warning',
    confidence: 0.55,
    explain:
      "Laravel's auth middleware found no user for the request. It answers the same for a missing token, an unknown or expired Sanctum/Passport token, and a token checked by another guard than the one that issued it.",
    fix: [
      'Send the token as `Authorization: Bearer <YOUR_TOKEN>` together with `Accept: application/json`.',
      "Check the route's guard (`auth:sanctum` vs `auth:api`) matches how the token was created.",
    ],
    whenSent: {
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.45,
      explain: `Laravel's auth middleware found no user for the request although it sends a credential: the token is unknown or expired for the route's guard (a Passport token on an \`auth:sanctum\` route, or the reverse), or the header never reached PHP. ${STRIPPED_HEADER}`,
      fix: [
        "Check the route's guard (`auth:sanctum` vs `auth:api`) matches how the token was created, and that the token still exists (personal_access_tokens / oauth_access_tokens).",
        ...STRIPPED_FIX,
      ],
    },
    docs: [SANCTUM],
    examples: ['{"message":"Unauthenticated."}'],
    near: ['rpc error: code = Unauthenticated desc = invalid token'],
  },
  {
    id: 'laravel-csrf-expired',
    library: 'Laravel',
    match: '\\bCSRF token mismatch\\b|\\bPage Expired\\b',
    cause: 'expired_token',
    severity: 'warning',
    confidence: 0.6,
    explain:
      "Laravel refused the request's CSRF token (HTTP 419): the session it belongs to expired, or an SPA using Sanctum did not first fetch `/sanctum/csrf-cookie` (or does not send the cookies back).",
    fix: [
      'SPA with Sanctum: call `GET /sanctum/csrf-cookie` first, send cookies (`withCredentials: true`), and return the `XSRF-TOKEN` cookie as the `X-XSRF-TOKEN` header.',
    ],
    docs: ['https://laravel.com/docs/csrf', SANCTUM],
    examples: ['{"message":"CSRF token mismatch."}', '419 | Page Expired'],
  },
  {
    id: 'devise-sign-in',
    library: 'Devise (Rails)',
    match: '\\bYou need to sign in or sign up before continuing\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.8,
    explain:
      'Devise found no signed-in user: no session cookie (or, with devise-jwt, no `Authorization: Bearer` token) reached it.',
    fix: [
      'Send the session cookie or the token (`Authorization: Bearer <YOUR_TOKEN>` with devise-jwt) with the request.',
    ],
    whenSent: {
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.5,
      explain:
        "Devise found no signed-in user although the request sends a credential: no Warden strategy on this route reads it in that form. Devise itself only knows the session cookie; devise_token_auth reads the `access-token`, `client` and `uid` headers that sign-in returned (not `Authorization: Bearer`), and devise-jwt reads `Authorization: Bearer` only on routes and models it is configured for. Less often the token was revoked (devise-jwt's denylist on sign-out).",
      fix: [
        'With devise_token_auth, send the headers sign-in returned: `access-token`, `client`, `uid` (and `token-type: Bearer`), updated from each response when tokens rotate.',
        'With devise-jwt, check the model has `:jwt_authenticatable` and the route authenticates that scope; then sign in again and send the new token.',
      ],
    },
    docs: [DEVISE],
    examples: ['{"error":"You need to sign in or sign up before continuing."}'],
  },
  {
    id: 'devise-session-expired',
    library: 'Devise (Rails)',
    match: '\\bYour session expired\\. Please sign in again\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.9,
    explain: 'The Devise session timed out (`timeoutable`).',
    fix: ['Sign in again; raise `config.timeout_in` if sessions end too soon.'],
    docs: [DEVISE],
    examples: ['{"error":"Your session expired. Please sign in again to continue."}'],
  },
  {
    id: 'devise-invalid-login',
    library: 'Devise (Rails)',
    match: '\\bInvalid (?:Email|Login|Username) or password\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.85,
    explain: 'The login or password is wrong.',
    fix: ['Check the login and password (reset the password if unsure).'],
    docs: [DEVISE],
    examples: ['{"error":"Invalid Email or password."}'],
  },
  {
    id: 'devise-account-state',
    library: 'Devise (Rails)',
    match:
      '\\bYour account is locked\\b|\\bYou have to confirm your email address before continuing\\b|\\bYour account is not activated yet\\b',
    cause: 'account_or_billing_state',
    severity: 'error',
    confidence: 0.85,
    explain: 'The account is locked or not confirmed yet, so it cannot sign in even with the right password.',
    fix: ['Unlock or confirm the account (the email Devise sent, or an administrator).'],
    docs: [DEVISE],
    examples: [
      '{"error":"Your account is locked."}',
      '{"error":"You have to confirm your email address before continuing."}',
    ],
  },
  {
    id: 'doorkeeper-expired',
    library: 'Doorkeeper (Rails)',
    match: '\\bThe access token expired\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.93,
    explain: 'The OAuth access token expired (Doorkeeper: 2 hours by default).',
    fix: NEW_TOKEN_FIX,
    docs: [DOORKEEPER],
    examples: [
      'WWW-Authenticate: Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token expired"',
    ],
  },
  {
    id: 'doorkeeper-revoked',
    library: 'Doorkeeper (Rails)',
    match: '\\bThe access token was revoked\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.92,
    explain: 'The access token was revoked (logout, or a new token replaced it).',
    fix: ['Get a new token (sign in again or use the refresh token).'],
    docs: [DOORKEEPER],
    examples: ['{"error":"invalid_token","error_description":"The access token was revoked"}'],
  },
  {
    id: 'ruby-jwt-claims',
    library: 'ruby-jwt',
    match: '\\bInvalid (?:audience|issuer)\\. Expected\\b|\\bJWT::Invalid(?:Aud|Iss)Error\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.92,
    explain: "The token's `aud`/`iss` is not what the server expects: it was issued by or for someone else.",
    fix: [
      "Decode the token and compare `aud`/`iss` with the server's `aud:`/`iss:` options; get the token from the expected issuer for this API.",
    ],
    docs: [RUBY_JWT],
    examples: [
      'JWT::InvalidAudError: Invalid audience. Expected my-api, received other-api',
      'JWT::InvalidIssuerError: Invalid issuer. Expected https://a, received https://b',
    ],
  },
  {
    id: 'ruby-jwt-malformed',
    library: 'ruby-jwt',
    match: '\\bNot enough or too many segments\\b',
    cause: 'wrong_header_format',
    severity: 'warning',
    confidence: 0.62,
    explain: MALFORMED_EXPLAIN,
    fix: MALFORMED_FIX,
    docs: [RUBY_JWT],
    examples: ['JWT::DecodeError: Not enough or too many segments'],
  },
  {
    id: 'rails-http-auth-denied',
    library: 'Rails (HTTP token/basic authentication)',
    match: '\\bHTTP (?:Token|Basic|Digest): Access denied\\b',
    cause: 'invalid_credentials',
    severity: 'warning',
    confidence: 0.5,
    explain:
      "Rails' `authenticate_or_request_with_http_token`/`_basic` refused the request: the credential is missing, not in the expected scheme (`Token token=…` or `Bearer …` for token auth), or wrong.",
    fix: [
      'Send `Authorization: Bearer <YOUR_TOKEN>` (or `Token token="<YOUR_TOKEN>"`) for token auth, `curl -u user:password` for basic, and check the value.',
    ],
    docs: ['https://api.rubyonrails.org/classes/ActionController/HttpAuthentication/Token.html'],
    examples: ['HTTP Token: Access denied.'],
  },
];
