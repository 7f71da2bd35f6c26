/** SQLite side of the reports and moderation audit ports. */
import type Database from 'better-sqlite3';
import type { ReportState, ReportTarget } from '@backchannel/protocol';
import type { AuditRepo } from '../ports/audit.js';
import type { ReportsRepo } from '../ports/reports.js';
import type { Row } from '../rows/row.js';
import { toAudit, type AuditRow } from '../rows/audit.js';
import { toReport, type ReportRow } from '../rows/reports.js';
import { guardUnique } from './errors.js';

export class SqliteReports implements ReportsRepo {
  private readonly s;

  constructor(db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      insert: p(`INSERT INTO reports (id, reporter_id, target_kind, target_key, target, reported_user_id, conversation_id, reason, note, context, room, evidence, state, created_at, resolved_at, resolved_by)
        VALUES (@id, @reporterId, @kind, @targetKey, @target, @reportedUserId, @conversationId, @reason, @note, @context, @room, @evidence, @state, @createdAt, @resolvedAt, @resolvedBy)`),
      byKey: p('SELECT * FROM reports WHERE reporter_id = ? AND target_kind = ? AND target_key = ?'),
      byId: p('SELECT * FROM reports WHERE id = ?'),
      list: p('SELECT * FROM reports WHERE state = ? ORDER BY created_at DESC, id DESC LIMIT ?'),
      resolve: p('UPDATE reports SET state = ?, resolved_at = ?, resolved_by = ? WHERE id = ?'),
      deleteOpen: p("DELETE FROM reports WHERE id = ? AND state = 'open'"),
    };
  }

  async insert(row: ReportRow) {
    guardUnique(() => this.s.insert.run({ ...row, kind: row.target.kind, target: JSON.stringify(row.target), context: JSON.stringify(row.context), room: row.room === null ? null : JSON.stringify(row.room), evidence: JSON.stringify(row.evidence ?? []) }));
  }
  async byKey(reporterId: string, kind: ReportTarget['kind'], targetKey: string) {
    const r = this.s.byKey.get(reporterId, kind, targetKey) as Row | undefined;
    return r ? toReport(r) : null;
  }
  async byId(id: string) {
    const r = this.s.byId.get(id) as Row | undefined;
    return r ? toReport(r) : null;
  }
  async list(state: ReportState, limit: number) {
    return (this.s.list.all(state, limit) as Row[]).map(toReport);
  }
  async resolve(id: string, state: ReportState, at: number, by: string) {
    this.s.resolve.run(state, at, by, id);
  }
  async deleteOpen(id: string) {
    return this.s.deleteOpen.run(id).changes > 0;
  }
}

export class SqliteAudit implements AuditRepo {
  private readonly s;

  constructor(db: Database.Database) {
    this.s = {
      insert: db.prepare(`INSERT INTO moderation_audit (id, operator_id, action, report_id, target_id, note, created_at)
        VALUES (@id, @operatorId, @action, @reportId, @targetId, @note, @createdAt)`),
      list: db.prepare('SELECT * FROM moderation_audit ORDER BY created_at DESC, id DESC LIMIT ?'),
    };
  }

  async insert(row: AuditRow) {
    guardUnique(() => this.s.insert.run(row));
  }
  async list(limit: number) {
    return (this.s.list.all(limit) as Row[]).map(toAudit);
  }
}
