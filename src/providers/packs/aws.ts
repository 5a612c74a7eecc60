import type { ProviderPackInput } from '../schema.js';

const SIGV4_DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv.html';
const COMMON_ERRORS_DOCS = 'https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html';
const IDENTIFIERS_DOCS = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html';
const TROUBLESHOOT_DOCS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-troubleshooting.html';
const TEMP_CREDS_DOCS =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html';

/**
 * SignatureDoesNotMatch / InvalidSignatureException also carry clock-skew messages ("Signature expired: … is now
 * earlier than …"), which belong to clock-skew; the code only counts when no time wording stands within 300
 * characters either side of it (bounded, so the look-arounds stay linear).
 */
const SKEW_WORDS =
  '(?:Signature expired|Signature not yet current|is now earlier than|is still later than|RequestTimeTooSkewed|difference between the request time and the current time)';
const mismatchCode = (code: string): string =>
  // The look-behind sits after the code so it only runs where the code matched, not at every position.
  String.raw`\b${code}\b(?<!${SKEW_WORDS}[\s\S]{0,300}?${code})(?![\s\S]{0,300}?${SKEW_WORDS})`;
const SIGNATURE_MISMATCH = [
  mismatchCode('SignatureDoesNotMatch'),
  mismatchCode('InvalidSignatureException'),
  'The request signature we calculated does not match the signature you provided',
].join('|');

export const aws = {
  id: 'aws',
  name: 'Amazon Web Services (SigV4, STS)',
  hosts: [
    {
      host: '*.amazonaws.com',
      note: 'service endpoints: <service>.<region>.amazonaws.com, <bucket>.s3.amazonaws.com',
    },
    {
      host: '*.amazonaws.com.cn',
      region: 'china',
      note: 'AWS China regions use separate accounts and credentials',
    },
    { host: '*.api.aws', note: 'dual-stack and newer service endpoints' },
    { host: 'sts.amazonaws.com', note: 'global STS endpoint (signs as us-east-1)' },
    {
      host: 's3.amazonaws.com',
      note: 'S3 global endpoint; buckets in other regions need their regional endpoint or region in the signature',
    },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'AWS4-HMAC-SHA256',
      credential:
        'a Signature Version 4 signature: Credential=<access key ID>/<yyyymmdd>/<region>/<service>/aws4_request, SignedHeaders=…, Signature=…, plus X-Amz-Date',
      formats: ['aws.access_key_id', 'aws.temporary_access_key_id'],
      status: 'preferred',
      note: 'The secret access key signs the request and is never sent. S3 also needs x-amz-content-sha256.',
    },
    {
      in: 'header',
      name: 'X-Amz-Security-Token',
      credential: 'the STS session token that belongs with a temporary (ASIA…) access key ID',
      status: 'accepted',
      note: 'Required with temporary credentials; some services include it in the signed headers, others add it after signing.',
    },
    {
      in: 'query',
      name: 'X-Amz-Credential',
      credential:
        'a presigned URL (X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-Signature)',
      formats: ['aws.access_key_id', 'aws.temporary_access_key_id'],
      status: 'accepted',
      note: 'Valid for X-Amz-Expires seconds (at most 7 days), and only as long as the credentials that signed it.',
    },
    {
      in: 'header',
      scheme: 'AWS',
      credential: 'a Signature Version 2 signature (Authorization: AWS AKID:signature)',
      formats: ['aws.access_key_id'],
      status: 'deprecated',
      note: 'Signature Version 2 is deprecated; use SigV4.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'the secret access key itself',
      formats: ['aws.secret_access_key'],
      status: 'rejected',
      note: 'The secret access key is only used to compute signatures; sending it in a header never works and leaks it.',
    },
  ],
  headerNames: ['x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256', 'x-amz-target'],
  errors: [
    {
      id: 'missing-authentication-token',
      situation: 'no signature or credentials on the request',
      match: String.raw`\bMissingAuthenticationToken(?:Exception)?\b|The request must contain either a valid \(registered\) AWS access key ID or X\.509 certificate`,
      status: [403],
      cause: 'missing_credentials',
      confidence: 0.85,
      explain:
        'The request carried no SigV4 signature (no Authorization header and no presigned query parameters).',
      fix: [
        'Sign the request with an SDK or `aws` CLI, or with `curl --aws-sigv4 "aws:amz:<region>:<service>" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"`.',
      ],
      docs: [SIGV4_DOCS, COMMON_ERRORS_DOCS],
    },
    {
      id: 'invalid-access-key-id',
      situation: 'an unknown, deleted or incomplete access key ID / session token',
      match: String.raw`\bInvalidClientTokenId\b|\bUnrecognizedClientException\b|The security token included in the request is invalid|\bInvalidAccessKeyId\b|The AWS Access Key Id you provided does not exist in our records`,
      status: [400, 403],
      cause: 'invalid_credentials',
      confidence: 0.8,
      explain:
        'AWS does not recognise the access key ID (or its session token): the key was deleted or deactivated, belongs to another partition (China, GovCloud), or a temporary ASIA… key was sent without its session token (or with an old one).',
      fix: [
        'Run `aws sts get-caller-identity` with the same environment to see which key is actually used; old AWS_SESSION_TOKEN or AWS_PROFILE values often shadow new keys.',
        'With ASIA… keys, send X-Amz-Security-Token with the session token issued together with them.',
      ],
      docs: [COMMON_ERRORS_DOCS, TEMP_CREDS_DOCS],
    },
    {
      id: 'signature-does-not-match',
      situation: 'a wrong secret key, or a canonical request built differently from what was sent',
      match: SIGNATURE_MISMATCH,
      status: [400, 403],
      cause: 'signature_or_key_mismatch',
      confidence: 0.85,
      explain:
        'AWS computed a different signature: the secret key does not belong to the access key ID, or something signed (host, path encoding, query order, a header, the payload hash) changed after signing.',
      fix: [
        'Check the secret access key pairs with the access key ID (no trailing newline or space).',
        'Sign exactly what is sent: the same host, path and query encoding, and no proxy rewriting headers after signing.',
      ],
      docs: [TROUBLESHOOT_DOCS],
    },
    {
      id: 'incomplete-signature',
      situation: 'a malformed Authorization header (missing Credential, SignedHeaders or Signature)',
      match: String.raw`\bIncompleteSignature(?:Exception)?\b|Authorization header requires '(?:Credential|Signature|SignedHeaders)' parameter|Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header`,
      status: [400, 403],
      cause: 'wrong_header_format',
      confidence: 0.85,
      explain:
        'The Authorization header is not a complete SigV4 header; a part is missing or misspelled, or X-Amz-Date is absent.',
      fix: [
        'Let an SDK build the header, or follow the SigV4 format: `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` together with X-Amz-Date.',
      ],
      docs: [SIGV4_DOCS],
    },
    {
      id: 'expired-token',
      situation: 'expired temporary (STS) credentials',
      match: String.raw`\bExpiredToken(?:Exception)?\b|The security token included in the request is expired`,
      status: [400, 403],
      cause: 'expired_token',
      explain:
        'The temporary credentials (ASIA… key and session token) have expired; AssumeRole sessions last one hour by default.',
      fix: [
        'Get fresh credentials (assume the role again, `aws sso login`, or let the SDK credential provider refresh them) instead of exporting them once.',
      ],
      docs: [TEMP_CREDS_DOCS],
    },
    {
      id: 'clock-skew',
      situation: "the request time is too far from AWS's clock",
      match: String.raw`Signature expired: \d{8}T\d{6}Z is now earlier than|Signature not yet current: \d{8}T\d{6}Z is still later than|\bRequestTimeTooSkewed\b|The difference between the request time and the current time is too large`,
      status: [400, 403],
      cause: 'not_yet_valid_or_clock_skew',
      explain:
        'The X-Amz-Date of the request differs from AWS time by more than the allowed window (5 minutes for most services, 15 for S3): the client clock is wrong, or a signed request was replayed late.',
      fix: [
        'Synchronise the machine clock with NTP (containers and suspended laptops drift), then sign again; regenerating keys does not help.',
      ],
      docs: [TROUBLESHOOT_DOCS],
    },
    {
      id: 'request-expired',
      situation: 'a request reached the service too late after its timestamp',
      match: String.raw`\bRequestExpired\b`,
      status: [400],
      cause: 'not_yet_valid_or_clock_skew',
      severity: 'warning',
      confidence: 0.65,
      explain:
        'The request timestamp is more than 15 minutes old (or in the future) by the service clock: a skewed clock, or a request signed long before it was sent.',
      fix: ['Synchronise the clock and sign each request right before sending it.'],
      docs: [COMMON_ERRORS_DOCS],
    },
    {
      id: 'presigned-url-expired',
      situation: 'a presigned URL used after X-Amz-Expires',
      match: '<Message>Request has expired</Message>',
      status: [403],
      cause: 'expired_token',
      confidence: 0.85,
      explain:
        'The presigned URL has passed its expiry (X-Amz-Expires after X-Amz-Date), or the temporary credentials that signed it expired first.',
      fix: [
        'Generate a new presigned URL; sign it with long-lived credentials if it must outlive a role session.',
      ],
      docs: [SIGV4_DOCS],
    },
    {
      id: 'access-denied',
      situation: 'authenticated, but no permission for the action or resource',
      // execute-api:Invoke denials are API Gateway resource or IAM policies, which the API Gateway pack explains.
      match: String.raw`<Code>AccessDenied</Code>|\bAccessDeniedException\b|is not authorized to perform: (?!execute-api:)[a-z0-9-]{2,40}:[A-Za-z0-9*]{1,80}`,
      status: [400, 403],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'The signature was accepted, but a policy denies the action: a missing IAM permission, a bucket or key policy, an explicit deny, a permissions boundary or an organization SCP.',
      fix: [
        'Read the principal ARN and action in the message, and grant that action on that resource (or remove the deny).',
        'Run `aws sts get-caller-identity` to confirm which principal is calling.',
      ],
      docs: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html'],
    },
    {
      id: 'wrong-region',
      situation: 'the request was signed for another region than the endpoint',
      match: String.raw`\bAuthorizationHeaderMalformed\b|the region '[a-z0-9-]{2,30}' is wrong; expecting '[a-z0-9-]{2,30}'|Credential should be scoped to a valid region`,
      status: [400, 403],
      cause: 'wrong_environment',
      confidence: 0.85,
      explain:
        'The credential scope names a region that does not match the endpoint or bucket (for example signing for us-east-1 while calling eu-west-1).',
      fix: ['Sign with the region of the endpoint (or bucket), and call the regional endpoint.'],
      docs: [TROUBLESHOOT_DOCS],
    },
    {
      id: 'wrong-service-scope',
      situation: 'the request was signed for another service than the endpoint',
      match: 'Credential should be scoped to correct service',
      status: [400, 403],
      cause: 'signature_or_key_mismatch',
      explain: 'The service name in the credential scope does not match the endpoint being called.',
      fix: [
        'Sign with the service name the endpoint expects (for example `execute-api` for API Gateway, `s3` for S3).',
      ],
      docs: [TROUBLESHOOT_DOCS],
    },
    {
      id: 's3-invalid-token',
      situation: 'S3: a malformed session token',
      match: '<Code>InvalidToken</Code>',
      status: [400],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.75,
      explain: 'S3 could not read the session token (truncated, or from another partition).',
      fix: ['Send the complete session token issued with the temporary key.'],
      docs: [TEMP_CREDS_DOCS],
    },
  ],
  tokenLifetimes: [
    {
      token: 'STS AssumeRole session',
      seconds: 3600,
      text: "default 1 hour; 15 minutes up to the role's MaxSessionDuration (1–12 hours)",
    },
    { token: 'role chaining session', seconds: 3600, text: 'at most 1 hour' },
    { token: 'GetSessionToken (IAM user)', seconds: 43200, text: 'default 12 hours, 15 minutes to 36 hours' },
    {
      token: 'presigned URL',
      seconds: 604800,
      text: 'at most 7 days (X-Amz-Expires), and never longer than the signing credentials',
    },
  ],
  docs: [
    { title: 'AWS Signature Version 4 for API requests', url: SIGV4_DOCS },
    { title: 'Common errors', url: COMMON_ERRORS_DOCS },
    { title: 'Troubleshoot signed requests', url: TROUBLESHOOT_DOCS },
    { title: 'IAM identifiers', url: IDENTIFIERS_DOCS },
    {
      title: 'GetAccessKeyInfo',
      url: 'https://docs.aws.amazon.com/STS/latest/APIReference/API_GetAccessKeyInfo.html',
    },
    { title: 'Role chaining limit', url: 'https://repost.aws/knowledge-center/iam-role-chaining-limit' },
  ],
  pitfalls: [
    'AWS almost never returns 401: bad credentials are 403 (query/XML APIs) or 400 (JSON APIs), so treat those codes as auth failures when the error code says so.',
    'SigV4 tolerates only about 5 minutes of clock difference (S3 allows 15); fix NTP on the client or container before regenerating keys.',
    "ASIA keys without the matching session token (or an old AWS_SESSION_TOKEN left next to new AKIA keys) give 'security token … is invalid'.",
    'Region and service in the credential scope must match the endpoint; signing for us-east-1 while calling another region fails signature checks.',
    'Role chaining silently caps sessions at 1 hour; requesting longer fails with a DurationSeconds error.',
    "API Gateway (execute-api hosts) has its own pack: its 'Missing Authentication Token' usually means a wrong path or stage, not missing credentials.",
  ],
  rotate: {
    url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
    steps: [
      'If the key leaked, make it inactive at once (IAM console › Users › the user › Security credentials) and check CloudTrail for calls made with its access key ID.',
      'Create a new access key for the IAM user there, or with `aws iam create-access-key --user-name USER`.',
      'Deploy the new key, then deactivate the old one: `aws iam update-access-key --user-name USER --access-key-id OLD_KEY_ID --status Inactive`.',
      'When nothing fails, delete it: `aws iam delete-access-key --user-name USER --access-key-id OLD_KEY_ID`.',
    ],
  },
} satisfies ProviderPackInput;
