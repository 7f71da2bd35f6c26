/**
 * A host or moderator removes someone from the room: they leave it at once, their subscription
 * ends (`room.removed`, to them and the staff), and the room is gone for them from then on (it
 * answers `not_found`, so they cannot join again). Removing twice is a no-op.
 */
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentUserSummary } from '../present.js';
import { accessLiveRoom, requireOutranks, requireStaff } from './access.js';
import { userById } from './people.js';
import { RoomWrite } from './record.js';

export async function removeFromRoom(deps: Pick<Deps, 'store' | 'clock'>, me: UserRow, roomId: string, userId: string): Promise<void> {
  await deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      const actor = requireStaff(a);
      if (userId === me.id) throw new DomainError('self_action', 'Leave the room instead.', { field: 'userId' });
      const target = await tx.rooms.participant(roomId, userId);
      if (!target) throw new DomainError('not_in_room', 'That person is not in the room.', { field: 'userId' });
      if (target.removed) return;
      requireOutranks(actor, target);
      const w = new RoomWrite(tx, a.room, deps.clock.now());
      w.gone(userId);
      await w.setParticipant(target, { ...target, role: 'listener', present: false, removed: true, handRaised: false, invitedToSpeak: false });
      if (target.present && target.role !== 'listener') {
        const user = await userById(tx, userId);
        await w.emit('room.stage_changed', { user: user ? presentUserSummary(user) : { id: userId, username: 'unknown', displayName: 'Unknown' }, role: null });
      }
      await w.emit('room.removed', { userId }, userId);
      await w.done();
    },
    { key: roomId },
  );
}
