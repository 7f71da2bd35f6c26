/** Storage port of the social graph: follows and blocks. */
import type { UserRow } from '../rows/users.js';

export interface GraphRepo {
  /** Idempotent both ways; re-following keeps the first follow time. */
  setFollow(followerId: string, followeeId: string, on: boolean, at: number): Promise<void>;
  isFollowing(followerId: string, followeeId: string): Promise<boolean>;
  /** The user's followers, newest follow first (ties by user id). */
  followers(userId: string, limit: number): Promise<UserRow[]>;
  /** The people the user follows, newest follow first (ties by user id). */
  following(userId: string, limit: number): Promise<UserRow[]>;
  followCounts(userId: string): Promise<{ followers: number; following: number }>;
  /** Idempotent both ways. */
  setBlock(blockerId: string, blockedId: string, on: boolean, at: number): Promise<void>;
  isBlocked(blockerId: string, blockedId: string): Promise<boolean>;
  /** Those of `ids` with a block with `userId` in either direction (any order). */
  blockedAmong(userId: string, ids: readonly string[]): Promise<string[]>;
  /** The people `blockerId` blocked, newest block first (ties by user id). */
  blockedBy(blockerId: string, limit: number): Promise<UserRow[]>;
  /** People `viewerId` follows who follow `otherId` (not suspended): the count and the first `limit` of them by username. */
  mutualFollows(viewerId: string, otherId: string, limit: number): Promise<{ count: number; users: Array<Pick<UserRow, 'id' | 'username' | 'displayName'>> }>;
}
