/**
 * Built-in packs, first half: every pack compiles, every error signature is pinned to real provider wording,
 * no signature fires on generic or look-alike text, and every host resolves to its own pack.
 */
import { describe, expect, it } from 'vitest';
import { formatById } from '../../src/intake/credentials/formats.js';
import { compilePacks, ProviderKnowledge } from '../../src/providers/knowledge.js';
import { PACKS_A } from '../../src/providers/packs/index-a.js';
import type { ProviderPack } from '../../src/providers/schema.js';
import { hostClashes, misresolvedHosts } from '../support/pack-checks.js';

const OWNED = [
  'github',
  'gitlab',
  'bitbucket',
  'stripe',
  'paypal',
  'square',
  'openai',
  'anthropic',
  'google-maps',
  'google-cloud',
  'firebase',
  'aws-api-gateway',
  'aws',
  'azure-entra-graph',
  'azure-openai',
  'slack',
  'discord',
  'twilio',
  'sendgrid',
  'mailgun',
];

const packs: ProviderPack[] = compilePacks(PACKS_A.map((pack) => ({ origin: `builtin:${pack.id}`, pack })));
const knowledge = new ProviderKnowledge(packs);
const byId = new Map(packs.map((p) => [p.id, p]));

/** [pack, signature id, text the provider or its SDK really produces]. */
const EXAMPLES: [string, string, string][] = [
  // GitHub
  [
    'github',
    'requires-authentication',
    '{"message":"Requires authentication","documentation_url":"https://docs.github.com/rest/users/users#get-the-authenticated-user","status":"401"}',
  ],
  [
    'github',
    'requires-authentication',
    'HttpError: Requires authentication - https://docs.github.com/rest/users/users',
  ],
  [
    'github',
    'bad-credentials',
    '{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}',
  ],
  [
    'github',
    'bad-credentials',
    'github.GithubException.BadCredentialsException: 401 {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest"}',
  ],
  ['github', 'bad-credentials', 'HTTP 401: Bad credentials (https://api.github.com/graphql)'],
  [
    'github',
    'ghes-must-authenticate',
    '{"message":"Must authenticate to access this API.","documentation_url":"https://docs.github.com/enterprise-server@3.12/rest"}',
  ],
  [
    'github',
    'graphql-requires-authentication',
    '{"message":"This endpoint requires you to be authenticated.","documentation_url":"https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql"}',
  ],
  [
    'github',
    'jwt-not-decoded',
    '{"message":"A JSON web token could not be decoded","documentation_url":"https://docs.github.com/rest"}',
  ],
  [
    'github',
    'jwt-exp-too-far',
    '{"message":"\'Expiration time\' claim (\'exp\') is too far in the future","documentation_url":"https://docs.github.com/rest"}',
  ],
  [
    'github',
    'jwt-expired',
    "github3.exceptions.AuthenticationFailed: 401 'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
  ],
  [
    'github',
    'jwt-iat-invalid',
    '{"message":"\'Issued at\' claim (\'iat\') must be an Integer representing the time that the assertion was issued","documentation_url":"https://docs.github.com/rest"}',
  ],
  [
    'github',
    'integration-not-accessible',
    'RequestError [HttpError]: Resource not accessible by integration - https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  ],
  [
    'github',
    'fine-grained-pat-not-accessible',
    '{"message":"Resource not accessible by personal access token","documentation_url":"https://docs.github.com/rest/repos/contents#create-or-update-file-contents","status":"403"}',
  ],
  [
    'github',
    'saml-sso-not-authorized',
    '{"message":"Resource protected by organization SAML enforcement. You must grant your Personal Access token access to this organization.","documentation_url":"https://docs.github.com/articles/authenticating-to-a-github-organization-with-saml-single-sign-on/"}',
  ],
  [
    'github',
    'graphql-missing-scopes',
    '{"errors":[{"type":"INSUFFICIENT_SCOPES","message":"Your token has not been granted the required scopes to execute this query. The \'login\' field requires one of the following scopes: [\'read:org\'], but your token has only been granted the: [\'repo\'] scopes."}]}',
  ],
  [
    'github',
    'login-attempts-exceeded',
    "github.GithubException.GithubException: 403 {'message': 'Maximum number of login attempts exceeded. Please try again later.', 'documentation_url': 'https://developer.github.com/v3'}",
  ],
  [
    'github',
    'git-password-removed',
    'remote: Support for password authentication was removed on August 13, 2021.',
  ],
  [
    'github',
    'git-password-removed',
    'remote: Invalid username or token. Password authentication is not supported for Git operations.',
  ],
  // GitLab
  ['gitlab', 'unauthorized', '{"message":"401 Unauthorized"}'],
  ['gitlab', 'unauthorized', 'gitlab.exceptions.GitlabAuthenticationError: 401: 401 Unauthorized'],
  [
    'gitlab',
    'token-revoked',
    '{"error":"invalid_token","error_description":"Token was revoked. You have to re-authorize from the user."}',
  ],
  [
    'gitlab',
    'token-expired',
    '{"error":"invalid_token","error_description":"Token is expired. You can either do re-authorization or token refresh."}',
  ],
  [
    'gitlab',
    'insufficient-scope',
    '{"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the access token.","scope":"api"}',
  ],
  [
    'gitlab',
    'git-http-basic-denied',
    "remote: HTTP Basic: Access denied. The provided password or token is incorrect or your account has 2FA enabled and you must use a personal access token instead of a password.\nfatal: Authentication failed for 'https://gitlab.com/group/project.git/'",
  ],
  // Bitbucket
  ['bitbucket', 'basic-challenge', 'Basic realm="Bitbucket.org HTTP"'],
  [
    'bitbucket',
    'basic-challenge',
    "Failure authenticating with BASIC 'Bitbucket.org HTTP'@bitbucket.org:443",
  ],
  [
    'bitbucket',
    'account-password-rejected',
    '401 Unauthorized Bitbucket Cloud recently stopped supporting account passwords for API authentication.\nSee our community post for more details: https://atlassian.community/t5/x/x/ba-p/1948231',
  ],
  // Stripe
  [
    'stripe',
    'invalid-api-key',
    '{"error":{"message":"Invalid API Key provided: sk_test_********************************M6F","type":"invalid_request_error"}}',
  ],
  ['stripe', 'invalid-api-key', 'StripeAuthenticationError: Invalid API Key provided: *****ined'],
  [
    'stripe',
    'key-contains-space',
    '{"type":"invalid_request_error","message":"Invalid API Key provided: nil. This key contains at least one space. Please delete the spaces and try again. If you have any questions, we can help at https://support.stripe.com/.","status":401}',
  ],
  [
    'stripe',
    'no-api-key',
    'Request error from Stripe (status 401): {"status":401,"message":"You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.","type":"invalid_request_error"}',
  ],
  [
    'stripe',
    'no-api-key',
    'Stripe::AuthenticationError - No API key provided.  (HINT: set your API key using "Stripe.api_key = <API-KEY>".  You can generate API keys from the Stripe web interface.',
  ],
  [
    'stripe',
    'empty-key-value',
    'Error: You did not provide an API key, though you did set your Authorization header to "null". Using Bearer auth, your Authorization header should look something like \'Authorization: Bearer YOUR_SECRET_KEY\'.',
  ],
  [
    'stripe',
    'publishable-key-used',
    'stripe.error.AuthenticationError: Request req_7qTbBITXPt3pCH: This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
  ],
  [
    'stripe',
    'expired-api-key',
    '{"error":{"code":"api_key_expired","doc_url":"https://stripe.com/docs/error-codes/api-key-expired","message":"Expired API Key provided: rk_test_*********************************aaaaaa","type":"invalid_request_error"}}',
  ],
  [
    'stripe',
    'restricted-key-permission',
    "Error: The provided key 'rk_test_*********************qs8Kgd' does not have the required permissions for this endpoint on account 'acct_1PJBLEBBLEfV'. Having the 'rak_accounts_kyc_id_numbers_read' permission would allow this request to continue.",
  ],
  [
    'stripe',
    'restricted-key-permission',
    'You passed a restricted API key with the Stripe-Account header, but the restricted API key does not have any Connect permissions.',
  ],
  [
    'stripe',
    'no-access-to-account',
    "stripe._error.PermissionError: The provided key 'sk_test_…' does not have access to account 'acct_bootstrap_b2b' (or that account does not exist). Application access may have been revoked.",
  ],
  // PayPal
  [
    'paypal',
    'invalid-client',
    '{"error":"invalid_client","error_description":"Client Authentication failed"}',
  ],
  [
    'paypal',
    'client-credentials-missing',
    '{"error":"invalid_client","error_description":"Client credentials are missing"}',
  ],
  [
    'paypal',
    'authentication-failure',
    '{"name":"AUTHENTICATION_FAILURE","message":"Authentication failed due to missing authorization header, or invalid authentication credentials.","debug_id":"a1b2c3d4e5f60","links":[]}',
  ],
  [
    'paypal',
    'token-not-in-cache',
    '{"error":"invalid_token","error_description":"Access Token not found in cache"}',
  ],
  [
    'paypal',
    'not-authorized',
    '{"name":"NOT_AUTHORIZED","details":[{"issue":"PERMISSION_DENIED","description":"You do not have permission to access or perform operations on this resource."}],"message":"Authorization failed due to insufficient permissions.","debug_id":"79010a47e43c0"}',
  ],
  [
    'paypal',
    'permission-denied-v1',
    '{"name":"PERMISSION_DENIED","message":"No permission for the requested operation","information_link":"https://developer.paypal.com/docs/api/payments/#errors","debug_id":"50e26e8fd4444"}',
  ],
  // Square
  [
    'square',
    'unauthorized',
    '{"errors":[{"category":"AUTHENTICATION_ERROR","code":"UNAUTHORIZED","detail":"This request could not be authorized."}]}',
  ],
  [
    'square',
    'malformed-authorization',
    '{"errors":[{"category":"AUTHENTICATION_ERROR","code":"UNAUTHORIZED","detail":"The `Authorization` http header of your request was malformed. The header value is expected to be of the format \\"Bearer TOKEN\\" (without quotation marks)."}]}',
  ],
  [
    'square',
    'access-token-expired',
    'Square Payment Failed (Status code ACCESS_TOKEN_EXPIRED: The provided OAuth access token has expired. You must renew the access token via the Renew Access Token endpoint.)',
  ],
  [
    'square',
    'access-token-revoked',
    '{"errors":[{"category":"AUTHENTICATION_ERROR","code":"ACCESS_TOKEN_REVOKED","detail":"The provided access token has been revoked."}]}',
  ],
  [
    'square',
    'insufficient-scopes',
    '{"errors":[{"category":"AUTHENTICATION_ERROR","code":"INSUFFICIENT_SCOPES","detail":"The merchant has not given your application sufficient permissions to do that. The merchant must authorize your application for the following scopes: ORDERS_READ"}]}',
  ],
  [
    'square',
    'application-disabled',
    '{"errors":[{"category":"AUTHENTICATION_ERROR","code":"APPLICATION_DISABLED","detail":"The calling application was disabled."}]}',
  ],
  [
    'square',
    'v1-token',
    '{"errors":[{"category":"AUTHENTICATION_ERROR","code":"V1_ACCESS_TOKEN","detail":"This access token is not compatible with v2 API calls."}]}',
  ],
  // OpenAI
  [
    'openai',
    'incorrect-api-key',
    '{"error":{"message":"Incorrect API key provided: sk-proj-****abcd. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}',
  ],
  [
    'openai',
    'no-api-key',
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password.",
  ],
  [
    'openai',
    'no-api-key',
    'openai.OpenAIError: The api_key client option must be set either by passing api_key to the client or by setting the OPENAI_API_KEY environment variable',
  ],
  [
    'openai',
    'mismatched-organization',
    'Error details: Status: 401, Code: mismatched_organization, Type: invalid_request_error, Message: 401 OpenAI-Organization header should match organization for API key.',
  ],
  ['openai', 'no-such-organization', 'openai.error.AuthenticationError: No such organization: Personal.'],
  [
    'openai',
    'no-such-organization',
    'litellm.BadRequestError: OpenAIException - no such organization : null',
  ],
  [
    'openai',
    'no-organization',
    "openai.AuthenticationError: Error code: 401 - {'error': {'message': 'You must be a member of an organization to use the API. Please contact us through our help center at help.openai.com.', 'type': 'invalid_request_error', 'param': None, 'code': 'no_organization'}}",
  ],
  [
    'openai',
    'insufficient-permissions',
    '{"error":{"message":"You have insufficient permissions for this operation. Missing scopes: model.request. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you\'re using a restricted API key, that it has the necessary scopes.","type":"invalid_request_error","param":null,"code":null}}',
  ],
  [
    'openai',
    'insufficient-quota',
    '{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}',
  ],
  [
    'openai',
    'billing-not-active',
    "OpenAIException - Error code: 429 - {'error': {'message': 'Your account is not active, please check your billing details on our website.', 'type': 'billing_not_active', 'param': None, 'code': 'billing_not_active'}}",
  ],
  [
    'openai',
    'unsupported-country',
    '{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported","param":null,"type":"request_forbidden"}}',
  ],
  // Anthropic
  [
    'anthropic',
    'invalid-x-api-key',
    '{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_011CSHa1FurUZv2Lu8mxQdXf"}',
  ],
  [
    'anthropic',
    'x-api-key-required',
    '401 {"type":"error","error":{"type":"authentication_error","message":"x-api-key header is required"},"request_id":"req_011CeoTSFhazbsMgs7N3Vw7V"}',
  ],
  [
    'anthropic',
    'oauth-not-supported',
    'API Error: 401 {"type":"error","error":{"type":"authentication_error","message":"OAuth authentication is currently not supported."}}',
  ],
  [
    'anthropic',
    'permission-error',
    '{"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}}',
  ],
  [
    'anthropic',
    'credit-balance-too-low',
    "{'type': 'invalid_request_error', 'message': 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.'}",
  ],
  [
    'anthropic',
    'billing-error',
    '{"type":"error","error":{"type":"billing_error","message":"There is an issue with your billing."}}',
  ],
  [
    'anthropic',
    'organization-disabled',
    'API Error: 400 {"type":"error","error":{"type":"invalid_request_error","message":"This organization has been disabled."}}',
  ],
  // Google Cloud
  [
    'google-cloud',
    'credentials-missing',
    '{"error":{"code":401,"message":"Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.","status":"UNAUTHENTICATED"}}',
  ],
  [
    'google-cloud',
    'api-keys-not-supported',
    '{"error":{"code":401,"message":"API keys are not supported by this API. Expected OAuth2 access token or other authentication credentials that assert a principal. See https://cloud.google.com/docs/authentication","status":"UNAUTHENTICATED"}}',
  ],
  [
    'google-cloud',
    'access-token-expired',
    '"details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "ACCESS_TOKEN_EXPIRED", "domain": "googleapis.com"}]',
  ],
  [
    'google-cloud',
    'access-token-type-unsupported',
    '"details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"ACCESS_TOKEN_TYPE_UNSUPPORTED","domain":"googleapis.com"}]',
  ],
  [
    'google-cloud',
    'invalid-credentials',
    '16 UNAUTHENTICATED: Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  ],
  [
    'google-cloud',
    'insufficient-scopes',
    '{"error":{"code":403,"message":"Request had insufficient authentication scopes.","status":"PERMISSION_DENIED","details":[{"reason":"ACCESS_TOKEN_SCOPE_INSUFFICIENT"}]}}',
  ],
  [
    'google-cloud',
    'insufficient-scopes',
    'Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="https://www.googleapis.com/auth/cloud-platform"',
  ],
  [
    'google-cloud',
    'api-key-invalid',
    '{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"reason":"API_KEY_INVALID"}]}}',
  ],
  [
    'google-cloud',
    'api-key-expired',
    '{"error":{"code":400,"message":"API key expired. Please renew the API key.","status":"INVALID_ARGUMENT"}}',
  ],
  [
    'google-cloud',
    'service-disabled',
    'Error: People API has not been used in project 123456789012 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/people.googleapis.com/overview?project=123456789012 then retry.',
  ],
  [
    'google-cloud',
    'billing-disabled',
    'This API method requires billing to be enabled. Please enable billing on project #58906374421 by visiting https://console.developers.google.com/billing/enable?project=58906374421 then retry.',
  ],
  [
    'google-cloud',
    'billing-disabled',
    '"message" : "Project charming-module-137923 (#808448574146) has billing disabled. Please enable it."',
  ],
  [
    'google-cloud',
    'api-key-restricted',
    '{"error":{"code":403,"message":"Requests from referer <empty> are blocked.","status":"PERMISSION_DENIED","details":[{"reason":"API_KEY_HTTP_REFERRER_BLOCKED"}]}}',
  ],
  [
    'google-cloud',
    'api-key-restricted',
    'ipRefererBlocked: The request did not specify any referer. Please ensure that the client is sending referer or use the API Console to remove the referer restrictions.',
  ],
  [
    'google-cloud',
    'api-key-restricted',
    'Requests from this Android client application <empty> are blocked.',
  ],
  [
    'google-cloud',
    'permission-denied-iam',
    "Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/demo/locations/us-central1/publishers/google/models/gemini-pro' (or it may not exist).",
  ],
  [
    'google-cloud',
    'permission-denied-iam',
    'svc@demo.iam.gserviceaccount.com does not have storage.objects.get access to the Google Cloud Storage object.',
  ],
  ['google-cloud', 'permission-denied-iam', '7 PERMISSION_DENIED: The caller does not have permission'],
  [
    'google-cloud',
    'jwt-time-invalid',
    '{"error":"invalid_grant","error_description":"Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."}',
  ],
  [
    'google-cloud',
    'jwt-signature-invalid',
    '{"error":"invalid_grant","error_description":"Invalid JWT Signature."}',
  ],
  [
    'google-cloud',
    'refresh-token-expired-or-revoked',
    'google.auth.exceptions.RefreshError: (\'invalid_grant: Token has been expired or revoked.\', \'{"error": "invalid_grant", "error_description": "Token has been expired or revoked."}\')',
  ],
  [
    'google-cloud',
    'oauth-client-not-found',
    '{"error":"invalid_client","error_description":"The OAuth client was not found."}',
  ],
  [
    'google-cloud',
    'unauthorized-client-delegation',
    '{"error":"unauthorized_client","error_description":"Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested."}',
  ],
  // Google Maps
  [
    'google-maps',
    'api-key-required',
    '{"error_message":"You must use an API key to authenticate each request to Google Maps Platform APIs. For additional information, please refer to http://g.co/dev/maps-no-account","results":[],"status":"REQUEST_DENIED"}',
  ],
  [
    'google-maps',
    'project-not-authorized',
    '{"error_message":"This API project is not authorized to use this API.","results":[],"status":"REQUEST_DENIED"}',
  ],
  ['google-maps', 'project-not-authorized', 'Google Maps JavaScript API error: ApiNotActivatedMapError'],
  [
    'google-maps',
    'referer-restricted-key-on-server',
    '{"error_message":"API keys with referer restrictions cannot be used with this API.","results":[],"status":"REQUEST_DENIED"}',
  ],
  [
    'google-maps',
    'key-restriction-mismatch',
    '{"error_message":"This IP, site or mobile application is not authorized to use this API key. Request received from IP address 203.0.113.7, with empty referer","results":[],"status":"REQUEST_DENIED"}',
  ],
  ['google-maps', 'key-restriction-mismatch', 'Google Maps JavaScript API error: RefererNotAllowedMapError'],
  [
    'google-maps',
    'invalid-key',
    '{"error_message":"The provided API key is invalid.","results":[],"status":"REQUEST_DENIED"}',
  ],
  ['google-maps', 'invalid-key', 'Google Maps JavaScript API error: InvalidKeyMapError'],
  ['google-maps', 'expired-key', 'Google Maps JavaScript API error: ExpiredKeyMapError'],
  [
    'google-maps',
    'billing-not-enabled',
    '{"error_message":"You must enable Billing on the Google Cloud Project at https://console.cloud.google.com/project/_/billing/enable Learn more at https://developers.google.com/maps/gmp-get-started","results":[],"status":"REQUEST_DENIED"}',
  ],
  ['google-maps', 'billing-not-enabled', 'Google Maps JavaScript API error: BillingNotEnabledMapError'],
  // Firebase
  [
    'firebase',
    'fcm-legacy-invalid-key',
    'Client error: `POST https://fcm.googleapis.com/fcm/send` resulted in a `401 INVALID_KEY` response',
  ],
  [
    'firebase',
    'fcm-legacy-invalid-key',
    '<HTML><HEAD><TITLE>INVALID_KEY</TITLE></HEAD><BODY><H1>INVALID_KEY</H1><H2>Error 401</H2></BODY></HTML>',
  ],
  [
    'firebase',
    'fcm-sender-id-mismatch',
    '{"error":{"code":403,"message":"SenderId mismatch","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"SENDER_ID_MISMATCH"}]}}',
  ],
  [
    'firebase',
    'id-token-expired',
    "{ code: 'auth/id-token-expired', message: 'Firebase ID token has expired. Get a fresh ID token from your client app and try again (auth/id-token-expired).' }",
  ],
  [
    'firebase',
    'id-token-revoked',
    "FirebaseAuthError: The Firebase ID token has been revoked. code: 'auth/id-token-revoked'",
  ],
  [
    'firebase',
    'id-token-wrong-audience',
    'ValueError: Firebase ID token has incorrect "aud" (audience) claim. Expected "my-project" but got "other-project". Make sure the ID token comes from the same Firebase project as the service account used to authenticate this SDK.',
  ],
  [
    'firebase',
    'id-token-wrong-audience',
    'ID token has invalid \'aud\' (audience) claim; expected "projectID" but got "1234-abc.apps.googleusercontent.com"',
  ],
  [
    'firebase',
    'id-token-wrong-issuer',
    'Firebase ID token has incorrect "iss" (issuer) claim. Expected "https://securetoken.google.com/my-project" but got "https://accounts.google.com".',
  ],
  [
    'firebase',
    'custom-token-instead-of-id-token',
    'verifyIdToken() expects an ID token, but was given a custom token.',
  ],
  [
    'firebase',
    'id-token-invalid-signature',
    'Error: Firebase ID token has invalid signature. See https://firebase.google.com/docs/auth/admin/verify-id-tokens',
  ],
  [
    'firebase',
    'rest-token-expired',
    '{"error":{"code":400,"message":"TOKEN_EXPIRED","errors":[{"message":"TOKEN_EXPIRED","domain":"global","reason":"invalid"}]}}',
  ],
  [
    'firebase',
    'rest-invalid-id-token',
    '{"error":{"code":400,"message":"INVALID_ID_TOKEN","errors":[{"message":"INVALID_ID_TOKEN","domain":"global","reason":"invalid"}]}}',
  ],
  [
    'firebase',
    'rest-invalid-refresh-token',
    '{"error":{"code":400,"message":"INVALID_REFRESH_TOKEN","status":"INVALID_ARGUMENT"}}',
  ],
  [
    'firebase',
    'user-disabled',
    '{"error":{"code":400,"message":"USER_DISABLED","errors":[{"message":"USER_DISABLED"}]}}',
  ],
  [
    'firebase',
    'project-mismatch',
    '{"error":{"code":400,"message":"CREDENTIAL_MISMATCH","errors":[{"message":"CREDENTIAL_MISMATCH"}]}}',
  ],
  ['firebase', 'client-invalid-api-key', 'FirebaseError: Firebase: Error (auth/invalid-api-key).'],
  ['firebase', 'client-app-not-authorized', 'FirebaseError: Firebase: Error (auth/app-not-authorized).'],
  // AWS
  [
    'aws',
    'missing-authentication-token',
    '<ErrorResponse><Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code><Message>The request must contain either a valid (registered) AWS access key ID or X.509 certificate.</Message></Error></ErrorResponse>',
  ],
  [
    'aws',
    'invalid-access-key-id',
    'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.',
  ],
  [
    'aws',
    'invalid-access-key-id',
    '<Error><Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does not exist in our records.</Message></Error>',
  ],
  [
    'aws',
    'invalid-access-key-id',
    '{"__type":"UnrecognizedClientException","message":"The security token included in the request is invalid."}',
  ],
  [
    'aws',
    'signature-does-not-match',
    '<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message></Error>',
  ],
  [
    'aws',
    'signature-does-not-match',
    'botocore.exceptions.ClientError: An error occurred (InvalidSignatureException) when calling the Query operation: The request signature we calculated does not match the signature you provided.',
  ],
  ['aws', 'signature-does-not-match', '<Code>SignatureDoesNotMatch</Code>'],
  [
    'aws',
    'incomplete-signature',
    "An error occurred (IncompleteSignature) when calling the ListUsers operation: Authorization header requires 'Credential' parameter.",
  ],
  [
    'aws',
    'incomplete-signature',
    "{\"message\":\"Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20240101/us-east-1/execute-api/aws4_request\"}",
  ],
  [
    'aws',
    'expired-token',
    'An error occurred (ExpiredToken) when calling the ListBuckets operation: The security token included in the request is expired',
  ],
  [
    'aws',
    'clock-skew',
    '{"message":"Signature expired: 20150411T064107Z is now earlier than 20150411T064135Z (20150411T064635Z - 5 min.)","code":"InvalidSignatureException"}',
  ],
  [
    'aws',
    'clock-skew',
    'SignatureDoesNotMatch: Signature expired: 20161010T120646Z is now earlier than 20161010T151154Z (20161010T152654Z - 15 min.)',
  ],
  [
    'aws',
    'clock-skew',
    'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature expired: 20220127T003512Z is now earlier than 20220127T014431Z (20220127T015931Z - 15 min.)',
  ],
  [
    'aws',
    'clock-skew',
    '<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>\n<Message>Signature not yet current: 20240101T121500Z is still later than 20240101T115900Z (20240101T114400Z + 15 min.)</Message></Error></ErrorResponse>',
  ],
  [
    'aws',
    'clock-skew',
    'An error occurred (RequestTimeTooSkewed) when calling the ListObjectsV2 operation: The difference between the request time and the current time is too large.',
  ],
  [
    'aws',
    'clock-skew',
    '<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds></Error>',
  ],
  [
    'aws',
    'request-expired',
    'An error occurred (RequestExpired) when calling the DescribeInstances operation: Request has expired.',
  ],
  [
    'aws',
    'presigned-url-expired',
    '<Error><Code>AccessDenied</Code><Message>Request has expired</Message><X-Amz-Expires>300</X-Amz-Expires><Expires>2017-07-20T04:18:45Z</Expires></Error>',
  ],
  [
    'aws',
    'access-denied',
    'An error occurred (AccessDeniedException) when calling the Invoke operation: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:123456789012:function:demo',
  ],
  [
    'aws',
    'access-denied',
    '<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>',
  ],
  [
    'aws',
    'wrong-region',
    "<Error><Code>AuthorizationHeaderMalformed</Code><Message>The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'</Message></Error>",
  ],
  ['aws', 'wrong-region', "Credential should be scoped to a valid region, not 'us-east-1'."],
  ['aws', 'wrong-service-scope', "Credential should be scoped to correct service: 'sts'."],
  [
    'aws',
    's3-invalid-token',
    '<Error><Code>InvalidToken</Code><Message>The provided token is malformed or otherwise invalid.</Message></Error>',
  ],
  // Amazon API Gateway
  ['aws-api-gateway', 'missing-authentication-token', '{"message":"Missing Authentication Token"}'],
  [
    'aws-api-gateway',
    'missing-authentication-token',
    'requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://7hq3x9z2ka.execute-api.us-east-1.amazonaws.com/orders {"message":"Missing Authentication Token"}',
  ],
  ['aws-api-gateway', 'incoming-token-expired', '{"message":"The incoming token has expired"}'],
  [
    'aws-api-gateway',
    'authorizer-unauthorized',
    'HTTP/2 401\ncontent-type: application/json\nx-amzn-errortype: UnauthorizedException\n\n{"message":"Unauthorized"}',
  ],
  [
    'aws-api-gateway',
    'authorizer-unauthorized',
    "headers: { 'x-amzn-errortype': 'UnauthorizedException', 'x-amz-apigw-id': 'Bv3kQG2sDoEF9Zw=' }",
  ],
  [
    'aws-api-gateway',
    'jwt-authorizer-expired',
    'www-authenticate: Bearer scope="dev-api.example.com/admin" error="invalid_token" error_description="the token has expired"',
  ],
  [
    'aws-api-gateway',
    'jwt-authorizer-audience-issuer',
    'www-authenticate: Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"',
  ],
  [
    'aws-api-gateway',
    'lambda-authorizer-explicit-deny',
    '{"Message":"User is not authorized to access this resource with an explicit deny"}',
  ],
  [
    'aws-api-gateway',
    'lambda-authorizer-implicit-deny',
    '{"message":"User is not authorized to access this resource"}',
  ],
  [
    'aws-api-gateway',
    'resource-policy-denied',
    '{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-west-1:********7731:q8w2e4r6t1/prod/GET/reports with an explicit deny"}',
  ],
  [
    'aws-api-gateway',
    'resource-policy-denied',
    '{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:123456789012:abcdef1234/prod/GET/items because no resource-based policy allows the execute-api:Invoke action"}',
  ],
  [
    'aws-api-gateway',
    'iam-caller-denied',
    '{"Message":"User: arn:aws:sts::123456789012:assumed-role/ci-deploy/session is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:abcdef1234/prod/POST/jobs"}',
  ],
  ['aws-api-gateway', 'forbidden', 'x-amzn-ErrorType: ForbiddenException'],
  [
    'aws-api-gateway',
    'forbidden',
    "{'date': 'Mon, 02 Dec 2024 11:14:52 GMT', 'x-amzn-ErrorType': 'ForbiddenException', 'x-amz-apigw-id': 'Bv3kQG2sDoEF9Zw='}",
  ],
  [
    'aws-api-gateway',
    'non-sigv4-authorization',
    '{"message":"Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): \'x9Q0dN3m2Yv1Jw8Kp5Lr7Tz4Hb6Cf0Ae9Gs2Ui1Ok3Pl=\'."}',
  ],
  [
    'aws-api-gateway',
    'non-sigv4-authorization',
    '{"message":"\'eyJraWQiOiJrMSJ9.eyJzdWIiOiIxIn0.sig\' not a valid key=value pair (missing equal-sign) in Authorization header: \'Bearer eyJraWQiOiJrMSJ9.eyJzdWIiOiIxIn0.sig\'."}',
  ],
  // Microsoft Entra ID / Graph / ARM
  [
    'azure-entra-graph',
    'aadsts-app-not-found',
    '{"error":"unauthorized_client","error_description":"AADSTS700016: Application with identifier \'11111111-2222-3333-4444-555555555555\' was not found in the directory \'Contoso\'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant."}',
  ],
  [
    'azure-entra-graph',
    'aadsts-invalid-client-secret',
    'Failed to acquire token for client credentials. AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
  ],
  [
    'azure-entra-graph',
    'aadsts-client-secret-expired',
    "AADSTS7000222: The provided client secret keys for app 'd87bcc39-1750-4ca0-ad54-f8d0efbb2735' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret",
  ],
  [
    'azure-entra-graph',
    'aadsts-client-credential-missing',
    "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
  ],
  [
    'azure-entra-graph',
    'aadsts-grant-revoked',
    '{"error":"invalid_grant","error_description":"AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password."}',
  ],
  [
    'azure-entra-graph',
    'aadsts-refresh-token-expired',
    'AADSTS700082: The refresh token has expired due to inactivity. The token was issued on 2025-06-01T10:00:00Z and was inactive for 90.00:00:00.',
  ],
  [
    'azure-entra-graph',
    'aadsts-assertion-time-range',
    '{"error":"invalid_client","error_description":"AADSTS700024: Client assertion is not within its valid time range. Current time: 2024-12-07T12:09:18.3149355Z, assertion valid from 1970-01-01T00:00:00.0000000Z, expiry time of assertion 2024-12-07T11:14:18.0000000Z."}',
  ],
  [
    'azure-entra-graph',
    'aadsts-assertion-time-range',
    "{'error': 'invalid_client', 'error_description': \"AADSTS700024: Client assertion is not within its valid time range. Current time: 2023-05-10T08:14:03.1934512Z, assertion valid from 2023-05-10T08:21:47.0000000Z, expiry time of assertion 2023-05-10T08:31:47.0000000Z.\", 'error_codes': [700024]}",
  ],
  [
    'azure-entra-graph',
    'aadsts-obo-assertion-time-range',
    'AADSTS50013: Assertion is not within its valid time range.',
  ],
  [
    'azure-entra-graph',
    'aadsts-obo-assertion-time-range',
    'AADSTS50012: Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion.',
  ],
  [
    'azure-entra-graph',
    'aadsts-assertion-audience',
    "AADSTS50013: Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '00000003-0000-0000-c000-000000000000' and the expected audience is 'api://3f2c9b1e-7a4d-4c8e-b6f0-1d2e3a4b5c6d'.",
  ],
  [
    'azure-entra-graph',
    'aadsts-assertion-signature',
    'AADSTS700027: Client assertion failed signature validation.',
  ],
  [
    'azure-entra-graph',
    'aadsts-assertion-signature',
    'AADSTS50013: Assertion failed signature validation. [Reason - The key was not found.]',
  ],
  [
    'azure-entra-graph',
    'aadsts-resource-not-found',
    'AADSTS500011: The resource principal named https://management.azure.com was not found in the tenant named b388b808-0ec9-4a09-a414-a7cbbd8b7e9b.',
  ],
  [
    'azure-entra-graph',
    'aadsts-tenant-not-found',
    "AADSTS90002: Tenant 'contoso.onmicrosoft.co' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.",
  ],
  [
    'azure-entra-graph',
    'aadsts-multitenant-common',
    "AADSTS50194: Application 'demo' is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'.",
  ],
  [
    'azure-entra-graph',
    'aadsts-consent-required',
    "AADSTS65001: The user or administrator has not consented to use the application with ID '11111111-2222-3333-4444-555555555555' named 'demo'.",
  ],
  [
    'azure-entra-graph',
    'aadsts-invalid-scope',
    "AADSTS70011: The provided value for the input parameter 'scope' is not valid.",
  ],
  [
    'azure-entra-graph',
    'aadsts-invalid-user-password',
    'AADSTS50126: Error validating credentials due to invalid username or password.',
  ],
  [
    'azure-entra-graph',
    'aadsts-mfa-required',
    '"error": "invalid_grant", "error_description": "AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access',
  ],
  [
    'azure-entra-graph',
    'aadsts-user-not-in-tenant',
    'AADSTS50034: The user account {EmailHidden} does not exist in the contoso directory. To sign into this application, the account must be added to the directory.',
  ],
  [
    'azure-entra-graph',
    'aadsts-conditional-access',
    'AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  ],
  ['azure-entra-graph', 'aadsts-account-disabled', 'AADSTS50057: The user account is disabled.'],
  [
    'azure-entra-graph',
    'aadsts-federated-credential-mismatch',
    "Error: AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:acme/infra:ref:refs/heads/feature-x'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.",
  ],
  [
    'azure-entra-graph',
    'aadsts-federated-credential-mismatch',
    "AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: 'https://token.actions.githubusercontent.com'.",
  ],
  [
    'azure-entra-graph',
    'aadsts-code-already-redeemed',
    '{"error":"invalid_grant","error_description":"AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token."}',
  ],
  [
    'azure-entra-graph',
    'aadsts-token-request-parameter-missing',
    '{"error":"invalid_request","error_description":"AADSTS900144: The request body must contain the following parameter: \'grant_type\'."}',
  ],
  [
    'azure-entra-graph',
    'aadsts-user-not-assigned',
    "AADSTS50105: Your administrator has configured the application Timesheets ('3f2c9b1e-7a4d-4c8e-b6f0-1d2e3a4b5c6d') to block users unless they are specifically granted ('assigned') access to the application.",
  ],
  [
    'azure-entra-graph',
    'aadsts-resource-not-in-permissions',
    "AADSTS650057: Invalid resource. The client has requested access to a resource which is not listed in the requested permissions in the client's application registration.",
  ],
  [
    'azure-entra-graph',
    'aadsts-multitenant-common',
    'AADSTS50059: No tenant-identifying information found in either the request or implied by any provided credentials.',
  ],
  [
    'azure-entra-graph',
    'aadsts-conditional-access',
    'AADSTS530003: Your device is required to be managed to access this resource.',
  ],
  [
    'azure-entra-graph',
    'graph-invalid-audience',
    '{"error":{"code":"InvalidAuthenticationToken","message":"Access token validation failure. Invalid audience."}}',
  ],
  [
    'azure-entra-graph',
    'graph-token-expired',
    '{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid."}}',
  ],
  [
    'azure-entra-graph',
    'graph-token-expired',
    "{'error': {'code': 'InvalidAuthenticationToken', 'message': 'CompactToken validation failed with reason code: 80049228.'}}",
  ],
  [
    'azure-entra-graph',
    'graph-token-empty',
    '{"error":{"code":"InvalidAuthenticationToken","message":"Access token is empty."}}',
  ],
  [
    'azure-entra-graph',
    'graph-token-unparseable',
    '{"error":{"code":"InvalidAuthenticationToken","message":"CompactToken parsing failed with error code: 80049217"}}',
  ],
  [
    'azure-entra-graph',
    'graph-insufficient-privileges',
    '{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges to complete the operation."}}',
  ],
  [
    'azure-entra-graph',
    'arm-wrong-tenant',
    '{"error":{"code":"InvalidAuthenticationTokenTenant","message":"The access token is from the wrong issuer \'https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/\'. It must match the tenant \'https://sts.windows.net/88d52eb9-4040-4847-b7f2-0d5eeef9cf39/\' associated with this subscription."}}',
  ],
  [
    'azure-entra-graph',
    'arm-token-expired',
    '{"error":{"code":"ExpiredAuthenticationToken","message":"The access token expiry UTC time \'3/19/2023 8:55:46 AM\' is earlier than current UTC time \'3/19/2023 8:55:57 AM\'."}}',
  ],
  [
    'azure-entra-graph',
    'arm-wrong-audience',
    '{"error":{"code":"InvalidAuthenticationTokenAudience","message":"The access token has been obtained for wrong audience or resource \'https://graph.windows.net/\'. It should exactly match with one of the allowed audiences \'https://management.core.windows.net/\',\'https://management.azure.com/\'."}}',
  ],
  [
    'azure-entra-graph',
    'arm-authorization-failed',
    '{"error":{"code":"AuthorizationFailed","message":"The client \'0000\' with object id \'0000\' does not have authorization to perform action \'Microsoft.Resources/subscriptions/resourcegroups/read\' over scope \'/subscriptions/0000\' or the scope is invalid."}}',
  ],
  // Azure OpenAI
  [
    'azure-openai',
    'invalid-key-or-endpoint',
    '{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}',
  ],
  [
    'azure-openai',
    'bearer-token-rejected',
    "openai.AuthenticationError: Error code: 401 - {'statusCode': 401, 'message': 'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.'}",
  ],
  [
    'azure-openai',
    'missing-data-action',
    '{"error":{"code":"PermissionDenied","message":"The principal `1111` lacks the required data action `Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action` to perform `POST /openai/deployments/{deployment-id}/chat/completions` operation."}}',
  ],
  // Slack
  ['slack', 'not-authed', '{"ok":false,"error":"not_authed"}'],
  ['slack', 'invalid-auth', '{"ok":false,"error":"invalid_auth"}'],
  ['slack', 'invalid-auth', 'Error: An API error occurred: invalid_auth'],
  ['slack', 'token-revoked', "The server responded with: {'ok': False, 'error': 'token_revoked'}"],
  ['slack', 'token-expired', "data: { ok: false, error: 'token_expired', response_metadata: {} }"],
  ['slack', 'account-inactive', '{"ok":false,"error":"account_inactive"}'],
  [
    'slack',
    'missing-scope',
    '{"ok":false,"error":"missing_scope","needed":"chat:write","provided":"commands"}',
  ],
  ['slack', 'not-allowed-token-type', '{"ok":false,"error":"not_allowed_token_type"}'],
  ['slack', 'no-permission', '{"ok":false,"error":"no_permission"}'],
  [
    'slack',
    'invalid-refresh-token',
    "The server responded with: {'ok': False, 'error': 'invalid_refresh_token'}",
  ],
  ['slack', 'method-deprecated', '{"ok":false,"error":"method_deprecated"}'],
  // Discord
  ['discord', 'unauthorized', '{"message": "401: Unauthorized", "code": 0}'],
  [
    'discord',
    'unauthorized',
    'discord.errors.HTTPException: 401 Unauthorized (error code: 0): 401: Unauthorized',
  ],
  ['discord', 'unauthorized', 'DiscordAPIError[0]: 401: Unauthorized'],
  ['discord', 'client-login-rejected', 'discord.errors.LoginFailure: Improper token has been passed.'],
  ['discord', 'client-login-rejected', 'Error [TokenInvalid]: An invalid token was provided.'],
  [
    'discord',
    'missing-access',
    "rawError: { message: 'Missing Access', code: 50001 }, code: 50001, status: 403",
  ],
  ['discord', 'missing-access', 'DiscordAPIError[50001]: Missing Access'],
  ['discord', 'missing-permissions', '{"message": "Missing Permissions", "code": 50013}'],
  [
    'discord',
    'missing-permissions',
    'discord.errors.Forbidden: 403 Forbidden (error code: 50013): Missing Permissions',
  ],
  // Twilio
  [
    'twilio',
    'authenticate-20003',
    '{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}',
  ],
  [
    'twilio',
    'authenticate-20003',
    "Error sending OTP: RestException [Error]: Authenticate\n  status: 401,\n  code: 20003,\n  moreInfo: 'https://www.twilio.com/docs/errors/20003'",
  ],
  [
    'twilio',
    'authenticate-20003',
    'PHP Fatal error:  Uncaught Twilio\\Exceptions\\RestException: [HTTP 401] Unable to fetch page: Authenticate in /var/www/vendor/twilio/sdk/Twilio/Page.php:54',
  ],
  [
    'twilio',
    'test-credentials-20008',
    '{"code":20008,"message":"Resource not accessible with Test Account Credentials","more_info":"https://www.twilio.com/docs/errors/20008","status":403}',
  ],
  [
    'twilio',
    'authorization-failed-70051',
    '{"code":70051,"message":"Authorization Failed","more_info":"https://www.twilio.com/docs/errors/70051","status":401}',
  ],
  // SendGrid
  ['sendgrid', 'authorization-required', '{"errors":[{"field":null,"message":"authorization required"}]}'],
  [
    'sendgrid',
    'grant-invalid',
    '{"errors":[{"message":"The provided authorization grant is invalid, expired, or revoked","field":null,"help":null}]}',
  ],
  [
    'sendgrid',
    'grant-invalid',
    '401 Unauthorized. The provided authorization grant is invalid, expired or revoked',
  ],
  ['sendgrid', 'access-forbidden', '{"errors":[{"field":null,"message":"access forbidden"}]}'],
  ['sendgrid', 'key-not-sg', 'API key does not start with "SG.".'],
  // Mailgun
  [
    'mailgun',
    'forbidden',
    "Failed to send email [Error: Unauthorized] {\n  status: 401,\n  details: 'Forbidden',\n  type: 'MailgunAPIError'\n}",
  ],
  [
    'mailgun',
    'php-credentials-incorrect',
    'Mailgun\\Exception\\HttpClientException: Your credentials are incorrect. in /app/vendor/mailgun/mailgun-php/src/Exception/HttpClientException.php:41',
  ],
  ['mailgun', 'domain-not-found', '{"message":"Domain not found: mg.example.com"}'],
];

/** Text that must not trigger any signature of these packs: too generic, or another API's wording. */
const NEAR_MISSES = [
  '401 Unauthorized',
  'Unauthorized',
  'invalid token',
  'Forbidden',
  'Access denied',
  'Bad Request',
  'token expired',
  'HTTP/1.1 401 Unauthorized',
  '{"message":"Unauthorized"}',
  '{"error":"unauthorized"}',
  '{"error":"Forbidden","message":"Access Denied"}',
  'Access Denied',
  'Permission denied',
  'Authentication failed',
  'Invalid API key',
  'Invalid API key provided',
  '{"message":"access forbidden"}',
  '{"message":"authorization required"}',
  '{"code":401,"message":"Invalid API key"}',
  '{"error":{"message":"Invalid API Key","type":"invalid_request_error","code":"invalid_api_key"}}',
  'Token has expired',
  'The access token expired',
  'jwt expired',
  'TokenExpiredError: jwt expired',
  'JsonWebTokenError: invalid signature',
  'Error: Request failed with status code 401',
  'urllib.error.HTTPError: HTTP Error 401: Unauthorized',
  'requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.example.com/v1/items',
  '{"detail":"Authentication credentials were not provided."}',
  '{"detail":"Invalid token."}',
  '{"timestamp":"2026-01-15T12:00:00.000+00:00","status":401,"error":"Unauthorized","message":"Bad credentials","path":"/api/login"}',
  '{"error":"invalid_token","error_description":"The access token expired"}',
  '{"error":"token_expired"}',
  '{"error":"invalid_auth"}',
  '{"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the access token."}',
  'WWW-Authenticate: Bearer realm="example", error="invalid_token", error_description="The access token expired"',
  'WWW-Authenticate: Basic realm="api"',
  '{"error":"invalid_client","error_description":"Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method."}',
  '{"error":"invalid_grant","error_description":"Bad Request"}',
  '{"error":"invalid_grant"}',
  '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}',
  'This endpoint requires authentication',
  'Requires authentication',
  'remote: HTTP Basic: Access granted',
  'The security token is invalid',
  'Signature verification failed',
  'signature does not match',
  '{"message":"Missing Authentication"}',
  '{"code":"PermissionDenied","message":"Permission denied"}',
  'Error: Forbidden',
  '{"message":"Not Found"}',
  '{"message":"Internal server error"}',
  'You are not authorized to access this resource',
  'Bearer error="invalid_token" error_description="The token has expired"',
  '{"errors":[{"errorType":"UnauthorizedException","message":"Valid authorization header not provided."}]}',
  '{"error":"Forbidden","status":403}',
  '{"message":"Forbidden"}',
  '{\n  "message": "Forbidden"\n}',
  'The incoming request has expired',
  'Invalid key',
];

const allSignatures = packs.flatMap((pack) => pack.errors.map((error) => ({ pack: pack.id, error })));

describe('packs-a', () => {
  it('holds exactly the owned packs and compiles them', () => {
    expect(packs.map((p) => p.id).sort()).toEqual([...OWNED].sort());
  });

  it('names only credential formats the intake table knows', () => {
    for (const pack of packs) {
      for (const method of pack.auth) {
        for (const id of method.formats) {
          const own = pack.credentialFormats.some((f) => f.id === id);
          expect(own || formatById(id) !== undefined, `${pack.id}: unknown format ${id}`).toBe(true);
        }
      }
    }
  });

  it('gives every pack an https auth reference, a name and at least one auth method', () => {
    for (const pack of packs) {
      expect(pack.docs[0]?.url.startsWith('https://'), pack.id).toBe(true);
      expect(pack.auth.length, pack.id).toBeGreaterThan(0);
    }
  });

  it.each(EXAMPLES)('%s %s matches its example', (packId, signatureId, text) => {
    const signature = byId.get(packId)?.errors.find((e) => e.id === signatureId);
    expect(signature, `${packId}/${signatureId} exists`).toBeDefined();
    expect(signature?.match.test(text)).toBe(true);
  });

  it('has an example for every error signature', () => {
    const covered = new Set(EXAMPLES.map(([p, s]) => `${p}/${s}`));
    const missing = allSignatures
      .map(({ pack, error }) => `${pack}/${error.id}`)
      .filter((k) => !covered.has(k));
    expect(missing).toEqual([]);
  });

  it('never attributes an example to another pack', () => {
    const strays: string[] = [];
    for (const [packId, signatureId, text] of EXAMPLES) {
      for (const { pack, error } of allSignatures) {
        if (pack !== packId && error.match.test(text))
          strays.push(`${packId}/${signatureId} also matches ${pack}/${error.id}`);
      }
    }
    expect(strays).toEqual([]);
  });

  it.each(NEAR_MISSES)('no signature matches %j', (text) => {
    const hits = allSignatures
      .filter(({ error }) => error.match.test(text))
      .map(({ pack, error }) => `${pack}/${error.id}`);
    expect(hits).toEqual([]);
  });

  it('runs every signature in linear time on hostile input', () => {
    const hostile = [
      'a'.repeat(65_536),
      '"'.repeat(65_536),
      `${'"message": '.repeat(6_000)}`,
      `${'AADSTS'.repeat(10_000)}`,
      `${'{"ok":false,'.repeat(5_000)}`,
      `${'Signature expired: 20150411T064107Z '.repeat(2_000)}`,
      `${'Signature expired SignatureDoesNotMatch InvalidSignatureException '.repeat(1_000)}`,
      `${'User: arn:aws:iam::1:user/x'.repeat(2_500)}`,
      `${'scope="" error="invalid_token" '.repeat(2_000)}`,
      `${'AADSTS50013 '.repeat(5_000)}`,
    ];
    const started = performance.now();
    for (const text of hostile) for (const { error } of allSignatures) error.match.test(text);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('resolves every host to its own pack, with the environment it declares', () => {
    expect(misresolvedHosts(packs, knowledge)).toEqual([]);
  });

  it('lets no host be claimed by two packs', () => {
    expect(hostClashes(packs)).toEqual([]);
  });

  it('separates sandbox from production hosts', () => {
    expect(knowledge.matchHost('api-m.sandbox.paypal.com')?.host.environment).toBe('sandbox');
    expect(knowledge.matchHost('api-m.paypal.com')?.host.environment).toBe('production');
    expect(knowledge.matchHost('connect.squareupsandbox.com')?.host.environment).toBe('sandbox');
    expect(knowledge.matchHost('api.eu.mailgun.net')?.host.region).toBe('eu');
  });

  it('sends Maps hosts to Maps and other googleapis.com hosts to Google Cloud or Firebase', () => {
    expect(knowledge.matchHost('maps.googleapis.com')?.pack.id).toBe('google-maps');
    expect(knowledge.matchHost('places.googleapis.com')?.pack.id).toBe('google-maps');
    expect(knowledge.matchHost('generativelanguage.googleapis.com')?.pack.id).toBe('google-cloud');
    expect(knowledge.matchHost('fcm.googleapis.com')?.pack.id).toBe('firebase');
    expect(knowledge.matchHost('bedrock-runtime.us-east-1.amazonaws.com')?.pack.id).toBe('aws');
    expect(knowledge.matchHost('myres.openai.azure.com')?.pack.id).toBe('azure-openai');
  });

  it('sends API Gateway invoke hosts of every region to API Gateway and other AWS hosts to AWS', () => {
    const regions = [
      'us-east-1',
      'us-east-2',
      'us-west-1',
      'us-west-2',
      'af-south-1',
      'ap-east-1',
      'ap-east-2',
      'ap-south-1',
      'ap-south-2',
      'ap-southeast-1',
      'ap-southeast-2',
      'ap-southeast-3',
      'ap-southeast-4',
      'ap-southeast-5',
      'ap-southeast-6',
      'ap-southeast-7',
      'ap-northeast-1',
      'ap-northeast-2',
      'ap-northeast-3',
      'ca-central-1',
      'ca-west-1',
      'eu-central-1',
      'eu-central-2',
      'eu-west-1',
      'eu-west-2',
      'eu-west-3',
      'eu-south-1',
      'eu-south-2',
      'eu-north-1',
      'il-central-1',
      'me-south-1',
      'me-central-1',
      'mx-central-1',
      'sa-east-1',
    ];
    for (const region of regions) {
      const match = knowledge.matchHost(`q8w2e4r6t1.execute-api.${region}.amazonaws.com`);
      expect(match?.pack.id, region).toBe('aws-api-gateway');
      expect(match?.host.region, region).toBe(region);
    }
    expect(knowledge.matchHost('abc123-vpce-0a1b2c3d.execute-api.eu-west-1.amazonaws.com')?.pack.id).toBe(
      'aws-api-gateway',
    );
    expect(knowledge.matchHost('abc123.execute-api.cn-north-1.amazonaws.com.cn')?.pack.id).toBe(
      'aws-api-gateway',
    );
    for (const host of ['sts.amazonaws.com', 's3.eu-west-1.amazonaws.com', 'lambda.us-east-1.amazonaws.com'])
      expect(knowledge.matchHost(host)?.pack.id, host).toBe('aws');
  });

  it('leaves the AWS key formats to the AWS pack', () => {
    const owner = (id: string) => PACKS_A.find((p) => p.auth.some((a) => a.formats?.includes(id)))?.id;
    expect(owner('aws.access_key_id')).toBe('aws');
    expect(owner('aws.temporary_access_key_id')).toBe('aws');
    expect(byId.get('aws-api-gateway')?.auth.flatMap((a) => a.formats)).toEqual([]);
  });

  it('describes every API Gateway credential place, the bare Cognito token included', () => {
    const gateway = byId.get('aws-api-gateway');
    const methods = gateway?.auth ?? [];
    expect(methods.some((m) => m.in === 'header' && m.name?.toLowerCase() === 'x-api-key')).toBe(true);
    const bare = methods.find((m) => m.name === 'Authorization' && m.scheme === undefined);
    expect(bare?.status).toBe('accepted');
    expect(bare?.credential).toMatch(/Cognito/);
    expect(methods.map((m) => m.scheme)).toEqual(expect.arrayContaining(['Bearer', 'AWS4-HMAC-SHA256']));
    expect(gateway?.headerNames).toEqual(expect.arrayContaining(['x-amz-apigw-id', 'apigw-requestid']));
  });

  it('reads "Missing Authentication Token" as a wrong URL, an error only with a 403', () => {
    const sig = byId.get('aws-api-gateway')?.errors.find((e) => e.id === 'missing-authentication-token');
    expect(sig?.cause).toBe('wrong_url_or_endpoint');
    expect(sig?.severity).toBe('error');
    expect(sig?.status).toEqual([403]);
    expect(sig?.fix.join(' ')).toMatch(/stage/);
  });

  it('keeps SigV4 clock skew apart from a signature mismatch', () => {
    const aws = byId.get('aws');
    const mismatch = aws?.errors.find((e) => e.id === 'signature-does-not-match');
    const skew = aws?.errors.find((e) => e.id === 'clock-skew');
    const skewTexts = [
      'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature expired: 20220127T003512Z is now earlier than 20220127T014431Z (20220127T015931Z - 15 min.)',
      '{"__type":"InvalidSignatureException","message":"Signature expired: 20240301T101010Z is now earlier than 20240301T101600Z (20240301T102100Z - 5 min.)"}',
      '{"message":"Signature expired: 20150411T064107Z is now earlier than 20150411T064135Z (20150411T064635Z - 5 min.)","code":"InvalidSignatureException"}',
      '<Code>SignatureDoesNotMatch</Code>\n  <Message>Signature not yet current: 20240101T121500Z is still later than 20240101T115900Z (20240101T114400Z + 15 min.)</Message>',
      'An error occurred (RequestTimeTooSkewed) when calling the PutObject operation: The difference between the request time and the current time is too large.',
    ];
    for (const text of skewTexts) {
      expect(skew?.match.test(text), text).toBe(true);
      expect(mismatch?.match.test(text), text).toBe(false);
    }
    const mismatchTexts = [
      'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
      '{"__type":"InvalidSignatureException","message":"The request signature we calculated does not match the signature you provided."}',
    ];
    for (const text of mismatchTexts) {
      expect(mismatch?.match.test(text), text).toBe(true);
      expect(skew?.match.test(text), text).toBe(false);
    }
    expect(skew?.cause).toBe('not_yet_valid_or_clock_skew');
    expect(skew?.severity).toBe('error');
  });

  it('stands behind the AADSTS codes that name their cause', () => {
    const entra = byId.get('azure-entra-graph');
    const of = (id: string) => entra?.errors.find((e) => e.id === id);
    const precise: [string, string][] = [
      ['aadsts-assertion-time-range', 'not_yet_valid_or_clock_skew'],
      ['aadsts-invalid-client-secret', 'invalid_credentials'],
      ['aadsts-client-secret-expired', 'expired_token'],
      ['aadsts-app-not-found', 'wrong_environment'],
      ['aadsts-grant-revoked', 'invalid_credentials'],
      ['aadsts-refresh-token-expired', 'expired_token'],
      ['aadsts-resource-not-found', 'wrong_audience_or_issuer'],
      ['aadsts-assertion-audience', 'wrong_audience_or_issuer'],
      ['aadsts-tenant-not-found', 'wrong_environment'],
      ['aadsts-federated-credential-mismatch', 'wrong_audience_or_issuer'],
    ];
    for (const [id, cause] of precise) {
      expect(of(id)?.cause, id).toBe(cause);
      expect(of(id)?.severity, id).toBe('error');
      expect(of(id)?.confidence, id).toBeGreaterThanOrEqual(0.85);
    }
    // Codes whose message fits several causes stay below error.
    for (const id of ['aadsts-user-not-in-tenant', 'aadsts-obo-assertion-time-range'])
      expect(of(id)?.severity, id).toBe('warning');
  });

  it('says Slack reads body tokens only from form-encoded bodies', () => {
    const body = byId.get('slack')?.auth.find((m) => m.in === 'body');
    expect(body?.note).toMatch(/x-www-form-urlencoded/);
    expect(body?.note).toMatch(/multipart/);
    expect(body?.note).toMatch(/JSON/);
  });

  it('recognises the issuers of Entra and Firebase tokens', () => {
    const issuerOf = (iss: string) =>
      packs.filter((p) => p.issuers.some((i) => i.match.test(iss))).map((p) => p.id);
    expect(issuerOf('https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0')).toEqual([
      'azure-entra-graph',
    ]);
    expect(issuerOf('https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/')).toEqual([
      'azure-entra-graph',
    ]);
    expect(issuerOf('https://securetoken.google.com/my-project')).toEqual(['firebase']);
    expect(issuerOf('https://accounts.google.com')).toEqual([]);
  });

  it('flags the shut-down FCM legacy endpoint', () => {
    const notice = byId.get('firebase')?.endpoints.find((e) => e.path.test('/fcm/send'));
    expect(notice?.status).toBe('removed');
    expect(notice?.cause).toBe('wrong_url_or_endpoint');
    expect(notice?.path.test('/v1/projects/demo/messages:send')).toBe(false);
  });

  it('matches scope requirements against real request paths', () => {
    const slackScopes = byId.get('slack')?.scopes ?? [];
    expect(slackScopes.find((s) => s.path.test('/api/chat.postMessage'))?.scopes).toContain('chat:write');
    const graph = byId.get('azure-entra-graph')?.scopes ?? [];
    expect(graph.find((s) => s.path.test('/v1.0/me'))?.scopes).toContain('User.Read');
    const github = byId.get('github')?.scopes ?? [];
    expect(github.find((s) => s.path.test('/user/emails'))?.scopes).toContain('user:email');
  });

  it('puts Slack errors on HTTP 200 and classifies the token families', () => {
    const slack = byId.get('slack');
    expect(slack?.errors.every((e) => e.status?.includes(200))).toBe(true);
    expect(slack?.errors.find((e) => e.id === 'not-allowed-token-type')?.cause).toBe('wrong_token_type');
    expect(slack?.errors.find((e) => e.id === 'token-expired')?.cause).toBe('expired_token');
  });
});
