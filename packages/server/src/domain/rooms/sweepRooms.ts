/**
 * The rooms sweep, run every few seconds on every node (idempotent, so nodes may overlap):
 * - ends presence that no node vouches for any more (its node died: no heartbeat since 3 grace periods);
 * - ends live rooms whose hosts and moderators have all been gone for the end grace period;
 * - drops the chat of rooms that ended before the retention period (when one is configured).
 */
import type { Deps } from '../deps.js';
import { recordEnd } from './endRoom.js';
import { leaveRoom } from './leaveRoom.js';
import { roomLimits } from './limits.js';
import { userById } from './people.js';

const BATCH = 200;

export async function sweepRooms(deps: Pick<Deps, 'store' | 'clock' | 'limits'>): Promise<{ left: number; ended: number; purged: number }> {
  const limits = roomLimits(deps.limits);
  const now = deps.clock.now();
  let left = 0;
  for (const s of await deps.store.read.rooms.staleParticipants(now - 3 * limits.presenceGraceMs, BATCH)) {
    const user = await userById(deps.store.read, s.userId);
    if (!user) continue;
    await leaveRoom(deps, user, s.roomId, 'presence');
    left++;
  }
  let ended = 0;
  for (const roomId of await deps.store.read.rooms.roomsWithoutStaffSince(now - limits.endGraceMs, BATCH)) {
    await deps.store.write(
      async (tx) => {
        const room = await tx.rooms.lockRoom(roomId);
        // Re-checked under the lock: a moderator may have come back since the read.
        if (!room || room.status !== 'live' || room.staffAbsentSince === null || room.staffAbsentSince > now - limits.endGraceMs) return;
        await recordEnd(tx, room, now);
        ended++;
      },
      { key: roomId },
    );
  }
  const purged = limits.chatRetentionMs > 0 ? await deps.store.write((tx) => tx.rooms.purgeEndedChats(now - limits.chatRetentionMs, 5000)) : 0;
  return { left, ended, purged };
}
