import type { MemberListQuery, MemberPage } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { presentUserSummary } from '../present.js';
import { accessConversation } from '../visibility/access.js';
import { listedPage } from '../visibility/listed.js';

/**
 * The people a conversation lists, a page at a time, in the order of `Conversation.members` (which
 * is the first few of them). Members only; a 1:1 lists both people, a group its ghost members too
 * (visibility/listed.ts).
 */
export async function listMembers(deps: Pick<Deps, 'store'>, me: UserRow, conversationId: string, q: MemberListQuery): Promise<MemberPage> {
  const r = deps.store.read;
  const { conversation } = await accessConversation(r, me.id, conversationId);
  const page = await listedPage(r, conversation, { limit: q.limit ?? 50, ...(q.after !== undefined ? { after: q.after } : {}) });
  return { members: page.users.map(presentUserSummary), next: page.next };
}
