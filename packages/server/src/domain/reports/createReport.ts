import type { CreateReportBody, ReportReceipt } from '@backchannel/protocol';
import type { UserRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { closePendingFrom } from '../requests/resolveRequest.js';
import { buildReport } from './buildReport.js';

/** Report a message, a conversation or a user; with `block`, also block the reported user (silently). */
export async function createReport(deps: Pick<Deps, 'store' | 'clock' | 'ids' | 'limits'>, me: UserRow, body: CreateReportBody): Promise<{ report: ReportReceipt; created: boolean }> {
  return deps.store.write(async (tx) => {
    const { receipt, created, reportedUserId } = await buildReport(deps, tx, me, body.target, { reason: body.reason, ...(body.note !== undefined ? { note: body.note } : {}) });
    if (body.block && reportedUserId && reportedUserId !== me.id) {
      await tx.graph.setBlock(me.id, reportedUserId, true, deps.clock.now());
      await closePendingFrom(deps, tx, me, reportedUserId, 'reported');
    }
    return { report: receipt, created };
  });
}
