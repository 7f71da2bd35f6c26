/**
 * A person's own marks on a message, which nobody else learns of:
 * - delete for me: the message leaves my history on all my devices (`message.hidden` to me);
 * - keep for reporting: a copy of a message someone sent me that an unsend does not erase; only
 *   operators handling a report of mine see it (as `Report.evidence`), and it expires.
 */
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { accessMessage } from '../visibility/access.js';
import { messageLimits } from './limits.js';

export async function hideMessage(deps: Pick<Deps, 'store' | 'clock'>, me: UserRow, conversationId: string, messageId: string): Promise<void> {
  await deps.store.write(async (tx) => {
    const { message } = await accessMessage(tx, me.id, messageId, conversationId);
    const now = deps.clock.now();
    if (await tx.messageMarks.hide(conversationId, me.id, message.seq, now)) {
      await tx.events.append({ type: 'message.hidden', conversationId, userId: me.id, payload: { conversationId, messageId, seq: message.seq }, createdAt: now });
    }
  }, { key: conversationId });
}

export async function keepMessage(deps: Pick<Deps, 'store' | 'clock' | 'limits'>, me: UserRow, conversationId: string, messageId: string): Promise<{ keptUntil: string }> {
  return deps.store.write(async (tx) => {
    const { message } = await accessMessage(tx, me.id, messageId, conversationId);
    if (message.kind === 'system') throw new DomainError('forbidden', 'System messages cannot be kept.');
    if (message.senderId === me.id) throw new DomainError('self_action', 'You keep messages others sent you.');
    if (message.tombstone) throw new DomainError('conflict', 'The message was unsent or removed.');
    const now = deps.clock.now();
    const kept = await tx.messageMarks.keep({ conversationId, seq: message.seq, userId: me.id, text: message.text, keptAt: now, expiresAt: now + messageLimits(deps.limits).keepMs });
    return { keptUntil: new Date(kept.expiresAt).toISOString() };
  }, { key: conversationId });
}
