/**
 * PostgreSQL side of the SafetyRepo port (requests, shadow messages, reports, audit); `PgRepo`
 * extends it. None of these tables is part of the event log, so nothing here is journaled.
 */
import type { ReportState, ReportTarget } from '@backchannel/protocol';
import type { AuditRow, GhostMemberRow, ReportRow, RequestRow, SafetyRepo, ShadowMessageRow } from '../safety.js';
import { toAudit, toGhostMember, toReport, toRequest, toShadow, type Row } from '../safetyRows.js';
import { translateError } from './rows.js';
import type { SavepointCarrier } from './hotPath.js';
import type { Queryable } from './handle.js';

export class PgSafetyRepo implements SafetyRepo {
  constructor(
    private readonly sdb: Queryable,
    private readonly scarrier: SavepointCarrier | null = null,
  ) {}

  private async sq(sql: string, params: unknown[] = []): Promise<Row[]> {
    try {
      await this.scarrier?.flush();
      return (await this.sdb.query(sql, params)).rows as Row[];
    } catch (err) {
      throw translateError(err);
    }
  }

  async putRequest(r: RequestRow) {
    await this.sq(
      `INSERT INTO message_requests (conversation_id, recipient_id, sender_id, state, created_at, resolved_at, messages_sent, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (conversation_id, recipient_id) DO UPDATE SET sender_id = excluded.sender_id, state = excluded.state,
         created_at = excluded.created_at, resolved_at = excluded.resolved_at, messages_sent = excluded.messages_sent, expires_at = excluded.expires_at`,
      [r.conversationId, r.recipientId, r.senderId, r.state, r.createdAt, r.resolvedAt, r.messagesSent, r.expiresAt],
    );
  }
  async requestOf(conversationId: string, recipientId: string) {
    const r = (await this.sq('SELECT * FROM message_requests WHERE conversation_id = $1 AND recipient_id = $2', [conversationId, recipientId]))[0];
    return r ? toRequest(r) : null;
  }
  async pendingRequestBetween(senderId: string, recipientId: string) {
    const r = (await this.sq("SELECT * FROM message_requests WHERE sender_id = $1 AND recipient_id = $2 AND state = 'pending'", [senderId, recipientId]))[0];
    return r ? toRequest(r) : null;
  }
  async requestsBetween(senderId: string, recipientId: string) {
    const rows = await this.sq('SELECT * FROM message_requests WHERE sender_id = $1 AND recipient_id = $2 ORDER BY created_at DESC, conversation_id DESC', [senderId, recipientId]);
    return rows.map(toRequest);
  }
  async pendingRequestsTo(recipientId: string, limit: number) {
    const rows = await this.sq("SELECT * FROM message_requests WHERE recipient_id = $1 AND state = 'pending' ORDER BY created_at DESC, conversation_id DESC LIMIT $2", [recipientId, limit]);
    return rows.map(toRequest);
  }
  async countPendingRequestsTo(recipientId: string) {
    return Number((await this.sq("SELECT count(*) AS n FROM message_requests WHERE recipient_id = $1 AND state = 'pending'", [recipientId]))[0]!.n);
  }
  async requestTimesFrom(senderId: string, since: number, limit: number) {
    const rows = await this.sq('SELECT created_at FROM message_requests WHERE sender_id = $1 AND created_at >= $2 ORDER BY created_at LIMIT $3', [senderId, since, limit]);
    return rows.map((r) => Number(r.created_at));
  }
  async requestOutcomesFrom(senderId: string, since: number) {
    const r = (
      await this.sq(
        `SELECT count(*) FILTER (WHERE state NOT IN ('pending', 'expired')) AS answered, count(*) FILTER (WHERE state IN ('deleted', 'blocked', 'reported')) AS refused
         FROM message_requests WHERE sender_id = $1 AND created_at >= $2`,
        [senderId, since],
      )
    )[0]!;
    return { answered: Number(r.answered), refused: Number(r.refused) };
  }
  async stalePendingRequests(now: number, limit: number) {
    return (await this.sq("SELECT * FROM message_requests WHERE state = 'pending' AND expires_at <= $1 ORDER BY expires_at LIMIT $2", [now, limit])).map(toRequest);
  }
  async putGhostMember(g: GhostMemberRow) {
    await this.sq(
      `INSERT INTO ghost_members (conversation_id, user_id, added_by, joined_at, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (conversation_id, user_id) DO UPDATE SET added_by = excluded.added_by, joined_at = excluded.joined_at, expires_at = excluded.expires_at`,
      [g.conversationId, g.userId, g.addedBy, g.joinedAt, g.expiresAt],
    );
  }
  async ghostMembers(conversationId: string) {
    return (await this.sq('SELECT * FROM ghost_members WHERE conversation_id = $1 ORDER BY joined_at, user_id', [conversationId])).map(toGhostMember);
  }
  async removeGhostMember(conversationId: string, userId: string) {
    return (await this.sq('DELETE FROM ghost_members WHERE conversation_id = $1 AND user_id = $2 RETURNING user_id', [conversationId, userId])).length > 0;
  }
  async removeExpiredGhostMembers(now: number) {
    return (await this.sq('DELETE FROM ghost_members WHERE expires_at IS NOT NULL AND expires_at <= $1 RETURNING user_id', [now])).length;
  }
  async insertShadowMessage(m: ShadowMessageRow) {
    await this.sq(
      'INSERT INTO shadow_messages (conversation_id, id, sender_id, after_seq, client_message_id, text, entities, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [m.conversationId, m.id, m.senderId, m.afterSeq, m.clientMessageId, m.text, JSON.stringify(m.entities), m.createdAt],
    );
  }
  async shadowByClientId(conversationId: string, senderId: string, clientMessageId: string) {
    const r = (await this.sq('SELECT * FROM shadow_messages WHERE conversation_id = $1 AND sender_id = $2 AND client_message_id = $3', [conversationId, senderId, clientMessageId]))[0];
    return r ? toShadow(r) : null;
  }
  async shadowMessages(conversationId: string, senderId: string, fromSeq: number, toSeq: number, limit: number) {
    const rows = await this.sq(
      'SELECT * FROM shadow_messages WHERE conversation_id = $1 AND sender_id = $2 AND after_seq >= $3 AND after_seq <= $4 ORDER BY after_seq, ord LIMIT $5',
      [conversationId, senderId, fromSeq, Math.min(toSeq, Number.MAX_SAFE_INTEGER), limit],
    );
    return rows.map(toShadow);
  }
  async shadowMessagesBefore(conversationId: string, senderId: string, beforeSeq: number, limit: number) {
    const rows = await this.sq(
      'SELECT * FROM shadow_messages WHERE conversation_id = $1 AND sender_id = $2 AND after_seq < $3 ORDER BY after_seq DESC, ord DESC LIMIT $4',
      [conversationId, senderId, Math.min(beforeSeq, Number.MAX_SAFE_INTEGER), limit],
    );
    return rows.map(toShadow).reverse();
  }
  async insertReport(r: ReportRow) {
    await this.sq(
      `INSERT INTO reports (id, reporter_id, target_kind, target_key, target, reported_user_id, conversation_id, reason, note, context, state, created_at, resolved_at, resolved_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [r.id, r.reporterId, r.target.kind, r.targetKey, JSON.stringify(r.target), r.reportedUserId, r.conversationId, r.reason, r.note, JSON.stringify(r.context), r.state, r.createdAt, r.resolvedAt, r.resolvedBy],
    );
  }
  async reportByKey(reporterId: string, kind: ReportTarget['kind'], targetKey: string) {
    const r = (await this.sq('SELECT * FROM reports WHERE reporter_id = $1 AND target_kind = $2 AND target_key = $3', [reporterId, kind, targetKey]))[0];
    return r ? toReport(r) : null;
  }
  async reportById(id: string) {
    const r = (await this.sq('SELECT * FROM reports WHERE id = $1', [id]))[0];
    return r ? toReport(r) : null;
  }
  async listReports(state: ReportState, limit: number) {
    return (await this.sq('SELECT * FROM reports WHERE state = $1 ORDER BY created_at DESC, id DESC LIMIT $2', [state, limit])).map(toReport);
  }
  async resolveReport(id: string, state: ReportState, at: number, by: string) {
    await this.sq('UPDATE reports SET state = $1, resolved_at = $2, resolved_by = $3 WHERE id = $4', [state, at, by, id]);
  }
  async deleteOpenReport(id: string) {
    // Under READ COMMITTED a concurrent dismiss holds the row; this waits, re-checks state, and deletes nothing.
    return (await this.sq("DELETE FROM reports WHERE id = $1 AND state = 'open' RETURNING id", [id])).length > 0;
  }
  async insertAudit(a: AuditRow) {
    await this.sq('INSERT INTO moderation_audit (id, operator_id, action, report_id, target_id, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      a.id,
      a.operatorId,
      a.action,
      a.reportId,
      a.targetId,
      a.note,
      a.createdAt,
    ]);
  }
  async listAudit(limit: number) {
    return (await this.sq('SELECT * FROM moderation_audit ORDER BY created_at DESC, id DESC LIMIT $1', [limit])).map(toAudit);
  }
  async messageIdLookup(messageId: string) {
    const r = (await this.sq('SELECT conversation_id, seq FROM messages WHERE id = $1', [messageId]))[0];
    return r ? { conversationId: r.conversation_id as string, seq: Number(r.seq) } : null;
  }
  async replaceMessageContent(conversationId: string, seq: number, text: string) {
    await this.sq("UPDATE messages SET text = $1, entities = '[]' WHERE conversation_id = $2 AND seq = $3", [text, conversationId, seq]);
  }
}
