/** Row mapping and error translation for the PostgreSQL backend. BIGINTs arrive as numbers (see pgStore.ts). */
import type { Folder } from '@backchannel/protocol';
import { StorageUnavailable, UniqueViolation, type ConversationRow, type EventRow, type MemberRow, type MessageRow, type UserRow } from '../store.js';

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
  muted: r.muted as boolean,
  pinned: r.pinned as boolean,
  archived: r.archived as boolean,
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

const UNIQUE_KEYS: Record<string, UniqueViolation['key']> = {
  users_username_unique: 'username',
  direct_pairs_unique: 'direct_pair',
  messages_client_id: 'client_message_id',
  // Shadow messages share the client-id space of a send (ADR 0005): a clash means "already sent".
  shadow_messages_client_id: 'client_message_id',
  invites_code_unique: 'invite',
};

// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, crash,
// cannot connect now), plus the errors node-postgres raises itself when the socket goes away.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN', '57P01', '57P02', '57P03']);
const CONNECTION_MESSAGES = /Connection terminated|not queryable|Client was closed|timeout exceeded when trying to connect|Connection ended/i;

/** A deadlock victim or serialization failure: this write did nothing and a retry is safe. */
export class WriteConflict extends StorageUnavailable {}

export function isConnectionError(err: unknown): boolean {
  if (err instanceof WriteConflict) return false; // only this write's savepoint rolls back
  if (err instanceof StorageUnavailable) return true;
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  if (typeof e.code === 'string' && (CONNECTION_CODES.has(e.code) || e.code.startsWith('08'))) return true;
  return CONNECTION_MESSAGES.test(e.message ?? '');
}

/** Turns driver errors into port errors: unique keys by name, lost connections as StorageUnavailable. */
export function translateError(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e.code === '23505') return new UniqueViolation(UNIQUE_KEYS[e.constraint ?? ''] ?? 'other');
  // Deadlock victim or serialization failure: nothing of this write happened; a retry is safe.
  if (e.code === '40P01' || e.code === '40001') return new WriteConflict(`write conflict, retry: ${e.message}`, false);
  if (!(err instanceof StorageUnavailable) && isConnectionError(err)) return new StorageUnavailable(`storage unavailable: ${e.message}`, false);
  return err;
}

/** Escapes LIKE wildcards so a search prefix matches literally. */
export const likePrefix = (p: string): string => p.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
