/**
 * Who a conversation lists as its members. A 1:1 always lists both people (from the pair key),
 * never the live membership; a group lists its members plus its ghost members: people who are not
 * in it but must look as if they were, because they blocked whoever added them or deleted or
 * blocked its request (docs/subsystems/message-requests.md, "One rule for the sender").
 *
 * A conversation carries only the first few of them (`LIMITS.memberPreview`) and their count, so
 * presenting it, or telling its members it changed, costs the same with 3 people or 1,000; the
 * rest are paged (`listedPage`, `GET /v1/conversations/:id/members`).
 */
import { LIMITS } from '@backchannel/protocol';
import type { ConversationRow, MemberPosition, Tx, UserRow } from '../../storage/store.js';
import { DomainError } from '../errors.js';

type Listed = Pick<ConversationRow, 'id' | 'kind'>;

type Place = MemberPosition;

const byPlace = (a: Place, b: Place) => a.joinedAt - b.joinedAt || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

/** Every listed id, in the listed order. O(members): for writes that must see them all (adding members). */
export async function listedMemberIds(repo: Tx, c: Listed): Promise<string[]> {
  if (c.kind === 'direct') {
    const pair = await repo.conversations.directPair(c.id);
    if (pair) return pair;
  }
  const [members, ghosts] = await Promise.all([repo.members.list(c.id), c.kind === 'group' ? repo.ghosts.list(c.id) : []]);
  if (ghosts.length === 0) return members.map((m) => m.userId);
  // The order an unanswered member would have: by when they were added, then by id.
  return [...members, ...ghosts].sort(byPlace).map((m) => m.userId);
}

/** Whether the conversation lists `userId` (a member, or a ghost member of a group). */
export async function isListed(repo: Tx, c: Listed, userId: string): Promise<boolean> {
  if (c.kind === 'direct') {
    const pair = await repo.conversations.directPair(c.id);
    if (pair) return pair.includes(userId);
  }
  if (await repo.members.get(c.id, userId)) return true;
  return c.kind === 'group' && (await repo.ghosts.get(c.id, userId)) !== null;
}

/** How many people the conversation lists. */
export async function listedCount(repo: Tx, c: Listed): Promise<number> {
  if (c.kind === 'direct') {
    const pair = await repo.conversations.directPair(c.id);
    if (pair) return pair.length;
  }
  const [members, ghosts] = await Promise.all([repo.members.count(c.id), c.kind === 'group' ? repo.ghosts.count(c.id) : 0]);
  return members + ghosts;
}

/** Up to `limit` listed places after `after`, in the listed order; members and ghosts merged. */
async function listedPlaces(repo: Tx, c: Listed, limit: number, after?: Place): Promise<Place[]> {
  if (c.kind === 'direct') {
    const pair = await repo.conversations.directPair(c.id);
    // The pair's order is its place: 0 and 1.
    if (pair) return pair.map((userId, i) => ({ joinedAt: i, userId })).filter((p) => !after || p.joinedAt > after.joinedAt).slice(0, limit);
  }
  const opts = { limit, ...(after ? { after } : {}) };
  const [members, ghosts] = await Promise.all([repo.members.page(c.id, opts), c.kind === 'group' ? repo.ghosts.page(c.id, opts) : []]);
  const places = ghosts.length === 0 ? members : [...members, ...ghosts].sort(byPlace);
  return places.slice(0, limit).map((p) => ({ joinedAt: p.joinedAt, userId: p.userId }));
}

/** The first few listed people, for a header (`Conversation.members`); and how many there are. */
export async function memberPreview(repo: Tx, c: Listed): Promise<{ users: UserRow[]; count: number }> {
  const [places, count] = await Promise.all([listedPlaces(repo, c, LIMITS.memberPreview), listedCount(repo, c)]);
  return { users: await repo.users.byIds(places.map((p) => p.userId)), count };
}

/** The page token is "<joinedAt>.<userId>" of the last person of the previous page. */
function parseAfter(token: string | undefined): Place | undefined {
  if (token === undefined) return undefined;
  const m = /^(\d{1,16})\.([A-Za-z0-9_-]{1,64})$/.exec(token);
  if (!m) throw new DomainError('bad_request', 'Invalid page token.', { field: 'after' });
  return { joinedAt: Number(m[1]), userId: m[2]! };
}

/** One page of the listed people, in the listed order, with the token of the next page. */
export async function listedPage(repo: Tx, c: Listed, q: { limit: number; after?: string }): Promise<{ users: UserRow[]; next: string | null }> {
  const places = await listedPlaces(repo, c, q.limit + 1, parseAfter(q.after));
  const page = places.slice(0, q.limit);
  const last = page[page.length - 1];
  return { users: await repo.users.byIds(page.map((p) => p.userId)), next: places.length > q.limit && last ? `${last.joinedAt}.${last.userId}` : null };
}
