/** The host or a moderator switches a room's Q&A on or off, and approval before questions show. */
import type { QaSettings } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { accessLiveRoom, requireStaff } from '../rooms/access.js';
import { RoomWrite } from '../rooms/record.js';
import { presentQaSettings } from './present.js';

export async function setQaSettings(deps: Pick<Deps, 'store' | 'clock'>, me: UserRow, roomId: string, patch: Partial<QaSettings>): Promise<QaSettings> {
  return deps.store.write(
    async (tx) => {
      const a = await accessLiveRoom(tx, me, roomId);
      requireStaff(a);
      const before = presentQaSettings(await tx.questions.settings(roomId));
      const qa: QaSettings = { enabled: patch.enabled ?? before.enabled, requireApproval: patch.requireApproval ?? before.requireApproval };
      if (qa.enabled === before.enabled && qa.requireApproval === before.requireApproval) return qa;
      const now = deps.clock.now();
      await tx.questions.putSettings({ roomId, ...qa, updatedAt: now });
      const w = new RoomWrite(tx, a.room, now);
      await w.emit('room.qa_updated', { qa });
      await w.done();
      return qa;
    },
    { key: roomId },
  );
}
