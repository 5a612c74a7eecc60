/**
 * The "delete the original message" button offered with a private credential warning, where the bot has
 * Manage Messages. Its custom_id carries ids only: the channel and message to delete, and the user who owns
 * the conversation; the message's author may use it too (checked against Discord when clicked).
 */
import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';
import type { DiscordPayload } from './render.js';

const PREFIX = 'ad1-del';
const ID = /^\d{15,22}$/;

export interface DeleteOffer {
  channelId: string;
  messageId: string;
  owner: string;
}

export function encodeDeleteOffer(offer: DeleteOffer): string {
  return [PREFIX, offer.channelId, offer.messageId, offer.owner].join('|');
}

/** Never throws: anything but a well-formed offer is `undefined`. */
export function decodeDeleteOffer(value: string): DeleteOffer | undefined {
  if (value.length > 100) return undefined;
  const [prefix, channelId, messageId, owner, ...rest] = value.split('|');
  if (prefix !== PREFIX || rest.length > 0) return undefined;
  if (!channelId || !messageId || !owner || ![channelId, messageId, owner].every((id) => ID.test(id)))
    return undefined;
  return { channelId, messageId, owner };
}

/** The payloads with the offer added to the last one, when it has room for another row. */
export function withDeleteOffer(payloads: DiscordPayload[], offer: DeleteOffer): DiscordPayload[] {
  const last = payloads.at(-1);
  if (!last || last.components.length >= 5) return payloads;
  const button: APIButtonComponent = {
    type: ComponentType.Button,
    style: ButtonStyle.Danger,
    label: 'Delete the original message',
    custom_id: encodeDeleteOffer(offer),
  };
  const row: APIActionRowComponent<APIButtonComponent> = {
    type: ComponentType.ActionRow,
    components: [button],
  };
  return [...payloads.slice(0, -1), { ...last, components: [...last.components, row] }];
}
