import type { Conversation } from '@backchannel/protocol';
import { UniqueViolation, directKey, type Tx, type UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { messagingVerdict, metInRoomSince } from '../visibility/messaging.js';
import { presentConversation } from '../present.js';
import { visibleUser } from '../users/profiles.js';
import { openRequest } from '../requests/openRequest.js';
import { openToSender } from '../requests/senderRule.js';
import { recordJoined } from '../record.js';
import { requireMetInRoom } from '../rooms/metInRoom.js';

type D = Pick<Deps, 'store' | 'clock' | 'ids' | 'limits'>;

/**
 * Get-or-create the one 1:1 conversation of a pair. A new one lands in the recipient's inbox if
 * they follow the sender, in their Requests otherwise (docs/subsystems/message-requests.md).
 */
export async function openDirect(deps: D, me: UserRow, userId: string, opts: { roomId?: string } = {}): Promise<{ conversation: Conversation; created: boolean }> {
  if (userId === me.id) throw new DomainError('self_action', 'You cannot message yourself.');
  const other = await visibleUser(deps, userId);
  if (opts.roomId !== undefined) await requireMetInRoom(deps.store.read, me, other.id, opts.roomId);
  /**
   * A 1:1 the actor left comes back when they open it again, read up to where it is: anything sent
   * since would have brought them back already (gateSend.ts). A request they had deleted,
   * blocked or reported that its sender still sees as pending comes back to Requests as it was,
   * so their reply accepts it (senderRule.ts).
   */
  const rejoin = async (tx: Tx, conversationId: string, now: number) => {
    const readSeq = (await tx.conversations.byId(conversationId))?.lastSeq ?? 0;
    const asked = await tx.requests.of(conversationId, me.id);
    const refused = asked !== null && asked.state !== 'pending' && openToSender(asked, other.id, now);
    const back = refused && !(await tx.requests.pendingBetween(other.id, me.id));
    await tx.members.add({ conversationId, userId: me.id, folder: back ? 'requests' : 'inbox', readSeq, muted: false, pinned: false, archived: false, addedBy: back ? other.id : null, joinedAt: now });
    if (back) await tx.requests.put({ ...asked, state: 'pending', resolvedAt: null });
    await recordJoined(deps, tx, conversationId, me.id);
  };
  const attempt = () =>
    deps.store.write(async (tx) => {
      const existingId = await tx.conversations.directId(me.id, other.id);
      const now = deps.clock.now();
      if (existingId) {
        if (!(await tx.members.get(existingId, me.id))) await rejoin(tx, existingId, now);
        return { id: existingId, created: false };
      }
      const verdict = await messagingVerdict(tx, me, other, metInRoomSince(deps));
      if (!verdict.allowed) throw new DomainError('cannot_message', `${other.displayName} does not accept messages from you.`);
      const id = deps.ids.id();
      await tx.conversations.insert({ id, kind: 'direct', title: null, moderatorId: null, lastSeq: 0, lastActivityAt: now, createdAt: now }, directKey(me.id, other.id));
      const base = { conversationId: id, readSeq: 0, muted: false, pinned: false, archived: false, joinedAt: now };
      await tx.members.add({ ...base, userId: me.id, folder: 'inbox', addedBy: null });
      await recordJoined(deps, tx, id, me.id);
      // A request from a room's attendee list carries the room ("from <room title>").
      const label = async (createdAt: number) => {
        if (opts.roomId !== undefined) await tx.roomVisits.putRequestRoom({ conversationId: id, recipientId: other.id, roomId: opts.roomId, createdAt });
      };
      // Someone who blocked me never hears of it; my sends there become shadows (ADR 0005), and my
      // side of the request runs as if they simply had not answered (senderRule.ts).
      if (await tx.graph.isBlocked(other.id, me.id)) {
        if (verdict.folder === 'requests') await label((await openRequest(deps, tx, me, other.id, id, { state: 'blocked' })).createdAt);
        return { id, created: true };
      }
      await tx.members.add({ ...base, userId: other.id, folder: verdict.folder, addedBy: me.id });
      if (verdict.folder === 'requests') await label((await openRequest(deps, tx, me, other.id, id)).createdAt);
      await recordJoined(deps, tx, id, other.id);
      return { id, created: true };
    });
  let result: { id: string; created: boolean };
  try {
    result = await attempt();
  } catch (err) {
    // Two nodes raced to create the pair: the unique key picked a winner; use it.
    if (err instanceof UniqueViolation && err.key === 'direct_pair') result = await attempt();
    else throw err;
  }
  const c = (await deps.store.read.conversations.byId(result.id))!;
  const m = (await deps.store.read.members.get(result.id, me.id))!;
  return { conversation: await presentConversation(deps.store.read, c, m), created: result.created };
}
