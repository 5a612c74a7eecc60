/**
 * Phrasings many servers use in their own words. Each is `generic`: a library's specific entry explains the
 * same text better and wins, and when only the user's prose has the phrase it is said less firmly.
 */
import type { LibraryErrorInput } from '../schema.js';
import { NEW_TOKEN_FIX, SIGNATURE_FIX, STRIPPED_FIX, STRIPPED_HEADER } from './shared.js';

const RFC6750 = 'https://www.rfc-editor.org/rfc/rfc6750#section-3.1';

export const GENERIC_ERRORS: LibraryErrorInput[] = [
  {
    id: 'generic-expired',
    library: 'the server',
    match:
      '\\btoken (?:has |is |was )?(?:already )?expired\\b|\\bexpired (?:access |auth |bearer |jwt |id |oauth |session )?token\\b|\\btoken[_ ]expired\\b|\\bexpired_token\\b|\\bsession (?:has |is |was )?(?:already )?(?:expired|timed out)\\b|\\bcredentials? (?:have |has )?expired\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.78,
    tier: 'generic',
    explain:
      'The server says the token (or session) has expired: it must be replaced, and whatever caches it must refresh it before it runs out.',
    fix: NEW_TOKEN_FIX,
    docs: [RFC6750],
    examples: [
      '{"error":"Token has expired"}',
      '{"message":"Your session has expired"}',
      '{"code":"token_expired"}',
      'Unauthorized: expired access token',
    ],
    near: ['token expires_in 3600', 'the token is not expired'],
  },
  {
    id: 'generic-not-yet-valid',
    library: 'the server',
    match:
      '\\b(?:token|jwt|assertion|signature) (?:is )?not (?:yet )?valid yet\\b|\\bnot yet valid\\b|\\bused before (?:its )?(?:nbf|not[- ]before)\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.75,
    tier: 'generic',
    explain:
      "The server says the token is not valid yet: its `nbf`/`iat` lies in the future by the server's clock, so one of the two clocks is off.",
    fix: [
      'Compare the clocks of the issuer and the server (`date -u`) and sync them with NTP; allow a little leeway on the server.',
    ],
    examples: ['{"error":"token not yet valid"}', 'JWT is not valid yet'],
  },
  {
    id: 'generic-issued-in-future',
    library: 'the server',
    match:
      '\\b(?:issued|generated|created|minted|signed)\\b[^.\\n]{0,40}\\bin the future\\b|\\b(?:iat|issued[ _-]at)(?: claim)? (?:is |cannot be |must not be )?in the future\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.75,
    tier: 'generic',
    explain:
      "The token's issue time lies in the future for the server that checks it: the issuing machine's clock is ahead of the checking one's (even a second matters without leeway).",
    fix: [
      'Sync the clocks of every machine that issues or checks tokens (NTP), especially behind a load balancer.',
      'Allow a few seconds of leeway in the verifying library.',
    ],
    examples: ['iat claim is in the future', 'token was issued in the future'],
  },
  {
    id: 'generic-clock-skew',
    library: 'the server',
    match: '\\bclock[ _-]?skew\\b|\\bclocks? (?:is |are )?(?:out of sync|not in sync|not synchroni[sz]ed)\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'warning',
    confidence: 0.55,
    tier: 'generic',
    explain:
      'The message points at a clock difference between the machine that issued or signed the credential and the one checking it.',
    fix: ['Sync both clocks with NTP and retry; allow a little leeway in the verifier.'],
    examples: ['Token validation failed: possible clock skew'],
  },
  {
    id: 'generic-missing-credentials',
    library: 'the server',
    match:
      '\\b(?:no|missing) (?:valid )?(?:auth(?:entication|orization)?|bearer|access|api)[ _-]?(?:token|header|key|credentials?)\\b|\\bno credentials (?:were )?(?:provided|supplied|found|given|sent)\\b|\\b(?:auth(?:entication|orization)?|bearer|access) (?:token|header|credentials?) (?:is |was |are |were )?(?:missing|required|not (?:provided|found|present|supplied|set))\\b|\\b(?:api[ _-]?key|credentials) (?:is |are |was |were )?(?:missing|required|not (?:provided|found|supplied))\\b|\\bmissing[_ ](?:authentication|credentials|api[_ ]?key)\\b',
    cause: 'missing_credentials',
    severity: 'warning',
    confidence: 0.6,
    tier: 'generic',
    explain: 'The server says it received no credential.',
    fix: [
      "Send the credential where the API reads it (usually `Authorization: Bearer <YOUR_TOKEN>`; check the API's docs for the header name).",
    ],
    whenSent: {
      cause: 'credentials_dropped_in_transit',
      severity: 'warning',
      confidence: 0.4,
      explain: `The server says it received no credential although the request sends one: it reads another header or scheme, or something between you and the app dropped it. ${STRIPPED_HEADER}`,
      fix: [
        'Check the header name and scheme the API documents, and whether a proxy in front of it forwards the header.',
        ...STRIPPED_FIX,
      ],
    },
    docs: [RFC6750],
    examples: [
      '{"message":"No API key found"}',
      '{"error":"Authorization header is missing"}',
      '{"message":"Unauthorized: No credentials provided or are invalid."}',
      '{"error":"missing_api_key"}',
    ],
  },
  {
    id: 'generic-insufficient-scope',
    library: 'the server',
    match:
      "\\binsufficient[_ ]scopes?\\b|\\bmissing[_ ](?:required )?scopes?\\b|\\bscopes? (?:is |are )?(?:missing|insufficient|not granted)\\b|\\bdoes(?:n't| not) have (?:the )?(?:required|necessary|needed) scopes?\\b|\\brequired scopes? (?:is |are )?missing\\b",
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.8,
    tier: 'generic',
    explain:
      'The credential is accepted but lacks a scope this call needs: scopes are fixed when the token is issued, so the token must be requested (or the key created) with them.',
    fix: [
      'Find the scope this endpoint needs in its docs (or in the error), grant it to the app/key, and request a new token that includes it.',
      "Check the new token's `scope`/`scp` claim (or the provider's token info endpoint) before retrying.",
    ],
    docs: ['https://www.rfc-editor.org/rfc/rfc6750#section-3.1'],
    examples: [
      'access token has insufficient scopes',
      '{"error":"missing_scope","needed":"chat:write"}',
      '{"message":"Token does not have the required scope"}',
    ],
  },
  {
    id: 'generic-permissions',
    library: 'the server',
    match:
      "\\b(?:insufficient|missing|not enough) (?:permissions?|privileges?|access rights)\\b|\\bpermission denied\\b|\\bdoes(?:n't| not) have (?:the )?(?:required |necessary )?(?:permissions?|privileges?|access to)\\b",
    cause: 'insufficient_scope_or_permissions',
    severity: 'warning',
    confidence: 0.55,
    tier: 'generic',
    explain:
      'The server says the caller lacks permission: the credential was recognised, but its user, role or key may not do this.',
    fix: [
      'Grant the role or permission this call needs to the account behind the credential (or use one that has it).',
    ],
    examples: [
      '{"message":"Insufficient permissions for this resource"}',
      'User does not have access to this project',
    ],
  },
  {
    id: 'generic-revoked',
    library: 'the server',
    match:
      '\\b(?:token|key|credentials?) (?:has been |was |is )?revoked\\b|\\brevoked (?:access |api |refresh )?(?:token|key)\\b|\\btoken_revoked\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.8,
    tier: 'generic',
    explain:
      'The server says the credential was revoked: it was valid once but can no longer be used (revoked by the user or an admin, after a logout, a password change, or a leak).',
    fix: ['Create or obtain a new credential and replace the old one everywhere it is configured.'],
    examples: ['{"error":"token_revoked"}', 'The API key was revoked'],
  },
  {
    id: 'generic-audience',
    library: 'the server',
    match:
      '\\b(?:invalid|wrong|unexpected|mismatched) (?:token )?audience\\b|\\baudience (?:mismatch|is invalid|validation failed|not (?:allowed|valid|accepted))\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.8,
    tier: 'generic',
    explain:
      "The server says the token's audience (`aud`) is not this API: it was issued for another API or client.",
    fix: [
      'Decode the token and compare `aud` with what this API expects; request the access token for this API.',
    ],
    examples: [
      '{"error":"invalid_token","error_description":"Audience validation failed"}',
      'Wrong audience',
    ],
  },
  {
    id: 'generic-issuer',
    library: 'the server',
    match:
      '\\b(?:invalid|wrong|unexpected|unknown|untrusted|mismatched) (?:token )?issuer\\b|\\bissuer (?:mismatch|is invalid|validation failed|not (?:allowed|trusted|valid))\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.8,
    tier: 'generic',
    explain:
      "The server says the token's issuer (`iss`) is not one it trusts: another tenant, realm or environment, or a different issuer URL.",
    fix: ["Compare the token's `iss` with the issuer the API is configured for, character for character."],
    examples: ['Issuer validation failed', '{"message":"Untrusted issuer"}'],
  },
  {
    id: 'generic-token-type',
    library: 'the server',
    match:
      '\\b(?:invalid|wrong|unexpected|unsupported|incorrect) token[ _]type\\b|\\btoken[ _]type (?:is )?(?:not (?:allowed|supported|valid)|invalid|mismatch)\\b|\\bid[ _-]?tokens? (?:is |are )?not (?:allowed|accepted|supported)\\b',
    cause: 'wrong_token_type',
    severity: 'warning',
    confidence: 0.65,
    tier: 'generic',
    explain:
      'The server says this kind of token is not accepted here: typically an ID token or refresh token where an access token is expected, or a user token where an app/bot token is expected.',
    fix: ['Send the kind of token the API documents (usually the access token issued for this API).'],
    examples: [
      '{"error":"invalid_token","error_description":"Invalid token type"}',
      'ID tokens are not accepted',
    ],
  },
  {
    id: 'generic-invalid-token',
    library: 'the server',
    match:
      '\\binvalid (?:access |auth |authentication |bearer |jwt |oauth |refresh |id |session )?token\\b(?![ _](?:type|header|issuer))|\\b(?:access |bearer |jwt )?token (?:is |was )?(?:invalid|not valid)\\b|\\binvalid_token\\b|\\bcould not validate (?:the )?(?:token|credentials)\\b',
    cause: 'invalid_credentials',
    severity: 'warning',
    confidence: 0.45,
    tier: 'generic',
    explain:
      'The server rejected the token without saying why: it may be expired, revoked, signed by another key, issued for another API, or not the token it expects. Decoding it (for a JWT: `exp`, `aud`, `iss`) usually tells which.',
    fix: [
      'Decode the token (for a JWT, jwt.io or `cut -d. -f2 | base64 -d`) and check `exp`, `aud` and `iss` against the API; if it is opaque, get a new one.',
    ],
    docs: [RFC6750],
    examples: [
      '{"detail":"Invalid token."}',
      '{"error":"invalid_token"}',
      'Token is invalid',
      '{"detail":"Could not validate credentials"}',
    ],
    near: ['Invalid token type'],
  },
  {
    id: 'generic-bad-credentials',
    library: 'the server',
    match:
      '\\binvalid (?:api[ _-]?key|access[ _-]?key|credentials|login(?: credentials)?|(?:user ?name|email|login) (?:or|and) password|user(?:name)?/password)\\b|\\blogin failed\\b|\\bbad credentials\\b|\\bincorrect (?:api[ _-]?key|password|(?:user ?name|email|login) or password|credentials)\\b|\\bwrong (?:password|credentials|api[ _-]?key|(?:user ?name|email|login) or password)\\b|\\bauthentication failed\\b|\\b(?:api[ _-]?key|credentials) (?:is |are |was |were )?(?:invalid|not valid|incorrect)\\b|\\binvalid_(?:api_key|credentials)\\b',
    cause: 'invalid_credentials',
    severity: 'warning',
    confidence: 0.55,
    tier: 'generic',
    // "Invalid API-key, IP, or permissions" names three causes at once (the ip-restricted rule reads it).
    unless: '\\bAPI-?key, IP,? (?:or|and) permissions\\b',
    explain:
      'The server says the credential is wrong: mistyped, revoked, for another account or environment, or not the kind it expects.',
    fix: [
      'Copy the credential again from its source (no leading/trailing spaces), check it is for this environment, and regenerate it if unsure.',
    ],
    examples: [
      '{"message":"Invalid API key"}',
      'Bad credentials',
      '{"error":"invalid_credentials"}',
      'Authentication failed',
      '{"msg":"Invalid login credentials"}',
    ],
  },
  {
    id: 'generic-signature-invalid',
    library: 'the server',
    match:
      '\\bsignature verification (?:failed|error)\\b|\\b(?:jwt|jws|token|id token|access token) signature (?:is )?(?:invalid|not valid|could not be verified|verification failed|does not match|mismatch)\\b|\\bfailed to verify (?:the )?(?:jwt |jws |token |id token )?signature\\b|\\bsignature (?:is )?(?:invalid|not valid)\\b|\\binvalid[_ ]signature\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.75,
    tier: 'generic',
    explain:
      "The server says the signature does not verify: the token (or signed request) was signed with another key or secret than the one the server checks with — another environment's secret, a rotated key, a token from another issuer — or it was altered on the way.",
    fix: SIGNATURE_FIX,
    examples: [
      '{"error":"JWT signature could not be verified"}',
      'failed to verify JWT signature',
      '{"code":"invalid_signature"}',
    ],
    near: ['the signature is valid'],
  },
  {
    id: 'generic-no-matching-key',
    library: 'the server',
    match:
      "\\bno matching (?:signing )?key\\b|\\bkid\\b[^.\\n]{0,40}\\bnot (?:found|present|in (?:the )?(?:jwks|key ?set))\\b|\\bunknown (?:kid|key id|signing key)\\b|\\bno (?:key|jwk|public key) (?:found )?(?:for|matching|with) (?:the )?(?:kid|key id)\\b|\\b(?:(?:unable|failed) to find|could not find|couldn't find|cannot find) (?:a |the )?(?:matching |suitable )?(?:signing |public |verification )?key\\b",
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.8,
    tier: 'generic',
    explain:
      "The token's key ID (`kid`) is not among the keys the server trusts: it comes from another issuer, tenant or environment, it is not the kind of token this API verifies (a refresh token or a token signed with a shared secret), or the issuer rotated its keys and the server still holds the old set.",
    fix: SIGNATURE_FIX,
    examples: [
      'no matching key found in JWKS',
      'kid "abc" not found in jwks',
      'could not find a matching signing key',
    ],
    near: ['kid found'],
  },
  {
    id: 'generic-wrong-endpoint',
    library: 'the server',
    match:
      '\\bwrong (?:api )?(?:endpoint|base ?url|api host|host ?name)\\b|\\b(?:please )?(?:use|call|send (?:the |your )?requests? to) (?:the (?:endpoint|host|url|base url) )?https?://[\\w.-]{3,120}/?\\s{0,2}instead\\b|\\buse the [\\w.-]{1,60} (?:endpoint|host|base url|region) instead\\b|\\bthis (?:endpoint|api|host|server) is (?:only )?(?:for|meant for|reserved for) [\\w -]{0,60}\\b(?:accounts|users|keys|plans|customers|subscriptions)\\b|\\b(?:endpoint|host|url) (?:is )?(?:not (?:valid|available|supported) for (?:your|this) (?:account|plan|key))\\b',
    cause: 'wrong_url_or_endpoint',
    severity: 'error',
    confidence: 0.8,
    tier: 'generic',
    explain:
      'The server says the request went to the wrong endpoint for this credential: many APIs run separate hosts per plan, account type or region (free vs paid, sandbox vs live, EU vs US), and a key only works on its own.',
    fix: [
      'Send the request to the host the message names (or the one your account, plan or region belongs to), keeping the same key.',
    ],
    examples: [
      '{"message":"Wrong endpoint. Use https://api-free.example.com"}',
      'This endpoint is for business accounts only',
      'Unauthorized: call https://eu1.api.example.net instead',
    ],
    near: ['see https://docs.example.com for details', 'Use https://docs.example.com/auth to create a token'],
  },
  {
    id: 'generic-wrong-region',
    library: 'the server',
    match:
      "\\b(?:wrong|incorrect|invalid|mismatched) (?:api )?(?:region|data ?cent(?:er|re)|datacenter|data residency|instance location)\\b|\\b(?:key|token|account|credentials?) (?:is |are |was )?(?:for|from|in|(?:belongs|belong) to) (?:a |another |the )?(?:different |other )?(?:region|data ?cent(?:er|re)|datacenter)\\b|\\bregion (?:mismatch|does not match|doesn't match)\\b",
    cause: 'wrong_environment',
    severity: 'error',
    confidence: 0.78,
    tier: 'generic',
    explain:
      "The server says the credential belongs to another region or data center: accounts and keys created in one region (EU, US, AU, …) only work against that region's host.",
    fix: [
      "Call the host of the region where the account or key was created (the provider's docs list one base URL per region), or create the key in the region you call.",
    ],
    examples: [
      '{"error":"Incorrect region for this API key"}',
      'This account belongs to a different datacenter',
    ],
  },
  {
    id: 'npm-one-time-password',
    library: 'npm',
    match:
      '\\bEOTP\\b|\\bmust provide a one-time pass(?:word|code)?\\b|\\bThis operation requires a one-time password\\b|\\bpassing --otp=<code>|\\bin order to use 2FA\\b',
    cause: 'other',
    severity: 'error',
    confidence: 0.9,
    explain:
      'The token is valid, but the account or package requires a two-factor one-time password for publishing, which a CI job cannot type. This is not a wrong token: npm wants a second factor, or a token type that is exempt from it.',
    fix: [
      'In CI, publish with a granular access token allowed to bypass 2FA (older accounts: an Automation token), or with trusted publishing (OIDC) from GitHub Actions/GitLab; check the package’s Publishing access setting allows tokens.',
      'Locally, pass the code: `npm publish --otp=<code>`.',
    ],
    docs: ['https://docs.npmjs.com/requiring-2fa-for-package-publishing-and-settings-modification'],
    examples: [
      'npm ERR! 401 Unauthorized - PUT https://registry.npmjs.org/@acme%2fui - You must provide a one-time pass. Upgrade your client to npm@latest in order to use 2FA.',
      'npm error code EOTP\nnpm error This operation requires a one-time password from your authenticator.',
    ],
  },
  {
    id: 'github-otp-required',
    library: 'GitHub',
    match: '\\bX-GitHub-OTP: required\\b|\\bMust specify two-factor authentication OTP code\\b',
    cause: 'other',
    severity: 'error',
    confidence: 0.88,
    explain:
      'Basic authentication with the account password was refused because the account has two-factor authentication; GitHub no longer accepts passwords for the API or Git at all.',
    fix: [
      'Use a personal access token (fine-grained or classic) instead of the password, or a GitHub App / `GITHUB_TOKEN` in Actions.',
    ],
    docs: ['https://docs.github.com/rest/authentication/authenticating-to-the-rest-api'],
    examples: [
      'X-GitHub-OTP: required; app',
      '{"message":"Must specify two-factor authentication OTP code."}',
    ],
  },
  {
    id: 'auth0-mfa-required',
    library: 'Auth0',
    match: '\\bmfa_required\\b|\\bMultifactor authentication required\\b',
    cause: 'other',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The tenant requires multi-factor authentication for this user, so a non-interactive grant (password, refresh) cannot complete without the MFA step.',
    fix: [
      'Complete MFA with the `mfa_token` from the response (the MFA API), use an interactive login, or use a machine-to-machine client for automation.',
    ],
    docs: ['https://auth0.com/docs/secure/multi-factor-authentication/authenticate-using-ropg-flow-with-mfa'],
    examples: [
      '{"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"…"}',
    ],
  },
  {
    id: 'generic-second-factor',
    library: 'the server',
    tier: 'generic',
    match:
      '\\b(?:otp|one-time (?:pass(?:word|code)?|code)|two-factor(?: authentication)?(?: code)?|2fa(?: code)?|mfa(?: code)?|multi-factor authentication|second factor|verification code) (?:is )?(?:required|missing|needed)\\b|\\botp_required\\b|\\brequires? (?:a )?(?:second factor|two-factor authentication|2fa|mfa|an? otp|a one-time password)\\b',
    cause: 'other',
    severity: 'error',
    confidence: 0.75,
    explain:
      'The credential was accepted as far as it goes, but the account requires a second factor (a one-time code) for this action, which an automated client cannot supply.',
    fix: [
      'Use a credential meant for automation that is exempt from the second factor (an API or automation token, a service account, an app password), or supply the one-time code for interactive use.',
    ],
    examples: ['{"error":"OTP required"}', 'Two-factor authentication required'],
    near: ['2FA is enabled on my account'],
  },
];
