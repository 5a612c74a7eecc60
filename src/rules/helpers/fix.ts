/**
 * Fix steps written in the user's own terms: their URL, method and header names, with a placeholder where
 * the secret goes. Nothing here ever prints a credential: URLs and header values come from Evidence, which is
 * already redacted, and the auth header is always replaced.
 */
import type { Credential, Request } from '../../intake/evidence.js';
import type { ProviderPack } from '../../providers/schema.js';

/** `<YOUR_GITHUB_TOKEN>`-style placeholder for where the secret goes. */
export function placeholderFor(pack?: ProviderPack, what = 'TOKEN'): string {
  const name = pack ? `${pack.id.replace(/[^a-z0-9]+/gi, '_').toUpperCase()}_${what}` : what;
  return `<YOUR_${name}>`;
}

const shellQuote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** Headers worth keeping in an example: the ones that change what the server does, minus credentials. */
const KEEP =
  /^(accept|content-type|[a-z]+-version|x-api-version|x-goog-user-project|openai-(organization|project)|anthropic-version)$/i;

/**
 * A curl command for the user's own request with the credential placed as `auth` says (a header line such
 * as `Authorization: Bearer <YOUR_TOKEN>`, or `-u user:<TOKEN>` when `basic` is given). Credential-bearing
 * headers and cookies of the original are dropped.
 */
export function curlExample(
  request: Request | undefined,
  auth: { header?: string; basic?: string; query?: { name: string; value: string } },
): string {
  const url = request?.url?.valid ? request.url.raw : 'https://api.example.com/…';
  const parts = ['curl'];
  const method = request?.method ?? 'GET';
  if (method !== 'GET' && !(method === 'POST' && request?.body)) parts.push('-X', method);
  let finalUrl = url;
  if (auth.query) {
    const u = request?.url?.valid ? safeUrl(url) : undefined;
    if (u) {
      u.searchParams.set(auth.query.name, auth.query.value);
      finalUrl = decodeURI(u.toString());
    } else finalUrl = `${url}${url.includes('?') ? '&' : '?'}${auth.query.name}=${auth.query.value}`;
  }
  if (auth.basic) parts.push('-u', shellQuote(auth.basic));
  if (auth.header) parts.push('-H', shellQuote(auth.header));
  for (const h of request?.headers ?? []) {
    if (!h.credential && KEEP.test(h.name)) parts.push('-H', shellQuote(`${h.name}: ${h.value}`));
  }
  if (request?.body?.text !== undefined && request.body.text.length <= 200)
    parts.push('--data', shellQuote(request.body.text));
  parts.push(shellQuote(finalUrl));
  return parts.join(' ');
}

function safeUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

/** Where the credential was, in words: "the Authorization header", "the `api_key` query parameter". */
export function describePlace(credential: Credential): string {
  const w = credential.where[0];
  if (!w) return 'the paste';
  switch (w.location) {
    case 'authorization':
      return `the ${w.name ?? 'Authorization'} header`;
    case 'header':
      return `the ${w.name ?? ''} header`.replace('  ', ' ');
    case 'query':
      return `the \`${w.name ?? ''}\` query parameter`;
    case 'cookie':
      return `the \`${w.name ?? ''}\` cookie`;
    case 'userinfo':
      return 'the user:password part of the URL';
    case 'basic_flag':
      return 'the -u/--user option';
    case 'bearer_flag':
      return 'the --oauth2-bearer option';
    case 'body':
      return `the \`${w.name ?? ''}\` body field`;
    case 'env':
      return `the ${w.name ?? ''} variable`;
    case 'code':
      return w.name ? `\`${w.name}\` in the code` : 'the code';
    default:
      return 'the paste';
  }
}

/** The evidence pointer of a credential's first occurrence (shortened by the runner). */
export function pointerOf(credential: Credential): string {
  return credential.where[0]?.pointer ?? `credentials.${credential.id}`;
}
