/**
 * What the user's own words point at: "it works again after a restart" (a cached token that expires), "if I
 * switch to the idToken it works" (token type), "works in Postman but not in code" (how the code sends it),
 * "works locally but not behind the load balancer" (a hop drops the header), "the clocks are off", "since we
 * moved the bot to a VPS" (an address restriction), "after we enabled SSO" (an API token is needed now),
 * "after rotating the key" (the old value is still configured), "the sandbox token" (environments mixed).
 * Each family is a lead at warning level, from the phrase catalogue in src/rules/catalogue/prose-phrases.ts;
 * words about an environment or region that the request's host contradicts make the lead stronger.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { CAUSES } from '../diagnose/taxonomy.js';
import { calledHosts, type Host, hostAgainst } from './catalogue/host-words.js';
import { findPhrase, PROSE_PHRASES } from './catalogue/prose-phrases.js';
import { excerpt, MAX_TEXT, quote } from './catalogue/scan.js';
import type { PhraseFamily } from './catalogue/schema.js';
import { defineRule, type RuleReport } from './types.js';

/** All prose together is read up to this much: what the user wrote is short; long prose is pasted logs. */
const MAX_PROSE = 128 * 1024;

export default defineRule({
  meta: {
    id: 'prose-signals',
    cause: 'other',
    otherCauses: CAUSES.filter((c) => c !== 'other'),
    severity: 'warning',
    title: 'What you describe points at a cause',
    description:
      'Reads what the user wrote around the paste (in English, and the common words of Spanish, Portuguese, German, French and Italian) for phrases that usually point at one cause: failing after a while or working again after a restart, ID, access or refresh token mix-ups, working in Postman or locally but not from the code or once deployed, working from one machine or network but not a new one, sign-in moved to SSO or 2FA, a rotated key, sandbox or region words the request contradicts, clocks that disagree, an unverified account.',
    checklist: ['token-expiry', 'right-credential', 'header-format', 'network-restrictions'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    let hosts: Host[] | undefined;
    const calls = () => {
      hosts ??= calledHosts(ctx, evidence);
      return hosts;
    };
    const found = new Set<string>();
    let budget = MAX_PROSE;
    for (const view of ctx.facts.prose) {
      if (budget <= 0) break;
      const text = view.text.length > MAX_TEXT ? view.text.slice(0, MAX_TEXT) : view.text;
      budget -= text.length;
      for (const family of PROSE_PHRASES) {
        if (found.has(family.id)) continue;
        const report = readFamily(family, text, view.pointer, ctx, calls);
        if (!report) continue;
        found.add(family.id);
        reports.push(report);
      }
    }
    return reports;
  },
});

function readFamily(
  family: PhraseFamily,
  text: string,
  pointer: string,
  ctx: DiagnosisContext,
  calls: () => readonly Host[],
): RuleReport | undefined {
  const m = findPhrase(family, text);
  if (!m) return undefined;
  const against = family.against ? hostAgainst(family.against, m.groups, calls(), ctx) : undefined;
  // The request goes exactly where the words say: nothing to contradict, no lead.
  if (against?.agrees) return undefined;
  const strong = family.strong.some((s) => s.test(text)) || against?.contradicts === true;
  const evidence = [pointer, ...(against?.pointer ? [against.pointer] : [])];
  return {
    cause: family.cause,
    severity: family.severity,
    confidence: strong && family.strongConfidence !== undefined ? family.strongConfidence : family.confidence,
    title: family.title,
    detail: `You wrote ${quote(excerpt(text, m.index, m[0].length))}. ${family.explain}${against?.note ? ` ${against.note}` : ''}`,
    evidence,
    fix: family.fix,
    docs: family.docs,
  };
}
