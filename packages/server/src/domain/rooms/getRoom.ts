/** A room as the viewer sees it (`GET /v1/rooms/{id}`); also what every room action returns. */
import type { Room } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { accessRoom } from './access.js';
import { roomLimits } from './limits.js';
import { presentRoom } from './present.js';

export async function getRoom(deps: Pick<Deps, 'store' | 'clock' | 'limits'>, me: UserRow, roomId: string): Promise<Room> {
  const repo = deps.store.read;
  const a = await accessRoom(repo, me, roomId);
  return presentRoom(repo, a.room, me.id, a.me, deps.clock.now(), roomLimits(deps.limits).managedExternally);
}
