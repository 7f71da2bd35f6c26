import type { HistoryQuery, Message, MessagePage } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentRows } from '../present.js';
import { accessHistory } from '../visibility/access.js';
import { presentShadows } from '../visibility/shadow.js';

/**
 * History paging by seq, in both directions: `before` (default: from the newest) pages back,
 * `after` pages forward (catch-up, gap filling). Messages are always returned ascending. In a 1:1
 * the viewer's own shadow messages (ADR 0006) are merged in at their seqs.
 */
export async function history(deps: Pick<Deps, 'store'>, me: UserRow, conversationId: string, q: HistoryQuery): Promise<MessagePage> {
  if (q.before !== undefined && q.after !== undefined) throw new DomainError('bad_request', 'Give `before` or `after`, not both.', { field: 'after' });
  const r = deps.store.read;
  const { conversation, uptoSeq } = await accessHistory(r, me.id, conversationId);
  const limit = q.limit ?? 50;
  const forward = q.after !== undefined;
  // A read-only backstage reader sees up to the seq of their leaving (visibility/access.ts › accessHistory).
  const before = uptoSeq === null ? q.before : Math.min(q.before ?? Number.MAX_SAFE_INTEGER, uptoSeq + 1);
  let rows = await r.messages.history(conversationId, { ...(before !== undefined ? { before } : {}), ...(forward ? { after: q.after } : {}), limit: limit + 1 });
  // Forward pages stop there too: with a row past it cut, the page is the last one.
  if (uptoSeq !== null) rows = rows.filter((m) => m.seq <= uptoSeq);
  // The first limit + 1 of each kind in the paging direction hold the first limit + 1 of both.
  const shadows =
    conversation.kind !== 'direct'
      ? []
      : forward
        ? await r.shadows.between(conversationId, me.id, q.after! + 1, Number.MAX_SAFE_INTEGER, limit + 1)
        : await r.shadows.before(conversationId, me.id, q.before ?? Number.MAX_SAFE_INTEGER, limit + 1);
  // Delete for me: what the viewer hid is left out (a seq they hid is absent, as after a block's end).
  const hidden = rows.length === 0 ? new Set<number>() : new Set(await r.messageMarks.hiddenBetween(conversationId, me.id, rows[0]!.seq, rows[rows.length - 1]!.seq));
  let merged: Message[] = await presentRows(r, me.id, conversationId, rows);
  if (shadows.length > 0) {
    const realIds = new Set(merged.map((m) => m.id));
    const rank = (m: { id: string }) => (realIds.has(m.id) ? 0 : 1);
    // Stable: shadows stored before ADR 0006 share a seq and keep their storage order.
    merged = [...merged, ...(await presentShadows(r, conversationId, shadows))].sort((a, b) => a.seq - b.seq || rank(a) - rank(b));
  }
  const hasMore = merged.length > limit;
  const page = !hasMore ? merged : forward ? merged.slice(0, limit) : merged.slice(merged.length - limit);
  const real = new Set(rows.map((m) => m.id));
  return { messages: hidden.size === 0 ? page : page.filter((m) => !(real.has(m.id) && hidden.has(m.seq))), hasMore };
}
