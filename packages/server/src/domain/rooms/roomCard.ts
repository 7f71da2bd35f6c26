/**
 * A room link's live card (`GET /v1/rooms/{id}/card`): what a message's link to a room shows —
 * title, LIVE or ended, counts and up to three people on the stage, the host first. The room's
 * access rule decides (access.ts): a room the viewer may not see answers `not_found`, exactly as
 * one that does not exist, so a link to it stays a plain link and tells them nothing.
 */
import { ROOM_LIMITS, type RoomCard } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { accessRoom } from './access.js';
import { presentStage } from './present.js';

export async function getRoomCard(deps: Pick<Deps, 'store'>, me: UserRow, roomId: string): Promise<RoomCard> {
  const r = deps.store.read;
  const { room } = await accessRoom(r, me, roomId);
  const live = room.status === 'live';
  const stage = live ? await presentStage(r, me.id, await r.rooms.stage([room.id])) : [];
  return {
    id: room.id,
    title: room.title,
    status: room.status,
    speakerCount: live ? room.speakerCount : 0,
    listenerCount: live ? room.listenerCount : 0,
    speakers: stage.slice(0, ROOM_LIMITS.hallwaySpeakers).map((s) => s.user),
  };
}
