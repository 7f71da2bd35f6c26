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
});
