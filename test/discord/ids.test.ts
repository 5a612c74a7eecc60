/** The adapter's own ids and mapping: the delete offer's custom_id and conversation refs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDeleteOffer, encodeDeleteOffer } from '../../adapters/discord/delete-offer.js';
import { conversationAt, describeConversation, placeOf } from '../../adapters/discord/where.js';
import { conversationKey } from '../../src/conversation/events.js';
import { decodeButton } from '../../src/platform/action-codec.js';

const snowflake = fc.bigInt({ min: 10n ** 16n, max: 2n ** 63n - 1n }).map(String);

describe('the delete offer custom_id', () => {
  it('round-trips three snowflakes within 100 characters, and is not mistaken for an action', () => {
    fc.assert(
      fc.property(snowflake, snowflake, snowflake, (channelId, messageId, owner) => {
        const id = encodeDeleteOffer({ channelId, messageId, owner });
        expect(id.length).toBeLessThanOrEqual(100);
        expect(decodeDeleteOffer(id)).toEqual({ channelId, messageId, owner });
        expect(decodeButton(id)).toBeUndefined();
      }),
    );
  });

  it('never throws, and refuses anything that is not ids', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (value) => {
        const decoded = decodeDeleteOffer(value);
        if (decoded) expect(Object.values(decoded).every((v) => /^\d+$/.test(v))).toBe(true);
      }),
    );
    expect(decodeDeleteOffer('ad1-del|1|2|3')).toBeUndefined();
    expect(decodeDeleteOffer('ad1-del|123456789012345678|<@everyone>|123456789012345678')).toBeUndefined();
    expect(decodeDeleteOffer('ad1|walk|abc|1')).toBeUndefined();
  });
});

describe('conversation refs', () => {
  const guild = '111111111111111111';
  it('a thread started on a message has the key of a conversation hanging on that message', () => {
    const onMessage = conversationAt(
      { kind: 'channel', guildId: guild, channelId: '222222222222222222', threads: true },
      '333333333333333333',
    );
    const inThread = conversationAt(
      {
        kind: 'thread',
        guildId: guild,
        channelId: '333333333333333333',
        parentId: '222222222222222222',
        ownerId: null,
      },
      'ignored',
    );
    expect(conversationKey(onMessage)).toBe(conversationKey(inThread));
    expect(placeOf(onMessage)).toBe('333333333333333333');
  });

  it('a DM is one conversation, whatever message it starts from', () => {
    const a = conversationAt({ kind: 'dm', channelId: '444444444444444444' }, '1');
    const b = conversationAt({ kind: 'dm', channelId: '444444444444444444' }, '2');
    expect(a).toEqual(b);
    expect(a.workspace).toBe('dm');
    expect(describeConversation(a).url).toBeUndefined();
  });

  it('escalations link to the thread', () => {
    const ref = { platform: 'discord' as const, workspace: guild, channel: '2', thread: '3' };
    expect(describeConversation(ref).url).toBe(`https://discord.com/channels/${guild}/3`);
    expect(describeConversation({ platform: 'slack', workspace: 'T1', channel: 'C1' }).url).toBeUndefined();
  });
});
