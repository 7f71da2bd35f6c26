/** SQLite rows → port rows: 0/1 integers to booleans, JSON text to values. */
import type { Folder } from '@backchannel/protocol';
import type { ConversationRow, EventRow, MemberRow, MessageRow, UserRow } from '../store.js';

export type Row = Record<string, unknown>;

export const toUser = (r: Row): UserRow => ({
  id: r.id as string,
  username: r.username as string,
  displayName: r.display_name as string,
  bio: r.bio as string,
  passwordHash: r.password_hash as string,
  createdAt: r.created_at as number,
  roles: JSON.parse(r.roles as string) as string[],
  whoCanMessage: r.who_can_message as UserRow['whoCanMessage'],
  suspendedAt: (r.suspended_at as number | null) ?? null,
});
export const toConversation = (r: Row): ConversationRow => ({
  id: r.id as string,
  kind: r.kind as ConversationRow['kind'],
  title: (r.title as string | null) ?? null,
  moderatorId: (r.moderator_id as string | null) ?? null,
  lastSeq: r.last_seq as number,
  lastActivityAt: r.last_activity_at as number,
  createdAt: r.created_at as number,
});
export const toMember = (r: Row): MemberRow => ({
  conversationId: r.conversation_id as string,
  userId: r.user_id as string,
  folder: r.folder as Folder,
  readSeq: r.read_seq as number,
  muted: r.muted === 1,
  pinned: r.pinned === 1,
  archived: r.archived === 1,
  addedBy: (r.added_by as string | null) ?? null,
  joinedAt: r.joined_at as number,
});
export const toMessage = (r: Row): MessageRow => ({
  id: r.id as string,
  conversationId: r.conversation_id as string,
  seq: r.seq as number,
  senderId: r.sender_id as string,
  clientMessageId: (r.client_message_id as string | null) ?? null,
  kind: r.kind as MessageRow['kind'],
  text: r.text as string,
  entities: JSON.parse(r.entities as string) as MessageRow['entities'],
  system: r.system ? (JSON.parse(r.system as string) as MessageRow['system']) : null,
  createdAt: r.created_at as number,
});
export const toEvent = (r: Row): EventRow => ({
  pos: r.pos as number,
  type: r.type as EventRow['type'],
  conversationId: (r.conversation_id as string | null) ?? null,
  userId: (r.user_id as string | null) ?? null,
  payload: JSON.parse(r.payload as string) as unknown,
  createdAt: r.created_at as number,
});
