import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { signalAudience } from '../requests/audience.js';
import { accessConversation } from './access.js';

/**
 * "Is typing" goes to the other members, never stored. Someone reading a pending request sends
 * nothing: the requester must not learn it was opened; blocks cut typing both ways
 * (docs/subsystems/message-requests.md).
 */
export async function signalTyping(deps: Pick<Deps, 'store' | 'bus'>, me: UserRow, conversationId: string): Promise<void> {
  const { conversation, member } = await accessConversation(deps.store.read, me.id, conversationId);
  const audience = await signalAudience(deps.store.read, conversation, member);
  const recipients = audience === 'all' ? (await deps.store.read.members.list(conversationId)).filter((m) => m.userId !== me.id).map((m) => m.userId) : audience;
  if (recipients.length === 0) return;
  deps.bus.publishEphemeral({ type: 'typing', conversationId, userId: me.id, recipients });
}
