/**
 * PostgreSQL side of the members port. Joining and leaving are journaled: the membership boundary
 * is written at COMMIT with the batch's event positions (journal.ts, ADR 0003).
 */
import type { MemberPosition, MembersRepo } from '../ports/members.js';
import { toMember, type MemberPatch, type MemberRow } from '../rows/members.js';
import type { PgHandle } from './handle.js';

export class PgMembers implements MembersRepo {
  constructor(private readonly h: PgHandle) {}

  async add(m: MemberRow) {
    this.h.record({ kind: 'join', conversationId: m.conversationId, userId: m.userId });
    await this.h.q(
      `INSERT INTO members (conversation_id, user_id, folder, read_seq, muted, pinned, archived, added_by, joined_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (conversation_id, user_id) DO UPDATE SET folder = excluded.folder, read_seq = excluded.read_seq, added_by = excluded.added_by, joined_at = excluded.joined_at`,
      [m.conversationId, m.userId, m.folder, m.readSeq, m.muted, m.pinned, m.archived, m.addedBy, m.joinedAt],
    );
  }
  async remove(conversationId: string, userId: string) {
    this.h.record({ kind: 'leave', conversationId, userId });
    await this.h.q('DELETE FROM members WHERE conversation_id = $1 AND user_id = $2', [conversationId, userId]);
  }
  async get(conversationId: string, userId: string) {
    const r = await this.h.one('SELECT * FROM members WHERE conversation_id = $1 AND user_id = $2', [conversationId, userId]);
    return r ? toMember(r) : null;
  }
  async list(conversationId: string) {
    return (await this.h.q('SELECT * FROM members WHERE conversation_id = $1 ORDER BY joined_at, user_id', [conversationId])).map(toMember);
  }
  async page(conversationId: string, opts: { after?: MemberPosition; limit: number }) {
    const rows = opts.after
      ? await this.h.q('SELECT * FROM members WHERE conversation_id = $1 AND (joined_at, user_id) > ($2, $3) ORDER BY joined_at, user_id LIMIT $4', [conversationId, opts.after.joinedAt, opts.after.userId, opts.limit])
      : await this.h.q('SELECT * FROM members WHERE conversation_id = $1 ORDER BY joined_at, user_id LIMIT $2', [conversationId, opts.limit]);
    return rows.map(toMember);
  }
  async count(conversationId: string) {
    return Number((await this.h.one('SELECT count(*) AS n FROM members WHERE conversation_id = $1', [conversationId]))!.n);
  }
  async listedBlockedBy(conversationId: string, blockerId: string) {
    const rows = await this.h.q(
      `SELECT b.blocked_id AS id FROM blocks b WHERE b.blocker_id = $2 AND (
         EXISTS (SELECT 1 FROM members m WHERE m.conversation_id = $1 AND m.user_id = b.blocked_id)
         OR EXISTS (SELECT 1 FROM ghost_members g WHERE g.conversation_id = $1 AND g.user_id = b.blocked_id))
       ORDER BY b.blocked_id`,
      [conversationId, blockerId],
    );
    return rows.map((r) => r.id as string);
  }
  async withBlock(conversationId: string, userId: string) {
    const rows = await this.h.q(
      `SELECT m.user_id AS id FROM members m WHERE m.conversation_id = $1 AND m.user_id <> $2 AND (
         EXISTS (SELECT 1 FROM blocks WHERE blocker_id = $2 AND blocked_id = m.user_id)
         OR EXISTS (SELECT 1 FROM blocks WHERE blocker_id = m.user_id AND blocked_id = $2))
       ORDER BY m.user_id`,
      [conversationId, userId],
    );
    return rows.map((r) => r.id as string);
  }
  async conversationIdsOf(userId: string) {
    return (await this.h.q('SELECT conversation_id FROM members WHERE user_id = $1', [userId])).map((r) => r.conversation_id as string);
  }
  async update(conversationId: string, userId: string, patch: MemberPatch) {
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
}
