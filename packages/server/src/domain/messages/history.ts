import type { HistoryQuery, MessagePage } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentMessage } from '../present.js';
import { accessConversation } from '../conversations/access.js';
import { shadowsFor } from '../requests/shadow.js';

/**
 * History paging by seq, in both directions: `before` (default: from the newest) pages back,
 * `after` pages forward (catch-up, gap filling). Messages are always returned ascending.
 */
export async function history(deps: Pick<Deps, 'store'>, me: UserRow, conversationId: string, q: HistoryQuery): Promise<MessagePage> {
  if (q.before !== undefined && q.after !== undefined) throw new DomainError('bad_request', 'Give `before` or `after`, not both.', { field: 'after' });
  const r = deps.store.read;
  const { conversation } = await accessConversation(r, me.id, conversationId);
  const limit = q.limit ?? 50;
  const rows = await r.history(conversationId, { ...(q.before !== undefined ? { before: q.before } : {}), ...(q.after !== undefined ? { after: q.after } : {}), limit: limit + 1 });
  let page = rows;
  let hasMore = false;
  if (rows.length > limit) {
    hasMore = true;
    page = q.after !== undefined ? rows.slice(0, limit) : rows.slice(rows.length - limit);
  }
  // My own shadow messages (ADR 0005) sit after the real message whose seq they carry.
  const from = page[0]?.seq ?? (q.after ?? 0);
  const to = hasMore || q.before !== undefined ? (page.at(-1)?.seq ?? from) : Number.MAX_SAFE_INTEGER;
  const shadows = await shadowsFor(r, conversation, me.id, from, Math.min(to, q.before !== undefined ? q.before - 1 : to), limit);
  const messages = page.map(presentMessage);
  if (shadows.length === 0) return { messages, hasMore };
  const realIds = new Set(messages.map((m) => m.id));
  const rank = (m: { id: string }) => (realIds.has(m.id) ? 0 : 1);
  // A stable sort keeps the storage order of shadows that follow the same seq.
  const merged = [...messages, ...shadows].sort((a, b) => a.seq - b.seq || rank(a) - rank(b));
  return { messages: merged, hasMore };
}
