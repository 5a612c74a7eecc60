import rule from '../../../src/rules/ip-restricted.js';
import { defineCases } from '../../support/rule-cases.js';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a broker user that may only log in via localhost',
      paste: `curl -i -u monitor:secret http://mq.internal:15672/api/queues
HTTP/1.1 401 Unauthorized
content-type: application/json

{"error":"not_authorised","reason":"User can only log in via localhost"}`,
      expect: {
        cause: 'ip_blocked_or_restricted',
        severity: 'error',
        evidence: 'response.body',
        detail: ['only log in via localhost'],
        fix: ['dedicated user'],
      },
    },
    {
      name: 'remote logins disabled for the account',
      paste: '{"error":"forbidden","message":"Remote login is disabled for this account"}',
      expect: { cause: 'ip_blocked_or_restricted', severity: 'error' },
    },
    {
      name: '"host not allowed" alone is only a lead (a Host header check says the same)',
      paste: '{"error":"Host not allowed"}',
      expect: { cause: 'ip_blocked_or_restricted', severity: 'warning' },
    },
    {
      name: 'an exchange: the IP is not in the key whitelist',
      paste: '{"code":"50110","msg":"Your IP 203.0.113.9 is not included in your API key\'s IP whitelist."}',
      expect: { cause: 'ip_blocked_or_restricted', severity: 'error', detail: ['203.0.113.9'] },
    },
    {
      name: 'a DNS-provider API: remote IP not authorized, address masked',
      paste: `dnsclient.errors.ApiError: 401: Remote IP is not authorized for this request; called from IP X.X.X.X`,
      expect: {
        cause: 'ip_blocked_or_restricted',
        severity: 'error',
        evidence: 'prose[0]',
        detail: ['Remote IP is not authorized', 'masked'],
        fix: ['ifconfig.me', 'allowlist'],
      },
    },
    {
      name: 'a Google-style key IP restriction over IPv6',
      paste: `{
  "error": {
    "code": 403,
    "message": "The provided API key has an IP address restriction. The originating IP address of the call (2001:db8:85a3::8a2e:370:7334) violates this restriction.",
    "status": "PERMISSION_DENIED"
  }
}`,
      expect: {
        severity: 'error',
        evidence: 'errorBodies[0]',
        detail: ['2001:db8:85a3::8a2e:370:7334', 'IPv6'],
        fix: ['Add 2001:db8:85a3::8a2e:370:7334 to the allowlist', 'curl -4'],
      },
    },
    {
      name: 'an IPv4 address not in the allowlist',
      paste: `curl -i -H "Authorization: Bearer 8e1f3a5c7b9d2e4f6a8c0b2d4f6e8a0c" https://api.brokerage.example/v2/orders
HTTP/1.1 401 Unauthorized
Content-Type: application/json

{"code":"IP_NOT_ALLOWED","message":"Request from IP address 203.0.113.45 is not allowed for this API key"}`,
      expect: { severity: 'error', detail: ['203.0.113.45'], fix: ['Add 203.0.113.45'] },
    },
    {
      name: 'an organization IP allow list',
      paste: `{"message":"Although you appear to have the correct authorization credentials, the \`acme\` organization has an IP allow list enabled, and your IP address is not permitted to access this resource.","status":"403"}`,
      expect: { severity: 'error', detail: ['IP allow list'] },
    },
    {
      name: 'a key restricted to HTTP referrers',
      paste: `{"error":{"code":403,"message":"Requests from referer <empty> are blocked.","status":"PERMISSION_DENIED","details":[{"reason":"API_KEY_HTTP_REFERRER_BLOCKED"}]}}`,
      expect: { severity: 'error', detail: ['referer'], fix: ['referrer list'] },
    },
    {
      name: 'a maps key with application restrictions',
      paste: `{"error_message":"This IP, site or mobile application is not authorized to use this API key. Request received from IP address 198.51.100.23, with empty referer","status":"REQUEST_DENIED"}`,
      expect: { detail: ['198.51.100.23'], fix: ['application restrictions', '198.51.100.23'] },
    },
    {
      name: 'a key restricted to specific IP addresses',
      paste: `HTTP/1.1 403 Forbidden
Content-Type: application/json

{"error":"forbidden","message":"This API key is restricted to specific IP addresses."}`,
      expect: {
        severity: 'error',
        evidence: 'response.body',
        detail: ['restricted to specific IP addresses'],
        fix: ['allowlist'],
      },
    },
    {
      name: 'a Key Vault firewall',
      paste: `Azure.RequestFailedException: Client address is not authorized and caller is not a trusted service.
Client address: 192.0.2.77
Status: 403 (Forbidden)
ErrorCode: Forbidden`,
      expect: { detail: ['Client address is not authorized', '192.0.2.77'], fix: ['allowed networks'] },
    },
    {
      name: 'an ambiguous exchange message is only a warning',
      paste: `{"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}
HTTP 401`,
      expect: { severity: 'warning' },
    },
    {
      name: 'only the user says it',
      paste: `the support agent said our IP is not whitelisted for the token endpoint, we get 401`,
      expect: { severity: 'warning', evidence: 'prose[0]' },
    },
    {
      name: 'an S3 bucket policy that denies requests outside a VPC endpoint',
      paste: `$ aws s3 cp s3://ledger-exports/2025/q3.csv .
fatal error: An error occurred (AccessDenied) when calling the GetObject operation: User: arn:aws:sts::111122223333:assumed-role/etl-runner/i-0abc is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::ledger-exports/2025/q3.csv" with an explicit deny in a resource-based policy

the bucket policy statement that should matter:
  "Sid": "OnlyFromEndpoint", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
  "Condition": { "StringNotEquals": { "aws:SourceVpce": "vpce-0a1b2c3d4e5f60718" } }`,
      expect: {
        severity: 'error',
        detail: ['explicit deny', 'StringNotEquals aws:SourceVpce', 'vpce-0a1b2c3d4e5f60718'],
        fix: ['aws:SourceVpc'],
      },
    },
    {
      name: 'an Allow-only-from-these-addresses policy next to a plain 403: a lead',
      paste: `HTTP/1.1 403 Forbidden
x-amzn-errortype: AccessDeniedException
content-type: application/json

{"Message":"User: anonymous is not authorized to access this resource"}

our API policy has
  "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke",
  "Condition": { "IpAddress": { "aws:SourceIp": ["203.0.113.0/24", "198.51.100.14"] } }`,
      expect: {
        severity: 'warning',
        detail: ['IpAddress aws:SourceIp', '203.0.113.0/24', 'only admits'],
        fix: ['redeploy the stage'],
      },
    },
    {
      name: 'Azure storage with default-deny network rules',
      paste: `Azure.RequestFailedException: This request is not authorized to perform this operation.
Status: 403 (This request is not authorized to perform this operation.)
ErrorCode: AuthorizationFailure

az storage account show output:
"networkAcls": {
  "bypass": "AzureServices",
  "defaultAction": "Deny",
  "ipRules": [ { "action": "Allow", "value": "20.31.4.0/24" } ]
}`,
      expect: {
        severity: 'error',
        detail: ['networkAcls', '20.31.4.0/24'],
        fix: ['Firewalls and virtual networks'],
      },
    },
    {
      name: 'a VPC Service Controls perimeter',
      paste: `{
  "error": {
    "code": 403,
    "message": "Request is prohibited by organization's policy. vpcServiceControlsUniqueIdentifier: 7Hf2kQ9xN3pL",
    "status": "PERMISSION_DENIED",
    "details": [{ "@type": "type.googleapis.com/google.rpc.PreconditionFailure", "violations": [{ "type": "VPC_SERVICE_CONTROLS" }] }]
  }
}`,
      expect: {
        severity: 'error',
        detail: ['vpcServiceControlsUniqueIdentifier'],
        fix: ['perimeter', 'audit logs'],
      },
    },
    {
      name: 'the organization-policy wording alone is a lead',
      paste: `google.api_core.exceptions.Forbidden: 403 Request is prohibited by organization's policy.`,
      expect: { severity: 'warning', detail: ["prohibited by organization's policy"] },
    },
    {
      name: 'a Cosmos DB account firewall',
      paste: `Microsoft.Azure.Cosmos.CosmosException : Response status code does not indicate success: Forbidden (403); Reason: (Request originated from IP 198.51.100.31 through public internet. This is blocked by your Cosmos DB account firewall settings.)`,
      expect: { severity: 'error', detail: ['firewall settings', '198.51.100.31'] },
    },
  ],
  valid: [
    {
      name: 'a localhost dev server mentioned in prose',
      paste: 'I run the API on localhost:8080 while developing.',
    },
    {
      name: 'a plain invalid key',
      paste: `{"error":{"code":401,"message":"API key not valid. Please pass a valid API key.","status":"UNAUTHENTICATED"}}`,
    },
    {
      name: 'an API project not enabled (account state, not IP)',
      paste: `{"error_message":"This API project is not authorized to use this API.","status":"REQUEST_DENIED"}`,
    },
    {
      name: 'an IP address in a log line that is not a restriction',
      paste: `2025-10-01T12:00:01Z 401 GET /v1/orders from 203.0.113.9 - invalid_token`,
    },
    {
      name: 'API, not IP',
      paste: `{"message":"API rate limit exceeded for user. Your API key is not allowed more than 60 requests per minute."}`,
    },
    {
      name: 'a source-IP policy, but the call succeeded',
      paste: `HTTP/2 200
content-type: application/json

{"reports":[]}

policy: "Condition": { "NotIpAddress": { "aws:SourceIp": ["198.51.100.0/24"] } }, "Effect": "Deny"`,
    },
    {
      name: 'an explicit deny with a policy that has no network condition',
      paste: `User: arn:aws:iam::111122223333:user/ci is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:eu-west-1:111122223333:table/jobs with an explicit deny in an identity-based policy

{ "Effect": "Deny", "Action": "dynamodb:*", "Resource": "*", "Condition": { "StringNotEquals": { "aws:PrincipalTag/team": "data" } } }`,
    },
    {
      name: 'an explicit deny and no policy in the paste',
      paste: `An error occurred (AccessDenied) when calling the PutObject operation: User: arn:aws:iam::111122223333:user/ci is not authorized to perform: s3:PutObject with an explicit deny in a service control policy`,
    },
  ],
});
