/** PostgreSQL side of the graph port (follows, blocks). */
import type { GraphRepo } from '../ports/graph.js';
import { toUser } from '../rows/users.js';
import type { PgHandle } from './handle.js';

export class PgGraph implements GraphRepo {
  constructor(private readonly h: PgHandle) {}

  async setFollow(a: string, b: string, on: boolean, at: number) {
    if (on) await this.h.q('INSERT INTO follows (follower_id, followee_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [a, b, at]);
    else await this.h.q('DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2', [a, b]);
  }
  async isFollowing(a: string, b: string) {
    return (await this.h.one('SELECT 1 FROM follows WHERE follower_id = $1 AND followee_id = $2', [a, b])) !== null;
  }
  async followers(userId: string, limit: number) {
    return (await this.h.q('SELECT u.* FROM follows f JOIN users u ON u.id = f.follower_id WHERE f.followee_id = $1 ORDER BY f.created_at DESC, u.id LIMIT $2', [userId, limit])).map(toUser);
  }
  async following(userId: string, limit: number) {
    return (await this.h.q('SELECT u.* FROM follows f JOIN users u ON u.id = f.followee_id WHERE f.follower_id = $1 ORDER BY f.created_at DESC, u.id LIMIT $2', [userId, limit])).map(toUser);
  }
  async followCounts(userId: string) {
    const r = (await this.h.one(
      'SELECT (SELECT count(*) FROM follows WHERE followee_id = $1) AS followers, (SELECT count(*) FROM follows WHERE follower_id = $1) AS following',
      [userId],
    ))!;
    return { followers: r.followers as number, following: r.following as number };
  }
  async setBlock(a: string, b: string, on: boolean, at: number) {
    if (on) await this.h.q('INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [a, b, at]);
    else await this.h.q('DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2', [a, b]);
  }
  async isBlocked(a: string, b: string) {
    return (await this.h.one('SELECT 1 FROM blocks WHERE blocker_id = $1 AND blocked_id = $2', [a, b])) !== null;
  }
  async blockedAmong(userId: string, ids: readonly string[]) {
    if (ids.length === 0) return [];
    const rows = await this.h.q(
      `SELECT c.id FROM unnest($2::text[]) AS c(id) WHERE
         EXISTS (SELECT 1 FROM blocks WHERE blocker_id = $1 AND blocked_id = c.id)
         OR EXISTS (SELECT 1 FROM blocks WHERE blocker_id = c.id AND blocked_id = $1)`,
      [userId, [...ids]],
    );
    return rows.map((r) => r.id as string);
  }
  async blockedBy(blockerId: string, limit: number) {
    return (await this.h.q('SELECT u.* FROM blocks b JOIN users u ON u.id = b.blocked_id WHERE b.blocker_id = $1 ORDER BY b.created_at DESC, u.id LIMIT $2', [blockerId, limit])).map(toUser);
  }
  async mutualFollows(viewerId: string, otherId: string, limit: number) {
    const rows = await this.h.q(
      `SELECT u.id, u.username, u.display_name, count(*) OVER () AS n FROM follows a
         JOIN follows b ON b.follower_id = a.followee_id AND b.followee_id = $2
         JOIN users u ON u.id = a.followee_id AND u.suspended_at IS NULL
       WHERE a.follower_id = $1 ORDER BY u.username_lower LIMIT $3`,
      [viewerId, otherId, Math.max(limit, 1)],
    );
    const count = rows.length ? Number(rows[0]!.n) : 0;
    return { count, users: rows.slice(0, limit).map((u) => ({ id: u.id as string, username: u.username as string, displayName: u.display_name as string })) };
  }
}
