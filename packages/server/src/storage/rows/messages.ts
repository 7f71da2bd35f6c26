/** Rows of the messages area and their one mapper, shared by the SQLite and PostgreSQL backends. */
import type { LinkEntity, LinkPreview, SystemEvent } from '@backchannel/protocol';
import type { Row } from './row.js';
import type { AttachmentRow } from './uploads.js';

export interface MessageRow {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string;
  clientMessageId: string | null;
  kind: 'text' | 'system';
  text: string;
  entities: LinkEntity[];
  system: SystemEvent | null;
  createdAt: number;
  /** Link previews the links.preview job attached (null: none, or not yet). */
  previews?: LinkPreview[] | null;
  /** The sender removed the previews: none is attached again. */
  previewsRemoved?: boolean;
  /** Images sent with the message (uploads), in order. */
  attachments?: AttachmentRow[];
  /**
   * Set after the message is stored (ports/messageEdits.ts), never by the send's insert; absent
   * (or null) means none: a row reads back with only those that are set.
   */
  replyToSeq?: number | null;
  editedAt?: number | null;
  tombstone?: TombstoneRow | null;
}

/** Who turned a message into a tombstone, and when. */
export interface TombstoneRow {
  by: 'sender' | 'moderator' | 'operator';
  at: number;
}

/**
 * The columns a reply, an edit and an unsend set, on `messages` and `shadow_messages` alike: only
 * those that are set (a message nobody replied with, edited or unsent reads back as it was written).
 */
export function toChanges(r: Row): Pick<MessageRow, 'replyToSeq' | 'editedAt' | 'tombstone'> {
  const out: Pick<MessageRow, 'replyToSeq' | 'editedAt' | 'tombstone'> = {};
  if (r.reply_to_seq != null) out.replyToSeq = r.reply_to_seq as number;
  if (r.edited_at != null) out.editedAt = r.edited_at as number;
  if (r.tombstone_at != null) out.tombstone = { by: r.tombstone_by as TombstoneRow['by'], at: r.tombstone_at as number };
  return out;
}

/** `entities` and `system` are JSON text in both schemas; inside PostgreSQL's `row_to_json` they stay text. */
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
  // Set only when not the default, so rows of messages without previews read as they always did.
  ...(r.previews ? { previews: JSON.parse(r.previews as string) as LinkPreview[] } : {}),
  ...(r.previews_removed === true || r.previews_removed === 1 ? { previewsRemoved: true } : {}),
  ...(r.attachments ? { attachments: JSON.parse(r.attachments as string) as AttachmentRow[] } : {}),
  ...toChanges(r),
});
