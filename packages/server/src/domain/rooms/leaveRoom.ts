/**
 * Leaves a room: by choice (`POST …/leave`) or because the person's last socket went away and did
 * not come back within the presence grace period (`reason: 'presence'`, gateway/roomPresence.ts).
 *
 * The host role passes to the longest-serving moderator present. A host who leaves by choice with
 * no moderator to take over is refused (`room_no_successor`: end the room or make a moderator);
 * a host who merely drops keeps the role, and the room ends if no host or moderator is back within
 * the end grace period (sweepRooms.ts). Leaving twice is a no-op.
 */
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentUserSummary } from '../present.js';
import { accessRoom } from './access.js';
import { roomLimits } from './limits.js';
import { userById } from './people.js';
import { roomUpdatedData } from './present.js';
import { RoomWrite } from './record.js';

type D = Pick<Deps, 'store' | 'clock' | 'limits'>;

export async function leaveRoom(deps: D, me: UserRow, roomId: string, reason: 'left' | 'presence' = 'left'): Promise<void> {
  await deps.store.write(
    async (tx) => {
      const a = await accessRoom(tx, me, roomId, { lock: true });
      if (a.room.status !== 'live' || !a.me?.present) return;
      const now = deps.clock.now();
      const was = a.me;
      // Another node vouched for them since this one lost their socket: they are still here.
      if (reason === 'presence' && was.lastSeenAt > now - roomLimits(deps.limits).presenceGraceMs) return;
      const w = new RoomWrite(tx, a.room, now);
      let successor: string | null = null;
      if (was.role === 'host') {
        const stage = await tx.rooms.stage([roomId]);
        successor = stage.find((p) => p.role === 'moderator')?.userId ?? null;
        if (successor === null && reason === 'left') {
          throw new DomainError('room_no_successor', 'Make someone a moderator or end the room before you leave.');
        }
      }
      // A host who leaves for good hands the role over; one who drops keeps it unless a moderator is here.
      const role = was.role === 'host' ? (successor ? 'listener' : 'host') : was.role === 'speaker' ? 'listener' : was.role;
      w.gone(me.id);
      await w.setParticipant(was, { ...was, role, present: false, handRaised: false, invitedToSpeak: false });
      if (was.role !== 'listener') await w.emit('room.stage_changed', { user: presentUserSummary(me), role: null });
      if (successor) {
        const next = await tx.rooms.participant(roomId, successor);
        const nextUser = await userById(tx, successor);
        if (next && nextUser) {
          await w.setParticipant(next, { ...next, role: 'host' });
          w.patch({ hostId: successor });
          await w.emit('room.stage_changed', { user: presentUserSummary(nextUser), role: 'host' });
          await w.emit('room.updated', roomUpdatedData(w.room));
        }
      }
      await w.done();
    },
    { key: roomId },
  );
}
