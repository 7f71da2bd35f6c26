/**
 * Room participation records ("who was in which room when", `tx.roomVisits`): written with every
 * participant change that moves someone in or out of the room or onto the stage, read for "met in
 * a room" (requests' trust context, the `rooms` setting of who can message me) and pruned after the
 * met-in-room window (jobs/pruneRoomVisits.ts). See docs/subsystems/message-requests.md.
 */
import type { ParticipantRow } from '../../storage/ports/rooms.js';
import type { Tx } from '../../storage/store.js';

const staged = (p: ParticipantRow | null): boolean => p !== null && p.role !== 'listener';

export async function recordVisit(tx: Tx, roomId: string, before: ParticipantRow | null, after: ParticipantRow, now: number): Promise<void> {
  const was = before?.present ?? false;
  if (after.present && (!was || staged(before) !== staged(after))) await tx.roomVisits.arrive(roomId, after.userId, now, staged(after));
  else if (!after.present && was) await tx.roomVisits.depart(roomId, after.userId, now);
}
