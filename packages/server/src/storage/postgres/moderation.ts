/** PostgreSQL side of the reports and moderation audit ports. */
import type { ReportState, ReportTarget } from '@backchannel/protocol';
import type { AuditRepo } from '../ports/audit.js';
import type { ReportsRepo } from '../ports/reports.js';
import { toAudit, type AuditRow } from '../rows/audit.js';
import { toReport, type ReportRow } from '../rows/reports.js';
import type { PgHandle } from './handle.js';

export class PgReports implements ReportsRepo {
  constructor(private readonly h: PgHandle) {}

  async insert(r: ReportRow) {
    await this.h.q(
      `INSERT INTO reports (id, reporter_id, target_kind, target_key, target, reported_user_id, conversation_id, reason, note, context, room, evidence, state, created_at, resolved_at, resolved_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [r.id, r.reporterId, r.target.kind, r.targetKey, JSON.stringify(r.target), r.reportedUserId, r.conversationId, r.reason, r.note, JSON.stringify(r.context), r.room === null ? null : JSON.stringify(r.room), JSON.stringify(r.evidence ?? []), r.state, r.createdAt, r.resolvedAt, r.resolvedBy],
    );
  }
  async byKey(reporterId: string, kind: ReportTarget['kind'], targetKey: string) {
    const r = (await this.h.q('SELECT * FROM reports WHERE reporter_id = $1 AND target_kind = $2 AND target_key = $3', [reporterId, kind, targetKey]))[0];
    return r ? toReport(r) : null;
  }
  async byId(id: string) {
    const r = (await this.h.q('SELECT * FROM reports WHERE id = $1', [id]))[0];
    return r ? toReport(r) : null;
  }
  async list(state: ReportState, limit: number) {
    return (await this.h.q('SELECT * FROM reports WHERE state = $1 ORDER BY created_at DESC, id DESC LIMIT $2', [state, limit])).map(toReport);
  }
  async resolve(id: string, state: ReportState, at: number, by: string) {
    await this.h.q('UPDATE reports SET state = $1, resolved_at = $2, resolved_by = $3 WHERE id = $4', [state, at, by, id]);
  }
  async deleteOpen(id: string) {
    // Under READ COMMITTED a concurrent dismiss holds the row; this waits, re-checks state, and deletes nothing.
    return (await this.h.q("DELETE FROM reports WHERE id = $1 AND state = 'open' RETURNING id", [id])).length > 0;
  }
}

export class PgAudit implements AuditRepo {
  constructor(private readonly h: PgHandle) {}

  async insert(a: AuditRow) {
    await this.h.q('INSERT INTO moderation_audit (id, operator_id, action, report_id, target_id, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      a.id,
      a.operatorId,
      a.action,
      a.reportId,
      a.targetId,
      a.note,
      a.createdAt,
    ]);
  }
  async list(limit: number) {
    return (await this.h.q('SELECT * FROM moderation_audit ORDER BY created_at DESC, id DESC LIMIT $1', [limit])).map(toAudit);
  }
}
