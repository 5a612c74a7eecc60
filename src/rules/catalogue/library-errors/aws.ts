/**
 * AWS SDKs, STS and SigV4: the messages every AWS service and SDK shares (service-specific answers belong to
 * provider packs).
 */
import type { LibraryErrorInput } from '../schema.js';

const SIGV4 = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html';
const STS = 'https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html';
const CREDS = 'https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html';
const SSO = 'https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html';

export const AWS_ERRORS: LibraryErrorInput[] = [
  {
    id: 'aws-expired-token',
    library: 'AWS (STS, SDKs)',
    match:
      '\\bExpiredToken(?:Exception)?\\b|\\bThe security token included in the request is expired\\b|\\bThe provided token has expired\\b|\\bRequest has expired\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.93,
    explain:
      'The temporary AWS credentials (the session token from STS, SSO or an assumed role) expired, or a presigned URL is past its `X-Amz-Expires`. Long-running processes that read credentials once at start-up hit this after an hour or so.',
    fix: [
      "Get fresh credentials (`aws sso login`, assume the role again, or let the SDK's default credential chain refresh them) instead of copying keys into environment variables.",
      'For presigned URLs, sign a new URL right before use.',
    ],
    docs: [STS, SSO],
    examples: [
      'An error occurred (ExpiredToken) when calling the GetCallerIdentity operation: The security token included in the request is expired',
      'ExpiredTokenException: The security token included in the request is expired',
      '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
    ],
  },
  {
    id: 'aws-sso-expired',
    library: 'AWS CLI/SDK (IAM Identity Center)',
    match:
      '\\bThe SSO session associated with this profile has expired\\b|\\bError loading SSO Token\\b|\\bToken has expired and refresh failed\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.93,
    explain:
      'The IAM Identity Center (SSO) session of this profile expired; the SDK cannot refresh it without a new login.',
    fix: ['Run `aws sso login --profile <PROFILE>` and retry.'],
    docs: [SSO],
    examples: [
      'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
      'Error loading SSO Token: Token for my-sso does not exist',
    ],
  },
  {
    id: 'aws-clock-skew',
    library: 'AWS (SigV4)',
    match:
      "\\bRequestTimeTooSkewed\\b|\\bThe difference between the request time and the (?:current|server's) time is too large\\b|\\bSignature expired: \\d{8}T\\d{6}Z is now earlier than\\b|\\bInvalidSignatureException: Signature expired\\b",
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.94,
    explain:
      "The signed request's timestamp is more than 5 minutes away from AWS's clock: the clock of the machine that signed it is wrong (a VM or container after sleep, a laptop after resume, WSL).",
    fix: [
      'Sync the clock of the machine that signs the request (`sudo chronyc makestep`, `w32tm /resync`, `sudo hwclock -s` in WSL), then retry.',
    ],
    docs: [SIGV4],
    examples: [
      'An error occurred (RequestTimeTooSkewed) when calling the ListObjects operation: The difference between the request time and the current time is too large.',
      'InvalidSignatureException: Signature expired: 20260115T110000Z is now earlier than 20260115T115500Z (20260115T120000Z - 5 min.)',
    ],
  },
  {
    id: 'aws-signature-mismatch',
    library: 'AWS (SigV4)',
    match:
      '\\bSignatureDoesNotMatch\\b|\\bThe request signature we calculated does not match the signature you provided\\b',
    // AWS also answers SignatureDoesNotMatch for a timestamp out of window: that is the clock, not the key.
    unless: '\\bSignature expired\\b|\\bSignature not yet current\\b|\\bRequestTimeTooSkewed\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.88,
    explain:
      "AWS computed another signature than the one sent: the secret access key does not belong to the access key ID (a copy error, whitespace, a rotated key), or the request changed after signing (a header, the path's encoding, the body, a proxy rewriting the Host).",
    fix: [
      'Check the secret key for stray spaces or newlines and that it pairs with the access key ID; with hand-rolled SigV4, sign exactly the method, encoded path, query, headers and body that are sent.',
      'Use the official SDK or `curl --aws-sigv4 "aws:amz:<REGION>:<SERVICE>" --user "<ACCESS_KEY_ID>:<SECRET_KEY>"` to compare.',
    ],
    docs: [SIGV4],
    examples: [
      '<Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided. Check your key and signing method.</Message>',
    ],
  },
  {
    id: 'aws-invalid-token-id',
    library: 'AWS (STS, SDKs)',
    match:
      '\\bInvalidClientTokenId\\b|\\bThe security token included in the request is invalid\\b|\\bUnrecognizedClientException\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.82,
    explain:
      'AWS does not know the access key or session token: it was deleted or deactivated, mistyped, a temporary key sent without its session token (or with a stale one), or a key of another partition (China, GovCloud) or a region that is not enabled.',
    fix: [
      'Run `aws sts get-caller-identity` with the same credentials; if it fails, create or re-copy the key.',
      'With temporary keys (`ASIA…`), send `AWS_SESSION_TOKEN` too; remove a stale `AWS_SESSION_TOKEN` when using long-term keys (`AKIA…`).',
    ],
    docs: [STS],
    examples: [
      'An error occurred (InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.',
      'UnrecognizedClientException: The security token included in the request is invalid.',
    ],
  },
  {
    id: 'aws-invalid-access-key',
    library: 'AWS (S3 and others)',
    match: '\\bInvalidAccessKeyId\\b|\\bThe AWS Access Key Id you provided does not exist in our records\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.88,
    explain:
      'The access key ID is unknown to AWS: deleted, mistyped, or meant for another endpoint (a MinIO/LocalStack key sent to real AWS, or the reverse).',
    fix: [
      'Check which credentials the SDK actually uses (`aws configure list`), and that the endpoint matches where the key was created.',
    ],
    docs: [SIGV4],
    examples: [
      '<Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does not exist in our records.</Message>',
    ],
  },
  {
    id: 'aws-no-credentials',
    library: 'AWS SDKs',
    match:
      '\\bUnable to locate credentials\\b|\\bNoCredentialProviders\\b|\\bCould not load credentials from any providers\\b|\\bCredentialsProviderError\\b|\\bMissing credentials in config\\b|\\bfailed to refresh cached credentials, no EC2 IMDS role found\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.9,
    explain:
      'The SDK found no credentials anywhere in its chain (environment variables, shared config/credentials files and profile, SSO, container or instance role), so the request went out unsigned or not at all.',
    fix: [
      'Set credentials where the process can see them: `AWS_PROFILE` (with `aws configure` / `aws sso login`), or `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, or attach a role to the instance/task.',
    ],
    docs: [CREDS],
    examples: [
      'botocore.exceptions.NoCredentialsError: Unable to locate credentials',
      'NoCredentialProviders: no valid providers in chain. Deprecated.',
      'CredentialsProviderError: Could not load credentials from any providers',
    ],
  },
  {
    id: 'aws-credential-scope',
    library: 'AWS (SigV4)',
    match:
      "\\bCredential should be scoped to (?:a valid region|correct service)\\b|\\bAuthorizationHeaderMalformed\\b[^\\n]{0,120}\\bregion '",
    cause: 'wrong_environment',
    severity: 'error',
    confidence: 0.88,
    explain:
      'The request was signed for another region (or service) than the endpoint it went to: the SDK region and the endpoint/bucket region disagree.',
    fix: [
      "Sign for the region of the endpoint (`AWS_REGION`/`--region`, or the bucket's region for S3), or call the endpoint of the region you sign for.",
    ],
    docs: [SIGV4],
    examples: [
      "Credential should be scoped to a valid region, not 'us-east-1'.",
      "AuthorizationHeaderMalformed: The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'",
    ],
  },
  {
    id: 'aws-header-incomplete',
    library: 'AWS (SigV4)',
    match:
      "\\bIncompleteSignature(?:Exception)?\\b|\\bAuthorization header requires '(?:Credential|Signature|SignedHeaders)' parameter\\b",
    cause: 'wrong_header_format',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The SigV4 `Authorization` header is incomplete or mangled (missing Credential, SignedHeaders or Signature), or a non-AWS `Authorization` header (e.g. a Bearer token) reached an AWS endpoint.',
    fix: [
      'Let an SDK or `curl --aws-sigv4` build the header; do not send another Authorization header to the AWS endpoint (e.g. through a presigned URL).',
    ],
    docs: [SIGV4],
    examples: ["IncompleteSignatureException: Authorization header requires 'Credential' parameter."],
  },
  {
    id: 'aws-missing-authentication-token',
    library: 'Amazon API Gateway',
    match: '\\bMissing Authentication Token\\b|\\bMissingAuthenticationToken(?:Exception)?\\b',
    cause: 'wrong_url_or_endpoint',
    severity: 'warning',
    confidence: 0.6,
    explain:
      'API Gateway answers "Missing Authentication Token" for a path or method that does not exist in the deployed stage (a typo, the stage name missing from the URL, the API not redeployed) as well as for IAM-protected routes called without a SigV4 signature.',
    fix: [
      'Check the URL against the deployed stage (`https://<id>.execute-api.<region>.amazonaws.com/<stage>/<path>`) and the method; redeploy the API after changes.',
      'If the route uses IAM auth, sign the request with SigV4.',
    ],
    docs: ['https://repost.aws/knowledge-center/api-gateway-authentication-token-errors'],
    examples: ['{"message":"Missing Authentication Token"}'],
  },
  {
    id: 'aws-not-authorized',
    library: 'AWS IAM',
    match: '\\bis not authorized to perform: (?<detail>[\\w:*-]{1,100})|\\bAccessDeniedException\\b',
    // A pasted policy that admits callers by network explains the deny by where the call came from (ip-restricted).
    unless: '"?aws:(?:SourceIp|SourceVpce?|VpcSourceIp)"?\\s{0,4}[:"\\]]',
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The credentials are valid but the IAM identity may not perform this action on this resource (no allowing policy, or an explicit deny, SCP or permissions boundary).',
    fix: [
      'Add the named action to a policy of this identity (for this resource ARN), or use a role that has it; the IAM policy simulator shows which statement denies it.',
    ],
    docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html'],
    examples: [
      'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::bucket/key',
    ],
  },
  {
    id: 'cognito-secret-hash',
    library: 'Amazon Cognito',
    match:
      '\\bUnable to verify secret hash for client\\b|\\bClient [\\w]{1,128} is configured for secret but secret was not received\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.86,
    explain:
      'The Cognito app client has a client secret, so every sign-in and token call must carry `SECRET_HASH` (an HMAC of user name and client ID with the secret); the SDK or call sent none, or computed it with the wrong user name or secret. Browser and mobile apps should use an app client without a secret.',
    fix: [
      'Compute `SECRET_HASH = Base64(HMAC_SHA256(client_secret, username + client_id))` and send it with the call, or create an app client without a secret for public clients.',
    ],
    docs: [
      'https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#cognito-user-pools-computing-secret-hash',
    ],
    examples: ['NotAuthorizedException: Unable to verify secret hash for client 5r2l3example'],
  },
  {
    id: 'cognito-user-not-confirmed',
    library: 'Amazon Cognito',
    match:
      '\\bUserNotConfirmedException\\b|\\bUser is not confirmed\\.?|\\bPasswordResetRequiredException\\b',
    cause: 'account_or_billing_state',
    severity: 'error',
    confidence: 0.88,
    explain:
      'The user exists but has not confirmed the account (e-mail or phone code), or an administrator requires a password reset; Cognito refuses sign-in until that is done.',
    fix: [
      'Confirm the user (the confirmation code, or `admin-confirm-sign-up`), or complete the password reset, then sign in again.',
    ],
    docs: ['https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html'],
    examples: ['UserNotConfirmedException: User is not confirmed.'],
  },
  {
    id: 'cognito-identity-provider',
    library: 'Amazon Cognito',
    match:
      "\\bInvalid login token\\. Issuer doesn't match providerName\\b|\\bToken is not from a supported provider of identities\\b|\\bInvalid login token\\. Incorrect token audience\\b",
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.88,
    explain:
      "The identity pool was given a login token from an issuer or app client it is not configured for: the `Logins` key must be the user pool's provider name (`cognito-idp.<region>.amazonaws.com/<pool-id>`) and the token's `aud` one of the pool's app clients.",
    fix: [
      'Use the user pool provider name as the `Logins` key and add the app client ID to the identity pool’s authentication providers.',
    ],
    docs: [
      'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-integrating-user-pools-with-identity-pools.html',
    ],
    examples: ["NotAuthorizedException: Invalid login token. Issuer doesn't match providerName"],
  },
];
