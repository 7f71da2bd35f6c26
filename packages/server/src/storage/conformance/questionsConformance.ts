/** Conformance: the Q&A area (storage/ports/questions.ts). */
import { describe, expect, it } from 'vitest';
import type { QuestionRow } from '../ports/questions.js';
import type { Store } from '../store.js';
import { T0 } from './fixtures.js';

const q = (id: string, extra: Partial<QuestionRow> = {}): QuestionRow => ({
  id,
  roomId: 'r1',
  askerId: 'u1',
  coAskerIds: [],
  text: `question ${id}`,
  createdAt: T0,
  status: 'pending',
  visibility: 'visible',
  mergedInto: null,
  votes: 0,
  votesVersion: 0,
  updatedAt: T0,
  ...extra,
});

export function questionsConformance(s: () => Store): void {
  describe('questions', () => {
    it('stores a room\'s settings (absent until set) and replaces them', async () => {
      expect(await s().read.questions.settings('r1')).toBeNull();
      await s().write((tx) => tx.questions.putSettings({ roomId: 'r1', enabled: true, requireApproval: false, updatedAt: T0 }));
      await s().write((tx) => tx.questions.putSettings({ roomId: 'r1', enabled: true, requireApproval: true, updatedAt: T0 + 1 }));
      expect(await s().read.questions.settings('r1')).toEqual({ roomId: 'r1', enabled: true, requireApproval: true, updatedAt: T0 + 1 });
      expect(await s().read.questions.settings('r2')).toBeNull();
    });

    it('round-trips a question, patches it, and locks it inside a write', async () => {
      await s().write((tx) => tx.questions.insert(q('q1', { text: 'Ünïcode “quotes” 🎤' })));
      expect(await s().read.questions.byId('q1')).toEqual(q('q1', { text: 'Ünïcode “quotes” 🎤' }));
      await s().write(async (tx) => {
        expect((await tx.questions.lock('q1'))?.id).toBe('q1');
        await tx.questions.update('q1', { status: 'on_stage', coAskerIds: ['u2', 'u3'], votes: 4, votesVersion: 7, updatedAt: T0 + 5, mergedInto: undefined });
      });
      expect(await s().read.questions.byId('q1')).toMatchObject({ status: 'on_stage', coAskerIds: ['u2', 'u3'], votes: 4, votesVersion: 7, updatedAt: T0 + 5, mergedInto: null, visibility: 'visible' });
      expect(await s().read.questions.byId('nope')).toBeNull();
      expect(await s().write((tx) => tx.questions.lock('nope'))).toBeNull();
    });

    it('lists a room\'s questions by votes then age, without merged ones, at most `limit`', async () => {
      await s().write(async (tx) => {
        await tx.questions.insert(q('a', { votes: 1, createdAt: T0 + 1 }));
        await tx.questions.insert(q('b', { votes: 3, createdAt: T0 + 2 }));
        await tx.questions.insert(q('c', { votes: 1, createdAt: T0 }));
        await tx.questions.insert(q('d', { votes: 9, status: 'merged', mergedInto: 'b' }));
        await tx.questions.insert(q('e', { votes: 0, status: 'answered' }));
        await tx.questions.insert(q('other', { roomId: 'r2', votes: 100 }));
      });
      expect((await s().read.questions.list('r1', 10)).map((x) => x.id)).toEqual(['b', 'c', 'a', 'e']);
      expect((await s().read.questions.list('r1', 2)).map((x) => x.id)).toEqual(['b', 'c']);
    });

    it('says what is on stage and which visible pending question is next', async () => {
      expect(await s().read.questions.nextUp('r1')).toEqual({ onStage: false, next: null });
      await s().write(async (tx) => {
        await tx.questions.insert(q('hidden', { votes: 9, visibility: 'hidden' }));
        await tx.questions.insert(q('waiting', { votes: 8, visibility: 'awaiting_approval' }));
        await tx.questions.insert(q('done', { votes: 7, status: 'answered' }));
        await tx.questions.insert(q('young', { votes: 2, createdAt: T0 + 5 }));
        await tx.questions.insert(q('old', { votes: 2, createdAt: T0 + 1 }));
        await tx.questions.insert(q('elsewhere', { roomId: 'r2', votes: 50 }));
      });
      expect(await s().read.questions.nextUp('r1')).toMatchObject({ onStage: false, next: { id: 'old' } });
      await s().write((tx) => tx.questions.update('young', { status: 'on_stage' }));
      expect(await s().read.questions.nextUp('r1')).toMatchObject({ onStage: true, next: { id: 'old' } });
    });

    it('counts an asker\'s open questions and their newest', async () => {
      expect(await s().read.questions.askerStats('r1', 'u1')).toEqual({ open: 0, lastAt: null });
      await s().write(async (tx) => {
        await tx.questions.insert(q('a', { createdAt: T0 + 1 }));
        await tx.questions.insert(q('b', { createdAt: T0 + 9, status: 'on_stage', visibility: 'awaiting_approval' }));
        await tx.questions.insert(q('c', { createdAt: T0 + 5, status: 'answered' }));
        await tx.questions.insert(q('d', { createdAt: T0 + 3, status: 'merged' }));
        await tx.questions.insert(q('e', { createdAt: T0 + 20, askerId: 'u2' }));
      });
      expect(await s().read.questions.askerStats('r1', 'u1')).toEqual({ open: 2, lastAt: T0 + 9 });
    });

    it('holds one vote per voter, removes it once, and says which of a list someone voted', async () => {
      await s().write((tx) => tx.questions.insert(q('a')));
      expect(await s().write((tx) => tx.questions.addVote('a', 'v1', T0))).toBe(true);
      expect(await s().write((tx) => tx.questions.addVote('a', 'v1', T0 + 1))).toBe(false);
      expect(await s().write((tx) => tx.questions.addVote('b', 'v1', T0))).toBe(true);
      expect((await s().read.questions.votedAmong('v1', ['a', 'b', 'c'])).sort()).toEqual(['a', 'b']);
      expect(await s().read.questions.votedAmong('v1', [])).toEqual([]);
      expect(await s().write((tx) => tx.questions.removeVote('a', 'v1'))).toBe(true);
      expect(await s().write((tx) => tx.questions.removeVote('a', 'v1'))).toBe(false);
      expect(await s().read.questions.votedAmong('v1', ['a'])).toEqual([]);
      // A vote rolled back with its write leaves nothing.
      await expect(
        s().write(async (tx) => {
          await tx.questions.addVote('a', 'v2', T0);
          throw new Error('later step failed');
        }),
      ).rejects.toThrow('later step failed');
      expect(await s().read.questions.votedAmong('v2', ['a'])).toEqual([]);
    });

    it('merges voters: a voter of both counts once', async () => {
      await s().write(async (tx) => {
        for (const v of ['v1', 'v2', 'v3']) await tx.questions.addVote('from', v, T0);
        for (const v of ['v2', 'v4']) await tx.questions.addVote('into', v, T0);
      });
      expect(await s().write((tx) => tx.questions.mergeVotes('from', 'into', T0 + 1))).toBe(4);
      expect((await s().read.questions.votedAmong('v1', ['into', 'from'])).sort()).toEqual(['from', 'into']);
      // Merging again adds nobody.
      expect(await s().write((tx) => tx.questions.mergeVotes('from', 'into', T0 + 2))).toBe(4);
    });
  });
}
