/** An escalation packet as plain text: for a ticket, an email, or the user to forward. */
import { stepById } from '../checklist/steps.js';
import type { EscalationPacket } from './effects.js';

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function packetText(packet: EscalationPacket): string[] {
  const lines = [
    `authdoctor escalation ${packet.id} (${packet.reason})`,
    packet.headline,
    `Provider: ${packet.provider ?? 'not recognised'}`,
    `Started ${iso(packet.timings.startedAt)}, escalated ${iso(packet.timings.escalatedAt)} (${Math.round(packet.timings.durationMs / 60_000)} min)`,
  ];
  if (packet.findings.length > 0) {
    lines.push('', 'Findings:');
    for (const f of packet.findings.slice(0, 5)) lines.push(`- [${f.severity}] ${f.title} (${f.cause})`);
  }
  const answered = packet.steps.filter((s) => s.answers.length > 0 || s.status === 'ruled_out');
  if (answered.length > 0) {
    lines.push('', 'Checklist:');
    for (const s of answered)
      lines.push(
        `- ${stepById(s.step).title}: ${s.answers.length > 0 ? s.answers.join(', ').replace(/_/g, ' ') : `ruled out (${s.reason ?? ''})`}`,
      );
  }
  packet.attempts.forEach((a, i) => {
    lines.push('', `Paste ${i + 1} (${iso(a.at)}):`, ...a.summary.map((l) => `  ${l}`));
  });
  return lines;
}
