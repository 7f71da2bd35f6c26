import type { RequestList } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { presentConversation } from '../present.js';
import { expireRequests } from './expireRequests.js';

/** The Requests tab: pending requests with trust context, and their count. Expired ones go first. */
export async function listRequests(deps: Pick<Deps, 'store' | 'clock' | 'ids'>, me: UserRow, limit = 50): Promise<RequestList> {
  await expireRequests(deps, { recipientId: me.id });
  const r = deps.store.read;
  const rows = await r.conversations.listFor(me.id, { folder: 'requests', limit });
  const conversations = await Promise.all(rows.map((row) => presentConversation(r, row.conversation, row.member)));
  return { conversations, count: await r.requests.countPendingTo(me.id) };
}
