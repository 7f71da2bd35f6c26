/**
 * Reports and the moderation queue. Reports are read on demand, not kept in the store: only the
 * queue screens show them, and they must be fresh each time.
 */
import type { AuditEntry, CreateReportBody, Report, ReportReceipt, ReportState } from '@backchannel/protocol';
import type { ControllerDeps } from '../../core/client.js';

export class ModerationController {
  constructor(private readonly deps: ControllerDeps) {}

  /** Anyone may report a message or a person (ReportDialog). */
  report(body: CreateReportBody): Promise<ReportReceipt> {
    return this.deps.client.report(body);
  }

  /** The Undo after a report: allowed by the server until the receipt's `withdrawableUntil`. */
  withdrawReport(reportId: string): Promise<void> {
    return this.deps.client.withdrawReport(reportId);
  }

  // --- The queue (operators; the server checks too). ---

  moderationReports(state: ReportState = 'open'): Promise<Report[]> {
    return this.deps.client.moderationReports({ state, limit: 100 });
  }

  moderationReport(id: string): Promise<Report> {
    return this.deps.client.moderationReport(id);
  }

  dismissReport(id: string, note?: string): Promise<Report> {
    return this.deps.client.dismissReport(id, note ? { note } : {});
  }

  removeMessage(messageId: string, reportId: string, note?: string): Promise<void> {
    return this.deps.client.removeMessage(messageId, note ? { reportId, note } : { reportId });
  }

  suspendUser(userId: string, reportId: string, note?: string): Promise<void> {
    return this.deps.client.suspendUser(userId, note ? { reportId, note } : { reportId });
  }

  moderationAudit(): Promise<AuditEntry[]> {
    return this.deps.client.moderationAudit({ limit: 50 });
  }
}
