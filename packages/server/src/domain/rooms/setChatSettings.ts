/** A host or moderator switches the room's chat on or off or changes its mode, live (`room.updated`). */
import type { Room, RoomChatSettings } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { accessLiveRoom, requireStaff } from './access.js';
import { getRoom } from './getRoom.js';
import { roomUpdatedData } from './present.js';
import { RoomWrite } from './record.js';

export async function setChatSettings(deps: Pick<Deps, 'store' | 'clock' | 'limits'>, me: UserRow, roomId: string, input: Partial<RoomChatSettings>): Promise<Room> {
  await deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      requireStaff(a);
      const r = a.room;
      const next = { chatEnabled: input.enabled ?? r.chatEnabled, chatMode: input.mode ?? r.chatMode, slowSeconds: input.slowSeconds ?? r.slowSeconds };
      if (next.chatEnabled === r.chatEnabled && next.chatMode === r.chatMode && next.slowSeconds === r.slowSeconds) return;
      const w = new RoomWrite(tx, r, deps.clock.now());
      w.patch(next);
      await w.emit('room.updated', roomUpdatedData(w.room));
      await w.done();
    },
    { key: roomId },
  );
  return getRoom(deps, me, roomId);
}
