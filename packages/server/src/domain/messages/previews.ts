/**
 * A message's link previews after it committed (docs/subsystems/links.md): the links.preview job
 * attaches them, the sender may remove them. Either way members get `message.updated` with the
 * `previews` field (same seq, so no gap in the stream).
 */
import type { LinkPreview, Message } from '@backchannel/protocol';
import type { MessageRow, Tx, UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentMessage } from '../present.js';
import { accessMessage } from '../visibility/access.js';

/**
 * No previews while anyone in the conversation still has it in their Requests: links in a request
 * stay inert (nothing is fetched on a stranger's behalf, and the recipient's client loads nothing).
 */
export async function previewsAllowed(tx: Tx, conversationId: string): Promise<boolean> {
  return (await tx.members.list(conversationId)).every((m) => m.folder !== 'requests');
}

/** `message.updated` with the one field that changed (an empty list: no previews). */
async function recordUpdate(deps: Pick<Deps, 'clock'>, tx: Tx, row: MessageRow): Promise<Message> {
  const fields = { previews: row.previews ?? [] };
  await tx.events.append({ type: 'message.updated', conversationId: row.conversationId, userId: null, payload: { conversationId: row.conversationId, messageId: row.id, seq: row.seq, fields }, createdAt: deps.clock.now() });
  return presentMessage(row);
}

/**
 * Inside the job's write: attaches `previews` to the message unless it changed meanwhile (gone,
 * text edited, previews removed or already attached, or now in a pending request). True when attached.
 */
export async function attachPreviews(deps: Pick<Deps, 'clock'>, tx: Tx, at: { conversationId: string; seq: number; messageId: string; text: string }, previews: LinkPreview[]): Promise<boolean> {
  if (previews.length === 0) return false;
  const row = await tx.messages.bySeq(at.conversationId, at.seq);
  if (!row || row.id !== at.messageId || row.text !== at.text || row.previewsRemoved || (row.previews?.length ?? 0) > 0) return false;
  if (!(await previewsAllowed(tx, at.conversationId))) return false;
  await tx.messages.setPreviews(at.conversationId, at.seq, previews, false);
  await recordUpdate(deps, tx, { ...row, previews, previewsRemoved: false });
  return true;
}

/**
 * The sender removes their message's previews, for everyone, for good (no later fetch brings them
 * back). Idempotent: removing again changes nothing and records no event. Only the sender may.
 */
export async function removePreviews(deps: Pick<Deps, 'store' | 'clock'>, me: UserRow, conversationId: string, messageId: string): Promise<Message> {
  return deps.store.write(async (tx) => {
    const { message: row } = await accessMessage(tx, me.id, messageId, conversationId);
    if (row.senderId !== me.id) throw new DomainError('forbidden', 'Only the sender can remove a message\'s link preview.');
    if (row.previewsRemoved) return presentMessage(row);
    await tx.messages.setPreviews(row.conversationId, row.seq, null, true);
    return recordUpdate(deps, tx, { ...row, previews: null, previewsRemoved: true });
  }, { key: conversationId });
}
