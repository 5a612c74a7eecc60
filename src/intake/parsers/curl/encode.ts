/** The URL and form encodings curl applies itself, so what we report is what curl put on the wire. */

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const utf8 = new TextEncoder();

/**
 * `curl_easy_escape`: everything but RFC 3986 unreserved characters becomes `%XX`. `--data-urlencode` and
 * `--url-query` write a space as `+` (checked against curl 7.88: `'a=b c~*'` is sent as `a=b+c~%2A`).
 */
export function curlEscape(text: string, spaceAsPlus = false): string {
  let out = '';
  for (const ch of text) {
    if (UNRESERVED.test(ch)) {
      out += ch;
      continue;
    }
    if (spaceAsPlus && ch === ' ') {
      out += '+';
      continue;
    }
    for (const byte of utf8.encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const GUESSED_PROTOCOLS = ['ftp', 'dict', 'ldap', 'imap', 'smtp', 'pop3'].map((proto) => ({
  hostPrefix: `${proto}.`,
  scheme: `${proto}://`,
}));

/** curl guesses the protocol of a URL without `scheme://` from its host name, defaulting to HTTP. */
export function withScheme(url: string): string {
  if (url.includes('://')) return url;
  // Only the start decides, so only the start is lowercased (a URL can be long).
  const start = url.slice(0, 8).toLowerCase();
  for (const { hostPrefix, scheme } of GUESSED_PROTOCOLS) {
    if (start.startsWith(hostPrefix)) return `${scheme}${url}`;
  }
  return `http://${url}`;
}

/** Appends `query` the way libcurl's CURLU_APPENDQUERY does: before any fragment, one `&` between parts. */
export function appendQuery(url: string, query: string): string {
  if (query === '') return url;
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  const q = base.indexOf('?');
  let sep = '?';
  if (q !== -1) sep = base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${sep}${query}${fragment}`;
}

/** `-T file` to a URL whose path is empty or ends in `/`: curl uploads to that directory under the file's name. */
export function withUploadName(url: string, file: string): string {
  const start = url.indexOf('://');
  const pathStart = url.indexOf('/', start === -1 ? 0 : start + 3);
  const queryStart = url.search(/[?#]/);
  const endOfPath = queryStart === -1 ? url.length : queryStart;
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  if (name === '') return url;
  if (pathStart === -1 || (queryStart !== -1 && pathStart > queryStart)) {
    return `${url.slice(0, endOfPath)}/${curlEscape(name)}${url.slice(endOfPath)}`;
  }
  if (url[endOfPath - 1] === '/')
    return `${url.slice(0, endOfPath)}${curlEscape(name)}${url.slice(endOfPath)}`;
  return url;
}
