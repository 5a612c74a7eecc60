/** The terminal form of a diagnosis: concise, findings first, colours only on a TTY. */
import type { StepStatus } from '../../src/checklist/assess.js';
import { stepById } from '../../src/checklist/steps.js';
import type { Diagnosis, Finding } from '../../src/diagnose/finding.js';
import type { ProviderKnowledge } from '../../src/providers/knowledge.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const ansi = (code: number, reset: number) => (s: string) => `\x1b[${code}m${s}\x1b[${reset}m`;
export const COLOR: Style = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  green: ansi(32, 39),
  cyan: ansi(36, 39),
};
const id = (s: string) => s;
export const PLAIN: Style = { bold: id, dim: id, red: id, yellow: id, green: id, cyan: id };

export function styleFor(out: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Style {
  return out.isTTY && !env.NO_COLOR && env.TERM !== 'dumb' ? COLOR : PLAIN;
}

const MARK: Record<Finding['severity'], string> = { error: '✖', warning: '▲', info: 'ℹ' };

export function renderDiagnosis(d: Diagnosis, style: Style, knowledge?: ProviderKnowledge): string[] {
  const out: string[] = [];
  const provider = d.provider ? (knowledge?.byId(d.provider)?.name ?? d.provider) : undefined;
  const kinds = d.kinds.length ? d.kinds.join(', ') : 'nothing recognisable';
  out.push(style.bold(`authdoctor: read ${kinds}${provider ? ` · ${provider}` : ''}`));
  out.push('');
  if (d.findings.length === 0) out.push(style.dim('No specific cause found.'));
  d.findings.forEach((f, i) => {
    const paint = f.severity === 'error' ? style.red : f.severity === 'warning' ? style.yellow : style.cyan;
    out.push(`${paint(`${MARK[f.severity]} ${f.severity}`)}  ${style.bold(f.title)}`);
    out.push(`   ${style.dim(`${f.rule} · ${f.cause} · ${Math.round(f.confidence * 100)}%`)}`);
    out.push(...wrap(f.detail, '   '));
    if (f.evidence.length) out.push(`   ${style.dim('evidence:')} ${f.evidence.join(', ')}`);
    if (f.fix.length) {
      out.push(`   ${style.dim('fix:')}`);
      f.fix.forEach((step, n) => {
        const lines = step.split('\n');
        const looksLikeCode = /^(curl|http|wget|export|Invoke-|\$|echo|printf|kubectl|npm|git)\b/.test(step);
        out.push(looksLikeCode ? `     ${n + 1}. ${style.green(lines[0]!)}` : `     ${n + 1}. ${lines[0]}`);
        for (const rest of lines.slice(1)) out.push(`        ${rest}`);
      });
    }
    if (f.docs.length) out.push(`   ${style.dim('docs:')} ${f.docs.join('  ')}`);
    if (i < d.findings.length - 1) out.push('');
  });
  out.push('');
  out.push(style.bold('Checklist'));
  for (const s of d.checklist) out.push(renderStep(s, style));
  if (d.notes.length) {
    out.push('');
    out.push(style.bold('Notes'));
    for (const n of d.notes) out.push(...wrap(n, '  - ', '    '));
  }
  if (d.redactions > 0) {
    out.push('');
    out.push(
      style.dim(
        `${d.redactions} secret${d.redactions === 1 ? '' : 's'} in the paste ${d.redactions === 1 ? 'is' : 'are'} shown only as fingerprints.`,
      ),
    );
  }
  return out;
}

function renderStep(s: StepStatus, style: Style): string {
  const title = stepById(s.step).title;
  const mark =
    s.status === 'suspect'
      ? style.red('✖ suspect  ')
      : s.status === 'ruled_out'
        ? style.green('✔ ruled out')
        : style.dim('? unknown  ');
  return `  ${mark}  ${title}${s.reason ? style.dim(` — ${s.reason}`) : ''}`;
}

/** Soft wrap at ~100 columns so long details stay readable in an 80–120 column terminal. */
export function wrap(text: string, first: string, rest = first.replace(/\S/g, ' ')): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + word.length + 1 > 96) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines.map((l, i) => `${i === 0 ? first : rest}${l}`);
}
