/** PostgreSQL side of the accounts port. */
import type { AccountsRepo, AccountStats, EraseAccount } from '../ports/accounts.js';
import { toReport } from '../rows/reports.js';
import { toRequest } from '../rows/requests.js';
import { toSession } from '../rows/sessions.js';
import { toUser } from '../rows/users.js';
import type { PgHandle } from './handle.js';

/** A stored hash no password verifies against (not a PHC string). */
const NO_PASSWORD = '!deleted';

export class PgAccounts implements AccountsRepo {
  constructor(private readonly h: PgHandle) {}

  async deletedAt(userId: string) {
    const r = await this.h.one('SELECT deleted_at FROM deleted_accounts WHERE user_id = $1', [userId]);
    return r ? Number(r.deleted_at) : null;
  }
  async erase(userId: string, o: EraseAccount) {
    const marked = await this.h.q('INSERT INTO deleted_accounts (user_id, deleted_at, deleted_by) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO NOTHING RETURNING user_id', [userId, o.at, o.by]);
    if (marked.length === 0) return false;
    await this.h.q(
      `UPDATE users SET username = $2, username_lower = lower($2), display_name = $3, display_lower = lower($3),
        bio = '', password_hash = $4, roles = '[]', who_can_message = 'nobody', suspended_at = coalesce(suspended_at, $5) WHERE id = $1`,
      [userId, o.username, o.displayName, NO_PASSWORD, o.at],
    );
    await this.h.q('DELETE FROM user_search_terms WHERE user_id = $1', [userId]);
    await this.h.q('DELETE FROM follows WHERE follower_id = $1 OR followee_id = $1', [userId]);
    await this.h.q('DELETE FROM blocks WHERE blocker_id = $1 OR blocked_id = $1', [userId]);
    await this.h.q('DELETE FROM shadow_messages WHERE sender_id = $1', [userId]);
    return true;
  }
  async sessionsOf(userId: string) {
    return (await this.h.q('SELECT * FROM sessions WHERE user_id = $1 ORDER BY created_at DESC, id DESC', [userId])).map(toSession);
  }
  async pendingRequestsFrom(senderId: string, limit: number) {
    return (await this.h.q("SELECT * FROM message_requests WHERE sender_id = $1 AND state = 'pending' ORDER BY created_at, conversation_id LIMIT $2", [senderId, limit])).map(toRequest);
  }
  async reportsBy(reporterId: string, limit: number) {
    return (await this.h.q('SELECT * FROM reports WHERE reporter_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2', [reporterId, limit])).map(toReport);
  }
  async createPasswordReset(r: { tokenHash: string; userId: string; expiresAt: number }) {
    await this.h.q('DELETE FROM password_resets WHERE user_id = $1 AND used_at IS NULL', [r.userId]);
    await this.h.q('INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [r.tokenHash, r.userId, r.expiresAt]);
  }
  async usePasswordReset(tokenHash: string, now: number) {
    const r = await this.h.one('UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 RETURNING user_id', [now, tokenHash]);
    return r ? (r.user_id as string) : null;
  }
  async setPasswordHash(userId: string, passwordHash: string) {
    await this.h.q('UPDATE users SET password_hash = $1 WHERE id = $2', [passwordHash, userId]);
  }
  async liveSessionIds(sessionIds: readonly string[], now: number) {
    if (sessionIds.length === 0) return [];
    const rows = await this.h.q(
      `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = ANY($1::text[]) AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.suspended_at IS NULL`,
      [sessionIds, now],
    );
    return rows.map((r) => r.id as string);
  }
  async operators() {
    return (await this.h.q("SELECT * FROM users WHERE (roles::jsonb) ? 'operator' ORDER BY username_lower")).map(toUser);
  }
  async countMessagesBefore(cutoff: number) {
    const [r] = await this.h.q('SELECT (SELECT count(*) FROM messages WHERE created_at < $1) + (SELECT count(*) FROM shadow_messages WHERE created_at < $1) AS n', [cutoff]);
    return Number(r!.n);
  }
  async deleteMessagesBefore(cutoff: number, limit: number) {
    const a = await this.h.q('DELETE FROM messages WHERE (conversation_id, seq) IN (SELECT conversation_id, seq FROM messages WHERE created_at < $1 LIMIT $2) RETURNING seq', [cutoff, limit]);
    const b = await this.h.q('DELETE FROM shadow_messages WHERE (conversation_id, id) IN (SELECT conversation_id, id FROM shadow_messages WHERE created_at < $1 LIMIT $2) RETURNING id', [cutoff, limit]);
    return a.length + b.length;
  }
  async stats(): Promise<AccountStats> {
    const [r] = await this.h.q(`SELECT
      (SELECT count(*) FROM users) AS users,
      (SELECT count(*) FROM users WHERE suspended_at IS NOT NULL AND id NOT IN (SELECT user_id FROM deleted_accounts)) AS suspended,
      (SELECT count(*) FROM deleted_accounts) AS deleted,
      (SELECT count(*) FROM conversations) AS conversations,
      (SELECT count(*) FROM messages) AS messages,
      (SELECT count(*) FROM room_messages) AS room_messages,
      (SELECT count(*) FROM rooms WHERE status = 'live') AS live_rooms,
      (SELECT count(*) FROM reports WHERE state = 'open') AS open_reports`);
    const n = (k: string) => Number(r![k]);
    return { users: n('users') - n('deleted'), suspended: n('suspended'), deleted: n('deleted'), conversations: n('conversations'), messages: n('messages'), roomMessages: n('room_messages'), liveRooms: n('live_rooms'), openReports: n('open_reports') };
  }
}
