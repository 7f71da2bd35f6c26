/** Conformance: the conversations port (storage/ports/conversations.ts): rows, 1:1 pairs, seqs and each member's list. */
import { describe, expect, it } from 'vitest';
import { UniqueViolation, directKey, type Store } from '../store.js';
import { T0, conversation, member, user } from './fixtures.js';

export function conversationsConformance(s: () => Store): void {
  describe('conversations', () => {
    it('keeps one direct conversation per pair, found from either side', async () => {
      await s().write((tx) => tx.conversations.insert(conversation('d1', 'direct'), directKey('bob', 'ada')));
      expect(await s().read.conversations.directId('ada', 'bob')).toBe('d1');
      expect(await s().read.conversations.directId('bob', 'ada')).toBe('d1');
      expect(await s().read.conversations.directId('ada', 'carl')).toBeNull();
      expect((await s().read.conversations.directPair('d1'))!.slice().sort()).toEqual(['ada', 'bob']);
      const err = await s().write((tx) => tx.conversations.insert(conversation('d2', 'direct'), directKey('ada', 'bob'))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UniqueViolation);
      expect((err as UniqueViolation).key).toBe('direct_pair');
      expect(await s().read.conversations.byId('d2')).toBeNull();
    });

    it('stores groups without a pair and updates title and moderator', async () => {
      const c = conversation('g1');
      await s().write(async (tx) => {
        await tx.conversations.insert(c, null);
        await tx.conversations.insert(conversation('g2'), null);
      });
      expect(await s().read.conversations.byId('g1')).toEqual(c);
      expect(await s().read.conversations.directPair('g1')).toBeNull();
      expect(await s().read.conversations.byId('missing')).toBeNull();
      await s().write(async (tx) => {
        await tx.conversations.setTitle('g1', 'renamed');
        await tx.conversations.setModerator('g1', 'u9');
      });
      expect(await s().read.conversations.byId('g1')).toMatchObject({ title: 'renamed', moderatorId: 'u9' });
      await s().write(async (tx) => {
        await tx.conversations.setTitle('g1', null);
        await tx.conversations.setModerator('g1', null);
      });
      expect(await s().read.conversations.byId('g1')).toMatchObject({ title: null, moderatorId: null });
    });

    it('hands out contiguous sequence numbers under many concurrent writes', async () => {
      await s().write((tx) => tx.conversations.insert(conversation('g1'), null));
      const wave = (n: number, at: number) => Array.from({ length: n }, () => s().write((tx) => tx.conversations.nextSeq('g1', at)));
      const first = await Promise.all(wave(150, T0 + 1));
      const second = await Promise.all([...wave(100, T0 + 2), ...wave(50, T0 + 3)]);
      const all = [...first, ...second].sort((a, b) => a - b);
      expect(all).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
      expect(await s().read.conversations.byId('g1')).toMatchObject({ lastSeq: 300, lastActivityAt: T0 + 3 });
    });

    it('does not keep a sequence number taken by a write that rolled back', async () => {
      await s().write((tx) => tx.conversations.insert(conversation('g1'), null));
      await s().write(async (tx) => {
        await tx.conversations.nextSeq('g1', T0 + 1);
        throw new Error('boom');
      }).catch(() => undefined);
      expect(await s().write((tx) => tx.conversations.nextSeq('g1', T0 + 2))).toBe(1);
    });
  });

  describe('conversation list', () => {
    // c1..c5 with activity T0+1..T0+5; c2 and c4 pinned; c5 in requests; c3 archived.
    async function seed(): Promise<void> {
      await s().write(async (tx) => {
        await tx.users.insert(user('u1'));
        for (let i = 1; i <= 6; i++) {
          await tx.conversations.insert(conversation(`c${i}`, 'group', T0 + i), null);
          await tx.members.add(member(`c${i}`, 'u1', { folder: i === 5 ? 'requests' : 'inbox' }));
        }
        await tx.members.update('c2', 'u1', { pinned: true });
        await tx.members.update('c4', 'u1', { pinned: true });
        await tx.members.update('c3', 'u1', { archived: true });
        await tx.members.add(member('c1', 'u2'));
      });
    }
    const ids = (items: { conversation: { id: string } }[]) => items.map((i) => i.conversation.id);

    it('puts pinned conversations first in the inbox, then newest activity', async () => {
      await seed();
      const page = await s().read.conversations.listFor('u1', { folder: 'inbox', limit: 10 });
      expect(ids(page)).toEqual(['c4', 'c2', 'c6', 'c1']);
      expect(page[0]!.member).toEqual(member('c4', 'u1', { pinned: true }));
      expect(page[0]!.conversation).toEqual(conversation('c4', 'group', T0 + 4));
      expect(ids(await s().read.conversations.listFor('u1', { folder: 'requests', limit: 10 }))).toEqual(['c5']);
      expect(ids(await s().read.conversations.listFor('u1', { folder: 'archived', limit: 10 }))).toEqual(['c3']);
      expect(await s().read.conversations.listFor('u2', { folder: 'archived', limit: 10 })).toEqual([]);
    });

    it('moves a conversation up when its activity changes, and pages with beforeActivity', async () => {
      await seed();
      await s().write((tx) => tx.conversations.nextSeq('c1', T0 + 10));
      const first = await s().read.conversations.listFor('u1', { folder: 'inbox', limit: 3 });
      expect(ids(first)).toEqual(['c4', 'c2', 'c1']);
      const last = first[2]!.conversation;
      const rest = await s().read.conversations.listFor('u1', { folder: 'inbox', limit: 3, beforeActivity: { at: last.lastActivityAt, id: last.id } });
      expect(ids(rest)).toEqual(['c6']);
    });

    it('breaks activity ties by id, so paging never skips or repeats', async () => {
      await s().write(async (tx) => {
        for (const id of ['a', 'b', 'c', 'd']) {
          await tx.conversations.insert(conversation(id, 'group', T0), null);
          await tx.members.add(member(id, 'u1'));
        }
      });
      const seen: string[] = [];
      let cursor: { at: number; id: string } | undefined;
      for (let i = 0; i < 5; i++) {
        const page = await s().read.conversations.listFor('u1', { folder: 'inbox', limit: 3, ...(cursor ? { beforeActivity: cursor } : {}) });
        if (page.length === 0) break;
        seen.push(...ids(page));
        const l = page[page.length - 1]!.conversation;
        cursor = { at: l.lastActivityAt, id: l.id };
      }
      expect(seen).toEqual(['d', 'c', 'b', 'a']);
    });
  });
}
