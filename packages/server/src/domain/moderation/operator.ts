/** Shared by the moderation actions: the operator check, the report presenter and the audit row. */
import type { AuditEntry, Evidence, Message, Report, ReportRoomContext } from '@backchannel/protocol';
import type { Tx, UserRow } from '../../storage/store.js';
import type { AuditRow, ReportRow } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { DomainError } from '../errors.js';
import { presentUserSummary } from '../present.js';

export function requireOperator(me: UserRow): void {
  if (!me.roles.includes('operator')) throw new DomainError('forbidden', 'Only operators can use the moderation queue.');
}

const iso = (ms: number) => new Date(ms).toISOString();

const BEFORE_CHANGES: Pick<Message, 'replyTo' | 'editedAt' | 'tombstone' | 'reactions'> = { replyTo: null, editedAt: null, tombstone: null, reactions: [] };

export async function presentReport(repo: Tx, r: ReportRow): Promise<Report> {
  const [reporter, reported] = await Promise.all([repo.users.byId(r.reporterId), r.reportedUserId ? repo.users.byId(r.reportedUserId) : null]);
  return {
    id: r.id,
    state: r.state,
    reason: r.reason,
    note: r.note,
    target: r.target,
    reporter: reporter ? presentUserSummary(reporter) : { id: r.reporterId, username: '', displayName: '' },
    reportedUser: reported ? presentUserSummary(reported) : null,
    conversationId: r.conversationId,
    // Reports filed before replies and edits existed lack those fields: show them as plain messages.
    context: (r.context as Message[]).map((m) => ({ ...BEFORE_CHANGES, ...m })),
    evidence: (r.evidence ?? []) as Evidence[],
    room: r.room as ReportRoomContext | null,
    createdAt: iso(r.createdAt),
    resolvedAt: r.resolvedAt === null ? null : iso(r.resolvedAt),
    resolvedBy: r.resolvedBy,
  };
}

export const presentAudit = (a: AuditRow): AuditEntry => ({ ...a, createdAt: iso(a.createdAt) });

/** Writes the audit row and, when the action answers a report, closes it as actioned. */
export async function audit(deps: Pick<Deps, 'clock' | 'ids'>, tx: Tx, me: UserRow, action: AuditRow['action'], targetId: string | null, input: { reportId?: string; note?: string }): Promise<void> {
  const now = deps.clock.now();
  if (input.reportId !== undefined) {
    const report = await tx.reports.byId(input.reportId);
    if (!report) throw new DomainError('not_found', 'No such report.', { field: 'reportId' });
    await tx.reports.resolve(report.id, action === 'report.dismissed' ? 'dismissed' : 'actioned', now, me.id);
  }
  await tx.audit.insert({ id: deps.ids.id(), operatorId: me.id, action, reportId: input.reportId ?? null, targetId, note: (input.note ?? '').trim(), createdAt: now });
}
