/**
 * Who may message whom, and where a new conversation lands for its recipient (a profile's
 * `canMessage` is the same verdict). See docs/subsystems/message-requests.md.
 */
import type { Folder } from '@backchannel/protocol';
import type { Tx, UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';

/** How long people count as having met in a room (and their participation records are kept). */
export const DEFAULT_MET_IN_ROOM_MS = 30 * 86_400_000;

/** The start of the met-in-room window: rooms shared since then count (`whoCanMessage: 'rooms'`, trust context). */
export const metInRoomSince = (deps: Pick<Deps, 'clock' | 'limits'>): number => deps.clock.now() - (deps.limits.metInRoomMs ?? DEFAULT_MET_IN_ROOM_MS);

export interface MessagingVerdict {
  allowed: boolean;
  /** Where a new conversation from `sender` lands for `recipient`. */
  folder: Folder;
}

/** `metSince`: rooms both were in since then count for `whoCanMessage: 'rooms'` (metInRoomSince). */
export async function messagingVerdict(repo: Tx, sender: UserRow, recipient: UserRow, metSince: number): Promise<MessagingVerdict> {
  if (sender.id === recipient.id) return { allowed: false, folder: 'inbox' };
  const [recipientFollowsSender, blocked] = await Promise.all([repo.graph.isFollowing(recipient.id, sender.id), repo.graph.isBlocked(sender.id, recipient.id)]);
  // You cannot start a conversation with someone you blocked (unblock first).
  if (blocked || recipient.suspendedAt !== null) return { allowed: false, folder: 'inbox' };
  if (recipientFollowsSender) return { allowed: true, folder: 'inbox' };
  switch (recipient.whoCanMessage) {
    case 'everyone':
      return { allowed: true, folder: 'requests' };
    case 'rooms':
      // People I follow (above) and people from rooms I was in lately, whose messages are requests.
      return { allowed: (await repo.roomVisits.shared(recipient.id, sender.id, metSince, 1)).length > 0, folder: 'requests' };
    case 'following':
    case 'nobody':
      return { allowed: false, folder: 'requests' };
  }
}
