/**
 * Web servers and proxies that do the authentication themselves (nginx `auth_basic`/`auth_request`, Apache
 * `mod_auth_*`, Traefik and Caddy basic auth), as their error logs say it; and the HTTP stacks of mobile
 * apps (URLSession, OkHttp), whose auth errors hide the server's answer.
 */
import type { LibraryErrorInput } from '../schema.js';

const NGINX_BASIC = 'https://nginx.org/en/docs/http/ngx_http_auth_basic_module.html';
const APACHE_AUTH = 'https://httpd.apache.org/docs/2.4/howto/auth.html';

export const FRONT_END_ERRORS: LibraryErrorInput[] = [
  {
    id: 'nginx-no-basic-credentials',
    library: 'nginx (auth_basic)',
    match: '\\bno user/password was provided for basic authentication\\b',
    cause: 'missing_credentials',
    severity: 'error',
    confidence: 0.85,
    explain:
      'nginx protects this location with `auth_basic` and the request carried no Basic credentials (or carried a Bearer token, which `auth_basic` does not read).',
    fix: [
      'Send Basic credentials (`curl -u <user>:<password> …`); if the app behind nginx has its own token auth, turn `auth_basic` off for the API locations (`auth_basic off;`).',
    ],
    docs: [NGINX_BASIC],
    examples: [
      '[error] 1234#0: *5 no user/password was provided for basic authentication, client: 10.0.0.5, server: _, request: "GET /api/ HTTP/1.1"',
    ],
  },
  {
    id: 'nginx-basic-password-mismatch',
    library: 'nginx (auth_basic)',
    match: '\\buser "[^"\\n]{0,100}": password mismatch\\b|\\buser "[^"\\n]{0,100}" was not found in "',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.88,
    explain:
      "nginx's `auth_basic` did not find the user in the password file, or the password does not match its hash (a file made with an unsupported hash, or for another user).",
    fix: [
      'Recreate the entry with `htpasswd -B /etc/nginx/.htpasswd <user>` (bcrypt needs a recent nginx; otherwise `-m` for apr1) and reload nginx.',
    ],
    docs: [NGINX_BASIC],
    examples: [
      '[error] 1234#0: *9 user "deploy": password mismatch, client: 10.0.0.5',
      '[error] 1234#0: *9 user "admin" was not found in "/etc/nginx/.htpasswd"',
    ],
  },
  {
    id: 'nginx-auth-request-unexpected',
    library: 'nginx (auth_request)',
    match: '\\bauth request unexpected status: \\d{3}\\b',
    cause: 'server_misconfiguration',
    severity: 'warning',
    confidence: 0.6,
    explain:
      'The `auth_request` subrequest answered something other than 2xx/401/403 (a 404 or 500 from a wrong auth URL, a redirect from an auth service that expects a browser), so nginx fails every request.',
    fix: [
      'Call the auth endpoint nginx uses directly with the same headers; it must answer 2xx to allow and 401/403 to deny (no redirects).',
    ],
    docs: ['https://nginx.org/en/docs/http/ngx_http_auth_request_module.html'],
    examples: ['[error] 7#7: *3 auth request unexpected status: 404 while sending to client'],
  },
  {
    id: 'apache-wrong-scheme',
    library: 'Apache httpd',
    match: '\\bAH01614\\b|\\bclient used wrong authentication scheme\\b',
    cause: 'wrong_header_format',
    severity: 'error',
    confidence: 0.86,
    explain:
      'Apache protects this path with its own authentication (Basic or Digest) and the request used another scheme, for example a Bearer token meant for the application behind it.',
    fix: [
      'Send the scheme Apache expects on this path, or exclude the API path from Apache authentication (`<Location /api> Require all granted </Location>`) and let the application check the token.',
    ],
    docs: [APACHE_AUTH],
    examples: [
      '[auth_basic:error] [pid 211] [client 10.0.0.7:51234] AH01614: client used wrong authentication scheme: /api/orders',
    ],
  },
  {
    id: 'apache-password-mismatch',
    library: 'Apache httpd',
    match:
      '\\bAH01617\\b|\\bauthentication failure for "[^"\\n]{0,200}": Password Mismatch\\b|\\bAH01618\\b|\\buser [^\\s:]{1,100} not found: /',
    cause: 'invalid_credentials',
    severity: 'error',
    confidence: 0.88,
    explain:
      "Apache's Basic authentication did not find the user in its password file, or the password does not match.",
    fix: [
      'Check the user in the `AuthUserFile` (`htpasswd -v <file> <user>` verifies a password), and recreate it if needed.',
    ],
    docs: [APACHE_AUTH],
    examples: [
      'AH01617: user deploy: authentication failure for "/reports": Password Mismatch',
      'AH01618: user admin not found: /reports',
    ],
  },
  {
    id: 'ios-user-authentication-required',
    library: 'URLSession (iOS, macOS)',
    match: '\\bNSURLErrorUserAuthenticationRequired\\b|\\bNSURLErrorDomain (?:Code=|error )-1013\\b',
    cause: 'missing_credentials',
    severity: 'warning',
    confidence: 0.6,
    explain:
      "URLSession got a 401 with an authentication challenge it could not answer and gave up (-1013): no credential was supplied through the session delegate, and an `Authorization` header set on the session configuration may be replaced by URLSession's own handling.",
    fix: [
      'Set `Authorization` on each `URLRequest` (`request.setValue("Bearer \\(token)", forHTTPHeaderField: "Authorization")`) rather than in `httpAdditionalHeaders`, or answer the challenge in `urlSession(_:task:didReceive:completionHandler:)`.',
    ],
    docs: [
      'https://developer.apple.com/documentation/foundation/urlsessionconfiguration/1411532-httpadditionalheaders',
    ],
    examples: [
      'Error Domain=NSURLErrorDomain Code=-1013 "The operation couldn’t be completed. (NSURLErrorDomain error -1013.)"',
    ],
  },
  {
    id: 'okhttp-authenticator-loop',
    library: 'OkHttp (Android, JVM)',
    match: '\\bToo many follow-up requests: \\d{2}\\b',
    cause: 'invalid_credentials',
    severity: 'warning',
    confidence: 0.5,
    explain:
      'OkHttp retried the request 20 times: usually an `Authenticator` that answers every 401 with the same (refreshed but still refused) credential, so it loops; sometimes a redirect loop.',
    fix: [
      'In the `Authenticator`, return null when the request already carried the credential you would add (`response.request.header("Authorization")`) or after one retry (`responseCount(response) >= 2`), and log why the refreshed token is refused.',
    ],
    docs: ['https://square.github.io/okhttp/recipes/#handling-authentication-kt-java'],
    examples: ['java.net.ProtocolException: Too many follow-up requests: 21'],
  },
];
