/**
 * Silent block (ADR 0005): a blocked sender's message is stored for its sender only, consumes no
 * conversation seq and reaches nobody else. The sender sees it like any sent message: the same ack,
 * a `message.created` event on their own devices, and in their history, with `seq` equal to the
 * real message it follows.
 */
import type { Message } from '@backchannel/protocol';
import type { ConversationRow, Repo, UserRow } from '../../storage/store.js';
import type { ShadowMessageRow } from '../../storage/safety.js';
import type { Deps } from '../deps.js';
import { detectLinks } from '../text.js';

export const presentShadow = (s: ShadowMessageRow): Message => ({
  id: s.id,
  conversationId: s.conversationId,
  seq: s.afterSeq,
  senderId: s.senderId,
  clientMessageId: s.clientMessageId,
  kind: 'text',
  text: s.text,
  entities: s.entities,
  system: null,
  createdAt: new Date(s.createdAt).toISOString(),
});

export async function recordShadowMessage(deps: Pick<Deps, 'clock' | 'ids'>, tx: Repo, me: UserRow, c: ConversationRow, clientMessageId: string, text: string): Promise<Message> {
  const now = deps.clock.now();
  const row: ShadowMessageRow = { id: deps.ids.id(), conversationId: c.id, senderId: me.id, afterSeq: c.lastSeq, clientMessageId, text, entities: detectLinks(text), createdAt: now };
  await tx.insertShadowMessage(row);
  const message = presentShadow(row);
  // Addressed to the sender alone: the router and streamAfter deliver it to no one else.
  await tx.appendEvent({ type: 'message.created', conversationId: c.id, userId: me.id, payload: { message }, createdAt: now });
  return message;
}

/** The viewer's own shadow messages with afterSeq in [fromSeq, toSeq] (history and previews). */
export async function shadowsFor(repo: Repo, c: ConversationRow, viewerId: string, fromSeq: number, toSeq: number, limit: number): Promise<Message[]> {
  if (c.kind !== 'direct') return [];
  return (await repo.shadowMessages(c.id, viewerId, fromSeq, toSeq, limit)).map(presentShadow);
}
