/** Conformance: uploads and the images a message carries (storage/ports/uploads.ts, messages.setAttachments). */
import { describe, expect, it } from 'vitest';
import type { Store, UploadRow } from '../store.js';
import { T0, conversation, message, user } from './fixtures.js';

const upload = (id: string, extra: Partial<UploadRow> = {}): UploadRow => ({ id, kind: 'image', contentType: 'image/webp', width: 4, height: 3, size: 99, placeholder: 'data:image/webp;base64,AA', ownerId: 'up-u', createdAt: T0, conversationId: null, messageId: null, ...extra });

export function uploadsConformance(s: () => Store): void {
  describe('uploads', () => {
    it('stores, attaches once, lists the unattached by age, deletes', async () => {
      await s().write(async (tx) => {
        await tx.uploads.insert(upload('up-1'));
        await tx.uploads.insert(upload('up-2', { createdAt: T0 + 10 }));
        await tx.uploads.insert(upload('up-3', { createdAt: T0 + 20 }));
      });
      expect(await s().read.uploads.byId('up-1')).toEqual(upload('up-1'));
      expect(await s().read.uploads.byId('nope')).toBeNull();
      expect(await s().write((tx) => tx.uploads.attach(['up-1', 'up-2'], 'c-up', 'm-up'))).toBe(2);
      // A second message cannot take them.
      expect(await s().write((tx) => tx.uploads.attach(['up-1', 'up-3'], 'c-other', 'm-other'))).toBe(1);
      expect(await s().read.uploads.byId('up-1')).toMatchObject({ conversationId: 'c-up', messageId: 'm-up' });
      expect(await s().read.uploads.byId('up-3')).toMatchObject({ conversationId: 'c-other', messageId: 'm-other' });
      await s().write((tx) => tx.uploads.insert(upload('up-4', { createdAt: T0 + 5 })));
      await s().write((tx) => tx.uploads.insert(upload('up-5', { createdAt: T0 + 50 })));
      expect((await s().read.uploads.unattachedBefore(T0 + 40, 10)).map((u) => u.id)).toEqual(['up-4']);
      await s().write((tx) => tx.uploads.delete('up-4'));
      expect(await s().read.uploads.byId('up-4')).toBeNull();
    });

    it('a message keeps the attachments it was given, in order', async () => {
      const atts = [
        { id: 'a2', kind: 'image' as const, contentType: 'image/webp', width: 2, height: 2, size: 10, placeholder: 'p2' },
        { id: 'a1', kind: 'image' as const, contentType: 'image/webp', width: 1, height: 1, size: 5, placeholder: 'p1' },
      ];
      await s().write(async (tx) => {
        await tx.users.insert(user('ua-u'));
        await tx.conversations.insert(conversation('ua-c'), null);
        await tx.messages.insert(message('ua-c', 1, 'ua-u'));
        await tx.messages.setAttachments('ua-c', 1, atts);
      });
      expect((await s().read.messages.bySeq('ua-c', 1))?.attachments).toEqual(atts);
      expect((await s().read.messages.history('ua-c', { limit: 5 }))[0]?.attachments).toEqual(atts);
    });
  });
}
