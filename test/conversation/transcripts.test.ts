/**
 * Whole conversations, driven through the terminal chat and compared with golden transcripts
 * (`transcripts/*.txt`). When wording changes on purpose, regenerate them with
 * `UPDATE_GOLDEN=1 npx vitest run test/conversation/transcripts.test.ts` and read the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { driveChat, type ScriptLine } from '../support/chat-driver.js';
import { PASTES } from '../support/conversation.js';

/** A real-looking GitHub token (valid checksum), fixed so the transcript is stable; never shown raw. */
const TOKEN = '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';

async function golden(name: string, script: ScriptLine[], env: Record<string, string> = {}): Promise<string> {
  const transcript = await driveChat(script, { AUTHDOCTOR_SUPPORT_CHANNEL: '#api-support', ...env });
  const file = new URL(`./transcripts/${name}.txt`, import.meta.url);
  if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, transcript);
  expect(transcript).toBe(readFileSync(file, 'utf8'));
  return transcript;
}

describe('golden transcripts (terminal chat)', () => {
  it('a missing header, fixed on the first try', async () => {
    const t = await golden('missing-header-fixed', [
      { say: PASTES.missingHeader },
      { say: PASTES.githubFixed(TOKEN), after: 3 },
      { say: '1' },
    ]);
    expect(t).toMatch(/Most likely: /);
    expect(t).toMatch(/succeeds now \(HTTP 200, was 401\)/);
    expect(t).toMatch(/Glad it works now\. Noted: it was "No credential was sent"/);
    const botLines = t.split('\n').filter((l) => !l.startsWith('you> '));
    expect(botLines.join('\n')).not.toContain(TOKEN);
    expect(botLines.join('\n')).toContain('ghp_…');
  });

  it('an expired JWT found, and a new paste verifying the fix', async () => {
    const t = await golden('expired-jwt-verified', [
      { say: PASTES.jwtCall('2026-01-15T10:00:00Z') },
      { say: PASTES.jwtCall('2026-01-15T12:50:00Z', '200 OK'), after: 5 },
      { say: 'fixed' },
    ]);
    expect(t).toMatch(/expired/i);
    expect(t).toMatch(/Fixed since last time: /);
    expect(t).toMatch(/A different credential this time/);
  });

  it('a case no rule solves, walked step by step to a human', async () => {
    const t = await golden('unsolved-escalated', [
      { say: PASTES.unexplained },
      { say: '1' },
      { say: '2' },
      { say: '4' },
      { say: '2' },
      { say: '2' },
      { say: '2' },
      { say: 'anyone?' },
    ]);
    expect(t).toMatch(/Step 1 of \d+/);
    expect(t).toMatch(/How to: /);
    expect(t).toMatch(/#api-support/);
    // Escalated: the last message got no answer.
    expect(t.trimEnd().endsWith('you> anyone?')).toBe(true);
  });

  it('a user who answers by typing instead of choosing', async () => {
    const t = await golden('typed-answers', [
      { say: PASTES.missingHeader },
      { say: 'walk me through it' },
      { say: 'how' },
      { say: 'skip' },
      { say: 'still 401' },
      { say: 'help' },
      { say: 'fixed' },
    ]);
    expect(t).toMatch(/Glad it works now\. Noted: /);
  });
});
