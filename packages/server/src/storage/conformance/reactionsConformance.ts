/** Conformance: reactions (storage/ports/reactions.ts). */
import { describe, expect, it } from 'vitest';
import type { ReactionRow, Store } from '../store.js';
import { T0 } from './fixtures.js';

const r = (seq: number, userId: string, emoji: string, at: number, conversationId = 'c1'): ReactionRow => ({ conversationId, seq, userId, emoji, createdAt: T0 + at });

export function reactionsConformance(s: () => Store): void {
  describe('reactions', () => {
    it('adds each (message, person, emoji) once and removes it, saying whether anything changed', async () => {
      expect(await s().write((tx) => tx.reactions.add(r(1, 'ada', '👍', 1)))).toBe(true);
      expect(await s().write((tx) => tx.reactions.add(r(1, 'ada', '👍', 5)))).toBe(false);
      expect(await s().read.reactions.of('c1', [1])).toEqual([r(1, 'ada', '👍', 1)]);
      expect(await s().write((tx) => tx.reactions.remove('c1', 1, 'ada', '👍'))).toBe(true);
      expect(await s().write((tx) => tx.reactions.remove('c1', 1, 'ada', '👍'))).toBe(false);
      expect(await s().read.reactions.of('c1', [1])).toEqual([]);
    });

    it('lists the reactions of some messages by seq, then first reaction first, ties by person and emoji', async () => {
      await s().write(async (tx) => {
        for (const row of [r(2, 'bo', '🎉', 3), r(1, 'cy', '👍', 2), r(1, 'ada', '👍', 2), r(1, 'ada', '👎', 2), r(1, 'bo', '😀', 1), r(3, 'ada', '👍', 0), r(1, 'ada', '👍', 0, 'c2')]) await tx.reactions.add(row);
      });
      expect(await s().read.reactions.of('c1', [2, 1, 1])).toEqual([r(1, 'bo', '😀', 1), r(1, 'ada', '👍', 2), r(1, 'ada', '👎', 2), r(1, 'cy', '👍', 2), r(2, 'bo', '🎉', 3)]);
      expect(await s().read.reactions.of('c1', [])).toEqual([]);
      await s().write((tx) => tx.reactions.clear('c1', 1));
      expect(await s().read.reactions.of('c1', [1, 2, 3])).toEqual([r(2, 'bo', '🎉', 3), r(3, 'ada', '👍', 0)]);
      expect(await s().read.reactions.of('c2', [1])).toEqual([r(1, 'ada', '👍', 0, 'c2')]);
    });
  });
}
