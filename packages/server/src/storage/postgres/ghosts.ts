/** PostgreSQL side of the ghost members port. */
import type { GhostsRepo } from '../ports/ghosts.js';
import type { MemberPosition } from '../ports/members.js';
import { toGhostMember, type GhostMemberRow } from '../rows/ghosts.js';
import type { PgHandle } from './handle.js';

export class PgGhosts implements GhostsRepo {
  constructor(private readonly h: PgHandle) {}

  async put(g: GhostMemberRow) {
    await this.h.q(
      `INSERT INTO ghost_members (conversation_id, user_id, added_by, joined_at, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (conversation_id, user_id) DO UPDATE SET added_by = excluded.added_by, joined_at = excluded.joined_at, expires_at = excluded.expires_at`,
      [g.conversationId, g.userId, g.addedBy, g.joinedAt, g.expiresAt],
    );
  }
  async get(conversationId: string, userId: string) {
    const r = await this.h.one('SELECT * FROM ghost_members WHERE conversation_id = $1 AND user_id = $2', [conversationId, userId]);
    return r ? toGhostMember(r) : null;
  }
  async list(conversationId: string) {
    return (await this.h.q('SELECT * FROM ghost_members WHERE conversation_id = $1 ORDER BY joined_at, user_id', [conversationId])).map(toGhostMember);
  }
  async page(conversationId: string, opts: { after?: MemberPosition; limit: number }) {
    const rows = opts.after
      ? await this.h.q('SELECT * FROM ghost_members WHERE conversation_id = $1 AND (joined_at, user_id) > ($2, $3) ORDER BY joined_at, user_id LIMIT $4', [conversationId, opts.after.joinedAt, opts.after.userId, opts.limit])
      : await this.h.q('SELECT * FROM ghost_members WHERE conversation_id = $1 ORDER BY joined_at, user_id LIMIT $2', [conversationId, opts.limit]);
    return rows.map(toGhostMember);
  }
  async count(conversationId: string) {
    return Number((await this.h.one('SELECT count(*) AS n FROM ghost_members WHERE conversation_id = $1', [conversationId]))!.n);
  }
  async remove(conversationId: string, userId: string) {
    return (await this.h.q('DELETE FROM ghost_members WHERE conversation_id = $1 AND user_id = $2 RETURNING user_id', [conversationId, userId])).length > 0;
  }
  async removeExpired(now: number) {
    return (await this.h.q('DELETE FROM ghost_members WHERE expires_at IS NOT NULL AND expires_at <= $1 RETURNING user_id', [now])).length;
  }
}
