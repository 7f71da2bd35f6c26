/**
 * "Met in a room" (docs/subsystems/message-requests.md): messaging someone from a room's attendee
 * list, and what the recipient of such a request learns about it. Reads the participation records
 * (`tx.roomVisits`, visits.ts), which the hourly job prunes past the met-in-room window.
 */
import type { RoomLabel, SharedRoom } from '@backchannel/protocol';
import type { RequestRow, Tx, UserRow } from '../../storage/store.js';
import { DomainError } from '../errors.js';
import { accessRoom } from './access.js';

/**
 * Messaging `otherId` from room `roomId`'s attendee list: the sender may see the room and both
 * were in it (`not_in_room` otherwise; a room they may not see is `not_found`, as anywhere).
 */
export async function requireMetInRoom(repo: Tx, me: UserRow, otherId: string, roomId: string): Promise<void> {
  await accessRoom(repo, me, roomId);
  const [mine, theirs] = await Promise.all([repo.roomVisits.get(roomId, me.id), repo.roomVisits.get(roomId, otherId)]);
  if (!mine) throw new DomainError('not_in_room', 'Join the room first.', { field: 'roomId' });
  if (!theirs) throw new DomainError('not_in_room', 'That person was not in the room.', { field: 'userId' });
}

const label = (room: { id: string; title: string; status: 'live' | 'ended' }): RoomLabel => ({ id: room.id, title: room.title, status: room.status });

/** The room a pending request was sent from, if it was sent from one (for this request, not an older one of the same conversation). */
export async function requestRoomLabel(repo: Tx, request: RequestRow | null): Promise<RoomLabel | null> {
  if (request?.state !== 'pending') return null;
  const row = await repo.roomVisits.requestRoom(request.conversationId, request.recipientId);
  if (!row || row.createdAt !== request.createdAt) return null;
  const room = await repo.rooms.roomById(row.roomId);
  return room ? label(room) : null;
}

/** The latest room the recipient and the sender were in together that the records still hold ("you were both in <room> on <date>"). */
export async function sharedRoomOf(repo: Tx, recipientId: string, senderId: string): Promise<SharedRoom | null> {
  const [shared] = await repo.roomVisits.shared(recipientId, senderId, 0, 1);
  if (!shared) return null;
  const room = await repo.rooms.roomById(shared.roomId);
  if (!room) return null;
  return { roomId: room.id, title: room.title, at: new Date(shared.at).toISOString(), youWereOnStage: shared.onStage[0], senderWasOnStage: shared.onStage[1] };
}
