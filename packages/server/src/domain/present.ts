/**
 * Presenters: storage rows → wire shapes. The only place that decides what a viewer sees of a row.
 */
import type { Conversation, Me, Message, UserSummary } from '@backchannel/protocol';
import type { ConversationRow, MemberRow, MessageRow, Repo, UserRow } from '../storage/store.js';

const iso = (ms: number) => new Date(ms).toISOString();

export const presentUserSummary = (u: UserRow): UserSummary => ({ id: u.id, username: u.username, displayName: u.displayName });

export const presentMe = (u: UserRow): Me => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  bio: u.bio,
  createdAt: iso(u.createdAt),
  roles: u.roles,
  whoCanMessage: u.whoCanMessage,
});

export const presentMessage = (m: MessageRow): Message => ({
  id: m.id,
  conversationId: m.conversationId,
  seq: m.seq,
  senderId: m.senderId,
  clientMessageId: m.clientMessageId,
  kind: m.kind,
  text: m.text,
  entities: m.entities,
  system: m.system,
  createdAt: iso(m.createdAt),
});

/** The conversation as `member` sees it. */
export async function presentConversation(repo: Repo, c: ConversationRow, member: MemberRow): Promise<Conversation> {
  const memberRows = await repo.members(c.id);
  const users = await repo.usersByIds(memberRows.map((m) => m.userId));
  const last = c.lastSeq > 0 ? await repo.messageBySeq(c.id, c.lastSeq) : null;
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    moderatorId: c.moderatorId,
    members: users.map(presentUserSummary),
    lastSeq: c.lastSeq,
    lastMessage: last ? presentMessage(last) : null,
    lastActivityAt: iso(c.lastActivityAt),
    createdAt: iso(c.createdAt),
    folder: member.folder,
    readSeq: member.readSeq,
    unreadCount: Math.max(0, c.lastSeq - member.readSeq),
    muted: member.muted,
    pinned: member.pinned,
    archived: member.archived,
  };
}
