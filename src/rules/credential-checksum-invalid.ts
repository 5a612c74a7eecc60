/**
 * A token whose own format proves it was damaged: GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm
 * (`npm_`) tokens end in a CRC-32 of their random part, so a mistyped or altered token fails offline; and a
 * value with a provider's prefix but the wrong length (intake's "lookalike") was cut short or padded when
 * copied. People also change characters on purpose before pasting a token into a chat, so this is an error
 * only when the server's answer confirms it rejected the credential.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { formatById } from '../intake/credentials/formats.js';
import type { Credential, CredentialFormat } from '../intake/evidence.js';
import {
  answerMatching,
  article,
  describeToken,
  type Placement,
  placements,
} from './helpers/token-placement.js';
import { defineRule, type RuleReport } from './types.js';

/** The server read the credential and refused it (as opposed to "none was sent"). */
const REJECTED =
  /bad credentials|invalid[_ ](?:token|credentials?|api[_ ]?key|auth(?:entication)?)|(?:token|key) (?:is )?(?:invalid|not valid)|incorrect (?:api )?key|\bE401\b|authentication failed/i;

/** Problems another rule explains (whitespace, quotes, encoding) and that also break a format match. */
const DAMAGE_EXPLAINED_ELSEWHERE = new Set([
  'quoted',
  'inner_whitespace',
  'edge_whitespace',
  'newline',
  'url_encoded',
  'non_ascii',
]);

/** Where each provider lets you see or recreate its tokens. */
const TOKEN_PAGES: Record<string, string> = {
  github:
    'https://github.com/settings/tokens (GitHub shows a token only once: if the original is lost, regenerate it)',
  npm: 'https://www.npmjs.com/settings/<your-user>/tokens (or `npm token create`)',
};

export default defineRule({
  meta: {
    id: 'credential-checksum-invalid',
    cause: 'invalid_credentials',
    severity: 'warning',
    title: 'The token is damaged: its checksum or length is wrong',
    description:
      'Some token formats carry a checksum (GitHub and npm tokens end in a CRC-32 of their random part) or have a fixed length. A token that fails its checksum, or has a known prefix but the wrong length, was mistyped, cut short or padded when copied, and the provider rejects it.',
    docs: ['https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/'],
    checklist: ['right-credential'],
  },
  check(evidence, ctx) {
    const damaged = evidence.credentials.filter(
      (c) =>
        !c.placeholder &&
        !c.problems.some((p) => DAMAGE_EXPLAINED_ELSEWHERE.has(p)) &&
        (c.format?.checksum === 'invalid' || (!c.format && c.lookalike !== undefined)),
    );
    return placements(damaged, ctx).map((p) => report(p, ctx));
  },
});

function report(p: Placement, ctx: DiagnosisContext): RuleReport {
  const rejected = p.sent ? answerMatching(ctx, REJECTED) : undefined;
  const severity: RuleReport['severity'] = rejected ? 'error' : 'warning';
  const confidence = rejected ? 0.85 : p.sent ? 0.6 : 0.45;
  const token = describeToken(p, p.sent ? 'The token sent' : 'The token');
  const format = p.credential.format ?? p.credential.lookalike;
  const page = format ? TOKEN_PAGES[format.provider] : undefined;
  const fix = [
    `Copy the token again from where it was created${page ? ` — ${page}` : ''} — in one piece, without editing, and replace every copy of the old value (env files, CI secrets, keychains).`,
    'If you changed characters on purpose before pasting it here, ignore this finding and check the real value: `printf %s "$TOKEN" | wc -c` shows its length.',
  ];
  const evidence = rejected ? [p.pointer, rejected.pointer] : [p.pointer];
  const confirmed = rejected ? ' The server rejected it, as expected for a damaged token.' : '';
  if (p.credential.format?.checksum === 'invalid') {
    return {
      severity,
      confidence,
      title: `The ${p.credential.format.name} fails its checksum`,
      detail: `${token} is shaped like ${article(p.credential.format.name)} ${p.credential.format.name}, whose last 6 characters are a checksum of the rest — and they do not match: a character was mistyped or altered, so the provider rejects it without looking it up.${confirmed}`,
      evidence,
      fix,
    };
  }
  const look = p.credential.lookalike as CredentialFormat;
  return {
    severity,
    confidence: rejected ? confidence : Math.min(confidence, p.sent ? 0.55 : 0.4),
    title: `The ${look.name} has the wrong length`,
    detail: `${token} starts like ${article(look.name)} ${look.name} but ${lengthWords(p.credential, look)}: it was cut short when copied, or has characters added.${confirmed}`,
    evidence,
    fix,
  };
}

/** "is 38 characters long; those are 40" when the format's length is known, else "does not have its shape". */
function lengthWords(credential: Credential, look: CredentialFormat): string {
  const range = lengthRange(look.id);
  const n = credential.length;
  if (range && range.min === range.max) return `is ${n} characters long; those are ${range.min}`;
  if (range && n < range.min) return `is ${n} characters long; those are at least ${range.min}`;
  if (range && n > range.max) return `is ${n} characters long; those are at most ${range.max}`;
  return `does not have its shape (${n} characters)`;
}

/** The lengths of a format whose whole-value pattern is `prefix[class]{n}` or `{min,max}`, if it is that simple. */
function lengthRange(formatId: string): { min: number; max: number } | undefined {
  const source = formatById(formatId)?.pattern.source ?? '';
  const m = /^\^\(\?:([A-Za-z0-9_.-]{1,30})\[[^\]]{1,40}\]\{(\d{1,4})(?:,(\d{1,4}))?\}\)\$$/.exec(source);
  if (!m) return undefined;
  const prefix = m[1]?.length ?? 0;
  const min = prefix + Number(m[2]);
  return { min, max: m[3] === undefined ? min : prefix + Number(m[3]) };
}
