/**
 * A listener invited to speak says no (`DELETE /v1/rooms/{id}/speak`): the invitation is withdrawn
 * and the staff see it declined (`room.hand_changed` with `declined: true`, to the staff and that
 * person). A raised hand stays as it was. With no pending invitation: `room_not_invited`.
 */
import type { Room } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentUserSummary } from '../present.js';
import { accessLiveRoom, requirePresent } from './access.js';
import { getRoom } from './getRoom.js';
import { RoomWrite } from './record.js';

export async function declineSpeak(deps: Pick<Deps, 'store' | 'clock' | 'limits'>, me: UserRow, roomId: string): Promise<Room> {
  await deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      const p = requirePresent(a);
      if (p.role !== 'listener' || !p.invitedToSpeak) throw new DomainError('room_not_invited', 'Nobody invited you to speak.');
      const w = new RoomWrite(tx, a.room, deps.clock.now());
      await w.setParticipant(p, { ...p, invitedToSpeak: false, invitedBy: null });
      await w.emit('room.hand_changed', { user: presentUserSummary(me), handRaised: p.handRaised, invitedToSpeak: false, declined: true }, me.id);
      await w.done();
    },
    { key: roomId },
  );
  return getRoom(deps, me, roomId);
}
