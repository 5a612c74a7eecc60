/**
 * Which names carry credentials: header names, query parameters, cookie names and JSON / form keys.
 * A value under such a name is a credential because of where it is, whatever it looks like.
 */

const CREDENTIAL_WORD =
  /(?:^|[-_.])(?:api-?key|apikey|key|token|auth|authorization|secret|password|passwd|pwd|session|sessionid|sid|signature|sig|credentials?|pat|jwt|bearer|cookie)(?:[-_.]|$)/i;
const NOT_SECRET_NAME =
  /(?:^|[-_.])(?:email|user|username|type|method|scheme|mode|region|version|expires?|expires-in|expiry|length|format|name|url|uri|id-type|hint)$/i;

const NOT_CREDENTIAL_HEADERS = new Set([
  'www-authenticate',
  'proxy-authenticate',
  'authentication-info',
  'proxy-authentication-info',
  'x-frame-options',
  'x-content-type-options',
]);

export function isCredentialHeader(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'authorization' || lower === 'proxy-authorization') return true;
  if (lower === 'cookie' || lower === 'set-cookie') return false;
  // CORS and challenge headers name credentials without carrying any (`Access-Control-Allow-Credentials: true`).
  if (lower.startsWith('access-control-') || NOT_CREDENTIAL_HEADERS.has(lower)) return false;
  // Misspelt or invented variants (`Authorisation`, `Authorizaton`, `Authentication`, `X-Auth`) still carry
  // the credential the user meant to send.
  if (/^(?:x-|proxy-)?auth[a-z]{0,12}$/.test(lower.trim())) return true;
  return CREDENTIAL_WORD.test(lower) && !NOT_SECRET_NAME.test(lower);
}

const QUERY_EXTRA = new Set([
  'code',
  'x-amz-signature',
  'x-amz-security-token',
  'x-amz-credential',
  'x-goog-signature',
  'x-goog-credential',
  'sv',
  'se',
  'hapikey',
  // OpenWeatherMap's API key travels as `appid`, a name no word pattern would call a secret.
  'appid',
]);

export function isCredentialParam(name: string): boolean {
  const lower = name.toLowerCase();
  if (lower === 'sig' || QUERY_EXTRA.has(lower)) return lower !== 'sv' && lower !== 'se';
  return CREDENTIAL_WORD.test(lower) && !NOT_SECRET_NAME.test(lower);
}

/** JSON or form keys inside bodies and logs: stricter, since bodies hold many harmless `key`s. */
const BODY_KEY =
  /^(?:[\w-]{0,40}[-_])?(?:api[-_]?key|apikey|access[-_]?token|refresh[-_]?token|id[-_]?token|auth[-_]?token|token|secret|client[-_]?secret|password|passwd|private[-_]?key|session[-_]?id|sessionid|jwt|bearer)$/i;

export function isCredentialKey(name: string): boolean {
  return BODY_KEY.test(name);
}

/** Cookies worth treating as credentials: session-ish names, or values long enough to be one. */
export function isCredentialCookie(name: string, value: string): boolean {
  return (
    /sess|auth|token|sid|jwt|login|remember|key|secret|csrf|xsrf|identity|account/i.test(name) ||
    value.length >= 16
  );
}
