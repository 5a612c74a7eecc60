/**
 * Whether a variable, parameter or setting name says it holds a credential (`STRIPE_SECRET_KEY`, `apiKey`,
 * `auth_token`, `GITHUB_PAT`), shared by the code and `.env` readers. Names that hold something next to a
 * credential (`API_KEY_URL`, `TOKEN_TTL`, `AUTH_HEADER_NAME`) are not.
 */

/** Whole words that mark a credential. */
const WORDS = new Set([
  'KEY',
  'APIKEY',
  'TOKEN',
  'SECRET',
  'PASSWORD',
  'PASSWD',
  'PASS',
  'PWD',
  'AUTH',
  'AUTHORIZATION',
  'BEARER',
  'CREDENTIAL',
  'CREDENTIALS',
  'CREDS',
  'SESSION',
  'COOKIE',
  'PAT',
  'JWT',
  'APPKEY',
  'PASSPHRASE',
]);

/** Long markers also matched inside run-together names (`apitoken`, `clientsecret`). */
const INFIXES = ['TOKEN', 'SECRET', 'PASSWORD', 'PASSWD', 'APIKEY', 'CREDENTIAL', 'BEARER'];

/** A last word that means the value is about the credential, not the credential. */
const NOT_THE_VALUE = new Set([
  'URL',
  'URI',
  'HOST',
  'ENDPOINT',
  'TIMEOUT',
  'TTL',
  'EXPIRY',
  'EXPIRES',
  'LENGTH',
  'NAME',
  'TYPE',
  'ENABLED',
  'PORT',
  'REGION',
  'DOMAIN',
  'ISSUER',
  'AUDIENCE',
  'SCOPE',
  'SCOPES',
  'MODE',
  'VERSION',
  'PREFIX',
  'HEADER',
  'FIELD',
  'PATH',
  'DIR',
  'COUNT',
  'MAX',
  'LIMIT',
]);

export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

export function isCredentialName(name: string): boolean {
  if (name.length > 100) return false;
  const words = nameWords(name);
  const last = words.at(-1);
  if (!last || NOT_THE_VALUE.has(last)) return false;
  // `ACCESS_KEY_ID` names the public half of a key pair; a session id is the credential itself.
  if (last === 'ID' && words.at(-2) !== 'SESSION') return false;
  if (words.some((w) => WORDS.has(w))) return true;
  const joined = words.join('');
  return INFIXES.some((m) => joined.includes(m));
}
