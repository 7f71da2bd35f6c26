/**
 * Conformance: what the silent-block and "one rule for the sender" paths of the storage ports add
 * (docs/subsystems/message-requests.md): ghost members of groups.
 */
import { describe, expect, it } from 'vitest';
import type { GhostMemberRow } from '../store.js';
import type { Store } from '../store.js';
import { T0 } from './fixtures.js';

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
}
