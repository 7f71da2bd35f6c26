/** PostgreSQL side of the conversations port. */
import type { ConversationListFilter, ConversationListItem, ConversationsRepo } from '../ports/conversations.js';
import { directKey, directPairOfKey, toConversation, type ConversationRow } from '../rows/conversations.js';
import { toMember } from '../rows/members.js';
import type { PgHandle } from './handle.js';

export class PgConversations implements ConversationsRepo {
  constructor(private readonly h: PgHandle) {}

  async directId(a: string, b: string) {
    const r = await this.h.one('SELECT conversation_id FROM direct_pairs WHERE direct_key = $1', [directKey(a, b)]);
    return r ? (r.conversation_id as string) : null;
  }
  async directPair(conversationId: string) {
    const r = await this.h.one('SELECT direct_key FROM conversations WHERE id = $1', [conversationId]);
    const key = r?.direct_key as string | null | undefined;
    return key ? directPairOfKey(key) : null;
  }
  async insert(row: ConversationRow, key: string | null) {
    // The pair first: a duplicate 1:1 fails on its key before anything else is written.
    if (key !== null) await this.h.q('INSERT INTO direct_pairs (direct_key, conversation_id) VALUES ($1, $2)', [key, row.id]);
    await this.h.q(
      `INSERT INTO conversations (id, kind, title, moderator_id, direct_key, last_seq, last_activity_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.id, row.kind, row.title, row.moderatorId, key, row.lastSeq, row.lastActivityAt, row.createdAt],
    );
  }
  async byId(id: string) {
    const r = await this.h.one('SELECT * FROM conversations WHERE id = $1', [id]);
    return r ? toConversation(r) : null;
  }
  async setTitle(id: string, title: string | null) {
    await this.h.q('UPDATE conversations SET title = $1 WHERE id = $2', [title, id]);
  }
  async setModerator(id: string, moderatorId: string | null) {
    await this.h.q('UPDATE conversations SET moderator_id = $1 WHERE id = $2', [moderatorId, id]);
  }
  async raiseSeq(conversationId: string, atLeast: number) {
    await this.h.q('UPDATE conversations SET last_seq = GREATEST(last_seq, $1) WHERE id = $2', [atLeast, conversationId]);
  }
  async nextSeq(conversationId: string, at: number) {
    // The row lock taken here orders concurrent senders of one conversation, on any node.
    const r = await this.h.one('UPDATE conversations SET last_seq = last_seq + 1, last_activity_at = $1 WHERE id = $2 RETURNING last_seq', [at, conversationId]);
    if (!r) throw new Error(`nextSeq: no conversation ${conversationId}`);
    return r.last_seq as number;
  }
  async listFor(userId: string, f: ConversationListFilter) {
    const vals: unknown[] = [userId, f.limit];
    const where = ['m.user_id = $1'];
    if (f.folder === 'archived') where.push('m.archived');
    else {
      vals.push(f.folder);
      where.push(`m.folder = $${vals.length}`, 'NOT m.archived');
    }
    // Activity as the member sees it: their own latest shadow message counts (ADR 0006).
    const at = 'GREATEST(c.last_activity_at, COALESCE(sh.created_at, 0))';
    if (f.beforeActivity) {
      vals.push(f.beforeActivity.at, f.beforeActivity.id);
      where.push(`(${at}, c.id) < ($${vals.length - 1}, $${vals.length})`);
      // Pinned conversations all come on the first inbox page; later pages hold the unpinned rest.
      if (f.folder === 'inbox') where.push('NOT m.pinned');
    }
    const order = f.folder === 'inbox' && !f.beforeActivity ? 'm.pinned DESC, view_at DESC, c.id DESC' : 'view_at DESC, c.id DESC';
    const rows = await this.h.q(
      `SELECT c.*, ${at} AS view_at, m.user_id, m.folder, m.read_seq, m.muted, m.pinned, m.archived, m.added_by, m.joined_at
       FROM members m JOIN conversations c ON c.id = m.conversation_id
       LEFT JOIN LATERAL (SELECT s.created_at FROM shadow_messages s WHERE s.conversation_id = c.id AND s.sender_id = m.user_id ORDER BY s.after_seq DESC, s.ord DESC LIMIT 1) sh ON true
       WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $2`,
      vals,
    );
    return rows.map((r): ConversationListItem => ({ conversation: toConversation({ ...r, last_activity_at: r.view_at }), member: toMember({ ...r, conversation_id: r.id }) }));
  }
}
