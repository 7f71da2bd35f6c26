/**
 * `GET /v1/rooms/{id}/backstage`: the room's backstage as the viewer may see it (backstage.ts).
 * A member (on the stage now) gets the conversation as any conversation; someone who left the
 * stage gets it as it was when they left (`readOnly`: its last seq, last message and unread count
 * stop there). A listener who was never on the stage — or anyone who may not see the room — gets
 * `not_found`, the answer for a room without a backstage.
 */
import type { BackstageResponse } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import { presentConversation, presentMessage } from '../present.js';
import { accessHistory } from '../visibility/access.js';
import { accessRoom } from './access.js';

export async function getBackstage(deps: Pick<Deps, 'store'>, me: UserRow, roomId: string): Promise<BackstageResponse> {
  const r = deps.store.read;
  await accessRoom(r, me, roomId);
  const conversationId = await r.backstage.conversationOf(roomId);
  if (conversationId === null) throw notFound();
  const { conversation, member, uptoSeq } = await accessHistory(r, me.id, conversationId);
  if (uptoSeq === null) return { conversation: await presentConversation(r, conversation, member), readOnly: false };
  // As it was when they left: nothing about what was written since.
  const seen = { ...conversation, lastSeq: uptoSeq };
  const presented = await presentConversation(r, seen, member);
  const last = uptoSeq === 0 ? null : ((await r.messages.bySeq(conversationId, uptoSeq)) ?? (await r.messages.history(conversationId, { before: uptoSeq, limit: 1 }))[0] ?? null);
  return {
    conversation: { ...presented, lastSeq: uptoSeq, lastMessage: last ? presentMessage(last) : null, lastActivityAt: last ? new Date(last.createdAt).toISOString() : presented.createdAt, unreadCount: 0 },
    readOnly: true,
  };
}
