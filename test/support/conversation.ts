/**
 * Conversation test kit: real pastes prepared by the real diagnoser (nothing of ours is mocked), typed
 * messages, button presses carrying the session and turn a user would have seen, and a player that runs the
 * reducer over a list of events.
 */
import { loadConfig } from '../../src/config.js';
import {
  type ActionEvent,
  type ConversationEvent,
  type MessageEvent,
  MessageEventSchema,
  type TimerEvent,
} from '../../src/conversation/events.js';
import { prepareMessage } from '../../src/conversation/prepare.js';
import type { SessionState, TimerName } from '../../src/conversation/state.js';
import { type EngineSettings, type StepResult, step } from '../../src/conversation/step.js';
import { createDiagnoser } from '../../src/diagnose/service.js';
import type { Part, Reply } from '../../src/reply/model.js';
import { checksummedToken } from './credential-fakes.js';
import { at as epoch, fakeJwt } from './jwt-fakes.js';

export const T0 = Date.parse('2026-01-15T12:00:00Z');
export const MINUTE = 60_000;

export const SETTINGS: EngineSettings = {
  stuckAfter: 3,
  followUpMs: 30 * MINUTE,
  reminderHorizonMs: 7 * 24 * 60 * MINUTE,
  support: { channel: '#api-support', url: 'https://support.example.com/new' },
};

export const diagnoser = createDiagnoser(loadConfig({}));

let counter = 0;
const nextId = (prefix: string) => `${prefix}${++counter}`;

export interface EventOptions {
  at?: number;
  user?: string;
  id?: string;
  shared?: boolean;
  continues?: boolean;
}

export async function paste(text: string, options: EventOptions = {}): Promise<MessageEvent> {
  const at = options.at ?? T0;
  const prepared = await prepareMessage(diagnoser, { text, at });
  return MessageEventSchema.parse({
    type: 'message',
    id: options.id ?? nextId('m'),
    at,
    user: options.user ?? 'U1',
    text: prepared.text,
    ...(prepared.paste ? { paste: prepared.paste } : {}),
    shared: options.shared ?? false,
    continues: options.continues ?? false,
    truncated: prepared.truncated,
  });
}

export function typed(text: string, options: EventOptions = {}): MessageEvent {
  return MessageEventSchema.parse({
    type: 'message',
    id: options.id ?? nextId('m'),
    at: options.at ?? T0,
    user: options.user ?? 'U1',
    text,
    shared: options.shared ?? false,
  });
}

/** A button as the user saw it on the latest reply (or with the session/turn given). */
export function press(
  state: SessionState | null,
  action: string,
  options: EventOptions & { session?: string; turn?: number } = {},
): ActionEvent {
  return {
    type: 'action',
    id: options.id ?? nextId('a'),
    at: options.at ?? T0,
    user: options.user ?? 'U1',
    action,
    ...(state || options.session ? { session: options.session ?? state!.session } : {}),
    ...(state || options.turn !== undefined ? { turn: options.turn ?? state!.turn } : {}),
  };
}

export function fire(state: SessionState, timer: TimerName, options: EventOptions = {}): TimerEvent {
  const pending = state.timers[timer];
  return {
    type: 'timer',
    id: pending?.id ?? `${timer}:none`,
    at: options.at ?? pending?.at ?? T0,
    user: state.user,
    timer,
    timerId: pending?.id ?? `${timer}:none`,
  };
}

export function play(
  events: readonly ConversationEvent[],
  start: SessionState | null = null,
  settings: EngineSettings = SETTINGS,
): { state: SessionState | null; results: StepResult[] } {
  let state = start;
  const results: StepResult[] = [];
  for (const event of events) {
    const result = step(state, event, settings);
    results.push(result);
    state = result.state;
  }
  return { state, results };
}

/** Everything a reply says, as one string, for assertions on what the user reads. */
export function textOf(reply: Reply): string {
  return reply.parts.map(partText).join('\n');
}

function partText(part: Part): string {
  switch (part.type) {
    case 'heading':
    case 'text':
    case 'code':
      return part.text;
    case 'list':
      return part.items.join('\n');
    case 'links':
      return part.links.map((l) => `${l.label} ${l.url}`).join('\n');
    case 'step':
      return `Step ${part.index}/${part.total}: ${part.title}${part.reason ? ` ${part.reason}` : ''}`;
    case 'findings':
      return part.findings
        .map((f) => `${f.severity}: ${f.title}\n${f.detail}\n${f.fix.join('\n')}`)
        .join('\n');
    case 'actions':
      return part.actions.map((a) => `[${a.label}]`).join(' ');
  }
}

export function actionIds(reply: Reply | undefined): string[] {
  return reply?.parts.flatMap((p) => (p.type === 'actions' ? p.actions.map((a) => a.id) : [])) ?? [];
}

// ---------------------------------------------------------------------------------------------------------
// Pastes

export const PASTES = {
  /** No credential at all, GitHub says so. */
  missingHeader: [
    'curl -i https://api.github.com/user',
    'HTTP/2 401',
    'content-type: application/json; charset=utf-8',
    '',
    '{"message":"Requires authentication","documentation_url":"https://docs.github.com/rest/users/users#get-the-authenticated-user","status":"401"}',
  ].join('\n'),
  /** The same call with a token, answered 200. */
  /** A GitHub 401 for a real-looking token sent as it should be: GitHub says the credential is bad. */
  githubRejected: (token: string) =>
    [
      `curl -i -H "Authorization: Bearer ${token}" https://api.github.com/user`,
      'HTTP/2 401',
      'content-type: application/json; charset=utf-8',
      '',
      '{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}',
    ].join('\n'),
  githubFixed: (token: string) =>
    [
      `curl -i -H "Authorization: Bearer ${token}" https://api.github.com/user`,
      'HTTP/2 200',
      'content-type: application/json; charset=utf-8',
      '',
      '{"login":"octocat","id":1}',
    ].join('\n'),
  jwtCall: (exp: string, status = '401 Unauthorized') => {
    const token = fakeJwt({
      iss: 'https://auth.example.com/',
      sub: 'user-1',
      aud: 'https://api.example.com',
      iat: epoch(exp) - 3600,
      exp: epoch(exp),
    });
    return [
      `curl -v -H "Authorization: Bearer ${token}" https://api.example.com/v1/orders`,
      '> GET /v1/orders HTTP/1.1',
      '> Host: api.example.com',
      `> Authorization: Bearer ${token}`,
      `< HTTP/1.1 ${status}`,
      ...(status.startsWith('401')
        ? ['< WWW-Authenticate: Bearer error="invalid_token", error_description="The access token expired"']
        : []),
      '< Content-Length: 0',
    ].join('\n');
  },
  /** A well-formed opaque token refused with no explanation: no rule can say why. */
  unexplained: [
    'curl -i -H "Authorization: Bearer 8f2c6a1e9b7d4f3a0c5e8b1d2f7a9c4e6b3d0a8f" https://api.internal.example.com/v2/reports',
    'HTTP/1.1 401 Unauthorized',
    'Content-Length: 0',
  ].join('\n'),
};

export const githubToken = () => checksummedToken('ghp_');
