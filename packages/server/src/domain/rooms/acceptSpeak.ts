/** A listener invited to speak accepts and becomes a speaker (`room.stage_changed` for everyone). */
import type { Room } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentUserSummary } from '../present.js';
import { accessLiveRoom, requirePresent } from './access.js';
import { getRoom } from './getRoom.js';
import { RoomWrite } from './record.js';

export async function acceptSpeak(deps: Pick<Deps, 'store' | 'clock' | 'limits'>, me: UserRow, roomId: string): Promise<Room> {
  await deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      const p = requirePresent(a);
      if (p.role !== 'listener') return; // already up: accepting again changes nothing
      if (!p.invitedToSpeak) throw new DomainError('room_not_invited', 'Nobody invited you to speak.');
      const w = new RoomWrite(tx, a.room, deps.clock.now());
      await w.setParticipant(p, { ...p, role: 'speaker', handRaised: false, invitedToSpeak: false });
      await w.emit('room.stage_changed', { user: presentUserSummary(me), role: 'speaker' });
      await w.done();
    },
    { key: roomId },
  );
  return getRoom(deps, me, roomId);
}
