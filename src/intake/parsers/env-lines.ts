/**
 * Environment settings pasted as text: `.env` lines, `export X=…`, cmd `set X=…`, PowerShell `$env:X = "…"`,
 * docker `-e X=…`, Dockerfile `ENV`, fish `set -x`, YAML under `env:` / `environment:` (GitHub Actions,
 * compose, Kubernetes `- name:` / `value:`), and npm `_authToken` lines. Credential-named values become loose
 * credentials; values that are empty or point elsewhere (`${OTHER}`, `$(cmd)`, `${{ secrets.X }}`) say so.
 */
import { type Note, note } from '../notes.js';
import type { Fragment, RawLooseCredential, Segment, ValueOrigin } from '../raw.js';
import { isCredentialName } from './code/credential-names.js';

const MAX_LINE = 4000;

interface Setting {
  name: string;
  /** The value as written, quotes included; undefined when the line names a variable without a value. */
  raw: string;
  /** Quoting rules of the place it was written (cmd and PowerShell do not expand `$X`). */
  dialect: 'sh' | 'cmd' | 'powershell' | 'yaml';
}

const NAME = '[A-Za-z_][A-Za-z0-9_.]*';
const SH_LINE = new RegExp(`^\\s*(?:export\\s+|declare\\s+-x\\s+|readonly\\s+)?(${NAME})=(.*)$`);
const CMD_SET = new RegExp(`^\\s*set\\s+(?:"(${NAME})=(.*)"|(${NAME})=(.*)(?!.))\\s*$`, 'i');
const SETX = new RegExp(`^\\s*setx\\s+(${NAME})\\s+(?!\\s)(.*)$`, 'i');
const PS_ENV = new RegExp(`^\\s*\\$env:(${NAME})\\s*=\\s*(?!\\s)(.*)$`, 'i');
const PS_SET = new RegExp(
  `^\\s*\\[(?:System\\.)?Environment\\]::SetEnvironmentVariable\\(\\s*["'](${NAME})["']\\s*,\\s*("[^"]*"|'[^']*'|\\$[\\w:]+)`,
  'i',
);
const FISH = new RegExp(`^\\s*set\\s+-[a-wyzA-Z]*x[A-Za-z]*\\s+(${NAME})\\s+(?!\\s)(.*)$`);
const DOCKERFILE = new RegExp(`^\\s*(?:ENV|ARG)\\s+(${NAME})(?:=|\\s+(?!\\s))(.*)$`);
const NPMRC = /^\s*(\/\/[^\s=]+:_(?:authToken|auth|password))\s*=\s*(?!\s)(.*)$/;
const YAML_BLOCK = /^(\s*)(?:-\s+)?(?:env|environment|variables|secrets|envVars)\s*:\s*$/;
const YAML_PAIR = new RegExp(`^\\s*(${NAME})\\s*:\\s*(?!\\s)(.*)$`);
const YAML_LIST = new RegExp(`^\\s*-\\s+(["']?)(${NAME})=(.*)$`);
const K8S_NAME = /^\s*-\s+name\s*:\s*["']?([A-Za-z_][\w.]*)["']?\s*$/;
const K8S_VALUE = /^\s*value\s*:\s*(?!\s)(.*)$/;
/** Docker `-e NAME=value` / `--env NAME=value` / `--env=NAME=value`, several per line. */
const DOCKER_FLAG =
  /(?:^|\s)(?:-e|--env)(?:\s+|=)(?:"([A-Za-z_]\w*)=([^"]{0,2000})"|'([A-Za-z_]\w*)=([^']{0,2000})'|([A-Za-z_]\w*)=(\S*))/g;

export function looksLikeEnv(text: string): boolean {
  let env = 0;
  let other = 0;
  forEachLine(text, (line) => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return;
    if (isEnvLine(line)) env++;
    else other++;
  });
  return env > 0 && (env >= 3 || env >= other);
}

/** A line that is only a setting (not a command that happens to start with `X=…`). */
function isEnvLine(line: string): boolean {
  if (line.length > MAX_LINE) return false;
  const sh = SH_LINE.exec(line);
  if (sh) {
    const exported = /^\s*(?:export|declare|readonly)\s/.test(line);
    const value = sh[2]!;
    return (exported || /^[A-Z_][A-Z0-9_]*$/.test(sh[1]!)) && isSingleValue(value);
  }
  if (CMD_SET.test(line) || PS_ENV.test(line) || PS_SET.test(line) || FISH.test(line) || NPMRC.test(line))
    return true;
  if (DOCKERFILE.test(line) || YAML_BLOCK.test(line)) return true;
  return /^\s*docker\s/.test(line) && /\s(?:-e|--env)[\s=]/.test(line);
}

/** A value that is one shell word: quoted, or without unquoted spaces (an inline `# comment` is allowed). */
function isSingleValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  const q = v[0];
  if (q === '"' || q === "'") {
    const close = closingQuote(v, q);
    return close > 0 && /^\s*(?:#.*)?$/.test(v.slice(close + 1));
  }
  return /^\S*(?:\s+#.*)?$/.test(v);
}

function closingQuote(v: string, q: string): number {
  for (let i = 1; i < v.length; i++) {
    if (v[i] === '\\' && q === '"') i++;
    else if (v[i] === q) return i;
  }
  return -1;
}

export function parseEnvLines(segment: Segment): Fragment {
  const loose: RawLooseCredential[] = [];
  const notes: Note[] = [];
  let yamlIndent = -1;
  let k8sName: { name: string; line: number } | undefined;
  let n = 0;
  forEachLine(segment.text, (line) => {
    const lineNo = segment.startLine + n++;
    if (line.length > MAX_LINE) {
      notes.push(note('env.line_too_long', 'A very long line was skipped.', lineNo));
      return;
    }
    const settings: Setting[] = [];
    const indent = /^\s*/.exec(line)![0].length;
    if (yamlIndent >= 0 && line.trim() && indent <= yamlIndent && !/^\s*-/.test(line.slice(yamlIndent)))
      yamlIndent = -1;
    const block = YAML_BLOCK.exec(line);
    if (block) {
      yamlIndent = block[1]!.length;
      return;
    }
    if (yamlIndent >= 0) {
      const k8s = K8S_NAME.exec(line);
      if (k8s) {
        k8sName = { name: k8s[1]!, line: lineNo };
        return;
      }
      const value = K8S_VALUE.exec(line);
      if (value && k8sName) {
        settings.push({ name: k8sName.name, raw: value[1]!, dialect: 'yaml' });
        k8sName = undefined;
      } else {
        const item = YAML_LIST.exec(line);
        const pair = item ? undefined : YAML_PAIR.exec(line);
        // Compose `- "KEY=value"`: the quotes wrap the whole item, not the value.
        if (item)
          settings.push({
            name: item[2]!,
            raw: item[1] ? unwrap(item[3]!, item[1]) : item[3]!,
            dialect: 'sh',
          });
        else if (pair) settings.push({ name: pair[1]!, raw: pair[2]!, dialect: 'yaml' });
      }
    } else {
      collect(line, settings);
    }
    for (const s of settings) {
      if (!isCredentialName(s.name.replace(/^\/\/.*:/, ''))) continue;
      loose.push(credential(s, lineNo));
    }
  });
  const fragment: Fragment = { kinds: ['env'], looseCredentials: loose };
  if (notes.length) fragment.notes = notes;
  return fragment;
}

function collect(line: string, out: Setting[]): void {
  let m = PS_ENV.exec(line) ?? PS_SET.exec(line);
  if (m) {
    out.push({ name: m[1]!, raw: m[2]!.replace(/;\s*$/, ''), dialect: 'powershell' });
    return;
  }
  m = CMD_SET.exec(line);
  if (m) {
    out.push({ name: (m[1] ?? m[3])!, raw: (m[2] ?? m[4])!, dialect: 'cmd' });
    return;
  }
  m = SETX.exec(line) ?? FISH.exec(line) ?? NPMRC.exec(line) ?? DOCKERFILE.exec(line);
  if (m) {
    out.push({ name: m[1]!, raw: m[2]!, dialect: /^\s*setx/i.test(line) ? 'cmd' : 'sh' });
    return;
  }
  if (/\s(?:-e|--env)[\s=]/.test(line)) {
    DOCKER_FLAG.lastIndex = 0;
    for (let d = DOCKER_FLAG.exec(line); d; d = DOCKER_FLAG.exec(line)) {
      const name = d[1] ?? d[3] ?? d[5];
      const raw = d[1] ? `"${d[2]}"` : d[3] ? `'${d[4]}'` : d[6];
      if (name && raw !== undefined) out.push({ name, raw, dialect: 'sh' });
    }
    return;
  }
  m = SH_LINE.exec(line);
  if (m) out.push({ name: m[1]!, raw: m[2]!, dialect: 'sh' });
}

function unwrap(v: string, quote: string): string {
  const t = v.trimEnd();
  return t.endsWith(quote) ? t.slice(0, -1) : t;
}

function credential(s: Setting, line: number): RawLooseCredential {
  const { value, origin } = readValue(s.raw, s.dialect);
  const cred: RawLooseCredential = { value, name: s.name, context: 'env', line };
  if (origin) cred.origin = origin;
  return cred;
}

/** Unquotes a value and says where it really comes from when it is not written out. */
function readValue(raw: string, dialect: Setting['dialect']): { value: string; origin?: ValueOrigin } {
  let v = raw.trim();
  let quote: string | undefined;
  if (v[0] === '"' || v[0] === "'") {
    quote = v[0];
    const close = closingQuote(v, quote);
    v = close > 0 ? v.slice(1, close) : v.slice(1);
    if (quote === '"' && dialect !== 'yaml') v = v.replace(/\\(["\\$`])/g, '$1');
  } else {
    v = v.replace(/(?<!\s)\s+#.*$/, '');
  }
  if (v === '') return { value: '', origin: { kind: 'literal' } };
  const template = [...v.matchAll(/\$\{\{\s*([\w.-]{1,100})\s*\}\}|\{\{\s*\.?([\w.-]{1,100})\s*\}\}/g)];
  if (template.length) {
    return { value: v, origin: { kind: 'template', names: template.map((t) => (t[1] ?? t[2])!) } };
  }
  if (/\$\(|`/.test(v) && quote !== "'") return { value: v, origin: { kind: 'command_substitution' } };
  const names = variableNames(v, dialect);
  if (names.length) {
    const literal = quote === "'" && dialect !== 'powershell';
    return { value: v, origin: { kind: literal ? 'shell_literal_variable' : 'shell_variable', names } };
  }
  return { value: v };
}

function variableNames(v: string, dialect: Setting['dialect']): string[] {
  const names: string[] = [];
  const re =
    dialect === 'cmd'
      ? /%([A-Za-z_]\w*)%/g
      : dialect === 'powershell'
        ? /\$env:([A-Za-z_]\w*)/gi
        : /\$\{([A-Za-z_]\w*)(?:[:?][^}]*)?\}|\$([A-Za-z_]\w*)/g;
  for (const m of v.matchAll(re)) names.push((m[1] ?? m[2])!);
  return [...new Set(names)];
}

function forEachLine(text: string, fn: (line: string) => void): void {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    fn(text.slice(start, end).replace(/\r$/, ''));
    if (end >= text.length) break;
    start = end + 1;
  }
}
