/** Conformance: replies, edits with kept versions, tombstones, on messages and shadows (storage/ports/messageEdits.ts). */
import { describe, expect, it } from 'vitest';
import type { ShadowMessageRow, Store } from '../store.js';
import { conversation, message, T0 } from './fixtures.js';

const shadow = (id: string, afterSeq: number): ShadowMessageRow => ({ id, conversationId: 'c1', senderId: 'bo', afterSeq, clientMessageId: `cm-${id}`, text: `shadow ${id}`, entities: [], createdAt: T0 + afterSeq });

async function seed(s: Store): Promise<void> {
  await s.write(async (tx) => {
    await tx.conversations.insert({ ...conversation('c1'), lastSeq: 3 }, null);
    for (const seq of [1, 2, 3]) await tx.messages.insert(message('c1', seq, 'ada'));
    await tx.conversations.insert({ ...conversation('c2'), lastSeq: 1 }, null);
    await tx.messages.insert(message('c2', 1, 'ada'));
  });
}

export function messageEditsConformance(s: () => Store): void {
  describe('message edits', () => {
    it('finds messages by seqs within one conversation, ascending, leaving out unknown seqs', async () => {
      await seed(s());
      expect((await s().read.messageEdits.bySeqs('c1', [3, 1, 9, 1])).map((m) => m.seq)).toEqual([1, 3]);
      expect(await s().read.messageEdits.bySeqs('c1', [])).toEqual([]);
      expect((await s().read.messageEdits.bySeqs('c2', [1, 2, 3])).map((m) => m.id)).toEqual(['m-c2-1-ada']);
    });

    it('links a reply, and reads it back only once set', async () => {
      await seed(s());
      expect(await s().read.messages.bySeq('c1', 3)).toEqual(message('c1', 3, 'ada'));
      await s().write((tx) => tx.messageEdits.setReplyTo('c1', 3, 1));
      expect(await s().read.messages.bySeq('c1', 3)).toEqual({ ...message('c1', 3, 'ada'), replyToSeq: 1 });
      expect((await s().read.messages.history('c1', { limit: 5 })).map((m) => m.replyToSeq ?? null)).toEqual([null, null, 1]);
    });

    it('keeps each earlier text as a numbered version when editing, oldest first, with the time it became current', async () => {
      await seed(s());
      const link = [{ type: 'link' as const, offset: 0, length: 5, url: 'https://x.io' }];
      await s().write((tx) => tx.messageEdits.edit('c1', 2, 'x.io!', link, T0 + 100));
      await s().write((tx) => tx.messageEdits.edit('c1', 2, 'third', [], T0 + 200));
      expect(await s().read.messages.bySeq('c1', 2)).toEqual({ ...message('c1', 2, 'ada'), text: 'third', entities: [], editedAt: T0 + 200 });
      expect(await s().read.messageEdits.versions('c1', 2)).toEqual([
        { conversationId: 'c1', seq: 2, version: 1, text: 'hello 2', entities: [], createdAt: T0 + 2 },
        { conversationId: 'c1', seq: 2, version: 2, text: 'x.io!', entities: link, createdAt: T0 + 100 },
      ]);
      expect(await s().read.messageEdits.versions('c1', 1)).toEqual([]);
    });

    it('turns a message into a tombstone once: text, entities and versions erased; a later edit changes nothing', async () => {
      await seed(s());
      await s().write((tx) => tx.messageEdits.edit('c1', 1, 'edited', [], T0 + 50));
      expect(await s().write((tx) => tx.messageEdits.tombstone('c1', 1, { by: 'sender', at: T0 + 60 }))).toBe(true);
      expect(await s().write((tx) => tx.messageEdits.tombstone('c1', 1, { by: 'operator', at: T0 + 70 }))).toBe(false);
      await s().write((tx) => tx.messageEdits.edit('c1', 1, 'back again', [], T0 + 80));
      expect(await s().read.messages.bySeq('c1', 1)).toEqual({ ...message('c1', 1, 'ada'), text: '', entities: [], editedAt: T0 + 50, tombstone: { by: 'sender', at: T0 + 60 } });
      expect(await s().read.messageEdits.versions('c1', 1)).toEqual([]);
      expect(await s().read.messages.bySeq('c1', 2)).toEqual(message('c1', 2, 'ada'));
    });

    it('edits, links and tombstones a shadow message, found by id for its sender only', async () => {
      await seed(s());
      await s().write((tx) => tx.shadows.insert(shadow('s1', 4)));
      expect(await s().read.messageEdits.shadowById('c1', 'bo', 's1')).toEqual(shadow('s1', 4));
      expect(await s().read.messageEdits.shadowById('c1', 'ada', 's1')).toBeNull();
      expect(await s().read.messageEdits.shadowById('c2', 'bo', 's1')).toBeNull();
      await s().write(async (tx) => {
        await tx.messageEdits.setShadowReplyTo('c1', 's1', 2);
        await tx.messageEdits.editShadow('c1', 's1', 'new', [], T0 + 9);
      });
      expect(await s().read.messageEdits.shadowById('c1', 'bo', 's1')).toEqual({ ...shadow('s1', 4), text: 'new', replyToSeq: 2, editedAt: T0 + 9 });
      expect(await s().write((tx) => tx.messageEdits.tombstoneShadow('c1', 's1', { by: 'sender', at: T0 + 10 }))).toBe(true);
      expect(await s().write((tx) => tx.messageEdits.tombstoneShadow('c1', 's1', { by: 'sender', at: T0 + 11 }))).toBe(false);
      expect((await s().read.shadows.before('c1', 'bo', 99, 5))[0]).toEqual({ ...shadow('s1', 4), text: '', replyToSeq: 2, editedAt: T0 + 9, tombstone: { by: 'sender', at: T0 + 10 } });
    });
  });
}
