/**
 * Room chat history: the last 50 messages for someone who joins, and paging back with `before`.
 * In a live room it is for the people in it; after the end it is the replay, readable by whoever
 * may see the room, for the retention period.
 */
import { ROOM_LIMITS, type RoomMessagePage } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { accessRoom, requirePresent } from './access.js';
import { presentRoomMessages } from './present.js';

export async function roomHistory(deps: Pick<Deps, 'store'>, me: UserRow, roomId: string, query: { before?: number; limit?: number }): Promise<RoomMessagePage> {
  const repo = deps.store.read;
  const a = await accessRoom(repo, me, roomId);
  if (a.room.status === 'live') requirePresent(a);
  const limit = query.limit ?? ROOM_LIMITS.chatBacklog;
  const rows = await repo.rooms.roomMessages(roomId, { limit: limit + 1, ...(query.before !== undefined ? { before: query.before } : {}) });
  const page = rows.slice(-limit);
  return { messages: await presentRoomMessages(repo, page), hasMore: rows.length > limit };
}
