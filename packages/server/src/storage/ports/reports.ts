/** Storage port of abuse reports (docs/subsystems/message-requests.md, moderation). */
import type { ReportState, ReportTarget } from '@backchannel/protocol';
import type { ReportRow } from '../rows/reports.js';

export interface ReportsRepo {
  insert(row: ReportRow): Promise<void>;
  byKey(reporterId: string, kind: ReportTarget['kind'], targetKey: string): Promise<ReportRow | null>;
  byId(id: string): Promise<ReportRow | null>;
  /** Newest first, ties by id descending. */
  list(state: ReportState, limit: number): Promise<ReportRow[]>;
  resolve(id: string, state: ReportState, at: number, by: string): Promise<void>;
  /** Deletes the report only while it is still open; false when it is gone or an operator already acted. */
  deleteOpen(id: string): Promise<boolean>;
}
