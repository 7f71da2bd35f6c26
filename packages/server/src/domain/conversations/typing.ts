import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { accessConversation } from './access.js';

/**
 * "Is typing" goes to the other members, never stored. Someone reading a pending request sends
 * nothing: the requester must not learn it was opened (docs/subsystems/message-requests.md).
 */
export async function signalTyping(deps: Pick<Deps, 'store' | 'bus'>, me: UserRow, conversationId: string): Promise<void> {
  const { member } = await accessConversation(deps.store.read, me.id, conversationId);
  if (member.folder === 'requests') return;
  const members = await deps.store.read.members(conversationId);
  const recipients = members.filter((m) => m.userId !== me.id).map((m) => m.userId);
  deps.bus.publishEphemeral({ type: 'typing', conversationId, userId: me.id, recipients });
}
