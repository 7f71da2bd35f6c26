import type { RequestInfo } from '@backchannel/protocol';
import type { MemberRow, Tx } from '../../storage/store.js';
import { requestRoomLabel, sharedRoomOf } from '../rooms/metInRoom.js';

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The recipient's view of their pending request: who, when, until when, and trust context (mutual
 * follows, the sender's account age when they asked, the latest room both were in), and the room
 * it was sent from, if any (rooms/metInRoom.ts).
 */
export async function presentRequestInfo(repo: Tx, conversationId: string, member: MemberRow): Promise<RequestInfo | null> {
  if (member.folder !== 'requests') return null;
  const request = await repo.requests.of(conversationId, member.userId);
  const senderId = request?.state === 'pending' ? request.senderId : member.addedBy;
  if (!senderId) return null;
  const sender = await repo.users.byId(senderId);
  if (!sender) return null;
  const [mutual, sharedRoom, room] = await Promise.all([repo.graph.mutualFollows(member.userId, senderId, 3), sharedRoomOf(repo, member.userId, senderId), requestRoomLabel(repo, request)]);
  const askedAt = request?.state === 'pending' ? request.createdAt : member.joinedAt;
  return {
    senderId,
    createdAt: iso(askedAt),
    expiresAt: iso(request?.state === 'pending' ? request.expiresAt : askedAt + 30 * 86_400_000),
    linksInert: true,
    blurMedia: true,
    trust: {
      mutualFollowCount: mutual.count,
      mutualFollows: mutual.users.map((u) => ({ id: u.id, username: u.username, displayName: u.displayName })),
      accountCreatedAt: iso(sender.createdAt),
      accountAgeDays: Math.max(0, Math.floor((askedAt - sender.createdAt) / 86_400_000)),
      sharedRoom,
    },
    room,
  };
}
