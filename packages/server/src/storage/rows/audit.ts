/** Rows of the moderation audit area and their one mapper, shared by the SQLite and PostgreSQL backends. */
import type { Row } from './row.js';

export interface AuditRow {
  id: string;
  operatorId: string;
  action: 'report.dismissed' | 'message.removed' | 'user.suspended' | 'report.withdrawn' | 'user.unsuspended' | 'user.deleted';
  reportId: string | null;
  targetId: string | null;
  note: string;
  createdAt: number;
}

export const toAudit = (r: Row): AuditRow => ({
  id: r.id as string,
  operatorId: r.operator_id as string,
  action: r.action as AuditRow['action'],
  reportId: (r.report_id as string | null) ?? null,
  targetId: (r.target_id as string | null) ?? null,
  note: r.note as string,
  createdAt: r.created_at as number,
});
