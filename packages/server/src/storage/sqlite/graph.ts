/** SQLite side of the graph port (follows, blocks). */
import type Database from 'better-sqlite3';
import type { GraphRepo } from '../ports/graph.js';
import type { Row } from '../rows/row.js';
import { toUser } from '../rows/users.js';

export class SqliteGraph implements GraphRepo {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      follow: p('INSERT OR IGNORE INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?)'),
      unfollow: p('DELETE FROM follows WHERE follower_id = ? AND followee_id = ?'),
      isFollowing: p('SELECT 1 FROM follows WHERE follower_id = ? AND followee_id = ?'),
      followers: p('SELECT u.* FROM follows f JOIN users u ON u.id = f.follower_id WHERE f.followee_id = ? ORDER BY f.created_at DESC, u.id LIMIT ?'),
      following: p('SELECT u.* FROM follows f JOIN users u ON u.id = f.followee_id WHERE f.follower_id = ? ORDER BY f.created_at DESC, u.id LIMIT ?'),
      followerCount: p('SELECT count(*) AS n FROM follows WHERE followee_id = ?'),
      followingCount: p('SELECT count(*) AS n FROM follows WHERE follower_id = ?'),
      block: p('INSERT OR IGNORE INTO blocks (blocker_id, blocked_id, created_at) VALUES (?, ?, ?)'),
      unblock: p('DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?'),
      isBlocked: p('SELECT 1 FROM blocks WHERE blocker_id = ? AND blocked_id = ?'),
      // `ids` is a JSON array: one statement however many candidates (a room's listeners).
      blockedAmong: p(`SELECT j.value AS id FROM json_each(@ids) j WHERE
          EXISTS (SELECT 1 FROM blocks WHERE blocker_id = @u AND blocked_id = j.value)
          OR EXISTS (SELECT 1 FROM blocks WHERE blocker_id = j.value AND blocked_id = @u)`),
      blockedBy: p('SELECT u.* FROM blocks b JOIN users u ON u.id = b.blocked_id WHERE b.blocker_id = ? ORDER BY b.created_at DESC, u.id LIMIT ?'),
      mutualCount: p(`SELECT count(*) AS n FROM follows a JOIN follows b ON b.follower_id = a.followee_id AND b.followee_id = @other
        JOIN users u ON u.id = a.followee_id AND u.suspended_at IS NULL WHERE a.follower_id = @viewer`),
      mutualUsers: p(`SELECT u.* FROM follows a JOIN follows b ON b.follower_id = a.followee_id AND b.followee_id = @other
        JOIN users u ON u.id = a.followee_id AND u.suspended_at IS NULL WHERE a.follower_id = @viewer ORDER BY u.username_lower LIMIT @limit`),
    };
  }

  async setFollow(a: string, b: string, on: boolean, at: number) {
    if (on) this.s.follow.run(a, b, at);
    else this.s.unfollow.run(a, b);
  }
  async isFollowing(a: string, b: string) {
    return this.s.isFollowing.get(a, b) !== undefined;
  }
  async followers(userId: string, limit: number) {
    return (this.s.followers.all(userId, limit) as Row[]).map(toUser);
  }
  async following(userId: string, limit: number) {
    return (this.s.following.all(userId, limit) as Row[]).map(toUser);
  }
  async followCounts(userId: string) {
    return {
      followers: (this.s.followerCount.get(userId) as { n: number }).n,
      following: (this.s.followingCount.get(userId) as { n: number }).n,
    };
  }
  async setBlock(a: string, b: string, on: boolean, at: number) {
    if (on) this.s.block.run(a, b, at);
    else this.s.unblock.run(a, b);
  }
  async isBlocked(a: string, b: string) {
    return this.s.isBlocked.get(a, b) !== undefined;
  }
  async blockedAmong(userId: string, ids: readonly string[]) {
    if (ids.length === 0) return [];
    return (this.s.blockedAmong.all({ u: userId, ids: JSON.stringify(ids) }) as Row[]).map((r) => r.id as string);
  }
  async blockedBy(blockerId: string, limit: number) {
    return (this.s.blockedBy.all(blockerId, limit) as Row[]).map(toUser);
  }
  async mutualFollows(viewerId: string, otherId: string, limit: number) {
    const args = { viewer: viewerId, other: otherId, limit };
    const count = (this.s.mutualCount.get(args) as { n: number }).n;
    const users = count === 0 ? [] : (this.s.mutualUsers.all(args) as Row[]);
    return { count, users: users.map((u) => ({ id: u.id as string, username: u.username as string, displayName: u.display_name as string })) };
  }
}
