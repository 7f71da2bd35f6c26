/** Rows of the uploads area (docs/subsystems/media.md) and their mapper, shared by both backends. */
import type { Row } from './row.js';

/** What a message keeps of each image it carries (the URLs are made when presenting). */
export interface AttachmentRow {
  id: string;
  kind: 'image';
  contentType: string;
  width: number;
  height: number;
  size: number;
  placeholder: string;
}

/** An upload: our re-encoded copy is in the media store under its id; attached to at most one message. */
export interface UploadRow extends AttachmentRow {
  ownerId: string;
  createdAt: number;
  conversationId: string | null;
  messageId: string | null;
}

export const toUpload = (r: Row): UploadRow => ({
  id: r.id as string,
  kind: r.kind as 'image',
  contentType: r.content_type as string,
  width: Number(r.width),
  height: Number(r.height),
  size: Number(r.size),
  placeholder: r.placeholder as string,
  ownerId: r.owner_id as string,
  createdAt: Number(r.created_at),
  conversationId: (r.conversation_id as string | null) ?? null,
  messageId: (r.message_id as string | null) ?? null,
});
