/** Conformance: the link-preview cache, preview images, and a message's previews (storage/ports/links.ts, messages.setPreviews). */
import { describe, expect, it } from 'vitest';
import type { LinkPreview } from '@backchannel/protocol';
import type { Store } from '../store.js';
import { T0, conversation, message, user } from './fixtures.js';

const card = { canonicalUrl: 'https://a.example/x', title: 'T', description: null, siteName: 'A', image: { id: 'img1', width: 40, height: 30 } };

export function linksConformance(s: () => Store): void {
  describe('links', () => {
    it('stores, replaces and reads cache entries, a null card too; prunes only expired ones', async () => {
      await s().write(async (tx) => {
        await tx.links.putCached({ urlKey: 'https://a.example/x', card, fetchedAt: T0, expiresAt: T0 + 10 });
        await tx.links.putCached({ urlKey: 'https://a.example/none', card: null, fetchedAt: T0, expiresAt: T0 + 5 });
      });
      expect(await s().read.links.cached('https://a.example/x')).toEqual({ urlKey: 'https://a.example/x', card, fetchedAt: T0, expiresAt: T0 + 10 });
      expect((await s().read.links.cached('https://a.example/none'))?.card).toBeNull();
      expect(await s().read.links.cached('https://a.example/other')).toBeNull();
      await s().write((tx) => tx.links.putCached({ urlKey: 'https://a.example/x', card: { ...card, title: 'T2' }, fetchedAt: T0 + 20, expiresAt: T0 + 30 }));
      expect((await s().read.links.cached('https://a.example/x'))?.card?.title).toBe('T2');
      expect(await s().write((tx) => tx.links.pruneExpired(T0 + 6, 100))).toBe(1);
      expect(await s().read.links.cached('https://a.example/none')).toBeNull();
      expect(await s().read.links.cached('https://a.example/x')).not.toBeNull();
    });

    it('stores images byte for byte', async () => {
      const bytes = Buffer.from([0, 1, 2, 255, 254, 0x52, 0x49]);
      await s().write((tx) => tx.links.putImage({ id: 'img-a', contentType: 'image/webp', width: 3, height: 4, bytes, createdAt: T0 }));
      const got = await s().read.links.image('img-a');
      expect(got).toEqual({ id: 'img-a', contentType: 'image/webp', width: 3, height: 4, bytes, createdAt: T0 });
      expect(await s().read.links.image('missing')).toBeNull();
    });

    it('sets, replaces and removes a message\'s previews', async () => {
      const preview: LinkPreview = { url: 'https://a.example/x', canonicalUrl: 'https://a.example/x', title: 'T', description: null, siteName: null, image: null };
      await s().write(async (tx) => {
        await tx.users.insert(user('lp-u'));
        await tx.conversations.insert(conversation('lp-c'), null);
        await tx.messages.insert(message('lp-c', 1, 'lp-u'));
      });
      const state = async () => {
        const [bySeq, inHistory] = [await s().read.messages.bySeq('lp-c', 1), (await s().read.messages.history('lp-c', { limit: 10 }))[0]];
        expect(inHistory).toEqual(bySeq);
        return [bySeq?.previews ?? null, bySeq?.previewsRemoved ?? false];
      };
      expect(await state()).toEqual([null, false]);
      await s().write((tx) => tx.messages.setPreviews('lp-c', 1, [preview], false));
      expect(await state()).toEqual([[preview], false]);
      await s().write((tx) => tx.messages.setPreviews('lp-c', 1, null, true));
      expect(await state()).toEqual([null, true]);
    });
  });
}
