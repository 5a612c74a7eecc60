/**
 * `$TOKEN` sent as the six characters `$TOKEN`. A shell expands variables in double quotes and bare words,
 * never in single quotes; PowerShell the same with `$env:TOKEN`; cmd.exe's `%TOKEN%` means nothing to bash
 * or PowerShell; code strings (`'Bearer $TOKEN'` in Python, `'Bearer ${token}'` in JavaScript without
 * backticks) are not shells at all. The fix is the user's own command with the quoting that expands it.
 */
import type { RequestView } from '../diagnose/facts.js';
import type { Credential, Evidence, Occurrence } from '../intake/evidence.js';
import {
  type CredentialUse,
  failed,
  hasNote,
  isObserved,
  sentence,
  sentUses,
} from './helpers/credentials.js';
import { curlExample, describePlace } from './helpers/fix.js';
import { defineRule, type RuleReport } from './types.js';

const MARK = '__AUTHDOCTOR_VALUE__';
const CMD_VARIABLE = /^%[A-Za-z_]\w{0,100}%$/;
const PS_VARIABLE = /\$env:([A-Za-z_]\w{0,100})/i;
const SH_VARIABLE = /\$\{?([A-Za-z_]\w{0,100})/;

export default defineRule({
  meta: {
    id: 'shell-variable-not-expanded',
    cause: 'placeholder_or_unexpanded',
    severity: 'error',
    title: 'A variable was sent as literal text',
    description:
      'The credential is the name of a variable (`$TOKEN`, `${TOKEN}`, `$env:TOKEN`, `%TOKEN%`) instead of its value. Shells expand variables inside double quotes and bare words but not inside single quotes, cmd.exe `%VAR%` means nothing to bash or PowerShell, and string literals in code are never expanded. The server received the variable name and rejected it.',
    docs: [
      'https://www.gnu.org/software/bash/manual/html_node/Single-Quotes.html',
      'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_quoting_rules',
    ],
    checklist: ['credentials-present', 'header-format'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    for (const use of sentUses(ctx, (u) => failed(u.view, ctx) !== 'no')) {
      const report = judge(use, evidence);
      if (report) reports.push(report);
    }
    return reports;
  },
});

type Style = 'single_quoted' | 'cmd' | 'powershell' | 'code' | 'js_template' | 'observed';

/** How the variable came to be sent literally, when the evidence says it was. */
function styleOf(
  use: CredentialUse,
  evidence: Evidence,
): { style: Style; confidence: number; warning?: boolean } | undefined {
  const { credential, view } = use;
  if (credential.origin?.kind === 'shell_literal_variable')
    return { style: 'single_quoted', confidence: 0.95 };
  const reason = credential.placeholder?.reason;
  if ((reason !== 'shell_variable' && reason !== 'command_substitution') || credential.origin)
    return undefined;
  if (isObserved(view)) return { style: 'observed', confidence: 0.9 };
  const text = credential.display;
  switch (view.exchange.source) {
    case 'code':
      return hasNote(evidence, 'code.template_in_plain_string') && text.startsWith('${')
        ? { style: 'js_template', confidence: 0.9 }
        : { style: 'code', confidence: 0.85 };
    case 'powershell':
      // The PowerShell reader gives double-quoted `$env:X` an origin; without one it was single-quoted.
      return { style: 'powershell', confidence: 0.85 };
    case 'curl':
    case 'httpie':
      if (CMD_VARIABLE.test(text)) return { style: 'cmd', confidence: 0.55, warning: true };
      // Without an origin, a `$NAME` in a URL was single-quoted only when the shell notes say so.
      if (reason === 'command_substitution' || hasNote(evidence, 'shell.single_quoted_variable'))
        return { style: 'single_quoted', confidence: 0.9 };
      return undefined;
    default:
      return undefined;
  }
}

function judge(use: CredentialUse, evidence: Evidence): RuleReport | undefined {
  const found = styleOf(use, evidence);
  if (!found) return undefined;
  const { credential, view, at } = use;
  const text = credential.display;
  const place = describePlace({ ...credential, where: [at] });
  const name = variableName(text, credential);
  const fix: string[] = [];
  let detail: string;

  switch (found.style) {
    case 'single_quoted': {
      const ps = PS_VARIABLE.test(text);
      detail = `${sentence(place)} is inside single quotes, so ${ps ? 'PowerShell' : 'the shell'} passed on the literal text \`${text}\` instead of the value of ${name}. ${ps ? 'PowerShell, like bash, expands variables only inside double quotes.' : 'Single quotes stop all expansion; double quotes allow it.'}`;
      fix.push('Use double quotes around the part that contains the variable:');
      const example = doubleQuoted(view, at, credential);
      // In PowerShell, `curl` is an alias for Invoke-WebRequest; the real curl is `curl.exe`.
      fix.push(ps ? example.replace(/^curl /, 'curl.exe ') : example);
      break;
    }
    case 'cmd':
      detail = `${sentence(place)} is \`${text}\`, cmd.exe syntax. Only cmd.exe expands \`%NAME%\`; bash, zsh and PowerShell send it literally. If this command ran anywhere but cmd.exe, the server received \`${text}\`.`;
      fix.push(
        `bash/zsh: \`"$${name}"\`; PowerShell: \`"$env:${name}"\` (with \`curl.exe\`, not the \`curl\` alias); cmd.exe: \`"%${name}%"\` and make sure ${name} is set in that window (\`echo %${name}%\`).`,
      );
      fix.push(doubleQuoted(view, at, credential, `$${name}`));
      break;
    case 'powershell':
      detail = `${sentence(place)} is \`${text}\` inside single quotes in PowerShell, which never expands variables there: the literal text was sent.`;
      fix.push(
        `Use double quotes: \`"Bearer $env:${name}"\` — e.g. \`-Headers @{ Authorization = "Bearer $env:${name}" }\`.`,
      );
      break;
    case 'js_template':
      detail = `${sentence(place)} is \`${text}\`: in JavaScript, \`\${…}\` is only substituted inside backticks (a template literal). In '…' or "…" quotes the text \`${text}\` itself was sent.`;
      fix.push(`Use backticks: \`\\\`Bearer \${${name}}\\\`\`, or concatenate: \`'Bearer ' + ${name}\`.`);
      break;
    case 'code':
      detail = `${sentence(place)} holds the text \`${text}\`, written inside a string in code. Programming languages do not expand shell variables in strings, so that text was sent.`;
      fix.push(
        `Read the environment variable in code: Python \`os.environ["${name}"]\` (with an f-string: \`f"Bearer {os.environ['${name}']}"\`), Node \`process.env.${name}\`, Go \`os.Getenv("${name}")\`, Java \`System.getenv("${name}")\`, C# \`Environment.GetEnvironmentVariable("${name}")\`.`,
      );
      break;
    case 'observed':
      detail = `The request as sent carries the literal text \`${text}\` in ${place}: whatever built it did not substitute the variable (single quotes in a shell, a plain string in code, or a config file that does not expand variables).`;
      fix.push(
        "Find where the value is set and make sure the variable is expanded there: double quotes in a shell, the environment lookup in code, or the tool's own variable syntax.",
      );
      fix.push(doubleQuoted(view, at, credential));
      break;
  }
  return {
    severity: found.warning ? 'warning' : 'error',
    confidence: found.confidence,
    detail,
    evidence: [at.pointer],
    fix,
  };
}

function variableName(text: string, credential: Credential): string {
  const ps = PS_VARIABLE.exec(text)?.[1];
  if (ps) return ps;
  const cmd = /^%(\w{1,100})%$/.exec(text)?.[1];
  if (cmd) return cmd;
  const sh = SH_VARIABLE.exec(text)?.[1];
  if (sh) return sh;
  return credential.origin?.names?.find((n) => n !== 'env') ?? 'TOKEN';
}

/**
 * The user's request rewritten with the credential's part double-quoted, so the shell expands it:
 * `-H "Authorization: token $PULUMI_ACCESS_TOKEN"`, `"https://…?key=$KEY"`, `-u "user:$PASS"`.
 */
function doubleQuoted(
  view: RequestView,
  at: Occurrence,
  credential: Credential,
  replacement?: string,
): string {
  const value = (replacement ?? credential.display).replace(/"/g, '');
  const { request } = view;
  if (view.exchange.source === 'httpie' && (at.location === 'authorization' || at.location === 'header')) {
    const field = request.headers.find((h) => h.credential === credential.id);
    const name = field?.name ?? at.name ?? 'Authorization';
    const headerValue = field ? field.value.replace(credential.display, value).replace(/"/g, '') : value;
    const method = request.method === 'GET' ? '' : `${request.method} `;
    return `http ${method}${request.url?.raw ?? 'https://api.example.com/…'} "${escapeDouble(`${name}: ${headerValue}`)}"`;
  }
  switch (at.location) {
    case 'authorization':
    case 'header': {
      const field = request.headers.find((h) => h.credential === credential.id);
      const name = field?.name ?? at.name ?? 'Authorization';
      const headerValue = field
        ? field.value.replace(credential.display, value).replace(/"/g, '')
        : `${credential.scheme ? `${credential.scheme} ` : ''}${value}`;
      const header = `${name}: ${headerValue}`;
      const quotedMark = `'${name}: ${MARK}'`;
      return curlExample(request, { header: `${name}: ${MARK}` }).replace(
        quotedMark,
        `"${escapeDouble(header)}"`,
      );
    }
    case 'query': {
      const url = request.url?.valid ? request.url.raw.replace(credential.display, value) : undefined;
      const example = curlExample(request, {});
      if (!url || !request.url) return example;
      const raw = request.url.raw;
      const quoted = example.includes(`'${raw}'`) ? `'${raw}'` : raw;
      return example.replace(quoted, `"${escapeDouble(url)}"`);
    }
    case 'basic_flag':
    case 'userinfo': {
      const user =
        request.auth?.user && request.auth.user !== credential.display ? request.auth.user : '<USERNAME>';
      const pair = at.name === 'username' ? `${value}:` : `${user}:${value}`;
      return curlExample(request, { basic: MARK }).replace(MARK, `"${escapeDouble(pair)}"`);
    }
    case 'body':
      return `… --data "${at.name ?? 'token'}=${escapeDouble(value)}" … (for JSON: --data '{"${at.name ?? 'token'}": "'"${escapeDouble(value)}"'"}')`;
    default:
      return curlExample(request, { header: `Authorization: Bearer ${value}` });
  }
}

/** Inside double quotes only `"`, `\` and backticks need escaping; `$` must stay live. */
function escapeDouble(text: string): string {
  return text.replace(/["\\`]/g, (c) => `\\${c}`);
}
