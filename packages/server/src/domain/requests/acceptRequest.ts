import type { Conversation } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { presentConversation } from '../present.js';
import { accessConversation } from '../visibility/access.js';
import { acceptPending, requirePending } from './resolveRequest.js';

/** Accept: the conversation moves to the inbox and the sender gets `request.accepted`. */
export async function acceptRequest(deps: Pick<Deps, 'store' | 'clock' | 'ids'>, me: UserRow, conversationId: string): Promise<Conversation> {
  await deps.store.write(async (tx) => acceptPending(deps, tx, await requirePending(deps, tx, me, conversationId)));
  const { conversation, member } = await accessConversation(deps.store.read, me.id, conversationId);
  return presentConversation(deps.store.read, conversation, member);
}
