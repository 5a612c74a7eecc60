/**
 * Browser consoles on a failed CORS preflight. The preflight (OPTIONS) never carries `Authorization` or
 * cookies, so an API that checks credentials before answering OPTIONS fails it, and the real request is
 * never sent. Chrome, Firefox and Safari each word it their own way.
 */
import type { LibraryErrorInput } from '../schema.js';

const PREFLIGHT_DOCS = 'https://developer.mozilla.org/en-US/docs/Glossary/Preflight_request';
const PREFLIGHT_FIX = [
  'Answer OPTIONS before authentication, without requiring credentials: 204 with `Access-Control-Allow-Origin`, `Access-Control-Allow-Methods` and `Access-Control-Allow-Headers: Authorization, Content-Type`.',
  'Express: `app.use(cors())` before the auth middleware; ASP.NET Core: `app.UseCors()` before `UseAuthentication()`; Spring Security: `http.cors()` and permit `OPTIONS`; nginx: `if ($request_method = OPTIONS) { return 204; }` ahead of `auth_request`; API Gateway: enable CORS so OPTIONS has no authorizer.',
];

export const BROWSER_ERRORS: LibraryErrorInput[] = [
  {
    id: 'cors-preflight-unauthorized',
    library: 'the browser (CORS)',
    match:
      '\\bpreflight\\b[^\\n]{0,120}\\b(?:status(?: code)?:? ?(?:401|403)|invalid HTTP status code (?:401|403))\\b|\\bPreflight response is not successful\\. Status code: (?:401|403)\\b',
    cause: 'credentials_dropped_in_transit',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The browser sent the CORS preflight (an OPTIONS request, which never carries `Authorization` or cookies) and the API answered it 401/403 because it checks credentials on OPTIONS too. The real request, with the token, is never sent.',
    fix: PREFLIGHT_FIX,
    docs: [PREFLIGHT_DOCS],
    examples: [
      'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/v1/me. (Reason: CORS preflight response did not succeed). Status code: 401.',
      'Preflight response is not successful. Status code: 401',
      'Response for preflight has invalid HTTP status code 401',
    ],
    near: ['preflight OK in 12 ms'],
  },
  {
    id: 'cors-preflight-not-ok',
    library: 'the browser (CORS)',
    match:
      "\\bResponse to preflight request doesn[’']t pass access control check: It does not have HTTP ok status\\b|\\bResponse for preflight does not have HTTP ok status\\b|\\bCORS preflight response did not succeed\\b|\\bPreflight response is not successful\\b",
    cause: 'credentials_dropped_in_transit',
    severity: 'warning',
    confidence: 0.65,
    explain:
      'The CORS preflight (OPTIONS) got a non-2xx answer, so the browser never sent the real request. For an API that needs a token the usual reason is that OPTIONS goes through the authentication check: the preflight carries no `Authorization`, gets 401, and fails. (A 404/405 for OPTIONS, or an error page, fails the same way.)',
    fix: PREFLIGHT_FIX,
    docs: [PREFLIGHT_DOCS],
    examples: [
      "Access to fetch at 'https://api.example.com/v1/me' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok status.",
      'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/. (Reason: CORS preflight response did not succeed).',
    ],
    near: [
      "Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present",
    ],
  },
];
