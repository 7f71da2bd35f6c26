/**
 * Joins a live room. A listener's arrival is no event (others see the count move); someone who
 * comes back to the stage — the host, or a moderator whose presence had lapsed — is announced with
 * `room.stage_changed`. Joining twice is a no-op.
 */
import type { Room } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import { accessRoom } from './access.js';
import { getRoom } from './getRoom.js';
import { presentUserSummary } from '../present.js';
import { newParticipant, RoomWrite } from './record.js';

type D = Pick<Deps, 'store' | 'clock' | 'limits'>;

export async function joinRoom(deps: D, me: UserRow, roomId: string): Promise<Room> {
  await deps.store.write(
    async (tx) => {
      const a = await accessRoom(tx, me, roomId, { lock: true });
      if (a.room.status !== 'live') {
        // Someone who was there may know it ended; anyone else learns nothing.
        if (a.me) throw new DomainError('room_ended', 'This room has ended.');
        throw notFound('room');
      }
      const now = deps.clock.now();
      if (a.me?.present) {
        await tx.rooms.updateParticipant(roomId, me.id, { lastSeenAt: now });
        return;
      }
      // The host keeps the role while the room is theirs; a moderator keeps theirs; speakers come back as listeners.
      const role = a.room.hostId === me.id ? 'host' : a.me?.role === 'moderator' ? 'moderator' : 'listener';
      const w = new RoomWrite(tx, a.room, now);
      await w.setParticipant(a.me, { ...newParticipant(roomId, me.id, role, now), mutedUntil: a.me?.mutedUntil ?? null, lastChatAt: a.me?.lastChatAt ?? null });
      if (role !== 'listener') await w.emit('room.stage_changed', { user: presentUserSummary(me), role });
      await w.done();
    },
    { key: roomId },
  );
  return getRoom(deps, me, roomId);
}
