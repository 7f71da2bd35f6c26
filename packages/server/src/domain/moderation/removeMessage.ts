import type { ModerationActionBody } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import { presentMessage } from '../present.js';
import { audit, requireOperator } from './operator.js';

export const REMOVED_TEXT = 'This message was removed by a moderator.';

/**
 * Replaces a message's text with a tombstone for everyone and tells the members with a durable
 * `message.removed` event (same seq, so no gap). Idempotent; audited.
 */
export async function removeMessage(deps: Pick<Deps, 'store' | 'clock' | 'ids'>, me: UserRow, messageId: string, input: ModerationActionBody): Promise<void> {
  requireOperator(me);
  await deps.store.write(async (tx) => {
    const at = await tx.messages.locate(messageId);
    if (!at) throw notFound('message');
    await tx.messages.replaceContent(at.conversationId, at.seq, REMOVED_TEXT);
    const row = (await tx.messages.bySeq(at.conversationId, at.seq))!;
    const message = presentMessage(row);
    await tx.events.append({ type: 'message.removed', conversationId: at.conversationId, userId: null, payload: { conversationId: at.conversationId, messageId, seq: at.seq, message }, createdAt: deps.clock.now() });
    await audit(deps, tx, me, 'message.removed', messageId, input);
  });
}
