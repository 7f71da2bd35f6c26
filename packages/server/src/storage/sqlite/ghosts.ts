/** SQLite side of the ghost members port. */
import type Database from 'better-sqlite3';
import type { GhostsRepo } from '../ports/ghosts.js';
import type { MemberPosition } from '../ports/members.js';
import type { Row } from '../rows/row.js';
import { toGhostMember, type GhostMemberRow } from '../rows/ghosts.js';

export class SqliteGhosts implements GhostsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      put: p(`INSERT INTO ghost_members (conversation_id, user_id, added_by, joined_at, expires_at) VALUES (@conversationId, @userId, @addedBy, @joinedAt, @expiresAt)
        ON CONFLICT (conversation_id, user_id) DO UPDATE SET added_by = excluded.added_by, joined_at = excluded.joined_at, expires_at = excluded.expires_at`),
      get: p('SELECT * FROM ghost_members WHERE conversation_id = ? AND user_id = ?'),
      list: p('SELECT * FROM ghost_members WHERE conversation_id = ? ORDER BY joined_at, user_id'),
      remove: p('DELETE FROM ghost_members WHERE conversation_id = ? AND user_id = ?'),
      first: p('SELECT * FROM ghost_members WHERE conversation_id = ? ORDER BY joined_at, user_id LIMIT ?'),
      after: p(`SELECT * FROM ghost_members WHERE conversation_id = @c AND (joined_at > @at OR (joined_at = @at AND user_id > @u))
        ORDER BY joined_at, user_id LIMIT @limit`),
      count: p('SELECT count(*) AS n FROM ghost_members WHERE conversation_id = ?'),
      removeExpired: p('DELETE FROM ghost_members WHERE expires_at IS NOT NULL AND expires_at <= ?'),
    };
  }

  async put(row: GhostMemberRow) {
    this.s.put.run(row);
  }
  async get(conversationId: string, userId: string) {
    const r = this.s.get.get(conversationId, userId) as Row | undefined;
    return r ? toGhostMember(r) : null;
  }
  async list(conversationId: string) {
    return (this.s.list.all(conversationId) as Row[]).map(toGhostMember);
  }
  async page(conversationId: string, opts: { after?: MemberPosition; limit: number }) {
    const rows = opts.after
      ? this.s.after.all({ c: conversationId, at: opts.after.joinedAt, u: opts.after.userId, limit: opts.limit })
      : this.s.first.all(conversationId, opts.limit);
    return (rows as Row[]).map(toGhostMember);
  }
  async count(conversationId: string) {
    return (this.s.count.get(conversationId) as { n: number }).n;
  }
  async remove(conversationId: string, userId: string) {
    return this.s.remove.run(conversationId, userId).changes > 0;
  }
  async removeExpired(now: number) {
    return this.s.removeExpired.run(now).changes;
  }
}
