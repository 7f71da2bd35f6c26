/** SQLite side of the ghost members port. */
import type Database from 'better-sqlite3';
import type { GhostsRepo } from '../ports/ghosts.js';
import type { Row } from '../rows/row.js';
import { toGhostMember, type GhostMemberRow } from '../rows/ghosts.js';

export class SqliteGhosts implements GhostsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      put: p(`INSERT INTO ghost_members (conversation_id, user_id, added_by, joined_at, expires_at) VALUES (@conversationId, @userId, @addedBy, @joinedAt, @expiresAt)
        ON CONFLICT (conversation_id, user_id) DO UPDATE SET added_by = excluded.added_by, joined_at = excluded.joined_at, expires_at = excluded.expires_at`),
      list: p('SELECT * FROM ghost_members WHERE conversation_id = ? ORDER BY joined_at, user_id'),
      remove: p('DELETE FROM ghost_members WHERE conversation_id = ? AND user_id = ?'),
      removeExpired: p('DELETE FROM ghost_members WHERE expires_at IS NOT NULL AND expires_at <= ?'),
    };
  }

  async put(row: GhostMemberRow) {
    this.s.put.run(row);
  }
  async list(conversationId: string) {
    return (this.s.list.all(conversationId) as Row[]).map(toGhostMember);
  }
  async remove(conversationId: string, userId: string) {
    return this.s.remove.run(conversationId, userId).changes > 0;
  }
  async removeExpired(now: number) {
    return this.s.removeExpired.run(now).changes;
  }
}
