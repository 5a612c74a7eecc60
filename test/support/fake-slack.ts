/**
 * A fake Slack on 127.0.0.1 for end-to-end tests of the real Bolt app: the Web API methods the adapter
 * calls (answering like Slack: ok, ts, ids), `url_private` files, `response_url`s, and a Socket Mode
 * WebSocket. It records every request it gets — method, parsed arguments and the raw body — so a test can
 * check what was posted, and that a secret appears in none of it. It can be told to answer a method with
 * an error (`not_in_channel`), a 429 with Retry-After, or to hold its answer until the test releases it.
 *
 * Also here: what a test needs to talk to the bot like Slack does (signed requests) and to start it.
 */

import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { type Server as BotServer, type ServerOptions, startServer } from '../../adapters/serve.js';
import type { SlackAdapterOptions } from '../../adapters/slack/adapter.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { NO_ABUSE_LIMITS } from './limits.js';

export { waitFor } from './wait.js';

export const TEAM = 'T0FAKE01';
export const BOT_USER = 'U0BOT0001';
export const BOT_ID = 'B0BOT0001';

export interface SlackCall {
  method: string;
  /** Form or JSON arguments; `blocks`, `view` and `attachments` are parsed from their JSON text. */
  args: Record<string, unknown>;
  /** The body exactly as it arrived. */
  raw: string;
  /** The Authorization header. */
  auth: string | undefined;
  /** What the fake answered (set once it has). */
  response?: Record<string, unknown>;
  /** When it arrived (Date.now()). */
  at?: number;
}

/** Every other request: file downloads and response_url answers. */
export interface OtherRequest {
  method: string;
  path: string;
  raw: string;
  auth: string | undefined;
}

interface Fault {
  method: string;
  times: number;
  answer: { status: 429; retryAfter: number } | { error: string };
  when?: (args: Record<string, unknown>) => boolean;
}

const JSON_FIELDS = ['blocks', 'view', 'attachments', 'metadata'];

export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly others: OtherRequest[] = [];
  /** Socket Mode: acknowledgements the bot sent back, by envelope id. */
  readonly acks: { envelope_id: string; payload?: unknown }[] = [];
  readonly sockets: WebSocket[] = [];
  #server!: Server;
  #wss!: WebSocketServer;
  #origin = '';
  #counter = 0;
  #faults: Fault[] = [];
  /** Messages chat.postMessage created, for conversations.history / .replies. */
  #posted: {
    channel: string;
    message: { ts: string; thread_ts?: string; metadata?: unknown } & Record<string, unknown>;
  }[] = [];
  #holds = new Map<string, { released: Promise<void>; release: () => void }>();
  #files = new Map<string, { body: Buffer; type: string }>();

  static async start(): Promise<FakeSlack> {
    const fake = new FakeSlack();
    await fake.#listen();
    return fake;
  }

  /** SLACK_API_URL for the bot. */
  get apiUrl(): string {
    return `${this.#origin}/api/`;
  }

  /** Calls of one method, in order. */
  of(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** The next `times` calls of `method` (matching `when`) are refused with `error` (Slack's ok:false). */
  fail(method: string, error: string, options: { times?: number; when?: Fault['when'] } = {}): void {
    this.#faults.push({
      method,
      times: options.times ?? 1,
      answer: { error },
      ...(options.when ? { when: options.when } : {}),
    });
  }

  /** The next `times` calls of `method` get HTTP 429 with Retry-After (seconds). */
  rateLimit(method: string, options: { retryAfter?: number; times?: number } = {}): void {
    this.#faults.push({
      method,
      times: options.times ?? 1,
      answer: { status: 429, retryAfter: options.retryAfter ?? 1 },
    });
  }

  /** Calls of `method` wait for their answer until the returned function is called. */
  hold(method: string): () => void {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#holds.set(method, { released, release });
    return () => {
      this.#holds.delete(method);
      release();
    };
  }

  /** Serves `body` as a file that needs the bot token; returns its Slack file object. */
  file(name: string, body: string | Buffer, extra: Record<string, unknown> = {}): Record<string, unknown> {
    const id = `F${String(++this.#counter).padStart(8, '0')}`;
    const buffer = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    this.#files.set(`/files/${id}/${encodeURIComponent(name)}`, { body: buffer, type: 'text/plain' });
    const url = `${this.#origin}/files/${id}/${encodeURIComponent(name)}`;
    return {
      id,
      name,
      title: name,
      mimetype: 'text/plain',
      filetype: 'text',
      size: buffer.byteLength,
      mode: 'snippet',
      url_private: url,
      url_private_download: `${url}?download=1`,
      ...extra,
    };
  }

  /** A response_url for an interaction; what the bot posts there is in `others`. */
  responseUrl(id = String(++this.#counter)): string {
    return `${this.#origin}/respond/${id}`;
  }

  /** Socket Mode: sends an envelope to every connected socket. */
  send(envelope: Record<string, unknown>): void {
    for (const socket of this.sockets) socket.send(JSON.stringify(envelope));
  }

  /** Everything the fake received, as one string (for "this secret appears nowhere"). */
  everything(): string {
    return [
      ...this.calls.map((c) => `${c.method} ${c.raw}`),
      ...this.others.map((o) => `${o.path} ${o.raw}`),
    ].join('\n');
  }

  async close(): Promise<void> {
    for (const hold of this.#holds.values()) hold.release();
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #listen(): Promise<void> {
    this.#server = createServer((req, res) => {
      void this.#handle(req, res).catch(() => {
        res.writeHead(500).end();
      });
    });
    this.#wss = new WebSocketServer({ server: this.#server, path: '/socket' });
    this.#wss.on('connection', (socket) => {
      this.sockets.push(socket);
      socket.on('message', (data) => {
        try {
          const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
          if (message.envelope_id)
            this.acks.push({ envelope_id: message.envelope_id, payload: message.payload });
        } catch {
          // Not JSON: ignored, as Slack would.
        }
      });
      socket.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' } }),
      );
    });
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.#origin = `http://127.0.0.1:${port}`;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.#origin);
    const auth = req.headers.authorization;
    if (!url.pathname.startsWith('/api/')) {
      this.others.push({ method: req.method ?? 'GET', path: url.pathname, raw, auth });
      const file = this.#files.get(url.pathname);
      if (file) {
        if (auth !== this.botAuth) return void res.writeHead(403).end('not allowed');
        return void res.writeHead(200, { 'content-type': file.type }).end(file.body);
      }
      if (url.pathname.startsWith('/respond/')) return void res.writeHead(200).end('ok');
      return void res.writeHead(404).end();
    }
    const method = url.pathname.slice('/api/'.length);
    const args = parseArgs(raw, req.headers['content-type']);
    const call: SlackCall = { method, args, raw, auth, at: Date.now() };
    this.calls.push(call);
    const fault = this.#faults.find((f) => f.method === method && f.times > 0 && (!f.when || f.when(args)));
    if (fault) fault.times -= 1;
    // Slack acts on a request when it arrives, whenever its answer gets back: a held answer still posts.
    const answer = fault ? undefined : this.#answer(method, args);
    const hold = this.#holds.get(method);
    if (hold) await hold.released;
    if (fault) {
      if ('status' in fault.answer)
        return void res
          .writeHead(429, {
            'retry-after': String(fault.answer.retryAfter),
            'content-type': 'application/json',
          })
          .end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      call.response = { ok: false, error: fault.answer.error };
      return this.#json(res, call.response);
    }
    call.response = answer!;
    this.#json(res, call.response);
  }

  /** The bot token the fake accepts for files (set by `startSlackBot`). */
  botAuth = 'Bearer xoxb-fake-bot-token';

  #answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const channel = typeof args.channel === 'string' ? args.channel : 'C0UNKNOWN';
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://fake.slack.com/',
          team: 'Fake',
          user: 'authdoctor',
          team_id: TEAM,
          user_id: BOT_USER,
          bot_id: BOT_ID,
        };
      case 'chat.postMessage': {
        const ts = this.#ts();
        const message = {
          ts,
          text: args.text,
          user: BOT_USER,
          bot_id: BOT_ID,
          ...(typeof args.thread_ts === 'string' ? { thread_ts: args.thread_ts } : {}),
          ...(args.metadata ? { metadata: args.metadata } : {}),
        };
        this.#posted.push({ channel, message });
        return { ok: true, channel, ts, message };
      }
      // What the bot posted (metadata only with include_all_metadata, as Slack does), newest first.
      case 'conversations.history':
      case 'conversations.replies': {
        const thread = method === 'conversations.replies' ? String(args.ts ?? '') : undefined;
        const messages = this.#posted
          .filter((p) => p.channel === channel)
          .map((p) => p.message)
          .filter((m) => (thread === undefined ? !m.thread_ts : m.thread_ts === thread || m.ts === thread))
          .map(({ metadata, ...m }) =>
            args.include_all_metadata === true || args.include_all_metadata === 'true'
              ? { ...m, metadata }
              : m,
          )
          .reverse();
        return { ok: true, messages, has_more: false };
      }
      case 'chat.update':
        return { ok: true, channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.#ts() };
      case 'chat.delete':
        return { ok: true, channel, ts: args.ts };
      case 'chat.getPermalink':
        return {
          ok: true,
          channel,
          permalink: `https://fake.slack.com/archives/${channel}/p${String(args.message_ts ?? '').replace('.', '')}`,
        };
      case 'views.open':
        return { ok: true, view: { id: `V${String(++this.#counter).padStart(8, '0')}` } };
      case 'reactions.add':
      case 'reactions.remove':
        return { ok: true };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users ?? 'X').slice(1)}` } };
      case 'apps.connections.open':
        return { ok: true, url: `${this.#origin.replace('http:', 'ws:')}/socket` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  #ts(): string {
    this.#counter += 1;
    return `${1_700_000_000 + this.#counter}.${String(this.#counter).padStart(6, '0')}`;
  }

  #json(res: ServerResponse, body: unknown): void {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
  }
}

function parseArgs(raw: string, type: string | undefined): Record<string, unknown> {
  if (type?.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  const args: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  for (const field of JSON_FIELDS) {
    if (typeof args[field] !== 'string') continue;
    try {
      args[field] = JSON.parse(args[field] as string);
    } catch {
      // Left as text: a test asserting on it will say so.
    }
  }
  return args;
}

// ---------------------------------------------------------------------------------------------------------
// Talking to the bot like Slack does

export const SIGNING_SECRET = 'fake-signing-secret-0123456789abcdef';

export interface SignedOptions {
  secret?: string;
  /** Seconds since the epoch; now by default. */
  timestamp?: number;
  headers?: Record<string, string>;
}

/** POSTs `body` to the bot's /slack/events, signed as Slack signs it (v0 HMAC-SHA256). */
export async function postSigned(
  base: string,
  body: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  options: SignedOptions = {},
): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex')}`;
  const response = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature,
      ...options.headers,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

let eventCounter = 0;
let tsCounter = 0;

/** A message timestamp as Slack writes them, unique within the test run. */
export function nextTs(): string {
  tsCounter += 1;
  return `${1_800_000_000 + tsCounter}.${String(tsCounter).padStart(6, '0')}`;
}

/** An Events API envelope around `event`. */
export function eventEnvelope(
  event: Record<string, unknown>,
  eventId = `Ev${String(++eventCounter).padStart(8, '0')}`,
) {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    api_app_id: 'A0FAKE',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM, user_id: BOT_USER, is_bot: true }],
  };
}

export const sendEvent = (
  base: string,
  event: Record<string, unknown>,
  options: SignedOptions & { eventId?: string } = {},
) => postSigned(base, JSON.stringify(eventEnvelope(event, options.eventId)), 'application/json', options);

/** A slash command, form-encoded exactly as Slack sends it. */
export const sendCommand = (base: string, fields: Record<string, string>, options: SignedOptions = {}) =>
  postSigned(
    base,
    new URLSearchParams({ command: '/authdoctor', team_id: TEAM, team_domain: 'fake', ...fields }).toString(),
    'application/x-www-form-urlencoded',
    options,
  );

/** An interactivity payload (buttons, modal submissions, shortcuts), form-encoded as `payload=`. */
export const sendInteraction = (
  base: string,
  payload: Record<string, unknown>,
  options: SignedOptions = {},
) =>
  postSigned(
    base,
    new URLSearchParams({
      payload: JSON.stringify({ team: { id: TEAM, domain: 'fake' }, ...payload }),
    }).toString(),
    'application/x-www-form-urlencoded',
    options,
  );

/** The buttons of a posted message: label, action_id and value. */
export function buttonsOf(
  call: SlackCall | undefined,
): { text: string; action_id: string; value?: string }[] {
  const blocks = (call?.args.blocks ?? []) as { type: string; elements?: Record<string, unknown>[] }[];
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.type === 'button' && typeof e.action_id === 'string')
    .map((e) => ({
      text: String((e.text as { text?: unknown } | undefined)?.text ?? ''),
      action_id: e.action_id as string,
      ...(typeof e.value === 'string' ? { value: e.value } : {}),
    }));
}

/**
 * What Slack sends when `user` clicks the button `actionId` on the message the bot posted with `call`
 * (a chat.postMessage the fake answered).
 */
export function clickOn(
  call: SlackCall,
  actionId: string,
  user: { id: string; name?: string },
  extra: { responseUrl?: string } = {},
): Record<string, unknown> {
  const channel = String(call.args.channel);
  const ts = String(call.response?.ts);
  const thread = typeof call.args.thread_ts === 'string' ? call.args.thread_ts : undefined;
  const button = buttonsOf(call).find((b) => b.action_id === actionId);
  tsCounter += 1;
  return {
    type: 'block_actions',
    user: { id: user.id, username: user.name ?? 'someone', name: user.name ?? 'someone', team_id: TEAM },
    api_app_id: 'A0FAKE',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: ts,
      channel_id: channel,
      is_ephemeral: false,
      ...(thread ? { thread_ts: thread } : {}),
    },
    trigger_id: `trigger-${tsCounter}`,
    channel: { id: channel, name: 'support' },
    message: {
      type: 'message',
      user: BOT_USER,
      bot_id: BOT_ID,
      ts,
      ...(thread ? { thread_ts: thread } : {}),
      text: call.args.text,
      blocks: call.args.blocks,
    },
    ...(extra.responseUrl ? { response_url: extra.responseUrl } : {}),
    actions: [
      {
        type: 'button',
        block_id: 'b1',
        action_id: actionId,
        ...(button?.value ? { value: button.value } : {}),
        text: { type: 'plain_text', text: button?.text ?? 'button' },
        action_ts: `${1_800_000_000 + tsCounter}.${String(tsCounter).padStart(6, '0')}`,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Waiting

/** A free TCP port on 127.0.0.1 for the bot's HTTP receiver. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// ---------------------------------------------------------------------------------------------------------
// The bot

export const BOT_TOKEN = 'xoxb-fake-bot-token';
export const APP_TOKEN = 'xapp-fake-app-token';

export interface SlackBot {
  fake: FakeSlack;
  server: BotServer;
  /** http://127.0.0.1:PORT of the bot's receiver (HTTP mode). */
  base: string;
  /** Every log line the bot wrote (JSON). */
  logs: string[];
  stop(): Promise<void>;
}

/**
 * The real composition `npm start` runs (`startServer(loadConfig(env))`) against a fresh fake Slack, in
 * HTTP mode unless `socket` is set; short Web API retries and the paste window off.
 */
export async function startSlackBot(
  options: {
    env?: Record<string, string>;
    socket?: boolean;
    slack?: SlackAdapterOptions;
    /** Set up the fake before the bot starts (it calls auth.test at once). */
    before?: (fake: FakeSlack) => void;
    /** Engine settings the env cannot express (a renotify interval under a minute). */
    settings?: ServerOptions['settings'];
  } = {},
): Promise<SlackBot> {
  const fake = await FakeSlack.start();
  options.before?.(fake);
  fake.botAuth = `Bearer ${BOT_TOKEN}`;
  const port = await freePort();
  const logs: string[] = [];
  try {
    const server = await startServer(
      loadConfig({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        ...(options.socket ? { SLACK_APP_TOKEN: APP_TOKEN } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        AUTHDOCTOR_PASTE_WINDOW_MS: '0',
        ...NO_ABUSE_LIMITS,
        ...options.env,
      }),
      {
        log: createLogger('info', (line) => {
          logs.push(line);
        }),
        slack: {
          retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 50 },
          fileTimeoutMs: 5000,
          ...options.slack,
        },
        ...(options.settings ? { settings: options.settings } : {}),
      },
    );
    return {
      fake,
      server,
      base: `http://127.0.0.1:${port}`,
      logs,
      stop: async () => {
        await server.stop();
        await fake.close();
      },
    };
  } catch (error) {
    await fake.close();
    throw error;
  }
}
