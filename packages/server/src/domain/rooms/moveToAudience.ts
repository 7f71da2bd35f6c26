/**
 * Moves someone from the stage back to the audience: a host or moderator does it to a speaker (the
 * host also to a moderator), and a speaker or moderator may step down themselves. The host cannot
 * be moved down (they hand over by leaving, or end the room).
 */
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentUserSummary } from '../present.js';
import { accessLiveRoom, requireOutranks, requirePresent, requireStaff, requireTarget } from './access.js';
import { userById } from './people.js';
import { RoomWrite } from './record.js';

export async function moveToAudience(deps: Pick<Deps, 'store' | 'clock'>, me: UserRow, roomId: string, userId: string): Promise<void> {
  await deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      const actor = userId === me.id ? requirePresent(a) : requireStaff(a);
      const target = await requireTarget(tx, roomId, userId);
      if (target.role === 'listener') return;
      if (target.role === 'host') throw new DomainError('forbidden', 'The host cannot be moved to the audience.');
      if (userId !== me.id) requireOutranks(actor, target);
      const user = await userById(tx, userId);
      const w = new RoomWrite(tx, a.room, deps.clock.now());
      await w.setParticipant(target, { ...target, role: 'listener', handRaised: false, invitedToSpeak: false });
      await w.emit('room.stage_changed', { user: user ? presentUserSummary(user) : { id: userId, username: 'unknown', displayName: 'Unknown' }, role: 'listener' });
      await w.done();
    },
    { key: roomId },
  );
}
