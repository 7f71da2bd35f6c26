/** Storage port of the moderation audit log. */
import type { AuditRow } from '../rows/audit.js';

export interface AuditRepo {
  insert(row: AuditRow): Promise<void>;
  /** Newest first, ties by id descending. */
  list(limit: number): Promise<AuditRow[]>;
}
