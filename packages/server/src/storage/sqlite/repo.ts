/**
 * The `Repo` port over one better-sqlite3 connection. The same class serves the read connection
 * and, inside group-commit transactions, the write connection.
 */
import type Database from 'better-sqlite3';
import {
  directKey,
  type ConversationListItem,
  type ConversationRow,
  type HistoryRange,
  type MemberRow,
  type MessageRow,
  type Repo,
  type SessionRow,
} from '../store.js';
import type { EventRow } from '../rows/events.js';

import { composeSendContext } from '../sendContext.js';
import { translateUnique } from './errors.js';
import { SqliteSafetyRepo } from './safetyRepo.js';
import { SqliteCredentials } from './credentials.js';
import { SqliteEvents } from './events.js';
import { SqliteGraph } from './graph.js';
import { SqliteUsers } from './users.js';
import { toConversation, toMember, toMessage } from './rows.js';

import type { Row } from './rows.js';

export class SqliteRepo extends SqliteSafetyRepo implements Repo {
  private readonly s;
  private readonly credentials: SqliteCredentials;
  readonly users: SqliteUsers;
  readonly graph: SqliteGraph;
  readonly events: SqliteEvents;

  /** `recorded` collects the events appended through this repo (the write connection's). */
  constructor(private readonly db: Database.Database, recorded: EventRow[] | null = null) {
    super(db);
    this.credentials = new SqliteCredentials(db);
    this.users = new SqliteUsers(db);
    this.graph = new SqliteGraph(db);
    this.events = new SqliteEvents(db, recorded);
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insertSession: p('INSERT INTO sessions (id, user_id, token_hash, created_at, expires_at, revoked_at) VALUES (@id, @userId, @tokenHash, @createdAt, @expiresAt, @revokedAt)'),
      sessionByHash: p('SELECT * FROM sessions WHERE token_hash = ?'),
      revokeSession: p('UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      liveSessions: p('SELECT id FROM sessions WHERE user_id = ? AND revoked_at IS NULL'),
      revokeUserSessions: p('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL'),
      insertInvite: p('INSERT INTO invites (code, created_at) VALUES (?, ?)'),
      consumeInvite: p('UPDATE invites SET used_by = ?, used_at = ? WHERE code = ? AND used_by IS NULL'),
      directId: p('SELECT id FROM conversations WHERE direct_key = ?'),
      directKeyOf: p('SELECT direct_key FROM conversations WHERE id = ?'),
      insertConversation: p(`INSERT INTO conversations (id, kind, title, moderator_id, direct_key, last_seq, last_activity_at, created_at)
        VALUES (@id, @kind, @title, @moderatorId, @directKey, @lastSeq, @lastActivityAt, @createdAt)`),
      conversationById: p('SELECT * FROM conversations WHERE id = ?'),
      setTitle: p('UPDATE conversations SET title = ? WHERE id = ?'),
      setModerator: p('UPDATE conversations SET moderator_id = ? WHERE id = ?'),
      nextSeq: p('UPDATE conversations SET last_seq = last_seq + 1, last_activity_at = ? WHERE id = ? RETURNING last_seq'),
      raiseSeq: p('UPDATE conversations SET last_seq = MAX(last_seq, ?) WHERE id = ?'),
      upsertMember: p(`INSERT INTO members (conversation_id, user_id, folder, read_seq, muted, pinned, archived, added_by, joined_at)
        VALUES (@conversationId, @userId, @folder, @readSeq, @muted, @pinned, @archived, @addedBy, @joinedAt)
        ON CONFLICT (conversation_id, user_id) DO UPDATE SET folder = excluded.folder, read_seq = excluded.read_seq,
          added_by = excluded.added_by, joined_at = excluded.joined_at`),
      // A period that closed at the current head is empty; re-joining reopens it (a new row would
      // collide on the key and, ignored, leave the member with no open period).
      openPeriod: p(`INSERT INTO member_periods (user_id, conversation_id, from_pos, to_pos)
        SELECT @userId, @conversationId, COALESCE((SELECT MAX(pos) FROM events), 0), NULL
        WHERE NOT EXISTS (SELECT 1 FROM member_periods WHERE user_id = @userId AND conversation_id = @conversationId AND to_pos IS NULL)
        ON CONFLICT (user_id, conversation_id, from_pos) DO UPDATE SET to_pos = NULL`),
      closePeriod: p(`UPDATE member_periods SET to_pos = COALESCE((SELECT MAX(pos) FROM events), 0)
        WHERE user_id = ? AND conversation_id = ? AND to_pos IS NULL`),
      deleteMember: p('DELETE FROM members WHERE conversation_id = ? AND user_id = ?'),
      member: p('SELECT * FROM members WHERE conversation_id = ? AND user_id = ?'),
      members: p('SELECT * FROM members WHERE conversation_id = ? ORDER BY joined_at, user_id'),
      conversationIdsForUser: p('SELECT conversation_id FROM members WHERE user_id = ?'),
      insertMessage: p(`INSERT INTO messages (conversation_id, seq, id, sender_id, client_message_id, kind, text, entities, system, created_at)
        VALUES (@conversationId, @seq, @id, @senderId, @clientMessageId, @kind, @text, @entities, @system, @createdAt)`),
      markRead: p('UPDATE members SET read_seq = ? WHERE conversation_id = ? AND user_id = ?'),
      messageByClientId: p('SELECT * FROM messages WHERE conversation_id = ? AND sender_id = ? AND client_message_id = ?'),
      messageBySeq: p('SELECT * FROM messages WHERE conversation_id = ? AND seq = ?'),
      historyBefore: p('SELECT * FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?'),
      historyAfter: p('SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq ASC LIMIT ?'),
    };
  }

  /** Statements built from a varying column list, prepared once per distinct SQL text. */
  private readonly dynamic = new Map<string, Database.Statement>();
  private cached(sql: string): Database.Statement {
    let st = this.dynamic.get(sql);
    if (!st) this.dynamic.set(sql, (st = this.db.prepare(sql)));
    return st;
  }


  async insertSession(s: SessionRow) {
    this.s.insertSession.run(s);
  }
  async sessionByTokenHash(tokenHash: string) {
    const r = this.s.sessionByHash.get(tokenHash) as Row | undefined;
    if (!r) return null;
    return {
      id: r.id as string,
      userId: r.user_id as string,
      tokenHash: r.token_hash as string,
      createdAt: r.created_at as number,
      expiresAt: r.expires_at as number,
      revokedAt: (r.revoked_at as number | null) ?? null,
    };
  }
  async revokeSession(id: string, at: number) {
    this.s.revokeSession.run(at, id);
  }
  insertSocketTicket(...args: Parameters<Repo['insertSocketTicket']>) {
    return this.credentials.insertSocketTicket(...args);
  }
  consumeSocketTicket(...args: Parameters<Repo['consumeSocketTicket']>) {
    return this.credentials.consumeSocketTicket(...args);
  }
  serverSecret(...args: Parameters<Repo['serverSecret']>) {
    return this.credentials.serverSecret(...args);
  }
  async revokeUserSessions(userId: string, at: number) {
    const ids = (this.s.liveSessions.all(userId) as Row[]).map((r) => r.id as string);
    this.s.revokeUserSessions.run(at, userId);
    return ids;
  }
  async insertInvite(code: string, createdAt: number) {
    try {
      this.s.insertInvite.run(code, createdAt);
    } catch (err) {
      translateUnique(err);
    }
  }
  async consumeInvite(code: string, userId: string, at: number) {
    return this.s.consumeInvite.run(userId, at, code).changes === 1;
  }
  async directConversationId(a: string, b: string) {
    const r = this.s.directId.get(directKey(a, b)) as Row | undefined;
    return r ? (r.id as string) : null;
  }
  async directPairOf(conversationId: string) {
    const r = this.s.directKeyOf.get(conversationId) as { direct_key: string | null } | undefined;
    if (!r?.direct_key) return null;
    const [a, b] = r.direct_key.split(':');
    return [a!, b!] as [string, string];
  }
  async insertConversation(row: ConversationRow, key: string | null) {
    try {
      this.s.insertConversation.run({ ...row, directKey: key });
    } catch (err) {
      translateUnique(err);
    }
  }
  async conversationById(id: string) {
    const r = this.s.conversationById.get(id) as Row | undefined;
    return r ? toConversation(r) : null;
  }
  async setConversationTitle(id: string, title: string | null) {
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
  async addMember(m: MemberRow) {
    this.s.upsertMember.run({ ...m, muted: m.muted ? 1 : 0, pinned: m.pinned ? 1 : 0, archived: m.archived ? 1 : 0 });
    this.s.openPeriod.run({ userId: m.userId, conversationId: m.conversationId });
  }
  async removeMember(conversationId: string, userId: string) {
    this.s.deleteMember.run(conversationId, userId);
    this.s.closePeriod.run(userId, conversationId);
  }
  async member(conversationId: string, userId: string) {
    const r = this.s.member.get(conversationId, userId) as Row | undefined;
    return r ? toMember(r) : null;
  }
  async members(conversationId: string) {
    return (this.s.members.all(conversationId) as Row[]).map(toMember);
  }
  async conversationIdsForUser(userId: string) {
    return (this.s.conversationIdsForUser.all(userId) as Row[]).map((r) => r.conversation_id as string);
  }
  async updateMember(conversationId: string, userId: string, patch: Parameters<Repo['updateMember']>[2]) {
    const cols: Record<string, string> = { folder: 'folder', readSeq: 'read_seq', muted: 'muted', pinned: 'pinned', archived: 'archived' };
    const sets: string[] = [];
    const vals: Record<string, unknown> = { c: conversationId, u: userId };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      sets.push(`${cols[k]} = @${k}`);
      vals[k] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    }
    if (sets.length === 0) return;
    this.cached(`UPDATE members SET ${sets.join(', ')} WHERE conversation_id = @c AND user_id = @u`).run(vals);
  }
  async listConversations(userId: string, f: Parameters<Repo['listConversations']>[1]) {
    const where = ['m.user_id = @u'];
    if (f.folder === 'archived') where.push('m.archived = 1');
    else where.push('m.folder = @folder', 'm.archived = 0');
    // Activity as the member sees it: their own latest shadow message counts (ADR 0006).
    const at = `MAX(c.last_activity_at, COALESCE((SELECT s.created_at FROM shadow_messages s WHERE s.conversation_id = c.id AND s.sender_id = m.user_id
        ORDER BY s.after_seq DESC, s.rowid DESC LIMIT 1), 0))`;
    // Pinned conversations all come on the first inbox page; later pages hold the unpinned rest.
    if (f.beforeActivity) where.push(`(${at} < @at OR (${at} = @at AND c.id < @id))`, "(m.pinned = 0 OR @folder <> 'inbox')");
    const order = f.folder === 'inbox' && !f.beforeActivity ? 'm.pinned DESC, view_at DESC, c.id DESC' : 'view_at DESC, c.id DESC';
    const rows = this.cached(`SELECT c.*, ${at} AS view_at, m.conversation_id AS m_conversation_id, m.user_id, m.folder, m.read_seq, m.muted, m.pinned, m.archived, m.added_by, m.joined_at
        FROM members m JOIN conversations c ON c.id = m.conversation_id WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT @limit`).all({ u: userId, folder: f.folder, limit: f.limit, at: f.beforeActivity?.at, id: f.beforeActivity?.id }) as Row[];
    return rows.map((r): ConversationListItem => ({ conversation: toConversation({ ...r, last_activity_at: r.view_at }), member: toMember({ ...r, conversation_id: r.m_conversation_id }) }));
  }
  async sendContext(conversationId: string, senderId: string, clientMessageId: string) {
    return composeSendContext(this, conversationId, senderId, clientMessageId);
  }
  async appendMessage(row: Omit<MessageRow, 'seq'>, opts: { senderRead?: boolean } = {}) {
    const seq = await this.nextSeq(row.conversationId, row.createdAt);
    this.insertRow({ ...row, seq });
    if (opts.senderRead) this.s.markRead.run(seq, row.conversationId, row.senderId);
    return seq;
  }
  async insertMessage(m: MessageRow) {
    this.insertRow(m);
  }
  private insertRow(m: MessageRow): void {
    try {
      this.s.insertMessage.run({ ...m, entities: JSON.stringify(m.entities), system: m.system ? JSON.stringify(m.system) : null });
    } catch (err) {
      translateUnique(err);
    }
  }
  async messageByClientId(conversationId: string, senderId: string, clientMessageId: string) {
    const r = this.s.messageByClientId.get(conversationId, senderId, clientMessageId) as Row | undefined;
    return r ? toMessage(r) : null;
  }
  async messageBySeq(conversationId: string, seq: number) {
    const r = this.s.messageBySeq.get(conversationId, seq) as Row | undefined;
    return r ? toMessage(r) : null;
  }
  async history(conversationId: string, range: HistoryRange) {
    if (range.after !== undefined) return (this.s.historyAfter.all(conversationId, range.after, range.limit) as Row[]).map(toMessage);
    const before = range.before ?? Number.MAX_SAFE_INTEGER;
    return (this.s.historyBefore.all(conversationId, before, range.limit) as Row[]).map(toMessage).reverse();
  }
  /** Inserts the event and returns its pos (SQLite has one writer, so AUTOINCREMENT is gapless). */
}
