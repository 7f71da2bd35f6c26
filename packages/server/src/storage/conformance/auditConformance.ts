/** Conformance: the moderation audit (storage/ports/audit.ts). */
import { describe, expect, it } from 'vitest';
import type { AuditRow, Store } from '../store.js';
import { T0 } from './fixtures.js';

function audit(id: string, createdAt: number, extra: Partial<AuditRow> = {}): AuditRow {
  return { id, operatorId: 'op', action: 'report.dismissed', reportId: null, targetId: null, note: '', createdAt, ...extra };
}

export function auditConformance(s: () => Store): void {
  describe('moderation audit', () => {
    it('lists audit entries newest first, ties by id descending, within the limit', async () => {
      const entries = [
        audit('a1', T0 + 1, { action: 'message.removed', reportId: 'r1', targetId: 'm1', note: 'removed' }),
        audit('a3', T0 + 2, { action: 'user.suspended', targetId: 'u1' }),
        audit('a2', T0 + 2),
      ];
      await s().write(async (tx) => {
        for (const e of entries) await tx.audit.insert(e);
      });
      expect(await s().read.audit.list(10)).toEqual([entries[1], entries[2], entries[0]]);
      expect((await s().read.audit.list(1)).map((a) => a.id)).toEqual(['a3']);
    });
  });
}
