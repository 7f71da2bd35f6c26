/**
 * Withdrawing a report (`DELETE /v1/reports/{id}`), through the public API on a fake clock: only the
 * reporter, only within the window, only while no operator acted; audited; silent; and the target
 * can be reported again afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, Report, ReportReceipt } from '@backchannel/protocol';
import { SpySocket, signupUser, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { TestClock } from '../../testing/clock.js';
import { api, cmid } from '../requests/requests.test-helpers.js';

const WINDOW_S = 60;
const clock = new TestClock();
let server: TestServer;
let noUndo: TestServer;
beforeAll(async () => {
  server = await startTestServer({ reportWithdrawSeconds: WINDOW_S }, { clock });
  noUndo = await startTestServer({ reportWithdrawSeconds: 0 });
});
afterAll(async () => {
  await server.close();
  await noUndo.close();
});

async function operator(s: TestServer): Promise<TestUser> {
  const op = await signupUser(s);
  await s.deps.store.write((tx) => tx.users.update(op.id, { roles: ['operator'] }));
  return op;
}

/** B follows A, A writes to B; B reports A's message. */
async function reported(s: TestServer = server) {
  const [a, b] = [await signupUser(s), await signupUser(s)];
  await b.client.follow(a.id);
  const conv = await a.client.openDirect(b.id);
  const msg = await a.client.sendMessage(conv.id, { clientMessageId: cmid(), text: 'you will regret this' });
  const target = { kind: 'message', messageId: msg.id };
  const res = await api<{ report: ReportReceipt }>(s, b, 'POST', '/v1/reports', { target, reason: 'harassment' });
  expect(res.status).toBe(201);
  return { a, b, target, receipt: res.body.report };
}

const withdraw = (s: TestServer, u: TestUser, id: string) => api(s, u, 'DELETE', `/v1/reports/${id}`);

describe('withdrawing a report', () => {
  it('lets the reporter take it back within the window: gone from the queue, audited, silent, reportable again', async () => {
    const { a, b, target, receipt } = await reported();
    expect(Date.parse(receipt.withdrawableUntil!)).toBe(Date.parse(receipt.createdAt) + WINDOW_S * 1000);
    const aSpy = await SpySocket.open(server, a.token);
    await aSpy.settle();
    const mark = aSpy.frames.length;

    clock.advance(WINDOW_S * 1000 - 1);
    const res = await withdraw(server, b, receipt.id);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });

    const op = await operator(server);
    expect((await api(server, op, 'GET', `/v1/moderation/reports/${receipt.id}`)).body.code).toBe('not_found');
    const open = await api<{ reports: Report[] }>(server, op, 'GET', '/v1/moderation/reports?state=open&limit=200');
    expect(open.body.reports.map((r) => r.id)).not.toContain(receipt.id);
    const audit = await api<{ entries: AuditEntry[] }>(server, op, 'GET', '/v1/moderation/audit?limit=50');
    expect(audit.body.entries.find((e) => e.reportId === receipt.id)).toMatchObject({ action: 'report.withdrawn', operatorId: b.id, targetId: a.id, note: '' });

    await aSpy.settle();
    expect(aSpy.frames.slice(mark).filter((f) => f.type !== 'ack')).toEqual([]);
    aSpy.close();

    // Withdrawn is withdrawn: a second DELETE finds nothing, and a new report is a new report.
    expect((await withdraw(server, b, receipt.id)).body.code).toBe('not_found');
    const again = await api<{ report: ReportReceipt }>(server, b, 'POST', '/v1/reports', { target, reason: 'spam' });
    expect(again.status).toBe(201);
    expect(again.body.report.id).not.toBe(receipt.id);
  });

  it('is the reporter’s alone: anyone else, the operator included, gets not_found', async () => {
    const { a, receipt } = await reported();
    const op = await operator(server);
    expect((await withdraw(server, a, receipt.id)).body.code).toBe('not_found');
    expect((await withdraw(server, op, receipt.id)).body.code).toBe('not_found');
    expect((await withdraw(server, op, 'no-such-report')).body.code).toBe('not_found');
    expect((await api<{ report: Report }>(server, op, 'GET', `/v1/moderation/reports/${receipt.id}`)).body.report.state).toBe('open');
  });

  it('answers conflict once the window has passed, and the receipt then says so', async () => {
    const { b, target, receipt } = await reported();
    clock.advance(WINDOW_S * 1000 + 1);
    const late = await withdraw(server, b, receipt.id);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('conflict');
    const again = await api<{ report: ReportReceipt }>(server, b, 'POST', '/v1/reports', { target, reason: 'harassment' });
    expect(again.status).toBe(200);
    expect(again.body.report).toMatchObject({ id: receipt.id, withdrawableUntil: null });
  });

  it('answers conflict once an operator acted, even inside the window', async () => {
    const { b, receipt } = await reported();
    const op = await operator(server);
    await api(server, op, 'POST', `/v1/moderation/reports/${receipt.id}/dismiss`, {});
    const res = await withdraw(server, b, receipt.id);
    expect(res.body.code).toBe('conflict');
    expect((await api<{ report: Report }>(server, op, 'GET', `/v1/moderation/reports/${receipt.id}`)).body.report.state).toBe('dismissed');
  });

  it('is off with a window of 0', async () => {
    const { b, receipt } = await reported(noUndo);
    expect(receipt.withdrawableUntil).toBeNull();
    expect((await withdraw(noUndo, b, receipt.id)).body.code).toBe('conflict');
  });
});
