import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { accessConversation } from '../visibility/access.js';
import { signalRecipients } from '../visibility/audience.js';

/**
 * "Is typing" goes to the other members, never stored. Someone reading a pending request sends
 * nothing: the requester must not learn it was opened; blocks cut typing both ways
 * (domain/visibility/audience.ts, docs/subsystems/message-requests.md).
 */
export async function signalTyping(deps: Pick<Deps, 'store' | 'bus'>, me: UserRow, conversationId: string): Promise<void> {
  const { conversation, member } = await accessConversation(deps.store.read, me.id, conversationId);
  const recipients = await signalRecipients(deps.store.read, 'typing', conversation, member);
  if (recipients.length === 0) return;
  deps.bus.publishEphemeral({ type: 'typing', conversationId, userId: me.id, recipients });
}
