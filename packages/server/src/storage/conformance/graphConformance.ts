/** Conformance: the graph port (follows, blocks) and the order of its lists. */
import { describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { T0, user } from './fixtures.js';

export function graphConformance(s: () => Store): void {
  describe('follows and blocks', () => {
    it('follows idempotently, counts and lists both directions, and unfollows', async () => {
      await s().write(async (tx) => {
        for (const id of ['a', 'b', 'c']) await tx.users.insert(user(id));
        await tx.graph.setFollow('a', 'b', true, T0);
        await tx.graph.setFollow('a', 'b', true, T0 + 1);
        await tx.graph.setFollow('c', 'b', true, T0 + 2);
        await tx.graph.setFollow('b', 'a', true, T0 + 3);
      });
      expect(await s().read.graph.isFollowing('a', 'b')).toBe(true);
      expect(await s().read.graph.isFollowing('b', 'c')).toBe(false);
      expect(await s().read.graph.followCounts('b')).toEqual({ followers: 2, following: 1 });
      // Newest follow first: the order is part of the port, not left to the backend.
      expect((await s().read.graph.followers('b', 10)).map((u) => u.id)).toEqual(['c', 'a']);
      expect(await s().read.graph.followers('b', 1)).toHaveLength(1);
      expect((await s().read.graph.following('a', 10)).map((u) => u.id)).toEqual(['b']);
      await s().write((tx) => tx.graph.setFollow('a', 'b', false, T0 + 4));
      await s().write((tx) => tx.graph.setFollow('a', 'b', false, T0 + 5));
      expect(await s().read.graph.isFollowing('a', 'b')).toBe(false);
      expect(await s().read.graph.followCounts('b')).toEqual({ followers: 1, following: 1 });
    });

    it('blocks idempotently, one direction only, and unblocks', async () => {
      await s().write(async (tx) => {
        for (const id of ['a', 'b', 'c']) await tx.users.insert(user(id));
        await tx.graph.setBlock('a', 'b', true, T0);
        await tx.graph.setBlock('a', 'b', true, T0 + 1);
        await tx.graph.setBlock('a', 'c', true, T0 + 2);
      });
      expect(await s().read.graph.isBlocked('a', 'b')).toBe(true);
      expect(await s().read.graph.isBlocked('b', 'a')).toBe(false);
      expect((await s().read.graph.blockedBy('a', 10)).map((u) => u.id)).toEqual(['c', 'b']);
      await s().write((tx) => tx.graph.setBlock('a', 'b', false, T0 + 3));
      expect(await s().read.graph.isBlocked('a', 'b')).toBe(false);
      expect((await s().read.graph.blockedBy('a', 10)).map((u) => u.id)).toEqual(['c']);
    });

    it('orders follows made at the same instant by user id, on both sides', async () => {
      await s().write(async (tx) => {
        for (const id of ['a', 'b', 'c', 'd', 'z']) await tx.users.insert(user(id));
        for (const id of ['d', 'b', 'c']) await tx.graph.setFollow(id, 'z', true, T0);
        await tx.graph.setFollow('a', 'z', true, T0 + 1);
        for (const id of ['d', 'b', 'c']) await tx.graph.setFollow('z', id, true, T0);
        for (const id of ['d', 'b']) await tx.graph.setBlock('z', id, true, T0);
      });
      expect((await s().read.graph.followers('z', 10)).map((u) => u.id)).toEqual(['a', 'b', 'c', 'd']);
      expect((await s().read.graph.followers('z', 2)).map((u) => u.id)).toEqual(['a', 'b']);
      expect((await s().read.graph.following('z', 10)).map((u) => u.id)).toEqual(['b', 'c', 'd']);
      expect((await s().read.graph.blockedBy('z', 10)).map((u) => u.id)).toEqual(['b', 'd']);
    });
  });

  describe('mutual follows', () => {
    it('names the people the viewer follows who follow the other person, by username, skipping suspended ones', async () => {
      await s().write(async (tx) => {
        for (const [id, name] of [['v', 'viewer'], ['o', 'other'], ['a', 'Zoe'], ['b', 'adam'], ['c', 'Mia'], ['d', 'dan'], ['e', 'eve']] as const) {
          await tx.users.insert(user(id, name, `Name ${name}`));
        }
        await tx.users.update('d', { suspendedAt: T0 });
        for (const x of ['a', 'b', 'c', 'd']) {
          await tx.graph.setFollow('v', x, true, T0);
          await tx.graph.setFollow(x, 'o', true, T0);
        }
        await tx.graph.setFollow('v', 'e', true, T0); // followed by the viewer, does not follow o
        await tx.graph.setFollow('e', 'v', true, T0);
      });
      expect(await s().read.graph.mutualFollows('v', 'o', 2)).toEqual({
        count: 3,
        users: [{ id: 'b', username: 'adam', displayName: 'Name adam' }, { id: 'c', username: 'Mia', displayName: 'Name Mia' }],
      });
      expect((await s().read.graph.mutualFollows('v', 'o', 10)).users.map((u) => u.id)).toEqual(['b', 'c', 'a']);
      expect(await s().read.graph.mutualFollows('v', 'o', 0)).toEqual({ count: 3, users: [] });
      expect(await s().read.graph.mutualFollows('o', 'v', 10)).toEqual({ count: 0, users: [] });
    });
  });
}
