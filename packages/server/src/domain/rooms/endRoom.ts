/**
 * Ends a room: by its host, or by the sweep when no host or moderator has been in it for the end
 * grace period (sweepRooms.ts). Its chat stays readable (read-only) for the retention period.
 * Ending twice is a no-op.
 */
import type { Room } from '@backchannel/protocol';
import type { RoomRow } from '../../storage/ports/rooms.js';
import type { Tx, UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { accessRoom, requireHost } from './access.js';
import { endBackstage } from './backstage.js';
import { getRoom } from './getRoom.js';
import { RoomWrite } from './record.js';

type D = Pick<Deps, 'store' | 'clock' | 'limits'>;

export async function endRoom(deps: D, me: UserRow, roomId: string): Promise<Room> {
  await deps.store.write(
    async (tx) => {
      const a = await accessRoom(tx, me, roomId, { lock: true });
      if (a.room.status !== 'live') return;
      requireHost(a);
      await recordEnd(tx, a.room, deps.clock.now());
    },
    { key: roomId },
  );
  return getRoom(deps, me, roomId);
}

/** Writes the end of a live, locked room (shared with the sweep). */
export async function recordEnd(tx: Tx, room: RoomRow, now: number): Promise<void> {
  const w = new RoomWrite(tx, room, now);
  w.patch({ status: 'ended', endedAt: now, speakerCount: 0, listenerCount: 0, staffAbsentSince: null });
  await w.emit('room.ended', { endedAt: new Date(now).toISOString() });
  await w.done();
  await endBackstage({ clock: { now: () => now } }, tx, room.id);
  await tx.roomVisits.departAll(room.id, now);
}
