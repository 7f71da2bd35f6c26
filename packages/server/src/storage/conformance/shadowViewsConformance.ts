/**
 * Conformance: what a silently blocked sender's own view needs from storage (ADR 0006): their
 * latest shadow messages, the conversation list ordered by activity as they see it, and the seq
 * catching up with their numbering when the block ends.
 */
import { describe, expect, it } from 'vitest';
import type { ShadowMessageRow } from '../store.js';
import type { Store } from '../store.js';
import { conversation, member, T0 } from './fixtures.js';

const shadow = (id: string, conversationId: string, senderId: string, afterSeq: number, createdAt = T0 + afterSeq): ShadowMessageRow => ({
  id,
  conversationId,
  senderId,
  afterSeq,
  clientMessageId: `cm-${id}`,
  text: `shadow ${id}`,
  entities: [],
  createdAt,
});

export function shadowViewsConformance(s: () => Store): void {
  describe('a blocked sender’s own view', () => {
    it('lists a sender’s latest shadow messages before a seq, ascending, ties in send order', async () => {
      await s().write(async (tx) => {
        for (const [id, seq] of [['a', 3], ['b', 4], ['x', 4], ['c', 5], ['d', 9]] as const) await tx.shadows.insert(shadow(id, 'd1', 'ada', seq));
        await tx.shadows.insert(shadow('other', 'd1', 'bob', 8));
        await tx.shadows.insert(shadow('elsewhere', 'd2', 'ada', 8));
      });
      const ids = async (before: number, limit: number) => (await s().read.shadows.before('d1', 'ada', before, limit)).map((r) => r.id);
      expect(await ids(Number.MAX_SAFE_INTEGER, 1)).toEqual(['d']);
      expect(await ids(Number.MAX_SAFE_INTEGER, 3)).toEqual(['x', 'c', 'd']);
      expect(await ids(5, 2)).toEqual(['b', 'x']);
      expect(await ids(5, 10)).toEqual(['a', 'b', 'x']);
      expect(await ids(3, 10)).toEqual([]);
      expect((await s().read.shadows.before('d1', 'ada', 10, 1))[0]).toEqual(shadow('d', 'd1', 'ada', 9));
      expect(await s().read.shadows.before('d1', 'carl', 10, 5)).toEqual([]);
    });

    it('orders and pages the list by activity as the member sees it, their own latest shadow included', async () => {
      await s().write(async (tx) => {
        for (const [id, at] of [['c1', T0 + 10], ['c2', T0 + 20], ['c3', T0 + 30]] as const) {
          await tx.conversations.insert(conversation(id, 'direct', at), null);
          await tx.members.add(member(id, 'u1'));
          await tx.members.add(member(id, 'u2'));
        }
        // u1's shadows in c1 (latest at T0 + 40) lift c1 for u1 only; an older one changes nothing.
        await tx.shadows.insert(shadow('s1', 'c1', 'u1', 1, T0 + 25));
        await tx.shadows.insert(shadow('s2', 'c1', 'u1', 2, T0 + 40));
        await tx.shadows.insert(shadow('s3', 'c2', 'u1', 1, T0 + 5));
      });
      const list = async (user: string, limit: number, beforeActivity?: { at: number; id: string }) =>
        (await s().read.conversations.listFor(user, { folder: 'inbox', limit, ...(beforeActivity ? { beforeActivity } : {}) })).map((i) => [i.conversation.id, i.conversation.lastActivityAt]);
      expect(await list('u1', 10)).toEqual([['c1', T0 + 40], ['c3', T0 + 30], ['c2', T0 + 20]]);
      expect(await list('u2', 10)).toEqual([['c3', T0 + 30], ['c2', T0 + 20], ['c1', T0 + 10]]);
      expect(await list('u1', 1, { at: T0 + 40, id: 'c1' })).toEqual([['c3', T0 + 30]]);
      expect(await list('u1', 5, { at: T0 + 30, id: 'c3' })).toEqual([['c2', T0 + 20]]);
      expect(await list('u2', 5, { at: T0 + 20, id: 'c2' })).toEqual([['c1', T0 + 10]]);
    });

    it('raises a conversation’s last seq, never lowers it, and leaves its activity alone', async () => {
      await s().write(async (tx) => {
        await tx.conversations.insert(conversation('c1', 'direct', T0), null);
        await tx.conversations.nextSeq('c1', T0 + 1);
        await tx.conversations.raiseSeq('c1', 5);
        await tx.conversations.raiseSeq('c1', 3);
      });
      expect(await s().read.conversations.byId('c1')).toMatchObject({ lastSeq: 5, lastActivityAt: T0 + 1 });
      expect(await s().write((tx) => tx.conversations.nextSeq('c1', T0 + 2))).toBe(6);
    });
  });
}
