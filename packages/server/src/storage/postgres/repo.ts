/**
 * The `Repo` port over PostgreSQL. One class serves reads (over the pool) and, with a journal,
 * the writes of a group-commit transaction (over the batch's connection).
 *
 * Events and membership boundaries are not written when the work calls `appendEvent`/`addMember`/
 * `removeMember`: they are journaled in memory and written at COMMIT by `flushJournal`, after
 * taking the single `event_head` row lock. That is what makes positions gapless and in commit order
 * across nodes, while the lock is held only for the last statements of a batch (ADR 0003).
 */
import { directKey, type ConversationListItem, type ConversationRow, type HistoryRange, type MemberRow, type MessageRow, type Repo, type SessionRow } from '../store.js';
import { toConversation, toMember, toMessage } from './rows.js';

import { PgSafetyRepo } from './safetyRepo.js';
import { PgCredentials } from './credentials.js';
import type { SavepointCarrier } from './hotPath.js';
import { APPEND_MESSAGE, SEND_CONTEXT, toSendContext } from './sendSql.js';
import { PgHandle, type JournalEntry, type Queryable } from './handle.js';
import { PgEvents } from './events.js';
import { PgGraph } from './graph.js';
import { PgUsers } from './users.js';

export class PgRepo extends PgSafetyRepo implements Repo {
  private readonly h: PgHandle;
  private readonly credentials: PgCredentials;
  readonly users: PgUsers;
  readonly graph: PgGraph;
  readonly events: PgEvents;

  /** `journal` is null on the read repo, which refuses writes to the log; `carrier` is the batch's deferred savepoint (hotPath.ts). */
  constructor(db: Queryable, journal: JournalEntry[] | null, carrier: SavepointCarrier | null = null) {
    super(db, carrier);
    this.h = new PgHandle(db, journal, carrier);
    this.credentials = new PgCredentials((sql, params) => this.h.q(sql, params));
    this.users = new PgUsers(this.h);
    this.graph = new PgGraph(this.h);
    this.events = new PgEvents(this.h);
  }

  async insertSession(s: SessionRow) {
    await this.h.q('INSERT INTO sessions (id, user_id, token_hash, created_at, expires_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      s.id, s.userId, s.tokenHash, s.createdAt, s.expiresAt, s.revokedAt,
    ]);
  }
  async sessionByTokenHash(tokenHash: string) {
    const r = await this.h.one('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]);
    if (!r) return null;
    return { id: r.id as string, userId: r.user_id as string, tokenHash: r.token_hash as string, createdAt: r.created_at as number, expiresAt: r.expires_at as number, revokedAt: (r.revoked_at as number | null) ?? null };
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
  async revokeSession(id: string, at: number) {
    await this.h.q('UPDATE sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]);
  }
  async revokeUserSessions(userId: string, at: number) {
    const rows = await this.h.q('UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL RETURNING id', [at, userId]);
    return rows.map((r) => r.id as string);
  }
  async insertInvite(code: string, createdAt: number) {
    await this.h.q('INSERT INTO invites (code, created_at) VALUES ($1, $2)', [code, createdAt]);
  }
  async consumeInvite(code: string, userId: string, at: number) {
    return (await this.h.q('UPDATE invites SET used_by = $1, used_at = $2 WHERE code = $3 AND used_by IS NULL RETURNING code', [userId, at, code])).length === 1;
  }


  async directConversationId(a: string, b: string) {
    const r = await this.h.one('SELECT conversation_id FROM direct_pairs WHERE direct_key = $1', [directKey(a, b)]);
    return r ? (r.conversation_id as string) : null;
  }
  async directPairOf(conversationId: string) {
    const r = await this.h.one('SELECT direct_key FROM conversations WHERE id = $1', [conversationId]);
    const key = r?.direct_key as string | null | undefined;
    if (!key) return null;
    const [a, b] = key.split(':');
    return [a!, b!] as [string, string];
  }
  async insertConversation(row: ConversationRow, key: string | null) {
    // The pair first: a duplicate 1:1 fails on its key before anything else is written.
    if (key !== null) await this.h.q('INSERT INTO direct_pairs (direct_key, conversation_id) VALUES ($1, $2)', [key, row.id]);
    await this.h.q(
      `INSERT INTO conversations (id, kind, title, moderator_id, direct_key, last_seq, last_activity_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [row.id, row.kind, row.title, row.moderatorId, key, row.lastSeq, row.lastActivityAt, row.createdAt],
    );
  }
  async conversationById(id: string) {
    const r = await this.h.one('SELECT * FROM conversations WHERE id = $1', [id]);
    return r ? toConversation(r) : null;
  }
  async setConversationTitle(id: string, title: string | null) {
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
  async addMember(m: MemberRow) {
    this.h.record({ kind: 'join', conversationId: m.conversationId, userId: m.userId });
    await this.h.q(
      `INSERT INTO members (conversation_id, user_id, folder, read_seq, muted, pinned, archived, added_by, joined_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (conversation_id, user_id) DO UPDATE SET folder = excluded.folder, read_seq = excluded.read_seq, added_by = excluded.added_by, joined_at = excluded.joined_at`,
      [m.conversationId, m.userId, m.folder, m.readSeq, m.muted, m.pinned, m.archived, m.addedBy, m.joinedAt],
    );
  }
  async removeMember(conversationId: string, userId: string) {
    this.h.record({ kind: 'leave', conversationId, userId });
    await this.h.q('DELETE FROM members WHERE conversation_id = $1 AND user_id = $2', [conversationId, userId]);
  }
  async member(conversationId: string, userId: string) {
    const r = await this.h.one('SELECT * FROM members WHERE conversation_id = $1 AND user_id = $2', [conversationId, userId]);
    return r ? toMember(r) : null;
  }
  async members(conversationId: string) {
    return (await this.h.q('SELECT * FROM members WHERE conversation_id = $1 ORDER BY joined_at, user_id', [conversationId])).map(toMember);
  }
  async conversationIdsForUser(userId: string) {
    return (await this.h.q('SELECT conversation_id FROM members WHERE user_id = $1', [userId])).map((r) => r.conversation_id as string);
  }
  async updateMember(conversationId: string, userId: string, patch: Parameters<Repo['updateMember']>[2]) {
    const cols = { folder: 'folder', readSeq: 'read_seq', muted: 'muted', pinned: 'pinned', archived: 'archived' } as const;
    const sets: string[] = [];
    const vals: unknown[] = [conversationId, userId];
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      vals.push(v);
      sets.push(`${cols[k as keyof typeof cols]} = $${vals.length}`);
    }
    if (sets.length > 0) await this.h.q(`UPDATE members SET ${sets.join(', ')} WHERE conversation_id = $1 AND user_id = $2`, vals);
  }
  async listConversations(userId: string, f: Parameters<Repo['listConversations']>[1]) {
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

  async sendContext(conversationId: string, senderId: string, clientMessageId: string) {
    return toSendContext((await this.h.hot(SEND_CONTEXT, [conversationId, senderId, clientMessageId]))!);
  }
  async appendMessage(m: Omit<MessageRow, 'seq'>, opts: { senderRead?: boolean } = {}) {
    const r = await this.h.hot(APPEND_MESSAGE, [
      m.conversationId, m.id, m.senderId, m.clientMessageId, m.kind, m.text, JSON.stringify(m.entities), m.system ? JSON.stringify(m.system) : null, m.createdAt, opts.senderRead ?? false,
    ]);
    if (!r) throw new Error(`appendMessage: no conversation ${m.conversationId}`);
    return r.seq as number;
  }
  async insertMessage(m: MessageRow) {
    await this.h.q(
      `INSERT INTO messages (conversation_id, seq, id, sender_id, client_message_id, kind, text, entities, system, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [m.conversationId, m.seq, m.id, m.senderId, m.clientMessageId, m.kind, m.text, JSON.stringify(m.entities), m.system ? JSON.stringify(m.system) : null, m.createdAt],
    );
  }
  async messageByClientId(conversationId: string, senderId: string, clientMessageId: string) {
    const r = await this.h.one('SELECT * FROM messages WHERE conversation_id = $1 AND sender_id = $2 AND client_message_id = $3', [conversationId, senderId, clientMessageId]);
    return r ? toMessage(r) : null;
  }
  async messageBySeq(conversationId: string, seq: number) {
    const r = await this.h.one('SELECT * FROM messages WHERE conversation_id = $1 AND seq = $2', [conversationId, seq]);
    return r ? toMessage(r) : null;
  }
  async history(conversationId: string, range: HistoryRange) {
    if (range.after !== undefined) {
      return (await this.h.q('SELECT * FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3', [conversationId, range.after, range.limit])).map(toMessage);
    }
    const before = range.before ?? Number.MAX_SAFE_INTEGER;
    const rows = await this.h.q('SELECT * FROM messages WHERE conversation_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3', [conversationId, before, range.limit]);
    return rows.map(toMessage).reverse();
  }

}
