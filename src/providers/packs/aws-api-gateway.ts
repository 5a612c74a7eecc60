import type { ProviderPackInput } from '../schema.js';

const ACCESS_DOCS =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html';
const API_KEY_DOCS =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html';
const COGNITO_DOCS =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-integrate-with-cognito.html';
const LAMBDA_AUTH_DOCS =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html';
const JWT_AUTH_DOCS =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html';
const IAM_DOCS = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/permissions.html';
const RESOURCE_POLICY_DOCS =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies.html';
const GATEWAY_RESPONSES_DOCS =
  'https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html';
const MISSING_TOKEN_DOCS = 'https://repost.aws/knowledge-center/api-gateway-authentication-token-errors';
const FORBIDDEN_DOCS = 'https://repost.aws/knowledge-center/api-gateway-troubleshoot-403-forbidden';
const LAMBDA_403_DOCS = 'https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer';
const COGNITO_401_DOCS = 'https://repost.aws/knowledge-center/api-gateway-cognito-401-unauthorized';

/** Commercial regions (the `aws` partition); the invoke URL is `<api-id>.execute-api.<region>.amazonaws.com`. */
const COMMERCIAL_REGIONS = [
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
] as const;

/** Other partitions: separate accounts, credentials and (for China) another domain. */
const OTHER_PARTITIONS = [
  { region: 'us-gov-west-1', suffix: 'amazonaws.com', note: 'AWS GovCloud (US) partition' },
  { region: 'us-gov-east-1', suffix: 'amazonaws.com', note: 'AWS GovCloud (US) partition' },
  { region: 'cn-north-1', suffix: 'amazonaws.com.cn', note: 'AWS China partition' },
  { region: 'cn-northwest-1', suffix: 'amazonaws.com.cn', note: 'AWS China partition' },
] as const;

export const awsApiGateway = {
  id: 'aws-api-gateway',
  name: 'Amazon API Gateway (REST, HTTP and WebSocket APIs)',
  hosts: [
    ...COMMERCIAL_REGIONS.map((region) => ({
      host: `*.execute-api.${region}.amazonaws.com`,
      region,
      note: 'invoke URL: https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/<path> (REST APIs need the stage in the path; HTTP APIs may use $default without one)',
    })),
    ...OTHER_PARTITIONS.map(({ region, suffix, note }) => ({
      host: `*.execute-api.${region}.${suffix}`,
      region,
      note,
    })),
  ],
  auth: [
    {
      in: 'header',
      name: 'x-api-key',
      credential: 'an API Gateway API key attached to a usage plan of the stage being called',
      status: 'accepted',
      note: 'Only REST APIs have API keys, and only methods marked "API key required" read them; a key is an identifier for throttling and quotas, not an authorizer. The key must be in a usage plan linked to this API and stage.',
    },
    {
      in: 'header',
      name: 'Authorization',
      credential:
        'a Cognito user pool token, sent as the bare token with no scheme word (COGNITO_USER_POOLS authorizer on a REST API)',
      status: 'accepted',
      note: 'A Cognito user pool authorizer reads the raw JWT from its token source header (Authorization unless configured otherwise): an ID token when the method has no OAuth scopes, an access token only when the method lists OAuth scopes.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential:
        'a JWT (Cognito or any OIDC issuer) for an HTTP API JWT authorizer, or the token a Lambda authorizer expects',
      status: 'accepted',
      note: 'HTTP API JWT authorizers accept `Bearer <token>`; a Lambda (TOKEN) authorizer receives the header value as sent and decides itself, so which scheme works depends on its code.',
    },
    {
      in: 'header',
      scheme: 'AWS4-HMAC-SHA256',
      credential:
        'a Signature Version 4 signature for service `execute-api` (AWS_IAM authorization), plus X-Amz-Date and, for temporary credentials, X-Amz-Security-Token',
      status: 'accepted',
      note: 'Methods with AWS_IAM authorization accept only a SigV4-signed request: a Bearer token or API key in Authorization is parsed as a broken signature.',
    },
  ],
  headerNames: ['x-amz-apigw-id', 'apigw-requestid'],
  errors: [
    {
      id: 'missing-authentication-token',
      situation:
        'no deployed resource matches the stage, path or method (or an IAM-authorized method called without a signature)',
      match: String.raw`\bMissing Authentication Token\b`,
      status: [403],
      cause: 'wrong_url_or_endpoint',
      confidence: 0.75,
      explain:
        'A REST API answers 403 "Missing Authentication Token" for every request that matches no deployed method, so it is a 404 in disguise far more often than a missing credential: the stage is missing from the URL (/prod/orders, not /orders), the resource path or HTTP method is not defined, or the change was never deployed to this stage. Only when the method does exist and uses AWS_IAM authorization does it mean the request was not signed.',
      fix: [
        "Compare the URL with the stage's invoke URL: https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/<resource path>, including the stage name.",
        'Check that the resource path and HTTP method exist in that stage (`aws apigateway get-resources --rest-api-id <api-id>`), and redeploy the API after changing resources or methods (`aws apigateway create-deployment --rest-api-id <api-id> --stage-name <stage>`).',
        'If the method uses AWS_IAM authorization, sign the request with SigV4 for service execute-api (`curl --aws-sigv4 "aws:amz:<region>:execute-api" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" …`).',
      ],
      docs: [MISSING_TOKEN_DOCS, GATEWAY_RESPONSES_DOCS],
    },
    {
      id: 'incoming-token-expired',
      situation: 'a Cognito user pool token past its expiry',
      match: 'The incoming token has expired',
      status: [401],
      cause: 'expired_token',
      confidence: 0.9,
      explain:
        'The Cognito authorizer checked the token and its exp has passed. Cognito ID and access tokens last 1 hour by default (5 minutes to 1 day, set on the app client).',
      fix: [
        'Get a new ID or access token with the refresh token (Amplify and the Cognito SDKs do this when the session is refreshed) instead of storing one token.',
      ],
      docs: [COGNITO_401_DOCS, COGNITO_DOCS],
    },
    {
      id: 'authorizer-unauthorized',
      situation: 'an authorizer (Cognito, Lambda or JWT) found no usable token in its identity source',
      match: String.raw`x-amzn-ErrorType["':=\s]{1,6}UnauthorizedException\b`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'API Gateway answered 401 Unauthorized from its authorizer: the token source header (Authorization unless configured otherwise) was missing or empty, the token is not from the user pool or issuer the authorizer trusts, has the wrong audience, or — for REST Cognito authorizers — is an access token on a method without OAuth scopes (those take the ID token). A Lambda authorizer that throws "Unauthorized" ends the same way.',
      fix: [
        'Send the token in the header the authorizer reads; for a REST Cognito authorizer that is the bare ID token: `Authorization: <ID_TOKEN>`.',
        'Decode the token and check its iss (the user pool the authorizer uses), aud / client_id, token_use and exp.',
      ],
      docs: [COGNITO_401_DOCS, LAMBDA_AUTH_DOCS],
    },
    {
      id: 'jwt-authorizer-expired',
      situation: 'an HTTP API JWT authorizer rejected an expired token',
      match: String.raw`\bscope="[^"\n]{0,300}" error="invalid_token" error_description="the token has expired`,
      status: [401],
      cause: 'expired_token',
      confidence: 0.9,
      explain: 'The JWT authorizer of this HTTP API says so in WWW-Authenticate: the token’s exp has passed.',
      fix: [
        'Request a new access token from the issuer (or refresh it) and send it as `Authorization: Bearer <token>`.',
      ],
      docs: [JWT_AUTH_DOCS],
    },
    {
      id: 'jwt-authorizer-audience-issuer',
      situation: 'an HTTP API JWT authorizer rejected a token for another audience or issuer',
      match: String.raw`\bscope="[^"\n]{0,300}" error="invalid_token" error_description="the token does not have a valid (?:audience|issuer)`,
      status: [401],
      cause: 'wrong_audience_or_issuer',
      confidence: 0.85,
      explain:
        'The JWT authorizer compares the token’s iss with its issuer URL and its aud (or client_id when there is no aud) with its audience list; this token does not match. Cognito access tokens carry client_id, not aud.',
      fix: [
        'Decode the token and compare iss and aud / client_id with the authorizer’s issuer and audience settings; request the token from that issuer for that audience (app client).',
      ],
      docs: [JWT_AUTH_DOCS],
    },
    {
      id: 'lambda-authorizer-explicit-deny',
      situation: 'a Lambda authorizer returned a policy that denies this call',
      match: 'User is not authorized to access this resource with an explicit deny',
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'The custom (Lambda) authorizer ran and returned an IAM policy with Effect: Deny for this method. Many authorizers return Deny for a token they consider invalid, so the token may be wrong rather than under-privileged; the authorizer’s own CloudWatch log says which.',
      fix: [
        'Read the Lambda authorizer’s log for this request to see why it denied, then send a token it accepts or fix its policy.',
      ],
      docs: [LAMBDA_403_DOCS, LAMBDA_AUTH_DOCS],
    },
    {
      id: 'lambda-authorizer-implicit-deny',
      situation: 'the Lambda authorizer’s policy (often a cached one) does not cover this method or path',
      match: 'User is not authorized to access this resource(?! with an explicit deny)',
      status: [403],
      cause: 'server_misconfiguration',
      severity: 'warning',
      confidence: 0.55,
      explain:
        'The Lambda authorizer returned a policy that does not allow this method ARN. With authorizer caching on, the policy returned for the first path is reused for every path called with the same token within the TTL, so a policy naming only that one method ARN denies the rest.',
      fix: [
        'Make the authorizer return a policy whose Resource covers every method the token may call (for example arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/*), or turn authorizer caching off.',
      ],
      docs: ['https://repost.aws/knowledge-center/api-gateway-lambda-authorization-errors', LAMBDA_403_DOCS],
    },
    {
      id: 'resource-policy-denied',
      situation:
        'the API’s resource policy does not let an unsigned caller in, most often because of its source IP, VPC or VPC endpoint',
      match: String.raw`User: anonymous is not authorized to perform: execute-api:Invoke\b`,
      status: [403],
      cause: 'ip_blocked_or_restricted',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'API Gateway evaluated the API’s resource policy and it does not let this caller invoke the method ("anonymous": no IAM identity was involved, so the resource policy alone decided). Resource policies most often allow only certain source IP ranges (aws:SourceIp), VPCs or VPC endpoints (private APIs), or accounts, so a call from CI, another network or outside the VPC lands here.',
      fix: [
        'Read the API’s resource policy (`aws apigateway get-rest-api --rest-api-id <api-id> --query policy`) and add the caller’s egress IP range, VPC or VPC endpoint, or call from an allowed network.',
        'After changing a resource policy, deploy the API again: the policy takes effect only on a new deployment.',
      ],
      docs: [RESOURCE_POLICY_DOCS, FORBIDDEN_DOCS],
    },
    {
      id: 'iam-caller-denied',
      situation:
        'an IAM-signed caller without permission to invoke this method (IAM policy or resource policy)',
      match: String.raw`User: arn:[^\s]{1,300} is not authorized to perform: execute-api:Invoke\b`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'The SigV4 signature was accepted, but the principal may not call execute-api:Invoke on this method: its IAM policy does not allow the method ARN, the API’s resource policy denies it (an IP, VPC or account condition — "with an explicit deny"), or, for a cross-account or private API, no resource policy allows it ("because no resource-based policy allows").',
      fix: [
        'Allow execute-api:Invoke on arn:aws:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path> in the caller’s IAM policy.',
        'Check the API’s resource policy for a Deny or a missing Allow for this principal, network or VPC endpoint, and redeploy after changing it.',
      ],
      docs: [IAM_DOCS, RESOURCE_POLICY_DOCS],
    },
    {
      id: 'forbidden',
      situation: 'a missing or unknown API key, or a private or disabled endpoint',
      // The bare {"message":"Forbidden"} body is what countless other servers write too; only the error type
      // API Gateway sets alongside it is its own.
      match: String.raw`x-amzn-ErrorType["':=\s]{1,6}ForbiddenException\b`,
      status: [403],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.5,
      explain:
        'A 403 {"message":"Forbidden"} with x-amzn-ErrorType: ForbiddenException is API Gateway’s answer for a method marked "API key required" when the x-api-key header is missing, or the key is unknown, disabled, or not in a usage plan for this API and stage. It also comes from a private API called from outside its VPC endpoint, from an execute-api URL that was disabled in favour of a custom domain, and from AWS WAF.',
      fix: [
        'Send the key in the x-api-key header (`curl -H "x-api-key: <API_KEY>" …`) and check that the key is enabled and in a usage plan attached to this API and stage (`aws apigateway get-usage-plans --key-id <key-id>`).',
        'For a private API, call it from inside the VPC through its VPC endpoint; if the API has a custom domain, use that domain.',
      ],
      docs: [API_KEY_DOCS, FORBIDDEN_DOCS],
    },
    {
      id: 'non-sigv4-authorization',
      situation:
        'a non-SigV4 value in Authorization on a route API Gateway treats as IAM-authorized (or an unknown route)',
      match: String.raw`(?:Invalid|not a valid) key=value pair \(missing equal-sign\) in Authorization header`,
      status: [403],
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'API Gateway tried to read the Authorization header as a SigV4 signature (Credential=…, SignedHeaders=…, Signature=…) and found a Bearer token or API key instead. That happens on methods with AWS_IAM authorization, and also when the path or method does not exist: API Gateway then answers as if IAM were required. Lambda function URLs and other IAM-authorized AWS endpoints give the same message.',
      fix: [
        'If the method uses AWS_IAM authorization, sign the request for service execute-api instead of sending a token: `curl --aws-sigv4 "aws:amz:<region>:execute-api" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" <URL>`.',
        'If it should use a Cognito, JWT or Lambda authorizer, check the URL (stage, path, method) and that the authorizer is attached to this method and deployed.',
      ],
      docs: [IAM_DOCS, MISSING_TOKEN_DOCS],
    },
  ],
  tokenLifetimes: [
    {
      token: 'Cognito ID / access token',
      seconds: 3600,
      text: '1 hour by default; 5 minutes to 1 day, set on the app client',
    },
    { token: 'Lambda authorizer cached policy', seconds: 300, text: '300 seconds by default, up to 3600' },
  ],
  docs: [
    { title: 'Control and manage access to REST APIs in API Gateway', url: ACCESS_DOCS },
    { title: 'Usage plans and API keys', url: API_KEY_DOCS },
    { title: 'Cognito user pool authorizers', url: COGNITO_DOCS },
    { title: 'Lambda authorizers', url: LAMBDA_AUTH_DOCS },
    { title: 'Troubleshooting HTTP API JWT authorizers', url: JWT_AUTH_DOCS },
    { title: 'Resource policies', url: RESOURCE_POLICY_DOCS },
    { title: 'Gateway response types', url: GATEWAY_RESPONSES_DOCS },
  ],
  pitfalls: [
    '"Missing Authentication Token" (403) is a 404 in disguise: check the stage in the URL, the path and the method before credentials.',
    'REST Cognito authorizers take the bare token (`Authorization: <token>`); they want the ID token unless the method lists OAuth scopes, in which case only an access token works.',
    'API keys (x-api-key) are read only by methods marked "API key required", and only when the key is in a usage plan attached to the same API and stage.',
    'Changes to methods, authorizers and resource policies take effect only after a new deployment to the stage.',
    'Lambda authorizers with caching reuse the first policy for every path called with the same token; return a wildcard resource or turn caching off.',
    'AWS_IAM methods need a SigV4 signature for service execute-api; a Bearer token there gives "Invalid key=value pair (missing equal-sign) in Authorization header".',
  ],
} satisfies ProviderPackInput;
