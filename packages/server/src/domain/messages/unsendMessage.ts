/**
 * Unsend (delete for everyone): the author, within the unsend window, or a group's moderator, at
 * any time, turns a message into a tombstone for every member, live and after reload
 * (`Message.tombstone`). Its text, kept versions and reactions are erased; what survives is what
 * recipients froze before: a report's context, a "keep for reporting" copy. Idempotent: a second
 * unsend answers the tombstone.
 */
import type { Message, Tombstone } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { facts, recordUpdated, refuseSystem, reread, target, withinWindow } from './changes.js';
import { messageLimits } from './limits.js';

export async function unsendMessage(deps: Pick<Deps, 'store' | 'clock' | 'limits'>, me: UserRow, conversationId: string, messageId: string): Promise<Message> {
  return deps.store.write(async (tx) => {
    const t = await target(tx, me, conversationId, messageId);
    refuseSystem(t, 'unsent');
    const f = facts(t);
    const own = f.senderId === me.id;
    if (!own && !(t.conversation.kind === 'group' && t.conversation.moderatorId === me.id)) throw new DomainError('forbidden', 'Only its sender or the group moderator can unsend a message.');
    if (f.tombstoned) return reread(tx, me, t);
    if (own) withinWindow(deps, t, messageLimits(deps.limits).unsendWindowMs, 'unsend');
    const now = deps.clock.now();
    const tomb = { by: own ? ('sender' as const) : ('moderator' as const), at: now };
    if (t.kind === 'shadow') await tx.messageEdits.tombstoneShadow(conversationId, t.shadow.id, tomb);
    else {
      await tx.messageEdits.tombstone(conversationId, f.seq, tomb);
      await tx.reactions.clear(conversationId, f.seq);
    }
    const tombstone: Tombstone = { by: tomb.by, at: new Date(now).toISOString() };
    await recordUpdated(deps, tx, me, t, { text: '', entities: [], reactions: [], previews: [], tombstone });
    return reread(tx, me, t);
  }, { key: conversationId });
}
