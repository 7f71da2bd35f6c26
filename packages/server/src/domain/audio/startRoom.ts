/**
 * `room.started`: the audio service's room becomes a live room here, its host on the stage — the
 * same rows and counts as `createRoom` (domain/rooms/createRoom.ts) writes. Linked by the audio
 * service's room id; a second `room.started` for a linked room (another event id, a second node)
 * changes nothing.
 */
import { ROOM_LIMITS, type AudioEvent } from '@backchannel/protocol';
import type { RoomRow } from '../../storage/ports/rooms.js';
import type { Tx } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { cleanName } from '../text.js';
import { cleanDescription } from '../rooms/chatText.js';
import { roomLimits } from '../rooms/limits.js';
import { userById } from '../rooms/people.js';
import { createBackstage } from '../rooms/backstage.js';
import { newParticipant, RoomWrite } from '../rooms/record.js';

type Started = Extract<AudioEvent, { type: 'room.started' }>;

export async function startRoomByAudio(tx: Tx, deps: Pick<Deps, 'ids' | 'limits'>, event: Started, now: number): Promise<string> {
  const d = event.data;
  const title = cleanName(d.title, 'data.title', ROOM_LIMITS.titleMax);
  const description = cleanDescription(d.description ?? '');
  const host = await userById(tx, d.hostId);
  if (!host) throw new DomainError('not_found', 'No such user.', { field: 'data.hostId' });
  const id = deps.ids.id();
  if (!(await tx.audio.linkRoom(d.roomId, id, now))) return (await tx.audio.roomFor(d.roomId))!;
  const room: RoomRow = {
    id,
    title,
    description,
    visibility: d.visibility ?? 'open',
    status: 'live',
    ownerId: host.id,
    hostId: host.id,
    createdAt: now,
    endedAt: null,
    lastSeq: 0,
    chatEnabled: roomLimits(deps.limits).chatDefaultOn,
    chatMode: 'open',
    slowSeconds: 10,
    speakerCount: 0,
    listenerCount: 0,
    staffAbsentSince: null,
  };
  await tx.rooms.insertRoom(room, []);
  await createBackstage(deps, tx, room, now);
  const w = new RoomWrite(tx, room, now);
  await w.setParticipant(null, newParticipant(id, host.id, 'host', now));
  await w.done();
  await tx.audio.putParticipant({ roomId: id, userId: host.id, lastAt: event.occurredAt, speaking: false });
  return id;
}
