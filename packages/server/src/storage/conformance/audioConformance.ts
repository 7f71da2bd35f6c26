/** Conformance: the audio integration area (storage/ports/audio.ts). */
import { describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { T0 } from './fixtures.js';

export function audioConformance(s: () => Store): void {
  describe('audio integration', () => {
    it('claims an event id once, and a rolled-back claim leaves no trace', async () => {
      expect(await s().write((tx) => tx.audio.claimEvent('evt-1', 'room.started', T0))).toBe(true);
      expect(await s().write((tx) => tx.audio.claimEvent('evt-1', 'room.started', T0 + 1))).toBe(false);
      await expect(
        s().write(async (tx) => {
          expect(await tx.audio.claimEvent('evt-2', 'room.ended', T0)).toBe(true);
          throw new Error('effect failed');
        }),
      ).rejects.toThrow('effect failed');
      expect(await s().write((tx) => tx.audio.claimEvent('evt-2', 'room.ended', T0 + 2))).toBe(true);
    });

    it('purges processed ids older than the window, oldest first, at most `limit`', async () => {
      await s().write(async (tx) => {
        for (let i = 0; i < 4; i++) await tx.audio.claimEvent(`old-${i}`, 'participant.left', T0 + i);
        await tx.audio.claimEvent('new', 'participant.left', T0 + 100);
      });
      expect(await s().write((tx) => tx.audio.purgeEvents(T0 + 50, 3))).toBe(3);
      expect(await s().write((tx) => tx.audio.purgeEvents(T0 + 50, 10))).toBe(1);
      // Purged ids are claimable again; the new one is still held.
      expect(await s().write((tx) => tx.audio.claimEvent('old-0', 'participant.left', T0 + 200))).toBe(true);
      expect(await s().write((tx) => tx.audio.claimEvent('new', 'participant.left', T0 + 200))).toBe(false);
    });

    it('links an external room once', async () => {
      expect(await s().read.audio.roomFor('ext-1')).toBeNull();
      expect(await s().write((tx) => tx.audio.linkRoom('ext-1', 'room-a', T0))).toBe(true);
      expect(await s().write((tx) => tx.audio.linkRoom('ext-1', 'room-b', T0 + 1))).toBe(false);
      expect(await s().read.audio.roomFor('ext-1')).toBe('room-a');
      // External ids are compared exactly (no case folding, no collation surprises).
      expect(await s().read.audio.roomFor('EXT-1')).toBeNull();
    });

    it('keeps per-person order and speaking, lists speakers by id, and clears a room', async () => {
      expect(await s().read.audio.participant('r1', 'u1')).toBeNull();
      await s().write(async (tx) => {
        await tx.audio.putParticipant({ roomId: 'r1', userId: 'u2', lastAt: T0, speaking: true });
        await tx.audio.putParticipant({ roomId: 'r1', userId: 'u1', lastAt: T0, speaking: false });
        await tx.audio.putParticipant({ roomId: 'r1', userId: 'u1', lastAt: T0 + 5, speaking: true });
        await tx.audio.putParticipant({ roomId: 'r2', userId: 'u3', lastAt: T0, speaking: true });
      });
      expect(await s().read.audio.participant('r1', 'u1')).toEqual({ roomId: 'r1', userId: 'u1', lastAt: T0 + 5, speaking: true });
      expect(await s().read.audio.speakingIn('r1')).toEqual(['u1', 'u2']);
      await s().write((tx) => tx.audio.clearSpeaking('r1'));
      expect(await s().read.audio.speakingIn('r1')).toEqual([]);
      expect(await s().read.audio.speakingIn('r2')).toEqual(['u3']);
      expect((await s().read.audio.participant('r1', 'u2'))?.lastAt).toBe(T0);
    });
  });
}
