/**
 * Raises or lowers the caller's hand (listeners only). Seen by the host, the moderators and the
 * person themselves (`room.hand_changed` addressed to them). Setting it to what it is is a no-op,
 * so a client repeating itself produces no events; the transport rate-limits the calls.
 */
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentUserSummary } from '../present.js';
import { accessLiveRoom, requirePresent } from './access.js';
import { RoomWrite } from './record.js';

export async function setHand(deps: Pick<Deps, 'store' | 'clock'>, me: UserRow, roomId: string, raised: boolean): Promise<void> {
  await deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      const p = requirePresent(a);
      if (p.role !== 'listener') throw new DomainError('conflict', 'You are on the stage already.');
      if (p.handRaised === raised) return;
      const w = new RoomWrite(tx, a.room, deps.clock.now());
      await w.setParticipant(p, { ...p, handRaised: raised });
      await w.emit('room.hand_changed', { user: presentUserSummary(me), handRaised: raised, invitedToSpeak: p.invitedToSpeak }, me.id);
      await w.done();
    },
    { key: roomId },
  );
}
