/**
 * The hallway: live rooms the viewer may see, rooms with people they follow on the stage first,
 * then by size. One query for the page (it reads the viewer's follows and the live rooms, never
 * every participant: storage/ports/rooms.ts `hallway`), one for the page's stages.
 */
import { ROOM_LIMITS, type HallwayPage } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { roomLimits } from './limits.js';
import { followedAmong } from './people.js';
import { presentHallwayRoom, summaries } from './present.js';

const MAX_OFFSET = 10_000;

/** Page tokens are opaque to clients (`o<offset>` in base64url). */
const encodeToken = (offset: number) => Buffer.from(`o${offset}`).toString('base64url');
function decodeToken(token: string | undefined): number {
  if (token === undefined) return 0;
  const m = /^o(\d{1,6})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  const n = m ? Number(m[1]) : NaN;
  if (!Number.isSafeInteger(n) || n > MAX_OFFSET) throw new DomainError('bad_request', 'Invalid field pageToken: not a token of this list.', { field: 'pageToken' });
  return n;
}

export async function listHallway(deps: Pick<Deps, 'store' | 'limits'>, me: UserRow, query: { limit?: number; pageToken?: string }): Promise<HallwayPage> {
  const limit = query.limit ?? 20;
  const offset = decodeToken(query.pageToken);
  const repo = deps.store.read;
  const rows = await repo.rooms.hallway(me.id, { limit: limit + 1, offset });
  const page = rows.slice(0, limit);
  const stage = await repo.rooms.stage(page.map((r) => r.room.id));
  const followed = await followedAmong(repo, me.id, [...new Set(stage.map((p) => p.userId))]);
  const users = await summaries(repo, stage.map((p) => p.userId));
  const rooms = page.map(({ room, followedCount }) => {
    const onStage = stage.filter((p) => p.roomId === room.id);
    // People the viewer follows first, then the host, then by time on the stage.
    const rank = (id: string, role: string) => (followed.has(id) ? 0 : role === 'host' ? 1 : 2);
    const speakers = [...onStage]
      .sort((a, b) => rank(a.userId, a.role) - rank(b.userId, b.role) || a.joinedAt - b.joinedAt)
      .slice(0, ROOM_LIMITS.hallwaySpeakers)
      .flatMap((p) => users.get(p.userId) ?? []);
    return presentHallwayRoom(room, speakers, followedCount);
  });
  return { rooms, managedExternally: roomLimits(deps.limits).managedExternally ?? false, next: rows.length > limit && offset + limit <= MAX_OFFSET ? encodeToken(offset + limit) : null };
}
