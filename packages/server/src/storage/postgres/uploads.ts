/** PostgreSQL side of the uploads port (storage/ports/uploads.ts). */
import type { UploadsRepo } from '../ports/uploads.js';
import { toUpload, type UploadRow } from '../rows/uploads.js';
import type { PgHandle } from './handle.js';

export class PgUploads implements UploadsRepo {
  constructor(private readonly h: PgHandle) {}

  async insert(r: UploadRow) {
    await this.h.q(
      `INSERT INTO uploads (id, owner_id, kind, content_type, size, width, height, placeholder, created_at, conversation_id, message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [r.id, r.ownerId, r.kind, r.contentType, r.size, r.width, r.height, r.placeholder, r.createdAt, r.conversationId, r.messageId],
    );
  }
  async byId(id: string) {
    const r = await this.h.one('SELECT * FROM uploads WHERE id = $1', [id]);
    return r ? toUpload(r) : null;
  }
  async attach(ids: readonly string[], conversationId: string, messageId: string) {
    const rows = await this.h.q('UPDATE uploads SET conversation_id = $1, message_id = $2 WHERE id = ANY($3::text[]) AND message_id IS NULL RETURNING id', [conversationId, messageId, ids]);
    return rows.length;
  }
  async unattachedBefore(before: number, limit: number) {
    return (await this.h.q('SELECT * FROM uploads WHERE message_id IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2', [before, limit])).map(toUpload);
  }
  async delete(id: string) {
    await this.h.q('DELETE FROM uploads WHERE id = $1', [id]);
  }
}
