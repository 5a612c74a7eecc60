/**
 * Reads an Authorization-style header value the way a server would, and records every way it is
 * malformed. These are facts for the format rules; nothing here decides whether they caused the 401.
 */

export interface AuthorizationParts {
  /** The scheme as written, without a trailing colon. */
  scheme?: string;
  /** The credential with surrounding quotes removed: what the server would have to match. */
  credential: string;
  problems: string[];
}

/** Schemes seen in the wild; the first word of a header is only read as a scheme when it is one of these
 * or is followed by more text. */
const KNOWN_SCHEMES = new Set([
  'basic',
  'bearer',
  'token',
  'bot',
  'digest',
  'negotiate',
  'ntlm',
  'ssws',
  'apikey',
  'api-key',
  'key',
  'dpop',
  'hmac',
  'aws4-hmac-sha256',
  'oauth',
  'mac',
  'hoba',
  'mutual',
  'sso-key',
  'zoho-oauthtoken',
  'klaviyo-api-key',
  'splunk',
  'jwt',
  'session',
  'gitlab-ci-token',
]);

// Schemes whose credentials are parameter lists with spaces and commas by design.
const PARAM_SCHEMES = new Set(['digest', 'aws4-hmac-sha256', 'oauth', 'hmac', 'mac', 'hoba', 'mutual']);

export function isKnownScheme(word: string): boolean {
  return KNOWN_SCHEMES.has(word.toLowerCase());
}

export function splitAuthorization(value: string): AuthorizationParts {
  const problems: string[] = [];
  if (/[\r\n]/.test(value)) problems.push('newline');
  if (value !== value.trim() && value.trim() !== '') problems.push('edge_whitespace');
  const words = value.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { credential: '', problems: [...problems, 'empty'] };

  let scheme: string | undefined;
  let rest = words;
  const first = words[0] ?? '';
  const bare = first.endsWith(':') ? first.slice(0, -1) : first;
  if (/^[A-Za-z][A-Za-z0-9._~+-]{0,40}$/.test(bare) && (isKnownScheme(bare) || words.length > 1)) {
    scheme = bare;
    rest = words.slice(1);
    if (first.endsWith(':')) problems.push('scheme_colon');
  }
  if (scheme === undefined || (rest.length === 0 && !isKnownScheme(first))) {
    // A single word that is not a scheme: the credential was sent bare.
    return finish(undefined, words.join(' '), [...problems, 'scheme_missing']);
  }
  if (rest.length === 0) return { scheme, credential: '', problems: [...problems, 'empty'] };

  const second = rest[0] ?? '';
  const secondBare = second.endsWith(':') ? second.slice(0, -1) : second;
  if (rest.length > 1 && isKnownScheme(secondBare)) {
    problems.push('scheme_repeated');
    rest = rest.slice(1);
  }
  if (rest.length > 1 && !PARAM_SCHEMES.has(scheme.toLowerCase())) problems.push('inner_whitespace');
  if (PARAM_SCHEMES.has(scheme.toLowerCase())) return { scheme, credential: rest.join(' '), problems };
  return finish(scheme, rest.join(' '), problems);
}

function finish(scheme: string | undefined, raw: string, problems: string[]): AuthorizationParts {
  let credential = raw;
  const quoted = /^(["'`])(.*)\1$/.exec(credential);
  if (quoted) {
    problems.push('quoted');
    credential = quoted[2] ?? '';
  } else if (/^["'`]|["'`]$/.test(credential)) {
    problems.push('quoted');
    credential = credential.replace(/^["'`]|["'`]$/g, '');
  }
  if (/[^\x20-\x7E]/.test(credential)) problems.push('non_ascii');
  if (/%[0-9A-Fa-f]{2}/.test(credential)) problems.push('url_encoded');
  if (credential === '' && !problems.includes('empty')) problems.push('empty');
  return scheme === undefined ? { credential, problems } : { scheme, credential, problems };
}
