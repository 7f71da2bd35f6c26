/** Conformance: abuse reports (storage/ports/reports.ts). */
import { describe, expect, it } from 'vitest';
import { UniqueViolation, type ReportRow, type Store } from '../store.js';
import { T0 } from './fixtures.js';

function report(id: string, extra: Partial<ReportRow> = {}): ReportRow {
  return {
    id,
    reporterId: 'bob',
    target: { kind: 'message', messageId: `m-${id}` },
    targetKey: `m-${id}`,
    reportedUserId: 'ada',
    conversationId: 'd1',
    reason: 'spam',
    note: '',
    context: [],
    room: null,
    state: 'open',
    createdAt: T0,
    resolvedAt: null,
    resolvedBy: null,
    ...extra,
  };
}

export function reportsConformance(s: () => Store): void {
  describe('reports', () => {
    it('stores a report with its frozen context and finds it by id and by (reporter, kind, key)', async () => {
      const context = [{ id: 'm1', text: 'hello', entities: [], seq: 3 }, { id: 'm2', text: 'ünïcode', nested: { a: [1, null] } }];
      const r = report('r1', { note: 'see context', context, target: { kind: 'conversation', conversationId: 'd1' }, targetKey: 'd1', reportedUserId: null });
      await s().write((tx) => tx.reports.insert(r));
      expect(await s().read.reports.byId('r1')).toEqual(r);
      expect(await s().read.reports.byKey('bob', 'conversation', 'd1')).toEqual(r);
      expect(await s().read.reports.byKey('bob', 'message', 'd1')).toBeNull();
      expect(await s().read.reports.byKey('carl', 'conversation', 'd1')).toBeNull();
      expect(await s().read.reports.byId('missing')).toBeNull();
    });

    it('stores a room chat message report with its frozen room and chat', async () => {
      const room = { id: 'room1', title: 'Late show ✨', messageId: 'rm2', messages: [{ id: 'rm1', text: 'before' }, { id: 'rm2', text: 'the one', entities: [] }] };
      const r = report('r1', { target: { kind: 'room_message', roomId: 'room1', messageId: 'rm2' }, targetKey: 'rm2', conversationId: null, room });
      await s().write((tx) => tx.reports.insert(r));
      expect(await s().read.reports.byId('r1')).toEqual(r);
      expect(await s().read.reports.byKey('bob', 'room_message', 'rm2')).toEqual(r);
      expect(await s().read.reports.byKey('bob', 'message', 'rm2')).toBeNull();
    });

    it('keeps one report per (reporter, kind, key)', async () => {
      await s().write((tx) => tx.reports.insert(report('r1')));
      const err = await s().write((tx) => tx.reports.insert(report('r2', { targetKey: 'm-r1', target: { kind: 'message', messageId: 'm-r1' } }))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UniqueViolation);
      expect(await s().read.reports.byId('r2')).toBeNull();
      await s().write(async (tx) => {
        await tx.reports.insert(report('r3', { targetKey: 'm-r1', reporterId: 'carl' }));
        await tx.reports.insert(report('r4', { targetKey: 'm-r1', target: { kind: 'user', userId: 'm-r1' } }));
      });
      expect(await s().read.reports.byKey('bob', 'user', 'm-r1')).toMatchObject({ id: 'r4' });
    });

    it('lists reports by state, newest first, ties by id descending, and resolves them', async () => {
      await s().write(async (tx) => {
        await tx.reports.insert(report('r1', { createdAt: T0 + 1 }));
        await tx.reports.insert(report('r2', { createdAt: T0 + 3 }));
        await tx.reports.insert(report('r3', { createdAt: T0 + 3 }));
        await tx.reports.insert(report('r4', { createdAt: T0 + 2 }));
      });
      const ids = async (state: ReportRow['state'], limit = 10) => (await s().read.reports.list(state, limit)).map((r) => r.id);
      expect(await ids('open')).toEqual(['r3', 'r2', 'r4', 'r1']);
      expect(await ids('open', 2)).toEqual(['r3', 'r2']);
      await s().write(async (tx) => {
        await tx.reports.resolve('r2', 'dismissed', T0 + 10, 'op1');
        await tx.reports.resolve('r4', 'actioned', T0 + 11, 'op2');
        await tx.reports.resolve('missing', 'actioned', T0 + 11, 'op2');
      });
      expect(await ids('open')).toEqual(['r3', 'r1']);
      expect(await ids('dismissed')).toEqual(['r2']);
      expect(await s().read.reports.byId('r4')).toEqual(report('r4', { createdAt: T0 + 2, state: 'actioned', resolvedAt: T0 + 11, resolvedBy: 'op2' }));
    });

    it('deletes a report only while it is open, and frees its key for a new report', async () => {
      await s().write(async (tx) => {
        await tx.reports.insert(report('r1'));
        await tx.reports.insert(report('r2'));
        await tx.reports.resolve('r2', 'dismissed', T0 + 10, 'op1');
      });
      expect(await s().write((tx) => tx.reports.deleteOpen('r1'))).toBe(true);
      expect(await s().write((tx) => tx.reports.deleteOpen('r1'))).toBe(false);
      expect(await s().write((tx) => tx.reports.deleteOpen('r2'))).toBe(false);
      expect(await s().write((tx) => tx.reports.deleteOpen('missing'))).toBe(false);
      expect(await s().read.reports.byId('r1')).toBeNull();
      expect(await s().read.reports.byId('r2')).toMatchObject({ state: 'dismissed' });
      // The same reporter may report the same target again afterwards.
      await s().write((tx) => tx.reports.insert(report('r3', { targetKey: 'm-r1', target: { kind: 'message', messageId: 'm-r1' } })));
      expect(await s().read.reports.byKey('bob', 'message', 'm-r1')).toMatchObject({ id: 'r3' });
    });
  });
}
