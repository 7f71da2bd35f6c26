/**
 * A reporter takes a report back: the "Undo" after a report filed by mistake (a keyboard slip, the
 * wrong message). Allowed only to the reporter, only within the window (`reportWithdrawSeconds`),
 * and only while no operator has acted on it. The report row is deleted (its frozen context goes
 * with it) and an audit entry keeps the fact that one was filed and withdrawn. Nobody is told, as
 * nobody was told of the report. A block chosen with the report stays: unblocking is its own action.
 */
import type { ReportRow } from '../../storage/store.js';
import type { UserRow } from '../../storage/store.js';
import type { Deps, Limits } from '../deps.js';
import { DomainError, notFound } from '../errors.js';

export const DEFAULT_REPORT_WITHDRAW_MS = 5 * 60_000;

export const reportWithdrawMs = (limits: Limits | undefined): number => limits?.reportWithdrawMs ?? DEFAULT_REPORT_WITHDRAW_MS;

/** The last moment the reporter may withdraw `r`, or null when they no longer can. */
export function withdrawableUntil(r: ReportRow, windowMs: number, now: number): number | null {
  const until = r.createdAt + windowMs;
  return r.state === 'open' && windowMs > 0 && now <= until ? until : null;
}

export async function withdrawReport(deps: Pick<Deps, 'store' | 'clock' | 'ids' | 'limits'>, me: UserRow, id: string): Promise<void> {
  await deps.store.write(async (tx) => {
    const r = await tx.reports.byId(id);
    // Someone else's report looks like no report at all.
    if (!r || r.reporterId !== me.id) throw notFound('report');
    const now = deps.clock.now();
    if (withdrawableUntil(r, reportWithdrawMs(deps.limits), now) === null) throw tooLate(r.state === 'open' ? 'expired' : 'handled');
    // Conditional delete: an operator's dismiss committed meanwhile (another node) wins.
    if (!(await tx.reports.deleteOpen(r.id))) throw tooLate('handled');
    await tx.audit.insert({ id: deps.ids.id(), operatorId: me.id, action: 'report.withdrawn', reportId: r.id, targetId: r.reportedUserId, note: '', createdAt: now });
  });
}

function tooLate(why: 'expired' | 'handled'): DomainError {
  return why === 'expired'
    ? new DomainError('conflict', 'This report can no longer be withdrawn: the time to undo it has passed.')
    : new DomainError('conflict', 'This report can no longer be withdrawn: our team already looked at it.');
}
