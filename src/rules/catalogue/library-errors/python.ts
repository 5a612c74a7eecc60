/**
 * Python: PyJWT, python-jose, Authlib, Django REST framework (and Simple JWT), Flask-JWT-Extended, FastAPI.
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

const PYJWT = 'https://pyjwt.readthedocs.io/en/stable/api.html#exceptions';
const PYTHON_JOSE = 'https://python-jose.readthedocs.io/en/latest/jwt/api.html';
const DRF = 'https://www.django-rest-framework.org/api-guide/authentication/';
const SIMPLEJWT = 'https://django-rest-framework-simplejwt.readthedocs.io/en/latest/';
const FLASK_JWT = 'https://flask-jwt-extended.readthedocs.io/en/stable/';
const FASTAPI = 'https://fastapi.tiangolo.com/tutorial/security/';

const AUDIENCE_FIX = [
  "Decode the token (jwt.io or `jwt.decode(token, options={'verify_signature': False})`) and compare `aud` with the `audience` the server passes to `decode`.",
  'Request an access token for this API (its identifier as `audience`/`resource`) and send that; an ID token carries the client ID as `aud`.',
];

export const PYTHON_ERRORS: LibraryErrorInput[] = [
  {
    id: 'pyjwt-expired',
    library: 'PyJWT, python-jose, ruby-jwt',
    match: '\\bExpiredSignature(?:Error)?\\b|\\bSignature has expired\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.92,
    explain: "The token's `exp` is in the past for the server: the token expired.",
    fix: NEW_TOKEN_FIX,
    docs: [PYJWT, PYTHON_JOSE],
    examples: [
      'jwt.exceptions.ExpiredSignatureError: Signature has expired',
      'jose.exceptions.ExpiredSignatureError: Signature has expired.',
      'JWT::ExpiredSignature: Signature has expired',
    ],
    near: ['signature expires soon'],
  },
  {
    id: 'pyjwt-audience',
    library: 'PyJWT, python-jose, ruby-jwt',
    match:
      '\\bInvalidAudienceError\\b|\\bInvalid audience\\b|\\bAudience doesn\'?t match\\b|\\bInvalid claim "aud"|\\bToken is missing the "aud" claim\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.9,
    explain:
      "The token's `aud` is not the audience the server checks: it was minted for another API, or it is an ID token (whose `aud` is the client/application ID), or it has no `aud` at all.",
    fix: AUDIENCE_FIX,
    docs: [PYJWT, PYTHON_JOSE],
    examples: [
      'jose.exceptions.JWTClaimsError: Invalid audience',
      "jwt.exceptions.InvalidAudienceError: Audience doesn't match",
      'jwt.exceptions.InvalidAudienceError: Invalid audience',
      'authlib.jose.errors.InvalidClaimError: invalid_claim: Invalid claim "aud"',
      'jwt.exceptions.MissingRequiredClaimError: Token is missing the "aud" claim',
    ],
  },
  {
    id: 'pyjwt-issuer',
    library: 'PyJWT, python-jose, ruby-jwt',
    match:
      '\\bInvalidIssuerError\\b|\\bInvalid issuer\\b|\\bInvalid claim "iss"|\\bToken is missing the "iss" claim\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.9,
    explain:
      "The token's `iss` is not the issuer the server trusts: another tenant, realm or environment, or an issuer URL that differs (http vs https, trailing slash, internal vs public hostname).",
    fix: [
      "Compare the token's `iss` with the `issuer` the server checks, character for character, and get the token from that issuer.",
    ],
    docs: [PYJWT, PYTHON_JOSE],
    examples: [
      'jwt.exceptions.InvalidIssuerError: Invalid issuer',
      'jose.exceptions.JWTClaimsError: Invalid issuer',
    ],
  },
  {
    id: 'pyjwt-immature',
    library: 'PyJWT, python-jose',
    match: '\\bImmatureSignatureError\\b|\\bThe token is not yet valid \\((?:iat|nbf)\\)',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.88,
    explain:
      "The token's `nbf` or `iat` is in the future for the server: the issuer's clock is ahead of the server's (or the server's is behind).",
    fix: ["Sync both machines' clocks with NTP; allow a little leeway: `jwt.decode(..., leeway=30)`."],
    docs: [PYJWT],
    examples: [
      'jwt.exceptions.ImmatureSignatureError: The token is not yet valid (iat)',
      'jose.exceptions.JWTClaimsError: The token is not yet valid (nbf)',
    ],
  },
  {
    id: 'pyjwt-iat-future',
    library: 'PyJWT',
    match: '\\bInvalidIssuedAtError\\b|Issued At claim \\(iat\\) cannot be in the future',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.88,
    explain: "The token's `iat` is in the future for the server: the two clocks disagree.",
    fix: ["Sync both machines' clocks with NTP; allow a little leeway: `jwt.decode(..., leeway=30)`."],
    docs: [PYJWT],
    examples: ['jwt.exceptions.ImmatureSignatureError: Issued At claim (iat) cannot be in the future'],
  },
  {
    id: 'pyjwt-signature',
    library: 'PyJWT, python-jose, firebase/php-jwt, ruby-jwt',
    match: '\\bInvalidSignatureError\\b|\\bSignature verification failed\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.86,
    explain:
      'The signature does not verify with the key the server used: the token was signed with another secret or key (a different secret per environment, a rotated key, another issuer), or the algorithm differs.',
    fix: SIGNATURE_FIX,
    docs: [PYJWT, 'https://github.com/firebase/php-jwt'],
    examples: [
      'jwt.exceptions.InvalidSignatureError: Signature verification failed',
      'jose.exceptions.JWTError: Signature verification failed.',
      'Firebase\\JWT\\SignatureInvalidException: Signature verification failed',
      'JWT::VerificationError: Signature verification failed',
    ],
  },
  {
    id: 'pyjwt-algorithm',
    library: 'PyJWT',
    match: '\\bInvalidAlgorithmError\\b|\\bThe specified alg value is not allowed\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.82,
    explain: "The token's `alg` is not in the `algorithms` list the server passes to `jwt.decode`.",
    fix: ['Sign with the algorithm the server expects, or add it to `algorithms=[...]` on the server.'],
    docs: [PYJWT],
    examples: ['jwt.exceptions.InvalidAlgorithmError: The specified alg value is not allowed'],
  },
  {
    id: 'pyjwt-no-signing-key',
    library: 'PyJWT',
    match: '\\bUnable to find a signing key that matches\\b|\\bPyJWKClientError\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.85,
    explain:
      "The token's `kid` is not in the issuer's JWKS: it comes from another issuer or tenant, or was signed with a key that was rotated out.",
    fix: [
      'Decode the token header and check that its `kid` is in the JWKS URL the server uses; get a token from that issuer.',
    ],
    docs: [PYJWT],
    examples: ['jwt.exceptions.PyJWKClientError: Unable to find a signing key that matches: "abc123"'],
  },
  {
    id: 'pyjwt-decode-error',
    library: 'PyJWT, python-jose',
    match:
      '\\bNot enough segments\\b|\\bInvalid header padding\\b|\\bInvalid crypto padding\\b|\\bError decoding token headers\\b|\\bInvalid payload padding\\b',
    cause: 'wrong_header_format',
    severity: 'warning',
    confidence: 0.62,
    explain: MALFORMED_EXPLAIN,
    fix: MALFORMED_FIX,
    docs: [PYJWT],
    examples: [
      'jwt.exceptions.DecodeError: Not enough segments',
      'jose.exceptions.JWTError: Error decoding token headers.',
    ],
  },
  {
    id: 'authlib-expired',
    library: 'Authlib (Python)',
    match: '\\bExpiredTokenError\\b|\\bexpired_token: The token is expired\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.9,
    explain: "The token's `exp` is in the past for the server: the token expired.",
    fix: NEW_TOKEN_FIX,
    docs: ['https://docs.authlib.org/en/latest/jose/jwt.html'],
    examples: ['authlib.jose.errors.ExpiredTokenError: expired_token: The token is expired'],
  },
  {
    id: 'drf-not-provided',
    library: 'Django REST framework',
    match: '\\bAuthentication credentials were not provided\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.85,
    explain:
      'Django REST framework saw no credential it knows how to read: no `Authorization` header reached Django, or it does not use a scheme one of the configured authentication classes accepts (`Token`, `Bearer`, `Basic`…).',
    fix: [
      "Send the credential with the scheme the API's authentication class expects: `Authorization: Token <YOUR_TOKEN>` for DRF TokenAuthentication, `Authorization: Bearer <YOUR_TOKEN>` for Simple JWT.",
    ],
    whenSent: {
      cause: 'credentials_dropped_in_transit',
      severity: 'warning',
      confidence: 0.6,
      explain: `Django REST framework saw no credential although the request sends one. Either it never reached Django or its scheme word is not one the authentication classes read (TokenAuthentication wants \`Token\`, Simple JWT \`Bearer\`). ${STRIPPED_HEADER}`,
      fix: [
        ...STRIPPED_FIX,
        'Check the scheme word: `Authorization: Token <YOUR_TOKEN>` for TokenAuthentication, `Authorization: Bearer <YOUR_TOKEN>` for Simple JWT.',
      ],
    },
    docs: [DRF],
    examples: ['{"detail":"Authentication credentials were not provided."}'],
  },
  {
    id: 'drf-token-header',
    library: 'Django REST framework',
    match:
      '\\bInvalid (?:token|basic) header\\. (?:Token string|Credentials string) should not contain (?:spaces|invalid characters)|\\bInvalid basic header\\. Credentials not correctly base64 encoded\\b',
    cause: 'wrong_header_format',
    severity: 'error',
    confidence: 0.9,
    explain:
      'The Authorization header has more parts than `<scheme> <credential>` (a space, newline or second word inside the token), or Basic credentials that are not valid base64 of `user:password`.',
    fix: [
      'Send exactly `Authorization: Token <YOUR_TOKEN>` (or `Basic <base64 of user:password>`), with no spaces or quotes inside the credential.',
    ],
    docs: [DRF],
    examples: [
      '{"detail":"Invalid token header. Token string should not contain spaces."}',
      '{"detail":"Invalid basic header. Credentials not correctly base64 encoded."}',
    ],
  },
  {
    id: 'drf-no-credentials-in-header',
    library: 'Django REST framework',
    match: '\\bInvalid (?:token|basic) header\\. No credentials provided\\b',
    cause: 'placeholder_or_unexpanded',
    severity: 'warning',
    confidence: 0.7,
    explain:
      'The header has the scheme word but nothing after it (`Authorization: Token ` with an empty value): usually a variable that expanded to nothing.',
    fix: [
      'Check that the variable holding the token is set where the request is sent (`echo "$TOKEN"`) and send `Authorization: Token <YOUR_TOKEN>`.',
    ],
    docs: [DRF],
    examples: ['{"detail":"Invalid token header. No credentials provided."}'],
  },
  {
    id: 'drf-invalid-username-password',
    library: 'Django REST framework',
    match: '\\bInvalid username/password\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.85,
    explain: 'The Basic credentials decode fine but the username or password is wrong.',
    fix: [
      'Check the username and password (`echo -n "user:password" | base64` for the header, or `curl -u user:password`).',
    ],
    docs: [DRF],
    examples: ['{"detail":"Invalid username/password."}'],
  },
  {
    id: 'drf-user-inactive',
    library: 'Django REST framework',
    match: '\\bUser inactive or deleted\\b',
    cause: 'account_or_billing_state',
    severity: 'error',
    confidence: 0.85,
    explain: 'The credential belongs to a user that is deactivated (`is_active = False`) or was deleted.',
    fix: ['Reactivate the user (Django admin) or use a credential of an active user.'],
    docs: [DRF],
    examples: ['{"detail":"User inactive or deleted."}'],
  },
  {
    id: 'simplejwt-not-valid',
    library: 'Simple JWT (Django REST framework)',
    match:
      '\\bGiven token not valid for any token type\\b|\\bToken is invalid or expired\\b|"code"\\s?:\\s?"token_not_valid"',
    cause: 'expired_token',
    severity: 'warning',
    confidence: 0.6,
    explain:
      'Simple JWT rejected the token: most often it expired (access tokens last 5 minutes by default), but the same message covers a token signed with another `SIGNING_KEY` and a refresh token sent where an access token is expected.',
    fix: [
      'Get a new access token from the refresh endpoint (`/api/token/refresh/`) and send that.',
      'Make sure you send the `access` token, not the `refresh` one, and that every instance shares the same `SIGNING_KEY`.',
    ],
    docs: [SIMPLEJWT],
    examples: [
      '{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":"Token is invalid or expired"}]}',
    ],
  },
  {
    id: 'simplejwt-wrong-type',
    library: 'Simple JWT (Django REST framework)',
    match: '\\bToken has wrong type\\b|\\bToken has no type\\b',
    cause: 'wrong_token_type',
    severity: 'error',
    confidence: 0.88,
    explain:
      'The token is of another kind than this endpoint takes: usually the `refresh` token sent as a bearer token, or the `access` token sent to the refresh endpoint.',
    fix: [
      'Send the `access` token in `Authorization: Bearer …`; send the `refresh` token only in the body of `/api/token/refresh/`.',
    ],
    docs: [SIMPLEJWT],
    examples: ['{"detail":"Token has wrong type","code":"token_not_valid"}'],
  },
  {
    id: 'simplejwt-blacklisted',
    library: 'Simple JWT (Django REST framework)',
    match: '\\bToken is blacklisted\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.88,
    explain: 'The token was blacklisted (after logout or rotation) and can no longer be used.',
    fix: [
      'Sign in again, or use the newest refresh token (with rotation on, each refresh token works once).',
    ],
    docs: [SIMPLEJWT],
    examples: ['{"detail":"Token is blacklisted","code":"token_not_valid"}'],
  },
  {
    id: 'flask-jwt-missing-header',
    library: 'Flask-JWT-Extended',
    match: '\\bMissing Authorization Header\\b|\\bMissing JWT in (?:headers|cookies|query_string|json)\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.85,
    explain:
      'Flask-JWT-Extended found no token where it looks (`JWT_TOKEN_LOCATION`: headers by default, as `Authorization: Bearer <token>`).',
    fix: ['Send the token as `Authorization: Bearer <YOUR_TOKEN>` (or where `JWT_TOKEN_LOCATION` says).'],
    whenSent: {
      cause: 'credentials_dropped_in_transit',
      severity: 'warning',
      confidence: 0.55,
      explain: `Flask-JWT-Extended found no Authorization header although the request sends a credential: it is in another header than \`JWT_HEADER_NAME\`, or it was dropped on the way. ${STRIPPED_HEADER}`,
      fix: ['Send the token as `Authorization: Bearer <YOUR_TOKEN>`.', ...STRIPPED_FIX],
    },
    docs: [FLASK_JWT],
    examples: [
      '{"msg":"Missing Authorization Header"}',
      '{"msg":"Missing JWT in headers or cookies (Missing Authorization Header; Missing cookie \\"access_token_cookie\\")"}',
    ],
  },
  {
    id: 'flask-jwt-bad-header',
    library: 'Flask-JWT-Extended',
    match: "\\bBad Authorization header\\. Expected '?Authorization: Bearer",
    cause: 'wrong_header_format',
    severity: 'error',
    confidence: 0.9,
    explain: 'The Authorization header is not `Bearer <JWT>` (another scheme word, or extra parts).',
    fix: ['Send exactly `Authorization: Bearer <YOUR_TOKEN>`.'],
    docs: [FLASK_JWT],
    examples: ['{"msg":"Bad Authorization header. Expected \'Authorization: Bearer <JWT>\'"}'],
  },
  {
    id: 'flask-jwt-wrong-type',
    library: 'Flask-JWT-Extended',
    match: '\\bOnly (?:access|refresh) tokens are allowed\\b|\\bOnly non-refresh tokens are allowed\\b',
    cause: 'wrong_token_type',
    severity: 'error',
    confidence: 0.9,
    explain: 'A refresh token was sent where an access token is required, or the other way round.',
    fix: ['Send the access token to API endpoints and the refresh token only to the refresh endpoint.'],
    docs: [FLASK_JWT],
    examples: ['{"msg":"Only non-refresh tokens are allowed"}', '{"msg":"Only refresh tokens are allowed"}'],
  },
  {
    id: 'flask-jwt-revoked',
    library: 'Flask-JWT-Extended, tymon/jwt-auth',
    match: '\\bToken has been revoked\\b|\\b(?:The )?token has been blacklisted\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.88,
    explain: 'The token was revoked (logout, or it was already used to refresh) and can no longer be used.',
    fix: ['Sign in again (or use the newest token returned by the last refresh) and send that.'],
    docs: [FLASK_JWT, 'https://jwt-auth.readthedocs.io/en/develop/'],
    examples: ['{"msg":"Token has been revoked"}', '{"error":"The token has been blacklisted"}'],
  },
  {
    id: 'flask-jwt-fresh-required',
    library: 'Flask-JWT-Extended',
    match: '\\bFresh token required\\b',
    cause: 'expired_token',
    severity: 'warning',
    confidence: 0.6,
    explain: 'This endpoint needs a fresh token (one obtained by signing in, not by refreshing).',
    fix: ["Sign in again with the user's credentials and use the access token from that login."],
    docs: [FLASK_JWT],
    examples: ['{"msg":"Fresh token required"}'],
  },
  {
    id: 'fastapi-not-authenticated',
    library: 'FastAPI',
    match: '"detail"\\s?:\\s?"Not authenticated"',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.8,
    explain:
      "FastAPI's security dependency (`OAuth2PasswordBearer`, `HTTPBearer`) found no `Authorization: Bearer …` header: none was sent, or it used another scheme word.",
    fix: ['Send the token as `Authorization: Bearer <YOUR_TOKEN>`.'],
    whenSent: {
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.6,
      explain: `FastAPI found no bearer token although the request sends a credential: \`OAuth2PasswordBearer\` and \`HTTPBearer\` only read \`Authorization: Bearer <token>\`, so another header or scheme word counts as nothing. ${STRIPPED_HEADER}`,
      fix: ['Send exactly `Authorization: Bearer <YOUR_TOKEN>`.'],
    },
    reads: { header: 'authorization', scheme: 'bearer' },
    docs: [FASTAPI],
    examples: ['{"detail":"Not authenticated"}'],
  },
];
