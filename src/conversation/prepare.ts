/**
 * Turns what a user sent into a reducer event before it is queued: typed answers stay short text; anything
 * else goes through intake and the rules once, here, and only the redacted result travels on. This is the
 * one place in the conversation that sees a raw credential.
 */
import type { Finding } from '../diagnose/finding.js';
import type { Diagnoser } from '../diagnose/service.js';
import type { Evidence, Request } from '../intake/evidence.js';
import { summarizeEvidence } from '../intake/summary.js';
import type { FindingView } from '../reply/model.js';
import { type ExampleAuth, exampleFor, usableMethods } from '../rules/helpers/credentials.js';
import { curlExample } from '../rules/helpers/fix.js';
import { redactText } from '../secrets/redact-text.js';
import { rotationAdvice } from '../secrets/rotation.js';
import type { Leak, PreparedPaste } from './events.js';
import { intentOf } from './intents.js';
import type { Attempt } from './state.js';

/** How much of a paste the conversation keeps (redacted) for the human who may take over. */
export const KEPT_TEXT_CHARS = 16_000;
/** What intake understood, as kept for the human: enough lines for a request, its response and credentials. */
const SUMMARY_LINES = 30;
/** Typed text that is not a paste is kept only this long. */
const KEPT_MESSAGE_CHARS = 500;

export interface PreparedMessage {
  text: string;
  paste?: PreparedPaste;
  truncated: boolean;
}

export interface PrepareInput {
  text: string;
  /** Text files attached to the message (Slack snippets, Discord attachments), read as part of the paste. */
  attachments?: readonly { name: string; text: string; truncated?: boolean }[];
  at: number;
}

export async function prepareMessage(diagnoser: Diagnoser, input: PrepareInput): Promise<PreparedMessage> {
  const whole = [input.text, ...(input.attachments ?? []).map((a) => a.text)]
    .filter((t) => t.trim() !== '')
    .join('\n\n');
  if (!input.attachments?.length && intentOf(input.text))
    return { text: input.text.trim(), truncated: false };
  const { evidence, diagnosis } = await diagnoser.examine(whole, {
    clock: { now: input.at, uncertaintyMs: 0 },
  });
  // A file cut at download (the adapter reads no further than intake would) is as partial as a cut paste.
  const truncated = evidence.input.truncated || (input.attachments ?? []).some((a) => a.truncated === true);
  // Only what intake read was scanned for secrets, so only that may be kept.
  const scanned = truncated
    ? Buffer.from(whole, 'utf8').subarray(0, diagnoser.maxInputBytes).toString('utf8')
    : whole;
  const redacted = redactText(scanned, evidence);
  const looksLikePaste =
    evidence.kinds.some((k) => k !== 'text') ||
    evidence.credentials.length > 0 ||
    diagnosis.findings.some((f) => f.severity !== 'info');
  if (!looksLikePaste) return { text: cap(redacted, KEPT_MESSAGE_CHARS), truncated };
  const pack = diagnosis.provider ? diagnoser.knowledge.byId(diagnosis.provider) : undefined;
  const request = evidence.exchanges.find((x) => x.request)?.request;
  const method = pack ? usableMethods(pack)[0] : undefined;
  const attempt: Attempt = {
    at: input.at,
    kinds: diagnosis.kinds,
    provider: diagnosis.provider,
    text: cap(redacted, KEPT_TEXT_CHARS),
    summary: summarizeEvidence(evidence).slice(0, SUMMARY_LINES),
    findings: diagnosis.findings.map(viewOf),
    checklist: diagnosis.checklist,
    notes: diagnosis.notes,
    statuses: statusesOf(evidence),
    credentials: evidence.credentials.filter((c) => c.secret).map((c) => c.display),
    ...expiryOf(evidence),
    guide: {
      ...(pack
        ? {
            provider: {
              id: pack.id,
              name: pack.name,
              docs: pack.docs.map((d) => ({ title: d.title, url: d.url })),
              pitfalls: pack.pitfalls,
              ...(pack.rotate ? { dashboard: pack.rotate.url } : {}),
            },
          }
        : {}),
      ...(request
        ? {
            request: {
              method: request.method,
              ...(request.url ? { url: request.url.raw } : {}),
              ...(request.url?.host ? { host: request.url.host } : {}),
            },
            example: curlExample(
              request,
              method && pack ? exampleFor(method, pack) : sameShape(request, evidence),
            ),
          }
        : {}),
    },
  };
  return { text: '', paste: { attempt, leaks: leaksOf(evidence, diagnoser, diagnosis.provider) }, truncated };
}

/** Without a provider pack, the example keeps the shape the user chose: Basic stays Basic, a scheme stays. */
function sameShape(request: Request, evidence: Evidence): ExampleAuth {
  if (request.auth?.scheme === 'basic') return { basic: `${request.auth.user || 'USER'}:<YOUR_PASSWORD>` };
  const header = request.headers.find((h) => h.credential);
  const credential = evidence.credentials.find((c) => c.id === header?.credential);
  if (header && header.name.toLowerCase() !== 'authorization' && header.name.toLowerCase() !== 'cookie')
    return { header: `${header.name}: <YOUR_TOKEN>` };
  const scheme = credential?.scheme && !/^basic$/i.test(credential.scheme) ? credential.scheme : 'Bearer';
  return { header: `Authorization: ${scheme} <YOUR_TOKEN>` };
}

function viewOf({ confidence: _, ...view }: Finding): FindingView {
  return view;
}

function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n… (${text.length - max} more characters not kept)`;
}

function statusesOf(evidence: Evidence): number[] {
  const statuses: number[] = [];
  for (const x of evidence.exchanges) if (x.response) statuses.push(x.response.status);
  for (const e of evidence.clientErrors) if (e.status !== undefined) statuses.push(e.status);
  for (const b of evidence.errorBodies) if (b.status !== undefined) statuses.push(b.status);
  return statuses;
}

function expiryOf(evidence: Evidence): { tokenExpiresAt?: number } {
  const exps = evidence.credentials
    .map((c) => c.jwt?.claims?.exp)
    .filter((exp): exp is number => typeof exp === 'number' && Number.isFinite(exp));
  return exps.length > 0 ? { tokenExpiresAt: Math.min(...exps) * 1000 } : {};
}

function leaksOf(evidence: Evidence, diagnoser: Diagnoser, provider: string | null): Leak[] {
  return evidence.credentials
    .filter((c) => c.secret && !c.placeholder)
    .map((c) => ({
      fingerprint: c.display,
      ...(c.format?.name ? { label: c.format.name } : c.jwt ? { label: 'JWT' } : {}),
      rotate: rotationAdvice(diagnoser.knowledge, {
        providerId: provider,
        ...(c.format?.provider ? { formatProvider: c.format.provider } : {}),
      }),
    }));
}
