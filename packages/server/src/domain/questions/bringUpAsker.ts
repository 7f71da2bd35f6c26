/** From a question, the host or a moderator invites its asker up to speak (rooms/inviteToSpeak.ts). */
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { accessRoom, requireStaff } from '../rooms/access.js';
import { inviteToSpeak } from '../rooms/inviteToSpeak.js';
import { accessQuestion } from './access.js';

export async function bringUpAsker(deps: Pick<Deps, 'store' | 'clock'>, me: UserRow, roomId: string, questionId: string): Promise<{ userId: string }> {
  const a = await accessRoom(deps.store.read, me, roomId);
  const q = await accessQuestion(deps.store.read, a, me.id, questionId);
  requireStaff(a);
  // The invitation's own rules follow: the asker must be in the room, a listener (`not_in_room`, `conflict`).
  await inviteToSpeak(deps, me, roomId, q.askerId);
  return { userId: q.askerId };
}
