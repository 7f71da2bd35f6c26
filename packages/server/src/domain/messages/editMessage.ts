/**
 * Edit: the author changes the text of their message within the edit window. The text as it was
 * is kept (message_versions) for operators handling a report; members see the new text, an
 * "edited" mark and its time. The same text again changes nothing (idempotent).
 */
import type { Message } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { cleanMessageText, detectLinks } from '../text.js';
import { facts, recordUpdated, refuseSystem, refuseTombstone, reread, target, withinWindow } from './changes.js';
import { messageLimits } from './limits.js';

export async function editMessage(deps: Pick<Deps, 'store' | 'clock' | 'limits'>, me: UserRow, conversationId: string, messageId: string, rawText: string): Promise<Message> {
  return deps.store.write(async (tx) => {
    const t = await target(tx, me, conversationId, messageId);
    refuseSystem(t, 'edited');
    if (facts(t).senderId !== me.id) throw new DomainError('forbidden', 'Only its sender can edit a message.');
    refuseTombstone(t);
    const text = cleanMessageText(rawText);
    if (text === facts(t).text) return reread(tx, me, t);
    withinWindow(deps, t, messageLimits(deps.limits).editWindowMs, 'edit');
    const now = deps.clock.now();
    const entities = detectLinks(text);
    if (t.kind === 'shadow') await tx.messageEdits.editShadow(conversationId, t.shadow.id, text, entities, now);
    else await tx.messageEdits.edit(conversationId, t.message.seq, text, entities, now);
    await recordUpdated(deps, tx, me, t, { text, entities, editedAt: new Date(now).toISOString() });
    return reread(tx, me, t);
  }, { key: conversationId });
}
