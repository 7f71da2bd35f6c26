/** SQLite side of the conversations port. */
import type Database from 'better-sqlite3';
import type { ConversationListFilter, ConversationListItem, ConversationsRepo } from '../ports/conversations.js';
import type { Row } from '../rows/row.js';
import { directKey, directPairOfKey, toConversation, type ConversationRow } from '../rows/conversations.js';
import { toMember } from '../rows/members.js';
import { translateUnique } from './errors.js';
import { StatementCache } from './statements.js';

export class SqliteConversations implements ConversationsRepo {
  private readonly s;
  private readonly dynamic: StatementCache;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.dynamic = new StatementCache(db);
    this.s = {
      directId: p('SELECT conversation_id FROM direct_pairs WHERE direct_key = ?'),
      insertPair: p('INSERT INTO direct_pairs (direct_key, conversation_id) VALUES (?, ?)'),
      directKeyOf: p('SELECT direct_key FROM conversations WHERE id = ?'),
      insert: p(`INSERT INTO conversations (id, kind, title, moderator_id, direct_key, last_seq, last_activity_at, created_at)
        VALUES (@id, @kind, @title, @moderatorId, @directKey, @lastSeq, @lastActivityAt, @createdAt)`),
      byId: p('SELECT * FROM conversations WHERE id = ?'),
      setTitle: p('UPDATE conversations SET title = ? WHERE id = ?'),
      setModerator: p('UPDATE conversations SET moderator_id = ? WHERE id = ?'),
      nextSeq: p('UPDATE conversations SET last_seq = last_seq + 1, last_activity_at = ? WHERE id = ? RETURNING last_seq'),
      raiseSeq: p('UPDATE conversations SET last_seq = MAX(last_seq, ?) WHERE id = ?'),
    };
  }

  async directId(a: string, b: string) {
    const r = this.s.directId.get(directKey(a, b)) as Row | undefined;
    return r ? (r.conversation_id as string) : null;
  }
  async directPair(conversationId: string) {
    const r = this.s.directKeyOf.get(conversationId) as { direct_key: string | null } | undefined;
    return r?.direct_key ? directPairOfKey(r.direct_key) : null;
  }
  async insert(row: ConversationRow, key: string | null) {
    try {
      // The pair first: a duplicate 1:1 fails on its key before anything else is written.
      if (key !== null) this.s.insertPair.run(key, row.id);
      this.s.insert.run({ ...row, directKey: key });
    } catch (err) {
      translateUnique(err);
    }
  }
  async byId(id: string) {
    const r = this.s.byId.get(id) as Row | undefined;
    return r ? toConversation(r) : null;
  }
  async setTitle(id: string, title: string | null) {
    this.s.setTitle.run(title, id);
  }
  async setModerator(id: string, moderatorId: string | null) {
    this.s.setModerator.run(moderatorId, id);
  }
  async raiseSeq(conversationId: string, atLeast: number) {
    this.s.raiseSeq.run(atLeast, conversationId);
  }
  async nextSeq(conversationId: string, at: number) {
    const r = this.s.nextSeq.get(at, conversationId) as { last_seq: number } | undefined;
    if (!r) throw new Error(`nextSeq: no conversation ${conversationId}`);
    return r.last_seq;
  }
  async listFor(userId: string, f: ConversationListFilter) {
    const where = ['m.user_id = @u'];
    if (f.folder === 'archived') where.push('m.archived = 1');
    else where.push('m.folder = @folder', 'm.archived = 0');
    // Activity as the member sees it: their own latest shadow message counts (ADR 0006).
    const at = `MAX(c.last_activity_at, COALESCE((SELECT s.created_at FROM shadow_messages s WHERE s.conversation_id = c.id AND s.sender_id = m.user_id
        ORDER BY s.after_seq DESC, s.ord DESC LIMIT 1), 0))`;
    // Pinned conversations all come on the first inbox page; later pages hold the unpinned rest.
    if (f.beforeActivity) where.push(`(${at} < @at OR (${at} = @at AND c.id < @id))`, "(m.pinned = 0 OR @folder <> 'inbox')");
    const order = f.folder === 'inbox' && !f.beforeActivity ? 'm.pinned DESC, view_at DESC, c.id DESC' : 'view_at DESC, c.id DESC';
    const rows = this.dynamic.get(`SELECT c.*, ${at} AS view_at, m.conversation_id AS m_conversation_id, m.user_id, m.folder, m.read_seq, m.muted, m.pinned, m.archived, m.added_by, m.joined_at
        FROM members m JOIN conversations c ON c.id = m.conversation_id WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT @limit`).all({ u: userId, folder: f.folder, limit: f.limit, at: f.beforeActivity?.at, id: f.beforeActivity?.id }) as Row[];
    return rows.map((r): ConversationListItem => ({ conversation: toConversation({ ...r, last_activity_at: r.view_at }), member: toMember({ ...r, conversation_id: r.m_conversation_id }) }));
  }
}
