/**
 * The live hallway's data (gateway/hallwayFeed.ts): for the rooms that changed during one tick,
 * the card part every viewer shares, read once per tick whatever the number of subscribers (one
 * read per changed room, one for their stages, one for the speakers' names), and who may see a room.
 */
import { ROOM_LIMITS, type HallwayRoomLive } from '@backchannel/protocol';
import type { RoomRow } from '../../storage/ports/rooms.js';
import type { Tx } from '../../storage/store.js';
import { maySeeRoom } from './access.js';
import { presentHallwayRoom, summaries } from './present.js';

export interface HallwayChanges {
  /** Live rooms that changed, with their shared card. */
  live: Array<{ room: RoomRow; card: HallwayRoomLive }>;
  ended: RoomRow[];
}

const ROLE_ORDER: Record<string, number> = { host: 0, moderator: 1, speaker: 2 };

export async function hallwayChanges(repo: Tx, roomIds: readonly string[]): Promise<HallwayChanges> {
  const rooms = (await Promise.all(roomIds.map((id) => repo.rooms.roomById(id)))).filter((r): r is RoomRow => r !== null);
  const live = rooms.filter((r) => r.status === 'live');
  const stage = await repo.rooms.stage(live.map((r) => r.id));
  const users = await summaries(repo, stage.map((p) => p.userId));
  return {
    live: live.map((room) => {
      const speakers = stage
        .filter((p) => p.roomId === room.id)
        .sort((a, b) => (ROLE_ORDER[a.role] ?? 3) - (ROLE_ORDER[b.role] ?? 3) || a.joinedAt - b.joinedAt)
        .slice(0, ROOM_LIMITS.hallwaySpeakers)
        .flatMap((p) => users.get(p.userId) ?? []);
      const { followedCount: _viewerOnly, ...card } = presentHallwayRoom(room, speakers, 0);
      return { room, card };
    }),
    ended: rooms.filter((r) => r.status === 'ended'),
  };
}

/** Whether `userId` may see `room` in their hallway (domain/rooms/access.ts, the same rule as `GET /v1/rooms`). */
export async function mayListRoom(repo: Tx, userId: string, room: RoomRow): Promise<boolean> {
  return maySeeRoom(repo, userId, room, await repo.rooms.participant(room.id, userId));
}
