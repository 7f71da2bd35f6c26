/**
 * Who may message whom, and where a new conversation lands for its recipient (a profile's
 * `canMessage` is the same verdict). See docs/subsystems/message-requests.md.
 */
import type { Folder } from '@backchannel/protocol';
import type { Tx, UserRow } from '../../storage/store.js';

export interface MessagingVerdict {
  allowed: boolean;
  /** Where a new conversation from `sender` lands for `recipient`. */
  folder: Folder;
}

export async function messagingVerdict(repo: Tx, sender: UserRow, recipient: UserRow): Promise<MessagingVerdict> {
  if (sender.id === recipient.id) return { allowed: false, folder: 'inbox' };
  const [recipientFollowsSender, blocked] = await Promise.all([repo.graph.isFollowing(recipient.id, sender.id), repo.graph.isBlocked(sender.id, recipient.id)]);
  // You cannot start a conversation with someone you blocked (unblock first).
  if (blocked || recipient.suspendedAt !== null) return { allowed: false, folder: 'inbox' };
  if (recipientFollowsSender) return { allowed: true, folder: 'inbox' };
  switch (recipient.whoCanMessage) {
    case 'everyone':
      return { allowed: true, folder: 'requests' };
    case 'following':
    case 'nobody':
      return { allowed: false, folder: 'requests' };
  }
}
