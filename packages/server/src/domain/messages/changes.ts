/**
 * What edit, unsend and reactions share: finding what the actor acts on, the sender's window, and
 * recording `message.updated` (docs/subsystems/messages.md).
 */
import type { Message, MessageFields } from '@backchannel/protocol';
import type { Tx, UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentRows } from '../present.js';
import { accessActionTarget, type ActionTarget } from '../visibility/access.js';
import { presentShadow } from '../visibility/shadow.js';

/** The row behind a target, as far as the rules look at it. */
export function facts(t: ActionTarget): { id: string; seq: number; senderId: string; kind: 'text' | 'system'; createdAt: number; text: string; tombstoned: boolean } {
  if (t.kind === 'shadow') return { id: t.shadow.id, seq: t.shadow.afterSeq, senderId: t.shadow.senderId, kind: 'text', createdAt: t.shadow.createdAt, text: t.shadow.text, tombstoned: Boolean(t.shadow.tombstone) };
  const m = t.message;
  return { id: m.id, seq: m.seq, senderId: m.senderId, kind: m.kind, createdAt: m.createdAt, text: m.text, tombstoned: Boolean(m.tombstone) };
}

export const target = (tx: Tx, me: UserRow, conversationId: string, messageId: string) => accessActionTarget(tx, me.id, conversationId, messageId);

export function refuseSystem(t: ActionTarget, what: string): void {
  if (facts(t).kind === 'system') throw new DomainError('forbidden', `System messages cannot be ${what}.`);
}

export function refuseTombstone(t: ActionTarget): void {
  if (facts(t).tombstoned) throw new DomainError('conflict', 'The message was unsent or removed.');
}

/** The sender's window (`windowMs` after sending); 0 turns the action off. */
export function withinWindow(deps: Pick<Deps, 'clock'>, t: ActionTarget, windowMs: number, what: string): void {
  const until = facts(t).createdAt + windowMs;
  if (windowMs <= 0 || deps.clock.now() > until) throw new DomainError('too_late', `The time to ${what} this message has passed.`, { until: new Date(until).toISOString() });
}

/** The message as the actor sees it now (read back inside the write). */
export async function reread(tx: Tx, me: UserRow, t: ActionTarget): Promise<Message> {
  if (t.kind === 'shadow') {
    const s = (await tx.messageEdits.shadowById(t.conversation.id, me.id, t.shadow.id))!;
    const quoted = s.replyToSeq != null ? ((await tx.messageEdits.bySeqs(s.conversationId, [s.replyToSeq]))[0] ?? null) : null;
    return presentShadow(s, quoted);
  }
  const row = (await tx.messages.bySeq(t.conversation.id, t.message.seq))!;
  return (await presentRows(tx, me.id, row.conversationId, [row]))[0]!;
}

/**
 * `message.updated` with the changed fields: to the conversation's members at event time, or for a
 * shadow message to its sender alone (nobody else has it).
 */
export async function recordUpdated(deps: Pick<Deps, 'clock'>, tx: Tx, me: UserRow, t: ActionTarget, fields: MessageFields): Promise<void> {
  const f = facts(t);
  await tx.events.append({
    type: 'message.updated',
    conversationId: t.conversation.id,
    userId: t.kind === 'shadow' ? me.id : null,
    payload: { conversationId: t.conversation.id, messageId: f.id, seq: f.seq, fields },
    createdAt: deps.clock.now(),
  });
}
