/**
 * Presence that points at rooms (docs/subsystems/message-requests.md, "Met in a room"): in a 1:1,
 * whether the other person is in a live room now, on its stage or listening, for a DM header's
 * "speaking in <room> now" / "listening in <room>" with a tap to join. The requests inbox's rules
 * apply through `signalAudience(…, 'presence', …)`: nothing leaves someone whose membership is a
 * pending request (the requester learns nothing), nothing crosses a block either way, someone who
 * turned presence off shows nothing, and a room the viewer may not see is never named.
 */
import type { PresenceResponse } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { accessConversation } from '../visibility/access.js';
import { signalAudience } from '../visibility/audience.js';
import { maySeeRoom } from './access.js';

/** Rooms looked at per person: someone is in one room at a time in practice; a few cover a second device. */
const CURRENT_ROOMS = 3;

export async function conversationPresence(deps: Pick<Deps, 'store'>, me: UserRow, conversationId: string): Promise<PresenceResponse> {
  const r = deps.store.read;
  const { conversation } = await accessConversation(r, me.id, conversationId);
  if (conversation.kind !== 'direct') return { presence: null };
  const pair = await r.conversations.directPair(conversationId);
  const otherId = pair?.find((id) => id !== me.id);
  if (!otherId) return { presence: null };
  const other = await r.members.get(conversationId, otherId);
  if (!other) return { presence: null };
  const audience = await signalAudience(r, 'presence', conversation, other);
  if (audience !== 'all' && !audience.includes(me.id)) return { presence: null };
  if (await r.roomVisits.hidesPresence(otherId)) return { presence: null };
  for (const visit of await r.roomVisits.current(otherId, CURRENT_ROOMS)) {
    const room = await r.rooms.roomById(visit.roomId);
    if (!room || room.status !== 'live') continue;
    const theirs = await r.rooms.participant(room.id, otherId);
    if (!theirs?.present) continue;
    if (!(await maySeeRoom(r, me.id, room, await r.rooms.participant(room.id, me.id)))) continue;
    return { presence: { userId: otherId, room: { id: room.id, title: room.title, status: room.status }, onStage: theirs.role !== 'listener' } };
  }
  return { presence: null };
}

export async function presenceSettings(deps: Pick<Deps, 'store'>, me: UserRow): Promise<{ showPresence: boolean }> {
  return { showPresence: !(await deps.store.read.roomVisits.hidesPresence(me.id)) };
}

export async function setPresenceSettings(deps: Pick<Deps, 'store'>, me: UserRow, showPresence: boolean): Promise<{ showPresence: boolean }> {
  await deps.store.write((tx) => tx.roomVisits.setHidesPresence(me.id, !showPresence));
  return { showPresence };
}
