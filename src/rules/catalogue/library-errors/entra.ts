/**
 * Microsoft Entra ID (Azure AD) sign-in errors as MSAL, ADAL, Azure.Identity and the token endpoint print
 * them: the `AADSTS` codes that decide most Microsoft 401s before a request ever reaches an API.
 */
import type { LibraryErrorInput } from '../schema.js';

const CODES = 'https://learn.microsoft.com/entra/identity-platform/reference-error-codes';
const LIB = 'Microsoft Entra ID (MSAL, Azure.Identity)';

export const ENTRA_ERRORS: LibraryErrorInput[] = [
  {
    id: 'entra-app-not-found',
    library: LIB,
    match:
      "\\bAADSTS700016\\b[^\\n]{0,120}|\\bApplication with identifier '[^'\\n]{1,120}' was not found in the directory\\b",
    cause: 'wrong_environment',
    severity: 'error',
    confidence: 0.86,
    explain:
      'The client ID is not registered in the tenant the request went to: the app lives in another tenant (use that tenant ID, or make the app multi-tenant and consent it here), or the client ID is mistyped.',
    fix: [
      "Use the tenant where the app registration lives in the authority URL (`https://login.microsoftonline.com/<tenant-id>`), and copy the Application (client) ID from that registration's overview page.",
    ],
    docs: [CODES],
    examples: [
      "AADSTS700016: Application with identifier 'a1b2' was not found in the directory 'contoso.onmicrosoft.com'.",
    ],
  },
  {
    id: 'entra-tenant-not-found',
    library: LIB,
    match: "\\bAADSTS90002\\b[^\\n]{0,120}|\\bTenant '[^'\\n]{1,120}' not found\\b",
    cause: 'wrong_environment',
    severity: 'error',
    confidence: 0.88,
    explain:
      'The tenant in the authority URL does not exist (a typo, a tenant of another cloud such as Azure Government or China, or a deleted tenant).',
    fix: [
      'Use the Directory (tenant) ID from the app registration, and the authority host of the right cloud.',
    ],
    docs: [CODES],
    examples: ["AADSTS90002: Tenant 'contoso-dev.onmicrosoft.com' not found."],
  },
  {
    id: 'entra-user-not-in-tenant',
    library: LIB,
    match:
      '\\bAADSTS50020\\b[^\\n]{0,120}|\\bdoes not exist in tenant\\b[^\\n]{0,120}\\bcannot access the application\\b',
    cause: 'wrong_environment',
    severity: 'error',
    confidence: 0.82,
    explain:
      "The user's account belongs to another tenant and the app only signs in users of its own (single-tenant, or the guest was never invited), or the `/common` endpoint was used for a single-tenant app.",
    fix: [
      'Sign in through the tenant-specific authority, invite the user as a guest, or make the app registration multi-tenant (accounts in any organizational directory).',
    ],
    docs: [CODES],
    examples: [
      "AADSTS50020: User account 'bob@fabrikam.com' from identity provider 'live.com' does not exist in tenant 'Contoso' and cannot access the application.",
    ],
  },
  {
    id: 'entra-client-secret-expired',
    library: LIB,
    match:
      "\\bAADSTS7000222\\b[^\\n]{0,120}|\\bThe provided client secret keys? (?:for app '[^'\\n]{1,120}' )?are expired\\b",
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.92,
    explain:
      "The app registration's client secret has expired (secrets last at most two years, often 6 months).",
    fix: [
      'Create a new client secret in the app registration (Certificates & secrets), update it everywhere it is configured, and delete the expired one.',
    ],
    docs: [CODES],
    examples: ["AADSTS7000222: The provided client secret keys for app 'a1b2' are expired."],
  },
  {
    id: 'entra-invalid-client-secret',
    library: LIB,
    match: '\\bAADSTS7000215\\b[^\\n]{0,120}|\\bInvalid client secret (?:is )?provided\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.9,
    explain:
      "The client secret does not match the app: most often the secret's ID was copied instead of its Value (the value is only shown once, right after creation), or the secret belongs to another app registration.",
    fix: ['Create a new secret and copy its Value (not the Secret ID) into the configuration.'],
    docs: [CODES],
    examples: [
      'AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
    ],
  },
  {
    id: 'entra-missing-client-credential',
    library: LIB,
    match:
      "\\bAADSTS7000218\\b[^\\n]{0,120}|\\bThe request body must contain the following parameter: '(?:client_assertion|client_secret)'",
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.86,
    explain:
      'The token request carried no client credential, and the app registration is a confidential client: either send the secret or certificate, or (for device code, ROPC or desktop flows) set "Allow public client flows" to Yes.',
    fix: [
      'Send `client_secret` (or a certificate assertion), or enable public client flows on the app registration for flows that cannot hold a secret.',
    ],
    docs: [CODES],
    examples: [
      "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
    ],
  },
  {
    id: 'entra-assertion-signature',
    library: LIB,
    match:
      '\\bAADSTS700027\\b[^\\n]{0,120}|\\bClient assertion failed signature validation\\b|\\bAADSTS700023\\b[^\\n]{0,120}',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.88,
    explain:
      'The client assertion (certificate credential) is signed with a certificate the app registration does not have: another certificate, an expired one that was replaced, or the thumbprint (`x5t`) of another cert.',
    fix: [
      "Upload the certificate's public part to the app registration (Certificates & secrets), or sign with the one that is registered.",
    ],
    docs: [CODES],
    examples: ['AADSTS700027: Client assertion failed signature validation.'],
  },
  {
    id: 'entra-resource-not-found',
    library: LIB,
    match:
      '\\bAADSTS500011\\b[^\\n]{0,120}|\\bThe resource principal named [^\\n]{1,200} was not found in the tenant\\b',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    confidence: 0.86,
    explain:
      'The token was requested for a resource (API) that has no service principal in this tenant: a mistyped scope or App ID URI, an API registered in another tenant, or a multi-tenant API that was never consented here.',
    fix: [
      'Request the scope exactly as the API exposes it (`api://<app-id>/.default` or the App ID URI), and have an admin consent the API in this tenant.',
    ],
    docs: [CODES],
    examples: [
      'AADSTS500011: The resource principal named api://orders-api was not found in the tenant named Contoso.',
    ],
  },
  {
    id: 'entra-consent-required',
    library: LIB,
    match: '\\bAADSTS65001\\b[^\\n]{0,120}|\\bhas not consented to use the application\\b',
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.88,
    explain: 'Nobody (user or admin) has consented to the permissions the app asks for in this tenant.',
    fix: [
      'Grant admin consent for the API permissions (app registration → API permissions → Grant admin consent), or let the user consent interactively.',
    ],
    docs: [CODES],
    examples: [
      "AADSTS65001: The user or administrator has not consented to use the application with ID 'a1b2'.",
    ],
  },
  {
    id: 'entra-not-assigned',
    library: LIB,
    match: '\\bAADSTS50105\\b[^\\n]{0,120}|\\bis not assigned to a role for the application\\b',
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.88,
    explain:
      'The enterprise application requires user assignment and this user (or a group of theirs) is not assigned.',
    fix: [
      'Assign the user or a group to the enterprise application (Users and groups), or turn off "Assignment required".',
    ],
    docs: [CODES],
    examples: [
      "AADSTS50105: Your administrator has configured the application to block users unless they are specifically granted ('assigned') access.",
    ],
  },
  {
    id: 'entra-mfa-required',
    library: LIB,
    match:
      '\\bAADSTS50076\\b[^\\n]{0,120}|\\bAADSTS50079\\b[^\\n]{0,120}|\\bAADSTS50158\\b[^\\n]{0,120}|\\bDue to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication\\b',
    cause: 'other',
    severity: 'error',
    confidence: 0.86,
    explain:
      'Conditional Access requires multi-factor authentication for this sign-in, which a non-interactive flow (username/password ROPC, a script, a service) cannot perform.',
    fix: [
      'Use an interactive flow that can do MFA, or, for automation, a service principal (client credentials with a certificate or secret, or a managed identity) instead of a user account.',
    ],
    docs: [CODES],
    examples: [
      'AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.',
    ],
  },
  {
    id: 'entra-conditional-access',
    library: LIB,
    match:
      '\\bAADSTS53003\\b[^\\n]{0,120}|\\bAccess has been blocked by Conditional Access policies\\b|\\bAADSTS53000\\b[^\\n]{0,120}|\\bAADSTS530003\\b[^\\n]{0,120}',
    cause: 'ip_blocked_or_restricted',
    severity: 'warning',
    confidence: 0.62,
    explain:
      'A Conditional Access policy blocked the sign-in: commonly a location rule (the request comes from outside the trusted IP ranges or countries), a device that is not compliant or not joined, or a client app type that is blocked.',
    fix: [
      "Look up the sign-in in Entra ID's sign-in logs (the correlation ID in the error finds it): the Conditional Access tab names the policy and the condition that failed.",
    ],
    docs: [CODES],
    examples: [
      'AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
    ],
  },
  {
    id: 'entra-bad-password',
    library: LIB,
    match:
      '\\bAADSTS50126\\b[^\\n]{0,120}|\\bError validating credentials due to invalid username or password\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.88,
    explain:
      'The user name or password is wrong (or a federated user tried a password flow that the identity provider does not support).',
    fix: [
      'Check the user principal name and password; federated (ADFS, third-party IdP) accounts cannot use the password (ROPC) flow.',
    ],
    docs: [CODES],
    examples: ['AADSTS50126: Error validating credentials due to invalid username or password.'],
  },
  {
    id: 'entra-account-state',
    library: LIB,
    match:
      "\\bAADSTS50057\\b[^\\n]{0,120}|\\bAADSTS50053\\b[^\\n]{0,120}|\\bAADSTS7000112\\b[^\\n]{0,120}|\\bThe user account is disabled\\b|\\bApplication '[^'\\n]{1,120}' is disabled\\b",
    cause: 'account_or_billing_state',
    severity: 'error',
    confidence: 0.88,
    explain: 'The user account (or the application) is disabled or locked in the directory.',
    fix: ['Have an administrator enable or unlock the account (or the enterprise application).'],
    docs: [CODES],
    examples: [
      'AADSTS50057: The user account is disabled.',
      "AADSTS7000112: Application 'a1b2'(reporting) is disabled.",
    ],
  },
  {
    id: 'entra-grant-expired',
    library: LIB,
    match:
      '\\bAADSTS700082\\b[^\\n]{0,120}|\\bAADSTS70008\\b[^\\n]{0,120}|\\bAADSTS50173\\b[^\\n]{0,120}|\\bThe refresh token has expired due to inactivity\\b|\\bThe provided grant has expired due to it being revoked\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.9,
    explain:
      'The refresh token or authorization code can no longer be used: it expired (90 days of inactivity, codes after 10 minutes) or was revoked (password change, admin revocation).',
    fix: [
      'Sign the user in interactively again to get a new refresh token; clear the token cache the app keeps.',
    ],
    docs: [CODES],
    examples: [
      'AADSTS700082: The refresh token has expired due to inactivity.',
      'AADSTS50173: The provided grant has expired due to it being revoked.',
    ],
  },
  {
    id: 'entra-assertion-time',
    library: LIB,
    match: '\\bAADSTS700024\\b[^\\n]{0,120}|\\bClient assertion is not within its valid time range\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.88,
    explain:
      "The client assertion's `nbf`/`exp` window does not contain Entra's current time: the clock of the machine that signs it is off, or the assertion was built once and reused after it expired (they should live a few minutes).",
    fix: [
      'Sync the clock of the signing machine (NTP) and build a fresh assertion for every token request (MSAL and Azure.Identity do).',
    ],
    docs: [CODES],
    examples: [
      'AADSTS700024: Client assertion is not within its valid time range. Current time: 2026-01-15T12:00:00Z, assertion valid from 2026-01-15T12:09:00Z',
    ],
  },
  {
    id: 'entra-obo-expired',
    library: LIB,
    match: '\\bAADSTS500133\\b[^\\n]{0,120}',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.86,
    explain: 'The on-behalf-of flow was given an incoming access token that had already expired.',
    fix: [
      'Let the client refresh its access token before calling the API that performs the on-behalf-of exchange.',
    ],
    docs: [CODES],
    examples: [
      'AADSTS500133: Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion.',
    ],
  },
  {
    id: 'entra-implicit-disabled',
    library: LIB,
    match:
      "\\bAADSTS700054\\b[^\\n]{0,120}|\\bresponse_type 'id_token' is not enabled for the application\\b",
    cause: 'server_misconfiguration',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The app asks for tokens from the authorize endpoint (implicit/hybrid flow) but the app registration does not allow it.',
    fix: [
      'Use the authorization code flow with PKCE (MSAL.js 2+), or enable ID tokens/access tokens under Authentication → Implicit grant.',
    ],
    docs: [CODES],
    examples: ["AADSTS700054: response_type 'id_token' is not enabled for the application."],
  },
];
