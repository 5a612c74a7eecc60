/** A short, human summary of what intake understood: what `authdoctor parse` prints without --json. */
import type { Credential, Evidence, Exchange } from './evidence.js';

export function summarizeEvidence(e: Evidence): string[] {
  const out: string[] = [];
  out.push(`Read: ${e.kinds.join(', ')} (${e.input.lines} line${e.input.lines === 1 ? '' : 's'})`);
  for (const x of e.exchanges) out.push(...describeExchange(x, e));
  if (e.credentials.length > 0) {
    out.push('Credentials:');
    for (const c of e.credentials) out.push(`  ${c.id} ${describeCredential(c)}`);
  }
  for (const err of e.clientErrors) {
    out.push(`Client error (${err.client}${err.status ? `, HTTP ${err.status}` : ''}): ${err.message}`);
  }
  for (const b of e.errorBodies) {
    const what = [b.error, b.errorDescription ?? b.message, b.code]
      .filter((v) => v !== undefined)
      .join(' — ');
    out.push(`Error body${b.status ? ` (HTTP ${b.status})` : ''}: ${what || b.text.slice(0, 120)}`);
  }
  for (const c of e.challenges) out.push(`WWW-Authenticate: ${describeChallenge(c)}`);
  if (e.notes.length > 0) {
    out.push('Notes:');
    for (const n of e.notes) out.push(`  [${n.code}]${n.line ? ` line ${n.line}:` : ''} ${n.message}`);
  }
  out.push(
    e.redactions > 0
      ? `${e.redactions} secret value${e.redactions === 1 ? ' was' : 's were'} replaced by fingerprints.`
      : 'No secret values found.',
  );
  return out;
}

function describeExchange(x: Exchange, e: Evidence): string[] {
  const out: string[] = [];
  const where = x.line ? ` (line ${x.line}${x.hop !== undefined ? `, hop ${x.hop}` : ''})` : '';
  if (x.request) {
    const r = x.request;
    out.push(`${x.id} ${x.source}${where}: ${r.method} ${r.url?.raw ?? '(no URL)'}`);
    for (const h of r.headers) out.push(`    ${h.name}: ${h.value}`);
    if (r.auth) {
      const cred = e.credentials.find((c) => c.id === r.auth?.credential);
      out.push(
        `    auth: ${r.auth.scheme}${r.auth.user ? ` user ${r.auth.user}` : ''}${cred ? ` ${cred.display}` : ''}`,
      );
    }
    if (r.body) out.push(`    body (${r.body.kind})${r.body.file ? ` from ${r.body.file}` : ''}`);
  }
  if (x.response) {
    const s = x.response;
    out.push(
      `${x.request ? '   ' : `${x.id} ${x.source}${where}:`} → HTTP ${s.status}${s.statusText ? ` ${s.statusText}` : ''}`,
    );
    for (const c of s.challenges) out.push(`    WWW-Authenticate: ${describeChallenge(c)}`);
    if (s.error) {
      const what = [s.error.error, s.error.errorDescription ?? s.error.message].filter(Boolean).join(' — ');
      if (what) out.push(`    error: ${what}`);
    }
  }
  return out;
}

function describeCredential(c: Credential): string {
  const parts = [c.display];
  if (c.scheme) parts.push(`scheme ${c.scheme}`);
  if (c.format) parts.push(`${c.format.name}${c.format.environment ? ` (${c.format.environment})` : ''}`);
  if (c.placeholder) parts.push(`placeholder (${c.placeholder.reason})`);
  if (c.origin) parts.push(`from ${c.origin.kind}${c.origin.names ? ` ${c.origin.names.join(', ')}` : ''}`);
  if (c.jwt?.claims) {
    const claims = c.jwt.claims;
    const bits = ['iss', 'aud', 'exp']
      .filter((k) => claims[k] !== undefined)
      .map((k) => `${k}=${JSON.stringify(claims[k])}`);
    if (bits.length > 0) parts.push(`JWT ${bits.join(' ')}`);
  }
  if (c.jwt?.error) parts.push(`JWT unreadable (${c.jwt.error})`);
  if (c.basic)
    parts.push(`Basic user ${JSON.stringify(c.basic.username)}${c.basic.error ? ` (${c.basic.error})` : ''}`);
  if (c.problems.length > 0) parts.push(`problems: ${c.problems.join(', ')}`);
  parts.push(`at ${c.where.map((w) => w.pointer).join(', ')}`);
  return parts.join('; ');
}

function describeChallenge(c: Evidence['challenges'][number]): string {
  const params = Object.entries(c.params).map(([k, v]) => `${k}="${v}"`);
  return [c.scheme, c.token68, params.join(', ')].filter(Boolean).join(' ');
}
