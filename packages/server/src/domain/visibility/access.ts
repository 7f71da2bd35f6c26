/**
 * The one audited function that decides whether an actor may load a conversation (STYLE.md,
 * after Zulip's `access_stream_by_id`). Every read and write path goes through it.
 */
import type { ConversationRow, MemberRow, Tx } from '../../storage/store.js';
import { notFound } from '../errors.js';

export interface ConversationAccess {
  conversation: ConversationRow;
  member: MemberRow;
}

export async function accessConversation(repo: Tx, userId: string, conversationId: string): Promise<ConversationAccess> {
  const member = await repo.members.get(conversationId, userId);
  if (!member) throw notFound();
  return accessFromRows(member, await repo.conversations.byId(conversationId));
}

/** The same rule over rows the caller already read in its transaction (`tx.messages.sendContext`). */
export function accessFromRows(member: MemberRow | null, conversation: ConversationRow | null): ConversationAccess {
  if (!member || !conversation) throw notFound();
  return { conversation, member };
}
