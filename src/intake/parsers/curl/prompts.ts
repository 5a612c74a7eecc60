/**
 * Shell prompts pasted with the command (`$ curl …`, `> curl …`, `PS C:\> curl.exe …`, `C:\>curl …`), and
 * `> ` continuation prompts, blanked out so the tokenizer sees the command. Columns and lines are kept.
 */

const PS_PROMPT = /^\s*PS [^>\n]{0,200}>\s*(?=curl)/i;
const CMD_PROMPT = /^\s*[A-Za-z]:\\[^>\n]{0,200}>\s*(?=curl)/i;
const CONTINUED = ['\\', '^', '`'];

function blank(line: string, length: number): string {
  return ' '.repeat(length) + line.slice(length);
}

/**
 * Every prompt is `$ `, `% `, `> ` or ends in `>`: a paste without them (most) is returned without splitting
 * it into lines.
 */
function mayHavePrompt(text: string): boolean {
  return text.includes('>') || text.includes('$ ') || text.includes('% ');
}

export function stripPrompts(text: string): string {
  if (!mayHavePrompt(text)) return text;
  const lines = text.split('\n');
  let continued = false;
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] ?? '';
    const start = line.length - line.trimStart().length;
    const mark = line[start];
    const rest = line.slice(start + 2);
    if ((mark === '$' || mark === '>' || mark === '%') && line[start + 1] === ' ') {
      if (rest.trimStart().startsWith('curl') || (continued && mark === '>'))
        lines[n] = blank(line, start + 1);
    } else {
      const head = line.slice(0, 300);
      const prompt = PS_PROMPT.exec(head) ?? CMD_PROMPT.exec(head);
      if (prompt !== null) lines[n] = blank(line, prompt[0].length);
    }
    const end = line.trimEnd();
    continued = CONTINUED.some((c) => end.endsWith(c));
  }
  return lines.join('\n');
}
