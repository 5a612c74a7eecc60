/**
 * curl's command-line options as data, so the argv parser can tell a flag from an option that swallows the
 * next word exactly the way curl does. Generated once from curl 7.88.1 (`curl --help all`, and probing each
 * name with and without `--no-` for "requires parameter" / "isn't a boolean"), plus the options added since
 * that people paste from newer docs (`since`). Nothing here runs curl.
 */

/** `arg`: takes a value; `bool`: no value, also accepted as `--no-NAME`; `flag`: no value, no `--no-` form. */
export type CurlOptionKind = 'arg' | 'bool' | 'flag';

export interface CurlOption {
  name: string;
  kind: CurlOptionKind;
  short?: string;
  /** `-N` is `--no-buffer`: the short form turns the boolean off. */
  shortNegates?: boolean;
  /** First curl version that has it, for options newer than 7.88. */
  since?: string;
}

export const CURL_OPTIONS: readonly CurlOption[] = [
  { name: 'abstract-unix-socket', kind: 'arg' },
  { name: 'alpn', kind: 'bool' },
  { name: 'alt-svc', kind: 'arg' },
  { name: 'anyauth', kind: 'bool' },
  { name: 'append', kind: 'bool', short: 'a' },
  { name: 'aws-sigv4', kind: 'arg' },
  { name: 'basic', kind: 'bool' },
  { name: 'buffer', kind: 'bool', short: 'N', shortNegates: true },
  { name: 'ca-native', kind: 'bool', since: '8.2' },
  { name: 'cacert', kind: 'arg' },
  { name: 'capath', kind: 'arg' },
  { name: 'cert', kind: 'arg', short: 'E' },
  { name: 'cert-status', kind: 'bool' },
  { name: 'cert-type', kind: 'arg' },
  { name: 'ciphers', kind: 'arg' },
  { name: 'clobber', kind: 'bool' },
  { name: 'compressed', kind: 'bool' },
  { name: 'compressed-ssh', kind: 'bool' },
  { name: 'config', kind: 'arg', short: 'K' },
  { name: 'connect-timeout', kind: 'arg' },
  { name: 'connect-to', kind: 'arg' },
  { name: 'continue-at', kind: 'arg', short: 'C' },
  { name: 'cookie', kind: 'arg', short: 'b' },
  { name: 'cookie-jar', kind: 'arg', short: 'c' },
  { name: 'create-dirs', kind: 'bool' },
  { name: 'create-file-mode', kind: 'arg' },
  { name: 'crlf', kind: 'bool' },
  { name: 'crlfile', kind: 'arg' },
  { name: 'curves', kind: 'arg' },
  { name: 'data', kind: 'arg', short: 'd' },
  { name: 'data-ascii', kind: 'arg' },
  { name: 'data-binary', kind: 'arg' },
  { name: 'data-raw', kind: 'arg' },
  { name: 'data-urlencode', kind: 'arg' },
  { name: 'delegation', kind: 'arg' },
  { name: 'digest', kind: 'bool' },
  { name: 'disable', kind: 'bool', short: 'q' },
  { name: 'disable-eprt', kind: 'bool' },
  { name: 'disable-epsv', kind: 'bool' },
  { name: 'disallow-username-in-url', kind: 'bool' },
  { name: 'dns-interface', kind: 'arg' },
  { name: 'dns-ipv4-addr', kind: 'arg' },
  { name: 'dns-ipv6-addr', kind: 'arg' },
  { name: 'dns-servers', kind: 'arg' },
  { name: 'doh-cert-status', kind: 'bool' },
  { name: 'doh-insecure', kind: 'bool' },
  { name: 'doh-url', kind: 'arg' },
  { name: 'dump-ca-embed', kind: 'bool', since: '8.10' },
  { name: 'dump-header', kind: 'arg', short: 'D' },
  { name: 'ech', kind: 'arg', since: '8.8' },
  { name: 'egd-file', kind: 'arg' },
  { name: 'engine', kind: 'arg' },
  { name: 'environment', kind: 'bool', since: '8.0' },
  { name: 'eprt', kind: 'bool' },
  { name: 'epsv', kind: 'bool' },
  { name: 'etag-compare', kind: 'arg' },
  { name: 'etag-save', kind: 'arg' },
  { name: 'expect100-timeout', kind: 'arg' },
  { name: 'fail', kind: 'bool', short: 'f' },
  { name: 'fail-early', kind: 'bool' },
  { name: 'fail-with-body', kind: 'bool' },
  { name: 'false-start', kind: 'bool' },
  { name: 'follow', kind: 'bool', since: '8.16' },
  { name: 'form', kind: 'arg', short: 'F' },
  { name: 'form-escape', kind: 'bool' },
  { name: 'form-string', kind: 'arg' },
  { name: 'ftp-account', kind: 'arg' },
  { name: 'ftp-alternative-to-user', kind: 'arg' },
  { name: 'ftp-create-dirs', kind: 'bool' },
  { name: 'ftp-method', kind: 'arg' },
  { name: 'ftp-pasv', kind: 'bool' },
  { name: 'ftp-port', kind: 'arg', short: 'P' },
  { name: 'ftp-pret', kind: 'bool' },
  { name: 'ftp-skip-pasv-ip', kind: 'bool' },
  { name: 'ftp-ssl-ccc', kind: 'bool' },
  { name: 'ftp-ssl-ccc-mode', kind: 'arg' },
  { name: 'ftp-ssl-control', kind: 'bool' },
  { name: 'get', kind: 'bool', short: 'G' },
  { name: 'globoff', kind: 'bool', short: 'g' },
  { name: 'happy-eyeballs-timeout-ms', kind: 'arg' },
  { name: 'haproxy-clientip', kind: 'arg', since: '8.2' },
  { name: 'haproxy-protocol', kind: 'bool' },
  { name: 'head', kind: 'bool', short: 'I' },
  { name: 'header', kind: 'arg', short: 'H' },
  { name: 'help', kind: 'bool', short: 'h' },
  { name: 'hostpubmd5', kind: 'arg' },
  { name: 'hostpubsha256', kind: 'arg' },
  { name: 'hsts', kind: 'arg' },
  { name: 'http0.9', kind: 'bool' },
  { name: 'http1.0', kind: 'flag', short: '0' },
  { name: 'http1.1', kind: 'flag' },
  { name: 'http2', kind: 'flag' },
  { name: 'http2-prior-knowledge', kind: 'flag' },
  { name: 'http3', kind: 'flag' },
  { name: 'http3-only', kind: 'flag' },
  { name: 'ignore-content-length', kind: 'bool' },
  { name: 'include', kind: 'bool', short: 'i' },
  { name: 'insecure', kind: 'bool', short: 'k' },
  { name: 'interface', kind: 'arg' },
  { name: 'ip-tos', kind: 'arg', since: '8.9' },
  { name: 'ipfs-gateway', kind: 'arg', since: '8.4' },
  { name: 'ipv4', kind: 'flag', short: '4' },
  { name: 'ipv6', kind: 'flag', short: '6' },
  { name: 'json', kind: 'arg' },
  { name: 'junk-session-cookies', kind: 'bool', short: 'j' },
  { name: 'keepalive', kind: 'bool' },
  { name: 'keepalive-cnt', kind: 'arg', since: '8.9' },
  { name: 'keepalive-time', kind: 'arg' },
  { name: 'key', kind: 'arg' },
  { name: 'key-type', kind: 'arg' },
  { name: 'knownhosts', kind: 'arg', since: '8.17' },
  { name: 'krb', kind: 'arg' },
  { name: 'libcurl', kind: 'arg' },
  { name: 'limit-rate', kind: 'arg' },
  { name: 'list-only', kind: 'bool', short: 'l' },
  { name: 'local-port', kind: 'arg' },
  { name: 'location', kind: 'bool', short: 'L' },
  { name: 'location-trusted', kind: 'bool' },
  { name: 'login-options', kind: 'arg' },
  { name: 'mail-auth', kind: 'arg' },
  { name: 'mail-from', kind: 'arg' },
  { name: 'mail-rcpt', kind: 'arg' },
  { name: 'mail-rcpt-allowfails', kind: 'bool' },
  { name: 'manual', kind: 'bool', short: 'M' },
  { name: 'max-filesize', kind: 'arg' },
  { name: 'max-redirs', kind: 'arg' },
  { name: 'max-time', kind: 'arg', short: 'm' },
  { name: 'metalink', kind: 'bool' },
  { name: 'mptcp', kind: 'bool', since: '8.9' },
  { name: 'negotiate', kind: 'bool' },
  { name: 'netrc', kind: 'bool', short: 'n' },
  { name: 'netrc-file', kind: 'arg' },
  { name: 'netrc-optional', kind: 'bool' },
  { name: 'next', kind: 'flag', short: ':' },
  { name: 'noproxy', kind: 'arg' },
  { name: 'npn', kind: 'bool' },
  { name: 'ntlm', kind: 'bool' },
  { name: 'ntlm-wb', kind: 'bool' },
  { name: 'oauth2-bearer', kind: 'arg' },
  { name: 'out-null', kind: 'bool', since: '8.16' },
  { name: 'output', kind: 'arg', short: 'o' },
  { name: 'output-dir', kind: 'arg' },
  { name: 'parallel', kind: 'bool', short: 'Z' },
  { name: 'parallel-immediate', kind: 'bool' },
  { name: 'parallel-max', kind: 'arg' },
  { name: 'parallel-max-host', kind: 'arg', since: '8.16' },
  { name: 'pass', kind: 'arg' },
  { name: 'path-as-is', kind: 'bool' },
  { name: 'pinnedpubkey', kind: 'arg' },
  { name: 'post301', kind: 'bool' },
  { name: 'post302', kind: 'bool' },
  { name: 'post303', kind: 'bool' },
  { name: 'preproxy', kind: 'arg' },
  { name: 'progress-bar', kind: 'bool', short: '#' },
  { name: 'progress-meter', kind: 'bool' },
  { name: 'proto', kind: 'arg' },
  { name: 'proto-default', kind: 'arg' },
  { name: 'proto-redir', kind: 'arg' },
  { name: 'proxy', kind: 'arg', short: 'x' },
  { name: 'proxy-anyauth', kind: 'bool' },
  { name: 'proxy-basic', kind: 'bool' },
  { name: 'proxy-ca-native', kind: 'bool', since: '8.2' },
  { name: 'proxy-cacert', kind: 'arg' },
  { name: 'proxy-capath', kind: 'arg' },
  { name: 'proxy-cert', kind: 'arg' },
  { name: 'proxy-cert-type', kind: 'arg' },
  { name: 'proxy-ciphers', kind: 'arg' },
  { name: 'proxy-crlfile', kind: 'arg' },
  { name: 'proxy-digest', kind: 'bool' },
  { name: 'proxy-dump-ca-embed', kind: 'bool', since: '8.10' },
  { name: 'proxy-header', kind: 'arg' },
  { name: 'proxy-http2', kind: 'bool', since: '8.1' },
  { name: 'proxy-insecure', kind: 'bool' },
  { name: 'proxy-key', kind: 'arg' },
  { name: 'proxy-key-type', kind: 'arg' },
  { name: 'proxy-negotiate', kind: 'bool' },
  { name: 'proxy-ntlm', kind: 'bool' },
  { name: 'proxy-pass', kind: 'arg' },
  { name: 'proxy-pinnedpubkey', kind: 'arg' },
  { name: 'proxy-service-name', kind: 'arg' },
  { name: 'proxy-ssl-allow-beast', kind: 'bool' },
  { name: 'proxy-ssl-auto-client-cert', kind: 'bool' },
  { name: 'proxy-tls13-ciphers', kind: 'arg' },
  { name: 'proxy-tlsauthtype', kind: 'arg' },
  { name: 'proxy-tlspassword', kind: 'arg' },
  { name: 'proxy-tlsuser', kind: 'arg' },
  { name: 'proxy-tlsv1', kind: 'flag' },
  { name: 'proxy-user', kind: 'arg', short: 'U' },
  { name: 'proxy1.0', kind: 'arg' },
  { name: 'proxytunnel', kind: 'bool', short: 'p' },
  { name: 'pubkey', kind: 'arg' },
  { name: 'quote', kind: 'arg', short: 'Q' },
  { name: 'random-file', kind: 'arg' },
  { name: 'range', kind: 'arg', short: 'r' },
  { name: 'rate', kind: 'arg' },
  { name: 'raw', kind: 'bool' },
  { name: 'referer', kind: 'arg', short: 'e' },
  { name: 'remote-header-name', kind: 'bool', short: 'J' },
  { name: 'remote-name', kind: 'bool', short: 'O' },
  { name: 'remote-name-all', kind: 'bool' },
  { name: 'remote-time', kind: 'bool', short: 'R' },
  { name: 'remove-on-error', kind: 'bool' },
  { name: 'request', kind: 'arg', short: 'X' },
  { name: 'request-target', kind: 'arg' },
  { name: 'resolve', kind: 'arg' },
  { name: 'retry', kind: 'arg' },
  { name: 'retry-all-errors', kind: 'bool' },
  { name: 'retry-connrefused', kind: 'bool' },
  { name: 'retry-delay', kind: 'arg' },
  { name: 'retry-max-time', kind: 'arg' },
  { name: 'sasl-authzid', kind: 'arg' },
  { name: 'sasl-ir', kind: 'bool' },
  { name: 'service-name', kind: 'arg' },
  { name: 'sessionid', kind: 'bool' },
  { name: 'show-error', kind: 'bool', short: 'S' },
  { name: 'sigalgs', kind: 'arg', since: '8.14' },
  { name: 'silent', kind: 'bool', short: 's' },
  { name: 'skip-existing', kind: 'bool', since: '8.10' },
  { name: 'socks4', kind: 'arg' },
  { name: 'socks4a', kind: 'arg' },
  { name: 'socks5', kind: 'arg' },
  { name: 'socks5-basic', kind: 'bool' },
  { name: 'socks5-gssapi', kind: 'bool' },
  { name: 'socks5-gssapi-nec', kind: 'bool' },
  { name: 'socks5-hostname', kind: 'arg' },
  { name: 'speed-limit', kind: 'arg', short: 'Y' },
  { name: 'speed-time', kind: 'arg', short: 'y' },
  { name: 'ssl', kind: 'bool' },
  { name: 'ssl-allow-beast', kind: 'bool' },
  { name: 'ssl-auto-client-cert', kind: 'bool' },
  { name: 'ssl-no-revoke', kind: 'bool' },
  { name: 'ssl-reqd', kind: 'bool' },
  { name: 'ssl-revoke-best-effort', kind: 'bool' },
  { name: 'ssl-sessions', kind: 'arg', since: '8.12' },
  { name: 'sslv2', kind: 'flag', short: '2' },
  { name: 'sslv3', kind: 'flag', short: '3' },
  { name: 'stderr', kind: 'arg' },
  { name: 'styled-output', kind: 'bool' },
  { name: 'suppress-connect-headers', kind: 'bool' },
  { name: 'tcp-fastopen', kind: 'bool' },
  { name: 'tcp-nodelay', kind: 'bool' },
  { name: 'telnet-option', kind: 'arg', short: 't' },
  { name: 'test-event', kind: 'bool' },
  { name: 'tftp-blksize', kind: 'arg' },
  { name: 'tftp-no-options', kind: 'bool' },
  { name: 'time-cond', kind: 'arg', short: 'z' },
  { name: 'tls-earlydata', kind: 'bool', since: '8.11' },
  { name: 'tls-max', kind: 'arg' },
  { name: 'tls13-ciphers', kind: 'arg' },
  { name: 'tlsauthtype', kind: 'arg' },
  { name: 'tlspassword', kind: 'arg' },
  { name: 'tlsuser', kind: 'arg' },
  { name: 'tlsv1', kind: 'flag', short: '1' },
  { name: 'tlsv1.0', kind: 'flag' },
  { name: 'tlsv1.1', kind: 'flag' },
  { name: 'tlsv1.2', kind: 'flag' },
  { name: 'tlsv1.3', kind: 'flag' },
  { name: 'tr-encoding', kind: 'bool' },
  { name: 'trace', kind: 'arg' },
  { name: 'trace-ascii', kind: 'arg' },
  { name: 'trace-config', kind: 'arg', since: '8.3' },
  { name: 'trace-ids', kind: 'bool', since: '8.2' },
  { name: 'trace-time', kind: 'bool' },
  { name: 'unix-socket', kind: 'arg' },
  { name: 'upload-file', kind: 'arg', short: 'T' },
  { name: 'upload-flags', kind: 'arg', since: '8.13' },
  { name: 'url', kind: 'arg' },
  { name: 'url-query', kind: 'arg' },
  { name: 'use-ascii', kind: 'bool', short: 'B' },
  { name: 'user', kind: 'arg', short: 'u' },
  { name: 'user-agent', kind: 'arg', short: 'A' },
  { name: 'variable', kind: 'arg', since: '8.3' },
  { name: 'verbose', kind: 'bool', short: 'v' },
  { name: 'version', kind: 'bool', short: 'V' },
  { name: 'vlan-priority', kind: 'arg', since: '8.9' },
  { name: 'wdebug', kind: 'bool', since: '8.0' },
  { name: 'write-out', kind: 'arg', short: 'w' },
  { name: 'xattr', kind: 'bool' },
];

/** Old spellings curl still accepts (or accepted), mapped to the option they mean. */
export const CURL_OPTION_ALIASES: Readonly<Record<string, string>> = {
  'ftp-ascii': 'use-ascii',
  'ftp-ssl': 'ssl',
  'ftp-ssl-reqd': 'ssl-reqd',
  ftpport: 'ftp-port',
  'http-request': 'request',
  'http2.0': 'http2',
  krb4: 'krb',
  'socks5-gssapi-service': 'proxy-service-name',
  'telnet-options': 'telnet-option',
};

const byName = new Map<string, CurlOption>(CURL_OPTIONS.map((o) => [o.name, o]));
/** Names and old spellings together, so a lookup of user text is one Map access (no prototype keys). */
const byNameOrAlias = new Map<string, CurlOption>(byName);
for (const [alias, name] of Object.entries(CURL_OPTION_ALIASES)) {
  const option = byName.get(name);
  if (option !== undefined) byNameOrAlias.set(alias, option);
}
/** By char code: short letters are ASCII, and a cluster like `-sSL` looks up every letter. */
const byShort: (CurlOption | undefined)[] = new Array(128).fill(undefined);
for (const o of CURL_OPTIONS) if (o.short !== undefined) byShort[o.short.charCodeAt(0)] = o;
const sortedNames = [...byName.keys(), ...Object.keys(CURL_OPTION_ALIASES)].sort();

export function shortOption(letter: string): CurlOption | undefined {
  return letter.length === 1 ? byShort[letter.charCodeAt(0)] : undefined;
}

export interface LongLookup {
  option?: CurlOption;
  /** `--no-NAME` on a boolean. */
  negated?: boolean;
  /** The option was named by an abbreviation of `option.name`. */
  abbreviated?: boolean;
  /** Several options start with what was typed. */
  ambiguous?: string[];
}

function exact(name: string): CurlOption | undefined {
  return byNameOrAlias.get(name);
}

/** Names starting with `prefix` (binary search over the sorted names: no scan per lookup). */
function withPrefix(prefix: string): string[] {
  let lo = 0;
  let hi = sortedNames.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sortedNames[mid] ?? '') < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < sortedNames.length; i++) {
    const n = sortedNames[i] ?? '';
    if (!n.startsWith(prefix)) break;
    out.push(n);
  }
  return out;
}

/**
 * Finds a long option the way curl does: an exact name, then `--no-NAME` for booleans, then a unique prefix
 * (`--sil` is `--silent`). `--expand-NAME` (curl 8.3) is NAME with `{{var}}` expansion.
 */
export function longOption(raw: string): LongLookup {
  const name = raw.startsWith('expand-') && exact(raw) === undefined ? raw.slice(7) : raw;
  const hit = exact(name);
  if (hit !== undefined) return { option: hit };
  if (name.startsWith('no-')) {
    const positive = exact(name.slice(3));
    if (positive !== undefined && positive.kind === 'bool') return { option: positive, negated: true };
  }
  const candidates = withPrefix(name);
  const distinct = [...new Set(candidates.map((n) => exact(n)?.name ?? n))];
  if (distinct.length === 1) {
    const only = exact(distinct[0] ?? '');
    if (only !== undefined) return { option: only, abbreviated: true };
  }
  if (distinct.length > 1) return { ambiguous: distinct };
  if (name.startsWith('no-')) {
    const positive = withPrefix(name.slice(3))
      .map((n) => exact(n))
      .filter((o): o is CurlOption => o !== undefined && o.kind === 'bool');
    const names = [...new Set(positive.map((o) => o.name))];
    const first = positive[0];
    if (names.length === 1 && first !== undefined) return { option: first, negated: true, abbreviated: true };
  }
  return {};
}
