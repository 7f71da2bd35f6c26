/**
 * Reports and the moderation queue through the public API: context capture, idempotency, access,
 * the operator role, tombstones with a durable event, suspension closing sockets, the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DurableEvent, Report } from '@backchannel/protocol';
import { SpySocket, signupUser, startTestServer, type TestServer, type TestUser } from '../../testing/harness.js';
import { api, cmid } from '../requests/requests.test-helpers.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function operator(): Promise<TestUser> {
  const op = await signupUser(server);
  // What `admin grant-role <username> operator` does.
  await server.deps.store.write((tx) => tx.users.update(op.id, { roles: ['operator'] }));
  return op;
}

/** A and B talk in a 1:1 (B follows A); A sends six messages; returns their ids in order. */
async function thread() {
  const [a, b] = [await signupUser(server), await signupUser(server)];
  await b.client.follow(a.id);
  const conv = await a.client.openDirect(b.id);
  const ids: string[] = [];
  for (let i = 1; i <= 6; i++) ids.push((await a.client.sendMessage(conv.id, { clientMessageId: cmid(), text: `m${i}` })).id);
  return { a, b, conv, ids };
}

describe('reports', () => {
  it('stores the reported message and at most four before it; is idempotent; tells the reported person nothing', async () => {
    const { a, b, ids } = await thread();
    const aSpy = await SpySocket.open(server, a.token);
    await aSpy.settle(); // frames of earlier actions may trail their HTTP answers
    const mark = aSpy.frames.length;
    const first = await api<{ report: { id: string } }>(server, b, 'POST', '/v1/reports', { target: { kind: 'message', messageId: ids[5] }, reason: 'harassment', note: 'rude' });
    expect(first.status).toBe(201);
    const again = await api<{ report: { id: string } }>(server, b, 'POST', '/v1/reports', { target: { kind: 'message', messageId: ids[5] }, reason: 'spam' });
    expect(again.status).toBe(200);
    expect(again.body.report.id).toBe(first.body.report.id);
    await aSpy.settle();
    expect(aSpy.frames.slice(mark).filter((f) => f.type !== 'ack')).toEqual([]);
    const op = await operator();
    const got = await api<{ report: Report }>(server, op, 'GET', `/v1/moderation/reports/${first.body.report.id}`);
    expect(got.body.report.context.map((m) => m.text)).toEqual(['m2', 'm3', 'm4', 'm5', 'm6']);
    expect(got.body.report.reportedUser?.id).toBe(a.id);
    expect(got.body.report.reporter.id).toBe(b.id);
    aSpy.close();
  });

  it('answers not_found for what the reporter cannot see, self_action for yourself, bad_request for bad input', async () => {
    const { a, conv, ids } = await thread();
    const stranger = await signupUser(server);
    const r = (u: TestUser, body: unknown) => api(server, u, 'POST', '/v1/reports', body);
    expect((await r(stranger, { target: { kind: 'message', messageId: ids[0] }, reason: 'spam' })).body.code).toBe('not_found');
    expect((await r(stranger, { target: { kind: 'conversation', conversationId: conv.id }, reason: 'spam' })).body.code).toBe('not_found');
    expect((await r(stranger, { target: { kind: 'message', messageId: 'nope' }, reason: 'spam' })).body.code).toBe('not_found');
    expect((await r(a, { target: { kind: 'message', messageId: ids[0] }, reason: 'spam' })).body.code).toBe('self_action');
    expect((await r(a, { target: { kind: 'user', userId: a.id }, reason: 'spam' })).body.code).toBe('self_action');
    expect((await r(a, { target: { kind: 'user', userId: stranger.id }, reason: 'meh' })).body.code).toBe('bad_request');
    expect((await r(a, { target: { kind: 'planet', id: 'x' }, reason: 'spam' })).body.code).toBe('bad_request');
    const withBlock = await r(stranger, { target: { kind: 'user', userId: a.id }, reason: 'spam', block: true });
    expect(withBlock.status).toBe(201);
    expect((await stranger.client.profile(a.id)).blockedByMe).toBe(true);
  });
});

describe('moderation queue', () => {
  it('is for operators only', async () => {
    const user = await signupUser(server);
    for (const [m, p] of [['GET', '/v1/moderation/reports'], ['GET', '/v1/moderation/audit'], ['POST', `/v1/moderation/users/${user.id}/suspend`]] as const) {
      expect((await api(server, user, m, p, m === 'POST' ? {} : undefined)).body.code).toBe('forbidden');
    }
  });

  it('lists, dismisses, removes a message (tombstone + event for members), suspends (sockets close 4001, no login), audits all', async () => {
    const { a, b, conv, ids } = await thread();
    const op = await operator();
    const rep = await api<{ report: { id: string } }>(server, b, 'POST', '/v1/reports', { target: { kind: 'message', messageId: ids[2] }, reason: 'hate' });
    const other = await api<{ report: { id: string } }>(server, b, 'POST', '/v1/reports', { target: { kind: 'user', userId: a.id }, reason: 'spam' });
    const open = await api<{ reports: Report[] }>(server, op, 'GET', '/v1/moderation/reports?state=open');
    expect(open.body.reports.map((r) => r.id)).toEqual(expect.arrayContaining([rep.body.report.id, other.body.report.id]));

    const dismissed = await api<{ report: Report }>(server, op, 'POST', `/v1/moderation/reports/${other.body.report.id}/dismiss`, { note: 'not spam' });
    expect(dismissed.body.report.state).toBe('dismissed');

    const bSpy = await SpySocket.open(server, b.token);
    expect((await api(server, op, 'POST', `/v1/moderation/messages/${ids[2]}/remove`, { reportId: rep.body.report.id })).status).toBe(200);
    const removed = (await bSpy.waitFor((f) => f.type === 'message.removed')) as DurableEvent & { data: { messageId: string; seq: number } };
    expect(removed.data).toMatchObject({ messageId: ids[2], seq: 3 });
    const hist = await b.client.history(conv.id);
    // A proper field, so the tombstone survives a reload: text emptied, `tombstone.by` operator.
    expect(hist.messages.map((m) => m.text)).toEqual(['m1', 'm2', '', 'm4', 'm5', 'm6']);
    expect(hist.messages.map((m) => m.tombstone?.by ?? null)).toEqual([null, null, 'operator', null, null, null]);
    expect((await api(server, op, 'POST', '/v1/moderation/messages/nope/remove', {})).body.code).toBe('not_found');

    const aSpy = await SpySocket.open(server, a.token);
    expect((await api(server, op, 'POST', `/v1/moderation/users/${a.id}/suspend`, { note: 'repeat offender' })).status).toBe(200);
    expect(await aSpy.waitClosed()).toBe(4001);
    expect((await api(server, a, 'GET', '/v1/me')).status).toBeGreaterThanOrEqual(401);
    const login = await api(server, null, 'POST', '/v1/auth/login', { username: a.username, password: 'correct horse battery' });
    expect(login.body.code).toBe('account_suspended');

    const audit = await api<{ entries: Array<{ action: string; operatorId: string }> }>(server, op, 'GET', '/v1/moderation/audit?limit=10');
    expect(audit.body.entries.slice(0, 3).map((e) => e.action).sort()).toEqual(['message.removed', 'report.dismissed', 'user.suspended']);
    expect(audit.body.entries.every((e) => e.operatorId === op.id)).toBe(true);
    expect((await api<{ report: Report }>(server, op, 'GET', `/v1/moderation/reports/${rep.body.report.id}`)).body.report.state).toBe('actioned');
    bSpy.close();
  });
});
