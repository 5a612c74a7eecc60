/**
 * The Slack renderer over real replies (the real reducer on real pastes) and over replies built to hit
 * Slack's limits and to try to ping, link or break layout. Every message is checked against Block Kit's
 * documented limits by test/support/slack-blocks.ts, whose own checks are tested at the end.
 */

import type { KnownBlock } from '@slack/types';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_MESSAGES,
  OPEN_THREAD_ACTION,
  renderClaimed,
  renderEscalation,
  renderReply,
  type SlackMessage,
} from '../../adapters/slack/render.js';
import type { EscalationPacket } from '../../src/conversation/effects.js';
import type { StepResult } from '../../src/conversation/step.js';
import { decodeButton } from '../../src/platform/action-codec.js';
import { humanDuration } from '../../src/reply/duration.js';
import type { Part, Reply } from '../../src/reply/model.js';
import {
  githubToken,
  MINUTE,
  PASTES,
  paste,
  play,
  press,
  SETTINGS,
  T0,
  typed,
} from '../support/conversation.js';
import { mrkdwnProblems, readMrkdwn, slackMessageProblems, slackText } from '../support/slack-blocks.js';

/** Renders and asserts every message is valid Block Kit: the precondition of every test below. */
function render(reply: Reply): SlackMessage[] {
  const messages = renderReply(reply);
  for (const m of messages) expect(slackMessageProblems(m)).toEqual([]);
  return messages;
}
const textOf = (messages: SlackMessage[]) => messages.map(slackText).join('\n');
const mrkdwnOf = (blocks: KnownBlock[]) =>
  blocks.flatMap((b) => {
    if (b.type === 'section') return [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)];
    if (b.type === 'context') return b.elements.map((e) => ('text' in e ? e.text : ''));
    return [];
  });
const buttons = (messages: SlackMessage[]) =>
  messages.flatMap((m) => m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])));
const only = (result: StepResult | undefined, visibility: Reply['visibility'] = 'public') => {
  const reply = result?.replies.find((r) => r.visibility === visibility);
  expect(reply).toBeDefined();
  return reply!;
};
const actionsPart = (reply: Reply) => reply.parts.flatMap((p) => (p.type === 'actions' ? p.actions : []));

const reply = (parts: Part[], summary = 'A reply'): Reply => ({ visibility: 'public', summary, parts });

/** Pieces of text that Slack reads as markup, mentions, entities, controls: joined at random. */
const UNIT = fc.constantFrom(
  '<',
  '>',
  '&',
  '*',
  '_',
  '~',
  '`',
  '```',
  '@',
  'here',
  'channel',
  '!',
  '|',
  '\n',
  ' ',
  'a',
  'Z',
  '1',
  'https://',
  'x.example',
  ':',
  '/',
  '.',
  '&amp;',
  '\u202E',
  '\r',
  '\u0007',
  'é',
  '😀',
  '＞',
  '\t',
);
const hostile = (minLength: number, maxLength: number) =>
  fc.array(UNIT, { minLength, maxLength }).map((units) => units.join(''));

const R: Record<string, Reply> = {};
let packet: EscalationPacket;
let token: string;

beforeAll(async () => {
  const diagnosed = play([await paste(PASTES.missingHeader, { at: T0 })]);
  R.diagnosis = only(diagnosed.results[0]);
  const walking = play([typed('walk', { at: T0 + MINUTE })], diagnosed.state);
  R.step = only(walking.results[0]);
  R.how = only(play([press(walking.state, 'show_how')], walking.state).results[0]);
  R.help = only(play([typed('help')], walking.state).results[0]);
  const step2 = play([press(walking.state, 'still_401', { at: T0 + 2 * MINUTE })], walking.state);
  const escalated = play([typed('human', { at: T0 + 3 * MINUTE })], step2.state);
  R.escalated = only(escalated.results[0]);
  const effect = escalated.results[0]!.effects.find((e) => e.type === 'escalate');
  if (effect?.type !== 'escalate') throw new Error('no escalation');
  packet = effect.packet;
  R.escalatedNoContact = only(
    play([typed('human', { at: T0 + 3 * MINUTE })], step2.state, { ...SETTINGS, support: {} }).results[0],
  );
  token = githubToken();
  const shared = play([await paste(PASTES.githubFixed(token), { shared: true, at: T0 })]);
  R.leak = only(shared.results[0], 'private');
  R.comparison = only(
    play([await paste(PASTES.githubFixed(token), { at: T0 + 4 * MINUTE })], walking.state).results[0],
  );
});

describe('real replies', () => {
  it('a diagnosis: heading, per finding icon, bold title, why, evidence, numbered fix, docs; buttons last', () => {
    const messages = render(R.diagnosis!);
    expect(messages).toHaveLength(1);
    const { blocks, text } = messages[0]!;
    expect(text).toBe('401 diagnosis: No credential was sent');
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Most likely: No credential was sent', emoji: false },
    });
    const md = mrkdwnOf(blocks);
    const first = md.find((t) => t.startsWith(':red_circle: *No credential was sent*'));
    expect(first).toMatch(
      /\n\*Evidence:\* `request`\n\*Fix:\*\n1\. Send the credential: `Authorization: Bearer &lt;YOUR_GITHUB_TOKEN&gt;`\.\n2\. curl /,
    );
    expect(
      md.some((t) =>
        t.includes(
          '<https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api|docs.github.com/…/authenticating-to-the-rest-api>',
        ),
      ),
    ).toBe(true);
    expect(md.some((t) => t.startsWith('error · `missing_credentials` · docs: <https://'))).toBe(true);
    // Two findings: section + context each, a divider between.
    const types = blocks.map((b) => b.type);
    expect(types.filter((t) => t === 'divider')).toHaveLength(1);
    expect(types.at(-1)).toBe('actions');
    expect(types[types.indexOf('divider') - 1]).toBe('context');
    const text2 = slackText(messages[0]!);
    expect(text2).toContain('GitHub REST API: no token on an endpoint that requires authentication');
    expect(text2).toContain('[Walk me through it] [Fixed it] [Talk to a human]');
    expect(text2).toContain('Read: curl command, HTTP response · GitHub REST API');
  });

  it('buttons carry the encoded action as action_id and value, with the reply’s styles, and decode back', () => {
    const messages = render(R.diagnosis!);
    const shown = buttons(messages);
    const actions = actionsPart(R.diagnosis!);
    expect(shown).toHaveLength(actions.length);
    shown.forEach((b, i) => {
      const a = actions[i]!;
      expect(b.type).toBe('button');
      if (b.type !== 'button') return;
      expect(b.action_id).toBe(b.value);
      expect(decodeButton(b.value!)).toEqual({
        kind: 'action',
        action: a.id,
        session: a.session,
        turn: a.turn,
      });
      expect(b.style).toBe(a.style === 'default' ? undefined : a.style);
      expect(b.text.text).toBe(a.label);
    });
    expect(shown.map((b) => (b.type === 'button' ? b.style : 'x'))).toEqual([
      'primary',
      'primary',
      undefined,
    ]);
  });

  it('a walk step: "Step n of m · title" in bold, the reason as context, checks as bullets, links', () => {
    const messages = render(R.step!);
    const md = mrkdwnOf(messages[0]!.blocks);
    expect(md).toContain('*Step 1 of 11 · A credential is actually sent*');
    const stepAt = messages[0]!.blocks.findIndex(
      (b) => b.type === 'section' && b.text?.text === '*Step 1 of 11 · A credential is actually sent*',
    );
    expect(messages[0]!.blocks[stepAt + 1]).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'The diagnosis points here: No credential was sent', verbatim: true },
      ],
    });
    expect(md.some((t) => t.startsWith('• Find the `Authorization` header'))).toBe(true);
    expect(md).toContain(
      '• <https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api|GitHub REST API: Authenticating to the REST API>\n• <https://curl.se/docs/manpage.html#-v|curl: --verbose>',
    );
    expect(buttons(messages).map((b) => (b.type === 'button' ? decodeButton(b.value!) : undefined))).toEqual(
      actionsPart(R.step!).map((a) => ({ kind: 'action', action: a.id, session: a.session, turn: a.turn })),
    );
  });

  it('"show me how": a header, info-toned titles, numbered steps and fenced code', () => {
    const messages = render(R.how!);
    const { blocks } = messages[0]!;
    expect(blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'How to: A credential is actually sent' },
    });
    const md = mrkdwnOf(blocks);
    expect(md).toContain(':information_source: curl');
    expect(md.some((t) => t.startsWith('1. Run your failing command with `-v` added'))).toBe(true);
    const code = md.filter((t) => t.startsWith('```\n'));
    expect(code.length).toBeGreaterThanOrEqual(3);
    for (const c of code) expect(c.endsWith('\n```')).toBe(true);
    expect(code[0]).toBe(
      "```\ncurl -v -s -o /dev/null -H \"Authorization: Bearer $TOKEN\" 'https://api.github.com/user' 2&gt;&amp;1 | grep '^&gt; '\n```",
    );
    expect(textOf(messages)).toContain(
      `curl -v -s -o /dev/null -H "Authorization: Bearer $TOKEN" 'https://api.github.com/user' 2>&1 | grep '^> '`,
    );
    expect(textOf(messages)).toContain('[ -n "$TOKEN" ] && echo "TOKEN is set (${#TOKEN} chars)"');
  });

  it('help: the commands as bullets, the current buttons', () => {
    const messages = render(R.help!);
    const text = textOf(messages);
    expect(text).toMatch(/• Type `restart` to start over, `forget me` to delete what I keep about you\./);
    expect(text).toContain('[Fixed it] [Still 401] [Skip] [Show me how] [Talk to a human]');
  });

  it('an escalation with a support contact: where it went, as text that links nothing, and the contact link', () => {
    const messages = render(R.escalated!);
    const md = mrkdwnOf(messages[0]!.blocks);
    expect(
      md.some((t) =>
        t.startsWith(':information_source: The support team gets it in #api-support (reference esc-'),
      ),
    ).toBe(true);
    expect(md).toContain('• <https://support.example.com/new|Contact support>');
    expect(md).toContain('I will stay quiet here now. Type `resume` to continue with me.');
    expect(textOf(messages)).toContain('[Resume]');
  });

  it('an escalation without a support contact: a warning and the redacted summary as code', () => {
    const messages = render(R.escalatedNoContact!);
    const md = mrkdwnOf(messages[0]!.blocks);
    expect(md.some((t) => t.startsWith(':warning: This bot has no support contact configured.'))).toBe(true);
    const code = md.find((t) => t.startsWith('```\nauthdoctor escalation esc-'));
    expect(code).toMatch(/\nProvider: github\n/);
    expect(code).toMatch(/\n```$/);
  });

  it('a leak warning: warning tone, the fingerprint, numbered rotation steps, and never the credential', () => {
    const messages = render(R.leak!);
    const md = mrkdwnOf(messages[0]!.blocks);
    expect(md[0]).toMatch(/^:warning: You posted a credential where others can read it\./);
    expect(md.some((t) => /^1\. /.test(t))).toBe(true);
    expect(textOf(messages)).toMatch(/ghp_…[0-9a-zA-Z]{4} \(40 chars\)/);
    expect(md.at(-1)).toBe('Delete the message too, but rotate first: deleting does not un-leak it.');
    expect(messages[0]!.blocks.at(-1)?.type).toBe('context');
    expect(JSON.stringify(messages)).not.toContain(token);
    expect(JSON.stringify(messages)).not.toContain(token.slice(4, 20));
  });

  it('a comparison after a re-paste: the comparison as bullets, fingerprints only', () => {
    const messages = render(R.comparison!);
    const text = textOf(messages);
    expect(text).toContain('Compared with your previous paste:');
    expect(text).toMatch(/• .*succeeds now \(HTTP 200, was 401\)/);
    expect(mrkdwnOf(messages[0]!.blocks)).toContain(
      ':information_source: Compared with your previous paste:',
    );
    expect(JSON.stringify(messages)).not.toContain(token);
    expect(textOf(messages)).toContain('[Fixed it] [Still 401] [Talk to a human]');
  });

  it('a diagnosis of a ~1 MB paste renders within limits', async () => {
    const noise = Array.from(
      { length: 12_000 },
      (_, i) => `< X-Trace-${i}: ${'abc<!channel>&*_~`'.repeat(4)}`,
    );
    const big = `${PASTES.missingHeader}\n${noise.join('\n')}`;
    expect(big.length).toBeGreaterThan(1_000_000);
    const result = play([await paste(big)]);
    const diagnosis = only(result.results[0]);
    const messages = render(diagnosis);
    expect(messages.length).toBeLessThanOrEqual(MAX_MESSAGES);
    expect(messages.at(-1)!.blocks.at(-1)?.type).toBe('actions');
  });
});

describe('long replies', () => {
  const actions: Part = {
    type: 'actions',
    actions: [
      { id: 'fixed', label: 'Fixed it', style: 'primary', session: 's1', turn: 3 },
      { id: 'forget', label: 'Forget me', style: 'danger', session: 's1', turn: 3 },
    ],
  };

  it('a long code block is cut at line boundaries into fenced sections, every line kept in order', () => {
    const lines = Array.from({ length: 600 }, (_, i) => `line ${i + 1}: echo "<${i}> & done" \`\`\` end`);
    const messages = render(reply([{ type: 'code', text: lines.join('\n') }, actions]));
    expect(messages).toHaveLength(1);
    const code = mrkdwnOf(messages[0]!.blocks).filter((t) => t.startsWith('```'));
    expect(code.length).toBeGreaterThan(5);
    for (const c of code) {
      expect(c.length).toBeLessThanOrEqual(3000);
      expect(c).toMatch(/^```\n[\s\S]*\n```$/);
      expect(c.slice(3, -3)).not.toContain('```');
    }
    const back = code.map((c) => readMrkdwn(c.slice(4, -4))).join('\n');
    expect(back).toBe(lines.join('\n'));
  });

  it('a single line longer than a section is cut anywhere, never inside an entity', () => {
    const line = '&<>'.repeat(3000);
    const messages = render(
      reply([
        { type: 'code', text: line },
        { type: 'text', text: line, tone: 'info' },
      ]),
    );
    const md = mrkdwnOf(messages.flatMap((m) => m.blocks));
    const code = md.filter((t) => t.startsWith('```'));
    expect(code.map((c) => readMrkdwn(c.slice(4, -4))).join('')).toBe(line);
    const text = md.filter((t) => !t.startsWith('```'));
    expect(text[0]!.startsWith(':information_source: &amp;&lt;&gt;')).toBe(true);
    expect(
      text
        .map((t) => readMrkdwn(t))
        .join('\n')
        .replace(/\n/g, ''),
    ).toBe(`:information_source: ${line}`);
  });

  it('over 50 blocks continues in further messages; the actions end the last one; nothing is left out', () => {
    const parts: Part[] = Array.from({ length: 120 }, (_, i) => ({
      type: 'text' as const,
      text: `Paragraph ${i + 1}`,
      tone: 'plain' as const,
    }));
    const messages = render(reply([...parts, actions], 'Many paragraphs'));
    expect(messages).toHaveLength(3);
    expect(messages.map((m) => m.text)).toEqual([
      'Many paragraphs',
      'Many paragraphs (part 2 of 3)',
      'Many paragraphs (part 3 of 3)',
    ]);
    const all = textOf(messages);
    for (let i = 1; i <= 120; i++) expect(all).toContain(`Paragraph ${i}\n`);
    expect(all).not.toMatch(/left out/);
    expect(messages.slice(0, -1).every((m) => m.blocks.every((b) => b.type !== 'actions'))).toBe(true);
    expect(messages.at(-1)!.blocks.at(-1)?.type).toBe('actions');
  });

  it('a huge reply is cut after five messages with a note of what was left out, the actions still last', () => {
    const finding = (n: number) => ({
      rule: `rule-${n}`,
      cause: 'other' as const,
      severity: 'warning' as const,
      title: `Finding number ${n}`,
      detail: 'x'.repeat(2500),
      evidence: ['request.headers.authorization'],
      fix: ['Do this', 'Then that'],
      docs: ['https://example.com/docs'],
    });
    const code = Array.from({ length: 40_000 }, (_, i) => `log line ${i + 1} ${'y'.repeat(60)}`).join('\n');
    const messages = render(
      reply(
        [
          { type: 'heading', text: 'Huge' },
          { type: 'text', text: 'z '.repeat(20_000), tone: 'plain' },
          { type: 'code', text: code },
          { type: 'findings', findings: Array.from({ length: 40 }, (_, i) => finding(i + 1)) },
          actions,
        ],
        'Huge reply',
      ),
    );
    expect(messages).toHaveLength(MAX_MESSAGES);
    const last = messages.at(-1)!;
    expect(last.blocks.at(-1)?.type).toBe('actions');
    const note = last.blocks.at(-2);
    expect(note?.type).toBe('context');
    const noteText = slackText({ text: 'x', blocks: [note!] });
    expect(noteText).toMatch(
      /^:scissors: Too long for Slack: left out code lines [1-9][\d,]+–40,000 and 40 findings \(Finding number 1; Finding number 2; Finding number 3, and 37 more\)\.$/,
    );
    // What was kept is the beginning, in order: the heading, all the text, the first code lines.
    const all = textOf(messages);
    expect(all.startsWith('Huge\nz z z')).toBe(true);
    expect(all).toContain('```\nlog line 1 yyy');
    const lastShown = Number(/code lines ([\d,]+)–/.exec(noteText)![1]!.replace(/,/g, '')) - 1;
    expect(all).toContain(`log line ${lastShown} y`);
    expect(all).not.toContain(`log line ${lastShown + 1} y`);
    expect(buttons(messages)).toHaveLength(2);
    expect(JSON.stringify(messages).length).toBeLessThan(MAX_MESSAGES * 45_000);
  });
});

describe('buttons', () => {
  it('one actions block at the end: a repeated button shown once, at most 25', () => {
    const action = (id: 'skip' | 'help', turn: number) => ({
      id,
      label: `${id} ${turn}`,
      style: 'default' as const,
      session: 's',
      turn,
    });
    const messages = render(
      reply([
        { type: 'actions', actions: [action('skip', 1), action('help', 1)] },
        { type: 'text', text: 'between', tone: 'plain' },
        {
          type: 'actions',
          actions: [action('skip', 1), ...Array.from({ length: 40 }, (_, i) => action('help', i + 2))],
        },
      ]),
    );
    const blocks = messages[0]!.blocks;
    expect(blocks.map((b) => b.type)).toEqual(['section', 'actions']);
    const shown = buttons(messages);
    expect(shown).toHaveLength(25);
    expect(shown.slice(0, 3).map((b) => (b.type === 'button' ? b.text.text : ''))).toEqual([
      'skip 1',
      'help 1',
      'help 2',
    ]);
  });
});

describe('escaping: user text can never ping, link or break layout', () => {
  const nasty =
    'Hi <!channel> and @here @Everyone <@U0123ABC> <#C024BE7LR|general> see <https://evil.example|bank.com> &amp; *bold* _it_ ~gone~ a`b <!date^0^{date}|x>';

  it('mentions, links and entities stay text; verbatim is set; the reader sees exactly what was written', () => {
    const messages = render(reply([{ type: 'text', text: nasty, tone: 'plain' }]));
    const block = messages[0]!.blocks[0]!;
    expect(block.type).toBe('section');
    if (block.type !== 'section' || block.text?.type !== 'mrkdwn') throw new Error('not mrkdwn');
    const md = block.text.text;
    expect(block.text.verbatim).toBe(true);
    expect(md).not.toContain('<!channel>');
    expect(md).toContain('&lt;!channel&gt;');
    expect(md).not.toMatch(/@here|@everyone/i);
    expect(md).toContain('@\u200Dhere');
    expect(md).not.toContain('<https://evil.example|bank.com>');
    expect(md).toContain('&lt;https://evil.example|bank.com&gt;');
    expect(md).toContain('&amp;amp;');
    expect(md).not.toContain('*bold*');
    expect(md).not.toContain('<@U0123ABC>');
    expect(slackText(messages[0]!)).toBe(nasty);
  });

  it('inline code stays Slack code, with its content escaped; formatting characters inside words stay', () => {
    const messages = render(
      reply([
        {
          type: 'text',
          text: 'Set `Authorization: Bearer <token> && *x*` in YOUR_API_KEY and 2*3',
          tone: 'warning',
        },
      ]),
    );
    const md = mrkdwnOf(messages[0]!.blocks)[0]!;
    expect(md).toBe(
      ':warning: Set `Authorization: Bearer &lt;token&gt; &amp;&amp; *x*` in YOUR_API_KEY and 2*3',
    );
  });

  it('*bold* in a finding title stays literal and does not end the bold title early', () => {
    const messages = render(
      reply([
        {
          type: 'findings',
          findings: [
            {
              rule: 'r',
              cause: 'other',
              severity: 'info',
              title: 'Use *Bearer* not _Token_',
              detail: '> looks like a quote',
              evidence: ['a`b'],
              fix: ['one\ntwo lines'],
              docs: ['javascript:alert(1)', 'https://ok.example/a?b=1&c=2'],
            },
          ],
        },
      ]),
    );
    const md = mrkdwnOf(messages[0]!.blocks);
    expect(
      md[0]!.startsWith(':information_source: *Use <!date^00000000^{_}|*>Bearer<!date^00000000^{_}|*> not '),
    ).toBe(true);
    expect(md[0]).toContain('\n\u00AD&gt; looks like a quote\n');
    expect(md[0]).toContain("*Evidence:* `a'b`");
    expect(md[0]).toContain('*Fix:*\n1. one\n      two lines');
    expect(md[1]).toContain('javascript:alert(1)');
    expect(md[1]).not.toContain('<javascript:');
    expect(md[1]).toContain('<https://ok.example/a?b=1&amp;c=2|ok.example/a?b=1&amp;c=2>');
    expect(slackText(messages[0]!)).toContain(
      ':information_source: *Use *Bearer* not _Token_*\n> looks like a quote',
    );
  });

  it('triple backticks in code cannot close the fence; mentions in code are broken too', () => {
    const code = 'before\n```\n<!here> @channel\n```\nafter ``` ````';
    const messages = render(reply([{ type: 'code', text: code }]));
    const md = mrkdwnOf(messages[0]!.blocks)[0]!;
    expect(md.split('```')).toHaveLength(3);
    expect(md).toContain('&lt;!here&gt; @\u200Dchannel');
    expect(readMrkdwn(md)).toBe(`\`\`\`\n${code}\n\`\`\``);
  });

  it('links: only http(s) URLs without | < > become links; labels are escaped', () => {
    const messages = render(
      reply([
        {
          type: 'links',
          links: [
            { label: 'Docs <b>*here*</b> @here', url: 'https://docs.example.com/x?a=1&b=2' },
            { label: 'Evil', url: 'https://evil.example|bank.com' },
            { label: 'Script', url: 'javascript:alert(1)' },
            { label: 'Spaces', url: 'https://a.example/ b' },
          ],
        },
      ]),
    );
    const md = mrkdwnOf(messages[0]!.blocks)[0]!;
    expect(md.split('\n')).toEqual([
      '• <https://docs.example.com/x?a=1&amp;b=2|Docs &lt;b&gt;∗here∗&lt;/b&gt; @\u200Dhere>',
      '• Evil: https://evil.example|bank.com',
      '• Script: javascript:alert(1)',
      '• Spaces: https://a.example/ b',
    ]);
  });

  it('headings and button labels are plain text with mentions broken and limits kept', () => {
    const messages = render(
      reply([
        { type: 'heading', text: `@here ${'h'.repeat(300)}` },
        {
          type: 'actions',
          actions: [{ id: 'help', label: '@channel help', style: 'default', session: 's', turn: 0 }],
        },
      ]),
    );
    const [head, actions] = messages[0]!.blocks;
    expect(head).toMatchObject({ type: 'header' });
    if (head?.type !== 'header' || actions?.type !== 'actions') throw new Error('shape');
    expect(head.text.text).toHaveLength(150);
    expect(head.text.text.startsWith('@\u200Dhere hhh')).toBe(true);
    expect(head.text.text.endsWith('…')).toBe(true);
    expect(actions.elements[0]).toMatchObject({ text: { text: '@\u200Dchannel help' } });
  });

  it('the fallback text is the escaped summary', () => {
    const [message] = render(reply([{ type: 'text', text: 'x', tone: 'plain' }], '<!here> 401 & *stuff*'));
    expect(message!.text).toBe('&lt;!here&gt; 401 &amp; *stuff*');
  });

  it('any text renders valid and reads back as written (property)', () => {
    const text = hostile(0, 40);
    const visible = (s: string) =>
      s
        .replace(/\r\n?/g, '\n')
        .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, '');
    fc.assert(
      fc.property(text, text, text, (t, code, item) => {
        const messages = render(
          reply(
            [
              { type: 'text', text: t, tone: 'plain' },
              { type: 'code', text: code },
              { type: 'list', items: [item, t], ordered: true },
              { type: 'heading', text: item },
              { type: 'links', links: [{ label: t, url: code }] },
              { type: 'step', step: 's', index: 1, total: 2, title: t, reason: item },
            ],
            t,
          ),
        );
        const md = mrkdwnOf(messages.flatMap((m) => m.blocks));
        if (visible(t).trim()) expect(md.some((x) => readMrkdwn(x) === visible(t))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('long text of any shape, in every part, stays within every limit (property)', () => {
    const long = hostile(300, 2500);
    fc.assert(
      fc.property(long, long, (t, code) => {
        render(
          reply(
            [
              { type: 'heading', text: t },
              { type: 'text', text: t, tone: 'warning' },
              { type: 'text', text: code, tone: 'muted' },
              { type: 'code', text: code },
              { type: 'list', items: [t, code], ordered: false },
              {
                type: 'findings',
                findings: [
                  {
                    rule: t,
                    cause: 'other',
                    severity: 'error',
                    title: t,
                    detail: code,
                    evidence: [t],
                    fix: [t, code],
                    docs: [code, `https://docs.example/${t}`],
                  },
                ],
              },
              { type: 'links', links: [{ label: t, url: `https://x.example/${code}` }] },
              { type: 'step', step: 's', index: 2, total: 7, title: t, reason: code },
              {
                type: 'actions',
                actions: [{ id: 'skip', label: 'Skip', style: 'default', session: 's', turn: 1 }],
              },
            ],
            t,
          ),
        );
      }),
      { numRuns: 40 },
    );
  });
});

describe('escalation messages', () => {
  const where = {
    permalink: 'https://example.slack.com/archives/C1/p123',
    label: '#api-help, thread by Ana',
  };

  it('the support channel gets the redacted packet, the thread link and a Claim button', () => {
    const message = renderEscalation(packet, 'c0ffee12', where);
    expect(slackMessageProblems(message)).toEqual([]);
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { text: `Escalation ${packet.id}` } });
    const text = slackText(message);
    expect(text).toContain(packet.headline);
    expect(text).toContain('The user asked for a human');
    expect(text).toContain('#api-help, thread by Ana');
    expect(text).toContain('*Provider*\ngithub');
    expect(text).toContain('No credential was sent');
    expect(text).toMatch(/A credential is actually sent: suspect \(.*\) · answered: still 401/);
    expect(text).toContain('*Paste 1* · 2026-01-15 12:00 UTC');
    expect(text).toContain('curl -i https://api.github.com/user');
    expect(text).toContain('escalated after 3 min');
    const actions = message.blocks.at(-1);
    expect(actions?.type).toBe('actions');
    if (actions?.type !== 'actions') return;
    const [claim, open] = actions.elements;
    expect(claim).toMatchObject({ type: 'button', style: 'primary', text: { text: 'Claim' } });
    if (claim?.type !== 'button') return;
    expect(claim.action_id).toBe(claim.value);
    expect(decodeButton(claim.value!)).toEqual({ kind: 'claim', claim: 'c0ffee12' });
    expect(open).toMatchObject({ type: 'button', url: where.permalink, action_id: OPEN_THREAD_ACTION });
  });

  it('any headline, source, provider, titles, answers, paste text and claimer render valid (property)', () => {
    const text = hostile(0, 60);
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        const odd: EscalationPacket = {
          ...packet,
          headline: a,
          provider: b,
          findings: packet.findings.map((f) => ({ ...f, title: c, cause: f.cause })),
          steps: packet.steps.map((s) => ({ ...s, title: a, reason: b })),
          attempts: packet.attempts.map((x) => ({ ...x, text: c, summary: [a, b] })),
        };
        expect(slackMessageProblems(renderEscalation(odd, 'c1', { label: b, permalink: c }))).toEqual([]);
        expect(slackMessageProblems(renderClaimed(odd, { label: a }, c))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('durations read as a person would say them; odd timings do not break the message', () => {
    expect(
      [950, 45_000, 185_000, 3 * 3600_000 + 5 * 60_000, 50 * 3600_000, Number.NaN].map(humanDuration),
    ).toEqual(['1 s', '45 s', '3 min 5 s', '3 h 5 min', '2 d 2 h', 'an unknown time']);
    const odd = {
      ...packet,
      timings: { ...packet.timings, startedAt: Number.NaN, durationMs: Number.POSITIVE_INFINITY },
    };
    const message = renderEscalation(odd, 'c1', where);
    expect(slackMessageProblems(message)).toEqual([]);
    expect(slackText(message)).toContain('Started at an unknown time');
  });

  it('without a usable permalink there is no "Open thread" button', () => {
    for (const permalink of [undefined, 'javascript:alert(1)', 'https://x.example/a|b']) {
      const message = renderEscalation(packet, 'c1', { label: 'DM', ...(permalink ? { permalink } : {}) });
      expect(slackMessageProblems(message)).toEqual([]);
      expect(slackText(message)).toMatch(/\[Claim\]$/);
    }
  });

  it('claimed: no Claim button, who claimed it as a mention (a real id) or as escaped text', () => {
    const claimed = renderClaimed(packet, where, 'U0AGENT1');
    expect(slackMessageProblems(claimed)).toEqual([]);
    const decoded = buttons([claimed]).map((b) =>
      b.type === 'button' ? decodeButton(b.value ?? b.action_id!) : undefined,
    );
    expect(decoded.some((d) => d?.kind === 'claim')).toBe(false);
    expect(slackText(claimed)).not.toContain('[Claim]');
    expect(slackText(claimed)).toContain('[Open thread]');
    expect(mrkdwnOf(claimed.blocks)).toContain(':raising_hand: Claimed by <@U0AGENT1>');
    const spoof = renderClaimed(packet, { label: 'x' }, 'Dana <!here>');
    expect(slackMessageProblems(spoof)).toEqual([]);
    expect(mrkdwnOf(spoof.blocks)).toContain(':raising_hand: Claimed by Dana &lt;!here&gt;');
    expect(spoof.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('a packet of many long pastes, findings and hostile text still fits one valid message', async () => {
    const noise = Array.from({ length: 3000 }, (_, i) => `< X-${i}: <!channel> \`\`\` *${'q'.repeat(40)}*`);
    const big = play([await paste(`${PASTES.missingHeader}\n${noise.join('\n')}`)]);
    let state = big.state;
    for (let i = 0; i < 7; i++)
      state = play([await paste(PASTES.unexplained, { at: T0 + i * MINUTE })], state).state;
    const escalated = play([typed('human', { at: T0 + 2 * 60 * MINUTE })], state);
    const effect = escalated.results[0]!.effects.find((e) => e.type === 'escalate');
    if (effect?.type !== 'escalate') throw new Error('no escalation');
    const hostile: EscalationPacket = {
      ...effect.packet,
      headline: `<!here> ${'*'.repeat(5000)}`,
      provider: '@channel',
      findings: Array.from({ length: 30 }, (_, i) => ({
        ...packet.findings[0]!,
        title: `F${i} ${'_'.repeat(400)}`,
      })),
      attempts: [...effect.packet.attempts, { ...effect.packet.attempts[0]!, text: 'a'.repeat(50_000) }],
    };
    for (const message of [
      renderEscalation(hostile, 'c2', { label: `@here ${'<'.repeat(5000)}`, permalink: where.permalink }),
      renderClaimed(hostile, where, 'U0AGENT1'),
    ]) {
      expect(slackMessageProblems(message)).toEqual([]);
      const text = slackText(message);
      expect(text).toMatch(/earlier pastes? not shown/);
      expect(text).toMatch(/escalated after 2 h/);
    }
  });
});

describe('the Block Kit checker', () => {
  const md = (text: string) => ({ type: 'mrkdwn' as const, text, verbatim: true });
  const ok: SlackMessage = {
    text: 'fallback',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Title' } },
      { type: 'section', text: md('*bold* <https://a.example|a> &amp; <@U0AGENT1> <!date^0^{_}|*>') },
      { type: 'divider' },
      { type: 'context', elements: [md('note')] },
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' }, action_id: 'a', value: 'a' }],
      },
    ],
  };

  it('accepts a valid message and flattens it for reading', () => {
    expect(slackMessageProblems(ok)).toEqual([]);
    expect(slackText(ok)).toBe('Title\n*bold* a (https://a.example) & @U0AGENT1 *\nnote\n[Go]');
  });

  const broken = (change: (m: SlackMessage) => void) => {
    const m: SlackMessage = structuredClone(ok);
    change(m);
    return slackMessageProblems(m).join('\n');
  };
  const button = (id: string, text = 'Go') => ({
    type: 'button' as const,
    text: { type: 'plain_text' as const, text },
    action_id: id,
  });

  it.each<[string, (m: SlackMessage) => void, RegExp]>([
    [
      '51 blocks',
      (m) => m.blocks.push(...Array.from({ length: 46 }, () => ({ type: 'divider' as const }))),
      /blocks: 51 > 50/,
    ],
    [
      'a long header',
      (m) => {
        m.blocks[0] = { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } };
      },
      /text 151 > 150/,
    ],
    [
      'a long section',
      (m) => {
        m.blocks[1] = { type: 'section', text: md('s'.repeat(3001)) };
      },
      /text 3001 > 3000/,
    ],
    [
      'no verbatim',
      (m) => {
        m.blocks[1] = { type: 'section', text: { type: 'mrkdwn', text: 'x' } };
      },
      /verbatim/,
    ],
    [
      'a <!here>',
      (m) => {
        m.blocks[1] = { type: 'section', text: md('hi <!here>') };
      },
      /special sequence/,
    ],
    [
      'a channel link',
      (m) => {
        m.blocks[1] = { type: 'section', text: md('<#C1|general>') };
      },
      /special sequence/,
    ],
    [
      'a javascript: link',
      (m) => {
        m.blocks[1] = { type: 'section', text: md('<javascript:x|y>') };
      },
      /special sequence/,
    ],
    [
      'a raw &',
      (m) => {
        m.blocks[1] = { type: 'section', text: md('a & b') };
      },
      /raw &/,
    ],
    [
      'a raw >',
      (m) => {
        m.blocks[1] = { type: 'section', text: md('a > b') };
      },
      /raw >/,
    ],
    [
      'an unbroken @here',
      (m) => {
        m.blocks[1] = { type: 'section', text: md('hi @here') };
      },
      /unbroken/,
    ],
    [
      'an open fence',
      (m) => {
        m.blocks[1] = { type: 'section', text: md('```\ncode') };
      },
      /unbalanced code fence/,
    ],
    [
      'a bidi override',
      (m) => {
        m.blocks[1] = { type: 'section', text: md('a\u202Eb') };
      },
      /bidi/,
    ],
    [
      'an image block',
      (m) => {
        m.blocks.push({ type: 'image', image_url: 'https://a.example/i.png', alt_text: 'i' });
      },
      /block type "image" not allowed/,
    ],
    [
      '11 context elements',
      (m) => {
        m.blocks[3] = { type: 'context', elements: Array.from({ length: 11 }, () => md('n')) };
      },
      /1 to 10 elements/,
    ],
    [
      '26 buttons',
      (m) => {
        m.blocks[4] = { type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(`b${i}`)) };
      },
      /1 to 25 elements/,
    ],
    [
      'a repeated action_id',
      (m) => {
        m.blocks.push({ type: 'actions', elements: [button('a')] });
      },
      /action_id "a" already used/,
    ],
    [
      'a long button label',
      (m) => {
        m.blocks[4] = { type: 'actions', elements: [button('a', 'b'.repeat(76))] };
      },
      /text 76 > 75/,
    ],
    [
      'a long action_id',
      (m) => {
        m.blocks[4] = { type: 'actions', elements: [button('a'.repeat(256))] };
      },
      /action_id 256 > 255/,
    ],
    [
      'a long value',
      (m) => {
        m.blocks[4] = { type: 'actions', elements: [{ ...button('a'), value: 'v'.repeat(2001) }] };
      },
      /value must be/,
    ],
    [
      'a bad style',
      (m) => {
        m.blocks[4] = { type: 'actions', elements: [{ ...button('a'), style: 'blue' as 'primary' }] };
      },
      /style "blue"/,
    ],
    [
      'a long fallback',
      (m) => {
        m.text = 't'.repeat(40_001);
      },
      /fallback text 40001 > 40000/,
    ],
    [
      'an empty text',
      (m) => {
        m.blocks[3] = { type: 'context', elements: [md('')] };
      },
      /empty text/,
    ],
  ])('flags %s', (_, change, problem) => {
    expect(broken(change)).toMatch(problem);
  });

  it('reads mrkdwn back as shown', () => {
    expect(mrkdwnProblems('&amp;lt; &lt;')).toEqual([]);
    expect(readMrkdwn('&amp;lt; &lt;x&gt; <https://a.example?a=1&amp;b=2|l>')).toBe(
      '&lt; <x> l (https://a.example?a=1&b=2)',
    );
  });
});
