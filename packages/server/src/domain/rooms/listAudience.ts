/** The people in a room, stage first, paged (large audiences are never sent whole or in events). */
import type { AudiencePage } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { accessRoom } from './access.js';
import { presentAudience } from './present.js';

type Cursor = { stageFirst: number; joinedAt: number; userId: string };

const encode = (c: Cursor) => Buffer.from(JSON.stringify([c.stageFirst, c.joinedAt, c.userId])).toString('base64url');
function decode(token: string | undefined): Cursor | undefined {
  if (token === undefined) return undefined;
  try {
    const v: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 3 && (v[0] === 0 || v[0] === 1) && Number.isSafeInteger(v[1]) && typeof v[2] === 'string' && v[2].length <= 64) {
      return { stageFirst: v[0], joinedAt: v[1] as number, userId: v[2] };
    }
  } catch {
    // falls through to the refusal
  }
  throw new DomainError('bad_request', 'Invalid field pageToken: not a token of this list.', { field: 'pageToken' });
}

export async function listAudience(deps: Pick<Deps, 'store'>, me: UserRow, roomId: string, query: { limit?: number; pageToken?: string }): Promise<AudiencePage> {
  const repo = deps.store.read;
  const a = await accessRoom(repo, me, roomId);
  const after = decode(query.pageToken);
  if (a.room.status !== 'live') return { people: [], next: null };
  const limit = query.limit ?? 50;
  const rows = await repo.rooms.audience(roomId, { limit: limit + 1, ...(after ? { after } : {}) });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    people: await presentAudience(repo, page),
    next: rows.length > limit && last ? encode({ stageFirst: last.role === 'listener' ? 1 : 0, joinedAt: last.joinedAt, userId: last.userId }) : null,
  };
}
