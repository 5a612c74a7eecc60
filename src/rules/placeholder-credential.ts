/**
 * A stand-in was sent where the credential goes: `YOUR_API_KEY`, `<token>`, `{{token}}` from Postman,
 * `${{ secrets.X }}` outside GitHub Actions, a key published in documentation, `sk_test_xxxx`,
 * `[object Object]`. The detail names the kind of placeholder and where it went; the fix says where the real
 * value comes from. Pastes are often redacted by hand, so the stand-ins people also use to hide a key
 * (`<token>`, `xxx`, `YOUR_TOKEN`) are warnings unless the request was observed on the wire.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { Credential, Evidence } from '../intake/evidence.js';
import type { ProviderPack } from '../providers/schema.js';
import {
  bestMethod,
  type CredentialUse,
  failed,
  isObserved,
  sentence,
  sentUses,
} from './helpers/credentials.js';
import { describePlace } from './helpers/fix.js';
import { defineRule, type RuleReport } from './types.js';

/** Reasons other rules own: shell variables, empty and null-like values. */
const NOT_HERE = new Set(['shell_variable', 'command_substitution', 'empty', 'null_like']);

interface Weight {
  severity: 'error' | 'warning' | 'info';
  confidence: number;
}

/** How sure a placeholder in a command or code is; nobody redacts a paste into `{{token}}` or a docs key. */
const WRITTEN: Record<string, Weight> = {
  template: { severity: 'error', confidence: 0.85 },
  example_key: { severity: 'error', confidence: 0.85 },
  object_string: { severity: 'error', confidence: 0.9 },
  your_value: { severity: 'warning', confidence: 0.55 },
  instruction: { severity: 'warning', confidence: 0.55 },
  name_not_value: { severity: 'warning', confidence: 0.5 },
  placeholder_tail: { severity: 'warning', confidence: 0.5 },
  angle_brackets: { severity: 'warning', confidence: 0.5 },
  square_brackets: { severity: 'warning', confidence: 0.45 },
  masked: { severity: 'info', confidence: 0.2 },
};

/** On the wire (a trace, a HAR entry) only the redaction styles stay below error. */
const OBSERVED: Record<string, Weight> = {
  angle_brackets: { severity: 'warning', confidence: 0.6 },
  square_brackets: { severity: 'warning', confidence: 0.55 },
  masked: { severity: 'info', confidence: 0.15 },
};

const HAND_MASK = /^[[<(]\s{0,4}(?:[.…*•]{1,20}|x{2,40}|X{2,40})\s{0,4}[\]>)]$/;

/** A GitHub Actions workflow: there `${{ secrets.X }}` is substituted before the step runs. */
const WORKFLOW = /^\s{0,12}(?:-\s+)?(?:runs-on|uses|steps|jobs|run):/m;

export default defineRule({
  meta: {
    id: 'placeholder-credential',
    cause: 'placeholder_or_unexpanded',
    severity: 'error',
    title: 'A placeholder was sent instead of the credential',
    description:
      'The credential in the request is a stand-in: a documentation placeholder (`YOUR_API_KEY`, `<token>`), an unresolved template variable (`{{token}}` in Postman, `${{ secrets.X }}` outside GitHub Actions), an example key published in docs, a key prefix followed by `xxxx`, or `[object Object]`. The server compares it with real keys and answers 401.',
    docs: ['https://learning.postman.com/docs/sending-requests/variables/variables/'],
    checklist: ['credentials-present', 'right-credential'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const workflow = isWorkflow(evidence);
    const uses = sentUses(ctx, (u) => failed(u.view, ctx) !== 'no');
    for (const use of uses) {
      const placeholder = use.credential.placeholder;
      if (placeholder && !NOT_HERE.has(placeholder.reason)) {
        if (workflow && placeholder.text.trim().startsWith('${{')) continue;
        reports.push(direct(use, ctx));
        continue;
      }
      const linked = fromDefinition(use, evidence, ctx);
      if (linked) reports.push(linked);
    }
    return reports;
  },
});

function isWorkflow(evidence: Evidence): boolean {
  return evidence.prose.some((p) => WORKFLOW.test(p.text.slice(0, 65_536)));
}

function direct(use: CredentialUse, ctx: DiagnosisContext): RuleReport {
  const { credential, view, at } = use;
  const text = credential.placeholder?.text ?? credential.display;
  // `[...]`, `<…>`, `<xxx>`: brackets around nothing but a mask are a hand redaction, not a docs placeholder.
  const reason = HAND_MASK.test(text.trim()) ? 'masked' : (credential.placeholder?.reason ?? 'your_value');
  const observed = isObserved(view);
  // `${{ … }}` pasted without its workflow is usually a line copied from one, where Actions did substitute it.
  // So is a bare `{name}` format field: docs write placeholders that way as often as code leaves them.
  const actions = !observed && reason === 'template' && /^(?:\$\{\{|\{[^{])/.test(text.trim());
  const weight: Weight = (actions
    ? ({ severity: 'warning', confidence: 0.5 } as const)
    : observed
      ? (OBSERVED[reason] ?? { severity: 'error', confidence: 0.9 })
      : WRITTEN[reason]) ?? { severity: 'warning', confidence: 0.5 };
  const pack = ctx.provider?.pack;
  const place = describePlace({ ...credential, where: [at] });
  const redactable = weight.severity !== 'error' && reason !== 'masked';
  const detail = [
    `The credential in ${place} is \`${shown(text)}\`, ${kindWords(reason, text)}, not a real credential.`,
    observed ? 'This is what went over the wire, so the server received the placeholder.' : '',
    redactable
      ? 'If you replaced your key only for this paste, ignore this; otherwise the server received this text.'
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    severity: weight.severity,
    confidence: weight.confidence,
    title: titleFor(reason),
    detail,
    evidence: [at.pointer],
    fix: fixFor(reason, text, pack, credential),
    ...(pack?.docs[0] ? { docs: [pack.docs[0].url] } : {}),
  };
}

/**
 * The request takes its value from a variable (`$OPENAI_API_KEY`, `process.env.X`) that the paste itself
 * sets to a placeholder (`OPENAI_API_KEY=your_api_key_here` in a `.env`).
 */
function fromDefinition(
  use: CredentialUse,
  evidence: Evidence,
  ctx: DiagnosisContext,
): RuleReport | undefined {
  const names = use.credential.origin?.names ?? [];
  if (names.length === 0) return undefined;
  for (const c of evidence.credentials) {
    const reason = c.placeholder?.reason;
    if (!reason || NOT_HERE.has(reason) || reason === 'masked') continue;
    // `.env` lines are `env` when read as such, `text` when they sit in a mixed paste.
    const def = c.where.find(
      (w) =>
        (w.location === 'env' || w.location === 'code' || w.location === 'text') &&
        w.name &&
        names.includes(w.name),
    );
    if (!def?.name) continue;
    const pack = ctx.provider?.pack;
    return {
      confidence: 0.8,
      title: `${def.name} is set to a placeholder`,
      detail: `${sentence(describePlace({ ...use.credential, where: [use.at] }))} comes from \`${def.name}\`, and the paste sets ${def.name} to \`${shown(c.display)}\`${def.line ? ` (line ${def.line})` : ''}, ${kindWords(reason, c.display)}. That is what the request sent.`,
      evidence: [use.at.pointer, def.pointer],
      fix: [
        `Set ${def.name} to your real credential${pack ? ` (${credentialWords(pack, use.credential)})` : ''} where it is defined, and restart the process so it reads the new value.`,
      ],
    };
  }
  return undefined;
}

function shown(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}

function titleFor(reason: string): string {
  switch (reason) {
    case 'template':
      return 'An unresolved template variable was sent';
    case 'example_key':
      return "The documentation's example key was sent";
    case 'object_string':
      return 'An object was sent as the credential ("[object Object]")';
    case 'masked':
      return 'The credential is masked';
    default:
      return 'A placeholder was sent instead of the credential';
  }
}

function kindWords(reason: string, text: string): string {
  const t = text.trim();
  switch (reason) {
    case 'template':
      if (t.startsWith('${{')) return 'a GitHub Actions expression, which only a workflow run replaces';
      if (t.startsWith('{{'))
        return 'a template variable (Postman, Insomnia, Handlebars) that was never filled in';
      if (t.startsWith('<%')) return 'an ERB/EJS template tag that was never rendered';
      if (t.startsWith('#{')) return 'a Ruby/Octopus interpolation that was never evaluated';
      if (t.startsWith('@')) return 'a build-time `@VAR@` token that was never substituted';
      if (t.startsWith('__')) return 'a build-time `__VAR__` token that was never substituted';
      return 'a format-string field (`{name}`) that was never formatted';
    case 'example_key':
      return 'the example key published in documentation';
    case 'object_string':
      return 'what JavaScript prints for an object converted to text';
    case 'angle_brackets':
      return 'a `<…>` placeholder as written in documentation';
    case 'square_brackets':
      return 'a `[…]` placeholder';
    case 'your_value':
      return 'a placeholder from documentation or sample code';
    case 'instruction':
      return 'an instruction to put the key there';
    case 'name_not_value':
      return 'the name of the setting rather than its value';
    case 'placeholder_tail':
      return 'a key prefix followed by placeholder text';
    case 'masked':
      return 'a masked value';
    default:
      return 'a placeholder';
  }
}

function credentialWords(pack: ProviderPack, credential: Credential): string {
  const method = bestMethod(pack, credential);
  return method ? `${method.credential}, from ${pack.name}` : pack.name;
}

function fixFor(
  reason: string,
  text: string,
  pack: ProviderPack | undefined,
  credential: Credential,
): string[] {
  const t = text.trim();
  const real = pack ? `your real credential (${credentialWords(pack, credential)})` : 'your real credential';
  const variable = /^\$?\{?\{?\s*([A-Za-z_][\w.-]{0,80})/.exec(t.replace(/^[[{<$#@%_]+/, ''))?.[1] ?? 'token';
  switch (reason) {
    case 'template':
      if (t.startsWith('${{'))
        return [
          '`${{ … }}` is replaced only inside a GitHub Actions workflow. In a terminal or script, use an environment variable instead (`"Authorization: Bearer $TOKEN"`).',
          'In a workflow, check that the secret exists under Settings → Secrets and variables → Actions with exactly that name, and that it is passed to this job (secrets are not given to workflows triggered from forks, and an unknown secret expands to an empty string).',
        ];
      if (t.startsWith('{{'))
        return [
          `In Postman (or Insomnia), select the environment that defines \`${variable}\` in the top-right environment selector, or define it as a collection or global variable; an undefined variable is sent literally as \`${shown(t)}\` (Postman shows it in red).`,
          'If you copied this request out of Postman into a terminal or code, replace the variable with the value or with an environment variable of that shell.',
        ];
      return [`Render or format the template before sending, so that ${real} replaces \`${shown(t)}\`.`];
    case 'example_key':
      return [
        `Use ${real} from your own account's dashboard; documentation keys are not valid against your account (and the published ones are disabled).`,
      ];
    case 'object_string':
      return [
        'Pass the token string, not the object that holds it: e.g. `tokenResponse.access_token` or `data.token` rather than the whole response, and await it if it comes from a promise.',
      ];
    case 'name_not_value':
      return [
        `If \`${shown(t)}\` is the name of a variable, reference its value: \`$${t}\` in a shell, \`os.environ["${t}"]\` in Python, \`process.env.${t}\` in Node.`,
        `Otherwise replace it with ${real}.`,
      ];
    case 'placeholder_tail':
      return [
        `Only the key's prefix is real; copy the whole key${pack ? ` from ${pack.name}` : ''} (it is shown once when created — create a new one if you no longer have it).`,
      ];
    case 'masked':
      return [
        'The value is masked, so it cannot be checked. If the program sent the masked text (copied from a UI or a log that hides secrets), send the full value instead.',
      ];
    default:
      return [
        `Replace \`${shown(t)}\` with ${real}, ideally read from an environment variable or secret store rather than pasted into code.`,
      ];
  }
}
