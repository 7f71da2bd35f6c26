/** Storage port of uploads (docs/subsystems/media.md): who uploaded what, and which message carries it. The bytes live in the media store. */
import type { UploadRow } from '../rows/uploads.js';

export interface UploadsRepo {
  insert(row: UploadRow): Promise<void>;
  byId(id: string): Promise<UploadRow | null>;
  /** Marks the uploads as carried by a message; only ones not attached yet change. Returns how many changed. */
  attach(ids: readonly string[], conversationId: string, messageId: string): Promise<number>;
  /** Uploads never attached, created before `before`, oldest first (garbage collection). */
  unattachedBefore(before: number, limit: number): Promise<UploadRow[]>;
  delete(id: string): Promise<void>;
}
