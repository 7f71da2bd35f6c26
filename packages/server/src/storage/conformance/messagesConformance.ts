/** Conformance: the messages port (storage/ports/messages.ts): storage, client ids, history, lookups by id. The send path's two calls: sendConformance.ts. */
import { describe, expect, it } from 'vitest';
import { UniqueViolation, type Store } from '../store.js';
import { message } from './fixtures.js';

export function messagesConformance(s: () => Store): void {
  describe('messages', () => {
    it('stores a message and finds it by seq and by client id', async () => {
      const m = { ...message('c1', 1, 'u1', 'cm-1'), entities: [{ kind: 'link', start: 0, end: 5, url: 'https://x.test' }] as never, text: 'hé <b>' };
      const sys = { ...message('c1', 2, 'u1'), kind: 'system' as const, text: '', system: { kind: 'renamed', actorId: 'u1', title: 'x' } as never };
      await s().write(async (tx) => {
        await tx.messages.insert(m);
        await tx.messages.insert(sys);
      });
      expect(await s().read.messages.bySeq('c1', 1)).toEqual(m);
      expect(await s().read.messages.bySeq('c1', 2)).toEqual(sys);
      expect(await s().read.messages.bySeq('c1', 3)).toBeNull();
      expect(await s().read.messages.byClientId('c1', 'u1', 'cm-1')).toEqual(m);
      expect(await s().read.messages.byClientId('c1', 'u2', 'cm-1')).toBeNull();
    });

    it('rejects the same client id from the same sender in the same conversation only', async () => {
      await s().write((tx) => tx.messages.insert(message('c1', 1, 'u1', 'cm-1')));
      const err = await s().write((tx) => tx.messages.insert(message('c1', 2, 'u1', 'cm-1'))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UniqueViolation);
      expect((err as UniqueViolation).key).toBe('client_message_id');
      expect(await s().read.messages.bySeq('c1', 2)).toBeNull();
      await s().write(async (tx) => {
        await tx.messages.insert(message('c2', 1, 'u1', 'cm-1')); // another conversation
        await tx.messages.insert(message('c1', 2, 'u2', 'cm-1')); // another sender
        await tx.messages.insert(message('c1', 3, 'u1', null)); // no client id, twice
        await tx.messages.insert(message('c1', 4, 'u1', null));
      });
      expect((await s().read.messages.history('c1', { limit: 10 })).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    });

    it('keys message ids by conversation: a second id in one conversation is refused, the same id elsewhere is not', async () => {
      const m = message('c1', 1, 'u1');
      await s().write((tx) => tx.messages.insert(m));
      const err = await s().write((tx) => tx.messages.insert({ ...message('c1', 2, 'u2'), id: m.id })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UniqueViolation);
      expect((err as UniqueViolation).key).toBe('other');
      expect(await s().read.messages.bySeq('c1', 2)).toBeNull();
      await s().write((tx) => tx.messages.insert({ ...message('c2', 1, 'u1'), id: 'only-in-c2' }));
      await s().write((tx) => tx.messages.insert({ ...message('c3', 1, 'u1'), id: m.id }));
      expect((await s().read.messages.bySeq('c3', 1))!.id).toBe(m.id);
      expect(await s().read.messages.locate('only-in-c2')).toEqual({ conversationId: 'c2', seq: 1 });
    });

    it('pages history backwards and forwards, always ascending', async () => {
      await s().write(async (tx) => {
        for (let seq = 1; seq <= 10; seq++) await tx.messages.insert(message('c1', seq, 'u1'));
        await tx.messages.insert(message('other', 1, 'u1'));
      });
      const seqs = async (r: { before?: number; after?: number; limit: number }) => (await s().read.messages.history('c1', r)).map((m) => m.seq);
      expect(await seqs({ limit: 3 })).toEqual([8, 9, 10]);
      expect(await seqs({ before: 8, limit: 3 })).toEqual([5, 6, 7]);
      expect(await seqs({ before: 3, limit: 5 })).toEqual([1, 2]);
      expect(await seqs({ after: 2, limit: 3 })).toEqual([3, 4, 5]);
      expect(await seqs({ after: 9, limit: 3 })).toEqual([10]);
      expect(await seqs({ after: 10, limit: 3 })).toEqual([]);
      expect(await s().read.messages.history('missing', { limit: 3 })).toEqual([]);
    });
  });

  describe('message lookup and removal', () => {
    it('finds any message by id and replaces its content with a tombstone, dropping entities', async () => {
      const m = { ...message('c1', 2, 'ada', 'cm-1'), entities: [{ type: 'link', offset: 0, length: 5, url: 'https://x.test' }] as never };
      await s().write(async (tx) => {
        await tx.messages.insert(message('c1', 1, 'ada'));
        await tx.messages.insert(m);
      });
      expect(await s().read.messages.locate(m.id)).toEqual({ conversationId: 'c1', seq: 2 });
      expect(await s().read.messages.locate('missing')).toBeNull();
      await s().write((tx) => tx.messages.replaceContent('c1', 2, 'Removed by a moderator'));
      expect(await s().read.messages.bySeq('c1', 2)).toEqual({ ...m, text: 'Removed by a moderator', entities: [] });
      expect(await s().read.messages.bySeq('c1', 1)).toEqual(message('c1', 1, 'ada'));
    });
  });
}
