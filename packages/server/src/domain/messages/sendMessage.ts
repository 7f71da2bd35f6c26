/**
 * Sending a message: the write path of the delivery contract (docs/subsystems/delivery.md).
 * - Idempotent by (conversation, sender, clientMessageId): a retry returns the original message,
 *   even if its body differs, even after a restart or on another node.
 * - The seq comes from the conversation row inside the transaction; the event is recorded in the
 *   same transaction and published only after COMMIT; the caller is answered only after COMMIT.
 */
import type { Message, SendMessageBody } from '@backchannel/protocol';
import { UniqueViolation, type Repo, type UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import { presentMessage } from '../present.js';
import { cleanMessageText, detectLinks } from '../text.js';
import { accessConversation } from '../conversations/access.js';
import { recordJoined } from '../conversations/record.js';

type D = Pick<Deps, 'store' | 'clock' | 'ids'>;

export interface SendResult {
  message: Message;
  /** False when this was a retry answered with the original message. */
  created: boolean;
}

export async function sendMessage(deps: D, me: UserRow, conversationId: string, input: SendMessageBody): Promise<SendResult> {
  const write = () =>
    deps.store.write(async (tx): Promise<SendResult> => {
      const original = await tx.messageByClientId(conversationId, me.id, input.clientMessageId);
      if (original) {
        // Access is still checked: a former member cannot read by replaying an old id.
        await accessConversation(tx, me.id, conversationId);
        return { message: presentMessage(original), created: false };
      }
      const text = cleanMessageText(input.text);
      const { conversation } = await accessConversation(tx, me.id, conversationId);
      const now = deps.clock.now();
      if (conversation.kind === 'direct') {
        // A 1:1 the other person deleted for themselves comes back with the new message.
        const members = await tx.members(conversationId);
        if (members.length < 2) {
          const otherId = await otherOfDirect(tx, conversationId, me.id);
          if (otherId) {
            await tx.addMember({ conversationId, userId: otherId, folder: 'inbox', readSeq: conversation.lastSeq, muted: false, pinned: false, archived: false, addedBy: me.id, joinedAt: now });
            await recordJoined(deps, tx, conversationId, otherId);
          }
        }
      }
      const seq = await tx.nextSeq(conversationId, now);
      const row = { id: deps.ids.id(), conversationId, seq, senderId: me.id, clientMessageId: input.clientMessageId, kind: 'text' as const, text, entities: detectLinks(text), system: null, createdAt: now };
      await tx.insertMessage(row);
      const message = presentMessage(row);
      await tx.appendEvent({ type: 'message.created', conversationId, userId: null, payload: { message }, createdAt: now });
      // Sending implies having read everything before it.
      await tx.updateMember(conversationId, me.id, { readSeq: seq });
      return { message, created: true };
    });
  try {
    return await write();
  } catch (err) {
    // Another node committed the same clientMessageId first: answer with its message.
    if (err instanceof UniqueViolation && err.key === 'client_message_id') return write();
    throw err;
  }
}

/** The other participant of a 1:1, from the pair key (they may have deleted it for themselves). */
async function otherOfDirect(tx: Repo, conversationId: string, meId: string): Promise<string | null> {
  const key = await tx.directPairOf(conversationId);
  if (!key) throw notFound();
  return key[0] === meId ? key[1] : key[0];
}
