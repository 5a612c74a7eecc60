/**
 * The Discord renderer over real replies from the real reducer (real pastes, real diagnoses): every payload
 * within Discord's limits, the key content there, nothing a user pasted able to ping or pose as a link, long
 * replies split or cut with the full text attached, buttons that decode back to what they were.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeInline, escapeText } from '../../adapters/discord/markdown.js';
import {
  type DiscordPayload,
  MAX_MESSAGES,
  renderClaimed,
  renderEscalation,
  renderReply,
} from '../../adapters/discord/render.js';
import type { EscalationPacket } from '../../src/conversation/effects.js';
import type { SessionState } from '../../src/conversation/state.js';
import { decodeButton } from '../../src/platform/action-codec.js';
import { humanDuration } from '../../src/reply/duration.js';
import type { FindingView, Reply } from '../../src/reply/model.js';
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
import { customIds, discordPayloadProblems, discordText } from '../support/discord-payloads.js';

const R: Record<string, Reply> = {};
const P: Record<string, EscalationPacket> = {};
const S: Record<string, SessionState> = {};
const TOKEN = githubToken();

function only<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

beforeAll(async () => {
  const diagnosed = play([await paste(PASTES.missingHeader, { at: T0 })]);
  S.diagnosed = diagnosed.state!;
  R.diagnosis = only(diagnosed.results[0]?.replies[0], 'diagnosis');
  const walking = play([typed('walk', { at: T0 + MINUTE })], S.diagnosed);
  S.walking = walking.state!;
  R.step = only(walking.results[0]?.replies[0], 'step');
  R.how = only(
    play([press(S.walking, 'show_how', { at: T0 + MINUTE })], S.walking).results[0]?.replies[0],
    'how',
  );
  R.help = only(play([typed('help')], S.walking).results[0]?.replies[0], 'help');
  // Answers on the way, so the packet has statuses and answers to show.
  const answered = play(
    [
      press(S.walking, 'still_401', { at: T0 + 2 * MINUTE }),
      typed('skip', { at: T0 + 2 * MINUTE + 30_000 }),
      typed('human', { at: T0 + 3 * MINUTE }),
    ],
    S.walking,
  );
  const escalated = only(answered.results[2], 'escalation');
  R.escalation = only(escalated.replies[0], 'escalation reply');
  const effect = escalated.effects.find((e) => e.type === 'escalate');
  P.requested = only(effect?.type === 'escalate' ? effect.packet : undefined, 'packet');
  const unsupported = play([typed('human', { at: T0 + 3 * MINUTE })], S.walking, {
    ...SETTINGS,
    support: {},
  });
  R.escalationNoContact = only(unsupported.results[0]?.replies[0], 'escalation without contact');
  const leaked = play(
    [await paste(PASTES.githubFixed(TOKEN), { shared: true, at: T0 + 4 * MINUTE })],
    S.diagnosed,
  );
  R.leak = only(leaked.results[0]?.replies[0], 'leak warning');
  R.comparison = only(leaked.results[0]?.replies[1], 'comparison');
});

function render(reply: Reply): DiscordPayload[] {
  const payloads = renderReply(reply);
  expect(payloads.length).toBeGreaterThan(0);
  for (const p of payloads) expect(discordPayloadProblems(p)).toEqual([]);
  // Buttons only on the last message, so they sit under everything they answer.
  for (const p of payloads.slice(0, -1)) expect(p.components).toEqual([]);
  return payloads;
}

/** What every rendering must show: texts, list items, code, headings, steps, finding titles, labels. */
function keyTexts(reply: Reply): string[] {
  return reply.parts.flatMap((part): string[] => {
    switch (part.type) {
      case 'heading':
        return [part.text];
      case 'text':
        return part.text.split('\n').filter((l) => l.trim() !== '');
      case 'list':
        return part.items;
      case 'code':
        return part.text.split('\n').filter((l) => l.trim() !== '');
      case 'links':
        return part.links.map((l) => l.label);
      case 'step':
        return [`Step ${part.index} of ${part.total}: ${part.title}`, ...(part.reason ? [part.reason] : [])];
      case 'findings':
        return part.findings.flatMap((f) => [f.title, f.detail, ...f.fix]);
      default:
        return part.actions.map((a) => a.label);
    }
  });
}

function expectShowsAll(reply: Reply, payloads: DiscordPayload[]): void {
  const text = discordText(payloads);
  for (const key of keyTexts(reply)) expect(text).toContain(key);
}

describe('real replies', () => {
  const cases = [
    'diagnosis',
    'step',
    'how',
    'help',
    'escalation',
    'escalationNoContact',
    'leak',
    'comparison',
  ];

  it.each(cases)('%s renders within the limits and shows everything it says', (name) => {
    const reply = R[name]!;
    const payloads = render(reply);
    expect(payloads.length).toBeLessThanOrEqual(MAX_MESSAGES);
    expect(payloads.flatMap((p) => p.files)).toEqual([]);
    expectShowsAll(reply, payloads);
  });

  it('a diagnosis: heading in content, one embed per finding coloured by severity, numbered fix, docs links', () => {
    const [p] = render(R.diagnosis!);
    expect(p!.content).toMatch(/^### Most likely: No credential was sent/);
    const findings = R.diagnosis!.parts.flatMap((x) => (x.type === 'findings' ? x.findings : []));
    const embeds = p!.embeds.filter((e) => e.title);
    expect(embeds.map((e) => e.title)).toEqual(findings.map((f) => `🔴 ${escapeInline(f.title)}`));
    for (const e of embeds) {
      expect(e.color).toBe(0xed4245);
      expect(e.fields?.[0]).toMatchObject({ name: 'Fix', value: expect.stringMatching(/^1\. /) });
      const docs = e.fields?.find((f) => f.name === 'Docs');
      expect(docs?.value).toMatch(
        /\[docs\.github\.com › authenticating-to-the-rest-api\]\(<https:\/\/docs\.github\.com\//,
      );
      expect(e.footer?.text).toMatch(/^missing_credentials · /);
    }
    expect(embeds[0]!.fields?.[0]?.value).toContain('2. curl -H');
    // The question after the findings comes after them, in a plain embed.
    expect(p!.embeds.at(-1)?.description).toContain('Want to walk through the rest of the 401 checklist');
  });

  it('a walk step: the step as a heading, why it is here as subtext, links as masked links', () => {
    const [p] = render(R.step!);
    expect(p!.content).toContain('### Step 1 of 11: A credential is actually sent');
    expect(p!.content).toContain('-# The diagnosis points here: No credential was sent');
    expect(p!.content).toContain(
      '🔗 [GitHub REST API: Authenticating to the REST API](<https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api>)',
    );
    expect(p!.content).toContain('- Find the `Authorization` header');
    expect(p!.embeds).toEqual([]);
  });

  it('"show me how": code in fences with the language, numbered steps', () => {
    const text = render(R.how!)
      .map((p) => p.content ?? '')
      .join('\n');
    expect(text).toContain('```bash\ncurl -v -s -o /dev/null');
    expect(text).toContain('```python\nimport os');
    expect(text).toMatch(/^1\. Run your failing command/m);
    expect(text.split('```').length % 2).toBe(1);
  });

  it('an escalation without a support contact carries the summary to forward, in a code block', () => {
    const text = render(R.escalationNoContact!)
      .map((p) => p.content ?? '')
      .join('\n');
    expect(text).toMatch(/```\nauthdoctor escalation esc-/);
    expect(text).toContain('⚠️ This bot has no support contact configured');
  });

  it('a leak warning names the fingerprint and never the credential', () => {
    const payloads = render(R.leak!);
    const json = JSON.stringify(payloads);
    expect(json).not.toContain(TOKEN);
    expect(json).not.toContain(TOKEN.slice(4, 20));
    expect(discordText(payloads)).toMatch(/ghp_…\w{4} \(40 chars\)/);
    expect(payloads[0]!.content).toContain('[Rotate it here](<https://github.com/settings/tokens>)');
    expect(payloads[0]!.content).toMatch(/^1\. Open Settings/m);
  });

  it('a re-paste shows the comparison and offers the buttons for a request that now works', () => {
    const payloads = render(R.comparison!);
    expect(discordText(payloads)).toContain('Compared with your previous paste:');
    expect(JSON.stringify(payloads)).not.toContain(TOKEN);
    const decoded = customIds(payloads.at(-1)!).map(decodeButton);
    expect(decoded.map((d) => d?.kind === 'action' && d.action)).toEqual(['fixed', 'still_401', 'human']);
  });

  it('every button custom_id decodes back to its action, session and turn, and is unique in its message', () => {
    for (const reply of Object.values(R)) {
      const actions = reply.parts.flatMap((p) => (p.type === 'actions' ? p.actions : []));
      const payloads = render(reply);
      const last = payloads.at(-1)!;
      const ids = customIds(last);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.map(decodeButton)).toEqual(
        actions.map((a) => ({ kind: 'action', action: a.id, session: a.session, turn: a.turn })),
      );
      const buttons = last.components.flatMap((row) => row.components);
      expect(buttons.map((b) => ('label' in b ? b.label : undefined))).toEqual(actions.map((a) => a.label));
      expect(buttons.map((b) => ('style' in b ? b.style : undefined))).toEqual(
        actions.map((a) => (a.style === 'primary' ? 1 : a.style === 'danger' ? 4 : 2)),
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------------------

const words = (n: number, word = 'lorem') => Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');

function bigFinding(severity: FindingView['severity'], size: number): FindingView {
  return {
    rule: 'big-rule',
    cause: 'other',
    severity,
    title: `A finding whose title goes on ${words(60)}`,
    detail: words(size),
    evidence: ['request.headers.authorization', 'response.body'],
    fix: Array.from({ length: 12 }, (_, i) => `Step ${i}: ${words(80, 'fix')}`),
    docs: Array.from({ length: 20 }, (_, i) => `https://docs.example.com/section-${i}/page#anchor-${i}`),
  };
}

function actionsPart(session = 'sess1', turn = 4): Reply['parts'][number] {
  return {
    type: 'actions',
    actions: [
      { id: 'walk', label: 'Walk me through it', style: 'primary', session, turn },
      { id: 'fixed', label: 'Fixed it', style: 'primary', session, turn },
      { id: 'human', label: 'Talk to a human', style: 'default', session, turn },
    ],
  };
}

describe('long replies', () => {
  it('a reply a little too long for one message is split, nothing cut, buttons on the last', () => {
    const reply: Reply = {
      visibility: 'public',
      summary: 'Medium',
      parts: [
        { type: 'heading', text: 'A medium reply' },
        { type: 'text', text: words(500), tone: 'plain' },
        {
          type: 'list',
          items: Array.from({ length: 30 }, (_, i) => `item ${i}: ${words(10)}`),
          ordered: true,
        },
        actionsPart(),
      ],
    };
    const payloads = render(reply);
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.length).toBeLessThanOrEqual(MAX_MESSAGES);
    expect(payloads.flatMap((p) => p.files)).toEqual([]);
    expect(payloads.at(-1)!.components).toHaveLength(1);
    // Words survive the split whole: each piece ends at a space.
    const text = discordText(payloads);
    for (const w of ['lorem0', 'lorem250', 'lorem499', '30. item 29: lorem0 lorem1'])
      expect(text).toContain(w);
  });

  it('a huge diagnosis stays within the limits: cut to a few messages, the whole as a file', () => {
    const longLine = 'x'.repeat(30_000);
    const code = [
      longLine,
      ...Array.from({ length: 5000 }, (_, i) => `line ${i} ${'y'.repeat(30)}`),
      'THE END',
    ].join('\n');
    const reply: Reply = {
      visibility: 'public',
      summary: '401 diagnosis: Something Big & Long!',
      parts: [
        { type: 'heading', text: `Most likely: ${words(300)}` },
        { type: 'text', text: `${words(20_000)} LAST-WORD`, tone: 'muted' },
        {
          type: 'findings',
          findings: [bigFinding('error', 3000), bigFinding('warning', 10), bigFinding('info', 5)],
        },
        { type: 'code', text: code, language: 'json' },
        {
          type: 'list',
          items: Array.from({ length: 400 }, (_, i) => `entry ${i} ${words(20)}`),
          ordered: false,
        },
        {
          type: 'links',
          links: Array.from({ length: 40 }, (_, i) => ({ label: `Doc ${i}`, url: `https://d.example/${i}` })),
        },
        actionsPart(),
      ],
    };
    const payloads = render(reply);
    expect(payloads.length).toBeLessThanOrEqual(MAX_MESSAGES);
    const files = payloads.flatMap((p) => p.files);
    expect(files.map((f) => f.name)).toEqual(['authdoctor-401-diagnosis-something-big-long.txt']);
    expect(payloads[0]!.content).toContain(
      'the full text is in the attached file `authdoctor-401-diagnosis-something-big-long.txt`',
    );
    const file = files[0]!.data.toString('utf8');
    for (const key of ['LAST-WORD', 'THE END', longLine, 'entry 399', 'https://d.example/39', 'fix79'])
      expect(file).toContain(key);
    // Plain text: no markdown escapes in the file.
    expect(file).not.toContain('\\');
    expect(payloads.at(-1)!.components.flatMap((r) => r.components)).toHaveLength(3);
  });

  it('a single finding larger than an embed allows is shortened, and the reply comes with the file', () => {
    const reply: Reply = {
      visibility: 'public',
      summary: 'One big finding',
      parts: [{ type: 'findings', findings: [bigFinding('error', 2000)] }],
    };
    const payloads = render(reply);
    expect(payloads.flatMap((p) => p.files).map((f) => f.name)).toEqual(['authdoctor-one-big-finding.txt']);
    const embed = payloads.flatMap((p) => p.embeds).find((e) => e.title?.startsWith('🔴'));
    expect(embed?.fields?.map((f) => f.name)).toEqual(
      expect.arrayContaining(['Fix', 'Fix (continued)', 'Docs']),
    );
  });

  it('a real paste near 1 MB gives a diagnosis that renders within the limits', async () => {
    const noise = Array.from({ length: 12_000 }, (_, i) => `< X-Trace-${i}: ${'a1b2c3d4'.repeat(10)}`).join(
      '\n',
    );
    const text = `${PASTES.unexplained}\n${noise}`;
    expect(text.length).toBeGreaterThan(900_000);
    const { results } = play([await paste(text)]);
    const reply = only(results[0]?.replies[0], 'diagnosis');
    const payloads = render(reply);
    expect(payloads.length).toBeLessThanOrEqual(MAX_MESSAGES);
    expect(discordText(payloads)).toContain(reply.parts.find((p) => p.type === 'heading')?.text);
    expect(discordText(payloads)).toContain('Your paste was larger than I read');
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------------------

const NASTY = [
  'Hey @everyone and @here, see <@123456789012345678> and <@&987654321098765432> in <#111111111111111111>',
  '[bank.com](https://evil.example) and [second](https://evil.example/2)',
  '# heading',
  '-# subtext',
  '> quote',
  '>>> long quote',
  '**x** __u__ ~~s~~ ||spoiler|| *i*',
  '1. not a list',
  'keep `a*b <@1>` as code',
  'https://api.example.com/v1/user_info?a=b_c stays a link',
].join('\n');

/** Masked links whose `]` Discord would honour (not escaped), with their targets. */
function liveLinkTargets(markdown: string): string[] {
  const targets: string[] = [];
  let at = markdown.indexOf('](');
  while (at !== -1) {
    let slashes = 0;
    for (let i = at - 1; i >= 0 && markdown[i] === '\\'; i -= 1) slashes += 1;
    if (slashes % 2 === 0) {
      const rest = markdown.slice(at + 2);
      targets.push(rest.slice(0, rest.search(/[)\s]|$/)));
    }
    at = markdown.indexOf('](', at + 2);
  }
  return targets;
}

function allMarkdown(payloads: DiscordPayload[]): string {
  return payloads
    .flatMap((p) => [
      p.content ?? '',
      ...p.embeds.flatMap((e) => [
        e.title ?? '',
        e.description ?? '',
        ...(e.fields ?? []).map((f) => f.value),
      ]),
    ])
    .join('\n');
}

describe('escaping', () => {
  const reply: Reply = {
    visibility: 'public',
    summary: 'Nasty',
    parts: [
      { type: 'text', text: NASTY, tone: 'plain' },
      { type: 'code', text: 'before\n```\n@everyone <@123456789012345678>\n```js\nafter', language: 'js' },
      {
        type: 'findings',
        findings: [
          {
            rule: 'r',
            cause: 'other',
            severity: 'warning',
            title: '**bold** [bank.com](https://evil.example) @everyone',
            detail: NASTY,
            evidence: ['request.headers.authorization'],
            fix: ['# not a heading', 'Send `Authorization: Bearer <token>`'],
            docs: ['https://docs.example.com/a_b', 'javascript:alert(1)'],
          },
        ],
      },
      {
        type: 'links',
        links: [
          { label: 'Docs](https://evil.example) [x', url: 'https://docs.example.com/' },
          { label: 'Script', url: 'javascript:alert(1)' },
          { label: 'Data', url: 'data:text/html,hi' },
        ],
      },
    ],
  };

  it('nothing pasted can ping, mention, quote, format or pose as a link', () => {
    const payloads = render(reply);
    const md = allMarkdown(payloads);
    expect(md).not.toMatch(/@(everyone|here)/);
    expect(md).toContain('@\u200Deveryone');
    expect(md).toContain('@\u200Dhere');
    // A mention needs an unescaped `<`: outside code there is none before @, @& or #.
    const outsideCode = md.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
    expect(outsideCode).not.toMatch(/(?<!\\)<[@#]/);
    expect(liveLinkTargets(md).sort()).toEqual(
      ['<https://docs.example.com/>', '<https://docs.example.com/a_b>'].sort(),
    );
    const content = payloads[0]!.content!;
    for (const line of [
      '\\# heading',
      '\\-# subtext',
      '\\> quote',
      '\\>\\>\\> long quote',
      '1\\. not a list',
    ])
      expect(content).toContain(line);
    expect(content).toContain('\\*\\*x\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\|\\|spoiler\\|\\| \\*i\\*');
    expect(content).toContain('keep `a*b <@1>` as code');
    expect(content).toContain('https://api.example.com/v1/user_info?a=b_c stays a link');
    for (const p of payloads) expect(p.allowedMentions).toEqual({ parse: [] });
  });

  it('``` inside code cannot close the fence; the reader still sees the code', () => {
    const payloads = render(reply);
    const block = payloads
      .map((p) => p.content ?? '')
      .join('\n')
      .match(/```js\n[\s\S]*?\n```(?!`)/);
    expect(block?.[0]).toContain(
      'before\n`\u200B`\u200B`\n@\u200Deveryone <@123456789012345678>\n`\u200B`\u200B`js\nafter',
    );
    expect(block?.[0].slice(3, -3)).not.toContain('```');
  });

  it('the reader sees the pasted text as it was (apart from the broken mass mentions)', () => {
    const text = discordText(renderReply(reply));
    for (const line of NASTY.replace(/@(everyone|here)/g, '@\u200D$1').split('\n'))
      expect(text).toContain(line);
    expect(text).toContain('🔗 Script (javascript:alert(1))');
  });

  it('escapes in linear time: a long unbroken token with markup characters', () => {
    const long = `${'a_*'.repeat(100_000)}`;
    const escaped = escapeText(long);
    expect(escaped.length).toBe(long.length + 200_000);
    const url = `https://x.example/${'a_'.repeat(100_000)}`;
    expect(escapeText(url)).toBe(url);
    expect(escapeInline('`x`'.repeat(50_000))).toBe('`x`'.repeat(50_000));
  });
});

// ---------------------------------------------------------------------------------------------------------

const WHERE = { url: 'https://discord.com/channels/1/2/3', label: '#api-help, thread "401 on /user"' };

describe('escalations', () => {
  it('renders the packet for the support channel with a Claim button and a link to the conversation', () => {
    const packet = P.requested!;
    const payload = renderEscalation(packet, 'claim-abc.1', WHERE);
    expect(discordPayloadProblems(payload)).toEqual([]);
    const text = discordText(payload);
    for (const key of [
      `Escalation ${packet.id}`,
      'The user asked for a human.',
      packet.headline,
      '#api-help, thread "401 on /user"',
      'github',
      'escalated after 3 min',
      'A credential is actually sent: still 401',
      ': skipped',
      'No credential was sent',
      'Paste 1 of 1 · HTTP 401',
      'curl -i https://api.github.com/user',
    ])
      expect(text).toContain(key);
    expect(payload.embeds[0]?.title).toBe(`Escalation ${escapeText(packet.id)}`);
    const buttons = payload.components.flatMap((r) => r.components);
    expect(buttons).toEqual([
      expect.objectContaining({ style: 1, label: 'Claim' }),
      expect.objectContaining({ style: 5, url: WHERE.url }),
    ]);
    expect(customIds(payload).map(decodeButton)).toEqual([{ kind: 'claim', claim: 'claim-abc.1' }]);
    expect(payload.files).toEqual([]);
  });

  it('once claimed: no Claim button, who claimed it as a mention that cannot ping', () => {
    const payload = renderClaimed(P.requested!, WHERE, '123456789012345678');
    expect(discordPayloadProblems(payload)).toEqual([]);
    expect(customIds(payload).map(decodeButton)).toEqual([]);
    expect(payload.components.flatMap((r) => r.components)).toEqual([
      expect.objectContaining({ style: 5, url: WHERE.url }),
    ]);
    expect(payload.content).toContain('claimed by <@123456789012345678>');
    expect(payload.embeds[0]?.fields).toContainEqual(
      expect.objectContaining({ name: 'Claimed by', value: '<@123456789012345678>' }),
    );
    expect(payload.allowedMentions).toEqual({ parse: [] });
  });

  it('a claimer id that is not a snowflake is shown as text, not a mention', () => {
    const payload = renderClaimed(P.requested!, { label: 'DM' }, '<@&1> @everyone');
    expect(discordPayloadProblems(payload)).toEqual([]);
    expect(payload.content).not.toMatch(/(?<!\\)<@/);
    expect(payload.components).toEqual([]);
  });

  it('long redacted pastes go in an attached file, with no credential anywhere', async () => {
    const token = githubToken();
    const big = `${PASTES.githubFixed(token).replace('HTTP/2 200', 'HTTP/2 401')}\n${words(3000)}`;
    const first = play([await paste(big, { at: T0 })]);
    const second = play(
      [await paste(big, { at: T0 + MINUTE }), typed('human', { at: T0 + 2 * MINUTE })],
      first.state,
    );
    const effect = second.results[1]?.effects.find((e) => e.type === 'escalate');
    const packet = only(effect?.type === 'escalate' ? effect.packet : undefined, 'packet');
    for (const payload of [
      renderEscalation(packet, 'c1', WHERE),
      renderClaimed(packet, WHERE, '123456789012345678'),
    ]) {
      expect(discordPayloadProblems(payload)).toEqual([]);
      const name = `authdoctor-${packet.id}.txt`;
      expect(payload.files.map((f) => f.name)).toEqual([name]);
      expect(payload.content).toContain(`in the attached file \`${name}\``);
      const file = payload.files[0]!.data.toString('utf8');
      expect(file).toContain('lorem1000');
      expect(file).toContain('--- Paste 2, redacted');
      expect(JSON.stringify(payload)).not.toContain(token);
      expect(file).not.toContain(token);
    }
  });

  it('an escalation with everything too long still fits one message', () => {
    const base = P.requested!;
    const attempt = base.attempts[0]!;
    const packet: EscalationPacket = {
      ...base,
      headline: words(2000),
      provider: words(200),
      user: 'U1 @everyone',
      findings: Array.from({ length: 40 }, (_, i) => ({
        ...bigFinding('error', 10),
        title: `${i} ${words(100)}`,
      })),
      attempts: Array.from({ length: 9 }, () => ({
        ...attempt,
        summary: Array.from({ length: 30 }, (_, i) => `${i} ${words(40)}`),
        text: words(5000),
      })),
      steps: base.steps.map((s) => ({
        ...s,
        title: words(60),
        reason: words(60),
        status: 'suspect' as const,
      })),
    };
    const where = { url: `https://discord.com/channels/${'9'.repeat(3000)}`, label: words(2000) };
    for (const payload of [renderEscalation(packet, 'c2', where), renderClaimed(packet, where, '1')]) {
      expect(discordPayloadProblems(payload)).toEqual([]);
      expect(payload.files).toHaveLength(1);
    }
  });

  it('durations read as people say them', () => {
    expect(
      [0, 42_000, 3 * MINUTE, 125 * MINUTE, 3 * 24 * 60 * MINUTE + 4 * 60 * MINUTE].map(humanDuration),
    ).toEqual(['under a second', '42 s', '3 min', '2 h 5 min', '3 d 4 h']);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('the payload validator', () => {
  const ok = (): DiscordPayload => ({
    content: 'hi',
    embeds: [],
    components: [],
    files: [],
    allowedMentions: { parse: [] },
  });
  const button = (id: string) => ({ type: 2, style: 1, label: 'B', custom_id: id });

  it('finds each limit broken', () => {
    const cases: [object, RegExp][] = [
      [{ ...ok(), content: 'x'.repeat(2001) }, /content has 2001/],
      [{ ...ok(), allowedMentions: undefined }, /no allowed mentions/],
      [{ ...ok(), allowedMentions: { parse: ['everyone'] } }, /parse is not \[\]/],
      [{ ...ok(), embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, /11 embeds/],
      [
        { ...ok(), embeds: [{ description: 'x'.repeat(4000) }, { description: 'x'.repeat(2001) }] },
        /6001 characters/,
      ],
      [{ ...ok(), embeds: [{ title: 'x'.repeat(257) }] }, /title has 257/],
      [{ ...ok(), embeds: [{ description: 'x'.repeat(4097) }] }, /description has 4097/],
      [
        { ...ok(), embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] },
        /26 fields/,
      ],
      [{ ...ok(), embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] }, /value has 1025/],
      [{ ...ok(), embeds: [{ fields: [{ name: 'n', value: '' }] }] }, /field 1 is empty/],
      [{ ...ok(), embeds: [{ title: 't', footer: { text: 'f'.repeat(2049) } }] }, /footer has 2049/],
      [
        {
          ...ok(),
          components: [{ type: 1, components: Array.from({ length: 6 }, (_, i) => button(`b${i}`)) }],
        },
        /6 components/,
      ],
      [
        {
          ...ok(),
          components: Array.from({ length: 6 }, (_, i) => ({ type: 1, components: [button(`r${i}`)] })),
        },
        /6 rows/,
      ],
      [{ ...ok(), components: [{ type: 1, components: [button('same'), button('same')] }] }, /used twice/],
      [{ ...ok(), components: [{ type: 1, components: [button('x'.repeat(101))] }] }, /custom_id must be/],
      [
        { ...ok(), components: [{ type: 1, components: [{ ...button('a'), label: 'l'.repeat(81) }] }] },
        /label must be/,
      ],
      [
        {
          ...ok(),
          components: [{ type: 1, components: [{ type: 2, style: 5, label: 'L', url: 'javascript:x' }] }],
        },
        /link without/,
      ],
      [{ ...ok(), content: 'ping @everyone' }, /unbroken @everyone/],
      [{ ...ok(), content: '' }, /empty/],
      [{ content: 'raw', allowed_mentions: { parse: [] }, flags: 1 << 15 }, /unexpected flags/],
    ];
    for (const [payload, problem] of cases)
      expect(discordPayloadProblems(payload).join('; ')).toMatch(problem);
  });

  it('accepts the raw REST body and an interaction callback', () => {
    const raw = { content: 'x', embeds: [{ title: 't' }], allowed_mentions: { parse: [] }, flags: 64 };
    expect(discordPayloadProblems(raw)).toEqual([]);
    expect(discordPayloadProblems({ type: 4, data: raw })).toEqual([]);
    expect(discordText({ type: 4, data: { ...raw, content: 'a \\*b\\* `\\*c`' } })).toBe('a *b* `\\*c`\nt');
  });
});
