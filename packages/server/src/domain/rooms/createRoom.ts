/**
 * Starts a room: the creator is its host, on the stage. A closed room takes its invite list here
 * (ids that are not people are dropped without a word: the list reveals nothing either way).
 */
import { ROOM_LIMITS, type CreateRoomBody, type Room } from '@backchannel/protocol';
import type { RoomRow } from '../../storage/ports/rooms.js';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { cleanName } from '../text.js';
import { cleanDescription } from './chatText.js';
import { createBackstage } from './backstage.js';
import { getRoom } from './getRoom.js';
import { roomLimits } from './limits.js';
import { usersByIds } from './people.js';
import { newParticipant, RoomWrite } from './record.js';

type D = Pick<Deps, 'store' | 'clock' | 'ids' | 'limits'>;

export async function createRoom(deps: D, me: UserRow, input: CreateRoomBody): Promise<Room> {
  const title = cleanName(input.title, 'title', ROOM_LIMITS.titleMax);
  const description = cleanDescription(input.description ?? '');
  const visibility = input.visibility ?? 'open';
  if (visibility !== 'closed' && (input.invitedUserIds?.length ?? 0) > 0) {
    throw new DomainError('bad_request', 'Only a closed room has an invite list.', { field: 'invitedUserIds' });
  }
  const now = deps.clock.now();
  const id = deps.ids.id();
  const room: RoomRow = {
    id,
    title,
    description,
    visibility,
    status: 'live',
    ownerId: me.id,
    hostId: me.id,
    createdAt: now,
    endedAt: null,
    lastSeq: 0,
    chatEnabled: input.chat?.enabled ?? roomLimits(deps.limits).chatDefaultOn,
    chatMode: input.chat?.mode ?? 'open',
    slowSeconds: input.chat?.slowSeconds ?? 10,
    speakerCount: 0,
    listenerCount: 0,
    staffAbsentSince: null,
  };
  await deps.store.write(
    async (tx) => {
      const invited = visibility === 'closed' ? (await usersByIds(tx, (input.invitedUserIds ?? []).filter((u) => u !== me.id))).map((u) => u.id) : [];
      await tx.rooms.insertRoom(room, invited);
      await createBackstage(deps, tx, room, now);
      const w = new RoomWrite(tx, room, now);
      await w.setParticipant(null, newParticipant(id, me.id, 'host', now));
      await w.done();
    },
    { key: id },
  );
  return getRoom(deps, me, id);
}
