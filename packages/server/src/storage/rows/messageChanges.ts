/**
 * Rows of the areas that change a message after it is sent (docs/subsystems/messages.md): kept
 * versions of edits, reactions, and each person's own marks (delete for me, keep for reporting).
 * One mapper each, shared by the SQLite and PostgreSQL backends.
 */
import type { LinkEntity } from '@backchannel/protocol';
import type { Row } from './row.js';

/** An earlier version of an edited message (`version` 1 is the text as first sent). */
export interface MessageVersionRow {
  conversationId: string;
  seq: number;
  version: number;
  text: string;
  entities: LinkEntity[];
  /** When this text became current (the send, or the edit that wrote it). */
  createdAt: number;
}

export const toVersion = (r: Row): MessageVersionRow => ({
  conversationId: r.conversation_id as string,
  seq: r.seq as number,
  version: r.version as number,
  text: r.text as string,
  entities: JSON.parse(r.entities as string) as LinkEntity[],
  createdAt: r.created_at as number,
});

export interface ReactionRow {
  conversationId: string;
  seq: number;
  userId: string;
  emoji: string;
  createdAt: number;
}

export const toReaction = (r: Row): ReactionRow => ({
  conversationId: r.conversation_id as string,
  seq: r.seq as number,
  userId: r.user_id as string,
  emoji: r.emoji as string,
  createdAt: r.created_at as number,
});

/** A recipient's "keep for reporting" copy of a message. */
export interface KeptMessageRow {
  conversationId: string;
  seq: number;
  userId: string;
  text: string;
  keptAt: number;
  expiresAt: number;
}

export const toKept = (r: Row): KeptMessageRow => ({
  conversationId: r.conversation_id as string,
  seq: r.seq as number,
  userId: r.user_id as string,
  text: r.text as string,
  keptAt: r.kept_at as number,
  expiresAt: r.expires_at as number,
});
