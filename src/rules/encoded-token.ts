/**
 * A token that is still base64-encoded: the value of a Kubernetes Secret's `.data.token` (which decodes to
 * the service-account JWT: `ZXlK…` is base64 of `eyJ`), or any base64 that decodes to a known credential
 * format. Sent like that, the server sees a string that is not its token. Also the commands that produce
 * one (`kubectl get secret … -o jsonpath='{.data.token}'` without `base64 -d`), and an encoded token that is
 * only shown in the paste (a warning: it may not have been sent).
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { classifyCredential } from '../intake/credentials/classify.js';
import type { Credential } from '../intake/evidence.js';
import {
  type CredentialUse,
  decodeBase64Text,
  failed,
  sentence,
  sentUses,
  withArticle,
} from './helpers/credentials.js';
import { curlExample, describePlace } from './helpers/fix.js';
import { defineRule, type RuleReport } from './types.js';

/** Base64 runs that decode to `eyJ…`: `ZXlK` then base64 characters (bounded, prefix-anchored). */
const ENCODED_JWT = /(?<![A-Za-z0-9+/])ZXlK[A-Za-z0-9+/]{40,12000}={0,2}(?![A-Za-z0-9+/=])/g;
/** `kubectl get secret … {.data.token}` (or `oc`), the usual source of an encoded service-account token. */
const KUBE_DATA = /\b(?:kubectl|oc|get[ \t]{1,4}secrets?)\b[^\n]{0,300}?\.data(?:\.|\[\\?["']?)[\w.-]{0,60}/;
const DECODED = /\bbase64[ \t]{1,8}(?:-d|-D|--decode)\b|\|[ \t]{0,8}base64decode\b|b64dec/;
const SAID_USED = /\bbearer\b|authori[sz]ation|\btoken\b|-H\b|header/i;
const MAX_TEXT = 65_536;

/** Intake names base64 of a JWT as a format of its own (and hides it like any credential). */
const ENCODED_JWT_FORMAT = 'generic.base64_jwt';

const K8S_DOCS = 'https://kubernetes.io/docs/concepts/configuration/secret/#service-account-token-secrets';

export default defineRule({
  meta: {
    id: 'encoded-token',
    cause: 'wrong_header_format',
    severity: 'error',
    title: 'The token is still base64-encoded',
    description:
      'The value sent is the base64 encoding of the token, not the token itself: Kubernetes Secrets store `.data.token` base64-encoded (`kubectl get secret -o jsonpath="{.data.token}"` prints it encoded; values starting `ZXlK` decode to a JWT `eyJ…`), and some tools and configs hand out encoded keys. The server compares the encoded text with its tokens and finds no match.',
    docs: [K8S_DOCS],
    checklist: ['header-format', 'right-credential'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const uses = sentUses(
      ctx,
      (u) =>
        ['authorization', 'bearer_flag', 'header', 'query'].includes(u.at.location) &&
        failed(u.view, ctx) !== 'no' &&
        !['basic', 'apikey'].includes((u.credential.scheme ?? '').toLowerCase()),
    );
    for (const use of uses) {
      const report = sentEncoded(use) ?? fromKubectl(use, evidence.prose);
      if (report) reports.push(report);
    }
    if (reports.length === 0) {
      const text = unsentEncoded(evidence.credentials, evidence.prose, ctx) ?? inText(evidence.prose, ctx);
      if (text) reports.push(text);
    }
    return reports;
  },
});

/** What the value decodes to, when that is a credential: a JWT or a known format. */
function decodedCredential(raw: string): { jwt: boolean; name: string } | undefined {
  const decoded = decodeBase64Text(raw)?.trim();
  if (!decoded || decoded.length < 16) return undefined;
  const found = classifyCredential(decoded);
  if (decoded.startsWith('eyJ') && found.jwt?.header !== undefined) return { jwt: true, name: 'a JWT' };
  if (found.format && found.format.id !== 'generic.jwt')
    return { jwt: false, name: withArticle(found.format.name) };
  return undefined;
}

function sentEncoded(use: CredentialUse): RuleReport | undefined {
  const { credential, at, view } = use;
  if ((credential.format && credential.format.id !== ENCODED_JWT_FORMAT) || credential.jwt) return undefined;
  const raw = credential.secret?.reveal();
  if (!raw) return undefined;
  const inner = decodedCredential(raw);
  if (!inner) return undefined;
  const name = at.name ?? 'Authorization';
  const header =
    at.location === 'authorization' || at.location === 'bearer_flag'
      ? `${name}: ${credential.scheme ?? 'Bearer'} <DECODED_TOKEN>`
      : `${name}: <DECODED_TOKEN>`;
  return {
    confidence: 0.9,
    detail: `${sentence(describePlace({ ...credential, where: [at] }))} holds a base64 string (${credential.display}) that decodes to ${inner.name}: the token was sent still encoded.${inner.jwt ? ' A value starting `ZXlK` is base64 of `eyJ`, the start of every JWT; Kubernetes Secrets store `.data.token` this way.' : ''}`,
    evidence: [at.pointer],
    fix: [
      inner.jwt
        ? 'Decode it once and send the result: `echo "$ENCODED" | base64 -d` (for a Kubernetes Secret: `kubectl get secret <name> -o jsonpath="{.data.token}" | base64 -d`, or `kubectl create token <service-account>` on Kubernetes 1.24+).'
        : 'Decode it once and send the result (`echo "$ENCODED" | base64 -d`), or copy the key again from where it was issued rather than from a config that stores it encoded.',
      curlExample(
        view.request,
        at.location === 'query'
          ? { query: { name: at.name ?? 'token', value: '<DECODED_TOKEN>' } }
          : { header },
      ),
    ],
  };
}

/**
 * `TOKEN=$(kubectl get secret … -o jsonpath='{.data.token}')` with no `| base64 -d`: inside the header, or on
 * the line of the paste that sets the variable the header uses.
 */
function fromKubectl(use: CredentialUse, prose: { text: string }[]): RuleReport | undefined {
  const { credential, at, view } = use;
  const origin = credential.origin;
  if (!origin || !['command_substitution', 'shell_variable', 'env'].includes(origin.kind)) return undefined;
  const text =
    origin.kind === 'command_substitution'
      ? credential.display.slice(0, 4096)
      : assignmentOf(origin.names ?? [], prose);
  if (!text || !KUBE_DATA.test(text) || DECODED.test(text)) return undefined;
  return {
    confidence: 0.85,
    detail: `${sentence(describePlace({ ...credential, where: [at] }))} comes from \`kubectl … .data…\` without \`base64 -d\`. Values under a Secret's \`.data\` are base64-encoded, so the request sent the encoded token.`,
    evidence: [at.pointer],
    fix: [
      'Decode the value: `kubectl get secret <name> -o jsonpath="{.data.token}" | base64 -d` (or, on Kubernetes 1.24+, `kubectl create token <service-account>`).',
      curlExample(view.request, { header: `${at.name ?? 'Authorization'}: Bearer <DECODED_TOKEN>` }),
    ],
    docs: [K8S_DOCS],
  };
}

/** The line of the paste that sets one of `names` (`TOKEN=…`, `export TOKEN=…`). */
function assignmentOf(names: string[], prose: { text: string }[]): string | undefined {
  if (names.length === 0) return undefined;
  for (const p of prose) {
    for (const line of p.text.slice(0, MAX_TEXT).split('\n')) {
      const m = /^\s{0,8}(?:export\s{1,4})?([A-Za-z_]\w{0,100})=/.exec(line);
      if (m?.[1] && names.includes(m[1])) return line;
    }
  }
  return undefined;
}

/** An encoded JWT intake found in the paste outside any parsed request (it is fingerprinted there). */
function unsentEncoded(
  credentials: readonly Credential[],
  prose: { line: number; text: string }[],
  ctx: DiagnosisContext,
): RuleReport | undefined {
  const sent = new Set(ctx.facts.sentCredentials.map((c) => c.secret?.reveal()).filter(Boolean));
  for (const credential of credentials) {
    if (credential.format?.id !== ENCODED_JWT_FORMAT || ctx.facts.sentCredentials.includes(credential))
      continue;
    const raw = credential.secret?.reveal();
    const decoded = raw ? decodeBase64Text(raw)?.trim() : undefined;
    if (!raw || !decoded || !decodedCredential(raw)?.jwt || sent.has(decoded)) continue;
    const all = prose.map((p) => p.text.slice(0, MAX_TEXT)).join('\n');
    const kube = KUBE_DATA.test(all) && !DECODED.test(all);
    return {
      severity: 'warning',
      confidence: kube || SAID_USED.test(all) ? 0.7 : 0.5,
      detail: `The paste shows a base64 string starting \`ZXlK\` (${credential.display}) that decodes to a JWT: the base64 encoding of the token, not the token itself${kube ? ', as `kubectl get secret … {.data.token}` prints it' : ''}. Used as a bearer token it is rejected.`,
      evidence: [prosePointer(prose, credential.where[0]?.line) ?? credential.where[0]?.pointer ?? 'prose'],
      fix: [
        'Decode it before use: `kubectl get secret <name> -o jsonpath="{.data.token}" | base64 -d`, or copy the token from `kubectl describe secret <name>` (which shows it decoded); on Kubernetes 1.24+ use `kubectl create token <service-account>`.',
        'Send the decoded value: `Authorization: Bearer <DECODED_TOKEN>` (it starts with `eyJ`).',
      ],
      docs: [K8S_DOCS],
    };
  }
  return undefined;
}

/** The prose block a line of the paste falls in. */
function prosePointer(prose: { line: number }[], line: number | undefined): string | undefined {
  if (line === undefined) return undefined;
  let found: number | undefined;
  prose.forEach((p, i) => {
    if (p.line <= line) found = i;
  });
  return found === undefined ? undefined : `prose[${found}]`;
}

/**
 * An encoded JWT (or a kubectl `.data` read without decoding) that the paste shows but no parsed request
 * sent: likely what the user put in the header, but not proven.
 */
function inText(prose: { line: number; text: string }[], ctx: DiagnosisContext): RuleReport | undefined {
  const sent = new Set(ctx.facts.sentCredentials.map((c: Credential) => c.secret?.reveal()).filter(Boolean));
  for (const [index, p] of prose.entries()) {
    const text = p.text.length > MAX_TEXT ? p.text.slice(0, MAX_TEXT) : p.text;
    ENCODED_JWT.lastIndex = 0;
    for (let m = ENCODED_JWT.exec(text); m !== null; m = ENCODED_JWT.exec(text)) {
      const decoded = decodeBase64Text(m[0])?.trim();
      if (!decoded || !decodedCredential(m[0])?.jwt) continue;
      if (sent.has(decoded)) continue; // the user already sends the decoded token
      const kube = KUBE_DATA.test(text) && !DECODED.test(text);
      const used = SAID_USED.test(text);
      return {
        severity: 'warning',
        confidence: kube || used ? 0.7 : 0.5,
        detail: `The paste shows a base64 string starting \`ZXlK\` (${m[0].length} characters) that decodes to a JWT: the base64 encoding of the token, not the token itself${kube ? ', as `kubectl get secret … {.data.token}` prints it' : ''}. Used as a bearer token it is rejected.`,
        evidence: [`prose[${index}]`],
        fix: [
          'Decode it before use: `kubectl get secret <name> -o jsonpath="{.data.token}" | base64 -d`, or copy the token from `kubectl describe secret <name>` (which shows it decoded); on Kubernetes 1.24+ use `kubectl create token <service-account>`.',
          'Send the decoded value: `Authorization: Bearer <DECODED_TOKEN>` (it starts with `eyJ`).',
        ],
        docs: [K8S_DOCS],
      };
    }
    if (
      KUBE_DATA.test(text) &&
      !DECODED.test(text) &&
      /^\s{0,8}(?:export\s{1,4})?[A-Za-z_]\w{0,100}=/m.test(text) &&
      SAID_USED.test(text)
    ) {
      return {
        severity: 'warning',
        confidence: 0.55,
        detail:
          "The paste reads a Secret's `.data` field with kubectl and uses the result as a token without `base64 -d`: values under `.data` are base64-encoded.",
        evidence: [`prose[${index}]`],
        fix: [
          'Pipe it through `base64 -d`: `kubectl get secret <name> -o jsonpath="{.data.token}" | base64 -d`.',
        ],
        docs: [K8S_DOCS],
      };
    }
  }
  return undefined;
}
