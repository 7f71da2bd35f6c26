/**
 * SQLite side of the SafetyRepo port (requests, shadow messages, reports, audit). `SqliteRepo`
 * extends this class, so the same connection serves reads and group-commit transactions.
 */
import type Database from 'better-sqlite3';
import type { ReportState, ReportTarget } from '@backchannel/protocol';
import type { AuditRow, GhostMemberRow, ReportRow, RequestRow, SafetyRepo, ShadowMessageRow } from '../safety.js';
import { toAudit, toGhostMember, toReport, toRequest, toShadow, type Row } from '../safetyRows.js';
import { guardUnique } from './errors.js';

export class SqliteSafetyRepo implements SafetyRepo {
  private readonly q;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.q = {
      putRequest: p(`INSERT INTO message_requests (conversation_id, recipient_id, sender_id, state, created_at, resolved_at, messages_sent, expires_at)
        VALUES (@conversationId, @recipientId, @senderId, @state, @createdAt, @resolvedAt, @messagesSent, @expiresAt)
        ON CONFLICT (conversation_id, recipient_id) DO UPDATE SET sender_id = excluded.sender_id, state = excluded.state,
          created_at = excluded.created_at, resolved_at = excluded.resolved_at, messages_sent = excluded.messages_sent, expires_at = excluded.expires_at`),
      requestOf: p('SELECT * FROM message_requests WHERE conversation_id = ? AND recipient_id = ?'),
      pendingBetween: p("SELECT * FROM message_requests WHERE sender_id = ? AND recipient_id = ? AND state = 'pending'"),
      between: p('SELECT * FROM message_requests WHERE sender_id = ? AND recipient_id = ? ORDER BY created_at DESC, conversation_id DESC'),
      pendingTo: p("SELECT * FROM message_requests WHERE recipient_id = ? AND state = 'pending' ORDER BY created_at DESC, conversation_id DESC LIMIT ?"),
      countPendingTo: p("SELECT count(*) AS n FROM message_requests WHERE recipient_id = ? AND state = 'pending'"),
      timesFrom: p('SELECT created_at FROM message_requests WHERE sender_id = ? AND created_at >= ? ORDER BY created_at LIMIT ?'),
      outcomesFrom: p(`SELECT count(*) FILTER (WHERE state NOT IN ('pending', 'expired')) AS answered,
          count(*) FILTER (WHERE state IN ('deleted', 'blocked', 'reported')) AS refused
        FROM message_requests WHERE sender_id = ? AND created_at >= ?`),
      stale: p("SELECT * FROM message_requests WHERE state = 'pending' AND expires_at <= ? ORDER BY expires_at LIMIT ?"),
      putGhost: p(`INSERT INTO ghost_members (conversation_id, user_id, added_by, joined_at, expires_at) VALUES (@conversationId, @userId, @addedBy, @joinedAt, @expiresAt)
        ON CONFLICT (conversation_id, user_id) DO UPDATE SET added_by = excluded.added_by, joined_at = excluded.joined_at, expires_at = excluded.expires_at`),
      ghosts: p('SELECT * FROM ghost_members WHERE conversation_id = ? ORDER BY joined_at, user_id'),
      removeGhost: p('DELETE FROM ghost_members WHERE conversation_id = ? AND user_id = ?'),
      removeExpiredGhosts: p('DELETE FROM ghost_members WHERE expires_at IS NOT NULL AND expires_at <= ?'),
      insertShadow: p(`INSERT INTO shadow_messages (id, conversation_id, sender_id, after_seq, client_message_id, text, entities, created_at)
        VALUES (@id, @conversationId, @senderId, @afterSeq, @clientMessageId, @text, @entities, @createdAt)`),
      shadowByClientId: p('SELECT * FROM shadow_messages WHERE conversation_id = ? AND sender_id = ? AND client_message_id = ?'),
      shadows: p(`SELECT * FROM shadow_messages WHERE conversation_id = ? AND sender_id = ? AND after_seq >= ? AND after_seq <= ?
        ORDER BY after_seq, rowid LIMIT ?`),
      shadowsBefore: p(`SELECT * FROM shadow_messages WHERE conversation_id = ? AND sender_id = ? AND after_seq < ?
        ORDER BY after_seq DESC, rowid DESC LIMIT ?`),
      insertReport: p(`INSERT INTO reports (id, reporter_id, target_kind, target_key, target, reported_user_id, conversation_id, reason, note, context, state, created_at, resolved_at, resolved_by)
        VALUES (@id, @reporterId, @kind, @targetKey, @target, @reportedUserId, @conversationId, @reason, @note, @context, @state, @createdAt, @resolvedAt, @resolvedBy)`),
      reportByKey: p('SELECT * FROM reports WHERE reporter_id = ? AND target_kind = ? AND target_key = ?'),
      reportById: p('SELECT * FROM reports WHERE id = ?'),
      listReports: p('SELECT * FROM reports WHERE state = ? ORDER BY created_at DESC, id DESC LIMIT ?'),
      resolveReport: p('UPDATE reports SET state = ?, resolved_at = ?, resolved_by = ? WHERE id = ?'),
      deleteOpenReport: p("DELETE FROM reports WHERE id = ? AND state = 'open'"),
      insertAudit: p(`INSERT INTO moderation_audit (id, operator_id, action, report_id, target_id, note, created_at)
        VALUES (@id, @operatorId, @action, @reportId, @targetId, @note, @createdAt)`),
      listAudit: p('SELECT * FROM moderation_audit ORDER BY created_at DESC, id DESC LIMIT ?'),
      messageIdLookup: p('SELECT conversation_id, seq FROM messages WHERE id = ?'),
      replaceContent: p("UPDATE messages SET text = ?, entities = '[]' WHERE conversation_id = ? AND seq = ?"),
    };
  }

  async putRequest(row: RequestRow) {
    guardUnique(() => this.q.putRequest.run(row));
  }
  async requestOf(conversationId: string, recipientId: string) {
    const r = this.q.requestOf.get(conversationId, recipientId) as Row | undefined;
    return r ? toRequest(r) : null;
  }
  async pendingRequestBetween(senderId: string, recipientId: string) {
    const r = this.q.pendingBetween.get(senderId, recipientId) as Row | undefined;
    return r ? toRequest(r) : null;
  }
  async requestsBetween(senderId: string, recipientId: string) {
    return (this.q.between.all(senderId, recipientId) as Row[]).map(toRequest);
  }
  async pendingRequestsTo(recipientId: string, limit: number) {
    return (this.q.pendingTo.all(recipientId, limit) as Row[]).map(toRequest);
  }
  async countPendingRequestsTo(recipientId: string) {
    return (this.q.countPendingTo.get(recipientId) as { n: number }).n;
  }
  async requestTimesFrom(senderId: string, since: number, limit: number) {
    return (this.q.timesFrom.all(senderId, since, limit) as Row[]).map((r) => r.created_at as number);
  }
  async requestOutcomesFrom(senderId: string, since: number) {
    const r = this.q.outcomesFrom.get(senderId, since) as { answered: number; refused: number };
    return { answered: r.answered, refused: r.refused };
  }
  async stalePendingRequests(now: number, limit: number) {
    return (this.q.stale.all(now, limit) as Row[]).map(toRequest);
  }
  async putGhostMember(row: GhostMemberRow) {
    this.q.putGhost.run(row);
  }
  async ghostMembers(conversationId: string) {
    return (this.q.ghosts.all(conversationId) as Row[]).map(toGhostMember);
  }
  async removeGhostMember(conversationId: string, userId: string) {
    return this.q.removeGhost.run(conversationId, userId).changes > 0;
  }
  async removeExpiredGhostMembers(now: number) {
    return this.q.removeExpiredGhosts.run(now).changes;
  }
  async insertShadowMessage(row: ShadowMessageRow) {
    guardUnique(() => this.q.insertShadow.run({ ...row, entities: JSON.stringify(row.entities) }));
  }
  async shadowByClientId(conversationId: string, senderId: string, clientMessageId: string) {
    const r = this.q.shadowByClientId.get(conversationId, senderId, clientMessageId) as Row | undefined;
    return r ? toShadow(r) : null;
  }
  async shadowMessages(conversationId: string, senderId: string, fromSeq: number, toSeq: number, limit: number) {
    return (this.q.shadows.all(conversationId, senderId, fromSeq, toSeq, limit) as Row[]).map(toShadow);
  }
  async shadowMessagesBefore(conversationId: string, senderId: string, beforeSeq: number, limit: number) {
    return (this.q.shadowsBefore.all(conversationId, senderId, beforeSeq, limit) as Row[]).map(toShadow).reverse();
  }
  async insertReport(row: ReportRow) {
    guardUnique(() => this.q.insertReport.run({ ...row, kind: row.target.kind, target: JSON.stringify(row.target), context: JSON.stringify(row.context) }));
  }
  async reportByKey(reporterId: string, kind: ReportTarget['kind'], targetKey: string) {
    const r = this.q.reportByKey.get(reporterId, kind, targetKey) as Row | undefined;
    return r ? toReport(r) : null;
  }
  async reportById(id: string) {
    const r = this.q.reportById.get(id) as Row | undefined;
    return r ? toReport(r) : null;
  }
  async listReports(state: ReportState, limit: number) {
    return (this.q.listReports.all(state, limit) as Row[]).map(toReport);
  }
  async resolveReport(id: string, state: ReportState, at: number, by: string) {
    this.q.resolveReport.run(state, at, by, id);
  }
  async deleteOpenReport(id: string) {
    return this.q.deleteOpenReport.run(id).changes > 0;
  }
  async insertAudit(row: AuditRow) {
    guardUnique(() => this.q.insertAudit.run(row));
  }
  async listAudit(limit: number) {
    return (this.q.listAudit.all(limit) as Row[]).map(toAudit);
  }
  async messageIdLookup(messageId: string) {
    const r = this.q.messageIdLookup.get(messageId) as Row | undefined;
    return r ? { conversationId: r.conversation_id as string, seq: r.seq as number } : null;
  }
  async replaceMessageContent(conversationId: string, seq: number, text: string) {
    this.q.replaceContent.run(text, conversationId, seq);
  }
}
