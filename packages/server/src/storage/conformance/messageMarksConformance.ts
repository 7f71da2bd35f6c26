/** Conformance: a person's own marks on messages, delete for me and keep for reporting (storage/ports/messageMarks.ts). */
import { describe, expect, it } from 'vitest';
import type { KeptMessageRow, Store } from '../store.js';
import { T0 } from './fixtures.js';

const kept = (seq: number, userId: string, text: string, keptAt: number, ttl = 1000): KeptMessageRow => ({ conversationId: 'c1', seq, userId, text, keptAt: T0 + keptAt, expiresAt: T0 + keptAt + ttl });

export function messageMarksConformance(s: () => Store): void {
  describe('message marks', () => {
    it('hides a message for one person once, and lists what they hid in a seq range', async () => {
      expect(await s().write((tx) => tx.messageMarks.hide('c1', 'ada', 3, T0))).toBe(true);
      expect(await s().write((tx) => tx.messageMarks.hide('c1', 'ada', 3, T0 + 1))).toBe(false);
      await s().write(async (tx) => {
        await tx.messageMarks.hide('c1', 'ada', 1, T0);
        await tx.messageMarks.hide('c1', 'ada', 9, T0);
        await tx.messageMarks.hide('c1', 'bo', 2, T0);
        await tx.messageMarks.hide('c2', 'ada', 2, T0);
      });
      expect(await s().read.messageMarks.hiddenBetween('c1', 'ada', 1, 5)).toEqual([1, 3]);
      expect(await s().read.messageMarks.hiddenBetween('c1', 'ada', 2, Number.MAX_SAFE_INTEGER)).toEqual([3, 9]);
      expect(await s().read.messageMarks.hiddenBetween('c1', 'bo', 1, 5)).toEqual([2]);
    });

    it('keeps the first copy while it lasts, replaces an expired one, and lists live copies only', async () => {
      expect(await s().write((tx) => tx.messageMarks.keep(kept(1, 'ada', 'first', 0)))).toEqual(kept(1, 'ada', 'first', 0));
      expect(await s().write((tx) => tx.messageMarks.keep(kept(1, 'ada', 'second', 10)))).toEqual(kept(1, 'ada', 'first', 0));
      await s().write(async (tx) => {
        await tx.messageMarks.keep(kept(2, 'ada', 'two', 0, 100));
        await tx.messageMarks.keep(kept(1, 'bo', 'bo keeps', 0));
      });
      expect(await s().read.messageMarks.kept('c1', 'ada', [2, 1], T0 + 50)).toEqual([kept(1, 'ada', 'first', 0), kept(2, 'ada', 'two', 0, 100)]);
      expect(await s().read.messageMarks.kept('c1', 'ada', [1, 2], T0 + 100)).toEqual([kept(1, 'ada', 'first', 0)]);
      expect(await s().read.messageMarks.kept('c1', 'ada', [], T0)).toEqual([]);
      expect(await s().write((tx) => tx.messageMarks.keep(kept(2, 'ada', 'again', 200)))).toEqual(kept(2, 'ada', 'again', 200));
      expect(await s().write((tx) => tx.messageMarks.pruneKept(T0 + 1000))).toBe(2);
      expect(await s().read.messageMarks.kept('c1', 'ada', [1, 2], T0)).toEqual([kept(2, 'ada', 'again', 200)]);
    });
  });
}
