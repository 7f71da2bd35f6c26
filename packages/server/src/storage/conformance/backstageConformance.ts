/** Conformance: the backstage and room-visits areas (storage/ports/backstage.ts, roomVisits.ts). */
import { describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { T0 } from './fixtures.js';

export function backstageConformance(s: () => Store): void {
  describe('backstage', () => {
    it('links a room and its conversation one-to-one, both ways', async () => {
      expect(await s().read.backstage.conversationOf('r1')).toBeNull();
      await s().write((tx) => tx.backstage.link('r1', 'c1'));
      expect(await s().read.backstage.conversationOf('r1')).toBe('c1');
      expect(await s().read.backstage.roomOf('c1')).toBe('r1');
      expect(await s().read.backstage.roomOf('C1')).toBeNull();
      await expect(s().write((tx) => tx.backstage.link('r1', 'c2'))).rejects.toThrow();
      await expect(s().write((tx) => tx.backstage.link('r2', 'c1'))).rejects.toThrow();
      expect(await s().read.backstage.roomOf('c2')).toBeNull();
    });

    it('keeps a read-only viewer up to a seq, replaced on a second put, gone when removed', async () => {
      expect(await s().read.backstage.viewer('c1', 'u1')).toBeNull();
      await s().write(async (tx) => {
        await tx.backstage.putViewer('c1', 'u1', 3);
        await tx.backstage.putViewer('c1', 'u2', 0);
      });
      expect(await s().read.backstage.viewer('c1', 'u1')).toBe(3);
      expect(await s().read.backstage.viewer('c1', 'u2')).toBe(0);
      await s().write((tx) => tx.backstage.putViewer('c1', 'u1', 7));
      expect(await s().read.backstage.viewer('c1', 'u1')).toBe(7);
      await s().write((tx) => tx.backstage.removeViewer('c1', 'u1'));
      expect(await s().read.backstage.viewer('c1', 'u1')).toBeNull();
      expect(await s().read.backstage.viewer('c2', 'u2')).toBeNull();
    });
  });

  describe('room visits', () => {
    it('starts a visit on arrival, extends it on return, and remembers the stage', async () => {
      await s().write((tx) => tx.roomVisits.arrive('r1', 'a', T0, false));
      expect(await s().read.roomVisits.get('r1', 'a')).toEqual({ roomId: 'r1', userId: 'a', firstAt: T0, lastAt: T0, here: true, onStage: false });
      await s().write((tx) => tx.roomVisits.arrive('r1', 'a', T0 + 5, true));
      await s().write((tx) => tx.roomVisits.depart('r1', 'a', T0 + 9));
      // Departing twice keeps the first departure.
      await s().write((tx) => tx.roomVisits.depart('r1', 'a', T0 + 20));
      expect(await s().read.roomVisits.get('r1', 'a')).toEqual({ roomId: 'r1', userId: 'a', firstAt: T0, lastAt: T0 + 9, here: false, onStage: true });
      await s().write((tx) => tx.roomVisits.arrive('r1', 'a', T0 + 30, false));
      expect(await s().read.roomVisits.get('r1', 'a')).toEqual({ roomId: 'r1', userId: 'a', firstAt: T0, lastAt: T0 + 30, here: true, onStage: true });
      expect(await s().read.roomVisits.get('r1', 'b')).toBeNull();
    });

    it('finds rooms two people were in at the same time, newest first, within the window', async () => {
      await s().write(async (tx) => {
        // r1: a then b, overlapping from T0+10 to T0+20.
        await tx.roomVisits.arrive('r1', 'a', T0, false);
        await tx.roomVisits.arrive('r1', 'b', T0 + 10, true);
        await tx.roomVisits.depart('r1', 'a', T0 + 20);
        await tx.roomVisits.depart('r1', 'b', T0 + 30);
        // r2: one after the other, never together.
        await tx.roomVisits.arrive('r2', 'a', T0, false);
        await tx.roomVisits.depart('r2', 'a', T0 + 5);
        await tx.roomVisits.arrive('r2', 'b', T0 + 6, false);
        await tx.roomVisits.depart('r2', 'b', T0 + 7);
        // r3: both still there (a visit going on lasts until now).
        await tx.roomVisits.arrive('r3', 'b', T0 + 40, false);
        await tx.roomVisits.arrive('r3', 'a', T0 + 50, false);
        // r4: a with someone else.
        await tx.roomVisits.arrive('r4', 'a', T0, false);
        await tx.roomVisits.arrive('r4', 'c', T0, false);
      });
      expect(await s().read.roomVisits.shared('a', 'b', T0, 10)).toEqual([
        { roomId: 'r3', at: T0 + 50, onStage: [false, false] },
        { roomId: 'r1', at: T0 + 10, onStage: [false, true] },
      ]);
      expect(await s().read.roomVisits.shared('b', 'a', T0, 1)).toEqual([{ roomId: 'r3', at: T0 + 50, onStage: [false, false] }]);
      // The window: an overlap that ended before `since` does not count; one going on does.
      expect((await s().read.roomVisits.shared('a', 'b', T0 + 21, 10)).map((r) => r.roomId)).toEqual(['r3']);
      await s().write((tx) => tx.roomVisits.departAll('r3', T0 + 60));
      expect((await s().read.roomVisits.shared('a', 'b', T0 + 61, 10)).map((r) => r.roomId)).toEqual([]);
      expect(await s().read.roomVisits.get('r4', 'c')).toMatchObject({ here: true });
    });

    it('prunes finished visits that ended before the cutoff, oldest first, never a visit going on', async () => {
      await s().write(async (tx) => {
        for (let i = 0; i < 3; i++) {
          await tx.roomVisits.arrive(`old${i}`, 'a', T0, false);
          await tx.roomVisits.depart(`old${i}`, 'a', T0 + i);
        }
        await tx.roomVisits.arrive('live', 'a', T0, false);
        await tx.roomVisits.arrive('recent', 'a', T0, false);
        await tx.roomVisits.depart('recent', 'a', T0 + 100);
      });
      expect(await s().write((tx) => tx.roomVisits.prune(T0 + 50, 2))).toBe(2);
      expect(await s().read.roomVisits.get('old0', 'a')).toBeNull();
      expect(await s().read.roomVisits.get('old2', 'a')).not.toBeNull();
      expect(await s().write((tx) => tx.roomVisits.prune(T0 + 50, 10))).toBe(1);
      expect(await s().read.roomVisits.get('live', 'a')).not.toBeNull();
      expect(await s().read.roomVisits.get('recent', 'a')).not.toBeNull();
    });

    it('lists the rooms someone is in now, newest arrival first, and keeps the presence setting', async () => {
      await s().write(async (tx) => {
        await tx.roomVisits.arrive('r1', 'a', T0, false);
        await tx.roomVisits.arrive('r2', 'a', T0 + 5, true);
        await tx.roomVisits.arrive('r3', 'a', T0 + 9, false);
        await tx.roomVisits.depart('r3', 'a', T0 + 10);
        await tx.roomVisits.arrive('r1', 'b', T0 + 20, false);
      });
      expect((await s().read.roomVisits.current('a', 5)).map((v) => v.roomId)).toEqual(['r2', 'r1']);
      expect((await s().read.roomVisits.current('a', 1)).map((v) => v.roomId)).toEqual(['r2']);
      expect(await s().read.roomVisits.current('c', 5)).toEqual([]);
      expect(await s().read.roomVisits.hidesPresence('a')).toBe(false);
      await s().write((tx) => tx.roomVisits.setHidesPresence('a', true));
      await s().write((tx) => tx.roomVisits.setHidesPresence('a', true));
      expect(await s().read.roomVisits.hidesPresence('a')).toBe(true);
      expect(await s().read.roomVisits.hidesPresence('b')).toBe(false);
      await s().write((tx) => tx.roomVisits.setHidesPresence('a', false));
      expect(await s().read.roomVisits.hidesPresence('a')).toBe(false);
    });

    it('keeps the room of a request per conversation and recipient, replaced, and prunes old ones', async () => {
      expect(await s().read.roomVisits.requestRoom('c1', 'b')).toBeNull();
      await s().write(async (tx) => {
        await tx.roomVisits.putRequestRoom({ conversationId: 'c1', recipientId: 'b', roomId: 'r1', createdAt: T0 });
        await tx.roomVisits.putRequestRoom({ conversationId: 'c2', recipientId: 'b', roomId: 'r1', createdAt: T0 + 100 });
      });
      await s().write((tx) => tx.roomVisits.putRequestRoom({ conversationId: 'c1', recipientId: 'b', roomId: 'r2', createdAt: T0 + 1 }));
      expect(await s().read.roomVisits.requestRoom('c1', 'b')).toEqual({ conversationId: 'c1', recipientId: 'b', roomId: 'r2', createdAt: T0 + 1 });
      expect(await s().write((tx) => tx.roomVisits.pruneRequestRooms(T0 + 50, 10))).toBe(1);
      expect(await s().read.roomVisits.requestRoom('c1', 'b')).toBeNull();
      expect(await s().read.roomVisits.requestRoom('c2', 'b')).not.toBeNull();
    });
  });
}
