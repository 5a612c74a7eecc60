/**
 * The second half of the built-in provider packs: each compiles through the same validation user packs get,
 * each error signature recognises the real wording it was written for (the table below holds messages as
 * providers and their clients print them) and none of them fires on the generic text every API writes.
 */
import { describe, expect, it } from 'vitest';
import { formatById } from '../../src/intake/credentials/formats.js';
import { compilePacks, ProviderKnowledge } from '../../src/providers/knowledge.js';
import { PACKS_B } from '../../src/providers/packs/index-b.js';
import type { ProviderPack } from '../../src/providers/schema.js';
import { hostClashes, misresolvedHosts } from '../support/pack-checks.js';

const packs = compilePacks(PACKS_B.map((pack) => ({ origin: `builtin:${pack.id}`, pack })));
const knowledge = new ProviderKnowledge(packs);
const byId = new Map(packs.map((p) => [p.id, p]));

const OWNED = [
  'shopify',
  'atlassian',
  'okta',
  'auth0',
  'keycloak',
  'salesforce',
  'hubspot',
  'mailchimp',
  'zendesk',
  'spotify',
  'x-twitter',
  'notion',
  'airtable',
  'cloudflare',
  'digitalocean',
  'docker-hub',
  'npm',
  'kubernetes',
  'elasticsearch',
  'grafana',
];

/** [pack, signature id, a message as the provider or its client really prints it]. */
const EXAMPLES: [string, string, string][] = [
  // Shopify
  [
    'shopify',
    'invalid-api-key-or-token',
    '{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}',
  ],
  ['shopify', 'invalid-api-key-or-token', 'Basic Realm="Shopify API Authentication"'],
  [
    'shopify',
    'merchant-approval-required',
    '{"errors":"[API] This action requires merchant approval for read_orders scope."}',
  ],
  [
    'shopify',
    'graphql-access-denied',
    '{"errors":[{"message":"Access denied for orders field. Required access: `read_orders` access scope.","extensions":{"code":"ACCESS_DENIED"}}]}',
  ],
  ['shopify', 'shop-unavailable', '{"errors":"Unavailable Shop"}'],
  [
    'shopify',
    'shop-unavailable',
    'ShopifyAPI::Errors::HttpResponseError: Unavailable Shop (402 Payment Required)',
  ],
  ['shopify', 'shop-locked', '{"errors":"This store is unavailable"}'],
  // Atlassian
  [
    'atlassian',
    'basic-auth-passwords-deprecated',
    'Basic authentication with passwords is deprecated. For more information, see: https://developer.atlassian.com/cloud/confluence/deprecation-notice-basic-auth/',
  ],
  [
    'atlassian',
    'client-must-be-authenticated',
    '{"message":"Client must be authenticated to access this resource.","status-code":401}',
  ],
  ['atlassian', 'seraph-authenticated-failed', 'X-Seraph-LoginReason: AUTHENTICATED_FAILED'],
  ['atlassian', 'seraph-authentication-denied', "'x-seraph-loginreason': 'AUTHENTICATION_DENIED'"],
  ['atlassian', 'scope-does-not-match', '{"code":401,"message":"Unauthorized; scope does not match"}'],
  [
    'atlassian',
    'issue-not-visible',
    '{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}',
  ],
  // Okta
  [
    'okta',
    'invalid-token-provided',
    '{"errorCode":"E0000011","errorSummary":"Invalid token provided","errorLink":"E0000011","errorId":"oaeXyZ","errorCauses":[]}',
  ],
  ['okta', 'authentication-failed', '{"errorCode":"E0000004","errorSummary":"Authentication failed"}'],
  ['okta', 'invalid-session', 'the API returned an error: Invalid session (E0000005)'],
  [
    'okta',
    'access-denied',
    '{"errorCode":"E0000006","errorSummary":"You do not have permission to perform the requested action","errorCauses":[]}',
  ],
  [
    'okta',
    'feature-not-available',
    '{"errorCode":"E0000015","errorSummary":"You do not have permission to access the feature you are requesting"}',
  ],
  [
    'okta',
    'insufficient-scope',
    'Bearer authorization_uri="https://acme.okta.com/oauth2/v1/authorize", realm="https://acme.okta.com", scope="okta.groups.read", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="/api/v1/groups"',
  ],
  // Auth0
  [
    'auth0',
    'invalid-token',
    '{"statusCode":401,"error":"Unauthorized","message":"Invalid token","attributes":{"error":"Invalid token"}}',
  ],
  ['auth0', 'invalid-token', 'Token error="Invalid token"'],
  [
    'auth0',
    'bad-audience',
    '{"statusCode":401,"error":"Unauthorized","message":"Bad audience: https://api.example.com"}',
  ],
  ['auth0', 'expired-token', '401: Expired token received for JSON Web Token validation'],
  [
    'auth0',
    'bad-authentication-header-format',
    '{"statusCode":400,"error":"Bad Request","message":"Bad HTTP authentication header format"}',
  ],
  [
    'auth0',
    'insufficient-scope',
    '{"statusCode":403,"error":"Forbidden","message":"Insufficient scope, expected any of: read:users","errorCode":"insufficient_scope"}',
  ],
  ['auth0', 'access-denied-unauthorized', '{"error":"access_denied","error_description":"Unauthorized"}'],
  [
    'auth0',
    'client-not-authorized-for-api',
    '{"error":"access_denied","error_description":"Client \\"Xq2x\\" is not authorized to access resource server \\"https://api.example.com/\\"."}',
  ],
  [
    'auth0',
    'service-not-enabled',
    '{"error":"access_denied","error_description":"Service not enabled within domain: https://sample.api.com"}',
  ],
  [
    'auth0',
    'grant-type-not-allowed',
    '{"error":"unauthorized_client","error_description":"Grant type \'client_credentials\' not allowed for the client.","error_uri":"https://auth0.com/docs/clients/client-grant-types"}',
  ],
  [
    'auth0',
    'wrong-email-or-password',
    '{"error":"invalid_grant","error_description":"Wrong email or password."}',
  ],
  [
    'auth0',
    'user-blocked',
    '{"error":"too_many_attempts","error_description":"Your account has been blocked after multiple consecutive login attempts."}',
  ],
  ['auth0', 'user-blocked', '{"error":"unauthorized","error_description":"user is blocked"}'],
  // Keycloak
  ['keycloak', 'token-not-active', '{"error":"invalid_grant","error_description":"Token is not active"}'],
  ['keycloak', 'session-not-active', '{"error":"invalid_grant","error_description":"Session not active"}'],
  [
    'keycloak',
    'invalid-token-issuer',
    "org.keycloak.common.VerificationException: Invalid token issuer. Expected 'https://sso.example.com/realms/acme', but was 'http://keycloak:8080/realms/acme'",
  ],
  [
    'keycloak',
    'token-type-incorrect',
    "VerificationException: Token type is incorrect. Expected 'Bearer' but was 'ID'",
  ],
  ['keycloak', 'audience-missing', 'VerificationException: Expected audience not available in the token'],
  [
    'keycloak',
    'token-verification-failed',
    'Bearer realm="myrealm", error="invalid_token", error_description="Token verification failed"',
  ],
  [
    'keycloak',
    'invalid-client-credentials',
    '{"error":"unauthorized_client","error_description":"Invalid client or Invalid client credentials"}',
  ],
  [
    'keycloak',
    'invalid-client-secret',
    '{"error":"unauthorized_client","error_description":"Invalid client secret"}',
  ],
  [
    'keycloak',
    'client-assertion-missing',
    '{"error":"invalid_client","error_description":"Parameter client_assertion_type is missing"}',
  ],
  [
    'keycloak',
    'invalid-user-credentials',
    '{"error":"invalid_grant","error_description":"Invalid user credentials"}',
  ],
  [
    'keycloak',
    'unknown-client',
    '{"error":"unauthorized_client","error_description":"UNKNOWN_CLIENT: Client was not identified by any client authenticator"}',
  ],
  [
    'keycloak',
    'account-not-fully-set-up',
    '{"error":"invalid_grant","error_description":"Account is not fully set up"}',
  ],
  ['keycloak', 'account-disabled', '{"error":"invalid_grant","error_description":"Account disabled"}'],
  [
    'keycloak',
    'service-account-not-enabled',
    '{"error":"unauthorized_client","error_description":"Client not enabled to retrieve service account"}',
  ],
  ['keycloak', 'realm-does-not-exist', '{"error":"Realm does not exist"}'],
  ['keycloak', 'https-required', '{"error":"invalid_request","error_description":"HTTPS required"}'],
  // Salesforce
  [
    'salesforce',
    'session-expired-or-invalid',
    '[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]',
  ],
  [
    'salesforce',
    'session-not-valid-for-rest',
    '[{"message":"This session is not valid for use with the REST API","errorCode":"INVALID_SESSION_ID"}]',
  ],
  [
    'salesforce',
    'bulk-invalid-session',
    '{"exceptionCode":"InvalidSessionId","exceptionMessage":"Invalid session id"}',
  ],
  [
    'salesforce',
    'invalid-auth-header',
    'Restforce::UnauthorizedError: INVALID_AUTH_HEADER: INVALID_HEADER_TYPE',
  ],
  [
    'salesforce',
    'invalid-auth-header',
    '[{"message":"INVALID_HEADER_TYPE","errorCode":"INVALID_AUTH_HEADER"}]',
  ],
  [
    'salesforce',
    'expired-refresh-token',
    '{"error":"invalid_grant","error_description":"expired access/refresh token"}',
  ],
  [
    'salesforce',
    'authentication-failure',
    '{"error":"invalid_grant","error_description":"authentication failure"}',
  ],
  ['salesforce', 'inactive-user', '{"error":"invalid_grant","error_description":"inactive user"}'],
  [
    'salesforce',
    'invalid-client-id',
    '{"error":"invalid_client_id","error_description":"client identifier invalid"}',
  ],
  [
    'salesforce',
    'invalid-client-credentials',
    '{"error":"invalid_client","error_description":"invalid client credentials"}',
  ],
  [
    'salesforce',
    'api-disabled-for-org',
    '[{"message":"API is not enabled for this Organization or Partner","errorCode":"API_DISABLED_FOR_ORG"}]',
  ],
  [
    'salesforce',
    'consumer-not-approved',
    '{"error":"invalid_grant","error_description":"user hasn\'t approved this consumer"}',
  ],
  [
    'salesforce',
    'jwt-audience-invalid',
    '{"error":"invalid_grant","error_description":"audience is invalid"}',
  ],
  [
    'salesforce',
    'expired-password',
    'INVALID_OPERATION_WITH_EXPIRED_PASSWORD: The users password has expired, you must call SetPassword before attempting any other API operations',
  ],
  // HubSpot
  [
    'hubspot',
    'credentials-not-found',
    '{"status":"error","message":"Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview","correlationId":"2f82b7bc","category":"INVALID_AUTHENTICATION"}',
  ],
  [
    'hubspot',
    'hapikey-does-not-exist',
    '{"status":"error","message":"This hapikey doesn\'t exist.","correlationId":"a1b2"}',
  ],
  [
    'hubspot',
    'legacy-api-key-invalid',
    'The API key provided is invalid. View or manage your API key here: https://app.hubspot.com/l/api-key/',
  ],
  [
    'hubspot',
    'oauth-token-expired',
    '{"status":"error","message":"The OAuth token used to make this call expired 2 day(s) ago.","category":"EXPIRED_AUTHENTICATION"}',
  ],
  [
    'hubspot',
    'not-an-oauth-token',
    '{"status":"error","message":"The OAuth token used to make this call expired 20354 day(s) ago.","category":"EXPIRED_AUTHENTICATION","context":{"expire time":["1970-01-01T00:00:00Z"]}}',
  ],
  [
    'hubspot',
    'missing-scopes',
    '{"status":"error","message":"This app hasn\'t been granted all required scopes to make this call.","category":"MISSING_SCOPES"}',
  ],
  // Mailchimp
  [
    'mailchimp',
    'api-key-missing',
    '{"type":"https://mailchimp.com/developer/marketing/docs/errors/","title":"API Key Missing","status":401,"detail":"Your request did not include an API key.","instance":"e149eedd-4795-8309-cb71-e8f11789caf2"}',
  ],
  [
    'mailchimp',
    'api-key-invalid-or-wrong-datacenter',
    '{"type":"https://mailchimp.com/developer/marketing/docs/errors/","title":"API Key Invalid","status":401,"detail":"Your API key may be invalid, or you\'ve attempted to access the wrong datacenter.","instance":"6e46ee1a-cc2d-4958-a629-3df5428d6437"}',
  ],
  [
    'mailchimp',
    'api-key-invalid-or-wrong-datacenter',
    "APIKeyInvalid: Your API key may be invalid, or you've attempted to access the wrong data center.",
  ],
  [
    'mailchimp',
    'wrong-datacenter',
    '{"type":"http://developer.mailchimp.com/documentation/mailchimp/guides/error-glossary/","title":"Wrong Datacenter","status":403,"detail":"The API key provided is linked to a different datacenter"}',
  ],
  [
    'mailchimp',
    'wrong-datacenter',
    '{"type":"https://mailchimp.com/developer/marketing/docs/errors/","title":"Forbidden","status":403,"detail":"The API key provided is linked to datacenter \'us6\'"}',
  ],
  [
    'mailchimp',
    'legacy-invalid-api-key',
    '{"status":"error","code":104,"name":"Invalid_ApiKey","error":"Invalid Mailchimp API key: 0123456789abcdef0123456789abcdef-us2"}',
  ],
  [
    'mailchimp',
    'account-disabled',
    '{"title":"User Disabled","status":403,"detail":"This account has been disabled."}',
  ],
  [
    'mailchimp',
    'account-disabled',
    '403: API Access has been disabled for this account. Please contact customer support.',
  ],
  // Zendesk
  ['zendesk', 'could-not-authenticate', '{"error":"Couldn\'t authenticate you"}'],
  [
    'zendesk',
    'forbidden-no-access',
    '{"error":"Forbidden","description":"You do not have access to this page. Please contact the account owner of this help desk for further help."}',
  ],
  // Spotify
  ['spotify', 'access-token-expired', '{"error":{"status":401,"message":"The access token expired"}}'],
  [
    'spotify',
    'access-token-expired',
    'spotipy.exceptions.SpotifyException: http status: 401, code:-1 - https://api.spotify.com/v1/me/player:\n The access token expired, reason: None',
  ],
  ['spotify', 'invalid-access-token', '{"error":{"status":401,"message":"Invalid access token"}}'],
  ['spotify', 'no-token-provided', '{"error":{"status":401,"message":"No token provided"}}'],
  [
    'spotify',
    'only-bearer-supported',
    '{"error":{"status":400,"message":"Only valid bearer authentication supported"}}',
  ],
  [
    'spotify',
    'user-authentication-required',
    '{"error":{"status":401,"message":"This request requires user authentication."}}',
  ],
  ['spotify', 'insufficient-client-scope', '{"error":{"status":403,"message":"Insufficient client scope"}}'],
  ['spotify', 'invalid-client', '{"error":"invalid_client","error_description":"Invalid client secret"}'],
  ['spotify', 'invalid-client', '{"error":"invalid_client","error_description":"Invalid client"}'],
  [
    'spotify',
    'refresh-token-revoked',
    '{"error": "invalid_grant", "error_description": "Refresh token revoked"}',
  ],
  // X (Twitter)
  [
    'x-twitter',
    'unsupported-authentication',
    '{"title":"Unsupported Authentication","detail":"Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].","type":"https://api.twitter.com/2/problems/unsupported-authentication","status":403}',
  ],
  [
    'x-twitter',
    'unsupported-authentication',
    'Authenticating with OAuth 1.0a User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 Application-Only].',
  ],
  [
    'x-twitter',
    'client-not-enrolled',
    '{"client_id":"123","detail":"When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.","registration_url":"https://developer.twitter.com/en/docs/projects/overview","title":"Client Forbidden","required_enrollment":"Appropriate Level of API Access","reason":"client-not-enrolled","type":"https://api.twitter.com/2/problems/client-forbidden"}',
  ],
  [
    'x-twitter',
    'access-level-453',
    '{"errors":[{"message":"You currently have access to a subset of Twitter API v2 endpoints and limited v1.1 endpoints (e.g. media post, oauth) only. If you need access to this endpoint, you may need a different access level. You can learn more here: https://developer.twitter.com/en/portal/product","code":453}]}',
  ],
  [
    'x-twitter',
    'invalid-or-expired-token-89',
    '{"errors":[{"code":89,"message":"Invalid or expired token."}]}',
  ],
  [
    'x-twitter',
    'could-not-authenticate-32',
    '{"errors":[{"code":32,"message":"Could not authenticate you."}]}',
  ],
  [
    'x-twitter',
    'invalid-or-expired-token-89',
    'tweepy.errors.Unauthorized: 401 Unauthorized\n89 - Invalid or expired token.',
  ],
  ['x-twitter', 'could-not-authenticate-32', "[{'message': 'Could not authenticate you.', 'code': 32}]"],
  [
    'x-twitter',
    'bad-authentication-data-215',
    '{"errors":[{"code":215,"message":"Bad Authentication data."}]}',
  ],
  [
    'x-twitter',
    'unable-to-verify-credentials-99',
    '{"errors":[{"code":99,"message":"Unable to verify your credentials","label":"authenticity_token_error"}]}',
  ],
  [
    'x-twitter',
    'v2-unauthorized',
    '{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}',
  ],
  [
    'x-twitter',
    'v2-unauthorized',
    "data: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }",
  ],
  // Notion
  [
    'notion',
    'api-token-invalid',
    '{"object":"error","status":401,"code":"unauthorized","message":"API token is invalid."}',
  ],
  [
    'notion',
    'missing-version',
    '{"object":"error","status":400,"code":"missing_version","message":"Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`."}',
  ],
  [
    'notion',
    'restricted-resource',
    '{"object":"error","status":403,"code":"restricted_resource","message":"Insufficient permissions for this endpoint."}',
  ],
  [
    'notion',
    'object-not-shared',
    '{"object":"error","status":404,"code":"object_not_found","message":"Could not find database with ID: 1f2e. Make sure the relevant pages and databases are shared with your integration."}',
  ],
  // Airtable
  [
    'airtable',
    'authentication-required',
    '{"error":{"type":"AUTHENTICATION_REQUIRED","message":"Authentication required"}}',
  ],
  [
    'airtable',
    'authentication-required',
    "AirtableError { error: 'AUTHENTICATION_REQUIRED', message: 'Authentication required', statusCode: 401 }",
  ],
  [
    'airtable',
    'invalid-permissions-or-model-not-found',
    '{"error":{"type":"INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND","message":"Invalid permissions, or the requested model was not found."}}',
  ],
  [
    'airtable',
    'not-authorized',
    "AirtableError { error: 'NOT_AUTHORIZED', message: 'You are not authorized to perform this operation', statusCode: 403 }",
  ],
  // Cloudflare
  [
    'cloudflare',
    'authentication-error-10000',
    '{"success":false,"errors":[{"code":10000,"message":"Authentication error"}]}',
  ],
  [
    'cloudflare',
    'invalid-x-auth-key-format',
    '{"success":false,"errors":[{"code":6003,"message":"Invalid request headers","error_chain":[{"code":6103,"message":"Invalid format for X-Auth-Key header"}]}],"messages":[],"result":null}',
  ],
  [
    'cloudflare',
    'invalid-x-auth-email-format',
    '{"code":6003,"message":"Invalid request headers","error_chain":[{"code":6102,"message":"Invalid format for X-Auth-Email header"}]}',
  ],
  [
    'cloudflare',
    'invalid-authorization-header-format',
    '{"success":false,"errors":[{"code":6003,"message":"Invalid request headers","error_chain":[{"code":6111,"message":"Invalid format for Authorization header"}]}]}',
  ],
  [
    'cloudflare',
    'missing-auth-headers-9106',
    '{"success":false,"errors":[{"code":9106,"message":"Missing X-Auth-Key, X-Auth-Email or Authorization headers"}]}',
  ],
  [
    'cloudflare',
    'invalid-access-token-9109',
    '{"success":false,"errors":[{"code":9109,"message":"Invalid access token"}],"messages":[],"result":null}',
  ],
  [
    'cloudflare',
    'token-ip-restricted-9109',
    '{"success":false,"errors":[{"code":9109,"message":"Cannot use the access token from location: 183.154.104.196"}]}',
  ],
  [
    'cloudflare',
    'unknown-global-key-9103',
    '{"success":false,"errors":[{"code":9103,"message":"Unknown X-Auth-Key or X-Auth-Email"}]}',
  ],
  [
    'cloudflare',
    'missing-permission',
    "Actor 'com.cloudflare.api.token.abc123' requires permission 'com.cloudflare.api.account.zone.read' to list zones",
  ],
  // DigitalOcean
  ['digitalocean', 'unable-to-authenticate', '{"id":"unauthorized","message":"Unable to authenticate you"}'],
  [
    'digitalocean',
    'forbidden-scope',
    '{"id":"forbidden","message":"You are not authorized to perform this operation."}',
  ],
  ['digitalocean', 'forbidden-scope', 'Error: you do not have access for the attempted action'],
  [
    'digitalocean',
    'unable-to-authenticate',
    'Error: GET https://api.digitalocean.com/v2/account: 401 (request "4a2b") Unable to authenticate you',
  ],
  // Docker Hub
  [
    'docker-hub',
    'registry-authentication-required',
    '{"errors":[{"code":"UNAUTHORIZED","message":"authentication required","detail":[{"Type":"repository","Class":"","Name":"library/nginx","Action":"pull"}]}]}',
  ],
  [
    'docker-hub',
    'token-challenge',
    'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"',
  ],
  [
    'docker-hub',
    'insufficient-scope-challenge',
    'ERROR: failed to push acme/app:1.0: server message: insufficient_scope: authorization failed',
  ],
  [
    'docker-hub',
    'insufficient-scope-challenge',
    'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:acme/app:pull,push",error="insufficient_scope"',
  ],
  [
    'docker-hub',
    'access-token-insufficient-scopes',
    'failed to fetch oauth token: unexpected status from GET request to https://auth.docker.io/token?scope=repository%3Aacme%2Fapp%3Apull%2Cpush&service=registry.docker.io: 401 Unauthorized: access token has insufficient scopes',
  ],
  [
    'docker-hub',
    'incorrect-username-or-password',
    'Error response from daemon: Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password',
  ],
  ['docker-hub', 'requested-access-denied', 'denied: requested access to the resource is denied'],
  [
    'docker-hub',
    'requested-access-denied',
    'The push refers to repository [docker.io/library/webapp]\n5f70bf18a086: Preparing\ndenied: requested access to the resource is denied',
  ],
  [
    'docker-hub',
    'registry-authentication-required',
    'Error response from daemon: Head "https://myregistry.azurecr.io/v2/app/manifests/1.0": unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.',
  ],
  [
    'docker-hub',
    'registry-login-unauthorized',
    'Error response from daemon: Get "https://ghcr.io/v2/": unauthorized: unauthenticated: User cannot be authenticated with the token provided.',
  ],
  [
    'docker-hub',
    'registry-login-unauthorized',
    'Error response from daemon: Get https://registry.example.com/v2/: unauthorized',
  ],
  [
    'docker-hub',
    'no-basic-auth-credentials',
    'Error response from daemon: Head "https://registry.gitlab.example.io/v2/platform/edge-agent/manifests/2.3.1": no basic auth credentials',
  ],
  [
    'docker-hub',
    'no-basic-auth-credentials',
    'The push refers to repository [417284630911.dkr.ecr.eu-north-1.amazonaws.com/ledger-api]\n5f70bf18a086: Preparing\nno basic auth credentials',
  ],
  [
    'docker-hub',
    'credential-helper-failed',
    'Error saving credentials: error storing credentials - err: exit status 1, out: `error storing credentials - err: exit status 1, out: `The user name or passphrase you entered is not correct.``',
  ],
  [
    'docker-hub',
    'credential-helper-failed',
    'error getting credentials - err: exec: "docker-credential-desktop": executable file not found in $PATH, out: ``',
  ],
  [
    'docker-hub',
    'credential-helper-failed',
    'Error saving credentials: error storing credentials - err: exit status 1, out: `pass not initialized: exit status 1: Error: password store is empty. Try "pass init".`',
  ],
  [
    'docker-hub',
    'credential-helper-failed',
    'docker: error getting credentials - err: docker-credential-desktop resolves to executable in current directory (./docker-credential-desktop.exe), out: ``.',
  ],
  [
    'docker-hub',
    'ecr-token-expired',
    'denied: Your authorization token has expired. Reauthenticate and try again.',
  ],
  [
    'docker-hub',
    'pull-access-denied',
    "Error response from daemon: pull access denied for acme/private-app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
  ],
  // npm
  [
    'npm',
    'token-seems-invalid',
    'npm error code E401\nnpm error Unable to authenticate, your authentication token seems to be invalid.\nnpm error To correct this please try logging in again with:\nnpm error   npm login',
  ],
  [
    'npm',
    'unable-to-authenticate-need',
    'npm ERR! code E401\nnpm ERR! Unable to authenticate, need: Basic realm="Artifactory Realm"',
  ],
  [
    'npm',
    'unable-to-authenticate-need',
    'npm ERR! Unable to authenticate, need: BASIC realm="Sonatype Nexus Repository Manager"',
  ],
  [
    'npm',
    'need-auth',
    'npm error code ENEEDAUTH\nnpm error need auth This command requires you to be logged in to https://registry.npmjs.org/',
  ],
  [
    'npm',
    'otp-required',
    'npm ERR! code EOTP\nnpm ERR! This operation requires a one-time password from your authenticator.',
  ],
  [
    'npm',
    'tfa-required-to-publish',
    'npm ERR! 403 403 Forbidden - PUT https://registry.npmjs.org/acme-pkg - Two-factor authentication or granular access token with bypass 2fa enabled is required to publish packages.',
  ],
  [
    'npm',
    'tfa-required-to-publish',
    'This package requires that publishers enable TFA and provide an OTP to publish.',
  ],
  ['npm', 'incorrect-or-missing-password', 'npm ERR! code E401\nnpm ERR! Incorrect or missing password.'],
  ['npm', 'ip-not-allowed', 'npm ERR! code EAUTHIP\nnpm ERR! Unable to authenticate, need: Basic'],
  ['npm', 'registry-401-request', 'npm ERR! 401 Unauthorized - GET https://registry.npmjs.org/-/whoami'],
  [
    'npm',
    'publish-404',
    "npm ERR! 404 Not Found - PUT https://registry.npmjs.org/@acme%2fsdk - Not found\nnpm ERR! 404  '@acme/sdk@1.2.0' is not in this registry.",
  ],
  // Kubernetes
  [
    'kubernetes',
    'status-unauthorized',
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}',
  ],
  ['kubernetes', 'kubectl-must-be-logged-in', 'error: You must be logged in to the server (Unauthorized)'],
  [
    'kubernetes',
    'kubectl-must-be-logged-in',
    'E0703 12:26:41 "Unhandled Error" err="couldn\'t get current server API group list: the server has asked for the client to provide credentials"',
  ],
  [
    'kubernetes',
    'service-account-token-expired',
    '"Unable to authenticate the request" err="[invalid bearer token, service account token has expired]"',
  ],
  [
    'kubernetes',
    'service-account-token-expired',
    '"Unable to authenticate the request" err="[invalid bearer token, Token has expired.]"',
  ],
  [
    'kubernetes',
    'service-account-token-not-yet-valid',
    '"Unable to authenticate the request" err="[invalid bearer token, service account token is not valid yet]"',
  ],
  [
    'kubernetes',
    'token-invalidated',
    'E0928 03:03:43.261346 1 authentication.go:75] "Unable to authenticate the request" err="[invalid bearer token, Token has been invalidated]"',
  ],
  [
    'kubernetes',
    'oidc-audience-mismatch',
    '"Unable to authenticate the request" err="[invalid bearer token, oidc: verify token: oidc: expected audience \\"kubernetes\\" got [\\"account\\"]]"',
  ],
  [
    'kubernetes',
    'oidc-authenticator-not-initialized',
    '"Unable to authenticate the request" err="[invalid bearer token, oidc: authenticator not initialized]"',
  ],
  [
    'kubernetes',
    'oidc-unsupported-algorithm',
    '"Unable to authenticate the request" err="[invalid bearer token, oidc: verify token: oidc: id token signed with unsupported algorithm, expected [\\"RS256\\"] got \\"ES256\\"]"',
  ],
  [
    'kubernetes',
    'client-certificate-expired',
    'E0101 authentication.go:63] "Unable to authenticate the request" err="[x509: certificate has expired or is not yet valid: current time 2026-01-15T12:00:00Z is after 2025-12-01T00:00:00Z]"',
  ],
  [
    'kubernetes',
    'rbac-forbidden',
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"nodes is forbidden: User \\"system:serviceaccount:default:test\\" cannot list resource \\"nodes\\" in API group \\"\\" at the cluster scope","reason":"Forbidden","details":{"kind":"nodes"},"code":403}',
  ],
  [
    'kubernetes',
    'rbac-forbidden',
    'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"',
  ],
  [
    'kubernetes',
    'anonymous-user',
    '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"nodes is forbidden: User \\"system:anonymous\\" cannot list resource \\"nodes\\" in API group \\"\\" at the cluster scope","reason":"Forbidden","code":403}',
  ],
  [
    'kubernetes',
    'anonymous-user',
    'Forbidden (user=system:anonymous, verb=get, resource=nodes, subresource=proxy)',
  ],
  // Elasticsearch
  [
    'elasticsearch',
    'missing-authentication-credentials',
    '{"error":{"root_cause":[{"type":"security_exception","reason":"missing authentication credentials for REST request [/_cat/indices]","header":{"WWW-Authenticate":["Basic realm=\\"security\\" charset=\\"UTF-8\\"","Bearer realm=\\"security\\"","ApiKey"]}}],"type":"security_exception","reason":"missing authentication credentials for REST request [/_cat/indices]"},"status":401}',
  ],
  [
    'elasticsearch',
    'missing-authentication-credentials',
    '{"error":{"type":"security_exception","reason":"missing authentication token for REST request [/]"},"status":401}',
  ],
  [
    'elasticsearch',
    'unable-to-authenticate-user',
    '{"error":{"type":"security_exception","reason":"unable to authenticate user [elastic] for REST request [/]"},"status":401}',
  ],
  [
    'elasticsearch',
    'credentials-rejected-no-anonymous',
    'security_exception: unable to authenticate with provided credentials and anonymous access is not allowed for this request',
  ],
  [
    'elasticsearch',
    'api-key-expired',
    '{"type":"security_exception","reason":"unable to authenticate with provided credentials and anonymous access is not allowed for this request","additional_unsuccessful_credentials":"API key: api key is expired"}',
  ],
  [
    'elasticsearch',
    'api-key-not-found',
    '"additional_unsuccessful_credentials":"API key: unable to find apikey with id ZW6nPIcBf-4jny-WMBds"',
  ],
  [
    'elasticsearch',
    'api-key-invalidated',
    '"additional_unsuccessful_credentials":"API key: api key has been invalidated"',
  ],
  [
    'elasticsearch',
    'action-unauthorized',
    'security_exception: action [indices:data/read/search] is unauthorized for user [standard] with effective roles [viewer] on indices [logs-1], this action is granted by the index privileges [read,all]',
  ],
  [
    'elasticsearch',
    'plaintext-on-https',
    'received plaintext http traffic on an https channel, closing connection Netty4HttpChannel{localAddress=/127.0.0.1:9200}',
  ],
  // Grafana
  [
    'grafana',
    'invalid-api-key',
    '{"message":"Invalid API key","messageId":"api-key.invalid","statusCode":401,"traceID":""}',
  ],
  ['grafana', 'invalid-api-key', '{"message":"Invalid API key"}'],
  [
    'grafana',
    'expired-api-key',
    '{"message":"Expired API key","messageId":"api-key.expired","statusCode":401}',
  ],
  [
    'grafana',
    'revoked-api-key',
    '{"message":"Revoked API key","messageId":"api-key.revoked","statusCode":401}',
  ],
  [
    'grafana',
    'api-key-organization-mismatch',
    '{"message":"API key does not belong to the requested organization","messageId":"api-key.organization-mismatch","statusCode":401}',
  ],
  [
    'grafana',
    'invalid-username-or-password',
    '{"message":"Invalid username or password","messageId":"password-auth.failed","statusCode":401}',
  ],
  ['grafana', 'invalid-username-or-password', '{"message":"Invalid username or password"}'],
  [
    'grafana',
    'login-attempts-blocked',
    '[password-auth.failed] too many consecutive incorrect login attempts for user - login for user temporarily blocked',
  ],
  ['grafana', 'basic-auth-failed', '{"message":"Basic auth failed"}'],
  [
    'grafana',
    'auth-unauthorized',
    '{"message":"Unauthorized","messageId":"auth.unauthorized","statusCode":401}',
  ],
];

/** Text any API (or proxy) writes; no provider-specific signature may claim it. */
const GENERIC_TEXTS = [
  '401 Unauthorized',
  'Unauthorized',
  'invalid token',
  'Forbidden',
  'Access denied',
  'Bad Request',
  'token expired',
  'HTTP/1.1 401 Unauthorized',
  '{"message":"Unauthorized"}',
  '{"error":"Unauthorized"}',
  '{"error":"invalid_token"}',
  '{"error":"invalid_token","error_description":"The access token expired"}',
  '{"error":"invalid_grant"}',
  '{"error":"invalid_client"}',
  '{"error":"insufficient_scope"}',
  '{"status":401,"error":"Unauthorized","path":"/api/orders"}',
  '{"type":"about:blank","title":"Unauthorized","status":401,"detail":"Full authentication is required to access this resource"}',
  'Bearer realm="api", error="invalid_token"',
  'Bearer error="insufficient_scope"',
  'Basic realm="Restricted"',
  'Authentication failed',
  'Authentication required',
  'authentication_required',
  'Invalid credentials',
  'Invalid API key',
  'Invalid access token',
  'Invalid username or password',
  'Session expired',
  'Permission denied',
  'Not authorized',
  'You are not authorized to perform this operation',
  'Token has expired',
  'jwt expired',
  'invalid signature',
  'Missing Authorization header',
  'Invalid or expired token',
  'Could not authenticate you',
  'Unable to authenticate you',
  'Unable to verify your credentials',
  'Session not active',
  'Token verification failed',
  'Invalid user credentials',
  'Expired API key',
  'error code 0xE0000011',
  '{"detail":"auth.unauthorized"}',
  'api-key.invalid',
  '{"detail":"API key missing"}',
  'API Key Invalid',
  '{"title":"API Key Invalid","status":401}',
  'You must specify a valid API key',
  'No basic auth credentials found in request',
  'Payment Required',
  '402 Payment Required',
  'This account has been disabled.',
  'Your authorization token is invalid',
  'error storing credentials',
  'Client must be authenticated',
];

function signature(packId: string, id: string) {
  const pack = byId.get(packId);
  return pack?.errors.find((e) => e.id === id);
}

describe('provider packs, second half', () => {
  it('lists exactly the owned providers, in order, each once', () => {
    expect(PACKS_B.map((p) => p.id)).toEqual(OWNED);
    expect(packs).toHaveLength(OWNED.length);
  });

  it.each(OWNED)('%s compiles through compilePacks on its own', (id) => {
    const input = PACKS_B.find((p) => p.id === id);
    expect(() => compilePacks([{ origin: `test:${id}`, pack: input }])).not.toThrow();
  });

  it.each(OWNED)('%s has an authentication reference first, auth methods and error signatures', (id) => {
    const pack = byId.get(id) as ProviderPack;
    expect(pack.docs[0]?.url).toMatch(/^https:\/\//);
    expect(pack.auth.length).toBeGreaterThan(0);
    expect(pack.errors.length).toBeGreaterThan(0);
    expect(new Set(pack.errors.map((e) => e.id)).size).toBe(pack.errors.length);
    for (const error of pack.errors) expect(error.fix.length).toBeGreaterThan(0);
  });

  it('names only credential formats the intake table or the pack itself knows, never the generic JWT format', () => {
    const unknown: string[] = [];
    for (const pack of packs) {
      for (const method of pack.auth) {
        for (const id of method.formats) {
          const own = pack.credentialFormats.some((f) => f.id === id);
          if ((!own && !formatById(id)) || id.startsWith('generic.')) unknown.push(`${pack.id}: ${id}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  it('knows the Mailchimp key shape with its data center suffix', () => {
    const format = byId.get('mailchimp')?.credentialFormats.find((f) => f.id === 'mailchimp.api_key');
    const whole = new RegExp(`^(?:${format?.pattern.source})$`, 'i');
    expect(whole.test('821ab5f3b8b7e91a80becce567118b51-us14')).toBe(true);
    expect(whole.test('821ab5f3b8b7e91a80becce567118b51')).toBe(false);
    expect(whole.test('821ab5f3b8b7e91a80becce567118b5-us14')).toBe(false);
    expect(knowledge.matchHost('us14.api.mailchimp.com')?.pack.id).toBe('mailchimp');
    const basic = byId.get('mailchimp')?.auth.find((m) => m.in === 'basic');
    expect(basic?.basicShape).toMatch(/anystring:/);
    expect(byId.get('mailchimp')?.auth.some((m) => m.scheme === 'Bearer')).toBe(true);
    const datacenter = signature('mailchimp', 'api-key-invalid-or-wrong-datacenter');
    expect(datacenter?.cause).toBe('wrong_environment');
    expect(datacenter?.explain).toMatch(/data center/);
    expect(datacenter?.explain).toMatch(/wrong, revoked/);
  });

  it('classifies Shopify shop states and keeps its invalid-token answer below full confidence', () => {
    expect(signature('shopify', 'shop-unavailable')?.cause).toBe('account_or_billing_state');
    expect(signature('shopify', 'shop-unavailable')?.status).toContain(402);
    expect(signature('shopify', 'shop-locked')?.status).toEqual([423]);
    const invalid = signature('shopify', 'invalid-api-key-or-token');
    expect(invalid?.severity).toBe('error');
    expect(invalid?.confidence).toBeLessThanOrEqual(0.8);
  });

  it('reads the Docker client’s registry messages for every registry', () => {
    expect(signature('docker-hub', 'no-basic-auth-credentials')?.cause).toBe('missing_credentials');
    expect(signature('docker-hub', 'no-basic-auth-credentials')?.explain).toMatch(/GHCR, ECR/);
    const helper = signature('docker-hub', 'credential-helper-failed');
    expect(helper?.cause).toBe('other');
    expect(helper?.severity).toBe('warning');
    expect(helper?.fix.join(' ')).toMatch(/credsStore/);
    expect(helper?.fix.join(' ')).toMatch(/config\.json/);
    expect(signature('docker-hub', 'requested-access-denied')?.explain).toMatch(/repository name/);
  });

  it('treats Jira’s anonymous-client answer as missing credentials, not a header format', () => {
    const sig = signature('atlassian', 'client-must-be-authenticated');
    expect(sig?.cause).toBe('missing_credentials');
    expect(sig?.severity).toBe('warning');
    expect(sig?.confidence).toBe(0.6);
  });

  it('gives every error signature at least one real example', () => {
    const covered = new Set(EXAMPLES.map(([pack, id]) => `${pack}/${id}`));
    const missing = packs
      .flatMap((p) => p.errors.map((e) => `${p.id}/${e.id}`))
      .filter((k) => !covered.has(k));
    expect(missing).toEqual([]);
  });

  it.each(EXAMPLES)('%s / %s recognises: %s', (packId, id, text) => {
    const sig = signature(packId, id);
    expect(sig, `${packId}/${id} exists`).toBeDefined();
    expect(sig?.match.test(text)).toBe(true);
  });

  it('keeps every signature off generic text', () => {
    const hits: string[] = [];
    for (const pack of packs) {
      for (const error of pack.errors) {
        for (const text of GENERIC_TEXTS)
          if (error.match.test(text)) hits.push(`${pack.id}/${error.id} ~ ${text}`);
      }
    }
    expect(hits).toEqual([]);
  });

  it('votes for the right provider: no example matches another pack’s signatures', () => {
    const crossHits: string[] = [];
    for (const [packId, id, text] of EXAMPLES) {
      for (const pack of packs) {
        if (pack.id === packId) continue;
        for (const error of pack.errors) {
          if (error.match.test(text)) crossHits.push(`${packId}/${id} also matches ${pack.id}/${error.id}`);
        }
      }
    }
    expect(crossHits).toEqual([]);
  });

  it('lets a message fire a second signature of its own pack only where one refines the other', () => {
    // A specific answer (an expired API key) also carries the general one (credentials rejected); each such
    // pair is listed so an accidental overlap between unrelated signatures fails here.
    const expected = new Set([
      'elasticsearch/api-key-expired + credentials-rejected-no-anonymous',
      'npm/ip-not-allowed + unable-to-authenticate-need',
      'docker-hub/insufficient-scope-challenge + token-challenge',
      'docker-hub/pull-access-denied + requested-access-denied',
    ]);
    const overlaps = new Set<string>();
    for (const [packId, id, text] of EXAMPLES) {
      for (const other of byId.get(packId)?.errors ?? []) {
        if (other.id !== id && other.match.test(text)) overlaps.add(`${packId}/${id} + ${other.id}`);
      }
    }
    expect([...overlaps].sort()).toEqual([...expected].sort());
  });

  it('runs every signature in linear time on long hostile input', () => {
    const hostile = [
      'a'.repeat(64 * 1024),
      `"kind":"Status"${' '.repeat(60_000)}`,
      `Unable to authenticate the request${'x'.repeat(60_000)}`,
      `INVALID_AUTH_HEADER${'-'.repeat(60_000)}`,
      `title: 'Unauthorized'${','.repeat(60_000)}`,
    ];
    const started = performance.now();
    for (const pack of packs)
      for (const error of pack.errors) for (const text of hostile) error.match.test(text);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('resolves every host to its own pack, with the environment it declares', () => {
    expect(misresolvedHosts(packs, knowledge)).toEqual([]);
  });

  it('never lets two of these packs claim the same host', () => {
    expect(hostClashes(packs)).toEqual([]);
  });

  it.each([
    ['acme.myshopify.com', 'shopify', 'production'],
    ['acme.atlassian.net', 'atlassian', 'production'],
    ['acme.okta.com', 'okta', 'production'],
    ['acme.oktapreview.com', 'okta', 'sandbox'],
    ['acme.us.auth0.com', 'auth0', 'production'],
    ['acme.my.salesforce.com', 'salesforce', 'production'],
    ['acme--uat.sandbox.my.salesforce.com', 'salesforce', 'sandbox'],
    ['test.salesforce.com', 'salesforce', 'sandbox'],
    ['login.salesforce.com', 'salesforce', 'production'],
    ['acme.zendesk.com', 'zendesk', 'production'],
    ['API.SPOTIFY.COM.', 'spotify', 'production'],
    ['abcdef0123.gr7.us-east-1.eks.amazonaws.com', 'kubernetes', 'production'],
    ['my-deployment.es.us-central1.gcp.cloud.es.io', 'elasticsearch', 'production'],
    ['acme.grafana.net', 'grafana', 'production'],
    ['us6.api.mailchimp.com', 'mailchimp', 'production'],
  ])('matches %s to %s (%s)', (host, packId, environment) => {
    const match = knowledge.matchHost(host);
    expect(match?.pack.id).toBe(packId);
    expect(match?.host.environment).toBe(environment);
  });

  it('leaves self-hosted software without fixed hosts to other signals', () => {
    expect(byId.get('keycloak')?.hosts).toEqual([]);
    for (const id of ['keycloak', 'kubernetes', 'elasticsearch', 'grafana']) {
      const pack = byId.get(id) as ProviderPack;
      expect(pack.headerNames.length + pack.issuers.length + pack.errors.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['okta', 'https://acme.okta.com/oauth2/default', true],
    ['okta', 'https://acme.okta.com', true],
    ['okta', 'https://acme.oktapreview.com/oauth2/aus1a2b3c4d5', true],
    ['okta', 'https://acme.okta.com.evil.example/oauth2/default', false],
    ['auth0', 'https://acme.eu.auth0.com/', true],
    ['auth0', 'https://acme.auth0.com/', true],
    ['auth0', 'https://login.example.com/', false],
    ['keycloak', 'https://sso.example.com/realms/acme', true],
    ['keycloak', 'http://keycloak:8080/auth/realms/master', true],
    ['keycloak', 'https://sso.example.com/realms/acme/protocol/openid-connect/token', false],
    ['kubernetes', 'https://kubernetes.default.svc.cluster.local', true],
    ['kubernetes', 'kubernetes/serviceaccount', true],
    ['kubernetes', 'https://oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789', true],
  ])('%s issuer patterns: %s → %s', (packId, iss, expected) => {
    const pack = byId.get(packId) as ProviderPack;
    expect(pack.issuers.some((i) => i.match.test(iss))).toBe(expected);
  });

  it.each([
    ['keycloak', '/auth/realms/acme/protocol/openid-connect/token', true],
    ['keycloak', '/realms/acme/protocol/openid-connect/token', false],
    ['grafana', '/api/auth/keys', true],
    ['grafana', '/api/serviceaccounts/3/tokens', false],
    ['atlassian', '/rest/auth/1/session', true],
    ['spotify', '/v1/audio-features/11dFghVXANMlKmJXsNCbNl', true],
    ['spotify', '/v1/artists/0OdUWJ0sBjDrqHygGUXeCF/related-artists', true],
    ['spotify', '/v1/tracks/11dFghVXANMlKmJXsNCbNl', false],
    ['x-twitter', '/1.1/statuses/update.json', true],
    ['x-twitter', '/1.1/media/upload.json', false],
  ])('%s endpoint notices: %s → %s', (packId, path, expected) => {
    const pack = byId.get(packId) as ProviderPack;
    expect(pack.endpoints.some((e) => e.path.test(path))).toBe(expected);
  });

  it('declares the header names only these APIs send', () => {
    expect(byId.get('shopify')?.headerNames).toContain('x-shopify-access-token');
    expect(byId.get('notion')?.headerNames).toContain('notion-version');
    expect(byId.get('cloudflare')?.headerNames).toEqual(
      expect.arrayContaining(['x-auth-email', 'x-auth-key']),
    );
    expect(byId.get('grafana')?.headerNames).toContain('x-grafana-org-id');
  });

  it('records the lifetimes rules compare token ages against', () => {
    const seconds = (packId: string, token: string) =>
      byId.get(packId)?.tokenLifetimes.find((t) => t.token.includes(token))?.seconds;
    expect(seconds('spotify', 'access token')).toBe(3600);
    expect(seconds('keycloak', 'master realm')).toBe(60);
    expect(seconds('auth0', 'Management API')).toBe(86_400);
    expect(seconds('docker-hub', 'registry')).toBe(300);
    expect(seconds('x-twitter', 'OAuth 2.0')).toBe(7200);
  });
});
