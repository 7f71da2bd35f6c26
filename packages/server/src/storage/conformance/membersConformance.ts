/** Conformance: the members port (storage/ports/members.ts). What membership does to streams: eventsConformance.ts. */
import { describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { T0, conversation, member } from './fixtures.js';

export function membersConformance(s: () => Store): void {
  describe('members', () => {
    it('adds, updates, lists, removes and re-adds members', async () => {
      await s().write(async (tx) => {
        await tx.conversations.insert(conversation('g1'), null);
        await tx.conversations.insert(conversation('g2'), null);
        await tx.members.add(member('g1', 'u1', { joinedAt: T0 }));
        await tx.members.add(member('g1', 'u2', { joinedAt: T0 + 1, addedBy: 'u1', folder: 'requests' }));
        await tx.members.add(member('g2', 'u1'));
      });
      expect(await s().read.members.get('g1', 'u2')).toEqual(member('g1', 'u2', { joinedAt: T0 + 1, addedBy: 'u1', folder: 'requests' }));
      expect((await s().read.members.list('g1')).map((m) => m.userId)).toEqual(['u1', 'u2']);
      expect((await s().read.members.conversationIdsOf('u1')).sort()).toEqual(['g1', 'g2']);
      await s().write((tx) => tx.members.update('g1', 'u2', { folder: 'inbox', readSeq: 4, muted: true, pinned: true, archived: true }));
      expect(await s().read.members.get('g1', 'u2')).toMatchObject({ folder: 'inbox', readSeq: 4, muted: true, pinned: true, archived: true });
      await s().write((tx) => tx.members.update('g1', 'u2', { muted: false }));
      expect(await s().read.members.get('g1', 'u2')).toMatchObject({ readSeq: 4, muted: false, pinned: true });
      await s().write((tx) => tx.members.remove('g1', 'u2'));
      expect(await s().read.members.get('g1', 'u2')).toBeNull();
      expect((await s().read.members.list('g1')).map((m) => m.userId)).toEqual(['u1']);
      expect(await s().read.members.conversationIdsOf('u2')).toEqual([]);
      await s().write((tx) => tx.members.add(member('g1', 'u2', { joinedAt: T0 + 9 })));
      expect(await s().read.members.get('g1', 'u2')).toEqual(member('g1', 'u2', { joinedAt: T0 + 9 }));
    });
  });
}
