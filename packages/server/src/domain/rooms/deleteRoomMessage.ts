/**
 * Deletes a room chat message: its author, or a host or moderator (a tombstone for everyone, live:
 * `room.message_deleted`). Deleting twice is a no-op; a listener deleting someone else's message is
 * `forbidden`. The chat of an ended room is read-only (`room_ended`).
 */
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError, notFound } from '../errors.js';
import { accessLiveRoom } from './access.js';
import { isStaffRole } from './outbox.js';
import { RoomWrite } from './record.js';

export async function deleteRoomMessage(deps: Pick<Deps, 'store' | 'clock'>, me: UserRow, roomId: string, messageId: string): Promise<void> {
  await deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      const m = await tx.rooms.roomMessageById(roomId, messageId);
      if (!m) throw notFound('message');
      if (m.deleted) return;
      const staff = a.me?.present === true && isStaffRole(a.me.role);
      if (m.senderId !== me.id && !staff) throw new DomainError('forbidden', 'Only the host or a moderator can delete other people\'s messages.');
      const by = m.senderId === me.id ? 'author' : 'moderator';
      await tx.rooms.markRoomMessageDeleted(roomId, messageId, by);
      const w = new RoomWrite(tx, a.room, deps.clock.now());
      await w.emit('room.message_deleted', { messageId, by });
      await w.done();
    },
    { key: roomId },
  );
}
