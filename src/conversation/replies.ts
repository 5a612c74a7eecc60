/**
 * Everything the bot says, as platform-neutral replies. Wording lives here so the reducer reads as the flow
 * and nothing else.
 */
import type { Guide } from '../checklist/guide.js';
import { guideFor } from '../checklist/guides.js';
import { type StepId, stepById } from '../checklist/steps.js';
import { humanDuration } from '../reply/duration.js';
import type { Action, ActionId, FindingView, Part, Reply } from '../reply/model.js';
import { lastStatus, succeeded } from './compare.js';
import type { EscalationPacket } from './effects.js';
import type { Leak } from './events.js';
import { packetText } from './packet-text.js';
import type { Attempt, SessionState } from './state.js';

export interface ReplyContext {
  support: { url?: string; channel?: string };
}

const LABELS: Record<ActionId, string> = {
  walk: 'Walk me through it',
  fixed: 'Fixed it',
  still_401: 'Still 401',
  skip: 'Skip',
  show_how: 'Show me how',
  human: 'Talk to a human',
  restart: 'Start over',
  resume: 'Resume',
  help: 'Help',
  forget: 'Forget me',
};

export function actions(state: SessionState, ids: readonly ActionId[]): Part {
  return {
    type: 'actions',
    actions: ids.map(
      (id): Action => ({
        id,
        label: LABELS[id],
        style: id === 'fixed' || id === 'walk' ? 'primary' : id === 'forget' ? 'danger' : 'default',
        session: state.session,
        turn: state.turn,
      }),
    ),
  };
}

const reply = (summary: string, parts: Part[], extra: Partial<Reply> = {}): Reply => ({
  visibility: 'public',
  summary,
  parts,
  ...extra,
});

export const HOW_TO_PASTE = [
  'In the browser: DevTools → Network → right-click the failing request → Copy → Copy as cURL.',
  'From a terminal: run the command again with `curl -v` and paste the command and everything it printed.',
  'From code: paste the call and the error log or stack trace (the HTTP status and the response body help most).',
];

export function askForPaste(lead?: string): Reply {
  return reply('Paste the request that failed with 401', [
    ...(lead ? [{ type: 'text' as const, text: lead, tone: 'plain' as const }] : []),
    {
      type: 'text',
      text: 'Paste the request that answered 401 Unauthorized, and what came back:',
      tone: 'plain',
    },
    { type: 'list', items: HOW_TO_PASTE, ordered: false },
    {
      type: 'text',
      text: 'Credentials in what you paste are replaced by fingerprints (like `ghp_…9f3a (40 chars)`) before anything is kept or shown.',
      tone: 'muted',
    },
  ]);
}

export function helpReply(state: SessionState | null): Reply {
  const parts: Part[] = [
    {
      type: 'text',
      text: 'I diagnose "401 Unauthorized" errors from what you paste, then walk you through the rest of the checklist one step at a time.',
      tone: 'plain',
    },
    {
      type: 'list',
      ordered: false,
      items: [
        'Paste a curl command, `curl -v` output, raw HTTP, a HAR entry or an error log: I diagnose it. Paste again after a change and I compare.',
        'Type `walk` to go through the checklist, then `fixed`, `still 401`, `skip` or `how` at each step.',
        'Type `human` to hand over to a person with a redacted summary, `resume` to continue with me afterwards.',
        'Type `restart` to start over, `forget me` to delete what I keep about you.',
      ],
    },
  ];
  if (state) parts.push(actions(state, currentActions(state)));
  return reply('How authdoctor works', parts);
}

/** The buttons that make sense where the conversation is now. */
export function currentActions(state: SessionState): ActionId[] {
  switch (state.phase) {
    case 'walking':
      return ['fixed', 'still_401', 'skip', 'show_how', 'human'];
    case 'diagnosed':
      return ['walk', 'fixed', 'human'];
    case 'escalated':
      return ['resume'];
    default:
      return [];
  }
}

export function diagnosisReply(
  state: SessionState,
  attempt: Attempt,
  options: { comparison?: string[]; continues?: boolean; truncated?: boolean; walking?: boolean },
): Reply {
  const errors = attempt.findings.filter((f) => f.severity === 'error');
  const last = lastStatus(attempt);
  const ok = succeeded(attempt);
  const shown = pickFindings(attempt.findings);
  const top = errors[0];
  const parts: Part[] = [];
  if (options.continues)
    parts.push({ type: 'text', text: 'Read together with your previous message.', tone: 'muted' });
  parts.push({
    type: 'heading',
    text: top
      ? `Most likely: ${top.title}`
      : ok
        ? `This request worked (HTTP ${last})`
        : 'No certain cause in this paste',
  });
  const provider = attempt.guide.provider?.name;
  parts.push({
    type: 'text',
    text: `Read: ${attempt.kinds.map((k) => KIND_WORDS[k]).join(', ') || 'nothing I recognise'}${provider ? ` · ${provider}` : ''}`,
    tone: 'muted',
  });
  if (options.comparison)
    parts.push(
      { type: 'text', text: 'Compared with your previous paste:', tone: 'info' },
      { type: 'list', items: options.comparison, ordered: false },
    );
  if (shown.length > 0) parts.push({ type: 'findings', findings: shown });
  const others = attempt.findings.filter((f) => f.severity !== 'info').length - shown.length;
  if (others > 0)
    parts.push({
      type: 'text',
      text: `${others} less likely finding${others === 1 ? '' : 's'} not shown.`,
      tone: 'muted',
    });
  if (!top && !ok && attempt.notes.length > 0)
    parts.push({ type: 'list', items: attempt.notes.slice(0, 4), ordered: false });
  if (options.truncated)
    parts.push({
      type: 'text',
      text: 'Your paste was larger than I read: I diagnosed its beginning. Paste just the failing request and its response if something is missing.',
      tone: 'warning',
    });
  if (attempt.credentials.length > 0)
    parts.push({
      type: 'text',
      text: `Credentials are shown as fingerprints: ${attempt.credentials.slice(0, 3).join(', ')}.`,
      tone: 'muted',
    });
  parts.push({
    type: 'text',
    text: ok
      ? 'This request succeeded. Is it fixed?'
      : options.walking
        ? 'Continue the checklist from where we were, or tell me it is fixed.'
        : 'Want to walk through the rest of the 401 checklist, one step at a time?',
    tone: 'plain',
  });
  parts.push(actions(state, ok ? ['fixed', 'still_401', 'human'] : ['walk', 'fixed', 'human']));
  const summary = top ? `401 diagnosis: ${top.title}` : '401 diagnosis: no certain cause yet';
  return reply(summary, parts, { key: 'diagnosis', ...(options.continues ? { replaces: 'diagnosis' } : {}) });
}

const KIND_WORDS: Record<Attempt['kinds'][number], string> = {
  curl: 'curl command',
  curl_trace: '`curl -v` trace',
  http_request: 'HTTP request',
  http_response: 'HTTP response',
  har: 'HAR entry',
  httpie: 'HTTPie command',
  powershell: 'PowerShell command',
  code: 'code',
  env: 'environment variables',
  error_log: 'error log',
  json_body: 'JSON body',
  www_authenticate: 'WWW-Authenticate header',
  text: 'text',
};

/** Errors first, then warnings, at most three; info only when nothing else was found. */
function pickFindings(findings: readonly FindingView[]): FindingView[] {
  const strong = findings.filter((f) => f.severity !== 'info');
  return (strong.length > 0 ? strong : findings).slice(0, 3);
}

export function stepReply(
  state: SessionState,
  guide: Guide,
  options: { lead?: string; skipped?: { step: StepId; reason: string }[] } = {},
): Reply {
  const walk = state.walk;
  const item = walk?.plan[walk.cursor];
  const parts: Part[] = [];
  if (options.lead) parts.push({ type: 'text', text: options.lead, tone: 'plain' });
  if (options.skipped && options.skipped.length > 0)
    parts.push(
      { type: 'text', text: 'Skipping what your paste already rules out:', tone: 'muted' },
      {
        type: 'list',
        ordered: false,
        items: options.skipped.map((s) => `${stepById(s.step).title}: ${s.reason}`),
      },
    );
  parts.push({
    type: 'step',
    step: guide.step,
    index: (walk?.cursor ?? 0) + 1,
    total: walk?.plan.length ?? 1,
    title: guide.title,
    ...(item?.status === 'suspect' && item.reason
      ? { reason: `The diagnosis points here: ${item.reason}` }
      : {}),
  });
  parts.push({ type: 'text', text: guide.why, tone: 'plain' });
  parts.push({ type: 'list', items: guide.check, ordered: false });
  if (guide.links.length > 0) parts.push({ type: 'links', links: guide.links });
  parts.push(actions(state, ['fixed', 'still_401', 'skip', 'show_how', 'human']));
  return reply(`Step ${(walk?.cursor ?? 0) + 1}: ${guide.title}`, parts, { key: 'step' });
}

export function howToReply(state: SessionState, guide: Guide): Reply {
  const parts: Part[] = [{ type: 'heading', text: `How to: ${guide.title}` }];
  for (const how of guide.howTo) {
    if (how.title) parts.push({ type: 'text', text: how.title, tone: 'info' });
    if (how.steps.length > 0) parts.push({ type: 'list', items: how.steps, ordered: how.steps.length > 1 });
    if (how.code)
      parts.push({
        type: 'code',
        text: how.code.text,
        ...(how.code.language ? { language: how.code.language } : {}),
      });
  }
  parts.push(actions(state, ['fixed', 'still_401', 'skip', 'human']));
  return reply(`How to: ${guide.title}`, parts);
}

export function guideOf(state: SessionState, step: StepId, ctx: ReplyContext): Guide {
  const latest = state.attempts.at(-1);
  return guideFor(step, { ...(latest?.guide ?? {}), support: ctx.support });
}

export function escalationReply(state: SessionState, packet: EscalationPacket, ctx: ReplyContext): Reply {
  const why =
    packet.reason === 'requested'
      ? 'Handing this over to a human, as you asked.'
      : packet.reason === 'stuck'
        ? 'This is taking longer than it should, so I am handing it to a human.'
        : 'We went through the whole checklist and it still fails, so I am handing it to a human.';
  const where = ctx.support.channel
    ? `The support team gets it in ${ctx.support.channel}`
    : ctx.support.url
      ? `Support: ${ctx.support.url}`
      : undefined;
  const parts: Part[] = [{ type: 'text', text: why, tone: 'plain' }];
  if (where) {
    parts.push({
      type: 'text',
      text: `${where} (reference ${packet.id}), with a redacted summary: your pastes with credentials replaced by fingerprints, what I found and what you tried. Someone will answer here.`,
      tone: 'info',
    });
    if (ctx.support.channel && ctx.support.url)
      parts.push({ type: 'links', links: [{ label: 'Contact support', url: ctx.support.url }] });
  } else {
    parts.push(
      {
        type: 'text',
        text: "This bot has no support contact configured. Send this summary to the API's support (it holds no secrets):",
        tone: 'warning',
      },
      { type: 'code', text: packetText(packet).join('\n') },
    );
  }
  parts.push(
    { type: 'text', text: 'I will stay quiet here now. Type `resume` to continue with me.', tone: 'muted' },
    actions(state, ['resume']),
  );
  return reply(`Escalated to a human (${packet.id})`, parts);
}

export function leakWarning(leaks: readonly Leak[], author: string): Reply {
  const parts: Part[] = [
    {
      type: 'text',
      text: `You posted ${leaks.length === 1 ? 'a credential' : `${leaks.length} credentials`} where others can read ${leaks.length === 1 ? 'it' : 'them'}. Anyone in this channel can use ${leaks.length === 1 ? 'it' : 'them'} until rotated; I only show fingerprints, but the original message still holds the value.`,
      tone: 'warning',
    },
  ];
  for (const leak of leaks) {
    parts.push({
      type: 'text',
      text: `${leak.label ? `${leak.label} ` : ''}${leak.fingerprint}${leak.rotate.provider ? ` (${leak.rotate.provider})` : ''}:`,
      tone: 'plain',
    });
    parts.push({ type: 'list', items: leak.rotate.steps, ordered: true });
    if (leak.rotate.url)
      parts.push({ type: 'links', links: [{ label: 'Rotate it here', url: leak.rotate.url }] });
  }
  parts.push({
    type: 'text',
    text: 'Delete the message too, but rotate first: deleting does not un-leak it.',
    tone: 'muted',
  });
  return reply('You posted a credential in a shared channel: rotate it', parts, {
    visibility: 'private',
    to: author,
  });
}

/** A new conversation refused: the user has as many open (the bot still working on them) as one may. */
export function tooManyOpen(open: number, user: string, idleMs: number): Reply {
  return reply(
    'Too many conversations open at once',
    [
      {
        type: 'text',
        text: `You already have ${open} conversations with me in progress, the most I keep going for one person at once, so I didn't start one here. Finish one first: in its thread say \`fixed\` if it's solved, or \`human\` to hand it to the support team. Or say \`forget me\` to close them all. A conversation left alone closes by itself after ${humanDuration(idleMs)}.`,
        tone: 'plain',
      },
    ],
    { visibility: 'private', to: user },
  );
}

export function textReply(
  summary: string,
  text: string,
  state?: SessionState,
  ids: readonly ActionId[] = [],
): Reply {
  const parts: Part[] = [{ type: 'text', text, tone: 'plain' }];
  if (state && ids.length > 0) parts.push(actions(state, ids));
  return reply(summary, parts);
}
