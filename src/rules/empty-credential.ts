/**
 * The credential slot is there but holds nothing: `Authorization: Bearer ` with no token, `-u :`, an empty
 * `?api_key=`, `Bearer undefined` / `null` / `None` from a variable that was never set, and the shell cases
 * that send nothing while looking right: `TOKEN=x curl … $TOKEN` (expanded before the assignment applies), a
 * variable the paste itself sets to empty, a `curl -v` trace showing the header went out empty.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { RequestView } from '../diagnose/facts.js';
import { isCredentialParam } from '../intake/credentials/names.js';
import type { Credential, Evidence } from '../intake/evidence.js';
import {
  type CredentialUse,
  failed,
  hasNote,
  isObserved,
  noteLines,
  requestWords,
  sentence,
  sentUses,
  urlOf,
} from './helpers/credentials.js';
import { curlExample, describePlace, placeholderFor } from './helpers/fix.js';
import { defineRule, type RuleReport } from './types.js';

const COMMANDS = new Set(['curl', 'httpie', 'powershell']);

export default defineRule({
  meta: {
    id: 'empty-credential',
    cause: 'placeholder_or_unexpanded',
    otherCauses: ['missing_credentials'],
    severity: 'error',
    title: 'The credential is empty',
    description:
      'The request has a place for the credential but nothing in it: `Authorization: Bearer ` with no token, `-u :`, an empty API-key parameter, or `Bearer undefined` / `null` from a variable that was never set. Most often an environment variable was unset or empty in the shell or process that sent the request.',
    docs: ['https://www.rfc-editor.org/rfc/rfc6750#section-2.1'],
    checklist: ['credentials-present'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const uses = sentUses(ctx, (u) => failed(u.view, ctx) !== 'no' && isEmpty(u.credential));
    for (const use of uses) reports.push(emptyValue(use, evidence, ctx));
    reports.push(...emptyQuery(ctx));
    reports.push(...prefixAssignment(evidence, ctx));
    reports.push(...setEmptyInPaste(evidence, ctx));
    if (reports.length === 0) {
      const printed = printedNull(ctx);
      if (printed) reports.push(printed);
    }
    return reports;
  },
});

function isEmpty(c: Credential): boolean {
  if (c.problems.includes('password_missing')) return false; // curl prompts for it
  if (c.placeholder?.reason === 'null_like' || c.placeholder?.reason === 'empty') return true;
  return c.length === 0 || c.problems.includes('empty');
}

/** The variables a command used for this slot, from a sibling request (the command behind a `-v` trace). */
function variablesBehind(use: CredentialUse, ctx: DiagnosisContext): string[] {
  const url = urlOf(use.view);
  for (const view of ctx.facts.requests) {
    if (view === use.view || urlOf(view) !== url) continue;
    for (const c of view.credentials) {
      if (
        c.origin?.kind === 'shell_variable' ||
        c.origin?.kind === 'env' ||
        c.origin?.kind === 'command_substitution'
      ) {
        if (c.where.some((w) => w.exchange === view.exchange.id && w.location === use.at.location))
          return c.origin.names ?? [];
      }
    }
  }
  return use.credential.origin?.names ?? [];
}

function emptyValue(use: CredentialUse, evidence: Evidence, ctx: DiagnosisContext): RuleReport {
  const { credential, view, at } = use;
  const place = describePlace({ ...credential, where: [at] });
  const names = variablesBehind(use, ctx);
  const nullLike = credential.placeholder?.reason === 'null_like';
  const scheme = credential.scheme;
  const example = exampleAuth(use);
  const fix: string[] = [];
  const parts: string[] = [];

  if (nullLike) {
    parts.push(
      `${sentence(place)} holds the text \`${credential.display}\`: the variable meant to hold the credential was ${credential.display.toLowerCase() === 'none' ? 'None' : 'null or undefined'} when the request was built, and its "value" was sent as the token.`,
    );
    if (hasNote(evidence, 'code.empty_variable'))
      parts.push('The code in the paste sets that variable to an empty value.');
    fix.push(
      'Find where the token variable is set: an environment variable that is not defined in this process (`process.env.X`, `os.environ.get("X")` return undefined/None), a `.env` file that was not loaded, or a token that is fetched asynchronously and not awaited before the request.',
      'Fail early instead of sending it: throw when the token is missing, before building the header.',
    );
  } else if (at.location === 'basic_flag' || at.location === 'userinfo') {
    const user = credential.basic?.username ?? '';
    parts.push(
      user === ''
        ? `${sentence(place)} is empty on both sides of the colon (\`-u :\`): curl sends \`Authorization: Basic Og==\`, an empty user name and password.`
        : `${sentence(place)} gives user \`${user}\` with an empty password: curl sends Basic credentials with no password.`,
    );
    fix.push(
      'Give both parts: `-u <USERNAME>:<PASSWORD>` (or the key as the username, as your API documents).',
    );
  } else {
    parts.push(
      `${sentence(place)} has ${scheme ? `the scheme \`${scheme}\` and ` : ''}nothing after it: the request went out without a credential value.`,
    );
  }

  if (names.length > 0 && !nullLike) {
    const list = names.map((n) => `\`$${n}\``).join(', ');
    parts.push(
      isObserved(view)
        ? `The command behind it uses ${list}, so ${names.length === 1 ? 'that variable was' : 'those variables were'} empty or unset in the shell that ran it.`
        : `It comes from ${list}, which expanded to nothing.`,
    );
    fix.push(
      `Check the variable in the same shell before running the command: \`echo "\${#${names[0]}}"\` prints its length (0 means empty). Set it with \`export ${names[0]}=…\`, or \`source\` the file that defines it; a variable set in another terminal, in \`.bashrc\` not yet reloaded, or in a CI step that did not export it is not there.`,
    );
  } else if (!nullLike && at.location !== 'basic_flag' && at.location !== 'userinfo') {
    fix.push(
      'Put the credential after the scheme. If it comes from a variable or secret, check that it is set where the request runs.',
    );
  }
  if (view.exchange.source !== 'code') fix.push(curlExample(view.request, example));

  // Typed empty in a command is a missing credential; empty on the wire, from a variable or from code is an
  // unexpanded one.
  const typedEmpty =
    COMMANDS.has(view.exchange.source) && !credential.origin && !nullLike && names.length === 0;
  // `-u user:` may be what the API wants (a key as the user name): only `-u :` is surely empty.
  const userOnly =
    (at.location === 'basic_flag' || at.location === 'userinfo') && (credential.basic?.username ?? '') !== '';
  return {
    cause: typedEmpty ? 'missing_credentials' : 'placeholder_or_unexpanded',
    ...(userOnly ? { severity: 'warning' as const } : {}),
    confidence: userOnly ? 0.55 : isObserved(view) || nullLike ? 0.9 : 0.85,
    detail: `${parts.join(' ')} ${outcomeWords(view, ctx)}`.trim(),
    evidence: [at.pointer],
    fix,
  };
}

function exampleAuth(use: CredentialUse): { header?: string; basic?: string } {
  const { at, credential } = use;
  if (at.location === 'basic_flag' || at.location === 'userinfo') return { basic: '<USERNAME>:<PASSWORD>' };
  const name = at.name ?? 'Authorization';
  if (at.location === 'authorization')
    return { header: `${name}: ${credential.scheme ?? 'Bearer'} <YOUR_TOKEN>` };
  return { header: `${name}: <YOUR_KEY>` };
}

function outcomeWords(view: RequestView, ctx: DiagnosisContext): string {
  const outcome = failed(view, ctx);
  return outcome === 'yes' ? 'The server answered 401.' : '';
}

/** `?api_key=` with nothing after it: intake registers no credential for an empty value, so look at the URL. */
function emptyQuery(ctx: DiagnosisContext): RuleReport[] {
  const out: RuleReport[] = [];
  const seen = new Set<string>();
  for (const view of ctx.facts.requests) {
    if (failed(view, ctx) === 'no' || view.credentials.length > 0) continue;
    for (const field of view.request.url?.query ?? []) {
      if (field.value !== '' || !isCredentialParam(field.name)) continue;
      const key = `${urlOf(view)}\u0000${field.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const pack = ctx.provider?.pack;
      out.push({
        cause: 'placeholder_or_unexpanded',
        confidence: 0.8,
        detail:
          `${sentence(requestWords(view))} has \`${field.name}=\` with nothing after it: the key parameter is there but empty, usually a variable that expanded to nothing. ${outcomeWords(view, ctx)}`.trim(),
        evidence: [`${view.pointer}.url.query.${field.name}`],
        fix: [
          `Fill in the key: \`${field.name}=${placeholderFor(pack, 'KEY')}\`; if it comes from a variable, check it is set where the request runs.`,
          curlExample(view.request, { query: { name: field.name, value: placeholderFor(pack, 'KEY') } }),
        ],
      });
    }
  }
  return out;
}

/**
 * `TOKEN=abc curl -H "Authorization: Bearer $TOKEN"`: the shell expands `$TOKEN` before the prefix assignment
 * takes effect, so curl gets whatever TOKEN was before (usually nothing), not `abc`.
 */
function prefixAssignment(evidence: Evidence, ctx: DiagnosisContext): RuleReport[] {
  if (!hasNote(evidence, 'shell.prefix_assignment')) return [];
  const lines = noteLines(evidence, 'shell.prefix_assignment');
  const uses = sentUses(
    ctx,
    (u) =>
      u.view.exchange.source === 'curl' &&
      u.credential.origin?.kind === 'shell_variable' &&
      failed(u.view, ctx) !== 'no',
  );
  const use = uses[0];
  if (!use) return [];
  const names = use.credential.origin?.names ?? [];
  const name = names[0] ?? 'TOKEN';
  return [
    {
      cause: 'placeholder_or_unexpanded',
      confidence: 0.8,
      title: 'The variable is expanded before its assignment applies',
      detail: `The command sets \`${name}=…\` in front of curl${lines.length > 0 ? ` (line ${lines[0]})` : ''} and uses \`$${name}\` in ${describePlace({ ...use.credential, where: [use.at] })}. The shell expands \`$${name}\` before that assignment takes effect (it only reaches curl's environment), so curl got the previous value of ${name} — usually nothing — not the one on that line.`,
      evidence: [use.at.pointer],
      fix: [
        `Set the variable first, as its own command: \`export ${name}=<YOUR_TOKEN>\` (or \`${name}=<YOUR_TOKEN>;\` followed by the curl command on the next line).`,
        withVariable(use, name),
      ],
    },
  ];
}

/** The user's command with the credential written as a double-quoted `$NAME`, so the shell expands it. */
function withVariable(use: CredentialUse, name: string): string {
  const { at, credential, view } = use;
  const mark = '__AUTHDOCTOR_VALUE__';
  if (at.location === 'authorization' || at.location === 'header') {
    const header = `${at.name ?? 'Authorization'}: ${at.location === 'authorization' ? `${credential.scheme ?? 'Bearer'} ` : ''}`;
    return curlExample(view.request, { header: `${header}${mark}` }).replace(
      `'${header}${mark}'`,
      `"${header}$${name}"`,
    );
  }
  return `curl … "$${name}" …`;
}

/** `export TOKEN=` (or `TOKEN=""` in a .env) in the paste, then `$TOKEN` in the request. */
function setEmptyInPaste(evidence: Evidence, ctx: DiagnosisContext): RuleReport[] {
  const empties = new Map<string, Credential>();
  for (const c of evidence.credentials) {
    for (const w of c.where) {
      if (w.location === 'env' && w.name && isEmpty(c)) empties.set(w.name, c);
    }
  }
  if (empties.size === 0) return [];
  const out: RuleReport[] = [];
  const uses = sentUses(
    ctx,
    (u) => (u.credential.origin?.names ?? []).some((n) => empties.has(n)) && failed(u.view, ctx) !== 'no',
  );
  for (const use of uses) {
    const name = (use.credential.origin?.names ?? []).find((n) => empties.has(n)) ?? '';
    const setAt = empties.get(name)?.where.find((w) => w.location === 'env' && w.name === name);
    out.push({
      cause: 'placeholder_or_unexpanded',
      confidence: 0.8,
      title: `${name} is set to an empty value`,
      detail: `${sentence(describePlace({ ...use.credential, where: [use.at] }))} comes from \`${name}\`, and the paste sets ${name} to an empty value${setAt?.line ? ` on line ${setAt.line}` : ''}: the request went out without a credential.`,
      evidence: [use.at.pointer, ...(setAt ? [setAt.pointer] : [])],
      fix: [
        `Give ${name} the real value where it is defined (\`${name}=<YOUR_TOKEN>\`), then run the request again.`,
        curlExample(use.view.request, exampleAuth(use)),
      ],
    });
  }
  return out;
}

/**
 * `401 Bearer None`, `Authorization: Bearer undefined` in printed output or a log: the header value the
 * program really sent, with an unset variable rendered as text. Inside a quoted string it is code, not output.
 */
const PRINTED_NULL =
  /(?<![\w])(Bearer|Token|token|Bot|SSWS|Basic)[ ](None|undefined|null|nil|NaN|\[object Object\])(?![\w.])/g;
/** A line of code that builds the header, rather than output or a log that shows it. */
const CODE_LINE =
  /\b(?:const|let|var|def|return|function|headers|if|else)\b|=>|[{(,]\s*["']?Authorization["']?\s*:|\?\s*\{/;

function printedNull(ctx: DiagnosisContext): RuleReport | undefined {
  for (const text of [...ctx.facts.answers, ...ctx.facts.prose]) {
    const scan = text.text.length > 64 * 1024 ? text.text.slice(0, 64 * 1024) : text.text;
    const m = [...scan.matchAll(PRINTED_NULL)].find((hit) => !CODE_LINE.test(lineAt(scan, hit.index)));
    if (!m) continue;
    const sent = ctx.facts.requests.flatMap((v) =>
      v.credentials.filter((c) => c.where.some((w) => w.location === 'authorization')),
    )[0];
    const names = sent?.origin?.names ?? [];
    const value = m[2]!;
    return {
      cause: 'placeholder_or_unexpanded',
      confidence: 0.85,
      title: `The token sent was the text \`${value}\``,
      detail: `The paste shows the header value that went out: \`${m[0]}\`. The variable meant to hold the token was ${value === 'None' ? 'None' : value === '[object Object]' ? 'an object, not a string' : `${value}`} when the request was built${names.length ? ` (it comes from \`${names.join('`, `')}\`)` : ''}, so the server received the word \`${value}\` instead of a credential.`,
      evidence: [text.pointer, ...(sent ? [sent.where[0]!.pointer] : [])],
      fix: [
        names.length
          ? `Check that \`${names[0]}\` is set, under exactly that name, in the environment of the process that sends the request (a \`.env\` file must be loaded before the variable is read); fail early when it is missing instead of sending \`${value}\`.`
          : `Find where the token variable is set and make sure it holds the token before the request is built; fail early when it is missing instead of sending \`${value}\`.`,
      ],
    };
  }
  return undefined;
}

function lineAt(text: string, index: number): string {
  const end = text.indexOf('\n', index);
  return text.slice(text.lastIndexOf('\n', index) + 1, end < 0 ? undefined : end);
}
