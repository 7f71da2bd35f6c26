/**
 * A host or moderator invites a listener up to the stage; the listener accepts with `acceptSpeak`.
 * The invitation is seen by the staff and the invitee (`room.hand_changed`). Inviting twice is a no-op.
 */
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentUserSummary } from '../present.js';
import { accessLiveRoom, requireStaff, requireTarget } from './access.js';
import { userById } from './people.js';
import { RoomWrite } from './record.js';

export async function inviteToSpeak(deps: Pick<Deps, 'store' | 'clock'>, me: UserRow, roomId: string, userId: string): Promise<void> {
  await deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      requireStaff(a);
      const target = await requireTarget(tx, roomId, userId);
      if (target.role !== 'listener') throw new DomainError('conflict', 'That person is on the stage already.', { field: 'userId' });
      if (target.invitedToSpeak) return;
      const user = await userById(tx, userId);
      if (!user) throw new DomainError('not_in_room', 'That person is not in the room.', { field: 'userId' });
      const w = new RoomWrite(tx, a.room, deps.clock.now());
      await w.setParticipant(target, { ...target, invitedToSpeak: true, invitedBy: me.id });
      await w.emit('room.hand_changed', { user: presentUserSummary(user), handRaised: target.handRaised, invitedToSpeak: true, invitedBy: presentUserSummary(me) }, userId);
      await w.done();
    },
    { key: roomId },
  );
}
