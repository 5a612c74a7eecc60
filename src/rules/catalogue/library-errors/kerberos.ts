/**
 * Windows integrated authentication: Kerberos and SPNEGO (`WWW-Authenticate: Negotiate`) as Java's GSS-API,
 * MIT/Heimdal krb5, Windows and Python's gssapi word it, NTLM fallbacks, and IIS's 401 sub-statuses. Most of
 * these failures are about tickets, keytabs, service principal names and clocks, not about the password.
 */
import type { LibraryErrorInput } from '../schema.js';

const KRB = 'Kerberos (GSS-API, SPNEGO)';
const ELASTIC_KRB =
  'https://www.elastic.co/guide/en/elasticsearch/reference/current/trb-security-kerberos.html';
const MS_KRB =
  'https://learn.microsoft.com/troubleshoot/windows-server/windows-security/kerberos-authentication-troubleshooting-guidance';
const IIS_401 =
  'https://learn.microsoft.com/troubleshoot/developer/webapps/iis/health-diagnostic-performance/http-status-code';

export const KERBEROS_ERRORS: LibraryErrorInput[] = [
  {
    id: 'kerberos-clock-skew',
    library: KRB,
    match:
      '\\bClock skew too great\\b|\\bKRB5?_?(?:KRB_)?AP_ERR_SKEW\\b|\\bKRB_AP_ERR_TKT_NYV\\b|\\bTicket not yet valid\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.93,
    explain:
      'Kerberos refuses tickets when the clocks of the client, the server and the domain controller (KDC) differ by more than the tolerance (5 minutes by default). One of the machines lost its time sync: a VM moved to another host, a stopped NTP/chrony/w32time service, a container host that drifted.',
    fix: [
      'Compare the time on the server, the client and the domain controller (`date -u`, `w32tm /stripchart /computer:<dc>`), then re-enable time sync on the one that drifted (`timedatectl set-ntp true`, `systemctl enable --now chronyd`, `w32tm /resync`).',
      'Do not raise `clockskew` in krb5.conf to hide it; a synced clock is what the protocol needs.',
    ],
    docs: [ELASTIC_KRB, MS_KRB],
    examples: [
      'GSSException: Failure unspecified at GSS-API level (Mechanism level: Clock skew too great (37))',
      'kinit: Clock skew too great while getting initial credentials',
      'KrbException: Clock skew too great (37) - PROCESS_TGS',
      'KRB_AP_ERR_SKEW',
    ],
    near: ['clock skew tolerance is 300 seconds'],
  },
  {
    id: 'kerberos-replay',
    library: KRB,
    match: '\\bRequest is a replay\\b|\\bKRB5?_?(?:KRB_)?AP_ERR_REPEAT\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'warning',
    confidence: 0.6,
    explain:
      'The server saw the same Kerberos authenticator twice. Usually a clock problem (replay detection works within the clock-skew window), sometimes several servers behind a load balancer sharing one service principal, or a client that retries with the same token.',
    fix: [
      'Check that the servers and the domain controller agree on the time (NTP), and that each node behind a balancer accepts tickets for the shared service name.',
    ],
    docs: [ELASTIC_KRB],
    examples: [
      'GSSException: Failure unspecified at GSS-API level (Mechanism level: Request is a replay (34))',
    ],
  },
  {
    id: 'kerberos-ticket-expired',
    library: KRB,
    match: '\\bTicket expired\\b|\\bKRB5?_?(?:KRB_)?AP_ERR_TKT_EXPIRED\\b|\\bKDC_ERR_TGT_REVOKED\\b',
    cause: 'expired_token',
    severity: 'error',
    confidence: 0.88,
    explain:
      "The client's Kerberos ticket (or the ticket-granting ticket behind it) has expired; tickets live about 10 hours and must be renewed or obtained again.",
    fix: [
      'Get a new ticket (`kinit`, or sign out and in on Windows; `klist purge` clears stale ones) and retry; long-running services should renew from a keytab (`kinit -k -t <keytab> <principal>`, or a JAAS config with `useKeyTab=true`).',
    ],
    docs: [MS_KRB],
    examples: ['GSSException: No valid credentials provided (Mechanism level: Ticket expired (32))'],
  },
  {
    id: 'kerberos-no-ticket',
    library: KRB,
    match:
      "\\bFailed to find any Kerberos (?:tgt|credentials)\\b|\\bNo Kerberos credentials available\\b|\\bNo credentials cache found\\b|\\bCredentials cache (?:file )?'[^'\\n]{1,200}' not found\\b|\\bGSS_S_NO_CRED\\b|\\bUnable to obtain Principal Name for authentication\\b|\\bNo credential found for: 1\\.2\\.840\\.113554\\.1\\.2\\.2\\b",
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The client had no Kerberos ticket to send: no `kinit` was done for this user (or the process runs as another user, in a container, or without the domain login), so SPNEGO had nothing to offer.',
    fix: [
      'Obtain a ticket as the user that runs the client (`kinit user@REALM`, then `klist` to check), or give the service a keytab; with curl use `--negotiate -u :` after `kinit`.',
    ],
    docs: [ELASTIC_KRB],
    examples: [
      'GSSException: No valid credentials provided (Mechanism level: Failed to find any Kerberos tgt)',
      'klist: No credentials cache found (filename: /tmp/krb5cc_1000)',
    ],
  },
  {
    id: 'kerberos-bad-password',
    library: KRB,
    match:
      '\\bPre-?authentication (?:information was invalid|failed)\\b|\\bKDC_ERR_PREAUTH_FAILED\\b|\\bClient not found in Kerberos database\\b|\\bKDC_ERR_C_PRINCIPAL_UNKNOWN\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The domain controller refused the client itself: the password (or the key in the keytab) is wrong, or the principal name does not exist in that realm (a typo, a lowercase realm, another domain).',
    fix: [
      'Check the principal name and realm (`user@EXAMPLE.COM`, realm in upper case) and the password; for a keytab, recreate it after the account password changed.',
    ],
    docs: [MS_KRB],
    examples: [
      'kinit: Preauthentication failed while getting initial credentials',
      'KrbException: Pre-authentication information was invalid (24)',
      'Client not found in Kerberos database (6)',
    ],
  },
  {
    id: 'kerberos-keytab-key',
    library: KRB,
    match:
      '\\bChecksum failed\\b|\\bKRB5?_?(?:KRB_)?AP_ERR_BAD_INTEGRITY\\b|\\bIntegrity check on decrypted field failed\\b|\\bSpecified version of key is not available\\b|\\bKRB5?_?(?:KRB_)?AP_ERR_BADKEYVER\\b|\\bCannot find key of appropriate type to decrypt AP[- ]?RE[QP]\\b|\\bkvno \\d{1,6} not found in keytab\\b|\\bKDC has no support for encryption type\\b|\\bKDC_ERR_ETYPE_NOSUPP\\b|\\bEncryption type [\\w-]{1,40} is not supported/enabled\\b',
    cause: 'server_misconfiguration',
    severity: 'warning',
    confidence: 0.7,
    explain:
      "The server could not decrypt the client's ticket with the key in its keytab: the keytab is stale (the service account's password changed, so its key version moved on), holds another principal or encryption type (RC4 vs AES), or was made for another host name. Valid users are refused until the keytab matches the domain. (On the client side, the same words after `kinit` mean a wrong password.)",
    fix: [
      'Regenerate the keytab for the service principal the clients ask for (`HTTP/<host-fqdn>@REALM`) with the current key version and the AES encryption types (`ktpass ... /crypto AES256-SHA1` or `ktutil`), and compare `klist -k -e -t <keytab>` with the account in the directory.',
      'Make sure the service account allows the encryption types in the keytab ("This account supports Kerberos AES 256 bit encryption").',
    ],
    docs: [ELASTIC_KRB, MS_KRB],
    examples: [
      'GSSException: Failure unspecified at GSS-API level (Mechanism level: Checksum failed)',
      'KrbException: Specified version of key is not available (44)',
      'GSSException: Failure unspecified at GSS-API level (Mechanism level: Invalid argument (400) - Cannot find key of appropriate type to decrypt AP REP - AES256 CTS mode with HMAC SHA1-96)',
    ],
  },
  {
    id: 'kerberos-unknown-service',
    library: KRB,
    match:
      '\\bServer not found in Kerberos database\\b|\\bKDC_ERR_S_PRINCIPAL_UNKNOWN\\b|\\bKRB5KDC_ERR_S_PRINCIPAL_UNKNOWN\\b',
    cause: 'server_misconfiguration',
    severity: 'warning',
    confidence: 0.68,
    explain:
      'The domain controller has no service principal (SPN) for the name the client asked a ticket for. Either the SPN `HTTP/<host>` is not registered on the service account, or the client reached the service under another name (an IP address, a CNAME alias, a load-balancer name) for which no SPN exists; the browser then falls back to NTLM or shows a password prompt.',
    fix: [
      'Register the SPN for the exact host name clients use (`setspn -S HTTP/app.example.com <service-account>`; check duplicates with `setspn -X`), and call the service by that fully qualified name, not by IP.',
    ],
    docs: [MS_KRB],
    examples: ['KrbException: Server not found in Kerberos database (7) - LOOKING_UP_SERVER'],
  },
  {
    id: 'spnego-ntlm-token',
    library: 'SPNEGO (Negotiate) servers',
    match:
      '\\bDefective token detected\\b|\\bGSSHeader did not find the right tag\\b|\\bNegotiate TlRMTVNTUA|\\bNTLM (?:token|authentication) (?:is )?not supported\\b',
    cause: 'wrong_token_type',
    severity: 'warning',
    confidence: 0.68,
    explain:
      'The client answered the `Negotiate` challenge with an NTLM token (it starts `TlRMTVNTUA…`) instead of a Kerberos ticket, and the server only accepts Kerberos. Browsers and Windows fall back to NTLM when they cannot get a ticket for the host: the site is not in the Local Intranet zone (or not allowed by `AuthServerAllowlist`), it was reached by IP or an alias without an SPN, or the client machine is not in the domain.',
    fix: [
      'Open the site by the fully qualified host name that has the SPN `HTTP/<host>`, and add it to the Local Intranet zone (Windows/Edge/Chrome) or `network.negotiate-auth.trusted-uris` (Firefox).',
      'On the client, `klist get HTTP/<host>` shows whether a ticket for the service can be obtained.',
    ],
    docs: [MS_KRB],
    examples: [
      'org.ietf.jgss.GSSException: Defective token detected (Mechanism level: GSSHeader did not find the right tag)',
      'Negotiate Header was invalid: Negotiate TlRMTVNTUAABAAAAl4II4gAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==',
    ],
  },
  {
    id: 'kerberos-validation-failed',
    library: KRB,
    tier: 'generic',
    match:
      '\\bKerberos validation not successful\\b|\\bFailure unspecified at GSS-API level\\b|\\bgss_(?:accept|init)_sec_context\\(\\) failed\\b|\\bUnspecified GSS failure\\b|\\bSPNEGO authentication failed\\b',
    cause: 'server_misconfiguration',
    severity: 'warning',
    confidence: 0.4,
    explain:
      "The Kerberos ticket was refused; the reason is in the `Caused by`/`Mechanism level` part of the log. Most often it is the server's keytab or service principal name, the clocks, or a client that sent NTLM instead of Kerberos.",
    fix: [
      'Turn on Kerberos debugging (`-Dsun.security.krb5.debug=true`, `KRB5_TRACE=/dev/stderr`) and read the innermost cause; then check the keytab (`klist -k`), the SPN (`setspn -L`) and the clocks.',
    ],
    docs: [ELASTIC_KRB],
    examples: [
      'BadCredentialsException: Kerberos validation not successful',
      'gss_accept_sec_context() failed: Unspecified GSS failure.  Minor code may provide more information',
    ],
  },
  {
    id: 'windows-logon-failure',
    library: 'Windows / IIS',
    match:
      '\\b(?:NT_)?STATUS_LOGON_FAILURE\\b|\\b0xC000006D\\b|\\bHTTP Error 401\\.1\\b|\\b401\\.1 [-–] Unauthorized\\b|\\busing the credentials that you supplied\\b|\\bLogon failure: unknown user name or bad password\\b',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.8,
    explain:
      'Windows (or IIS) could not log the user on: the user name, domain or password is wrong, the account is locked, or the NTLM/Basic credentials were sent for another domain (`DOMAIN\\user` vs `user@domain`).',
    fix: [
      'Check the user name form the server expects (`DOMAIN\\user` or `user@domain.example`) and the password; check the account is not locked or expired in the directory.',
    ],
    docs: [IIS_401],
    examples: [
      'HTTP Error 401.1 - Unauthorized: You do not have permission to view this directory or page using the credentials that you supplied.',
      'NT_STATUS_LOGON_FAILURE',
    ],
  },
  {
    id: 'iis-no-common-scheme',
    library: 'IIS',
    match:
      '\\bHTTP Error 401\\.2\\b|\\b401\\.2 [-–] Unauthorized\\b|\\bdue to invalid authentication headers\\b',
    cause: 'wrong_header_format',
    severity: 'warning',
    confidence: 0.65,
    explain:
      'IIS found no authentication method it has enabled in the request: the client sent another scheme (Basic or a Bearer token to a site with only Windows Authentication, or nothing where Anonymous is off), or the enabled providers (Negotiate, NTLM, Basic) do not include what the client can do.',
    fix: [
      "Compare the site's enabled methods (IIS Manager → Authentication, and the `WWW-Authenticate` headers of the 401) with what the client sends; enable the method the client uses, or make the client use the offered one (curl: `--negotiate -u :` or `--ntlm -u 'DOMAIN\\\\user'`).",
    ],
    docs: [IIS_401],
    examples: [
      'HTTP Error 401.2 - Unauthorized: You are not authorized to view this page due to invalid authentication headers.',
    ],
  },
  {
    id: 'iis-acl',
    library: 'IIS',
    match:
      '\\bHTTP Error 401\\.3\\b|\\b401\\.3 [-–] Unauthorized\\b|\\bdue to an ACL set on the requested resource\\b',
    cause: 'insufficient_scope_or_permissions',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The user was authenticated, but the file-system permissions (NTFS ACL) on the requested file or folder do not allow that user (or the application pool identity, for anonymous requests) to read it.',
    fix: [
      'Grant read access on the folder to the authenticated user or group (or to `IIS AppPool\\<pool>` / `IUSR` for anonymous access).',
    ],
    docs: [IIS_401],
    examples: [
      'HTTP Error 401.3 - Unauthorized: You do not have permission to view this directory or page because of the access control list (ACL) configuration or encryption settings for this resource on the Web server.',
      'You are not authorized to view this page due to an ACL set on the requested resource.',
    ],
  },
];
