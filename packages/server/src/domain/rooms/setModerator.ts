/**
 * The host makes someone in the room a moderator (they join the stage if they were listening) or
 * takes it back (they stay on the stage as a speaker). Only the host changes moderators.
 */
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentUserSummary } from '../present.js';
import { accessLiveRoom, requireHost, requireTarget } from './access.js';
import { userById } from './people.js';
import { RoomWrite } from './record.js';

export async function setModerator(deps: Pick<Deps, 'store' | 'clock'>, me: UserRow, roomId: string, userId: string, on: boolean): Promise<void> {
  await deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      requireHost(a);
      if (userId === me.id) throw new DomainError('self_action', 'The host is above moderators already.', { field: 'userId' });
      const target = await requireTarget(tx, roomId, userId);
      const role = on ? 'moderator' : target.role === 'moderator' ? 'speaker' : target.role;
      if (role === target.role) return;
      const user = await userById(tx, userId);
      if (!user) throw new DomainError('not_in_room', 'That person is not in the room.', { field: 'userId' });
      const w = new RoomWrite(tx, a.room, deps.clock.now());
      await w.setParticipant(target, { ...target, role, handRaised: false, invitedToSpeak: false });
      await w.emit('room.stage_changed', { user: presentUserSummary(user), role });
      await w.done();
    },
    { key: roomId },
  );
}
