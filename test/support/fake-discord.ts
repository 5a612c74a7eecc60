/**
 * A fake Discord for end-to-end tests of the real discord.js client: the REST API under `/api/v10` and the
 * gateway WebSocket on one 127.0.0.1 port. It speaks just enough of the protocol for discord.js 14 (pinned):
 * `GET /gateway/bot` with `session_start_limit`, HELLO, IDENTIFY → READY (user, application, guilds), a
 * GUILD_CREATE per guild with its channels, heartbeat ACKs, then whatever the test dispatches. It records
 * every REST call the bot makes (method, decoded path, JSON body or multipart `payload_json`, files, the raw
 * body), can answer the next matching call with an error (a 429 with `retry_after`), and serves attachment
 * files for the bot to download.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { DiscordAdapterOptions } from '../../adapters/discord/adapter.js';
import { type Server as Server_, startServer } from '../../adapters/serve.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { NO_ABUSE_LIMITS } from './limits.js';

export { waitFor } from './wait.js';

/** Discord's JSON, loosely: the fake reads and writes whatever the protocol carries. */
// biome-ignore lint/suspicious/noExplicitAny: arbitrary protocol JSON, checked by the tests that read it
export type Json = any;

export interface RecordedCall {
  method: string;
  /** Decoded, without the `/api/v10` prefix: `/webhooks/1/tok/messages/@original`. */
  path: string;
  query: Record<string, string>;
  /** The JSON body, or the parsed `payload_json` of a multipart body. */
  body: Json;
  /** The whole body as received (multipart included), for leak checks. */
  raw: string;
  files: { name: string; text: string }[];
  /** The status the fake answered with, and what it answered (a created message, a thread). */
  status: number;
  response?: Json;
}

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

interface Interaction {
  id: string;
  token: string;
  channelId: string;
  guildId?: string;
  original?: string;
  /** For component interactions: the message the component is on. */
  messageId?: string;
  acked: boolean;
}

export const ChannelTypes = { text: 0, dm: 1, forum: 15, publicThread: 11 } as const;
export const MESSAGE_CONTENT_INTENT = 1 << 15;

let snowflakeSeq = 0n;
/** Unique, increasing, realistic-length snowflakes. */
export function snowflake(): string {
  snowflakeSeq += 1n;
  return (1_300_000_000_000_000_000n + BigInt(Date.now() % 1_000_000) * 1_000_000n + snowflakeSeq).toString();
}

export interface FakeDiscordOptions {
  /** Give the bot's role Manage Messages in the guild. */
  manageMessages?: boolean;
}

export class FakeDiscord {
  readonly applicationId = snowflake();
  readonly bot: FakeUser = { id: this.applicationId, username: 'authdoctor', bot: true };
  readonly guildId = snowflake();
  readonly botRoleId = snowflake();
  readonly alice: FakeUser = { id: snowflake(), username: 'alice', global_name: 'Alice' };
  readonly bob: FakeUser = { id: snowflake(), username: 'bob', global_name: 'Bob' };
  readonly support: FakeUser = { id: snowflake(), username: 'sam', global_name: 'Sam Support' };
  readonly otherBot: FakeUser = { id: snowflake(), username: 'otherbot', bot: true };
  /** Channels in the guild: `general` (text), `help` (text, for listening), `forum`, `escalations`. */
  readonly channelIds = {
    general: snowflake(),
    help: snowflake(),
    forum: snowflake(),
    escalations: snowflake(),
  };

  readonly calls: RecordedCall[] = [];
  /** What the bot sent with IDENTIFY (the token left out). */
  readonly identifies: { intents: number }[] = [];

  readonly #server: Server;
  readonly #wss: WebSocketServer;
  readonly #sockets = new Set<WebSocket>();
  readonly #failures: Failure[] = [];
  readonly #files = new Map<string, { data: Buffer; type: string }>();
  readonly #interactions = new Map<string, Interaction>();
  readonly #messages = new Map<string, Json>();
  /** `channel|nonce` → the message created with it (enforce_nonce). */
  readonly #byNonce = new Map<string, Json>();
  /** Channels and threads by id (guild channels, threads created, DM channels). */
  readonly #channels = new Map<string, Json>();
  readonly #dms = new Map<string, string>();
  #seq = 0;
  #port = 0;

  private constructor(readonly options: FakeDiscordOptions) {
    this.#server = createServer((req, res) => {
      this.#handle(req, res).catch((error: Error) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `fake failed: ${error.message}`, code: 0 }));
      });
    });
    this.#wss = new WebSocketServer({ server: this.#server, path: '/gateway' });
    this.#wss.on('connection', (socket) => this.#onConnection(socket));
    const channel = (id: string, name: string, type: number) => ({
      id,
      type,
      guild_id: this.guildId,
      name,
      position: 0,
      permission_overwrites: [],
      parent_id: null,
      ...(type === ChannelTypes.forum ? { available_tags: [], default_reaction_emoji: null } : {}),
    });
    this.#channels.set(
      this.channelIds.general,
      channel(this.channelIds.general, 'general', ChannelTypes.text),
    );
    this.#channels.set(this.channelIds.help, channel(this.channelIds.help, 'help', ChannelTypes.text));
    this.#channels.set(this.channelIds.forum, channel(this.channelIds.forum, 'forum', ChannelTypes.forum));
    this.#channels.set(
      this.channelIds.escalations,
      channel(this.channelIds.escalations, 'escalations', ChannelTypes.text),
    );
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.#port = (fake.#server.address() as AddressInfo).port;
    return fake;
  }

  /** What DISCORD_API_URL is set to. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  /** Serves a file the way Discord's CDN serves attachments. */
  serveFile(name: string, data: string | Buffer, type = 'text/plain'): { url: string; size: number } {
    const key = `${randomUUID()}/${name}`;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.#files.set(key, { data: bytes, type });
    return { url: `http://127.0.0.1:${this.#port}/attachments/${key}`, size: bytes.length };
  }

  /** The next call matching `method` and `path` is answered with this error instead. */
  failNext(
    method: string,
    path: RegExp,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    this.#failures.push({ method, path, status, body, headers });
  }

  /** The next matching call gets a 429 with `retry_after`, as Discord's per-route limits answer. */
  rateLimitNext(method: string, path: RegExp, retryAfterSeconds = 0.05): void {
    this.failNext(
      method,
      path,
      429,
      { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false },
      { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-scope': 'user' },
    );
  }

  callsTo(method: string, path: RegExp): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }

  /** Every body the bot sent, raw, for "this never left the bot" checks. */
  allRaw(): string {
    return this.calls.map((c) => `${c.path}\n${c.raw}`).join('\n');
  }

  /** The calls made with this interaction's token: its callback, follow-ups and edits, in order. */
  interactionCalls(interaction: { token: string }): RecordedCall[] {
    return this.calls.filter((c) => c.path.includes(`/${interaction.token}`));
  }

  /** The interaction's own response message (@original), as it stands now. */
  original(interaction: { token: string }): Json {
    const id = this.#interactions.get(interaction.token)?.original;
    return id ? this.#messages.get(id) : undefined;
  }

  /**
   * Public messages the bot created in a channel or thread, in order, whichever way it sent them (a channel
   * post or an interaction follow-up). Ephemeral ones are left out: nobody else sees them.
   */
  postsIn(channelId: string): RecordedCall[] {
    return this.calls.filter(
      (c) =>
        c.method === 'POST' &&
        c.status === 200 &&
        (/^\/channels\/\d+\/messages$/.test(c.path) || /^\/webhooks\/\d+\/[^/]+$/.test(c.path)) &&
        c.response?.channel_id === channelId &&
        ((c.response?.flags ?? 0) & 64) === 0,
    );
  }

  message(id: string): Json {
    return this.#messages.get(id);
  }

  channel(id: string): Json {
    return this.#channels.get(id);
  }

  /** Every socket connected and identified: the client is (or was) up. */
  get connections(): number {
    return this.#sockets.size;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------------------------------------
  // Gateway

  dispatch(t: string, d: unknown): void {
    const payload = JSON.stringify({ op: 0, t, s: ++this.#seq, d });
    for (const socket of this.#sockets) socket.send(payload);
  }

  #onConnection(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    socket.on('message', (raw) => {
      let packet: { op: number; d: Json };
      try {
        packet = JSON.parse(String(raw));
      } catch {
        return;
      }
      if (packet.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (packet.op === 2) {
        this.identifies.push({ intents: Number(packet.d?.intents) });
        this.#sockets.add(socket);
        this.#ready(socket);
      }
    });
    socket.on('close', () => this.#sockets.delete(socket));
  }

  #ready(socket: WebSocket): void {
    const send = (t: string, d: unknown) => socket.send(JSON.stringify({ op: 0, t, s: ++this.#seq, d }));
    send('READY', {
      v: 10,
      user: { ...this.bot, discriminator: '0', avatar: null, global_name: null },
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: randomUUID(),
      resume_gateway_url: `ws://127.0.0.1:${this.#port}/gateway`,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
    });
    const channels = [...this.#channels.values()].filter(
      (c) => c.guild_id === this.guildId && c.type !== ChannelTypes.publicThread,
    );
    const threads = [...this.#channels.values()].filter((c) => c.type === ChannelTypes.publicThread);
    send('GUILD_CREATE', {
      id: this.guildId,
      name: 'Fake Guild',
      icon: null,
      owner_id: this.alice.id,
      unavailable: false,
      large: false,
      member_count: 4,
      joined_at: new Date().toISOString(),
      features: [],
      roles: [
        {
          id: this.guildId,
          name: '@everyone',
          permissions: (0x400n | 0x800n | 0x10000n).toString(),
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
        {
          id: this.botRoleId,
          name: 'authdoctor',
          permissions: this.#botPermissions().toString(),
          position: 1,
          color: 0,
          hoist: false,
          managed: true,
          mentionable: false,
          flags: 0,
        },
      ],
      channels,
      threads,
      members: [
        {
          user: { ...this.bot, discriminator: '0', avatar: null },
          roles: [this.botRoleId],
          joined_at: new Date().toISOString(),
          deaf: false,
          mute: false,
          flags: 0,
        },
      ],
      presences: [],
      voice_states: [],
      emojis: [],
      stickers: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    });
  }

  /** View Channel, Send Messages (+ in threads), Create Public Threads, Read History, Embed Links, Attach
   * Files; Manage Messages when asked for. */
  #botPermissions(): bigint {
    const base = 0x400n | 0x800n | 0x4000n | 0x8000n | 0x10000n | 0x800000000n | 0x4000000000n;
    return this.options.manageMessages ? base | 0x2000n : base;
  }

  // -------------------------------------------------------------------------------------------------------
  // Events the tests dispatch

  #member(user: FakeUser) {
    return {
      user: { ...user, discriminator: '0', avatar: null },
      roles: [],
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0,
      permissions: '2248473465835073',
    };
  }

  /** A DM channel between the bot and `user` (created on first use). */
  dmChannel(user: FakeUser): string {
    let id = this.#dms.get(user.id);
    if (!id) {
      id = snowflake();
      this.#dms.set(user.id, id);
      this.#channels.set(id, { id, type: ChannelTypes.dm, recipients: [{ ...user, discriminator: '0' }] });
    }
    return id;
  }

  /** A thread someone else created earlier (known to the bot from GUILD_CREATE or THREAD_CREATE). */
  addThread(parent: string, owner: FakeUser, id = snowflake()): Json {
    const thread = {
      id,
      type: ChannelTypes.publicThread,
      guild_id: this.guildId,
      parent_id: parent,
      owner_id: owner.id,
      name: 'a thread',
      message_count: 0,
      member_count: 1,
      thread_metadata: {
        archived: false,
        auto_archive_duration: 1440,
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
    };
    this.#channels.set(id, thread);
    this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    return thread;
  }

  /** A message posted by `author` in `channel` (a guild channel, a thread or a DM channel). */
  postMessage(options: {
    channel: string;
    author: FakeUser;
    content: string;
    mentions?: FakeUser[];
    attachments?: { filename: string; url: string; size: number; content_type?: string }[];
    id?: string;
  }): Json {
    const channel = this.#channels.get(options.channel);
    const guild = channel?.guild_id as string | undefined;
    const message = {
      id: options.id ?? snowflake(),
      channel_id: options.channel,
      ...(guild ? { guild_id: guild, member: { ...this.#member(options.author), user: undefined } } : {}),
      author: { ...options.author, discriminator: '0', avatar: null },
      content: options.content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: (options.mentions ?? []).map((u) => ({ ...u, discriminator: '0', avatar: null })),
      mention_roles: [],
      attachments: (options.attachments ?? []).map((a) => ({ id: snowflake(), ...a })),
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
    };
    this.#messages.set(message.id, message);
    // Without the Message Content intent Discord blanks what a message says, except in DMs and for
    // messages that mention the bot.
    const intents = this.identifies.at(-1)?.intents ?? 0;
    const readable =
      (intents & MESSAGE_CONTENT_INTENT) !== 0 ||
      !guild ||
      message.mentions.some((u) => u.id === this.bot.id);
    this.dispatch('MESSAGE_CREATE', {
      ...message,
      channel_type: channel?.type ?? ChannelTypes.text,
      ...(readable ? {} : { content: '', attachments: [], embeds: [], components: [] }),
    });
    return message;
  }

  #interactionBase(user: FakeUser, channelId: string) {
    const channel = this.#channels.get(channelId) ?? { id: channelId, type: ChannelTypes.text };
    const inGuild = channel.type !== ChannelTypes.dm;
    const id = snowflake();
    const token = `tok-${randomUUID()}`;
    this.#interactions.set(token, {
      id,
      token,
      channelId,
      ...(inGuild ? { guildId: this.guildId } : {}),
      acked: false,
    });
    return {
      id,
      token,
      application_id: this.applicationId,
      version: 1,
      channel_id: channelId,
      channel: { ...channel },
      ...(inGuild
        ? {
            guild_id: this.guildId,
            guild: { id: this.guildId, locale: 'en-US', features: [] },
            member: this.#member(user),
            guild_locale: 'en-US',
            authorizing_integration_owners: { '0': this.guildId },
            context: 0,
          }
        : {
            user: { ...user, discriminator: '0', avatar: null },
            authorizing_integration_owners: { '0': this.guildId },
            context: 1,
          }),
      app_permissions: this.#botPermissions().toString(),
      locale: 'en-US',
      entitlements: [],
      attachment_size_limit: 10_485_760,
    };
  }

  /** `/diagnose` with the given options (paste text, an attachment served by this fake). */
  slashDiagnose(
    user: FakeUser,
    channelId: string,
    options: {
      paste?: string;
      file?: { filename: string; url: string; size: number; content_type?: string };
    } = {},
  ): { id: string; token: string } {
    const base = this.#interactionBase(user, channelId);
    const attachmentId = snowflake();
    const opts = [
      ...(options.paste !== undefined ? [{ name: 'paste', type: 3, value: options.paste }] : []),
      ...(options.file ? [{ name: 'file', type: 11, value: attachmentId }] : []),
    ];
    this.dispatch('INTERACTION_CREATE', {
      ...base,
      type: 2,
      data: {
        id: snowflake(),
        name: 'diagnose',
        type: 1,
        ...(opts.length ? { options: opts } : {}),
        ...(options.file
          ? {
              resolved: {
                attachments: {
                  [attachmentId]: {
                    id: attachmentId,
                    content_type: 'text/plain',
                    proxy_url: options.file.url,
                    ...options.file,
                  },
                },
              },
            }
          : {}),
      },
    });
    return { id: base.id, token: base.token };
  }

  /** The modal submission for `/diagnose` without options. */
  submitModal(user: FakeUser, channelId: string, customId: string, fields: Record<string, string>) {
    const base = this.#interactionBase(user, channelId);
    this.dispatch('INTERACTION_CREATE', {
      ...base,
      type: 5,
      data: {
        custom_id: customId,
        // Label components wrapping text inputs, as Discord sends them for modals built with labels.
        components: Object.entries(fields).map(([id, value], i) => ({
          type: 18,
          id: 2 * i + 1,
          component: { type: 4, id: 2 * i + 2, custom_id: id, value },
        })),
      },
    });
    return { id: base.id, token: base.token };
  }

  /** The message context-menu command on `target` (a message this fake knows). */
  contextMenu(user: FakeUser, target: Json, name = 'Diagnose with authdoctor') {
    const base = this.#interactionBase(user, target.channel_id);
    this.dispatch('INTERACTION_CREATE', {
      ...base,
      type: 2,
      data: {
        id: snowflake(),
        name,
        type: 3,
        target_id: target.id,
        resolved: { messages: { [target.id]: target } },
      },
    });
    return { id: base.id, token: base.token };
  }

  /** A click on the button `customId` of `message` (a message the bot sent, recorded by this fake). */
  clickButton(user: FakeUser, message: Json, customId: string) {
    const base = this.#interactionBase(user, message.channel_id);
    this.#interactions.get(base.token)!.messageId = message.id;
    this.dispatch('INTERACTION_CREATE', {
      ...base,
      type: 3,
      message,
      data: { custom_id: customId, component_type: 2 },
    });
    return { id: base.id, token: base.token };
  }

  // -------------------------------------------------------------------------------------------------------
  // REST

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBytes = Buffer.concat(chunks);

    if (url.pathname.startsWith('/attachments/')) {
      const file = this.#files.get(decodeURIComponent(url.pathname.slice('/attachments/'.length)));
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': file.type, 'content-length': file.data.length });
      return void res.end(file.data);
    }
    const prefix = '/api/v10';
    if (!url.pathname.startsWith(prefix)) return void res.writeHead(404).end();
    const path = decodeURIComponent(url.pathname.slice(prefix.length));
    const method = req.method ?? 'GET';
    const { body, files } = await parseBody(req.headers['content-type'] ?? '', rawBytes);
    const call: RecordedCall = {
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      raw: rawBytes.toString('utf8'),
      files,
      status: 0,
    };
    this.calls.push(call);

    const failure = this.#failures.findIndex((f) => f.method === method && f.path.test(path));
    if (failure >= 0) {
      const f = this.#failures.splice(failure, 1)[0]!;
      call.status = f.status;
      res.writeHead(f.status, { 'content-type': 'application/json', ...f.headers });
      return void res.end(JSON.stringify(f.body));
    }
    const answer = this.#route(method, path, body, url.searchParams);
    call.status = answer.status;
    call.response = answer.body;
    if (answer.status === 204) return void res.writeHead(204).end();
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body ?? {}));
  }

  #route(
    method: string,
    path: string,
    body: Json,
    query: URLSearchParams,
  ): { status: number; body?: unknown } {
    const parts = path.split('/').filter(Boolean);
    const notFound = (code: number, message: string) => ({ status: 404, body: { code, message } });
    if (method === 'GET' && path === '/gateway/bot')
      return {
        status: 200,
        body: {
          url: `ws://127.0.0.1:${this.#port}/gateway`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
      };
    if (method === 'GET' && path === '/users/@me') return { status: 200, body: this.bot };

    // /interactions/{id}/{token}/callback
    if (parts[0] === 'interactions' && parts[3] === 'callback' && method === 'POST') {
      const interaction = this.#interactions.get(parts[2]!);
      if (!interaction || interaction.id !== parts[1]) return notFound(10062, 'Unknown interaction');
      if (interaction.acked)
        return { status: 400, body: { code: 40060, message: 'Interaction has already been acknowledged.' } };
      interaction.acked = true;
      const type = Number(body?.type);
      if (type === 4 || type === 5) {
        const message = this.#newMessage(
          interaction.channelId,
          body?.data ?? {},
          this.bot,
          interaction.guildId,
        );
        interaction.original = message.id;
      }
      if (type === 7 && interaction.messageId) this.#editMessage(interaction.messageId, body?.data ?? {});
      return query.get('with_response') === 'true'
        ? { status: 200, body: { interaction: { id: interaction.id, type: 2 }, resource: { type } } }
        : { status: 204 };
    }

    // /webhooks/{app}/{token}[/messages/{id}]
    if (parts[0] === 'webhooks') {
      const interaction = this.#interactions.get(parts[2]!);
      if (!interaction || parts[1] !== this.applicationId) return notFound(10015, 'Unknown Webhook');
      if (parts.length === 3 && method === 'POST') {
        const message = this.#newMessage(interaction.channelId, body ?? {}, this.bot, interaction.guildId);
        return { status: 200, body: message };
      }
      if (parts[3] === 'messages' && parts[4]) {
        const id =
          parts[4] === '@original' ? (interaction.original ?? interaction.messageId) : (parts[4] as string);
        const message = id ? this.#messages.get(id) : undefined;
        if (!message) return notFound(10008, 'Unknown Message');
        if (method === 'GET') return { status: 200, body: message };
        if (method === 'PATCH') return { status: 200, body: this.#editMessage(message.id, body ?? {}) };
        if (method === 'DELETE') {
          this.#messages.delete(message.id);
          return { status: 204 };
        }
      }
    }

    // /channels/{id}/...
    if (parts[0] === 'channels' && parts[1]) {
      const channel = this.#channels.get(parts[1]);
      if (!channel) return notFound(10003, 'Unknown Channel');
      if (parts.length === 2 && method === 'GET') return { status: 200, body: channel };
      if (parts[2] === 'messages' && parts.length === 3 && method === 'POST') {
        // enforce_nonce: the message this author already created with that nonce comes back, no new one.
        const nonce = body?.enforce_nonce === true && typeof body.nonce === 'string' ? body.nonce : undefined;
        const earlier = nonce ? this.#byNonce.get(`${channel.id}|${nonce}`) : undefined;
        if (earlier) return { status: 200, body: earlier };
        const message = this.#newMessage(channel.id, body ?? {}, this.bot, channel.guild_id);
        if (nonce) this.#byNonce.set(`${channel.id}|${nonce}`, message);
        return { status: 200, body: message };
      }
      if (parts[2] === 'messages' && parts[3]) {
        const message = this.#messages.get(parts[3]);
        if (!message || message.channel_id !== channel.id) return notFound(10008, 'Unknown Message');
        if (parts[4] === 'threads' && method === 'POST') return this.#startThread(channel, message, body);
        if (parts.length === 4 && method === 'GET') return { status: 200, body: message };
        if (parts.length === 4 && method === 'PATCH')
          return { status: 200, body: this.#editMessage(message.id, body ?? {}) };
        if (parts.length === 4 && method === 'DELETE') {
          this.#messages.delete(message.id);
          return { status: 204 };
        }
      }
    }

    if (method === 'POST' && path === '/users/@me/channels') {
      const recipient = String(body?.recipient_id ?? '');
      const user = [this.alice, this.bob, this.support].find((u) => u.id === recipient);
      if (!user) return { status: 400, body: { code: 50007, message: 'Cannot send messages to this user' } };
      return { status: 200, body: this.#channels.get(this.dmChannel(user)) };
    }

    // /applications/{app}/commands, /applications/{app}/guilds/{guild}/commands
    if (parts[0] === 'applications' && method === 'PUT' && parts.at(-1) === 'commands') {
      const commands = Array.isArray(body) ? body : [];
      return {
        status: 200,
        body: commands.map((c: object) => ({
          id: snowflake(),
          application_id: this.applicationId,
          version: snowflake(),
          ...c,
        })),
      };
    }
    return notFound(0, `fake Discord has no ${method} ${path}`);
  }

  #newMessage(channelId: string, data: Json, author: FakeUser, guildId?: string) {
    const message = {
      id: snowflake(),
      channel_id: channelId,
      ...(guildId ? { guild_id: guildId } : {}),
      author: { ...author, discriminator: '0', avatar: null },
      content: data.content ?? '',
      embeds: data.embeds ?? [],
      components: data.components ?? [],
      attachments: (data.attachments ?? []).map((a: { filename?: string }) => ({
        id: snowflake(),
        filename: a.filename ?? 'file',
      })),
      flags: data.flags ?? 0,
      ...(data.message_reference ? { message_reference: data.message_reference } : {}),
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      type: 0,
    };
    this.#messages.set(message.id, message);
    return message;
  }

  #editMessage(id: string, data: Json) {
    const message = this.#messages.get(id);
    for (const key of ['content', 'embeds', 'components', 'flags'] as const)
      if (key in data) message[key] = data[key];
    message.edited_timestamp = new Date().toISOString();
    return message;
  }

  #startThread(channel: Json, message: Json, body: Json) {
    if (this.#channels.has(message.id))
      return {
        status: 400,
        body: { code: 160004, message: 'A thread has already been created for this message' },
      };
    const thread = {
      id: message.id,
      type: ChannelTypes.publicThread,
      guild_id: channel.guild_id,
      parent_id: channel.id,
      owner_id: this.bot.id,
      name: String(body?.name ?? 'thread'),
      message_count: 0,
      member_count: 1,
      thread_metadata: {
        archived: false,
        auto_archive_duration: Number(body?.auto_archive_duration ?? 1440),
        archive_timestamp: new Date().toISOString(),
        locked: false,
      },
    };
    this.#channels.set(thread.id, thread);
    message.thread = thread;
    this.dispatch('THREAD_CREATE', { ...thread, newly_created: true });
    return { status: 201, body: thread };
  }
}

async function parseBody(
  contentType: string,
  raw: Buffer,
): Promise<{ body: unknown; files: { name: string; text: string }[] }> {
  if (raw.length === 0) return { body: undefined, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const files: { name: string; text: string }[] = [];
    let body: unknown;
    for (const [key, value] of form.entries()) {
      if (key === 'payload_json' && typeof value === 'string') body = JSON.parse(value);
      else if (typeof value !== 'string') files.push({ name: value.name, text: await value.text() });
    }
    return { body, files };
  }
  try {
    return { body: JSON.parse(raw.toString('utf8')), files: [] };
  } catch {
    return { body: raw.toString('utf8'), files: [] };
  }
}

/** The bot as `npm start` runs it (`startServer` over `loadConfig`), pointed at `fake`, logging to `logs`. */
export async function startBot(
  fake: FakeDiscord,
  env: Record<string, string> = {},
  discord: DiscordAdapterOptions = {},
): Promise<{ server: Server_; logs: string[] }> {
  const logs: string[] = [];
  const config = loadConfig({
    DISCORD_TOKEN: 'fake-bot-token.discord',
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    AUTHDOCTOR_PASTE_WINDOW_MS: '0',
    LOG_LEVEL: 'info',
    ...NO_ABUSE_LIMITS,
    ...env,
  });
  const server = await startServer(config, {
    log: createLogger('info', (line) => logs.push(line)),
    discord: { rest: { timeout: 5_000, retries: 1, offset: 0 }, ...discord },
  });
  return { server, logs };
}
