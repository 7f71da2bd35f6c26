/**
 * SQLite side of the members port. SQLite has one writer, so a membership boundary can be written
 * at the current head as the call happens (PostgreSQL journals it until COMMIT, ADR 0003).
 */
import type Database from 'better-sqlite3';
import type { MemberPosition, MembersRepo } from '../ports/members.js';
import type { Row } from '../rows/row.js';
import { toMember, type MemberPatch, type MemberRow } from '../rows/members.js';
import { StatementCache } from './statements.js';

const COLUMNS: Record<keyof MemberPatch, string> = { folder: 'folder', readSeq: 'read_seq', muted: 'muted', pinned: 'pinned', archived: 'archived' };

export class SqliteMembers implements MembersRepo {
  private readonly s;
  private readonly dynamic: StatementCache;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.dynamic = new StatementCache(db);
    this.s = {
      upsert: p(`INSERT INTO members (conversation_id, user_id, folder, read_seq, muted, pinned, archived, added_by, joined_at)
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
      delete: p('DELETE FROM members WHERE conversation_id = ? AND user_id = ?'),
      get: p('SELECT * FROM members WHERE conversation_id = ? AND user_id = ?'),
      list: p('SELECT * FROM members WHERE conversation_id = ? ORDER BY joined_at, user_id'),
      conversationIdsOf: p('SELECT conversation_id FROM members WHERE user_id = ?'),
      first: p('SELECT * FROM members WHERE conversation_id = ? ORDER BY joined_at, user_id LIMIT ?'),
      after: p(`SELECT * FROM members WHERE conversation_id = @c AND (joined_at > @at OR (joined_at = @at AND user_id > @u))
        ORDER BY joined_at, user_id LIMIT @limit`),
      count: p('SELECT count(*) AS n FROM members WHERE conversation_id = ?'),
      // From the blocker's blocks (primary key prefix), each checked against the two member tables.
      listedBlockedBy: p(`SELECT b.blocked_id AS id FROM blocks b WHERE b.blocker_id = @u AND (
          EXISTS (SELECT 1 FROM members m WHERE m.conversation_id = @c AND m.user_id = b.blocked_id)
          OR EXISTS (SELECT 1 FROM ghost_members g WHERE g.conversation_id = @c AND g.user_id = b.blocked_id))
        ORDER BY b.blocked_id`),
      withBlock: p(`SELECT m.user_id AS id FROM members m WHERE m.conversation_id = @c AND m.user_id <> @u AND (
          EXISTS (SELECT 1 FROM blocks WHERE blocker_id = @u AND blocked_id = m.user_id)
          OR EXISTS (SELECT 1 FROM blocks WHERE blocker_id = m.user_id AND blocked_id = @u))
        ORDER BY m.user_id`),
    };
  }

  async add(m: MemberRow) {
    this.s.upsert.run({ ...m, muted: m.muted ? 1 : 0, pinned: m.pinned ? 1 : 0, archived: m.archived ? 1 : 0 });
    this.s.openPeriod.run({ userId: m.userId, conversationId: m.conversationId });
  }
  async remove(conversationId: string, userId: string) {
    this.s.delete.run(conversationId, userId);
    this.s.closePeriod.run(userId, conversationId);
  }
  async get(conversationId: string, userId: string) {
    const r = this.s.get.get(conversationId, userId) as Row | undefined;
    return r ? toMember(r) : null;
  }
  async list(conversationId: string) {
    return (this.s.list.all(conversationId) as Row[]).map(toMember);
  }
  async page(conversationId: string, opts: { after?: MemberPosition; limit: number }) {
    const rows = opts.after
      ? this.s.after.all({ c: conversationId, at: opts.after.joinedAt, u: opts.after.userId, limit: opts.limit })
      : this.s.first.all(conversationId, opts.limit);
    return (rows as Row[]).map(toMember);
  }
  async count(conversationId: string) {
    return (this.s.count.get(conversationId) as { n: number }).n;
  }
  async listedBlockedBy(conversationId: string, blockerId: string) {
    return (this.s.listedBlockedBy.all({ c: conversationId, u: blockerId }) as Row[]).map((r) => r.id as string);
  }
  async withBlock(conversationId: string, userId: string) {
    return (this.s.withBlock.all({ c: conversationId, u: userId }) as Row[]).map((r) => r.id as string);
  }
  async conversationIdsOf(userId: string) {
    return (this.s.conversationIdsOf.all(userId) as Row[]).map((r) => r.conversation_id as string);
  }
  async update(conversationId: string, userId: string, patch: MemberPatch) {
    const sets: string[] = [];
    const vals: Record<string, unknown> = { c: conversationId, u: userId };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) continue;
      sets.push(`${COLUMNS[k as keyof MemberPatch]} = @${k}`);
      vals[k] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    }
    if (sets.length === 0) return;
    this.dynamic.get(`UPDATE members SET ${sets.join(', ')} WHERE conversation_id = @c AND user_id = @u`).run(vals);
  }
}
