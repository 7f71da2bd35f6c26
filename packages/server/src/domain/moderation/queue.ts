/** Reading the moderation queue and the audit log (operators only). */
import type { AuditEntry, Report, ReportState } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import { presentAudit, presentReport, requireOperator } from './operator.js';

type D = Pick<Deps, 'store'>;

export async function listReports(deps: D, me: UserRow, q: { state?: ReportState; limit?: number }): Promise<Report[]> {
  requireOperator(me);
  const rows = await deps.store.read.reports.list(q.state ?? 'open', q.limit ?? 50);
  return Promise.all(rows.map((r) => presentReport(deps.store.read, r)));
}

export async function getReport(deps: D, me: UserRow, id: string): Promise<Report> {
  requireOperator(me);
  const r = await deps.store.read.reports.byId(id);
  if (!r) throw notFound('report');
  return presentReport(deps.store.read, r);
}

export async function listAudit(deps: D, me: UserRow, limit = 100): Promise<AuditEntry[]> {
  requireOperator(me);
  return (await deps.store.read.audit.list(limit)).map(presentAudit);
}
