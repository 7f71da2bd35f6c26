/**
 * The audited `access_*` helpers (STYLE.md, after Zulip's `access_stream_by_id` and
 * `access_message`): the one place that decides whether someone may load a conversation, a message
 * or a user. Each either returns what it read or throws `not_found`, and throws the same
 * `not_found` for "does not exist" and "you may not see it", so a stranger learns nothing from the
 * answer (ARCHITECTURE.md rule 6). Every read and write path of the domain goes through them
 * (docs/architecture.md, "Visibility").
 */
import type { ConversationRow, MemberRow, MessageRow, ShadowMessageRow, Tx, UserRow } from '../../storage/store.js';
import { notFound } from '../errors.js';

export interface ConversationAccess {
  conversation: ConversationRow;
  member: MemberRow;
}

export interface MessageAccess extends ConversationAccess {
  message: MessageRow;
}

/** A conversation its actor is a member of now; anything else is `not_found`. */
export async function accessConversation(repo: Tx, userId: string, conversationId: string): Promise<ConversationAccess> {
  const member = await repo.members.get(conversationId, userId);
  if (!member) throw notFound();
  return accessFromRows(member, await repo.conversations.byId(conversationId));
}

/**
 * What the actor may read of a conversation's history: a member reads it all; someone who left a
 * room's stage reads its backstage up to the seq of their leaving (`uptoSeq`), nothing after
 * (domain/rooms/backstage.ts). Anything else is `not_found`.
 */
export async function accessHistory(repo: Tx, userId: string, conversationId: string): Promise<ConversationAccess & { uptoSeq: number | null }> {
  const member = await repo.members.get(conversationId, userId);
  if (member) return { ...accessFromRows(member, await repo.conversations.byId(conversationId)), uptoSeq: null };
  const uptoSeq = await repo.backstage.viewer(conversationId, userId);
  if (uptoSeq === null) throw notFound();
  const conversation = await repo.conversations.byId(conversationId);
  if (!conversation) throw notFound();
  return { conversation, uptoSeq, member: { conversationId, userId, folder: 'inbox', readSeq: uptoSeq, muted: false, pinned: false, archived: false, addedBy: null, joinedAt: conversation.createdAt } };
}

/** The same rule over rows the caller already read in its transaction (`tx.messages.sendContext`). */
export function accessFromRows(member: MemberRow | null, conversation: ConversationRow | null): ConversationAccess {
  if (!member || !conversation) throw notFound();
  return { conversation, member };
}

/**
 * A message of a conversation its actor is a member of now (the rule history applies: a member
 * reads the whole conversation). An unknown id, another conversation's message when
 * `conversationId` is given, or a conversation the actor is not in are all `not_found('message')`,
 * so a reply, a reaction or a report cannot probe for ids. A shadow message (ADR 0006) is not a
 * message of the conversation: only its sender has it, through history.
 */
export async function accessMessage(repo: Tx, userId: string, messageId: string, conversationId?: string): Promise<MessageAccess> {
  const at = await repo.messages.locate(messageId);
  if (!at || (conversationId !== undefined && at.conversationId !== conversationId)) throw notFound('message');
  const [member, conversation, message] = await Promise.all([repo.members.get(at.conversationId, userId), repo.conversations.byId(at.conversationId), repo.messages.bySeq(at.conversationId, at.seq)]);
  if (!member || !conversation || !message || message.id !== messageId) throw notFound('message');
  return { conversation, member, message };
}

/**
 * What its actor may act on by id in a conversation: a message of it (accessMessage's rule), or
 * one of the actor's own shadow messages (ADR 0006: a silently blocked sender edits, unsends and
 * replies as if the message had been delivered, so these answer them as for a delivered one).
 * Anything else is the same `not_found('message')`.
 */
export type ActionTarget = ({ kind: 'message' } & MessageAccess) | ({ kind: 'shadow'; shadow: ShadowMessageRow } & ConversationAccess);

export async function accessActionTarget(repo: Tx, userId: string, conversationId: string, messageId: string): Promise<ActionTarget> {
  try {
    return { kind: 'message', ...(await accessMessage(repo, userId, messageId, conversationId)) };
  } catch (err) {
    const shadow = await repo.messageEdits.shadowById(conversationId, userId, messageId);
    const member = shadow ? await repo.members.get(conversationId, userId) : null;
    if (!shadow || !member) throw err;
    const conversation = await repo.conversations.byId(conversationId);
    if (!conversation) throw err;
    return { kind: 'shadow', shadow, conversation, member };
  }
}

/** A user anyone may see: suspended accounts are `not_found('user')`, as unknown ids are. */
export async function accessUser(repo: Tx, userId: string): Promise<UserRow> {
  const u = await repo.users.byId(userId);
  if (!u || u.suspendedAt !== null) throw notFound('user');
  return u;
}

/** The same rule by username. */
export async function accessUserByUsername(repo: Tx, username: string): Promise<UserRow> {
  const u = await repo.users.byUsername(username);
  if (!u || u.suspendedAt !== null) throw notFound('user');
  return u;
}
