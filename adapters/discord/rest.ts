/**
 * The REST calls the adapter makes itself, on discord.js's REST manager (so rate limits and 429 retries are
 * discord.js's): messages in channels and threads, interaction follow-ups and edits, threads, DMs.
 * Payloads come from the renderer already within Discord's limits and never ping anyone.
 */
import {
  type APIChannel,
  type APIMessage,
  DiscordAPIError,
  HTTPError,
  MessageFlags,
  RateLimitError,
  type RawFile,
  type REST,
  RESTJSONErrorCodes,
  Routes,
} from 'discord.js';
import { isAuthdoctorError } from '../../src/errors.js';
import type { DiscordPayload } from './render.js';

/** An interaction's webhook: follow-ups and edits of its messages for 15 minutes. */
export interface InteractionHook {
  applicationId: string;
  token: string;
}

interface Extra {
  flags?: number;
  /** Posted as a reply to this message (when a conversation has no thread to go to). */
  replyTo?: string;
  /**
   * Idempotency: Discord returns the message it already created with this nonce (for a few minutes)
   * instead of posting another, so a worker that takes over a half-sent reply cannot post it twice.
   */
  nonce?: string;
}

function request(
  payload: DiscordPayload,
  extra: Extra = {},
): { body: Record<string, unknown>; files: RawFile[] } {
  return {
    body: {
      content: payload.content ?? '',
      embeds: payload.embeds,
      components: payload.components,
      allowed_mentions: { parse: [] },
      attachments: payload.files.map((f, i) => ({ id: i, filename: f.name })),
      ...(extra.flags ? { flags: extra.flags } : {}),
      ...(extra.replyTo
        ? { message_reference: { message_id: extra.replyTo, fail_if_not_exists: false } }
        : {}),
      ...(extra.nonce ? { nonce: extra.nonce, enforce_nonce: true } : {}),
    },
    files: payload.files.map((f, i) => ({ key: `files[${i}]`, name: f.name, data: f.data })),
  };
}

export async function postMessage(
  rest: REST,
  channelId: string,
  payload: DiscordPayload,
  extra: Extra = {},
): Promise<APIMessage> {
  return (await rest.post(Routes.channelMessages(channelId), request(payload, extra))) as APIMessage;
}

export async function editMessage(
  rest: REST,
  channelId: string,
  messageId: string,
  payload: DiscordPayload,
): Promise<APIMessage> {
  return (await rest.patch(Routes.channelMessage(channelId, messageId), request(payload))) as APIMessage;
}

export async function deleteMessage(rest: REST, channelId: string, messageId: string): Promise<void> {
  await rest.delete(Routes.channelMessage(channelId, messageId));
}

export async function followUp(
  rest: REST,
  hook: InteractionHook,
  payload: DiscordPayload,
  ephemeral: boolean,
): Promise<APIMessage> {
  // Interaction webhooks carry their own token: no bot Authorization header.
  return (await rest.post(Routes.webhook(hook.applicationId, hook.token), {
    ...request(payload, ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    auth: false,
    query: new URLSearchParams({ wait: 'true' }),
  })) as APIMessage;
}

export async function editInteractionMessage(
  rest: REST,
  hook: InteractionHook,
  messageId: string,
  payload: DiscordPayload | { components: DiscordPayload['components'] },
): Promise<APIMessage> {
  const body =
    'embeds' in payload
      ? request(payload)
      : { body: { ...payload, allowed_mentions: { parse: [] } }, files: [] };
  return (await rest.patch(Routes.webhookMessage(hook.applicationId, hook.token, messageId), {
    ...body,
    auth: false,
  })) as APIMessage;
}

export async function fetchInteractionMessage(
  rest: REST,
  hook: InteractionHook,
  messageId = '@original',
): Promise<APIMessage> {
  return (await rest.get(Routes.webhookMessage(hook.applicationId, hook.token, messageId), {
    auth: false,
  })) as APIMessage;
}

export async function deleteInteractionMessage(rest: REST, hook: InteractionHook, messageId = '@original') {
  await rest.delete(Routes.webhookMessage(hook.applicationId, hook.token, messageId), { auth: false });
}

export async function fetchMessage(rest: REST, channelId: string, messageId: string): Promise<APIMessage> {
  return (await rest.get(Routes.channelMessage(channelId, messageId))) as APIMessage;
}

/** Starts a public thread on a message; the thread's id is the message's id. */
export async function startThread(rest: REST, channelId: string, messageId: string, name: string) {
  return (await rest.post(Routes.threads(channelId, messageId), {
    body: { name: name.slice(0, 100), auto_archive_duration: 1440 },
  })) as APIChannel;
}

export async function openDm(rest: REST, userId: string): Promise<string> {
  const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIChannel;
  return channel.id;
}

/** A plain message (notes, confirmations), escaped by the caller where it holds user text. */
export function plain(content: string): DiscordPayload {
  return { content, embeds: [], components: [], files: [], allowedMentions: { parse: [] } };
}

export function apiCode(error: unknown): number | string | undefined {
  return error instanceof DiscordAPIError ? error.code : undefined;
}

/**
 * A failure that will fail the same way on retry (Discord said no: missing access, unknown channel,
 * a malformed body), as opposed to a 5xx or a network error, which the engine's queue retries.
 */
export function isPermanent(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.status >= 400 && error.status < 500;
}

/**
 * Discord failing for now (a 5xx, a rate limit discord.js gave up waiting out, no answer in time), as opposed
 * to a refusal or a bug: the queue keeps retrying such a delivery past the job's attempts for a while
 * (src/queue/shared.ts), and the message nonce makes the retry return Discord's first message, not a second.
 */
export function isDiscordAway(error: unknown): boolean {
  if (error instanceof DiscordAPIError || error instanceof HTTPError)
    return error.status >= 500 || error.status === 429;
  if (error instanceof RateLimitError) return true;
  const e = error as { name?: unknown; code?: unknown } | null;
  return (
    e?.name === 'AbortError' ||
    e?.name === 'TimeoutError' ||
    e?.code === 'ECONNRESET' ||
    e?.code === 'ECONNREFUSED' ||
    e?.code === 'UND_ERR_SOCKET' ||
    e?.code === 'UND_ERR_CONNECT_TIMEOUT'
  );
}

/** The token of an interaction is dead (15 minutes passed, or it was never acknowledged in 3 s). */
export function isExpiredInteraction(error: unknown): boolean {
  const code = apiCode(error);
  return (
    code === RESTJSONErrorCodes.UnknownInteraction ||
    code === RESTJSONErrorCodes.UnknownWebhook ||
    code === RESTJSONErrorCodes.InvalidWebhookToken
  );
}

/** How an error is logged: codes and statuses only, never a payload (Discord's own message text is safe). */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError)
    return { code: error.code, status: error.status, method: error.method, error: error.message };
  if (isAuthdoctorError(error)) return { code: error.code };
  if (error instanceof Error)
    return {
      error: error.name,
      ...('code' in error && typeof error.code !== 'object' ? { code: error.code } : {}),
    };
  return { error: typeof error };
}
