/**
 * Conformance: what the silent-block and "one rule for the sender" paths of the SafetyRepo port add
 * (docs/subsystems/message-requests.md): ghost members of groups.
 */
import { describe, expect, it } from 'vitest';
import type { GhostMemberRow } from '../safety.js';
import type { Store } from '../store.js';
import { T0 } from './fixtures.js';

const ghost = (conversationId: string, userId: string, extra: Partial<GhostMemberRow> = {}): GhostMemberRow => ({ conversationId, userId, addedBy: 'ada', joinedAt: T0, expiresAt: null, ...extra });

export function ghostsConformance(s: () => Store): void {
  describe('ghost members', () => {
    it('stores, replaces, lists by join time then id, and removes ghost members per conversation', async () => {
      await s().write(async (tx) => {
        await tx.putGhostMember(ghost('g1', 'zed', { joinedAt: T0 + 1 }));
        await tx.putGhostMember(ghost('g1', 'bob', { expiresAt: T0 + 50 }));
        await tx.putGhostMember(ghost('g1', 'amy', { joinedAt: T0 + 1, addedBy: null }));
        await tx.putGhostMember(ghost('g2', 'bob'));
      });
      expect(await s().read.ghostMembers('g1')).toEqual([ghost('g1', 'bob', { expiresAt: T0 + 50 }), ghost('g1', 'amy', { joinedAt: T0 + 1, addedBy: null }), ghost('g1', 'zed', { joinedAt: T0 + 1 })]);
      await s().write((tx) => tx.putGhostMember(ghost('g1', 'bob', { expiresAt: null, joinedAt: T0 + 2 })));
      expect((await s().read.ghostMembers('g1')).map((g) => [g.userId, g.expiresAt])).toEqual([['amy', null], ['zed', null], ['bob', null]]);
      expect(await s().write((tx) => tx.removeGhostMember('g1', 'amy'))).toBe(true);
      expect(await s().write((tx) => tx.removeGhostMember('g1', 'amy'))).toBe(false);
      expect((await s().read.ghostMembers('g1')).map((g) => g.userId)).toEqual(['zed', 'bob']);
      expect(await s().read.ghostMembers('g2')).toEqual([ghost('g2', 'bob')]);
      expect(await s().read.ghostMembers('nope')).toEqual([]);
    });

    it('removes exactly the expired ghost members, never those without an expiry, and rolls back with the write', async () => {
      await s().write(async (tx) => {
        await tx.putGhostMember(ghost('g1', 'a', { expiresAt: T0 + 10 }));
        await tx.putGhostMember(ghost('g1', 'b', { expiresAt: T0 + 20 }));
        await tx.putGhostMember(ghost('g2', 'c', { expiresAt: null }));
      });
      await s()
        .write(async (tx) => {
          await tx.removeExpiredGhostMembers(T0 + 100);
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      expect((await s().read.ghostMembers('g1')).length).toBe(2);
      expect(await s().write((tx) => tx.removeExpiredGhostMembers(T0 + 10))).toBe(1);
      expect((await s().read.ghostMembers('g1')).map((g) => g.userId)).toEqual(['b']);
      expect(await s().write((tx) => tx.removeExpiredGhostMembers(T0 + 1_000_000))).toBe(1);
      expect(await s().read.ghostMembers('g1')).toEqual([]);
      expect(await s().read.ghostMembers('g2')).toEqual([ghost('g2', 'c')]);
    });
  });
}
