/**
 * Recognises values that stand in for a credential instead of being one: `YOUR_API_KEY`, `<token>`,
 * `{{token}}`, `$TOKEN` sent literally, `sk_test_xxxx`, a masked `sk-…abcd`, documentation example keys.
 *
 * A value reported here is shown to the user as sent (it is not a secret), so every rule must be one that a
 * real, random credential cannot meet: whole-value shapes, or words that all come from a small vocabulary.
 */
import { CREDENTIAL_FORMATS } from './formats.js';
import { PrefixIndex, valuePrefix } from './prefix-index.js';

export type PlaceholderReason =
  | 'empty'
  | 'null_like'
  /** `[object Object]`: an object was interpolated into a string. */
  | 'object_string'
  /** `{{token}}`, `${{ secrets.X }}`, `{api_key}`, `<%= key %>`, `__TOKEN__`, `$(AZURE_VAR)`. */
  | 'template'
  /** `$TOKEN`, `${TOKEN}`, `%TOKEN%`, `$env:TOKEN` sent as text. */
  | 'shell_variable'
  /** `$(cat token)` or backticks sent as text (an UPPER_CASE `$(NAME)` is a pipeline macro: `template`). */
  | 'command_substitution'
  | 'angle_brackets'
  | 'square_brackets'
  /** `***`, `xxxx`, `…`, `sk-…abcd`, `[REDACTED]`: a value hidden before it was pasted or sent. */
  | 'masked'
  /** A key published in documentation (Stripe's docs key, AWS `…EXAMPLE`, the jwt.io token). */
  | 'example_key'
  /** `YOUR_API_KEY`, `your-token`, `myApiKey`. */
  | 'your_value'
  /** `REPLACE_ME`, `INSERT_KEY_HERE`, `changeme`. */
  | 'instruction'
  /** `ACCESS_TOKEN`, `token`, `api_key`: the name of the thing instead of the thing. */
  | 'name_not_value'
  /** A real format prefix with a placeholder after it: `sk_test_xxxxxxxx`, `ghp_YOUR_TOKEN`, `sk_live_`. */
  | 'placeholder_tail';

export interface Placeholder {
  reason: PlaceholderReason;
  /** The value as sent. */
  text: string;
}

/** Placeholders are short; a longer value is data even when it contains a placeholder-like piece. */
const MAX_PLACEHOLDER_LENGTH = 200;

// Published documentation keys, split so secret scanners do not flag this file.
const EXAMPLE_KEYS = new Set([
  ['sk_test_', '4eC39HqLyjWDarjtT1zdp7dc'].join(''), // Stripe API reference secret key
  ['pk_test_', 'TYooMQauvdEDq54NiTphI7jx'].join(''), // Stripe API reference publishable key
  ['AKIA', 'IOSFODNN7EXAMPLE'].join(''), // AWS documentation access key ID
  ['wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYEXAMPLEKEY'].join(''), // AWS documentation secret key
]);
/** The payload of jwt.io's default token: `{"sub":"1234567890","name":"John Doe","iat":1516239022}`. */
const JWT_IO_PAYLOAD = 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ';

const NULL_LIKE = /^(?:null|undefined|none|nil|nan|nullptr|\(null\)|<nil>)$/i;
const REDACTION_WORD = /^(?:redacted|hidden|removed|masked|censored|omitted|snip|snipped|truncated)$/i;
const MASK_MARK = /\*{3}|[•●…]|\.{3}/;
const MASK_ONLY = /^[xX*•●#.…]{3,}$/;
const REPEATED = /^(.)\1{5,}$/;
const X_RUN = /x{6}|X{6}/;

const TEMPLATES = [
  /^\$\{\{[^{}]{1,150}\}\}$/, // GitHub Actions ${{ secrets.X }}
  /^\{\{[^{}]{1,150}\}\}$/, // Postman, Handlebars, Jinja {{token}}
  /^\{[A-Za-z_][\w.-]{0,100}\}$/, // {api_key}, Python format strings
  /^<%=?[^%]{1,150}%>$/, // ERB, EJS
  /^#\{[^{}]{1,150}\}$/, // Ruby, Octopus #{VAR}
  /^@[A-Za-z_][A-Za-z0-9_]{0,100}@$/, // Maven, Autoconf @VAR@
  /^__[A-Z][A-Z0-9_]{0,100}__$/, // build-time substitution __TOKEN__
  // Azure Pipelines / Make macros left unexpanded: `$(GRAFANA_TOKEN)`, `$(System.AccessToken)`. A shell
  // command substitution has a lowercase command word or spaces (`$(cat file)`, `$(whoami)`), so it fails both.
  /^\$\([A-Z_][A-Z0-9_]{0,100}\)$/,
  /^\$\([A-Z][A-Za-z0-9_]{0,60}(?:\.[A-Za-z][A-Za-z0-9_]{0,60}){1,4}\)$/,
];

const SHELL_VARIABLES = [
  /^\$[A-Za-z_][A-Za-z0-9_]{0,100}$/,
  /^\$\{[A-Za-z_][A-Za-z0-9_]{0,100}(?:[:?=+-][^{}]{0,100})?\}$/,
  /^%[A-Za-z_][A-Za-z0-9_]{0,100}%$/,
  /^\$env:[A-Za-z_][A-Za-z0-9_]{0,100}$/i,
];
const COMMAND_SUBSTITUTION = [/^\$\([^()]{1,200}\)$/, /^`[^`]{1,200}`$/];

/** The whole-value shapes in the order they are tried, by literal first characters (`{{`, `$`, `%`…). */
const SHAPES = new PrefixIndex<[RegExp, PlaceholderReason]>(
  [
    ...TEMPLATES.map((re): [RegExp, PlaceholderReason] => [re, 'template']),
    ...SHELL_VARIABLES.map((re): [RegExp, PlaceholderReason] => [re, 'shell_variable']),
    ...COMMAND_SUBSTITUTION.map((re): [RegExp, PlaceholderReason] => [re, 'command_substitution']),
  ],
  ([re]) => valuePrefix(re),
);

const OWNER_WORDS = new Set(['your', 'my', 'our', 'own']);
const ACTION_WORDS = new Set(
  'insert replace enter paste put add set change update fill generate here me goes todo tbd fixme changeme replaceme changeit'.split(
    ' ',
  ),
);
const THING_WORDS = new Set(
  (
    'api key keys apikey token tokens secret secrets password passwd pass pwd auth authorization bearer access ' +
    'refresh id client personal pat jwt oauth credential credentials cred creds private public publishable webhook ' +
    'signing service account app application bot user session cookie value string sid org organization project ' +
    'live prod production test sandbox dev staging admin master root integration restricted sk pk env var header ' +
    'accesstoken authtoken secretkey apitoken'
  ).split(' '),
);
const PROVIDER_WORDS = new Set([
  ...CREDENTIAL_FORMATS.map((f) => f.provider.split('-')[0] ?? f.provider),
  ...'github gh gitlab stripe slack openai anthropic claude google gcp aws amazon twilio sendgrid mailgun shopify atlassian jira confluence okta square paypal digitalocean docker dockerhub npm hubspot notion airtable cloudflare cf grafana discord heroku linear postman databricks huggingface hf azure microsoft twitter salesforce sf firebase auth0 keycloak zendesk spotify bitbucket elastic elasticsearch kubernetes k8s'.split(
    ' ',
  ),
]);

/** Format prefixes long enough that `prefix + placeholder` is recognisable, longest first. */
const PREFIXES = new PrefixIndex(
  [...new Set(CREDENTIAL_FORMATS.flatMap((f) => (f.visiblePrefix ? [f.visiblePrefix] : [])))]
    .filter((p) => p.length >= 3)
    .sort((a, b) => b.length - a.length),
  (p) => p,
);

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]{0,60}(?:[-_. ][A-Za-z0-9]{1,60}){0,8}$/;

export function detectPlaceholder(value: string): Placeholder | undefined {
  const reason = reasonFor(value.trim());
  return reason === undefined ? undefined : { reason, text: value };
}

function reasonFor(text: string): PlaceholderReason | undefined {
  if (text === '' || /^(["'`])\1$/.test(text)) return 'empty';
  if (text.length > MAX_PLACEHOLDER_LENGTH) return exampleJwt(text) ? 'example_key' : undefined;
  if (NULL_LIKE.test(text)) return 'null_like';
  if (text === '[object Object]') return 'object_string';
  if (EXAMPLE_KEYS.has(text) || text.endsWith('EXAMPLE') || text.endsWith('EXAMPLEKEY') || exampleJwt(text))
    return 'example_key';
  const shape = SHAPES.find(text, ([re]) => re.test(text));
  if (shape) return shape[1];
  const bracketed = /^<([^<>]{1,150})>$/.exec(text) ?? /^\[([^[\]]{1,150})\]$/.exec(text);
  if (bracketed) {
    if (REDACTION_WORD.test(bracketed[1]?.trim() ?? '')) return 'masked';
    return text.startsWith('<') ? 'angle_brackets' : 'square_brackets';
  }
  if (REDACTION_WORD.test(text) || MASK_ONLY.test(text) || REPEATED.test(text)) return 'masked';
  const words = wordReason(text);
  if (words !== undefined) return words;
  const tail = prefixTail(text);
  if (tail !== undefined) return tail;
  if (MASK_MARK.test(text) || X_RUN.test(text)) return 'masked';
  return undefined;
}

function exampleJwt(text: string): boolean {
  return text.startsWith('eyJ') && text.split('.')[1] === JWT_IO_PAYLOAD;
}

/** `YOUR_API_KEY`, `insertTokenHere`, `ACCESS_TOKEN`: an identifier made only of placeholder vocabulary. */
function wordReason(text: string): PlaceholderReason | undefined {
  if (!IDENTIFIER.test(text)) return undefined;
  let owner = false;
  let action = false;
  let thing = false;
  const vocabularyOnly = everyWord(text, (word) => {
    if (/^\d+$/.test(word)) return true;
    if (OWNER_WORDS.has(word)) owner = true;
    else if (ACTION_WORDS.has(word)) action = true;
    else if (THING_WORDS.has(word)) thing = true;
    else if (!PROVIDER_WORDS.has(word)) return false;
    return true;
  });
  if (!vocabularyOnly) return undefined;
  if (owner && (thing || action)) return 'your_value';
  if (action) return 'instruction';
  if (thing) return 'name_not_value';
  return undefined;
}

/**
 * Whether `test` holds for every word, split on separators, camelCase humps (`apiKey`, `APIKey`) and
 * letter/digit changes, lowercased. Stops at the first word that fails: a real credential fails on its
 * first few characters, and this runs on every credential found.
 */
function everyWord(text: string, test: (word: string) => boolean): boolean {
  let start = 0;
  const word = (end: number) => end <= start || test(text.slice(start, end).toLowerCase());
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 45 || c === 95 || c === 46 || c === 32) {
      if (!word(i)) return false;
      start = i + 1;
      continue;
    }
    if (i === start) continue;
    const p = text.charCodeAt(i - 1);
    const boundary =
      (isLower(p) && isUpper(c)) ||
      (isUpper(p) && isUpper(c) && i + 1 < text.length && isLower(text.charCodeAt(i + 1))) ||
      (isLetter(p) && isDigit(c)) ||
      (isDigit(p) && isLetter(c));
    if (boundary) {
      if (!word(i)) return false;
      start = i;
    }
  }
  return word(text.length);
}

const isLower = (c: number) => c >= 97 && c <= 122;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => isLower(c) || isUpper(c);

/** `sk_test_xxxxxxxx`, `ghp_YOUR_TOKEN`, `sk_live_`: a real prefix followed by nothing real. */
function prefixTail(text: string): PlaceholderReason | undefined {
  const prefix = PREFIXES.find(text);
  if (prefix === undefined) return undefined;
  const tail = text.slice(prefix.length);
  if (tail === '') return prefix.length >= 4 ? 'placeholder_tail' : undefined;
  const inner = reasonFor(tail.replace(/^[-_.]+/, ''));
  if (inner !== undefined && inner !== 'null_like') return 'placeholder_tail';
  return MASK_MARK.test(tail) || X_RUN.test(tail) ? 'placeholder_tail' : undefined;
}
