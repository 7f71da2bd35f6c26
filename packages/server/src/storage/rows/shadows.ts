/** Rows of the shadow messages area and their one mapper, shared by the SQLite and PostgreSQL backends. */
import type { LinkEntity } from '@backchannel/protocol';
import type { Row } from './row.js';
import { toChanges, type TombstoneRow } from './messages.js';

/** A message from a silently blocked sender: visible to its sender only, no conversation seq consumed. */
export interface ShadowMessageRow {
  id: string;
  conversationId: string;
  senderId: string;
  /**
   * Its seq in the sender's own view, presented as its `seq`: one more than the sender's previous
   * message or the conversation's last real seq, whichever is later (ADR 0006). The name is from
   * ADR 0005, when shadows shared the seq of the real message they followed.
   */
  afterSeq: number;
  clientMessageId: string;
  text: string;
  entities: LinkEntity[];
  createdAt: number;
  /** As on MessageRow: set after the insert (ports/messageEdits.ts); a row reads back with only those that are set. */
  replyToSeq?: number | null;
  editedAt?: number | null;
  tombstone?: TombstoneRow | null;
}

export const toShadow = (r: Row): ShadowMessageRow => ({
  id: r.id as string,
  conversationId: r.conversation_id as string,
  senderId: r.sender_id as string,
  afterSeq: r.after_seq as number,
  clientMessageId: r.client_message_id as string,
  text: r.text as string,
  entities: JSON.parse(r.entities as string) as ShadowMessageRow['entities'],
  createdAt: r.created_at as number,
  ...toChanges(r),
});
