/** Conformance: shadow messages of silent blocks (storage/ports/shadows.ts, ADR 0005, 0006). */
import { describe, expect, it } from 'vitest';
import { UniqueViolation, type ShadowMessageRow, type Store } from '../store.js';
import { T0 } from './fixtures.js';

function shadow(id: string, afterSeq: number, extra: Partial<ShadowMessageRow> = {}): ShadowMessageRow {
  return { id, conversationId: 'd1', senderId: 'ada', afterSeq, clientMessageId: `cm-${id}`, text: `shadow ${id}`, entities: [], createdAt: T0 + afterSeq, ...extra };
}

export function shadowsConformance(s: () => Store): void {
  describe('shadow messages', () => {
    it('stores a shadow message and finds it by client id, for its sender only', async () => {
      const row = shadow('s1', 4, { text: 'hé <b> https://x.test', entities: [{ type: 'link', offset: 7, length: 14, url: 'https://x.test' }] });
      await s().write((tx) => tx.shadows.insert(row));
      expect(await s().read.shadows.byClientId('d1', 'ada', 'cm-s1')).toEqual(row);
      expect(await s().read.shadows.byClientId('d1', 'bob', 'cm-s1')).toBeNull();
      expect(await s().read.shadows.byClientId('d2', 'ada', 'cm-s1')).toBeNull();
      // A shadow message is not a conversation message: it has no seq and no message id lookup.
      expect(await s().read.messages.bySeq('d1', 4)).toBeNull();
      expect(await s().read.messages.locate('s1')).toBeNull();
    });

    it('rejects the same client id twice from one sender in one conversation, as a client-id clash', async () => {
      await s().write((tx) => tx.shadows.insert(shadow('s1', 1)));
      const err = await s().write((tx) => tx.shadows.insert(shadow('s2', 2, { clientMessageId: 'cm-s1' }))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UniqueViolation);
      // sendMessage answers a client-id clash by reading the original (a retry raced on another node).
      expect((err as UniqueViolation).key).toBe('client_message_id');
      await s().write(async (tx) => {
        await tx.shadows.insert(shadow('s3', 2, { clientMessageId: 'cm-s1', senderId: 'carl' }));
        await tx.shadows.insert(shadow('s4', 2, { clientMessageId: 'cm-s1', conversationId: 'd2' }));
      });
      expect(await s().read.shadows.byClientId('d1', 'carl', 'cm-s1')).toMatchObject({ id: 's3' });
    });

    it('lists a sender’s shadow messages in an afterSeq range, in send order, within the limit', async () => {
      // Inserted out of id order and across writes: order is afterSeq, then the order they were sent.
      await s().write(async (tx) => {
        await tx.shadows.insert(shadow('z', 2));
        await tx.shadows.insert(shadow('a', 2));
        await tx.shadows.insert(shadow('m', 0));
      });
      await s().write(async (tx) => {
        await tx.shadows.insert(shadow('b', 2));
        await tx.shadows.insert(shadow('c', 5));
        await tx.shadows.insert(shadow('other-sender', 2, { senderId: 'bob' }));
        await tx.shadows.insert(shadow('other-conv', 2, { conversationId: 'd2' }));
      });
      const ids = async (from: number, to: number, limit = 100) => (await s().read.shadows.between('d1', 'ada', from, to, limit)).map((m) => m.id);
      expect(await ids(0, Number.MAX_SAFE_INTEGER)).toEqual(['m', 'z', 'a', 'b', 'c']);
      expect(await ids(2, 2)).toEqual(['z', 'a', 'b']);
      expect(await ids(1, 4)).toEqual(['z', 'a', 'b']);
      expect(await ids(0, 5, 2)).toEqual(['m', 'z']);
      expect(await ids(6, 9)).toEqual([]);
      expect(await s().read.shadows.between('d1', 'ada', 5, 5, 10)).toEqual([shadow('c', 5)]);
    });
  });
}
