/**
 * Replies in a terminal: the same reply model Slack and Discord render, as lines of text. Buttons become
 * numbered choices; the caller remembers them so typing the number presses the button.
 */
import type { Action, FindingView, Part, Reply } from '../../src/reply/model.js';
import { type Style, wrap } from './render.js';

const MARK: Record<FindingView['severity'], string> = { error: '✖', warning: '▲', info: 'ℹ' };

export interface RenderedReply {
  lines: string[];
  /** The choices offered, numbered from 1. */
  choices: Action[];
}

export function renderReply(reply: Reply, style: Style): RenderedReply {
  const lines: string[] = [];
  let choices: Action[] = [];
  if (reply.visibility === 'private') lines.push(style.dim('(only you can see this)'));
  for (const part of reply.parts) {
    if (part.type === 'actions') {
      choices = part.actions;
      lines.push(
        part.actions
          .map((a, i) => {
            const label = `[${i + 1}] ${a.label}`;
            return a.style === 'primary' ? style.bold(label) : label;
          })
          .join('  '),
      );
      continue;
    }
    lines.push(...renderPart(part, style));
  }
  return { lines, choices };
}

function renderPart(part: Exclude<Part, { type: 'actions' }>, style: Style): string[] {
  switch (part.type) {
    case 'heading':
      return [style.bold(part.text)];
    case 'text': {
      const paint =
        part.tone === 'warning'
          ? style.yellow
          : part.tone === 'success'
            ? style.green
            : part.tone === 'muted'
              ? style.dim
              : part.tone === 'info'
                ? style.cyan
                : (s: string) => s;
      return wrap(part.text, '').map((l) => paint(l));
    }
    case 'list':
      return part.items.flatMap((item, i) => wrap(item, part.ordered ? `  ${i + 1}. ` : '  - '));
    case 'code':
      return part.text.split('\n').map((l) => `    ${style.green(l)}`);
    case 'links':
      return part.links.map((l) => `  ${l.label}: ${style.cyan(l.url)}`);
    case 'step':
      return [
        style.bold(`Step ${part.index} of ${part.total}: ${part.title}`),
        ...(part.reason ? wrap(part.reason, '').map((l) => style.dim(l)) : []),
      ];
    case 'findings':
      return part.findings.flatMap((f) => renderFinding(f, style));
  }
}

function renderFinding(f: FindingView, style: Style): string[] {
  const paint = f.severity === 'error' ? style.red : f.severity === 'warning' ? style.yellow : style.cyan;
  const out = [`${paint(`${MARK[f.severity]} ${f.severity}`)}  ${style.bold(f.title)}`];
  out.push(...wrap(f.detail, '   '));
  if (f.evidence.length > 0) out.push(`   ${style.dim('evidence:')} ${f.evidence.join(', ')}`);
  if (f.fix.length > 0) {
    out.push(`   ${style.dim('fix:')}`);
    f.fix.forEach((fix, n) => {
      const [first = '', ...rest] = fix.split('\n');
      out.push(...wrap(first, `     ${n + 1}. `), ...rest.map((r) => `        ${r}`));
    });
  }
  if (f.docs.length > 0) out.push(`   ${style.dim('docs:')} ${f.docs.join('  ')}`);
  return out;
}
