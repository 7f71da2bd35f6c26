/**
 * Everything the rooms domain reads from outside the rooms storage area (users, follows, blocks),
 * in one place: when those ports are renamed or split, only this file follows.
 */
import type { Tx } from '../../storage/ports/tx.js';
import type { UserRow } from '../../storage/rows/users.js';

export const userById = (repo: Tx, id: string): Promise<UserRow | null> => repo.users.byId(id);

/** Users by id, in no particular order; unknown ids are left out. */
export const usersByIds = (repo: Tx, ids: readonly string[]): Promise<UserRow[]> => (ids.length === 0 ? Promise.resolve([]) : repo.users.byIds(ids));

export const userByUsername = (repo: Tx, username: string): Promise<UserRow | null> => repo.users.byUsername(username);

export const follows = (repo: Tx, followerId: string, followeeId: string): Promise<boolean> => repo.graph.isFollowing(followerId, followeeId);

export const blocks = (repo: Tx, blockerId: string, blockedId: string): Promise<boolean> => repo.graph.isBlocked(blockerId, blockedId);

/** The ids among `ids` that `viewerId` blocked. */
export async function blockedAmong(repo: Tx, viewerId: string, ids: readonly string[]): Promise<Set<string>> {
  const hits = await Promise.all(ids.map(async (id) => ((await repo.graph.isBlocked(viewerId, id)) ? id : null)));
  return new Set(hits.filter((id): id is string => id !== null));
}

/** The ids among `ids` that `viewerId` follows. */
export async function followedAmong(repo: Tx, viewerId: string, ids: readonly string[]): Promise<Set<string>> {
  const hits = await Promise.all(ids.map(async (id) => ((await repo.graph.isFollowing(viewerId, id)) ? id : null)));
  return new Set(hits.filter((id): id is string => id !== null));
}
