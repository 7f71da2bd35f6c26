/** SQLite side of the accounts port. */
import type Database from 'better-sqlite3';
import type { AccountsRepo, AccountStats, EraseAccount } from '../ports/accounts.js';
import type { Row } from '../rows/row.js';
import { toReport } from '../rows/reports.js';
import { toRequest } from '../rows/requests.js';
import { toSession } from '../rows/sessions.js';
import { toUser } from '../rows/users.js';

/** A stored hash no password verifies against (not a PHC string). */
export const NO_PASSWORD = '!deleted';

export class SqliteAccounts implements AccountsRepo {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      deletedAt: p('SELECT deleted_at FROM deleted_accounts WHERE user_id = ?').pluck(),
      markDeleted: p('INSERT OR IGNORE INTO deleted_accounts (user_id, deleted_at, deleted_by) VALUES (?, ?, ?)'),
      scrub: p(`UPDATE users SET username = @username, username_lower = lower(@username), display_name = @displayName, display_lower = lower(@displayName),
        bio = '', password_hash = @noPassword, roles = '[]', who_can_message = 'nobody', suspended_at = coalesce(suspended_at, @at) WHERE id = @id`),
      terms: p('DELETE FROM user_search_terms WHERE user_id = @id'),
      follows: p('DELETE FROM follows WHERE follower_id = @id OR followee_id = @id'),
      blocks: p('DELETE FROM blocks WHERE blocker_id = @id OR blocked_id = @id'),
      shadows: p('DELETE FROM shadow_messages WHERE sender_id = @id'),
      sessionsOf: p('SELECT * FROM sessions WHERE user_id = ? ORDER BY created_at DESC, id DESC'),
      pendingFrom: p("SELECT * FROM message_requests WHERE sender_id = ? AND state = 'pending' ORDER BY created_at, conversation_id LIMIT ?"),
      dropResets: p('DELETE FROM password_resets WHERE user_id = ? AND used_at IS NULL'),
      putReset: p('INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES (?, ?, ?)'),
      useReset: p('UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id').pluck(),
      setHash: p('UPDATE users SET password_hash = ? WHERE id = ?'),
      reportsBy: p('SELECT * FROM reports WHERE reporter_id = ? ORDER BY created_at DESC, id DESC LIMIT ?'),
    };
  }

  async deletedAt(userId: string) {
    return (this.s.deletedAt.get(userId) as number | undefined) ?? null;
  }
  async erase(userId: string, o: EraseAccount) {
    if (this.s.markDeleted.run(userId, o.at, o.by).changes === 0) return false;
    this.s.scrub.run({ id: userId, username: o.username, displayName: o.displayName, noPassword: NO_PASSWORD, at: o.at });
    for (const st of [this.s.terms, this.s.follows, this.s.blocks, this.s.shadows]) st.run({ id: userId });
    return true;
  }
  async sessionsOf(userId: string) {
    return (this.s.sessionsOf.all(userId) as Row[]).map(toSession);
  }
  async pendingRequestsFrom(senderId: string, limit: number) {
    return (this.s.pendingFrom.all(senderId, limit) as Row[]).map(toRequest);
  }
  async reportsBy(reporterId: string, limit: number) {
    return (this.s.reportsBy.all(reporterId, limit) as Row[]).map(toReport);
  }
  async createPasswordReset(r: { tokenHash: string; userId: string; expiresAt: number }) {
    this.s.dropResets.run(r.userId);
    this.s.putReset.run(r.tokenHash, r.userId, r.expiresAt);
  }
  async usePasswordReset(tokenHash: string, now: number) {
    return (this.s.useReset.get(now, tokenHash, now) as string | undefined) ?? null;
  }
  async setPasswordHash(userId: string, passwordHash: string) {
    this.s.setHash.run(passwordHash, userId);
  }
  async liveSessionIds(sessionIds: readonly string[], now: number) {
    if (sessionIds.length === 0) return [];
    const sql = `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id IN (SELECT value FROM json_each(?)) AND s.revoked_at IS NULL AND s.expires_at > ? AND u.suspended_at IS NULL`;
    return this.db.prepare(sql).pluck().all(JSON.stringify(sessionIds), now) as string[];
  }
  async operators() {
    // roles is a JSON array of short names (users port); json_each reads it exactly.
    const sql = "SELECT * FROM users WHERE EXISTS (SELECT 1 FROM json_each(users.roles) WHERE value = 'operator') ORDER BY username_lower";
    return (this.db.prepare(sql).all() as Row[]).map(toUser);
  }
  async countMessagesBefore(cutoff: number) {
    const n = (sql: string) => this.db.prepare(sql).pluck().get(cutoff) as number;
    return n('SELECT count(*) FROM messages WHERE created_at < ?') + n('SELECT count(*) FROM shadow_messages WHERE created_at < ?');
  }
  async deleteMessagesBefore(cutoff: number, limit: number) {
    const a = this.db.prepare('DELETE FROM messages WHERE (conversation_id, seq) IN (SELECT conversation_id, seq FROM messages WHERE created_at < ? LIMIT ?)').run(cutoff, limit).changes;
    const b = this.db.prepare('DELETE FROM shadow_messages WHERE ord IN (SELECT ord FROM shadow_messages WHERE created_at < ? LIMIT ?)').run(cutoff, limit).changes;
    return a + b;
  }
  async stats(): Promise<AccountStats> {
    const n = (sql: string) => this.db.prepare(sql).pluck().get() as number;
    const deleted = n('SELECT count(*) FROM deleted_accounts');
    return {
      users: n('SELECT count(*) FROM users') - deleted,
      suspended: n('SELECT count(*) FROM users WHERE suspended_at IS NOT NULL AND id NOT IN (SELECT user_id FROM deleted_accounts)'),
      deleted,
      conversations: n('SELECT count(*) FROM conversations'),
      messages: n('SELECT count(*) FROM messages'),
      roomMessages: n('SELECT count(*) FROM room_messages'),
      liveRooms: n("SELECT count(*) FROM rooms WHERE status = 'live'"),
      openReports: n("SELECT count(*) FROM reports WHERE state = 'open'"),
    };
  }
}
