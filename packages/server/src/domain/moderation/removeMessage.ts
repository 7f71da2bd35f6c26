import type { ModerationActionBody } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import { presentRows } from '../present.js';
import { audit, requireOperator } from './operator.js';

/**
 * Turns a message into a tombstone for everyone (`Message.tombstone`, by `operator`: its text,
 * kept versions and reactions erased; reports keep what they froze) and tells the members with a
 * durable `message.removed` event (same seq, so no gap). Idempotent; audited.
 */
export async function removeMessage(deps: Pick<Deps, 'store' | 'clock' | 'ids'>, me: UserRow, messageId: string, input: ModerationActionBody): Promise<void> {
  requireOperator(me);
  await deps.store.write(async (tx) => {
    const at = await tx.messages.locate(messageId);
    if (!at) throw notFound('message');
    const now = deps.clock.now();
    await tx.messageEdits.tombstone(at.conversationId, at.seq, { by: 'operator', at: now });
    await tx.reactions.clear(at.conversationId, at.seq);
    const row = (await tx.messages.bySeq(at.conversationId, at.seq))!;
    const message = (await presentRows(tx, null, at.conversationId, [row]))[0]!;
    await tx.events.append({ type: 'message.removed', conversationId: at.conversationId, userId: null, payload: { conversationId: at.conversationId, messageId, seq: at.seq, message }, createdAt: now });
    await audit(deps, tx, me, 'message.removed', messageId, input);
  });
}
