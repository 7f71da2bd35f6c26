import type { HistoryQuery, MessagePage } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentMessage } from '../present.js';
import { accessConversation } from '../conversations/access.js';

/**
 * History paging by seq, in both directions: `before` (default: from the newest) pages back,
 * `after` pages forward (catch-up, gap filling). Messages are always returned ascending.
 */
export async function history(deps: Pick<Deps, 'store'>, me: UserRow, conversationId: string, q: HistoryQuery): Promise<MessagePage> {
  if (q.before !== undefined && q.after !== undefined) throw new DomainError('bad_request', 'Give `before` or `after`, not both.', { field: 'after' });
  const r = deps.store.read;
  await accessConversation(r, me.id, conversationId);
  const limit = q.limit ?? 50;
  const rows = await r.history(conversationId, { ...(q.before !== undefined ? { before: q.before } : {}), ...(q.after !== undefined ? { after: q.after } : {}), limit: limit + 1 });
  let page = rows;
  let hasMore = false;
  if (rows.length > limit) {
    hasMore = true;
    page = q.after !== undefined ? rows.slice(0, limit) : rows.slice(rows.length - limit);
  }
  return { messages: page.map(presentMessage), hasMore };
}
