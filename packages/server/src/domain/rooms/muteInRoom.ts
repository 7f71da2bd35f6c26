/**
 * A host or moderator mutes someone in the room's chat for N minutes or for the rest of the room
 * (`minutes: null`), or lifts it (`unmute`). Seen by the muted person and the staff (`room.mute_changed`).
 */
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { accessLiveRoom, requireOutranks, requireStaff } from './access.js';
import { MUTED_FOR_ROOM } from './present.js';
import { RoomWrite } from './record.js';

export async function muteInRoom(deps: Pick<Deps, 'store' | 'clock'>, me: UserRow, roomId: string, userId: string, minutes: number | null | 'unmute'): Promise<void> {
  await deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      const actor = requireStaff(a);
      if (userId === me.id) throw new DomainError('self_action', 'You cannot mute yourself.', { field: 'userId' });
      const target = await tx.rooms.participant(roomId, userId);
      if (!target || target.removed) throw new DomainError('not_in_room', 'That person is not in the room.', { field: 'userId' });
      requireOutranks(actor, target);
      const now = deps.clock.now();
      const until = minutes === 'unmute' ? null : minutes === null ? MUTED_FOR_ROOM : now + minutes * 60_000;
      if (until === null && (target.mutedUntil === null || target.mutedUntil <= now)) return;
      const w = new RoomWrite(tx, a.room, now);
      await w.setParticipant(target, { ...target, mutedUntil: until });
      await w.emit('room.mute_changed', { userId, until: until === null ? null : new Date(until).toISOString() }, userId);
      await w.done();
    },
    { key: roomId },
  );
}
