/**
 * Conformance: shadow messages of silent blocks (ADR 0005), reports, the moderation audit and the
 * message lookups moderation uses (storage/safety.ts).
 */
import { describe, expect, it } from 'vitest';
import type { AuditRow, ReportRow, ShadowMessageRow } from '../store.js';
import { UniqueViolation, type Store } from '../store.js';
import { T0, message } from './fixtures.js';

function shadow(id: string, afterSeq: number, extra: Partial<ShadowMessageRow> = {}): ShadowMessageRow {
  return { id, conversationId: 'd1', senderId: 'ada', afterSeq, clientMessageId: `cm-${id}`, text: `shadow ${id}`, entities: [], createdAt: T0 + afterSeq, ...extra };
}

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
    state: 'open',
    createdAt: T0,
    resolvedAt: null,
    resolvedBy: null,
    ...extra,
  };
}

function audit(id: string, createdAt: number, extra: Partial<AuditRow> = {}): AuditRow {
  return { id, operatorId: 'op', action: 'report.dismissed', reportId: null, targetId: null, note: '', createdAt, ...extra };
}

export function moderationConformance(s: () => Store): void {
  describe('shadow messages', () => {
    it('stores a shadow message and finds it by client id, for its sender only', async () => {
      const row = shadow('s1', 4, { text: 'hé <b> https://x.test', entities: [{ type: 'link', offset: 7, length: 14, url: 'https://x.test' }] });
      await s().write((tx) => tx.shadows.insert(row));
      expect(await s().read.shadows.byClientId('d1', 'ada', 'cm-s1')).toEqual(row);
      expect(await s().read.shadows.byClientId('d1', 'bob', 'cm-s1')).toBeNull();
      expect(await s().read.shadows.byClientId('d2', 'ada', 'cm-s1')).toBeNull();
      // A shadow message is not a conversation message: it has no seq and no message id lookup.
      expect(await s().read.messages.bySeq('d1', 4)).toBeNull();
      expect(await s().read.messages.locate('s1')).toBeNull();
    });

    it('rejects the same client id twice from one sender in one conversation, as a client-id clash', async () => {
      await s().write((tx) => tx.shadows.insert(shadow('s1', 1)));
      const err = await s().write((tx) => tx.shadows.insert(shadow('s2', 2, { clientMessageId: 'cm-s1' }))).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UniqueViolation);
      // sendMessage answers a client-id clash by reading the original (a retry raced on another node).
      expect((err as UniqueViolation).key).toBe('client_message_id');
      await s().write(async (tx) => {
        await tx.shadows.insert(shadow('s3', 2, { clientMessageId: 'cm-s1', senderId: 'carl' }));
        await tx.shadows.insert(shadow('s4', 2, { clientMessageId: 'cm-s1', conversationId: 'd2' }));
      });
      expect(await s().read.shadows.byClientId('d1', 'carl', 'cm-s1')).toMatchObject({ id: 's3' });
    });

    it('lists a sender’s shadow messages in an afterSeq range, in send order, within the limit', async () => {
      // Inserted out of id order and across writes: order is afterSeq, then the order they were sent.
      await s().write(async (tx) => {
        await tx.shadows.insert(shadow('z', 2));
        await tx.shadows.insert(shadow('a', 2));
        await tx.shadows.insert(shadow('m', 0));
      });
      await s().write(async (tx) => {
        await tx.shadows.insert(shadow('b', 2));
        await tx.shadows.insert(shadow('c', 5));
        await tx.shadows.insert(shadow('other-sender', 2, { senderId: 'bob' }));
        await tx.shadows.insert(shadow('other-conv', 2, { conversationId: 'd2' }));
      });
      const ids = async (from: number, to: number, limit = 100) => (await s().read.shadows.between('d1', 'ada', from, to, limit)).map((m) => m.id);
      expect(await ids(0, Number.MAX_SAFE_INTEGER)).toEqual(['m', 'z', 'a', 'b', 'c']);
      expect(await ids(2, 2)).toEqual(['z', 'a', 'b']);
      expect(await ids(1, 4)).toEqual(['z', 'a', 'b']);
      expect(await ids(0, 5, 2)).toEqual(['m', 'z']);
      expect(await ids(6, 9)).toEqual([]);
      expect(await s().read.shadows.between('d1', 'ada', 5, 5, 10)).toEqual([shadow('c', 5)]);
    });
  });

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

  describe('message lookup and removal', () => {
    it('finds any message by id and replaces its content with a tombstone, dropping entities', async () => {
      const m = { ...message('c1', 2, 'ada', 'cm-1'), entities: [{ type: 'link', offset: 0, length: 5, url: 'https://x.test' }] as never };
      await s().write(async (tx) => {
        await tx.messages.insert(message('c1', 1, 'ada'));
        await tx.messages.insert(m);
      });
      expect(await s().read.messages.locate(m.id)).toEqual({ conversationId: 'c1', seq: 2 });
      expect(await s().read.messages.locate('missing')).toBeNull();
      await s().write((tx) => tx.messages.replaceContent('c1', 2, 'Removed by a moderator'));
      expect(await s().read.messages.bySeq('c1', 2)).toEqual({ ...m, text: 'Removed by a moderator', entities: [] });
      expect(await s().read.messages.bySeq('c1', 1)).toEqual(message('c1', 1, 'ada'));
    });
  });
}
