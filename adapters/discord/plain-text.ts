/**
 * A reply as plain text, for the file attached when a reply is too long for Discord messages. No markdown:
 * a .txt attachment shows characters as they are, so nothing in it can ping or link.
 */
import type { FindingView, Part, Reply } from '../../src/reply/model.js';

export function replyPlainText(reply: Reply): string {
  const out: string[] = [reply.summary, ''];
  for (const part of reply.parts) out.push(...partLines(part));
  return `${out.join('\n').trimEnd()}\n`;
}

function partLines(part: Part): string[] {
  switch (part.type) {
    case 'heading':
      return ['', part.text, '='.repeat(Math.min(part.text.length, 80))];
    case 'text':
      return [part.text];
    case 'list':
      return part.items.map((item, i) => `${part.ordered ? `${i + 1}.` : '-'} ${indent(item, '   ')}`);
    case 'code':
      return ['', ...part.text.split('\n').map((l) => `    ${l}`), ''];
    case 'links':
      return part.links.map((l) => `${l.label}: ${l.url}`);
    case 'step':
      return [
        '',
        `Step ${part.index} of ${part.total}: ${part.title}`,
        ...(part.reason ? [part.reason] : []),
      ];
    case 'findings':
      return part.findings.flatMap(findingLines);
    case 'actions':
      return ['', `Buttons: ${part.actions.map((a) => `[${a.label}]`).join(' ')}`];
  }
}

export function findingLines(f: FindingView): string[] {
  const out = ['', `[${f.severity}] ${f.title} (${f.cause}, ${f.rule})`, indent(f.detail, '  ', '  ')];
  if (f.evidence.length > 0) out.push(`  Evidence: ${f.evidence.join(', ')}`);
  if (f.fix.length > 0) out.push('  Fix:', ...f.fix.map((s, i) => `    ${i + 1}. ${indent(s, '       ')}`));
  if (f.docs.length > 0) out.push('  Docs:', ...f.docs.map((d) => `    ${d}`));
  return out;
}

function indent(text: string, rest: string, first = ''): string {
  return `${first}${text.split('\n').join(`\n${rest}`)}`;
}
