import type { Report } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { notFound } from '../errors.js';
import { audit, requireOperator } from './operator.js';
import { getReport } from './queue.js';

/** Dismiss: the report leaves the open queue; audited. Nobody else is told. */
export async function dismissReport(deps: Pick<Deps, 'store' | 'clock' | 'ids'>, me: UserRow, id: string, note?: string): Promise<Report> {
  requireOperator(me);
  await deps.store.write(async (tx) => {
    if (!(await tx.reports.byId(id))) throw notFound('report');
    await audit(deps, tx, me, 'report.dismissed', id, { reportId: id, ...(note !== undefined ? { note } : {}) });
  });
  return getReport(deps, me, id);
}
