/** SQLite side of the uploads port (storage/ports/uploads.ts). */
import type Database from 'better-sqlite3';
import type { UploadsRepo } from '../ports/uploads.js';
import type { Row } from '../rows/row.js';
import { toUpload, type UploadRow } from '../rows/uploads.js';

export class SqliteUploads implements UploadsRepo {
  private readonly q;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      insert: p(`INSERT INTO uploads (id, owner_id, kind, content_type, size, width, height, placeholder, created_at, conversation_id, message_id)
        VALUES (@id, @ownerId, @kind, @contentType, @size, @width, @height, @placeholder, @createdAt, @conversationId, @messageId)`),
      byId: p('SELECT * FROM uploads WHERE id = ?'),
      attach: p('UPDATE uploads SET conversation_id = ?, message_id = ? WHERE id IN (SELECT value FROM json_each(?)) AND message_id IS NULL'),
      unattached: p('SELECT * FROM uploads WHERE message_id IS NULL AND created_at < ? ORDER BY created_at LIMIT ?'),
      delete: p('DELETE FROM uploads WHERE id = ?'),
    };
  }

  async insert(row: UploadRow) {
    this.q.insert.run(row);
  }
  async byId(id: string) {
    const r = this.q.byId.get(id) as Row | undefined;
    return r ? toUpload(r) : null;
  }
  async attach(ids: readonly string[], conversationId: string, messageId: string) {
    return this.q.attach.run(conversationId, messageId, JSON.stringify(ids)).changes;
  }
  async unattachedBefore(before: number, limit: number) {
    return (this.q.unattached.all(before, limit) as Row[]).map(toUpload);
  }
  async delete(id: string) {
    this.q.delete.run(id);
  }
}
