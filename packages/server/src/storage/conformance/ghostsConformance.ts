/**
 * Conformance: what the silent-block and "one rule for the sender" paths of the storage ports add
 * (docs/subsystems/message-requests.md): ghost members of groups.
 */
import { describe, expect, it } from 'vitest';
import type { GhostMemberRow } from '../store.js';
import type { Store } from '../store.js';
import { conversation, member, T0 } from './fixtures.js';

const ghost = (conversationId: string, userId: string, extra: Partial<GhostMemberRow> = {}): GhostMemberRow => ({ conversationId, userId, addedBy: 'ada', joinedAt: T0, expiresAt: null, ...extra });

export function ghostsConformance(s: () => Store): void {
  describe('ghost members', () => {
    it('stores, replaces, lists by join time then id, and removes ghost members per conversation', async () => {
      await s().write(async (tx) => {
        await tx.ghosts.put(ghost('g1', 'zed', { joinedAt: T0 + 1 }));
        await tx.ghosts.put(ghost('g1', 'bob', { expiresAt: T0 + 50 }));
        await tx.ghosts.put(ghost('g1', 'amy', { joinedAt: T0 + 1, addedBy: null }));
        await tx.ghosts.put(ghost('g2', 'bob'));
      });
      expect(await s().read.ghosts.list('g1')).toEqual([ghost('g1', 'bob', { expiresAt: T0 + 50 }), ghost('g1', 'amy', { joinedAt: T0 + 1, addedBy: null }), ghost('g1', 'zed', { joinedAt: T0 + 1 })]);
      await s().write((tx) => tx.ghosts.put(ghost('g1', 'bob', { expiresAt: null, joinedAt: T0 + 2 })));
      expect((await s().read.ghosts.list('g1')).map((g) => [g.userId, g.expiresAt])).toEqual([['amy', null], ['zed', null], ['bob', null]]);
      expect(await s().write((tx) => tx.ghosts.remove('g1', 'amy'))).toBe(true);
      expect(await s().write((tx) => tx.ghosts.remove('g1', 'amy'))).toBe(false);
      expect((await s().read.ghosts.list('g1')).map((g) => g.userId)).toEqual(['zed', 'bob']);
      expect(await s().read.ghosts.list('g2')).toEqual([ghost('g2', 'bob')]);
      expect(await s().read.ghosts.list('nope')).toEqual([]);
    });

    it('removes exactly the expired ghost members, never those without an expiry, and rolls back with the write', async () => {
      await s().write(async (tx) => {
        await tx.ghosts.put(ghost('g1', 'a', { expiresAt: T0 + 10 }));
        await tx.ghosts.put(ghost('g1', 'b', { expiresAt: T0 + 20 }));
        await tx.ghosts.put(ghost('g2', 'c', { expiresAt: null }));
      });
      await s()
        .write(async (tx) => {
          await tx.ghosts.removeExpired(T0 + 100);
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      expect((await s().read.ghosts.list('g1')).length).toBe(2);
      expect(await s().write((tx) => tx.ghosts.removeExpired(T0 + 10))).toBe(1);
      expect((await s().read.ghosts.list('g1')).map((g) => g.userId)).toEqual(['b']);
      expect(await s().write((tx) => tx.ghosts.removeExpired(T0 + 1_000_000))).toBe(1);
      expect(await s().read.ghosts.list('g1')).toEqual([]);
      expect(await s().read.ghosts.list('g2')).toEqual([ghost('g2', 'c')]);
    });
  });

  // The reads domain/visibility pages and filters the listed people with (members and ghost
  // members), so a conversation costs the same to present with 3 people or 1,000.
  describe('listed people: pages, counts and blocks among them', () => {
    it('pages members and ghost members by join time then id, from a position, and counts them', async () => {
      await s().write(async (tx) => {
        await tx.conversations.insert(conversation('g1'), null);
        for (const [id, at] of [['d', 2], ['a', 1], ['c', 1], ['b', 3]] as const) await tx.members.add(member('g1', id, { joinedAt: T0 + at }));
        for (const [id, at] of [['y', 2], ['x', 1], ['z', 1]] as const) await tx.ghosts.put(ghost('g1', id, { joinedAt: T0 + at }));
      });
      const r = s().read;
      expect((await r.members.page('g1', { limit: 3 })).map((m) => m.userId)).toEqual(['a', 'c', 'd']);
      expect((await r.members.page('g1', { limit: 3, after: { joinedAt: T0 + 1, userId: 'c' } })).map((m) => m.userId)).toEqual(['d', 'b']);
      expect((await r.members.page('g1', { limit: 3, after: { joinedAt: T0 + 1, userId: 'b' } })).map((m) => m.userId)).toEqual(['c', 'd', 'b']);
      expect(await r.members.page('g1', { limit: 3, after: { joinedAt: T0 + 3, userId: 'b' } })).toEqual([]);
      expect((await r.ghosts.page('g1', { limit: 2 })).map((g) => g.userId)).toEqual(['x', 'z']);
      expect((await r.ghosts.page('g1', { limit: 2, after: { joinedAt: T0 + 1, userId: 'z' } })).map((g) => g.userId)).toEqual(['y']);
      expect([await r.members.count('g1'), await r.ghosts.count('g1'), await r.members.count('none'), await r.ghosts.count('none')]).toEqual([4, 3, 0, 0]);
      expect([await r.ghosts.get('g1', 'y'), await r.ghosts.get('g1', 'a'), await r.ghosts.get('g2', 'y')]).toEqual([ghost('g1', 'y', { joinedAt: T0 + 2 }), null, null]);
    });

    it('finds the listed people a user blocked, the members with a block either way, and blocks among any ids', async () => {
      await s().write(async (tx) => {
        await tx.conversations.insert(conversation('g1'), null);
        for (const id of ['a', 'b', 'c', 'd']) await tx.members.add(member('g1', id));
        await tx.ghosts.put(ghost('g1', 'e'));
        await tx.graph.setBlock('a', 'b', true, T0);
        await tx.graph.setBlock('a', 'e', true, T0);
        await tx.graph.setBlock('a', 'f', true, T0);
        await tx.graph.setBlock('c', 'a', true, T0);
      });
      const r = s().read;
      expect(await r.members.listedBlockedBy('g1', 'a')).toEqual(['b', 'e']);
      expect(await r.members.listedBlockedBy('g1', 'd')).toEqual([]);
      expect(await r.members.withBlock('g1', 'a')).toEqual(['b', 'c']);
      expect(await r.members.withBlock('g1', 'c')).toEqual(['a']);
      expect(await r.members.withBlock('g1', 'd')).toEqual([]);
      expect((await r.graph.blockedAmong('a', ['b', 'c', 'd', 'e', 'f', 'g'])).sort()).toEqual(['b', 'c', 'e', 'f']);
      expect(await r.graph.blockedAmong('d', ['a', 'b'])).toEqual([]);
      expect(await r.graph.blockedAmong('a', [])).toEqual([]);
    });
  });
}
