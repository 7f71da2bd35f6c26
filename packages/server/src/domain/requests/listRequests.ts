import type { RequestList } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { listConversations } from '../conversations/listConversations.js';
import { expireRequests } from './expireRequests.js';

/** The Requests tab: pending requests with trust context, and their count. Expired ones go first. */
export async function listRequests(deps: Pick<Deps, 'store' | 'clock' | 'ids'>, me: UserRow, limit = 50): Promise<RequestList> {
  await expireRequests(deps, { recipientId: me.id });
  const page = await listConversations(deps, me, { folder: 'requests', limit });
  return { conversations: page.conversations, count: await deps.store.read.requests.countPendingTo(me.id) };
}
