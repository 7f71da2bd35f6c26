/**
 * Presenters: storage rows → wire shapes. The only place that decides what a viewer sees of a row.
 */
import type { Attachment, Conversation, Me, Message, Reaction, UserSummary } from '@backchannel/protocol';
import type { AttachmentRow, ConversationRow, MemberRow, MessageRow, ReactionRow, Tx, UserRow } from '../storage/store.js';
import { changedFields } from './visibility/messageParts.js';
import { presentRequestInfo } from './requests/presentRequest.js';
import { blockedMemberIds } from './visibility/blocks.js';
import { memberPreview } from './visibility/listed.js';
import { latestOwnShadow, ownLastSeq, presentShadow } from './visibility/shadow.js';

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

/** An image of a message; its URLs need a media token (`?t=`, domain/media/mediaTokens.ts). */
export const presentAttachment = (a: AttachmentRow): Attachment => ({ ...a, url: `/v1/media/${a.id}/full`, thumbUrl: `/v1/media/${a.id}/thumb` });

/**
 * A message row on the wire. `quoted` is the message it replies to (callers that present many
 * messages resolve them in one read: presentRows below); `reactions` are the ones the
 * viewer may see. A new message has neither reactions nor edits.
 */
export const presentMessage = (m: MessageRow, quoted: MessageRow | null = null, reactions: Reaction[] = []): Message => ({
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
  ...(m.previews && m.previews.length > 0 ? { previews: m.previews } : {}),
  ...(m.attachments && m.attachments.length > 0 ? { attachments: m.attachments.map(presentAttachment) } : {}),
  ...changedFields(m, quoted),
  reactions: m.tombstone ? [] : reactions,
});

/** Reactions by seq, as `viewerId` may see them: nobody's with whom they have a block either way (audience.ts's rule for `reaction`). */
async function visibleReactions(repo: Tx, viewerId: string | null, rows: ReactionRow[]): Promise<Map<number, Reaction[]>> {
  const reactors = [...new Set(rows.map((r) => r.userId))].filter((id) => id !== viewerId);
  const cut = viewerId && reactors.length > 0 ? new Set(await repo.graph.blockedAmong(viewerId, reactors)) : new Set<string>();
  const out = new Map<number, Reaction[]>();
  for (const r of rows) {
    if (cut.has(r.userId)) continue;
    let list = out.get(r.seq);
    if (!list) out.set(r.seq, (list = []));
    const held = list.find((x) => x.emoji === r.emoji);
    if (held) held.userIds.push(r.userId);
    else list.push({ emoji: r.emoji, userIds: [r.userId] });
  }
  return out;
}

/**
 * Messages of one conversation as `viewerId` sees them (null: as everyone does, for a conversation
 * event), in the order given: the messages they quote and their reactions in one read each.
 */
export async function presentRows(repo: Tx, viewerId: string | null, conversationId: string, rows: readonly MessageRow[]): Promise<Message[]> {
  if (rows.length === 0) return [];
  const bySeq = new Map(rows.map((m) => [m.seq, m]));
  const missing = rows.flatMap((m) => (m.replyToSeq != null && !bySeq.has(m.replyToSeq) ? [m.replyToSeq] : []));
  for (const q of await repo.messageEdits.bySeqs(conversationId, missing)) bySeq.set(q.seq, q);
  const reactions = await visibleReactions(repo, viewerId, await repo.reactions.of(conversationId, rows.filter((m) => m.kind === 'text' && !m.tombstone).map((m) => m.seq)));
  return rows.map((m) => presentMessage(m, m.replyToSeq != null ? (bySeq.get(m.replyToSeq) ?? null) : null, reactions.get(m.seq) ?? []));
}

/** The newest message at or before the conversation's last seq (which a block's end may have skipped). */
async function lastRealMessage(repo: Tx, c: ConversationRow): Promise<Message | null> {
  if (c.lastSeq === 0) return null;
  const row = (await repo.messages.bySeq(c.id, c.lastSeq)) ?? (await repo.messages.history(c.id, { before: c.lastSeq, limit: 1 }))[0];
  if (!row) return null;
  // A preview: its quote, not its reactions (a list of conversations reads no reactions).
  const quoted = row.replyToSeq != null ? ((await repo.messageEdits.bySeqs(c.id, [row.replyToSeq]))[0] ?? null) : null;
  return presentMessage(row, quoted);
}

/**
 * The conversation as `member` sees it. The same number of reads however many people are in it:
 * the header's few people and a count (the rest are paged), the viewer's own blocks.
 */
export async function presentConversation(repo: Tx, c: ConversationRow, member: MemberRow): Promise<Conversation> {
  // A 1:1 always shows both people, a group its ghost members too: whether someone deleted or
  // blocked a request, or blocked whoever added them, stays private (visibility/listed.ts).
  const [preview, blocked, shadow] = await Promise.all([memberPreview(repo, c), blockedMemberIds(repo, c, member.userId), latestOwnShadow(repo, c, member.userId)]);
  // A silently blocked sender sees their own shadows as delivered: seqs, preview, activity (ADR 0006).
  const lastSeq = ownLastSeq(c, shadow);
  const lastMessage = shadow && shadow.afterSeq >= c.lastSeq ? presentShadow(shadow) : await lastRealMessage(repo, c);
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    moderatorId: c.moderatorId,
    members: preview.users.map(presentUserSummary),
    memberCount: preview.count,
    lastSeq,
    lastMessage,
    lastActivityAt: iso(Math.max(c.lastActivityAt, shadow?.createdAt ?? 0)),
    createdAt: iso(c.createdAt),
    folder: member.folder,
    readSeq: member.readSeq,
    unreadCount: Math.max(0, lastSeq - member.readSeq),
    muted: member.muted,
    pinned: member.pinned,
    archived: member.archived,
    request: await presentRequestInfo(repo, c.id, member),
    blockedMemberIds: blocked,
    ...(c.kind === 'group' ? await backstageLabel(repo, c.id) : {}),
  };
}

/** A room's backstage carries its room (domain/rooms/backstage.ts): one key lookup per group. */
async function backstageLabel(repo: Tx, conversationId: string): Promise<Pick<Conversation, 'backstage'>> {
  const roomId = await repo.backstage.roomOf(conversationId);
  const room = roomId === null ? null : await repo.rooms.roomById(roomId);
  return room ? { backstage: { id: room.id, title: room.title, status: room.status } } : {};
}
